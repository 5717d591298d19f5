/* diag.c — DIAGNOSE: how a program in a virtual machine asks CP for a
 * service.  On a real S/370 DIAGNOSE (X'83') is model-dependent; under
 * VM/370 it is the guest's call to CP.  It is privileged, so it traps like
 * any other privileged instruction, and vmrun.c passes it here.
 *
 * VM/370's conventions (System Programmer's Guide, "DIAGNOSE Instruction in
 * a Virtual Machine"; z/VM's CP Programming Services keeps the same codes):
 * the code is the instruction's displacement, and its R1 and R3 fields name
 * two registers, Rx and Ry, with the operands.  Addresses are 24-bit.
 *
 *   X'00' store the extended identification: Rx a doubleword, Ry how many
 *         bytes (at most 32: system name, version, CPU version code, MCEL
 *         length, CPU address, user id, program product bit map);
 *   X'08' a CP command: Rx its text, Ry its length (flag X'40' in the high
 *         byte: the response into the buffer at Rx+1, length Ry+1); Ry
 *         comes back with the completion code, CC 1 when the response did
 *         not fit;
 *   X'0C' pseudo timer: 32 bytes at Rx (doubleword): date MM/DD/YY and time
 *         HH:MM:SS in EBCDIC, then the virtual and the total CPU time in
 *         microseconds (both the TOD time the machine ran: CP's own time
 *         for it is not counted apart yet);
 *   X'10' release pages Rx to Ry (page addresses): they read as zeros;
 *   X'18' standard DASD I/O, X'20' general I/O: diag_io.c;
 *   X'24' device type and features of the virtual device Rx (-1: the
 *         console) in Ry and Ry+1, CC 0, 2 (no real device) or 3 (none);
 *   X'5C' error message editing: Rx and Ry (a message) cut to what SET
 *         EMSG asks for;
 *   X'60' the virtual machine's storage size in bytes into Rx.
 * Others: specification exception, as VM/370 answers an unknown code.
 * Bad operands are the program interruption the guest would get on a real
 * VM/370: specification (X'06') or addressing (X'05'), reflected.
 */
#include "cp.h"

/* The codes counted for INDICATE USER, in the order shown. */
static const uint16_t counted[DIAG_COUNTED] = {0x00, 0x08, 0x0C, 0x10, 0x18, 0x20, 0x24, 0x5C, 0x60};

static bool in_machine(const struct vm *v, uint32_t a, uint32_t n)
{
	return a + n >= a && a + n <= v->pages * 4096u;
}

/* ---- X'00' store extended-identification code ---- */

/* The 32 bytes VM/370 stores, with our values: what the real CPU says
 * (STIDP's version code and MCEL length, STAP's address), the name and
 * version of this CP, the user, and no program products. */
static void extended_id(const struct user *u, uint8_t id[32])
{
	uint64_t cpuid;
	uint16_t cpuaddr;
	__asm__ volatile("stidp %0" : "=Q"(cpuid));
	__asm__ volatile("stap %0" : "=Q"(cpuaddr));
	memset(id, 0, 32);
	cp_to_ebcdic(id, "S370CP  ", 8);
	/* version, level, PLC: from CP_VERSION "v.l" */
	const char *p = CP_VERSION;
	for (int k = 0; k < 3 && *p; k++) {
		unsigned n = 0;
		while (*p >= '0' && *p <= '9')
			n = n * 10 + (unsigned)(*p++ - '0');
		id[8 + k] = (uint8_t)n;
		if (*p == '.')
			p++;
	}
	id[11] = (uint8_t)(cpuid >> 56);      /* CPU ID bits 0-7: the version code */
	id[12] = (uint8_t)(cpuid >> 8);       /* bits 48-63: the MCEL length */
	id[13] = (uint8_t)cpuid;
	id[14] = (uint8_t)(cpuaddr >> 8);
	id[15] = (uint8_t)cpuaddr;
	char name[9];
	cp_format(name, sizeof name, "%-8s", u->id);
	cp_to_ebcdic(id + 16, name, 8);
}

static void diag00(struct user *u, unsigned rx, unsigned ry, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint32_t a = v->g.gpr[rx] & 0xFFFFFF, n = v->g.gpr[ry];
	if (a & 7) {
		vm_reflect_program(v, 0x06, ilc);
		return;
	}
	uint8_t id[32];
	extended_id(u, id);
	if (n > sizeof id)
		n = sizeof id; /* all there is (a CP in a virtual machine would add its host's) */
	if (n && !vm_store(v, a, id, n))
		vm_reflect_program(v, 0x05, ilc);
}

/* ---- X'08' a CP command ---- */

/* What CP answers while it runs a DIAGNOSE 8 command: its lines, in EBCDIC,
 * each followed by X'15', into buf (complete lines only; lost counts the
 * bytes that did not fit), and the completion code: the number of the
 * first error or warning message (S37xxxnnnE: nnn), as VM/370 gives the
 * number of its DMKxxxnnnE. */
static struct {
	bool to_buffer;
	uint32_t size, used, lost;
	uint32_t rc;
	uint8_t buf[8192];
} resp;

static uint32_t message_number(const char *line)
{
	if (strlen(line) < 10 || line[0] != 'S' || line[1] != '3' || line[2] != '7' || (line[9] != 'E' && line[9] != 'W'))
		return 0;
	uint32_t n = 0;
	for (int k = 6; k < 9; k++) {
		if (line[k] < '0' || line[k] > '9')
			return 0;
		n = n * 10 + (uint32_t)(line[k] - '0');
	}
	return n;
}

/* user_printf's hook (struct user's capture) for the command's duration. */
static bool capture(struct user *u, const char *line)
{
	(void)u;
	if (!resp.rc)
		resp.rc = message_number(line);
	if (!resp.to_buffer)
		return false; /* to the terminal, as usual */
	uint32_t n = (uint32_t)strlen(line);
	if (!resp.lost && resp.used + n + 1 <= resp.size) {
		cp_to_ebcdic(resp.buf + resp.used, line, n);
		resp.buf[resp.used + n] = 0x15; /* new line */
		resp.used += n + 1;
	} else {
		resp.lost += n + 1;
	}
	return true;
}

enum { DIAG8_MAX_TEXT = 240, DIAG8_MAX_BUFFER = 8192, DIAG8_BUFFER = 0x40 };

static bool diag08(struct user *u, unsigned rx, unsigned ry, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint32_t ryv = v->g.gpr[ry];
	uint32_t a = v->g.gpr[rx] & 0xFFFFFF, len = ryv & 0xFFFFFF;
	bool to_buffer = (ryv >> 24) & DIAG8_BUFFER;
	if (ryv == 0) { /* no command: the machine goes to CP READ */
		user_attention(u);
		return false;
	}
	/* with a buffer, Rx+1 and Ry+1 are operands too: Rx and Ry apart, not 15 */
	bool regs_bad = to_buffer && (rx == 15 || ry == 15 || rx == ry || rx + 1 == ry || ry + 1 == rx);
	uint32_t baddr = to_buffer && !regs_bad ? v->g.gpr[rx + 1] & 0xFFFFFF : 0;
	uint32_t blen = to_buffer && !regs_bad ? v->g.gpr[ry + 1] : 0;
	if (regs_bad || len > DIAG8_MAX_TEXT || blen > DIAG8_MAX_BUFFER) {
		vm_reflect_program(v, 0x06, ilc);
		return true;
	}
	uint8_t text[DIAG8_MAX_TEXT];
	if (!vm_fetch(v, a, text, len) || (to_buffer && !in_machine(v, baddr, blen))) {
		vm_reflect_program(v, 0x05, ilc); /* the text or the buffer is not in the machine */
		return true;
	}
	uint8_t psw[8];
	memcpy(psw, v->psw, 8);
	resp.to_buffer = to_buffer;
	resp.size = blen;
	resp.used = resp.lost = resp.rc = 0;
	u->capture = capture;
	/* commands separated by X'15', one after the other */
	for (uint32_t k = 0; k < len && u->used && u->vm == v;) {
		char line[DIAG8_MAX_TEXT + 1];
		uint32_t n = 0;
		while (k < len && text[k] != 0x15)
			line[n++] = (char)cp_e2a[text[k++]];
		line[n] = 0;
		k++;
		if (n)
			cmd_execute(u, line);
	}
	if (!u->used || u->vm != v)
		return false; /* LOGOFF: there is no machine any more */
	u->capture = NULL;
	if (memcmp(psw, v->psw, 8))
		return true; /* IPL, SYSTEM RESET, STORE PSW: the machine is not where it was */
	v->g.gpr[ry] = resp.rc;
	if (to_buffer) {
		vm_store(v, baddr, resp.buf, resp.used);
		v->g.gpr[ry + 1] = resp.lost ? resp.lost : resp.used;
	}
	vm_set_cc(v, resp.lost ? 1 : 0);
	return true;
}

/* ---- X'0C' pseudo timer ---- */

static void diag0c(struct vm *v, unsigned rx, uint8_t ilc)
{
	uint32_t a = v->g.gpr[rx] & 0xFFFFFF;
	if (a & 7) {
		vm_reflect_program(v, 0x06, ilc);
		return;
	}
	struct cp_time t;
	cp_time(&t);
	char text[20];
	uint8_t p[32];
	cp_format(text, sizeof text, "%02u/%02u/%02u%02u:%02u:%02u", t.month, t.day, t.year % 100, t.hour, t.min,
	          t.sec);
	cp_to_ebcdic(p, text, 16);
	uint64_t us = v->cpu_tod >> 12; /* the time it ran, in microseconds */
	for (int k = 7; k >= 0; k--, us >>= 8)
		p[16 + k] = p[24 + k] = (uint8_t)us;
	if (!vm_store(v, a, p, 32))
		vm_reflect_program(v, 0x05, ilc);
}

/* ---- X'10' release pages ---- */

/* The pages from Rx to Ry (both page addresses, Rx not above Ry) are given
 * back, as in VM/370: their frames and paging slots are freed and the next
 * touch brings a page of zeros (paging.c).  Page 0 and pages fixed for a
 * channel program stay where they are, zeroed. */
static void diag10(struct vm *v, unsigned rx, unsigned ry, uint8_t ilc)
{
	uint32_t first = v->g.gpr[rx] & 0xFFFFFF, last = v->g.gpr[ry] & 0xFFFFFF;
	if ((first & 0xFFF) || (last & 0xFFF) || first > last) {
		vm_reflect_program(v, 0x06, ilc);
		return;
	}
	if (!in_machine(v, last, 4096)) {
		vm_reflect_program(v, 0x05, ilc);
		return;
	}
	for (uint32_t a = first; a <= last; a += 4096) {
		if (a && !v->fixed[a >> 12])
			page_release(v, a >> 12);
		else
			memset(vm_addr(v, a, 4096), 0, 4096);
	}
}

/* ---- X'24' device type and features ---- */

/* VM/370's device class and type codes (VDEVTYPC/VDEVTYPE, RDEVTYPC/
 * RDEVTYPE) for the device types our machines have.  The classes
 * (terminal X'80', graphics X'40', unit record in X'20' and out X'10',
 * tape X'08', DASD X'04') and the terminal, display, unit record and tape
 * types are those z/VM still returns (DIAGNOSE X'210' keeps them); the
 * DASD types are VM/370's. */
static const struct devcode {
	uint16_t type;
	uint8_t cls, code;
} devcodes[] = {
	{0x3215, 0x80, 0x00}, /* terminal: the console */
	{0x3277, 0x40, 0x04}, {0x3278, 0x40, 0x01}, /* graphics: a display */
	{0x2540, 0x20, 0x82}, {0x3505, 0x20, 0x84}, {0x2501, 0x20, 0x81}, /* unit record in */
	{0x1403, 0x10, 0x41}, {0x3211, 0x10, 0x42}, {0x3525, 0x10, 0x84}, /* unit record out */
	{0x3420, 0x08, 0x10}, {0x3480, 0x08, 0x01}, /* tape */
	{0x2314, 0x04, 0x40}, {0x3330, 0x04, 0x10}, {0x3350, 0x04, 0x08}, /* DASD */
	/* FBA: VM/370 had none; VM/SP and z/VM put FBA devices in a class of
	 * their own, X'01' (CKD DASD are X'04'; Linux's DIAGNOSE X'210' DASD
	 * driver tests the same class byte), with one type for every 512-byte
	 * block device, X'01' ("CP370 Device Types", z/VM CP Programming
	 * Services: the type byte is from memory, not a citation).  A guest
	 * tells a 3310 from a 3370 by Sense ID. */
	{0x3310, 0x01, 0x01}, {0x3370, 0x01, 0x01}, /* FBA: class X'01' */
};

static uint16_t devcode(uint16_t type, char spool_kind)
{
	if (type == 0x2540 && spool_kind == 'P')
		return 0x1082; /* the 2540's punch side is unit record out */
	for (size_t k = 0; k < sizeof devcodes / sizeof devcodes[0]; k++)
		if (devcodes[k].type == type)
			return (uint16_t)(devcodes[k].cls << 8 | devcodes[k].code);
	return 0;
}

/* VDEVSTAT and VDEVFLAG bits we have a meaning for. */
enum { VDEV_STAT_BUSY = 0x20, VDEV_STAT_DEDICATED = 0x01, VDEV_FLAG_READONLY = 0x80 };

static void diag24(struct user *u, unsigned rx, unsigned ry)
{
	struct vm *v = u->vm;
	uint32_t want = v->g.gpr[rx];
	struct vdev *d = NULL;
	for (int k = 0; k < v->ndev && !d; k++)
		if (want == 0xFFFFFFFFu ? v->dev[k].kind == VDEV_CONSOLE : want == v->dev[k].vaddr)
			d = &v->dev[k];
	if (!d) { /* no such address, or no console */
		vm_set_cc(v, 3);
		return;
	}
	struct rdev *r = d->kind == VDEV_MDISK ? d->real : d->kind == VDEV_DEDICATED ? io_find(d->raddr) : NULL;
	uint16_t vtype = d->kind == VDEV_DEDICATED && r ? r->type : d->type;
	uint8_t stat = (uint8_t)((d->busy ? VDEV_STAT_BUSY : 0) | (d->kind == VDEV_DEDICATED ? VDEV_STAT_DEDICATED : 0));
	uint8_t flag = d->kind == VDEV_MDISK && !d->write ? VDEV_FLAG_READONLY : 0;
	v->g.gpr[ry] = (uint32_t)devcode(vtype, d->spool_kind) << 16 | (uint32_t)stat << 8 | flag;
	if (want == 0xFFFFFFFFu)
		v->g.gpr[rx] = d->vaddr; /* byte 0, the terminal code: none of VM/370's (0) */
	uint32_t real;
	if (d->kind == VDEV_CONSOLE && u->term) {
		/* the terminal the console is on: a display or a line-mode 3215,
		 * and its line length where a feature byte would be */
		bool display = u->term->ops->set_more != NULL;
		real = (uint32_t)devcode(display ? 0x3277 : 0x3215, 0) << 16 | (display ? 80u : 130u);
	} else if (r) {
		real = (uint32_t)devcode(r->type, 0) << 16; /* model and features: none to say */
	} else { /* spooled, not mounted or disconnected: no real device */
		vm_set_cc(v, 2);
		return;
	}
	v->g.gpr[(ry + 1) & 15] = real;
	vm_set_cc(v, 0);
}

/* ---- X'5C' error message editing ---- */

/* Rx and Ry describe a message "S37xxxnnns text" (the code 10 bytes, a
 * blank, the text); the guest writes what comes back: all of it (SET EMSG
 * ON), the code (CODE), the text (TEXT) or nothing (OFF). */
enum { EMSG_CODE_LEN = 10 };

static void diag5c(struct user *u, unsigned rx, unsigned ry)
{
	struct vm *v = u->vm;
	uint32_t len = v->g.gpr[ry];
	switch (u->set.emsg) {
	case EMSG_CODE:
		if (len > EMSG_CODE_LEN)
			v->g.gpr[ry] = EMSG_CODE_LEN;
		break;
	case EMSG_TEXT: {
		uint32_t skip = len > EMSG_CODE_LEN + 1 ? EMSG_CODE_LEN + 1 : len;
		v->g.gpr[rx] = (v->g.gpr[rx] & 0xFF000000u) | ((v->g.gpr[rx] + skip) & 0xFFFFFF);
		v->g.gpr[ry] = len - skip;
		break;
	}
	case EMSG_OFF:
		v->g.gpr[ry] = 0;
		break;
	default: /* ON: as it is */
		break;
	}
}

/* ---- the instruction ---- */

/* The DIAGNOSE instruction b (ilc bytes) of the guest.  Returns false when
 * the machine was stopped (or is gone). */
bool diag_execute(struct user *u, const uint8_t *b, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint32_t code = (uint32_t)(b[2] & 0x0F) << 8 | b[3];
	unsigned rx = b[1] >> 4, ry = b[1] & 15;
	for (int k = 0; k < DIAG_COUNTED; k++)
		if (counted[k] == code)
			v->count.diag[k]++;
	switch (code) {
	case 0x00:
		diag00(u, rx, ry, ilc);
		return true;
	case 0x08:
		return diag08(u, rx, ry, ilc);
	case 0x0C:
		diag0c(v, rx, ilc);
		return true;
	case 0x10:
		diag10(v, rx, ry, ilc);
		return true;
	case 0x14:
		diag14(u, rx, ry, ilc); /* input spool files: diag14.c */
		return true;
	case 0x18:
		diag_dasd_io(u, rx, ry);
		return true;
	case 0x20:
		diag_general_io(u, rx, ry);
		return true;
	case 0x24:
		diag24(u, rx, ry);
		return true;
	case 0x5C:
		diag5c(u, rx, ry);
		return true;
	case 0x58:
		return diag58(u, b, ilc); /* the virtual 3270: diag58.c */
	case 0x60:
		v->g.gpr[rx] = v->pages * 4096u;
		return true;
	}
	vm_reflect_program(v, 0x06, ilc); /* a code CP does not offer */
	return true;
}

/* INDICATE USER's line: the DIAGNOSEs by code. */
void diag_indicate(struct user *u, const struct vm *v)
{
	char line[160];
	int n = cp_format(line, sizeof line, "DIAGNOSE BY CODE:");
	bool any = false;
	for (int k = 0; k < DIAG_COUNTED; k++)
		if (v->count.diag[k] && n < (int)sizeof line) {
			n += cp_format(line + n, sizeof line - (size_t)n, " %02X=%u", counted[k], v->count.diag[k]);
			any = true;
		}
	if (any)
		user_printf(u, "%s", line);
}
