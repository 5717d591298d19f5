/* display_cmd.c — DISPLAY, STORE and SYSTEM: looking into and changing the
 * virtual machine from CP, as VM/370's class G user may (a debugger for
 * the guest, and a way for a student to see what the guest has done).
 *
 *   DISPLAY PSW | G[n] | addr[-end|.len]      STORE PSW hex hex | Gn hex | addr hex...
 *   SYSTEM RESET | CLEAR
 *
 * Addresses are the guest's own (its "real" storage), checked against its
 * size; at most 256 bytes are shown at once.
 */
#include "cp.h"

/* "G", "G5", "G15": 16 for all, the number, or -1. */
static int greg(const char *w)
{
	if ((w[0] != 'G' && w[0] != 'g'))
		return -1;
	if (!w[1])
		return 16;
	int r = 0;
	for (const char *p = w + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		r = r * 10 + (*p - '0');
	}
	return r < 16 ? r : -1;
}

static bool is(const char *w, const char *name)
{
	for (; *w && *name; w++, name++)
		if (cp_toupper(*w) != *name)
			return false;
	return !*w && !*name;
}

void display_cmd(struct user *u, char *w, char *w2)
{
	struct vm *v = u->vm;
	if (!w) {
		user_printf(u, "S37CDS026E Operand missing or invalid (DISPLAY PSW | G[n] | addr[-end|.len])");
		return;
	}
	if (is(w, "PSW")) {
		user_printf(u, "PSW = %02X%02X%02X%02X %02X%02X%02X%02X", v->psw[0], v->psw[1], v->psw[2], v->psw[3],
		            v->psw[4], v->psw[5], v->psw[6], v->psw[7]);
		return;
	}
	int r = greg(w);
	if (r == 16) {
		for (int k = 0; k < 16; k += 4)
			user_printf(u, "GPR %2d = %08X %08X %08X %08X", k, v->g.gpr[k], v->g.gpr[k + 1], v->g.gpr[k + 2],
			            v->g.gpr[k + 3]);
		return;
	}
	if (r >= 0) {
		user_printf(u, "GPR %2d = %08X", r, v->g.gpr[r]);
		return;
	}
	/* storage: addr, addr-end, addr.len */
	uint32_t a, end, len = 16;
	char *dash = w, *dot = w;
	while (*dash && *dash != '-')
		dash++;
	while (*dot && *dot != '.')
		dot++;
	char sep = *dash ? '-' : *dot ? '.' : 0;
	char *rest = sep == '-' ? dash : dot;
	if (sep)
		*rest++ = 0;
	if (!cp_hex(w, 8, &a) || (sep == '-' && (!cp_hex(rest, 8, &end) || end < a)) || (sep == '.' && !cp_hex(rest, 8, &len)) ||
	    w2) {
		user_printf(u, "S37CDS026E Operand missing or invalid (DISPLAY PSW | G[n] | addr[-end|.len])");
		return;
	}
	if (sep == '-')
		len = end - a + 1;
	if (len > 256)
		len = 256;
	uint8_t p[256];
	if (!vm_fetch(v, a, p, len ? len : 1)) {
		user_printf(u, "S37CDS160E Address %06X beyond the machine (%uK)", a, v->pages * 4);
		return;
	}
	for (uint32_t off = 0; off < len; off += 16) {
		char line[100];
		int n = cp_format(line, sizeof line, "%06X ", a + off);
		for (uint32_t k = 0; k < 16 && off + k < len; k++)
			n += cp_format(line + n, sizeof line - (size_t)n, "%s%02X", k % 4 ? "" : " ", p[off + k]);
		user_printf(u, "%s", line);
	}
}

void store_cmd(struct user *u, char *w, char **more, int nmore)
{
	struct vm *v = u->vm;
	uint32_t x, y;
	if (w && is(w, "PSW") && nmore == 2 && cp_hex(more[0], 8, &x) && cp_hex(more[1], 8, &y)) {
		for (int k = 0; k < 4; k++) {
			v->psw[k] = (uint8_t)(x >> (24 - 8 * k));
			v->psw[4 + k] = (uint8_t)(y >> (24 - 8 * k));
		}
		user_printf(u, "STORE COMPLETE");
		return;
	}
	int r = w ? greg(w) : -1;
	if (r >= 0 && r < 16 && nmore == 1 && cp_hex(more[0], 8, &x)) {
		v->g.gpr[r] = x;
		user_printf(u, "STORE COMPLETE");
		return;
	}
	if (w && r < 0 && cp_hex(w, 8, &x) && nmore >= 1) {
		uint8_t p[32];
		if (!vm_fetch(v, x, p, 4u * (uint32_t)nmore)) {
			user_printf(u, "S37CST160E Address %06X beyond the machine (%uK)", x, v->pages * 4);
			return;
		}
		for (int k = 0; k < nmore; k++) {
			if (!cp_hex(more[k], 8, &y)) {
				user_printf(u, "S37CST026E %s is not hexadecimal", more[k]);
				return;
			}
			for (int j = 0; j < 4; j++)
				p[4 * k + j] = (uint8_t)(y >> (24 - 8 * j));
		}
		vm_store(v, x, p, 4u * (uint32_t)nmore);
		user_printf(u, "STORE COMPLETE");
		return;
	}
	user_printf(u, "S37CST026E Operand missing or invalid (STORE PSW hex hex | Gn hex | addr hex...)");
}

void system_cmd(struct user *u, const char *w)
{
	struct vm *v = u->vm;
	bool clear = w && is(w, "CLEAR");
	if (!w || (!clear && !is(w, "RESET"))) {
		user_printf(u, "S37CSY026E Operand missing or invalid (SYSTEM RESET | CLEAR)");
		return;
	}
	vm_reset(v, clear);
	user_printf(u, clear ? "STORAGE CLEARED - SYSTEM RESET" : "SYSTEM RESET");
	if (u->term)
		term_status(u->term);
}
