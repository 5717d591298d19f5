/* commands.c — operator commands: one table of name, handler and help.
 *
 * Handlers get the operands split at blanks (argv[0] is the command name)
 * and the text after the name (rest) for the commands whose operands may
 * contain blanks.  Register and PSW changes need a stopped CPU, as on the
 * operator panel of a real machine; displays and storage alteration do not.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "chansys.h"
#include "cmd_dasd.h"
#include "commands.h"

enum { MAX_ARGS = 32, MAX_SCRIPT_DEPTH = 8, DISPLAY_DEFAULT = 64, DISPLAY_MAX = 0x10000 };

#define say(x, ...) console_printf((x)->con, __VA_ARGS__)

/* ---- parsing ---- */

int cmd_parse_hex(const char *s, uint32_t *v)
{
	uint32_t x = 0;
	int n = 0;
	for (; *s; s++, n++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		if (n == 8)
			return -1;
		x = x << 4 | (uint32_t)d;
	}
	if (n == 0)
		return -1;
	*v = x;
	return 0;
}

/* 1-16 hex digits. */
static int parse_hex64(const char *s, uint64_t *v)
{
	size_t n = strlen(s);
	uint32_t hi = 0, lo;
	if (n == 0 || n > 16)
		return -1;
	if (n > 8) {
		char high[9];
		memcpy(high, s, n - 8);
		high[n - 8] = 0;
		if (cmd_parse_hex(high, &hi))
			return -1;
		s += n - 8;
	}
	if (cmd_parse_hex(s, &lo))
		return -1;
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

static int parse_reg(const char *s, int *r)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return -1;
	long v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 15)
		return -1;
	*r = (int)v;
	return 0;
}

static void size_text(uint32_t size, char *buf, size_t n)
{
	if (size % (1u << 20) == 0)
		snprintf(buf, n, "%uM", size >> 20);
	else
		snprintf(buf, n, "%uK", size >> 10);
}

int cmd_parse_range(const char *s, uint32_t size, uint32_t deflen, uint32_t *start, uint32_t *len, char *err,
                    size_t errlen)
{
	char a[32], b[32] = "";
	size_t k = strcspn(s, "-.");
	char sep = s[k];
	if (k >= sizeof a || (sep && strlen(s + k + 1) >= sizeof b)) {
		snprintf(err, errlen, "%s is not an address or range", s);
		return -1;
	}
	memcpy(a, s, k);
	a[k] = 0;
	if (sep)
		strcpy(b, s + k + 1);
	uint32_t first, x = 0;
	char stext[16];
	size_text(size, stext, sizeof stext);
	if (cmd_parse_hex(a, &first)) {
		snprintf(err, errlen, "%s is not a hexadecimal address", a[0] ? a : "(nothing)");
		return -1;
	}
	if (first >= size) {
		snprintf(err, errlen, "address %X is beyond main storage (%s)", first, stext);
		return -1;
	}
	if (!sep) {
		*start = first;
		*len = deflen < size - first ? deflen : size - first;
		return 0;
	}
	if (cmd_parse_hex(b, &x)) {
		snprintf(err, errlen, "%s is not a hexadecimal %s", b[0] ? b : "(nothing)",
		         sep == '-' ? "address" : "length");
		return -1;
	}
	if (sep == '-') {
		if (x >= size) {
			snprintf(err, errlen, "address %X is beyond main storage (%s)", x, stext);
			return -1;
		}
		if (x < first) {
			snprintf(err, errlen, "end address %X is below start address %X", x, first);
			return -1;
		}
		*len = x - first + 1;
	} else {
		if (x == 0) {
			snprintf(err, errlen, "length must not be zero");
			return -1;
		}
		if (x > size - first) {
			snprintf(err, errlen, "address %X is beyond main storage (%s)", first + x - 1, stext);
			return -1;
		}
		*len = x;
	}
	*start = first;
	return 0;
}

/* ---- storage display ---- */

char cmd_ebcdic_char(uint8_t c)
{
	/* Code page 037: the characters that have a printable ASCII twin. */
	static const char special[][2] = {
	    {0x40, ' '},       {0x4B, '.'},       {0x4C, '<'},        {0x4D, '('},       {0x4E, '+'},
	    {0x4F, '|'},       {0x50, '&'},       {0x5A, '!'},        {0x5B, '$'},       {0x5C, '*'},
	    {0x5D, ')'},       {0x5E, ';'},       {0x5F, '^'},        {0x60, '-'},       {0x61, '/'},
	    {0x6B, ','},       {0x6C, '%'},       {0x6D, '_'},        {0x6E, '>'},       {0x6F, '?'},
	    {0x79, '`'},       {0x7A, ':'},       {0x7B, '#'},        {0x7C, '@'},       {0x7D, '\''},
	    {0x7E, '='},       {0x7F, '"'},       {(char)0xA1, '~'},  {(char)0xBA, '['}, {(char)0xBB, ']'},
	    {(char)0xC0, '{'}, {(char)0xD0, '}'}, {(char)0xE0, '\\'},
	};
	if (c >= 0x81 && c <= 0x89)
		return (char)('a' + c - 0x81);
	if (c >= 0x91 && c <= 0x99)
		return (char)('j' + c - 0x91);
	if (c >= 0xA2 && c <= 0xA9)
		return (char)('s' + c - 0xA2);
	if (c >= 0xC1 && c <= 0xC9)
		return (char)('A' + c - 0xC1);
	if (c >= 0xD1 && c <= 0xD9)
		return (char)('J' + c - 0xD1);
	if (c >= 0xE2 && c <= 0xE9)
		return (char)('S' + c - 0xE2);
	if (c >= 0xF0 && c <= 0xF9)
		return (char)('0' + c - 0xF0);
	for (size_t k = 0; k < sizeof special / sizeof special[0]; k++)
		if ((uint8_t)special[k][0] == c)
			return special[k][1];
	return '.';
}

void cmd_format_line(char kind, uint32_t addr, const uint8_t *b, int n, char *out, size_t outlen)
{
	char hex[40], chr[17];
	size_t h = 0;
	for (int k = 0; k < 16; k++) {
		if (k && k % 4 == 0)
			hex[h++] = ' ';
		if (k < n)
			h += (size_t)snprintf(hex + h, sizeof hex - h, "%02X", b[k]);
		else {
			hex[h++] = ' ';
			hex[h++] = ' ';
		}
	}
	hex[h] = 0;
	for (int k = 0; k < n; k++)
		chr[k] = cmd_ebcdic_char(b[k]);
	chr[n] = 0;
	snprintf(out, outlen, "%c:%08X  %s  *%s*", kind, addr, hex, chr);
}

/* Read one byte for display: real (prefixing applied) or virtual (DAT when
 * the PSW has it on).  Returns 0 or a program-interruption code. */
static int display_byte(struct cpu *c, bool virt, uint32_t a, uint32_t *abs_out)
{
	uint32_t ra = a;
	if (virt && cpu_dat_on(c)) {
		int code = dat_translate(c, a, &ra, false);
		if (code)
			return code;
	}
	uint32_t aa = real_to_abs(c, ra);
	if (aa >= c->st->size)
		return PGM_ADDRESSING;
	*abs_out = aa;
	return 0;
}

static const char *pgm_name(int code)
{
	switch (code) {
	case PGM_ADDRESSING:
		return "addressing exception";
	case PGM_SEGMENT_TRANSLATION:
		return "segment-translation exception";
	case PGM_PAGE_TRANSLATION:
		return "page-translation exception";
	case PGM_TRANSLATION_SPEC:
		return "translation-specification exception";
	default:
		return "program exception";
	}
}

/* Display len bytes from start, 16 a line. */
static int show_storage(struct cmd_ctx *x, bool virt, uint32_t start, uint32_t len)
{
	struct cpu *c = &x->m->cpu;
	char kind = virt ? 'V' : 'R';
	for (uint32_t off = 0; off < len; off += 16) {
		uint8_t b[16];
		int n = len - off < 16 ? (int)(len - off) : 16;
		for (int k = 0; k < n; k++) {
			uint32_t aa;
			int code = display_byte(c, virt, (start + off + (uint32_t)k) & AMASK, &aa);
			if (code) {
				say(x, "%c:%08X  %s", kind, (start + off + (uint32_t)k) & AMASK,
				    pgm_name(code));
				return -1;
			}
			b[k] = c->st->mem[aa];
		}
		char line[100];
		cmd_format_line(kind, start + off, b, n, line, sizeof line);
		say(x, "%s", line);
	}
	return 0;
}

/* Hex bytes, blanks allowed between them. */
static int parse_bytes(const char *s, uint8_t *out, size_t max, size_t *n)
{
	size_t k = 0;
	int half = -1;
	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			continue;
		uint32_t d;
		char one[2] = {*s, 0};
		if (cmd_parse_hex(one, &d))
			return -1;
		if (half < 0) {
			half = (int)d;
		} else {
			if (k == max)
				return -1;
			out[k++] = (uint8_t)(half << 4 | (int)d);
			half = -1;
		}
	}
	if (half >= 0 || k == 0)
		return -1;
	*n = k;
	return 0;
}

/* r / v: ADDR[-END|.LEN][=hexbytes] */
static int storage_cmd(struct cmd_ctx *x, const char *name, bool virt, const char *rest)
{
	struct machine *m = x->m;
	char spec[256];
	size_t o = 0;
	const char *eq = strchr(rest, '=');
	for (const char *p = rest; *p && p != eq && o < sizeof spec - 1; p++)
		if (!isspace((unsigned char)*p))
			spec[o++] = *p;
	spec[o] = 0;
	if (!spec[0]) {
		say(x, "%s: expected ADDR[-END|.LEN][=hexbytes]", name);
		return -1;
	}
	uint32_t size = m->st.size;
	if (virt && cpu_dat_on(&m->cpu))
		size = AMASK + 1; /* virtual addresses: 24 bits */
	uint32_t start, len;
	char err[128];
	if (cmd_parse_range(spec, size, DISPLAY_DEFAULT, &start, &len, err, sizeof err)) {
		say(x, "%s: %s", name, err);
		return -1;
	}
	if (eq) {
		uint8_t bytes[256];
		size_t n;
		if (parse_bytes(eq + 1, bytes, sizeof bytes, &n)) {
			say(x,
			    "%s: expected an even number of hexadecimal digits (at most 256 bytes) after =",
			    name);
			return -1;
		}
		/* Check every byte first: all or nothing. */
		for (size_t k = 0; k < n; k++) {
			uint32_t aa;
			int code = display_byte(&m->cpu, virt, (start + (uint32_t)k) & AMASK, &aa);
			if (code) {
				say(x, "%s: %08X: %s", name, (start + (uint32_t)k) & AMASK, pgm_name(code));
				return -1;
			}
		}
		for (size_t k = 0; k < n; k++) {
			uint32_t aa = 0; /* every byte was found addressable just above */
			display_byte(&m->cpu, virt, (start + (uint32_t)k) & AMASK, &aa);
			m->st.mem[aa] = bytes[k];
			m->st.keys[aa >> BLOCK_SHIFT] |= SK_R | SK_C;
		}
		len = (uint32_t)n;
	}
	if (len > DISPLAY_MAX) {
		say(x, "%s: at most %X bytes are displayed at once (use savecore)", name, DISPLAY_MAX);
		len = DISPLAY_MAX;
	}
	return show_storage(x, virt, start, len);
}

static int c_r(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc;
	return storage_cmd(x, argv[0], false, rest);
}

static int c_v(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc;
	return storage_cmd(x, argv[0], true, rest);
}

/* ---- CPU state ---- */

static bool need_stopped(struct cmd_ctx *x, const char *name)
{
	if (machine_running(x->m)) {
		say(x, "%s: the CPU must be stopped first (stop)", name);
		return false;
	}
	return true;
}

static void show_psw(struct cmd_ctx *x)
{
	uint8_t p[8];
	cpu_psw_current(&x->m->cpu, p);
	say(x, "PSW=%02X%02X%02X%02X %02X%02X%02X%02X", p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
}

/* psw [sm=xx] [key=n] [cmwp=x] [cc=n] [pm=x] [ia=xxxxxx] */
static int c_psw(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (argc == 1) {
		show_psw(x);
		return 0;
	}
	if (!need_stopped(x, "psw"))
		return -1;
	struct psw p = x->m->cpu.psw;
	for (int k = 1; k < argc; k++) {
		char *eq = strchr(argv[k], '=');
		uint32_t v;
		if (!eq || cmd_parse_hex(eq + 1, &v)) {
			say(x, "psw: %s: expected FIELD=hex (sm, key, cmwp, cc, pm, ia)", argv[k]);
			return -1;
		}
		*eq = 0;
		const char *f = argv[k];
		static const struct {
			const char *name;
			uint32_t max;
		} fields[] = {{"sm", 0xFF}, {"key", 15}, {"pk", 15},   {"cmwp", 15},
		              {"cc", 3},    {"pm", 15},  {"ia", AMASK}};
		size_t j;
		for (j = 0; j < sizeof fields / sizeof fields[0]; j++)
			if (!strcasecmp(f, fields[j].name))
				break;
		if (j == sizeof fields / sizeof fields[0]) {
			say(x, "psw: unknown field %s (sm, key, cmwp, cc, pm, ia)", f);
			return -1;
		}
		if (v > fields[j].max) {
			say(x, "psw: %s=%X is out of range (at most %X)", f, v, fields[j].max);
			return -1;
		}
		switch (j) {
		case 0:
			p.sysmask = (uint8_t)v;
			break;
		case 1:
		case 2:
			p.key = (uint8_t)v;
			break;
		case 3:
			p.flags = (uint8_t)v;
			break;
		case 4:
			p.cc = (uint8_t)v;
			break;
		case 5:
			p.pmask = (uint8_t)v;
			break;
		default:
			p.ia = v;
			break;
		}
	}
	/* Through the architected format, so that validity and the TLB context follow. */
	struct cpu *c = &x->m->cpu;
	c->psw = p;
	uint8_t img[8];
	cpu_psw_store(c, img);
	if (!cpu_psw_load(c, img))
		say(x, "psw: warning: this EC-mode PSW is invalid (specification exception when started)");
	show_psw(x);
	return 0;
}

/* gpr / cr: show four per line; "N=hex" sets register N. */
static int regs_cmd(struct cmd_ctx *x, int argc, char **argv, const char *rest, uint32_t *regs,
                    const char *label)
{
	(void)argc;
	char spec[64];
	size_t o = 0;
	for (const char *p = rest; *p && o < sizeof spec - 1; p++)
		if (!isspace((unsigned char)*p))
			spec[o++] = *p;
	spec[o] = 0;
	if (spec[0]) {
		char *eq = strchr(spec, '=');
		int r;
		uint32_t v;
		if (!eq) {
			say(x, "%s: expected N=hex to set register N (0-15)", argv[0]);
			return -1;
		}
		*eq = 0;
		if (parse_reg(spec, &r)) {
			say(x, "%s: %s is not a register number 0-15", argv[0], spec);
			return -1;
		}
		if (cmd_parse_hex(eq + 1, &v)) {
			say(x, "%s: %s is not a hexadecimal value of at most 8 digits", argv[0], eq + 1);
			return -1;
		}
		if (!need_stopped(x, argv[0]))
			return -1;
		regs[r] = v;
		if (regs == x->m->cpu.cr) /* a control register may change translation */
			cpu_purge_tlb(&x->m->cpu);
	}
	for (int r = 0; r < 16; r += 4)
		say(x, "%s%02d=%08X %s%02d=%08X %s%02d=%08X %s%02d=%08X", label, r, regs[r], label, r + 1,
		    regs[r + 1], label, r + 2, regs[r + 2], label, r + 3, regs[r + 3]);
	return 0;
}

static int c_gpr(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	return regs_cmd(x, argc, argv, rest, x->m->cpu.gpr, "GR");
}

static int c_cr(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	return regs_cmd(x, argc, argv, rest, x->m->cpu.cr, "CR");
}

/* fpr: FPR0, 2, 4, 6; "N=hex" (16 digits at most) sets one. */
static int c_fpr(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc;
	(void)argv;
	uint64_t *f = x->m->cpu.fpr;
	char spec[64];
	size_t o = 0;
	for (const char *p = rest; *p && o < sizeof spec - 1; p++)
		if (!isspace((unsigned char)*p))
			spec[o++] = *p;
	spec[o] = 0;
	if (spec[0]) {
		char *eq = strchr(spec, '=');
		int r;
		uint64_t v;
		if (!eq || (*eq = 0, parse_reg(spec, &r)) || (r & 1) || r > 6) {
			say(x, "fpr: expected N=hex with N = 0, 2, 4 or 6");
			return -1;
		}
		if (parse_hex64(eq + 1, &v)) {
			say(x, "fpr: expected at most 16 hexadecimal digits");
			return -1;
		}
		if (!need_stopped(x, "fpr"))
			return -1;
		f[r / 2] = v;
	}
	say(x, "FPR0=%016llX FPR2=%016llX", (unsigned long long)f[0], (unsigned long long)f[1]);
	say(x, "FPR4=%016llX FPR6=%016llX", (unsigned long long)f[2], (unsigned long long)f[3]);
	return 0;
}

/* ---- running ---- */

static int c_start(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	if (machine_start(x->m)) {
		say(x, "start: the CPU is already running");
		return -1;
	}
	return 0;
}

static int c_stop(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	if (!machine_running(x->m)) {
		say(x, "stop: the CPU is already stopped");
		return 0;
	}
	machine_stop(x->m);
	say(x, "CPU0000: stopped");
	show_psw(x);
	return 0;
}

static int c_restart(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	machine_restart(x->m);
	return 0;
}

static int c_ext(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	machine_ext_key(x->m);
	say(x, "ext: interrupt key pressed");
	return 0;
}

static int c_ipl(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint32_t dev;
	if (argc < 2 || cmd_parse_hex(argv[1], &dev) || dev > 0xFFFF) {
		say(x, "ipl: expected a device address (1-4 hexadecimal digits)");
		return -1;
	}
	if (argc == 4 && !strcasecmp(argv[2], "parm")) {
		snprintf(x->m->loadparm, sizeof x->m->loadparm, "%.8s", argv[3]);
		for (char *p = x->m->loadparm; *p; p++)
			*p = (char)toupper((unsigned char)*p);
	} else if (argc != 2) {
		say(x, "ipl: expected ipl ADDR [parm LOADPARM]");
		return -1;
	}
	char err[160];
	if (machine_ipl(x->m, (uint16_t)dev, err, sizeof err)) {
		say(x, "ipl: %s", err);
		return -1;
	}
	return 0;
}

static int c_loadparm(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (argc > 2 || (argc == 2 && strlen(argv[1]) > 8)) {
		say(x, "loadparm: expected at most 8 characters");
		return -1;
	}
	if (argc == 2) {
		snprintf(x->m->loadparm, sizeof x->m->loadparm, "%s", argv[1]);
		for (char *p = x->m->loadparm; *p; p++)
			*p = (char)toupper((unsigned char)*p);
	}
	say(x, "LOADPARM=%s", x->m->loadparm);
	return 0;
}

static int c_sysreset(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)rest;
	bool clear = !strcasecmp(argv[0], "sysclear");
	machine_reset(x->m, clear);
	say(x, "%s: system reset%s", argv[0], clear ? " and storage cleared" : "");
	return 0;
}

static int c_archmode(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (argc > 1 && strcasecmp(argv[1], "S/370") && strcasecmp(argv[1], "S370")) {
		say(x, "archmode: %s is not supported: s370 emulates System/370 only", argv[1]);
		return -1;
	}
	say(x, "ARCHMODE S/370%s", x->m->cpu.s37x ? " (S37X ON)" : "");
	return 0;
}

static void trace_line(struct cpu *c, const char *line)
{
	console_printf(c->trace_ctx, "%s", line);
	if (c->tracemax && --c->tracemax == 0) {
		c->trace = false;
		console_printf(c->trace_ctx, "t+: trace limit reached, tracing off");
	}
}

static int c_trace(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	struct cpu *c = &x->m->cpu;
	bool on = argv[0][1] == '+';
	uint32_t n = 0;
	if (argc > 2 || (argc == 2 && (!on || cmd_parse_hex(argv[1], &n)))) {
		say(x, "%s: expected t+ [COUNT (hex)] or t-", argv[0]);
		return -1;
	}
	c->trace_out = trace_line;
	c->trace_ctx = x->con;
	c->tracemax = n;
	c->trace = on;
	if (on && n)
		say(x, "instruction trace on for %X instructions", n);
	else
		say(x, "instruction trace %s", on ? "on" : "off");
	return 0;
}

static int c_maxrates(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	/* The same measure as bench/: instructions (and SIOs) over wall-clock
	 * time, waits included, since the previous maxrates. */
	struct panel_rate_mark now;
	double mips, siops;
	panel_rate_mark(x->m, &now);
	panel_rates(&x->rate, &now, &mips, &siops); /* the panel's status line uses the same */
	say(x, "maxrates: %.3f MIPS, %.1f SIO/s (%llu instructions, %llu SIOs in %.3f s)", mips, siops,
	    (unsigned long long)(now.icount - x->rate.icount), (unsigned long long)(now.sio - x->rate.sio),
	    (double)(now.us - x->rate.us) / 1e6);
	x->rate = now;
	return 0;
}

/* ---- files ---- */

static bool parse_addr_opt(struct cmd_ctx *x, const char *name, const char *s, uint32_t dflt, uint32_t *v)
{
	if (!s || !strcmp(s, "*")) {
		*v = dflt;
		return true;
	}
	if (cmd_parse_hex(s, v)) {
		say(x, "%s: %s is not a hexadecimal address", name, s);
		return false;
	}
	if (*v >= x->m->st.size) {
		char t[16];
		size_text(x->m->st.size, t, sizeof t);
		say(x, "%s: address %X is beyond main storage (%s)", name, *v, t);
		return false;
	}
	return true;
}

static int c_loadcore(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	struct storage *st = &x->m->st;
	uint32_t a;
	if (argc < 2 || argc > 3) {
		say(x, "loadcore: expected loadcore FILE [ADDR]");
		return -1;
	}
	if (!parse_addr_opt(x, "loadcore", argc > 2 ? argv[2] : NULL, 0, &a) || !need_stopped(x, "loadcore"))
		return -1;
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		say(x, "loadcore: %s: %s", argv[1], strerror(errno));
		return -1;
	}
	size_t n = fread(st->mem + a, 1, st->size - a, f);
	bool more = fgetc(f) != EOF;
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		say(x, "loadcore: %s: read error", argv[1]);
		return -1;
	}
	say(x, "loadcore: %zu bytes loaded at %08X from %s%s", n, a, argv[1],
	    more ? " (truncated at the end of storage)" : "");
	return 0;
}

static int c_savecore(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	struct storage *st = &x->m->st;
	uint32_t a, e;
	if (argc < 2 || argc > 4) {
		say(x, "savecore: expected savecore FILE [START [END]]");
		return -1;
	}
	if (!parse_addr_opt(x, "savecore", argc > 2 ? argv[2] : NULL, 0, &a) ||
	    !parse_addr_opt(x, "savecore", argc > 3 ? argv[3] : NULL, st->size - 1, &e))
		return -1;
	if (e < a) {
		say(x, "savecore: end address %X is below start address %X", e, a);
		return -1;
	}
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		say(x, "savecore: %s: %s", argv[1], strerror(errno));
		return -1;
	}
	size_t n = fwrite(st->mem + a, 1, (size_t)e - a + 1, f);
	if (fclose(f) || n != (size_t)e - a + 1) {
		say(x, "savecore: %s: write error", argv[1]);
		return -1;
	}
	say(x, "savecore: %zu bytes saved from %08X-%08X to %s", n, a, e, argv[1]);
	return 0;
}

static bool stopping(struct cmd_ctx *x)
{
	return x->quit || (x->should_stop && x->should_stop(x));
}

static int c_pause(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	char *end = NULL;
	double s = argc == 2 ? strtod(argv[1], &end) : -1;
	if (argc != 2 || *end || !(s >= 0 && s <= 86400)) {
		say(x, "pause: expected a number of seconds (0-86400)");
		return -1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double done = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (done >= s || stopping(x))
			return 0;
		console_sleep(x->con, (int)((s - done) * 1000) + 1);
	}
}

static int c_script(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (argc != 2) {
		say(x, "script: expected script FILE");
		return -1;
	}
	return cmd_script(x, argv[1]);
}

struct devlist_out {
	struct cmd_ctx *x;
	int shown;
};

static void devlist_line(void *ctx, const char *line)
{
	struct devlist_out *o = ctx;
	say(o->x, "%s", line);
	o->shown++;
}

/* devlist: the attached devices with their state, then the configured
 * devices whose type is not emulated yet. */
static int c_devlist(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	const struct config *cfg = &x->m->cfg;
	struct devlist_out o = {x, 0};
	if (x->m->chs)
		chan_devlist(x->m->chs, devlist_line, &o);
	int shown = 0;
	for (int k = 0; k < cfg->ndevs; k++) {
		const struct config_dev *d = &cfg->devs[k];
		if (dev_find_type(d->type))
			continue;
		for (int r = 0; r < d->nranges; r++) {
			for (uint32_t dev = d->ranges[r].first; dev <= d->ranges[r].last; dev++) {
				char line[512];
				int o = snprintf(line, sizeof line, "%04X %s", dev, d->type);
				for (int a = 0; a < d->nargs && o < (int)sizeof line; a++) {
					char arg[256];
					config_dev_arg(d, a, (uint16_t)dev, arg, sizeof arg);
					o += snprintf(line + o, sizeof line - (size_t)o, " %s", arg);
				}
				say(x, "%s  (not yet emulated)", line);
				shown++;
			}
		}
	}
	if (!shown && !o.shown)
		say(x, "devlist: no devices configured");
	return 0;
}

static bool need_channels(struct cmd_ctx *x, const char *name)
{
	if (!x->m->chs)
		say(x, "%s: no channel subsystem", name);
	return x->m->chs != NULL;
}

/* attach ADDR[-ADDR|.N] TYPE [args] */
static int c_attach(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	struct config_devrange *r = NULL;
	int nr = 0;
	if (argc < 3 || config_parse_devaddrs(argv[1], &r, &nr)) {
		say(x, "attach: expected attach ADDR TYPE [operands] (ADDR like 0009, 00C0.8, 0190-0191)");
		free(r);
		return -1;
	}
	if (!need_channels(x, "attach")) {
		free(r);
		return -1;
	}
	int rc = 0;
	for (int k = 0; k < nr && !rc; k++) {
		for (uint32_t n = r[k].first; n <= r[k].last && !rc; n++) {
			char err[256] = ""; /* text left on success is a warning (device.h) */
			rc = chan_attach(x->m->chs, (uint16_t)n, argv[2], argc - 3, argv + 3, err, sizeof err);
			if (rc) {
				say(x, "attach: %04X %s: %s", n, argv[2], err);
			} else {
				if (err[0])
					say(x, "attach: warning: %04X %s: %s", n, argv[2], err);
				say(x, "attach: %04X %s attached", n, argv[2]);
			}
		}
	}
	free(r);
	return rc;
}

static int parse_devnum(struct cmd_ctx *x, const char *name, int argc, char **argv, uint16_t *dev)
{
	uint32_t v;
	if (argc < 2 || cmd_parse_hex(argv[1], &v) || v > 0xFFFF) {
		say(x, "%s: expected a device address (1-4 hexadecimal digits)", name);
		return -1;
	}
	*dev = (uint16_t)v;
	return need_channels(x, name) ? 0 : -1;
}

static int c_detach(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint16_t dev;
	char err[256];
	if (argc != 2) {
		say(x, "detach: expected detach ADDR");
		return -1;
	}
	if (parse_devnum(x, "detach", argc, argv, &dev))
		return -1;
	if (chan_detach(x->m->chs, dev, err, sizeof err)) {
		say(x, "detach: %s", err);
		return -1;
	}
	say(x, "detach: %04X detached", dev);
	return 0;
}

static int c_devinit(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint16_t dev;
	char err[256] = ""; /* text left on success is a warning (device.h) */
	if (parse_devnum(x, "devinit", argc, argv, &dev))
		return -1;
	if (chan_devinit(x->m->chs, dev, argc - 2, argv + 2, err, sizeof err)) {
		say(x, "devinit: %s", err);
		return -1;
	}
	if (err[0])
		say(x, "devinit: warning: %04X: %s", dev, err);
	say(x, "devinit: %04X initialized", dev);
	return 0;
}

static int c_quit(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	x->quit = true;
	return 0;
}

static int c_help(struct cmd_ctx *x, int argc, char **argv, const char *rest);

const struct cmd cmd_table[] = {
    {"start", c_start, "", "start the CPU"},
    {"stop", c_stop, "", "stop the CPU"},
    {"restart", c_restart, "", "press the restart key (restart interruption)"},
    {"ext", c_ext, "", "press the interrupt key (external interruption)"},
    {"ipl", c_ipl, "ADDR [parm LOADPARM]", "initial program load from device ADDR"},
    {"loadparm", c_loadparm, "[VALUE]", "show or set the IPL load parameter"},
    {"sysreset", c_sysreset, "", "system reset (initial CPU reset)"},
    {"sysclear", c_sysreset, "", "system reset and clear storage and storage keys"},
    {"psw", c_psw, "[sm=xx key=n cmwp=x cc=n pm=x ia=xxxxxx]", "show or change the PSW"},
    {"gpr", c_gpr, "[N=hex]", "show or change the general registers"},
    {"cr", c_cr, "[N=hex]", "show or change the control registers"},
    {"fpr", c_fpr, "[N=hex]", "show or change the floating-point registers"},
    {"r", c_r, "ADDR[-END|.LEN][=hex]", "show or change real storage"},
    {"v", c_v, "ADDR[-END|.LEN][=hex]", "show or change virtual storage (through DAT when on)"},
    {"loadcore", c_loadcore, "FILE [ADDR]", "load a binary file into absolute storage"},
    {"savecore", c_savecore, "FILE [START [END]]", "save absolute storage to a file"},
    {"t+", c_trace, "[COUNT]", "instruction trace on (COUNT hex: then off)"},
    {"t-", c_trace, "", "instruction trace off"},
    {"maxrates", c_maxrates, "", "MIPS and SIO/s since the last maxrates (as bench/ measures)"},
    {"stats", panel_stats_cmd, "", "interruptions by class and code, SIOs, TLB purges, wait (per second)"},
    {"archmode", c_archmode, "", "show the architecture mode"},
    {"devlist", c_devlist, "", "list the devices and their state"},
    {"attach", c_attach, "ADDR TYPE [OPERANDS]", "add a device (ADDR may be a range)"},
    {"detach", c_detach, "ADDR", "remove a device"},
    {"sync", cmd_dasd, "[ADDR|*]", "make every DASD write so far durable"},
    {"sf+", cmd_dasd, "ADDR|*", "add a shadow file to a CKD DASD"},
    {"sf-", cmd_dasd, "ADDR|* [merge|nomerge|force]", "remove the current shadow file"},
    {"sfc", cmd_dasd, "ADDR|*", "compress the current shadow (or CCKD) file"},
    {"sfd", cmd_dasd, "ADDR|*", "display the shadow files of a CKD DASD"},
    {"devinit", c_devinit, "ADDR [OPERANDS]", "reinitialize a device (new file, options)"},
    {"script", c_script, "FILE", "run the commands in FILE"},
    {"pause", c_pause, "SECONDS", "wait (in scripts)"},
    {"help", c_help, "[COMMAND]", "list the commands"},
    {"?", c_help, "[COMMAND]", "list the commands"},
    {"quit", c_quit, "", "shut down and end the program"},
    {"exit", c_quit, "", "shut down and end the program"},
    {NULL, NULL, NULL, NULL},
};

static int c_help(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	bool found = false;
	for (const struct cmd *c = cmd_table; c->name; c++) {
		if (argc > 1 && strcasecmp(argv[1], c->name))
			continue;
		char syn[64];
		snprintf(syn, sizeof syn, "%s %s", c->name, c->args);
		say(x, "  %-44s %s", syn, c->help);
		found = true;
	}
	if (argc > 1 && !found) {
		say(x, "help: unknown command %s", argv[1]);
		return -1;
	}
	if (argc == 1)
		say(x, "  %-44s %s", "/TEXT", "type TEXT on the integrated console");
	return 0;
}

/* ---- execution ---- */

void cmd_init(struct cmd_ctx *x, struct machine *m, struct console *con)
{
	memset(x, 0, sizeof *x);
	x->m = m;
	x->con = con;
	x->rate.us = m->start_us;
	x->rate.icount = m->cpu.icount;
	x->rate.sio = m->cpu.sio_count;
	panel_counts_start(m, &x->stats_mark);
}

int cmd_execute(struct cmd_ctx *x, const char *line)
{
	while (isspace((unsigned char)*line))
		line++;
	if (!*line || *line == '#' || *line == '*')
		return 0;
	if (*line == '/') {
		/* A line for the integrated console; the channel works even while
		 * the CPU is stopped, so the input is taken at once then. */
		if (!x->m->chs || chan_console_line(x->m->chs, line + 1)) {
			say(x, "/: no integrated console device (3215-C or 1052-C)");
			return -1;
		}
		if (!machine_running(x->m))
			chan_service(x->m->chs, timer_host_us());
		return 0;
	}
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", line);
	size_t len = strlen(buf);
	while (len && isspace((unsigned char)buf[len - 1]))
		buf[--len] = 0;
	size_t namelen = strcspn(buf, " \t");
	const char *rest = line + namelen;
	char *argv[MAX_ARGS];
	int argc = 0;
	for (char *p = strtok(buf, " \t"); p; p = strtok(NULL, " \t")) {
		if (argc == MAX_ARGS) {
			say(x, "%s: too many operands", argv[0]);
			return -1;
		}
		argv[argc++] = p;
	}
	for (const struct cmd *c = cmd_table; c->name; c++)
		if (!strcasecmp(c->name, argv[0]))
			return c->fn(x, argc, argv, rest);
	say(x, "%s: unknown command (help lists them)", argv[0]);
	return -1;
}

int cmd_script(struct cmd_ctx *x, const char *path)
{
	if (x->script_depth >= MAX_SCRIPT_DEPTH) {
		say(x, "script: %s: scripts nested more than %d deep", path, MAX_SCRIPT_DEPTH);
		return -1;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		say(x, "script: %s: %s", path, strerror(errno));
		return -1;
	}
	x->script_depth++;
	char line[1024];
	int rc = 0;
	while (!stopping(x) && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		const char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#' || *p == '*')
			continue;
		say(x, "> %s", p);
		if (cmd_execute(x, p))
			rc = -1;
	}
	fclose(f);
	x->script_depth--;
	return rc;
}
