/* diag.c — DIAGNOSE: how a program in a virtual machine asks CP for a
 * service.  On a real S/370 DIAGNOSE (X'83') is model-dependent; under
 * VM/370 it is the guest's call to CP.  It is privileged, so it traps like
 * any other privileged instruction, and vmrun.c passes it here.
 *
 * VM/370's conventions: the code is the instruction's displacement (its B2
 * field zero), and the R1 and R3 fields name two registers, Rx and Ry, with
 * the operands.
 *   X'08' a CP command: Rx the address of its text, Ry its length;
 *   X'0C' pseudo timer: 32 bytes at Rx (doubleword): date MM/DD/YY and time
 *         HH:MM:SS in EBCDIC, then the virtual and the total CPU time in
 *         microseconds (both the TOD time the machine ran: CP's own time
 *         for it is not counted apart yet);
 *   X'60' the virtual machine's storage size in bytes into Rx.
 * Others: specification exception, as VM/370 answers an unknown code.
 */
#include "cp.h"

static bool diag08(struct user *u, unsigned rx, unsigned ry, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint32_t a = v->g.gpr[rx] & 0xFFFFFF, len = v->g.gpr[ry] & 0xFF;
	uint8_t text[132];
	if (len > sizeof text - 1)
		len = sizeof text - 1;
	if (!vm_fetch(v, a, text, len)) { /* the command's text is not in the machine */
		vm_reflect_program(v, 0x05, ilc);
		return true;
	}
	char line[132];
	for (uint32_t n = 0; n < len; n++)
		line[n] = (char)cp_e2a[text[n]];
	line[len] = 0;
	cmd_execute(u, line);
	if (u->vm) /* (LOGOFF leaves no machine) */
		vm_set_cc(v, 0);
	return true;
}

static bool diag0c(struct vm *v, unsigned rx, uint8_t ilc)
{
	uint32_t a = v->g.gpr[rx] & 0xFFFFFF;
	if (a & 7) {
		vm_reflect_program(v, 0x06, ilc);
		return true;
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
	return true;
}

/* The DIAGNOSE instruction b (ilc bytes) of the guest.  Returns false when
 * the machine was stopped. */
bool diag_execute(struct user *u, const uint8_t *b, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint32_t code = (uint32_t)(b[2] & 0x0F) << 8 | b[3];
	unsigned rx = b[1] >> 4, ry = b[1] & 15;
	switch (code) {
	case 0x08:
		return diag08(u, rx, ry, ilc);
	case 0x0C:
		return diag0c(v, rx, ilc);
	case 0x60:
		v->g.gpr[rx] = v->pages * 4096u;
		return true;
	}
	vm_reflect_program(v, 0x06, ilc); /* a code CP does not offer */
	return true;
}
