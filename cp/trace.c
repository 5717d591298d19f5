/* trace.c — TRACE: watching trap and emulate happen.
 *
 * A virtual machine runs on the real CPU until something makes the CPU
 * come back to CP: a privileged instruction (CP simulates it), an
 * interruption CP reflects into the guest (SVC, program, external, I/O), a
 * channel program CP runs for it.  TRACE shows each of those as it happens,
 * one line each, on the user's terminal, a printer spool file, or both; with
 * NORUN (the default at a terminal) the machine stops after each line, CP
 * READ, and BEGIN lets it go on to the next: an instruction step.
 *
 *   TRACE SVC|PROGram|EXTernal|IO|PRIV|INSTruct|BRanch|CCW|ALL ... [TERMinal|PRINTer|BOTH] [RUN|NORUN] [OFF]
 *                                  (CCW: each channel program, guest and translated; not in ALL)
 *   TRACE END                      everything off
 *   QUERY TRACE
 *
 * (VM/370 Release 6, CP Command Reference, TRACE.)  The events are
 * cumulative: TRACE SVC, then TRACE PRIV, traces both; OFF takes the named
 * ones away.  The output and RUN/NORUN apply to all of them.
 *
 * Where each comes from (one call each, in vmrun.c):
 *   SVC, PROGRAM, EXTERNAL, I/O interruptions  vm_reflect:   trace_reflect
 *   privileged instructions                    simulate:     trace_priv
 *   SIO TIO HIO TCH (with the CC)               simulate:     trace_io
 *   every instruction, every branch             PER:          trace_dispatch, trace_per
 *
 * INSTRUCT and BRANCH have no trap of their own: the guest's ordinary
 * instructions never come back to CP.  So CP asks the machine for one:
 * Program Event Recording (GA22-7000, "Program-Event Recording").  While a
 * traced guest runs, its real PSW has bit 1 (the PER mask) on and CR9 asks
 * for instruction-fetching events (bit 1) over all of storage (CR10 = 0,
 * CR11 = X'FFFFFF') and successful-branching events (bit 0).  After each
 * such instruction the CPU makes a program interruption, code X'80' (or'ed
 * into any other program interruption code), with the PER code at X'96' and
 * the instruction's address at X'98': it comes back to CP like any other
 * trap, CP shows the instruction and lets the guest go on.
 *
 * A guest may use PER itself (EC mode, its PSW bit 1, its own CR9-CR11): then
 * the real CR9 asks for its events and CP's, and each event is given to
 * whoever asked — CP shows its own and reflects to the guest those it asked
 * for, as a program interruption X'80' with its PER code and address.
 * Limits: with INSTRUCT on, CR10-CR11 must cover all storage, so a guest's
 * storage-alteration events cannot be limited to its own range then; and a
 * guest's PER event together with an exception CP handles itself
 * (privileged operation, page fault) is not reflected.  Its event on an SVC
 * is (svc_per), after the SVC interruption, as the CPU would have.
 *
 * A PER event on an SVC comes after the SVC interruption has put CP's SVC
 * new PSW in place: start.S's program-interruption stub sees a PER
 * interruption in supervisor state, keeps the PER code and address at
 * LC_SVC_PER and goes back into the SVC stub; trace_reflect finds them there.
 */
#include "ccwtrans.h"
#include "lowcore.h"

enum { LC_PER_CODE = 150, LC_PER_ADDR = 152, LC_SVC_PER = 0xD40 };
enum { PER_BRANCH = 0x80, PER_IFETCH = 0x40, PER_STORE = 0x20, PER_GPR = 0x10 }; /* the PER code's bits */

/* ---- mnemonics (GA22-7000 appendix; S37X's ESA/390 additions) ---- */

static const char *const mnem1[256] = {
    [0x04] = "SPM",  [0x05] = "BALR", [0x06] = "BCTR",  [0x07] = "BCR",   [0x08] = "SSK",   [0x09] = "ISK",
    [0x0A] = "SVC",  [0x0D] = "BASR", [0x0E] = "MVCL",  [0x0F] = "CLCL",  [0x10] = "LPR",   [0x11] = "LNR",
    [0x12] = "LTR",  [0x13] = "LCR",  [0x14] = "NR",    [0x15] = "CLR",   [0x16] = "OR",    [0x17] = "XR",
    [0x18] = "LR",   [0x19] = "CR",   [0x1A] = "AR",    [0x1B] = "SR",    [0x1C] = "MR",    [0x1D] = "DR",
    [0x1E] = "ALR",  [0x1F] = "SLR",  [0x20] = "LPDR",  [0x21] = "LNDR",  [0x22] = "LTDR",  [0x23] = "LCDR",
    [0x24] = "HDR",  [0x25] = "LRDR", [0x26] = "MXR",   [0x27] = "MXDR",  [0x28] = "LDR",   [0x29] = "CDR",
    [0x2A] = "ADR",  [0x2B] = "SDR",  [0x2C] = "MDR",   [0x2D] = "DDR",   [0x2E] = "AWR",   [0x2F] = "SWR",
    [0x30] = "LPER", [0x31] = "LNER", [0x32] = "LTER",  [0x33] = "LCER",  [0x34] = "HER",   [0x35] = "LRER",
    [0x36] = "AXR",  [0x37] = "SXR",  [0x38] = "LER",   [0x39] = "CER",   [0x3A] = "AER",   [0x3B] = "SER",
    [0x3C] = "MER",  [0x3D] = "DER",  [0x3E] = "AUR",   [0x3F] = "SUR",   [0x40] = "STH",   [0x41] = "LA",
    [0x42] = "STC",  [0x43] = "IC",   [0x44] = "EX",    [0x45] = "BAL",   [0x46] = "BCT",   [0x47] = "BC",
    [0x48] = "LH",   [0x49] = "CH",   [0x4A] = "AH",    [0x4B] = "SH",    [0x4C] = "MH",    [0x4D] = "BAS",
    [0x4E] = "CVD",  [0x4F] = "CVB",  [0x50] = "ST",    [0x54] = "N",     [0x55] = "CL",    [0x56] = "O",
    [0x57] = "X",    [0x58] = "L",    [0x59] = "C",     [0x5A] = "A",     [0x5B] = "S",     [0x5C] = "M",
    [0x5D] = "D",    [0x5E] = "AL",   [0x5F] = "SL",    [0x60] = "STD",   [0x67] = "MXD",   [0x68] = "LD",
    [0x69] = "CD",   [0x6A] = "AD",   [0x6B] = "SD",    [0x6C] = "MD",    [0x6D] = "DD",    [0x6E] = "AW",
    [0x6F] = "SW",   [0x70] = "STE",  [0x71] = "MS",    [0x78] = "LE",    [0x79] = "CE",    [0x7A] = "AE",
    [0x7B] = "SE",   [0x7C] = "ME",   [0x7D] = "DE",    [0x7E] = "AU",    [0x7F] = "SU",    [0x80] = "SSM",
    [0x82] = "LPSW", [0x83] = "DIAG", [0x84] = "BRXH",  [0x85] = "BRXLE", [0x86] = "BXH",   [0x87] = "BXLE",
    [0x88] = "SRL",  [0x89] = "SLL",  [0x8A] = "SRA",   [0x8B] = "SLA",   [0x8C] = "SRDL",  [0x8D] = "SLDL",
    [0x8E] = "SRDA", [0x8F] = "SLDA", [0x90] = "STM",   [0x91] = "TM",    [0x92] = "MVI",   [0x93] = "TS",
    [0x94] = "NI",   [0x95] = "CLI",  [0x96] = "OI",    [0x97] = "XI",    [0x98] = "LM",    [0x9C] = "SIO",
    [0x9D] = "TIO",  [0x9E] = "HIO",  [0x9F] = "TCH",   [0xAC] = "STNSM", [0xAD] = "STOSM", [0xAE] = "SIGP",
    [0xAF] = "MC",   [0xB1] = "LRA",  [0xB6] = "STCTL", [0xB7] = "LCTL",  [0xBA] = "CS",    [0xBB] = "CDS",
    [0xBD] = "CLM",  [0xBE] = "STCM", [0xBF] = "ICM",   [0xD1] = "MVN",   [0xD2] = "MVC",   [0xD3] = "MVZ",
    [0xD4] = "NC",   [0xD5] = "CLC",  [0xD6] = "OC",    [0xD7] = "XC",    [0xDC] = "TR",    [0xDD] = "TRT",
    [0xDE] = "ED",   [0xDF] = "EDMK", [0xF0] = "SRP",   [0xF1] = "MVO",   [0xF2] = "PACK",  [0xF3] = "UNPK",
    [0xF8] = "ZAP",  [0xF9] = "CP",   [0xFA] = "AP",    [0xFB] = "SP",    [0xFC] = "MP",    [0xFD] = "DP",
};

static const char *mnemonic(const uint8_t *b)
{
	static const char *const a7[16] = {
	    [0] = "TMH", [1] = "TML",  [4] = "BRC",  [5] = "BRAS", [6] = "BRCT",
	    [8] = "LHI", [10] = "AHI", [12] = "MHI", [14] = "CHI"};
	static const char *const c0[16] = {[0] = "LARL", [4] = "BRCL", [5] = "BRASL"};
	const char *m = NULL;
	switch (b[0]) {
	case 0x9C:
		return b[1] & 1 ? "SIOF" : "SIO";
	case 0x9D:
		return b[1] & 1 ? "CLRIO" : "TIO";
	case 0x9E:
		return b[1] & 1 ? "HDV" : "HIO";
	case 0xA7:
		m = a7[b[1] & 15];
		break;
	case 0xC0:
		m = c0[b[1] & 15];
		break;
	case 0xB2:
		switch (b[1]) {
		case 0x02:
			return "STIDP";
		case 0x03:
			return "STIDC";
		case 0x04:
			return "SCK";
		case 0x05:
			return "STCK";
		case 0x06:
			return "SCKC";
		case 0x07:
			return "STCKC";
		case 0x08:
			return "SPT";
		case 0x09:
			return "STPT";
		case 0x0A:
			return "SPKA";
		case 0x0B:
			return "IPK";
		case 0x0D:
			return "PTLB";
		case 0x13:
			return "RRB";
		case 0x22:
			return "IPM";
		case 0x52:
			return "MSR";
		case 0x55:
			return "MVST";
		case 0x5D:
			return "CLST";
		case 0x5E:
			return "SRST";
		}
		break;
	default:
		m = mnem1[b[0]];
	}
	return m ? m : "????";
}

static unsigned insn_length(uint8_t op)
{
	return op < 0x40 ? 2 : op < 0xC0 ? 4 : 6;
}

/* n bytes in hex, no blanks */
static void hex_bytes(char *out, size_t size, const uint8_t *p, unsigned n)
{
	int len = 0;
	for (unsigned k = 0; k < n; k++)
		len += cp_format(out + len, size - (size_t)len, "%02X", p[k]);
}

/* the instruction's bytes, as VM/370 shows them */
static void insn_hex(char *out, size_t size, const uint8_t *b)
{
	hex_bytes(out, size, b, insn_length(b[0]));
}

/* ---- output ---- */

enum { PRT_FILES = 16 };
static struct {
	struct user *u;
	struct spool_file *f;
} printer[PRT_FILES]; /* TRACE PRINTER: the open spool file of each tracing user */

static struct spool_file **printer_file(struct user *u, bool make)
{
	for (int k = 0; k < PRT_FILES; k++)
		if (printer[k].u == u)
			return &printer[k].f;
	for (int k = 0; make && k < PRT_FILES; k++)
		if (!printer[k].u) {
			printer[k].u = u;
			printer[k].f = NULL;
			return &printer[k].f;
		}
	return NULL;
}

/* A trace line to where the user asked; NORUN stops the machine after it
 * (CP READ: BEGIN goes on), as VM/370's instruction step. */
static void out(struct user *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(struct user *u, const char *fmt, ...)
{
	char line[132];
	va_list ap;
	va_start(ap, fmt);
	int n = cp_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	struct vm *v = u->vm;
	if (v->trace_out & TRACE_PRINT) {
		struct spool_file **f = printer_file(u, true);
		if (f && !*f && spool_ready())
			*f = spool_create(u->id, 'L', 'A');
		if (f && *f) {
			uint8_t e[132];
			cp_to_ebcdic(e, line, (size_t)n);
			spool_put(*f, 0x09, e, (uint16_t)n); /* write, space one line */
		}
	}
	if (v->trace_out & TRACE_TERM) {
		user_printf(u, "%s", line);
		if (v->trace_norun && v->state != VM_STOPPED) {
			v->resume = v->state == VM_READING ? VM_READING : VM_RUNNING;
			v->state = VM_STOPPED;
		}
	}
}

/* ---- the events ---- */

static bool in_guest_range(const struct vm *v, uint32_t a);
static void show_reflect(struct user *u, struct vm *v, uint32_t old_at, uint16_t code, const uint8_t per[6]);

/* The guest's own PER event on its SVC: as on a real CPU, a program
 * interruption X'80' right after the SVC interruption, with the SVC new PSW
 * as its old PSW — if the PSW that issued the SVC (now the SVC old PSW, at
 * 32) had PER on and CR9-CR11 ask for the event. */
static void svc_per(struct vm *v, const uint8_t per[6])
{
	uint8_t old[8];
	uint32_t at = cp_get32(per + 2) & 0xFFFFFF;
	if (!vm_fetch(v, 32, old, 8) || !(old[1] & 0x08) || !(old[0] & 0x40))
		return;
	uint8_t wanted = per[0] & (uint8_t)(v->cr[9] >> 24) & 0xF0;
	if ((wanted & PER_IFETCH) && !in_guest_range(v, at))
		wanted &= (uint8_t)~PER_IFETCH;
	if (!wanted)
		return;
	uint8_t id[6] = {wanted, 0, 0, (uint8_t)(at >> 16), (uint8_t)(at >> 8), (uint8_t)at};
	vm_store(v, LC_PER_CODE, id, 6);
	vm_reflect_program(v, 0x80, 2);
}

/* An interruption CP just reflected: the guest's old PSW is at old_at in its
 * page 0, its new one in v->psw.
 *   *** vvvvvv SVC  0C   ==> tttttt
 *   *** vvvvvv PROG 0001 ==> tttttt
 *   *** vvvvvv EXT  0040 ==> tttttt
 *   *** vvvvvv I/O  191  ==> tttttt  CSW xxxxxxxx xxxxxxxx */
void trace_reflect(struct vm *v, uint32_t old_at, uint16_t code)
{
	struct user *u = v->user;
	uint8_t per[6];
	if (old_at == 32 && LC8(LC_SVC_PER)) { /* the SVC was a PER event too (start.S kept it) */
		memcpy(per, (const void *)(uintptr_t)LC_SVC_PER, 6);
		LC8(LC_SVC_PER) = 0;
	} else {
		per[0] = 0;
	}
	if (u && v->trace)
		show_reflect(u, v, old_at, code, per);
	if (per[0])
		svc_per(v, per); /* after the SVC's line: the guest's own event follows it */
}

static void show_reflect(struct user *u, struct vm *v, uint32_t old_at, uint16_t code, const uint8_t per[6])
{
	/* VM/370: INSTRUCT and BRANCH show the interruptions too */
	uint8_t ev =
	    v->trace |
	    (v->trace & (TRACE_INSTR | TRACE_BRANCH) ? TRACE_SVC | TRACE_PROG | TRACE_EXT | TRACE_IO : 0);
	uint8_t old[8], csw[8];
	if (!vm_fetch(v, old_at, old, 8))
		return;
	uint32_t from = cp_get32(old + 4) & 0xFFFFFF, to = vm_ia(v);
	if (per[0] & PER_IFETCH && v->trace & TRACE_INSTR) {
		uint32_t at = cp_get32(per + 2) & 0xFFFFFF;
		uint8_t b[6] = {0x0A, (uint8_t)code};
		char hex[16];
		vm_fetch(v, at, b, 2);
		insn_hex(hex, sizeof hex, b);
		out(u, "%06X %-5s %s", at, mnemonic(b), hex);
	}
	switch (old_at) {
	case 32:
		if (ev & TRACE_SVC)
			out(u, "*** %06X SVC  %02X   ==> %06X", from, code & 0xFF, to);
		break;
	case 40:
		if (ev & TRACE_PROG)
			out(u, "*** %06X PROG %04X ==> %06X", from, code, to);
		break;
	case 24:
		if (ev & TRACE_EXT)
			out(u, "*** %06X EXT  %04X ==> %06X", from, code, to);
		break;
	case 56:
		if ((ev & TRACE_IO) && vm_fetch(v, 64, csw, 8))
			out(u, "*** %06X I/O  %03X  ==> %06X  CSW %08X %08X", from, code, to, cp_get32(csw),
			    cp_get32(csw + 4));
		break;
	}
}

/* A privileged instruction CP is about to simulate (the I/O ones: trace_io).
 * BRANCH shows those that change the PSW (VM/370: "PSW instructions"), unless
 * INSTRUCT has shown the instruction already. */
void trace_priv(struct user *u, uint32_t ia, const uint8_t *b)
{
	uint8_t t = u->vm->trace;
	bool psw = b[0] == 0x82 || b[0] == 0x80 || b[0] == 0xAC || b[0] == 0xAD; /* LPSW SSM STNSM STOSM */
	if (!t || (b[0] >= 0x9C && b[0] <= 0x9F) || t & TRACE_INSTR ||
	    !(t & TRACE_PRIV || (t & TRACE_BRANCH && psw)))
		return;
	char hex[16];
	insn_hex(hex, sizeof hex, b);
	out(u, "%06X %-5s %s", ia, mnemonic(b), hex);
}

static const char *vdev_name(const struct vdev *d)
{
	if (!d)
		return "DEV";
	if (d->kind == VDEV_CONSOLE)
		return "CONS";
	if (d->kind == VDEV_SPOOL)
		return d->spool_kind == 'R'   ? "RDR"
		       : d->spool_kind == 'P' ? "PUN"
		       : d->spool_kind == 'L' ? "PRT"
		                              : "GRAF";
	return d->type >> 8 == 0x34 || d->type >> 8 == 0x24 ? "TAPE" : "DASD";
}

/* SIO TIO HIO TCH, simulated: the instruction, the device and the CC it got.
 *   vvvvvv SIO   9C000191 DASD 191 CC 0 */
uint8_t trace_io(struct user *u, uint32_t ia, const uint8_t *b, uint8_t cc)
{
	struct vm *v = u->vm;
	if (!v->trace || !(v->trace & TRACE_IO))
		return cc;
	uint32_t x = (b[2] >> 4) ? v->g.gpr[b[2] >> 4] : 0;
	uint16_t dev = (uint16_t)((x + ((uint32_t)(b[2] & 15) << 8 | b[3])) & 0xFFFF);
	char hex[16];
	insn_hex(hex, sizeof hex, b);
	out(u, "%06X %-5s %s %s %03X CC %u", ia, mnemonic(b), hex, vdev_name(vm_dev(v, dev)), dev, cc);
	return cc;
}

/* ---- TRACE CCW: channel program translation, as it happens ----
 *
 * For each START I/O to a disk, the guest's CCWs and the real ones CP made
 * of them (ccwtrans.c), one line each; CP's own CCWs (a read link's Set
 * File Mask) marked (CP); the arguments CP copied and changed -- a seek's
 * cylinder moved to where the minidisk lies, an FBA extent -- both ways;
 * then the real CSW and the one the guest gets:
 *
 *   CCW  0403D0  07 0403F0 40 0006  =>  07 06CB10 40 0006
 *   ARG  000000000003  =>  0000000B0003
 *   CCW  0403E8  06 086CA0 00 1000  =>  06 06DB00 04 1000
 *   IDAL 3A5CA0 3A5800 3A6000
 *   CSW  191  REAL 0006BF28 0C000000  =>  000403F0 0C000000
 */
void trace_ccws(struct user *u, const struct vdev *d, const struct xlate *x, int from)
{
	struct vm *v = u->vm;
	if (!(v->trace & TRACE_CCW))
		return;
	for (int k = from; k < x->n; k++) {
		const struct ccw *r = &x->real[k];
		uint32_t ra = (uint32_t)r->addr[0] << 16 | (uint32_t)r->addr[1] << 8 | r->addr[2];
		struct gccw g;
		if (!x->guest[k] || !xl_fetch_ccw(v, x->guest[k], &g)) {
			out(u, "CCW  %03X (CP)                     %02X %06X %02X %04X", d->vaddr, r->cmd, ra, r->flags,
			    r->count);
			continue;
		}
		out(u, "CCW  %06X  %02X %06X %02X %04X  =>  %02X %06X %02X %04X", x->guest[k], g.cmd, g.addr, g.flags,
		    g.count, r->cmd, ra, r->flags, r->count);
		if ((r->flags & 0x04) && !(g.flags & 0x04) && g.count) { /* data CP split at 2K: its IDAW list */
			const uint32_t *idaw = (const uint32_t *)(uintptr_t)ra;
			uint32_t n = 1 + ((g.addr & 0x7FF) + g.count - 1) / 2048, shown = n < 6 ? n : 6;
			char line[80];
			int len = cp_format(line, sizeof line, "IDAL");
			for (uint32_t i = 0; i < shown; i++)
				len += cp_format(line + len, sizeof line - (size_t)len, " %06X", idaw[i] & 0xFFFFFF);
			out(u, "%s%s", line, n > shown ? " ..." : "");
		}
		if (ra == (uint32_t)(uintptr_t)x->arg[k] && !(g.flags & 0x04)) { /* an argument CP copied */
			uint8_t ga[16];
			uint32_t n = g.count < sizeof ga ? g.count : sizeof ga;
			char gh[33], rh[33];
			if (!vm_fetch(v, g.addr, ga, n))
				continue;
			hex_bytes(gh, sizeof gh, ga, n);
			hex_bytes(rh, sizeof rh, x->arg[k], n);
			out(u, "ARG  %s  =>  %s", gh, rh);
		}
	}
}

void trace_csw(struct user *u, const struct vdev *d)
{
	if (!(u->vm->trace & TRACE_CCW) || !d->real)
		return;
	const uint8_t *r = d->real->csw;
	out(u, "CSW  %03X  REAL %08X %08X  =>  %08X %08X", d->vaddr, cp_get32(r), cp_get32(r + 4), cp_get32(d->csw),
	    cp_get32(d->csw + 4));
}

/* ---- PER: every instruction, every branch ---- */

static bool guest_per(const struct vm *v)
{
	return vm_ec(v) && (v->psw[0] & 0x40) && (v->cr[9] & 0xF0000000u);
}

/* Just before the guest runs (its real PSW built in v->g.psw): PER on when
 * CP traces instructions or branches, or the guest asked for it.  False
 * when the machine must not run now (a trace line stopped it: NORUN). */
bool trace_dispatch(struct user *u)
{
	struct vm *v = u->vm;
	if (v->state != VM_RUNNING)
		return false;
	uint32_t mine = (v->trace & TRACE_INSTR ? 0x40000000u : 0) |
	                (v->trace & (TRACE_INSTR | TRACE_BRANCH) ? 0x80000000u : 0);
	bool own = guest_per(v);
	if (!mine && !own)
		return true;
	uint32_t cr[3];
	cr[0] = mine | (own ? v->cr[9] & 0xF000FFFFu : 0);
	cr[1] = mine & 0x40000000u || !own ? 0 : v->cr[10] & 0xFFFFFF;
	cr[2] = mine & 0x40000000u || !own ? 0xFFFFFF : v->cr[11] & 0xFFFFFF;
	__asm__ volatile("lctl 9,11,%0" : : "Q"(cr));
	v->g.psw[0] |= 0x40; /* the PER mask */
	return true;
}

static bool in_guest_range(const struct vm *v, uint32_t a)
{
	uint32_t s = v->cr[10] & 0xFFFFFF, e = v->cr[11] & 0xFFFFFF;
	return s <= e ? a >= s && a <= e : a >= s || a <= e;
}

/* A program interruption with X'80' in its code: a PER event.  CP shows
 * what it traces; the guest gets what it asked for; the rest of the code
 * goes back to vm_run (0: nothing more to do).
 *   vvvvvv mnem  hhhhhhhh                (an instruction)
 *   vvvvvv mnem  hhhhhhhh ==> tttttt     (a successful branch) */
uint16_t trace_per(struct user *u, uint16_t code, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint8_t pc = LC8(LC_PER_CODE);
	uint32_t at = LC32(LC_PER_ADDR) & 0xFFFFFF;
	uint16_t rest = code & (uint16_t)~0x80;
	/* a page not in its frame: the instruction was nullified and runs again
	 * once CP has brought the page in; its event comes again then */
	bool again = (rest & 0xFF) == 0x10 || (rest & 0xFF) == 0x11;
	if (!again &&
	    ((pc & PER_IFETCH && v->trace & TRACE_INSTR) || (pc & PER_BRANCH && v->trace & TRACE_BRANCH))) {
		uint8_t b[6] = {0};
		char hex[16];
		vm_fetch(v, at, b, 2);
		vm_fetch(v, at, b, insn_length(b[0]));
		insn_hex(hex, sizeof hex, b);
		if (pc & PER_BRANCH)
			out(u, "%06X %-5s %s ==> %06X", at, mnemonic(b), hex, vm_ia(v));
		else
			out(u, "%06X %-5s %s", at, mnemonic(b), hex);
	}
	uint8_t wanted = 0;
	if (guest_per(v)) {
		wanted = pc & (uint8_t)(v->cr[9] >> 24) & 0xF0;
		if ((wanted & PER_IFETCH) && !in_guest_range(v, at))
			wanted &= (uint8_t)~PER_IFETCH;
	}
	if (!wanted || again || (rest & 0xFF) == 0x02)
		return rest;
	uint8_t id[6] = {wanted, 0, 0, (uint8_t)(at >> 16), (uint8_t)(at >> 8), (uint8_t)at};
	vm_store(v, LC_PER_CODE, id, 6);
	if (rest)
		return rest | 0x80; /* vm_run reflects both together */
	vm_reflect_program(v, 0x80, ilc);
	return 0;
}

/* ---- the commands ---- */

static const struct {
	const char *name;
	uint8_t bits;
} events[] = {
    {"SVC", TRACE_SVC},
    {"PROGram", TRACE_PROG},
    {"EXTernal", TRACE_EXT},
    {"IO", TRACE_IO},
    {"I/O", TRACE_IO},
    {"PRIV", TRACE_PRIV},
    {"INSTruct", TRACE_INSTR},
    {"BRanch", TRACE_BRANCH},
    {"CCW", TRACE_CCW},
    {"ALL", TRACE_SVC | TRACE_PROG | TRACE_EXT | TRACE_IO | TRACE_PRIV | TRACE_INSTR | TRACE_BRANCH},
};

void trace_end(struct user *u)
{
	struct spool_file **f = printer_file(u, false);
	if (f) {
		if (*f)
			spool_close(*f); /* the printer file goes to the printer queue */
		for (int k = 0; k < PRT_FILES; k++)
			if (printer[k].u == u)
				printer[k].u = NULL;
	}
	if (u->vm) {
		u->vm->trace = 0;
		u->vm->trace_out = 0;
		u->vm->trace_norun = false;
	}
}

void trace_cmd(struct user *u, char *rest)
{
	struct vm *v = u->vm;
	cp_upper(rest);
	uint8_t ev = 0, outto = 0;
	int run = -1; /* not given */
	bool off = false, end = false;
	char *w;
	while ((w = cmd_word(&rest))) {
		bool known = false;
		for (size_t k = 0; k < sizeof events / sizeof events[0] && !known; k++)
			if (cmd_abbrev(w, events[k].name)) {
				ev |= events[k].bits;
				known = true;
			}
		if (known)
			continue;
		if (cmd_abbrev(w, "TERMinal"))
			outto = TRACE_TERM;
		else if (cmd_abbrev(w, "PRINTer"))
			outto = TRACE_PRINT;
		else if (cmd_abbrev(w, "BOTH"))
			outto = TRACE_TERM | TRACE_PRINT;
		else if (cmd_abbrev(w, "RUN"))
			run = 1;
		else if (cmd_abbrev(w, "NORUN"))
			run = 0;
		else if (cmd_abbrev(w, "OFF"))
			off = true;
		else if (cmd_abbrev(w, "END"))
			end = true;
		else {
			user_printf(u, "S37TRC003E Invalid option - %s", w);
			return;
		}
	}
	if (!v) {
		user_printf(u, "S37TRC001E No virtual machine");
		return;
	}
	if (end) {
		if (ev || outto || off || run >= 0) {
			user_printf(u, "S37TRC026E TRACE END takes no other operand");
			return;
		}
		bool was = v->trace;
		trace_end(u);
		user_printf(u, was ? "TRACE ENDED" : "S37TRC004W No trace in effect");
		return;
	}
	if (!ev) {
		user_printf(u,
		            "S37TRC026E Operand missing or invalid (TRACE event... [TERMINAL|PRINTER|BOTH] "
		            "[RUN|NORUN] | END)");
		return;
	}
	if (outto & TRACE_PRINT && !spool_ready()) {
		user_printf(u, "S37TRC005E No spool area: TRACE output can go to the terminal only");
		return;
	}
	if (off) {
		v->trace &= (uint8_t)~ev;
		if (!v->trace) {
			trace_end(u);
			user_printf(u, "TRACE ENDED");
		}
		return;
	}
	bool started = !v->trace;
	v->trace |= ev;
	if (outto || started)
		v->trace_out = outto ? outto : TRACE_TERM;
	/* VM/370: at the terminal NORUN unless RUN is given; to the printer alone RUN */
	v->trace_norun = run >= 0 ? !run : v->trace_out != TRACE_PRINT;
	if (started)
		user_printf(u, "TRACE STARTED");
}

/* QUERY TRACE: what is traced, where to, and whether the machine stops. */
void trace_query(struct user *u)
{
	struct vm *v = u->vm;
	if (!v || !v->trace) {
		user_printf(u, "NO TRACE IN EFFECT");
		return;
	}
	char line[120];
	int len = cp_format(line, sizeof line, "TRACE");
	for (size_t k = 0; k + 1 < sizeof events / sizeof events[0]; k++) {
		if (events[k].bits == TRACE_IO && events[k].name[1] == '/')
			continue;
		if (v->trace & events[k].bits) {
			len += cp_format(line + len, sizeof line - (size_t)len, " ");
			for (const char *p = events[k].name; *p; p++)
				len += cp_format(line + len, sizeof line - (size_t)len, "%c", cp_toupper(*p));
		}
	}
	cp_format(line + len, sizeof line - (size_t)len, " %s %s",
	          v->trace_out == (TRACE_TERM | TRACE_PRINT) ? "BOTH"
	          : v->trace_out & TRACE_PRINT               ? "PRINTER"
	                                                     : "TERMINAL",
	          v->trace_norun ? "NORUN" : "RUN");
	user_printf(u, "%s", line);
}
