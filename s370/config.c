/* config.c — parse the configuration file (see config.h for the syntax).
 *
 * Every statement is one row of a table: keyword, handler, and how many
 * operands it takes.  Statements that Hercules configurations commonly carry
 * but that mean nothing to this machine are in a second list and are
 * accepted with a one-line warning, so that a hobbyist's file loads as is.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"

enum { MAX_ARGS = 64, MAX_LINE = 4096, MAX_DEPTH = 8 };

/* Where a statement came from, for messages. */
struct where {
	struct config *cfg;
	const char *file;
	int line;
};

static int error(const struct where *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int error(const struct where *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(w->cfg->msg, "%s:%d: ", w->file, w->line);
	vfprintf(w->cfg->msg, fmt, ap);
	fputc('\n', w->cfg->msg);
	fflush(w->cfg->msg);
	va_end(ap);
	return -1;
}

static void warning(const struct where *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warning(const struct where *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(w->cfg->msg, "%s:%d: warning: ", w->file, w->line);
	vfprintf(w->cfg->msg, fmt, ap);
	fputc('\n', w->cfg->msg);
	fflush(w->cfg->msg);
	va_end(ap);
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p) {
		perror("s370: out of memory");
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		perror("s370: out of memory");
		exit(1);
	}
	return p;
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->mainsize_mb = 16;
	cfg->numcpu = 1;
	cfg->s37x = true;
	cfg->sysepoch = 1900;
	cfg->cnslport = 3270; /* Hercules' default */
	cfg->kpalv_idle = 60; /* a dead client noticed in about two minutes */
	cfg->kpalv_intv = 10;
	cfg->kpalv_cnt = 6;
	cfg->tnmax = 256;
	cfg->msg = stderr;
}

void config_free(struct config *cfg)
{
	for (int k = 0; k < cfg->ndevs; k++) {
		struct config_dev *d = &cfg->devs[k];
		free(d->ranges);
		free(d->type);
		for (int a = 0; a < d->nargs; a++)
			free(d->args[a]);
		free(d->args);
		free(d->file);
	}
	free(cfg->devs);
	for (int k = 0; k < cfg->nsyms; k++) {
		free(cfg->syms[k].name);
		free(cfg->syms[k].value);
	}
	free(cfg->syms);
	cfg->devs = NULL;
	cfg->syms = NULL;
	cfg->ndevs = cfg->nsyms = 0;
}

/* ---- numbers ---- */

/* A hex number of 1..maxdigits digits and nothing else. */
static bool parse_hex(const char *s, int maxdigits, uint32_t *v)
{
	int n = 0;
	uint32_t x = 0;
	for (; *s; s++, n++) {
		if (!isxdigit((unsigned char)*s) || n >= maxdigits)
			return false;
		x = x << 4 | (uint32_t)(isdigit((unsigned char)*s) ? *s - '0'
		                                                   : (toupper((unsigned char)*s) - 'A' + 10));
	}
	*v = x;
	return n > 0;
}

/* A decimal number, optionally signed, within [lo, hi]. */
static bool parse_dec(const char *s, long lo, long hi, long *v)
{
	char *end;
	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || *end || x < lo || x > hi)
		return false;
	*v = x;
	return true;
}

/* ---- symbols ---- */

static const char *sym_lookup(const struct config *cfg, const char *name)
{
	for (int k = 0; k < cfg->nsyms; k++)
		if (!strcmp(cfg->syms[k].name, name))
			return cfg->syms[k].value;
	return getenv(name);
}

static bool is_devsym(const char *name, size_t len)
{
	static const char *const names[] = {"CUU", "CCUU", "cuu", "ccuu"};
	for (size_t k = 0; k < 4; k++)
		if (strlen(names[k]) == len && !memcmp(names[k], name, len))
			return true;
	return false;
}

/* Append len bytes to out[*o]; false if it would overflow. */
static bool put(char *out, size_t n, size_t *o, const char *s, size_t len)
{
	if (*o + len >= n)
		return false;
	memcpy(out + *o, s, len);
	*o += len;
	out[*o] = 0;
	return true;
}

/* Substitute $(NAME); "$$(" is kept literally (Hercules' escape); the device
 * group symbols stay for config_dev_arg(). */
static bool substitute(const struct config *cfg, const char *text, char *out, size_t n, int devnum)
{
	size_t o = 0;
	out[0] = 0;
	for (const char *p = text; *p;) {
		if (p[0] == '$' && p[1] == '$') {
			const char *q = p;
			while (*q == '$')
				q++;
			if (*q == '(') { /* $$( stays; $$$(X) becomes $ + value of X */
				size_t dollars = (size_t)(q - p);
				if (dollars == 2) {
					if (!put(out, n, &o, p, 3))
						return false;
					p = q + 1;
					continue;
				}
				if (!put(out, n, &o, p, dollars - 2))
					return false;
				p += dollars - 1; /* now at the "$(" to substitute */
				continue;
			}
			if (!put(out, n, &o, p, (size_t)(q - p)))
				return false;
			p = q;
			continue;
		}
		const char *close = p[0] == '$' && p[1] == '(' ? strchr(p + 2, ')') : NULL;
		if (!close) {
			if (!put(out, n, &o, p, 1))
				return false;
			p++;
			continue;
		}
		size_t len = (size_t)(close - (p + 2));
		char name[128];
		if (len >= sizeof name)
			len = sizeof name - 1;
		memcpy(name, p + 2, len);
		name[len] = 0;
		if (is_devsym(name, len)) {
			if (devnum < 0) {
				if (!put(out, n, &o, p, (size_t)(close + 1 - p)))
					return false;
			} else {
				char v[8];
				bool three = len == 3, upper = name[0] == 'C';
				snprintf(v, sizeof v,
				         upper ? (three ? "%03X" : "%04X") : (three ? "%03x" : "%04x"),
				         (unsigned)devnum);
				if (!put(out, n, &o, v, strlen(v)))
					return false;
			}
		} else {
			const char *v = cfg ? sym_lookup(cfg, name) : NULL;
			if (v && !put(out, n, &o, v, strlen(v)))
				return false;
		}
		p = close + 1;
	}
	return true;
}

bool config_substitute(const struct config *cfg, const char *text, char *out, size_t n)
{
	return substitute(cfg, text, out, n, -1);
}

void config_dev_arg(const struct config_dev *d, int k, uint16_t devnum, char *out, size_t n)
{
	if (!substitute(NULL, d->args[k], out, n, devnum))
		snprintf(out, n, "%s", d->args[k]);
}

/* ---- tokens ---- */

/* Split a line into operands.  Double or single quotes group blanks; a '#'
 * at the start of an operand starts a comment.  Modifies line. */
static int tokenize(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;
	for (;;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			break;
		if (argc == max)
			return -1;
		char *dst = p;
		argv[argc++] = dst;
		while (*p && !isspace((unsigned char)*p)) {
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				while (*p && *p != q)
					*dst++ = *p++;
				if (*p)
					p++;
			} else {
				*dst++ = *p++;
			}
		}
		bool end = !*p;
		*dst = 0;
		if (end)
			break;
		p++;
	}
	return argc;
}

/* ---- statements ---- */

struct stmt {
	const char *name;
	int (*fn)(const struct where *w, int argc, char **argv);
	int minargs, maxargs; /* operands after the keyword */
	const char *usage;
};

static int st_archmode(const struct where *w, int argc, char **argv)
{
	(void)argc;
	const char *v = argv[1];
	if (!strcasecmp(v, "S/370") || !strcasecmp(v, "S370"))
		return 0;
	static const char *const others[] = {"ESA/390",        "ESA390", "S/390",  "S390", "z/Arch", "zArch",
	                                     "z/Architecture", "ESAME",  "ESA/ME", "z",    "z/XC"};
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
		if (!strcasecmp(v, others[k]))
			return error(w, "ARCHMODE %s is not supported: s370 emulates System/370 only", v);
	return error(w, "ARCHMODE %s: expected S/370", v);
}

static int st_mainsize(const struct where *w, int argc, char **argv)
{
	(void)argc;
	char buf[32];
	snprintf(buf, sizeof buf, "%s", argv[1]);
	size_t len = strlen(buf);
	if (len > 1 && (buf[len - 1] == 'M' || buf[len - 1] == 'm'))
		buf[len - 1] = 0;
	long v;
	if (!parse_dec(buf, 1, CONFIG_MAX_MAINSIZE, &v) || buf[0] == '+' || buf[0] == '-')
		return error(w, "MAINSIZE %s: expected a number of megabytes from 1 to %d", argv[1],
		             CONFIG_MAX_MAINSIZE);
	w->cfg->mainsize_mb = (int)v;
	return 0;
}

static int st_numcpu(const struct where *w, int argc, char **argv)
{
	(void)argc;
	long v;
	if (!parse_dec(argv[1], 0, 1000, &v))
		return error(w, "NUMCPU %s: expected a number", argv[1]);
	if (v != 1)
		return error(w, "NUMCPU %s: s370 emulates one CPU: expected 1", argv[1]);
	return 0;
}

static int st_cpumodel(const struct where *w, int argc, char **argv)
{
	(void)argc;
	uint32_t v;
	if (!parse_hex(argv[1], 4, &v))
		return error(w, "CPUMODEL %s: expected 1 to 4 hexadecimal digits", argv[1]);
	w->cfg->cpumodel = (uint16_t)v;
	w->cfg->cpumodel_set = true;
	return 0;
}

static int st_cpuserial(const struct where *w, int argc, char **argv)
{
	(void)argc;
	uint32_t v;
	if (!parse_hex(argv[1], 6, &v))
		return error(w, "CPUSERIAL %s: expected 1 to 6 hexadecimal digits", argv[1]);
	w->cfg->cpuserial = v;
	w->cfg->cpuserial_set = true;
	return 0;
}

static int st_cpuverid(const struct where *w, int argc, char **argv)
{
	(void)argc;
	uint32_t v;
	if (!parse_hex(argv[1], 2, &v))
		return error(w, "CPUVERID %s: expected 1 or 2 hexadecimal digits", argv[1]);
	w->cfg->cpuverid = (uint8_t)v;
	w->cfg->cpuverid_set = true;
	return 0;
}

static int st_cnslport(const struct where *w, int argc, char **argv)
{
	(void)argc;
	const char *s = argv[1];
	const char *colon = strrchr(s, ':');
	const char *port = colon ? colon + 1 : s;
	long v;
	/* Port 0: no console port (Hercules picks a free one; we listen on none). */
	if (!parse_dec(port, 0, 65535, &v) || (colon && (size_t)(colon - s) >= sizeof w->cfg->cnslhost))
		return error(w, "CNSLPORT %s: expected a port number 0-65535 or host:port", s);
	w->cfg->cnslport = (int)v;
	w->cfg->cnslhost[0] = 0;
	if (colon)
		snprintf(w->cfg->cnslhost, sizeof w->cfg->cnslhost, "%.*s", (int)(colon - s), s);
	return 0;
}

/* TN3270TLS [host:]port certfile keyfile (our own statement). */
static int st_tn3270tls(const struct where *w, int argc, char **argv)
{
	(void)argc;
	const char *s = argv[1];
	const char *colon = strrchr(s, ':');
	const char *port = colon ? colon + 1 : s;
	long v;
	if (!parse_dec(port, 1, 65535, &v) || (colon && (size_t)(colon - s) >= sizeof w->cfg->tlshost))
		return error(w, "TN3270TLS %s: expected a port number 1-65535 or host:port", s);
	if (strlen(argv[2]) >= sizeof w->cfg->tlscert || strlen(argv[3]) >= sizeof w->cfg->tlskey)
		return error(w, "TN3270TLS: certificate or key file name longer than %zu characters",
		             sizeof w->cfg->tlscert - 1);
	w->cfg->tlsport = (int)v;
	w->cfg->tlshost[0] = 0;
	if (colon)
		snprintf(w->cfg->tlshost, sizeof w->cfg->tlshost, "%.*s", (int)(colon - s), s);
	snprintf(w->cfg->tlscert, sizeof w->cfg->tlscert, "%s", argv[2]);
	snprintf(w->cfg->tlskey, sizeof w->cfg->tlskey, "%s", argv[3]);
	return 0;
}

/* CONKPALV (idle,intv,count) as Hercules 4 writes it, or idle intv count. */
static int st_conkpalv(const struct where *w, int argc, char **argv)
{
	char buf[64];
	if (argc == 2)
		snprintf(buf, sizeof buf, "%s", argv[1]);
	else if (argc == 4)
		snprintf(buf, sizeof buf, "(%s,%s,%s)", argv[1], argv[2], argv[3]);
	else
		return error(w, "CONKPALV: expected (idle,intv,count)");
	size_t n = strlen(buf);
	if (n < 2 || buf[0] != '(' || buf[n - 1] != ')')
		return error(w, "CONKPALV %s: expected (idle,intv,count)", buf);
	buf[n - 1] = 0;
	char *f[3] = {buf + 1, NULL, NULL};
	for (int k = 1; k < 3 && f[k - 1]; k++) {
		f[k] = strchr(f[k - 1], ',');
		if (f[k])
			*f[k]++ = 0;
	}
	long v[3];
	if (!f[2] || strchr(f[2], ',') || !parse_dec(f[0], 0, 32767, &v[0]) ||
	    !parse_dec(f[1], 1, 32767, &v[1]) || !parse_dec(f[2], 1, 127, &v[2]))
		return error(w, "CONKPALV: expected (idle,intv,count): idle 0-32767 seconds (0: off), "
		                "intv 1-32767 seconds, count 1-127");
	w->cfg->kpalv_idle = (int)v[0];
	w->cfg->kpalv_intv = (int)v[1];
	w->cfg->kpalv_cnt = (int)v[2];
	return 0;
}

/* TN3270PROBE, TN3270IDLE: seconds, 0 off; TN3270MAX: sessions. */
static int st_tnseconds(const struct where *w, int argc, char **argv)
{
	(void)argc;
	long v;
	bool max = !strcasecmp(argv[0], "TN3270MAX");
	if (!parse_dec(argv[1], max ? 1 : 0, max ? 4096 : 86400 * 7, &v))
		return error(w, "%s %s: expected %s", argv[0], argv[1],
		             max ? "a number of sessions 1-4096" : "a number of seconds (0: off)");
	if (max)
		w->cfg->tnmax = (int)v;
	else if (!strcasecmp(argv[0], "TN3270PROBE"))
		w->cfg->tnprobe = (int)v;
	else
		w->cfg->tnidle = (int)v;
	return 0;
}

/* LOGOFILE (Hercules 4; HERCLOGO as its command is named): the 3270
 * connection screen, read when a client connects (tn3270/tn_logo.c). */
static int st_logofile(const struct where *w, int argc, char **argv)
{
	(void)argc;
	if (strlen(argv[1]) >= sizeof w->cfg->logo)
		return error(w, "%s: file name longer than %zu characters", argv[0], sizeof w->cfg->logo - 1);
	snprintf(w->cfg->logo, sizeof w->cfg->logo, "%s", argv[1]);
	return 0;
}

static int st_s37x(const struct where *w, int argc, char **argv)
{
	(void)argc;
	if (!strcasecmp(argv[1], "ON"))
		w->cfg->s37x = true;
	else if (!strcasecmp(argv[1], "OFF"))
		w->cfg->s37x = false;
	else
		return error(w, "S37X %s: expected ON or OFF", argv[1]);
	return 0;
}

static int st_loadparm(const struct where *w, int argc, char **argv)
{
	(void)argc;
	size_t len = strlen(argv[1]);
	if (len > 8)
		return error(w, "LOADPARM %s: expected at most 8 characters", argv[1]);
	for (size_t k = 0; k < len; k++) {
		unsigned char ch = (unsigned char)argv[1][k];
		if (!isprint(ch))
			return error(w, "LOADPARM: expected printable characters");
		w->cfg->loadparm[k] = (char)toupper(ch);
	}
	w->cfg->loadparm[len] = 0;
	return 0;
}

static int yroffset(const struct where *w, const char *s)
{
	long v;
	if (!parse_dec(s, -142, 142, &v))
		return error(w, "YROFFSET %s: expected a number of years from -142 to +142", s);
	w->cfg->yroffset = (int)v;
	return 0;
}

static int st_sysepoch(const struct where *w, int argc, char **argv)
{
	long v;
	if (!parse_dec(argv[1], 1801, 2099, &v))
		return error(w, "SYSEPOCH %s: expected a year such as 1900 or 1960", argv[1]);
	w->cfg->sysepoch = (int)v;
	if (v != 1900 && v != 1960)
		warning(w, "SYSEPOCH %ld: only 1900 and 1960 are usual; consider YROFFSET", v);
	return argc > 2 ? yroffset(w, argv[2]) : 0;
}

static int st_yroffset(const struct where *w, int argc, char **argv)
{
	(void)argc;
	return yroffset(w, argv[1]);
}

static int st_tzoffset(const struct where *w, int argc, char **argv)
{
	(void)argc;
	const char *s = argv[1];
	const char *d = (*s == '+' || *s == '-') ? s + 1 : s;
	long v;
	if (strlen(d) != 4 || !isdigit((unsigned char)d[0]) || !parse_dec(d, 0, 2359, &v) || v % 100 > 59)
		return error(w, "TZOFFSET %s: expected +hhmm or -hhmm", s);
	w->cfg->tzoffset = (int)(*s == '-' ? -v : v);
	return 0;
}

/* Statements recorded now and honoured by later parts (DIAGNOSE 8, 3270 code
 * page, timer resolution): keep the operands. */
static int st_diag8cmd(const struct where *w, int argc, char **argv)
{
	for (int k = 1; k < argc; k++) {
		if (strcasecmp(argv[k], "ENABLE") && strcasecmp(argv[k], "DISABLE") &&
		    strcasecmp(argv[k], "ECHO") && strcasecmp(argv[k], "NOECHO"))
			return error(w, "DIAG8CMD %s: expected ENABLE or DISABLE, then ECHO or NOECHO",
			             argv[k]);
	}
	snprintf(w->cfg->diag8cmd, sizeof w->cfg->diag8cmd, "%s%s%s", argv[1], argc > 2 ? " " : "",
	         argc > 2 ? argv[2] : "");
	return 0;
}

static int st_codepage(const struct where *w, int argc, char **argv)
{
	(void)argc;
	snprintf(w->cfg->codepage, sizeof w->cfg->codepage, "%s", argv[1]);
	return 0;
}

static int st_timerint(const struct where *w, int argc, char **argv)
{
	(void)argc;
	long v;
	if (!strcasecmp(argv[1], "DEFAULT"))
		v = 0;
	else if (!parse_dec(argv[1], 1, 1000000, &v))
		return error(w, "TIMERINT %s: expected DEFAULT or a number of microseconds", argv[1]);
	w->cfg->timerint = (int)v;
	return 0;
}

/* CHANNEL n[-m] SELECTOR|BYTEMPX|BLKMPX: our own statement (Hercules 3.13
 * has no way to choose a channel's type).  n and m are hex channel numbers. */
static int st_channel(const struct where *w, int argc, char **argv)
{
	(void)argc;
	static const char *const types[] = {[CONFIG_CHAN_SELECTOR] = "SELECTOR",
	                                    [CONFIG_CHAN_BYTEMPX] = "BYTEMPX",
	                                    [CONFIG_CHAN_BLKMPX] = "BLKMPX"};
	char first[8] = "", last[8] = "";
	const char *dash = strchr(argv[1], '-');
	size_t n1 = dash ? (size_t)(dash - argv[1]) : strlen(argv[1]);
	uint32_t lo, hi;
	if (n1 < sizeof first)
		snprintf(first, sizeof first, "%.*s", (int)n1, argv[1]);
	if (dash && strlen(dash + 1) < sizeof last)
		snprintf(last, sizeof last, "%s", dash + 1);
	bool ok = parse_hex(first, 2, &lo);
	hi = lo;
	if (ok && dash)
		ok = parse_hex(last, 2, &hi) && hi >= lo;
	if (!ok)
		return error(w, "CHANNEL %s: expected a channel number 0-FF or a range such as 1-3", argv[1]);
	int type = 0;
	for (int k = CONFIG_CHAN_SELECTOR; k <= CONFIG_CHAN_BLKMPX; k++)
		if (!strcasecmp(argv[2], types[k]))
			type = k;
	if (!type)
		return error(w, "CHANNEL %s %s: expected SELECTOR, BYTEMPX or BLKMPX", argv[1], argv[2]);
	for (uint32_t ch = lo; ch <= hi; ch++)
		w->cfg->chantype[ch] = (uint8_t)type;
	return 0;
}

static int st_defsym(const struct where *w, int argc, char **argv)
{
	struct config *cfg = w->cfg;
	const char *value = argc > 2 ? argv[2] : "";
	for (int k = 0; k < cfg->nsyms; k++) {
		if (!strcmp(cfg->syms[k].name, argv[1])) {
			free(cfg->syms[k].value);
			cfg->syms[k].value = xstrdup(value);
			return 0;
		}
	}
	cfg->syms = xrealloc(cfg->syms, sizeof *cfg->syms * (size_t)(cfg->nsyms + 1));
	cfg->syms[cfg->nsyms].name = xstrdup(argv[1]);
	cfg->syms[cfg->nsyms].value = xstrdup(value);
	cfg->nsyms++;
	return 0;
}

static int load_file(struct config *cfg, const char *path, const struct where *from);

static int st_include(const struct where *w, int argc, char **argv)
{
	(void)argc;
	if (w->cfg->depth >= MAX_DEPTH)
		return error(w, "INCLUDE %s: nested more than %d levels deep", argv[1], MAX_DEPTH);
	return load_file(w->cfg, argv[1], w);
}

static const struct stmt statements[] = {
    {"ARCHMODE", st_archmode, 1, 1, "S/370"},
    {"MAINSIZE", st_mainsize, 1, 1, "megabytes"},
    {"NUMCPU", st_numcpu, 1, 1, "1"},
    {"CPUMODEL", st_cpumodel, 1, 1, "xxxx"},
    {"CPUSERIAL", st_cpuserial, 1, 1, "xxxxxx"},
    {"CPUVERID", st_cpuverid, 1, 1, "xx"},
    {"CNSLPORT", st_cnslport, 1, 1, "[host:]port"},
    {"TN3270TLS", st_tn3270tls, 3, 3, "[host:]port certfile keyfile"},
    {"CONKPALV", st_conkpalv, 1, 3, "(idle,intv,count)"},
    {"TN3270PROBE", st_tnseconds, 1, 1, "seconds"},
    {"TN3270IDLE", st_tnseconds, 1, 1, "seconds"},
    {"TN3270MAX", st_tnseconds, 1, 1, "sessions"},
    {"LOGOFILE", st_logofile, 1, 1, "filename"},
    {"HERCLOGO", st_logofile, 1, 1, "filename"},
    {"S37X", st_s37x, 1, 1, "ON|OFF"},
    {"LOADPARM", st_loadparm, 1, 1, "xxxxxxxx"},
    {"SYSEPOCH", st_sysepoch, 1, 2, "yyyy [+-years]"},
    {"YROFFSET", st_yroffset, 1, 1, "+-years"},
    {"TZOFFSET", st_tzoffset, 1, 1, "+-hhmm"},
    {"DIAG8CMD", st_diag8cmd, 1, 2, "ENABLE|DISABLE [ECHO|NOECHO]"},
    {"CODEPAGE", st_codepage, 1, 1, "name"},
    {"TIMERINT", st_timerint, 1, 1, "DEFAULT|microseconds"},
    {"CHANNEL", st_channel, 2, 2, "n[-m] SELECTOR|BYTEMPX|BLKMPX"},
    {"DEFSYM", st_defsym, 1, 2, "symbol [value]"},
    {"INCLUDE", st_include, 1, 1, "filepath"},
};

/* Known Hercules statements without meaning here: accepted with a warning. */
static const char *const ignored[] = {
    "PANRATE",       "HTTPPORT",
    "HTTPROOT",      "LPARNAME",
    "LPARNUM",       "OSTAILOR",
    "PGMPRDOS",      "ECPSVM",
    "DEVTMAX",       "MAXCPU",
    "ENGINES",       "XPNDSIZE",
    "MODPATH",       "LDMOD",
    "LEGACYSENSEID", "SHCMDOPT",
    "CONKPALV",      "AUTO_SCSI_MOUNT",
    "TRACEOPT",      "HERCPRIO",
    "CPUPRIO",       "TODPRIO",
    "DEVPRIO",       "SRVPRIO",
    "SHRDPORT",      "MOUNTED_TAPE_REINIT",
    "LOGOPT",        "PANTITLE",
    "IODELAY",       "CCKD",
    "ALRF",          "AUTOMOUNT",
    "SCLPROOT",      "ASN_AND_LX_REUSE",
    "CMDSEP",        "TODDRAG",
    "MANUFACTURER",  "MODEL",
    "PLANT",         "IGNORE",
    "MSGHLD",        "MSGLEVEL",
    "CMDLEVEL",      "HAO",
    "LOGFILE",       "ECPSVM",
    "SHRDPORT",      "CAPPING",
    "FACILITY",      "SYSGPORT",
    "DEFSTORE",      "TAMDIR",
    "CRYPTO",        NULL,
};

static bool is_ignored(const char *name)
{
	for (int k = 0; ignored[k]; k++)
		if (!strcasecmp(ignored[k], name))
			return true;
	return false;
}

/* ---- device statements ---- */

/* One address: optional "0:" subchannel-set prefix, then 1-4 hex digits. */
static bool devaddr(const char *s, size_t len, uint16_t *v)
{
	char buf[16];
	if (len >= sizeof buf || len == 0)
		return false;
	memcpy(buf, s, len);
	buf[len] = 0;
	const char *p = buf;
	if (p[0] == '0' && p[1] == ':')
		p += 2;
	uint32_t x;
	if (!parse_hex(p, 4, &x))
		return false;
	*v = (uint16_t)x;
	return true;
}

int config_parse_devaddrs(const char *s, struct config_devrange **ranges, int *n)
{
	*ranges = NULL;
	*n = 0;
	for (;;) {
		size_t len = strcspn(s, ",");
		size_t sep = strcspn(s, "-.");
		struct config_devrange r;
		if (sep < len) {
			if (!devaddr(s, sep, &r.first))
				goto bad;
			if (s[sep] == '-') {
				if (!devaddr(s + sep + 1, len - sep - 1, &r.last) || r.last < r.first)
					goto bad;
			} else {
				uint32_t cnt;
				char buf[8];
				if (len - sep - 1 == 0 || len - sep - 1 >= sizeof buf)
					goto bad;
				memcpy(buf, s + sep + 1, len - sep - 1);
				buf[len - sep - 1] = 0;
				/* Hercules: the count after '.' is decimal. */
				long c;
				if (!parse_dec(buf, 1, 65536, &c))
					goto bad;
				cnt = (uint32_t)c;
				if (r.first + cnt - 1 > 0xFFFF)
					goto bad;
				r.last = (uint16_t)(r.first + cnt - 1);
			}
		} else {
			if (!devaddr(s, len, &r.first))
				goto bad;
			r.last = r.first;
		}
		*ranges = xrealloc(*ranges, sizeof **ranges * (size_t)(*n + 1));
		(*ranges)[(*n)++] = r;
		if (!s[len])
			return 0;
		s += len + 1;
	}
bad:
	free(*ranges);
	*ranges = NULL;
	*n = 0;
	return -1;
}

static bool looks_like_device(const char *tok)
{
	return isxdigit((unsigned char)tok[0]) &&
	       (isdigit((unsigned char)tok[0]) || strspn(tok, "0123456789abcdefABCDEF:.-,") == strlen(tok));
}

static int device_statement(const struct where *w, int argc, char **argv)
{
	struct config *cfg = w->cfg;
	struct config_dev d = {0};
	if (config_parse_devaddrs(argv[0], &d.ranges, &d.nranges))
		return error(w, "%s: expected a device address such as 0009, 00C0.8 or 0190-0191", argv[0]);
	if (argc < 2) {
		free(d.ranges);
		return error(w, "device %s: expected a device type after the address", argv[0]);
	}
	d.type = xstrdup(argv[1]);
	d.nargs = argc - 2;
	d.args = xrealloc(NULL, sizeof *d.args * (size_t)(d.nargs ? d.nargs : 1));
	for (int k = 0; k < d.nargs; k++)
		d.args[k] = xstrdup(argv[k + 2]);
	d.file = xstrdup(w->file);
	d.line = w->line;
	cfg->devs = xrealloc(cfg->devs, sizeof *cfg->devs * (size_t)(cfg->ndevs + 1));
	cfg->devs[cfg->ndevs++] = d;
	return 0; /* the channel subsystem builds the devices (devices/chan_sys.c) */
}

/* ---- lines and files ---- */

int config_statement(struct config *cfg, const char *file, int line, const char *text)
{
	struct where w = {cfg, file, line};
	char sub[MAX_LINE];
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p || *p == '#' || *p == '*')
		return 0;
	for (const char *q = p; *q; q++)
		if ((unsigned char)*q < 0x20 && *q != '\t')
			return error(&w, "expected text, found control character X'%02X' in column %d",
			             (unsigned char)*q, (int)(q - text) + 1);
	if (!substitute(cfg, p, sub, sizeof sub, -1))
		return error(&w, "line too long after symbol substitution");
	char *argv[MAX_ARGS];
	int argc = tokenize(sub, argv, MAX_ARGS);
	if (argc < 0)
		return error(&w, "more than %d operands", MAX_ARGS - 1);
	if (argc == 0)
		return 0;
	for (size_t k = 0; k < sizeof statements / sizeof statements[0]; k++) {
		const struct stmt *s = &statements[k];
		if (strcasecmp(s->name, argv[0]))
			continue;
		if (argc - 1 < s->minargs)
			return error(&w, "%s: expected %s", s->name, s->usage);
		if (argc - 1 > s->maxargs)
			return error(&w, "%s %s: unexpected operand '%s' (expected %s)", s->name, argv[1],
			             argv[s->maxargs + 1], s->usage);
		return s->fn(&w, argc, argv);
	}
	if (is_ignored(argv[0])) {
		char up[32];
		size_t k;
		for (k = 0; argv[0][k] && k < sizeof up - 1; k++)
			up[k] = (char)toupper((unsigned char)argv[0][k]);
		up[k] = 0;
		warning(&w, "%s is accepted but has no effect in s370", up);
		return 0;
	}
	if (looks_like_device(argv[0]))
		return device_statement(&w, argc, argv);
	char name[33];
	size_t k;
	for (k = 0; argv[0][k] && k < sizeof name - 1; k++)
		name[k] = isprint((unsigned char)argv[0][k]) ? argv[0][k] : '?';
	name[k] = 0;
	return error(&w, "unknown statement %s%s", name, argv[0][k] ? "..." : "");
}

/* An INCLUDE path is tried as given, then relative to the including file. */
static FILE *open_include(const char *path, const char *from, char *used, size_t n)
{
	snprintf(used, n, "%s", path);
	FILE *f = fopen(path, "r");
	if (f || !from || path[0] == '/')
		return f;
	const char *slash = strrchr(from, '/');
	if (!slash)
		return NULL;
	snprintf(used, n, "%.*s/%s", (int)(slash - from), from, path);
	return fopen(used, "r");
}

static int load_file(struct config *cfg, const char *path, const struct where *from)
{
	char used[1024];
	FILE *f = open_include(path, from ? from->file : NULL, used, sizeof used);
	if (!f) {
		if (from)
			return error(from, "INCLUDE %s: %s", path, strerror(errno));
		fprintf(cfg->msg, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	cfg->depth++;
	char line[MAX_LINE];
	int lineno = 0, rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f)) {
			struct where w = {cfg, used, lineno};
			rc = error(&w, "line longer than %d characters", MAX_LINE - 2);
			break;
		}
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (memchr(line, 0, len) != NULL) {
			struct where w = {cfg, used, lineno};
			rc = error(&w, "expected text, found a NUL byte");
			break;
		}
		rc = config_statement(cfg, used, lineno, line);
	}
	if (rc == 0 && ferror(f)) {
		fprintf(cfg->msg, "%s: read error\n", used);
		rc = -1;
	}
	fclose(f);
	cfg->depth--;
	return rc;
}

int config_load(struct config *cfg, const char *path)
{
	return load_file(cfg, path, NULL);
}

uint64_t config_cpuid(const struct config *cfg, uint64_t dflt)
{
	uint64_t ver = cfg->cpuverid_set ? cfg->cpuverid : dflt >> 56;
	uint64_t ser = cfg->cpuserial_set ? cfg->cpuserial : (dflt >> 32) & 0xFFFFFF;
	uint64_t mod = cfg->cpumodel_set ? cfg->cpumodel : (dflt >> 16) & 0xFFFF;
	return ver << 56 | ser << 32 | mod << 16;
}

/* Days from 1 January of year a to 1 January of year b (a <= b), Gregorian. */
static int64_t days_between(int a, int b)
{
	int64_t d = 0;
	for (int y = a; y < b; y++)
		d += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
	return d;
}

/* The TOD clock counts from 1900-01-01 (GA22-7000 "TOD Clock").  SYSEPOCH Y
 * makes it count from 1 January Y instead; YROFFSET n moves it n years (the
 * days of n years counted from 1901 on, so that -28 = 10227 days keeps weekdays
 * and leap years); TZOFFSET +hhmm shows local time. */
int64_t config_tod_offset(const struct config *cfg)
{
	int64_t secs = 0;
	if (cfg->sysepoch >= 1900)
		secs -= days_between(1900, cfg->sysepoch) * 86400;
	else
		secs += days_between(cfg->sysepoch, 1900) * 86400;
	int n = cfg->yroffset < 0 ? -cfg->yroffset : cfg->yroffset;
	int64_t ydays = days_between(1901, 1901 + n);
	secs += (cfg->yroffset < 0 ? -ydays : ydays) * 86400;
	int tz = cfg->tzoffset < 0 ? -cfg->tzoffset : cfg->tzoffset;
	int64_t tzs = (int64_t)(tz / 100) * 3600 + (tz % 100) * 60;
	secs += cfg->tzoffset < 0 ? -tzs : tzs;
	return secs * 1000000 * 4096;
}
