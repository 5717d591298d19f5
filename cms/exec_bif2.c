/* exec_bif2.c — built-in functions on numbers, conversions between
 * characters, hexadecimal and decimal, and those that ask the interpreter
 * or CMS: ARG DATATYPE DATE TIME QUEUED USERID RANDOM VALUE SYMBOL
 * SOURCELINE ERRORTEXT DIGITS.  (The REXX Language, ch. 4.)
 *
 * Conversions to and from decimal hold at most 4 bytes (8 hexadecimal
 * digits): enough for any whole number NUMERIC DIGITS 9 can show.
 */
#include "exec_int.h"

#define ARGS struct exec *ex, int n, struct xv *a, const bool *p
#define INT(i, def, min) exec_arg_int(ex, n, a, p, i, def, min)

static struct xv empty(struct exec *ex)
{
	return exec_str(ex, "", 0);
}

static bool number(struct exec *ex, struct xv v, struct num *x)
{
	if (exec_num_parse(v.s, v.len, x, ex->fr->digits))
		return true;
	exec_error(ex, 41);
	return false;
}

static struct xv f_abs(ARGS)
{
	(void)n, (void)p;
	struct num x;
	if (!number(ex, a[0], &x))
		return empty(ex);
	x.neg = false;
	return exec_num_str(ex, &x, ex->fr->digits);
}

static struct xv f_sign(ARGS)
{
	(void)n, (void)p;
	struct num x;
	if (!number(ex, a[0], &x))
		return empty(ex);
	bool zero = x.nd == 1 && x.d[0] == 0;
	return exec_cstr(ex, zero ? "0" : x.neg ? "-1" : "1");
}

static struct xv maxmin(struct exec *ex, int n, struct xv *a, const bool *p, bool max)
{
	int best = -1;
	for (int i = 0; i < n; i++) {
		if (!p[i]) {
			exec_error(ex, 40);
			return empty(ex);
		}
		if (!exec_isnum(ex, a[i])) {
			exec_error(ex, 41);
			return empty(ex);
		}
		if (best < 0) {
			best = i;
			continue;
		}
		int c = exec_numcmp(ex, a[i], a[best]);
		if (max ? c > 0 : c < 0)
			best = i;
	}
	return exec_normal(ex, a[best]);
}

static struct xv f_max(ARGS)
{
	return maxmin(ex, n, a, p, true);
}

static struct xv f_min(ARGS)
{
	return maxmin(ex, n, a, p, false);
}

/* x in plain notation with exactly dec decimals (rounded or truncated);
 * before > 0: the integer part right-aligned in that many columns. */
static struct xv fixed(struct exec *ex, struct num *x, int dec, bool round, int before)
{
	/* Digits kept: those down to 10**-dec. */
	long keep = (long)x->nd + x->exp + dec;
	if (keep < x->nd) {
		bool up = round && keep >= 0 && x->d[keep] >= 5;
		if (keep <= 0) {
			x->nd = 1;
			x->d[0] = up ? 1 : 0;
			x->exp = -dec;
		} else {
			x->exp += x->nd - (int)keep;
			x->nd = (int)keep;
			if (up) {
				int i = x->nd - 1;
				while (i >= 0 && x->d[i] == 9)
					x->d[i--] = 0;
				if (i >= 0) {
					x->d[i]++;
				} else {
					memmove(x->d + 1, x->d, (size_t)x->nd);
					x->d[0] = 1;
					x->nd++;
				}
			}
		}
	}
	long intd = (long)x->nd + x->exp; /* digits before the point */
	if (intd > 2 * NUM_MAXD || dec > 2 * NUM_MAXD) {
		exec_error(ex, 40);
		return empty(ex);
	}
	char buf[6 * NUM_MAXD + 8];
	int o = 0;
	bool zero = true;
	for (int i = 0; i < x->nd; i++)
		if (x->d[i])
			zero = false;
	if (x->neg && !zero)
		buf[o++] = '-';
	if (intd <= 0)
		buf[o++] = '0';
	for (long i = 0; i < intd; i++)
		buf[o++] = i < x->nd ? (char)('0' + x->d[i]) : '0';
	if (dec > 0) {
		buf[o++] = '.';
		for (long i = intd; i < intd + dec; i++)
			buf[o++] = i >= 0 && i < x->nd ? (char)('0' + x->d[i]) : '0';
	}
	if (before > 0) {
		int ilen = o - (dec > 0 ? dec + 1 : 0);
		if (ilen > before) {
			exec_error(ex, 40);
			return empty(ex);
		}
		struct xv r = exec_alloc(ex, before - ilen + o);
		if (!ex->err) {
			memset(r.s, ' ', (size_t)(before - ilen));
			memcpy(r.s + before - ilen, buf, (size_t)o);
		}
		return r;
	}
	return exec_str(ex, buf, o);
}

static struct xv f_trunc(ARGS)
{
	struct num x;
	int dec = INT(1, 0, 0);
	if (ex->err || !number(ex, a[0], &x))
		return empty(ex);
	return fixed(ex, &x, dec, false, 0);
}

/* FORMAT(number [,before [,after]]): rounded to after decimals, the
 * integer part padded on the left to before columns. */
static struct xv f_format(ARGS)
{
	struct num x;
	int before = INT(1, 0, 1), after = INT(2, -1, 0);
	if (ex->err || !number(ex, a[0], &x))
		return empty(ex);
	if (after < 0) {
		if (before == 0)
			return exec_num_str(ex, &x, ex->fr->digits);
		after = x.exp < 0 ? -x.exp : 0;
	}
	return fixed(ex, &x, after, true, before);
}

static bool all_in(struct xv s, const char *set, bool blanks)
{
	for (int i = 0; i < s.len; i++) {
		char c = s.s[i];
		if (c == ' ' && blanks)
			continue;
		bool in = false;
		for (const char *k = set; *k && !in; k++)
			in = *k == c;
		if (!in)
			return false;
	}
	return true;
}

static const char upper_set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
static const char lower_set[] = "abcdefghijklmnopqrstuvwxyz";
static const char hex_set[] = "0123456789ABCDEFabcdef";

/* Blanks in a hexadecimal or binary string only between groups (not at the ends). */
static bool groups_ok(struct xv s)
{
	return !s.len || (s.s[0] != ' ' && s.s[s.len - 1] != ' ');
}

static struct xv f_datatype(ARGS)
{
	if (!exec_arg_given(n, p, 1))
		return exec_cstr(ex, exec_isnum(ex, a[0]) ? "NUM" : "CHAR");
	char t = exec_arg_opt(ex, n, a, p, 1, 'N', "ABLMNSUWX");
	if (ex->err)
		return empty(ex);
	struct xv s = a[0];
	bool r = false;
	int w;
	switch (t) {
	case 'A':
		r = s.len &&
		    all_in(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", false);
		break;
	case 'B':
		r = groups_ok(s) && all_in(s, "01", true);
		break;
	case 'L':
		r = s.len && all_in(s, lower_set, false);
		break;
	case 'M':
		r = s.len && all_in(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", false);
		break;
	case 'N':
		r = exec_isnum(ex, s);
		break;
	case 'S':
		r = exec_symbol_ok(s.s, s.len);
		break;
	case 'U':
		r = s.len && all_in(s, upper_set, false);
		break;
	case 'W':
		r = exec_whole(ex, s, &w);
		break;
	case 'X':
		r = groups_ok(s) && all_in(s, hex_set, true);
		break;
	}
	return exec_str(ex, r ? "1" : "0", 1);
}

/* ---- conversions ---- */

static const char hexd[] = "0123456789ABCDEF";

static struct xv f_c2x(ARGS)
{
	(void)n, (void)p;
	if (a[0].len > EXEC_MAXSTR / 2) {
		exec_error(ex, 5);
		return empty(ex);
	}
	struct xv r = exec_alloc(ex, 2 * a[0].len);
	for (int i = 0; i < a[0].len && !ex->err; i++) {
		uint8_t c = (uint8_t)a[0].s[i];
		r.s[2 * i] = hexd[c >> 4];
		r.s[2 * i + 1] = hexd[c & 15];
	}
	return r;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = cms_toupper(c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Packs hex (bits 4) or binary (bits 1) digits into bytes, from the right. */
static struct xv pack(struct exec *ex, struct xv s, int bits)
{
	int digits = 0;
	if (!groups_ok(s))
		goto bad;
	for (int i = 0; i < s.len; i++)
		if (s.s[i] != ' ')
			digits++;
	int per = 8 / bits;
	int bytes = (digits + per - 1) / per;
	struct xv r = exec_alloc(ex, bytes);
	if (ex->err)
		return r;
	int have = (per - digits % per) % per, o = 0, acc = 0;
	for (int i = 0; i < s.len; i++) {
		if (s.s[i] == ' ')
			continue;
		int v = bits == 4 ? hexval(s.s[i]) : s.s[i] == '0' ? 0 : s.s[i] == '1' ? 1 : -1;
		if (v < 0) {
			exec_drop(&r);
			goto bad;
		}
		acc = (acc << bits) | v;
		if (++have == per) {
			r.s[o++] = (char)acc;
			acc = have = 0;
		}
	}
	return r;
bad:
	exec_error(ex, 40);
	return empty(ex);
}

static struct xv f_x2c(ARGS)
{
	(void)n, (void)p;
	return pack(ex, a[0], 4);
}

static struct xv f_b2x(ARGS)
{
	(void)n, (void)p;
	struct xv c = pack(ex, a[0], 1);
	if (ex->err)
		return c;
	struct xv r = f_c2x(ex, 1, &c, p);
	exec_drop(&c);
	/* B2X keeps only the digits the bits make: '1'B is '1', not '01'. */
	int digits = 0;
	for (int i = 0; i < a[0].len; i++)
		if (a[0].s[i] != ' ')
			digits++;
	int want = (digits + 3) / 4;
	if (r.len > want) {
		memmove(r.s, r.s + r.len - want, (size_t)want);
		r.len = want;
		r.s[want] = 0;
	}
	return r;
}

static struct xv f_x2b(ARGS)
{
	(void)n, (void)p;
	struct xv c = pack(ex, a[0], 4);
	if (ex->err)
		return c;
	int digits = 0;
	for (int i = 0; i < a[0].len; i++)
		if (a[0].s[i] != ' ')
			digits++;
	struct xv r = exec_alloc(ex, digits * 4);
	int skip = c.len * 8 - digits * 4;
	for (int i = 0, o = 0; i < c.len * 8 && !ex->err; i++)
		if (i >= skip)
			r.s[o++] = ((uint8_t)c.s[i / 8] >> (7 - i % 8)) & 1 ? '1' : '0';
	exec_drop(&c);
	return r;
}

/* The bytes of s (the last len of them, len -1 all) as an unsigned or
 * two's complement number; more than 4 significant bytes is error 40. */
static struct xv to_decimal(struct exec *ex, struct xv s, int len)
{
	int from = len < 0 || len > s.len ? 0 : s.len - len;
	int nb = s.len - from;
	if (len == 0)
		return exec_str(ex, "0", 1);
	uint32_t v = 0;
	for (int i = from; i < s.len; i++) {
		if (i < s.len - 4 && s.s[i] != 0 && !(len > 0 && (uint8_t)s.s[i] == 0xFF)) {
			exec_error(ex, 40);
			return empty(ex);
		}
		v = (v << 8) | (uint8_t)s.s[i];
	}
	char buf[16];
	if (len > 0 && nb > 0 && ((uint8_t)s.s[from] & 0x80)) {
		/* negative: -(2**(8*nb) - v) */
		uint32_t mag = nb >= 4 ? (uint32_t)0 - v : ((uint32_t)1 << (8 * nb)) - v;
		cms_format(buf, sizeof buf, "-%u", (unsigned)mag);
	} else {
		cms_format(buf, sizeof buf, "%u", (unsigned)v);
	}
	if (strlen(buf) > (size_t)ex->fr->digits + (buf[0] == '-')) {
		exec_error(ex, 40);
		return empty(ex);
	}
	return exec_cstr(ex, buf);
}

static struct xv f_c2d(ARGS)
{
	int len = INT(1, -1, 0);
	return ex->err ? empty(ex) : to_decimal(ex, a[0], len);
}

static struct xv f_x2d(ARGS)
{
	int len = INT(1, -1, 0);
	if (ex->err)
		return empty(ex);
	struct xv c = pack(ex, a[0], 4);
	if (ex->err)
		return c;
	struct xv r;
	if (len >= 0) {
		/* len hex digits: sign from the leftmost of them. */
		int digits = 0;
		for (int i = 0; i < a[0].len; i++)
			if (a[0].s[i] != ' ')
				digits++;
		if (len == 0) {
			exec_drop(&c);
			return exec_str(ex, "0", 1);
		}
		if (len > 8) {
			exec_drop(&c);
			exec_error(ex, 40);
			return empty(ex);
		}
		uint32_t v = 0;
		for (int i = 0; i < c.len; i++)
			v = (v << 8) | (uint8_t)c.s[i];
		if (digits > len)
			v &= len == 8 ? 0xFFFFFFFFu : ((uint32_t)1 << (4 * len)) - 1;
		char buf[16];
		bool neg = len <= 8 && (v >> (4 * len - 1)) & 1;
		if (neg)
			cms_format(buf, sizeof buf, "-%u",
			           (unsigned)(len == 8 ? (uint32_t)0 - v : ((uint32_t)1 << (4 * len)) - v));
		else
			cms_format(buf, sizeof buf, "%u", (unsigned)v);
		r = exec_cstr(ex, buf);
	} else {
		r = to_decimal(ex, c, -1);
	}
	exec_drop(&c);
	return r;
}

/* The whole number a[0] as len bytes (two's complement); len -1: as few as it needs. */
static struct xv from_decimal(struct exec *ex, int n, struct xv *a, const bool *p, bool hex)
{
	int v;
	if (!exec_whole(ex, a[0], &v)) {
		exec_error(ex, 40);
		return empty(ex);
	}
	int len = INT(1, -1, 0);
	if (ex->err)
		return empty(ex);
	if (v < 0 && len < 0) {
		exec_error(ex, 40);
		return empty(ex);
	}
	uint32_t u = (uint32_t)v;
	int bytes = hex ? (len < 0 ? 0 : (len + 1) / 2) : len;
	if (len < 0) {
		bytes = 1;
		while (bytes < 4 && (u >> (8 * bytes)))
			bytes++;
	}
	struct xv c = exec_alloc(ex, bytes);
	for (int i = 0; i < bytes && !ex->err; i++) {
		int sh = 8 * (bytes - 1 - i);
		c.s[i] = sh >= 32 ? (char)(v < 0 ? 0xFF : 0) : (char)(u >> sh);
	}
	if (!hex || ex->err)
		return c;
	struct xv r = f_c2x(ex, 1, &c, p);
	exec_drop(&c);
	if (len < 0) {
		/* No leading zero digit: D2X(10) is A. */
		if (r.len > 1 && r.s[0] == '0') {
			memmove(r.s, r.s + 1, (size_t)r.len);
			r.len--;
		}
	} else if (r.len > len) {
		memmove(r.s, r.s + r.len - len, (size_t)len + 1);
		r.len = len;
	}
	return r;
}

static struct xv f_d2c(ARGS)
{
	return from_decimal(ex, n, a, p, false);
}

static struct xv f_d2x(ARGS)
{
	return from_decimal(ex, n, a, p, true);
}

/* ---- the interpreter and CMS ---- */

static struct xv f_arg(ARGS)
{
	struct frame *f = ex->fr;
	if (n == 0)
		return exec_int(ex, f->nargs);
	int k = INT(0, 1, 1);
	char opt = exec_arg_opt(ex, n, a, p, 1, 'A', "EO");
	if (ex->err)
		return empty(ex);
	bool given = k <= f->nargs && f->argp[k - 1];
	if (opt == 'E')
		return exec_str(ex, given ? "1" : "0", 1);
	if (opt == 'O')
		return exec_str(ex, given ? "0" : "1", 1);
	return given ? exec_str(ex, f->args[k - 1].s, f->args[k - 1].len) : empty(ex);
}

static struct xv f_queued(ARGS)
{
	(void)n, (void)a, (void)p;
	return exec_int(ex, ex->io->queued ? ex->io->queued(ex->io->ctx) : 0);
}

static struct xv f_userid(ARGS)
{
	(void)n, (void)a, (void)p;
	const char *u = ex->io->userid ? ex->io->userid(ex->io->ctx) : NULL;
	return exec_cstr(ex, u ? u : "CMSUSER");
}

/* RANDOM([min] [,max] [,seed]): a whole number in [min, max] (0 and 999
 * by default; RANDOM(max) alone is [0, max]); the same seed gives the same
 * sequence (a linear congruential generator). */
static struct xv f_random(ARGS)
{
	int lo = 0, hi = 999;
	if (n == 1 && p[0]) {
		hi = INT(0, 999, 0);
	} else {
		lo = INT(0, 0, 0);
		hi = INT(1, 999, 0);
	}
	if (exec_arg_given(n, p, 2))
		ex->seed = (uint32_t)INT(2, 0, 0);
	if (ex->err || hi < lo || hi - lo > 100000) {
		exec_error(ex, 40);
		return empty(ex);
	}
	ex->seed = ex->seed * 1103515245u + 12345u;
	uint32_t r = (ex->seed >> 8) % (uint32_t)(hi - lo + 1);
	return exec_int(ex, lo + (int)r);
}

static bool upper_name(struct exec *ex, struct xv v, char *buf)
{
	if (!exec_symbol_ok(v.s, v.len)) {
		exec_error(ex, 40);
		return false;
	}
	for (int i = 0; i < v.len; i++)
		buf[i] = cms_toupper(v.s[i]);
	buf[v.len] = 0;
	return true;
}

static struct xv f_value(ARGS)
{
	char name[256];
	if (!upper_name(ex, a[0], name))
		return empty(ex);
	struct xv r;
	if (exec_symbol_const(name))
		r = exec_str(ex, name, a[0].len);
	else if (!exec_var_get(ex, name, a[0].len, &r))
		r = exec_str(ex, name, a[0].len);
	if (exec_arg_given(n, p, 1) && !ex->err)
		exec_var_set(ex, name, a[0].len, exec_str(ex, a[1].s, a[1].len));
	return r;
}

static struct xv f_symbol(ARGS)
{
	(void)n, (void)p;
	char name[256];
	if (!exec_symbol_ok(a[0].s, a[0].len))
		return exec_cstr(ex, "BAD");
	upper_name(ex, a[0], name);
	struct xv v;
	if (!exec_symbol_const(name) && exec_var_get(ex, name, a[0].len, &v)) {
		exec_drop(&v);
		return exec_cstr(ex, "VAR");
	}
	return exec_cstr(ex, "LIT");
}

static struct xv f_sourceline(ARGS)
{
	struct exec_prog *h = ex->home;
	if (n == 0)
		return exec_int(ex, h->nlines);
	int k = INT(0, 1, 1);
	if (ex->err || k > h->nlines) {
		exec_error(ex, 40);
		return empty(ex);
	}
	return exec_cstr(ex, h->lines[k - 1]);
}

static struct xv f_errortext(ARGS)
{
	int k = INT(0, 0, 0);
	if (ex->err || k > 99) {
		exec_error(ex, 40);
		return empty(ex);
	}
	const char *t = exec_errmsg(k);
	return exec_cstr(ex, strcmp(t, "Interpretation error") == 0 && k != 49 ? "" : t);
}

static struct xv f_digits(ARGS)
{
	(void)n, (void)a, (void)p;
	return exec_int(ex, ex->fr->digits);
}

/* ---- DATE and TIME ---- */

static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};
static const char *const days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                   "Friday", "Saturday", "Sunday"};

static void now(struct exec *ex, struct exec_clock *c)
{
	memset(c, 0, sizeof *c);
	c->year = 1900;
	c->month = c->day = 1;
	if (ex->io->clock)
		ex->io->clock(ex->io->ctx, c);
	if (c->month < 1 || c->month > 12)
		c->month = 1;
	if (c->day < 1 || c->day > 31)
		c->day = 1;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int day_of_year(const struct exec_clock *c)
{
	static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	return cum[c->month - 1] + c->day + (c->month > 2 && leap(c->year));
}

/* Days since 1 January 0001 (DATE('B')); that day was a Monday. */
static int base_days(const struct exec_clock *c)
{
	int y = c->year - 1;
	return 365 * y + y / 4 - y / 100 + y / 400 + day_of_year(c) - 1;
}

static struct xv f_date(ARGS)
{
	char opt = exec_arg_opt(ex, n, a, p, 0, 'N', "BCDEJMNOSUW");
	if (ex->err)
		return empty(ex);
	struct exec_clock c;
	now(ex, &c);
	char buf[40];
	int yy = c.year % 100;
	switch (opt) {
	case 'B':
		cms_format(buf, sizeof buf, "%d", base_days(&c));
		break;
	case 'C': {
		/* Days since 1 January of the century's year 00, that day counting 1. */
		struct exec_clock c0 = {.year = c.year - c.year % 100, .month = 1, .day = 1};
		cms_format(buf, sizeof buf, "%d", base_days(&c) - base_days(&c0) + 1);
		break;
	}
	case 'D':
		cms_format(buf, sizeof buf, "%d", day_of_year(&c));
		break;
	case 'E':
		cms_format(buf, sizeof buf, "%02d/%02d/%02d", c.day, c.month, yy);
		break;
	case 'J':
		cms_format(buf, sizeof buf, "%02d%03d", yy, day_of_year(&c));
		break;
	case 'M':
		cms_format(buf, sizeof buf, "%s", months[c.month - 1]);
		break;
	case 'O':
		cms_format(buf, sizeof buf, "%02d/%02d/%02d", yy, c.month, c.day);
		break;
	case 'S':
		cms_format(buf, sizeof buf, "%04d%02d%02d", c.year, c.month, c.day);
		break;
	case 'U':
		cms_format(buf, sizeof buf, "%02d/%02d/%02d", c.month, c.day, yy);
		break;
	case 'W':
		cms_format(buf, sizeof buf, "%s", days[base_days(&c) % 7]);
		break;
	default:
		char mon[4] = {months[c.month - 1][0], months[c.month - 1][1], months[c.month - 1][2], 0};
		cms_format(buf, sizeof buf, "%d %s %d", c.day, mon, c.year);
		break;
	}
	return exec_cstr(ex, buf);
}

static struct xv f_time(ARGS)
{
	char opt = exec_arg_opt(ex, n, a, p, 0, 'N', "CEHLMNRS");
	if (ex->err)
		return empty(ex);
	struct exec_clock c;
	now(ex, &c);
	char buf[40];
	int secs = c.hour * 3600 + c.min * 60 + c.sec;
	switch (opt) {
	case 'C':
		cms_format(buf, sizeof buf, "%d:%02d%s", c.hour % 12 ? c.hour % 12 : 12, c.min,
		           c.hour < 12 ? "am" : "pm");
		break;
	case 'H':
		cms_format(buf, sizeof buf, "%d", c.hour);
		break;
	case 'M':
		cms_format(buf, sizeof buf, "%d", c.hour * 60 + c.min);
		break;
	case 'S':
		cms_format(buf, sizeof buf, "%d", secs);
		break;
	case 'L':
		cms_format(buf, sizeof buf, "%02d:%02d:%02d.%06d", c.hour, c.min, c.sec, c.usec);
		break;
	case 'E':
	case 'R': {
		/* Elapsed time since the first TIME('E') or the last TIME('R'). */
		int s = 0, us = 0;
		if (ex->t0set) {
			s = secs - (ex->t0.hour * 3600 + ex->t0.min * 60 + ex->t0.sec);
			us = c.usec - ex->t0.usec;
			if (us < 0) {
				us += 1000000;
				s--;
			}
			if (s < 0)
				s += 86400;
		}
		if (!ex->t0set || opt == 'R') {
			ex->t0 = c;
			ex->t0set = true;
		}
		cms_format(buf, sizeof buf, "%d.%06d", s, us);
		break;
	}
	default:
		cms_format(buf, sizeof buf, "%02d:%02d:%02d", c.hour, c.min, c.sec);
		break;
	}
	return exec_cstr(ex, buf);
}

const struct exec_bif exec_bifs_misc[] = {
    {"ABS", 1, 1, f_abs},
    {"ARG", 0, 2, f_arg},
    {"B2X", 1, 1, f_b2x},
    {"C2D", 1, 2, f_c2d},
    {"C2X", 1, 1, f_c2x},
    {"D2C", 1, 2, f_d2c},
    {"D2X", 1, 2, f_d2x},
    {"DATATYPE", 1, 2, f_datatype},
    {"DATE", 0, 1, f_date},
    {"DIGITS", 0, 0, f_digits},
    {"ERRORTEXT", 1, 1, f_errortext},
    {"FORMAT", 1, 3, f_format},
    {"MAX", 1, EXEC_MAXARGS, f_max},
    {"MIN", 1, EXEC_MAXARGS, f_min},
    {"QUEUED", 0, 0, f_queued},
    {"RANDOM", 0, 3, f_random},
    {"SIGN", 1, 1, f_sign},
    {"SOURCELINE", 0, 1, f_sourceline},
    {"SYMBOL", 1, 1, f_symbol},
    {"TIME", 0, 1, f_time},
    {"TRUNC", 1, 2, f_trunc},
    {"USERID", 0, 0, f_userid},
    {"VALUE", 1, 2, f_value},
    {"X2B", 1, 1, f_x2b},
    {"X2C", 1, 1, f_x2c},
    {"X2D", 1, 2, f_x2d},
    {NULL, 0, 0, NULL},
};
