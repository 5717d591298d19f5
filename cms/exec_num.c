/* exec_num.c — REXX arithmetic: decimal, exact to NUMERIC DIGITS.
 *
 * The REXX Language, ch. 8 "Numbers and Arithmetic": a number is a string
 * of digits with an optional sign, decimal point and exponent; operations
 * work on the decimal digits and round the result to DIGITS significant
 * digits (9 unless NUMERIC DIGITS says otherwise).  Here a number is held
 * as its coefficient's digits and a power of ten; nothing uses floating
 * point or 64-bit division, which the nucleus does not have.
 *
 * Results are shown as REXX shows them: in plain notation when that needs
 * no more than DIGITS digits before the point and 2*DIGITS after it,
 * otherwise in scientific notation (1.00000000E+9); a zero is "0".
 */
#include "exec_int.h"

#define MAXEXP 999999999

static void num_zero(struct num *n)
{
	n->neg = false;
	n->exp = 0;
	n->nd = 1;
	n->d[0] = 0;
}

static bool num_iszero(const struct num *n)
{
	return n->nd == 1 && n->d[0] == 0;
}

/* Leading zeros away; a zero loses its sign and exponent. */
static void num_norm(struct num *n)
{
	int k = 0;
	while (k < n->nd - 1 && n->d[k] == 0)
		k++;
	if (k) {
		memmove(n->d, n->d + k, (size_t)(n->nd - k));
		n->nd -= k;
	}
	if (num_iszero(n))
		num_zero(n);
}

/* To at most digits significant digits, rounding half up (away from zero). */
static void num_round(struct num *n, int digits)
{
	if (n->nd <= digits)
		return;
	bool up = n->d[digits] >= 5;
	n->exp += n->nd - digits;
	n->nd = digits;
	if (up) {
		int i = digits - 1;
		while (i >= 0 && n->d[i] == 9)
			n->d[i--] = 0;
		if (i >= 0) {
			n->d[i]++;
		} else {
			n->d[0] = 1; /* 999 became 1000: one digit fewer kept */
			n->exp++;
		}
	}
}

static bool exp_ok(const struct num *n)
{
	long adj = (long)n->exp + n->nd - 1;
	return num_iszero(n) || (adj <= MAXEXP && adj >= -MAXEXP);
}

bool exec_num_parse(const char *s, int len, struct num *n, int digits)
{
	int i = 0, sig = 0, frac = 0, extra = 0;
	bool dot = false, any = false;
	while (i < len && s[i] == ' ')
		i++;
	n->neg = false;
	if (i < len && (s[i] == '-' || s[i] == '+')) {
		n->neg = s[i] == '-';
		i++;
		while (i < len && s[i] == ' ')
			i++;
	}
	n->nd = 0;
	for (; i < len; i++) {
		char c = s[i];
		if (c == '.' && !dot) {
			dot = true;
			continue;
		}
		if (c < '0' || c > '9')
			break;
		any = true;
		if (dot)
			frac++;
		if (sig == 0 && c == '0')
			continue; /* leading zeros */
		if (sig < NUM_MAXD - 2) {
			n->d[n->nd++] = (uint8_t)(c - '0');
			sig++;
		} else if (!dot) {
			extra++; /* digits beyond what we keep count in the exponent */
		} else {
			frac--;
		}
	}
	if (!any)
		return false;
	long e = 0;
	if (i < len && (s[i] == 'E' || s[i] == 'e')) {
		i++;
		bool eneg = false;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		int ed = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (++ed > 9)
				return false;
			e = e * 10 + (s[i++] - '0');
		}
		if (!ed)
			return false;
		if (eneg)
			e = -e;
	}
	while (i < len && s[i] == ' ')
		i++;
	if (i != len)
		return false;
	if (n->nd == 0) {
		num_zero(n);
		return true;
	}
	n->exp = (int)(e - frac + extra);
	num_round(n, digits);
	num_norm(n);
	return exp_ok(n); /* beyond REXX's exponent range it is no number */
}

struct xv exec_num_str(struct exec *ex, const struct num *n, int digits)
{
	char buf[2 * NUM_MAXD + 3 * EXEC_MAXDIGITS + 24];
	int o = 0;
	if (num_iszero(n))
		return exec_str(ex, "0", 1);
	if (n->neg)
		buf[o++] = '-';
	long before = (long)n->nd + n->exp; /* digits before the point */
	long after = n->exp < 0 ? -(long)n->exp : 0;
	if (before <= digits && after <= 2L * digits) {
		if (before <= 0) {
			buf[o++] = '0';
			buf[o++] = '.';
			for (long k = 0; k < -before; k++)
				buf[o++] = '0';
			for (int k = 0; k < n->nd; k++)
				buf[o++] = (char)('0' + n->d[k]);
		} else {
			for (long k = 0; k < before; k++)
				buf[o++] = k < n->nd ? (char)('0' + n->d[k]) : '0';
			if (after) {
				buf[o++] = '.';
				for (long k = before; k < n->nd; k++)
					buf[o++] = (char)('0' + n->d[k]);
			}
		}
	} else {
		buf[o++] = (char)('0' + n->d[0]);
		if (n->nd > 1) {
			buf[o++] = '.';
			for (int k = 1; k < n->nd; k++)
				buf[o++] = (char)('0' + n->d[k]);
		}
		long adj = before - 1;
		o += cms_format(buf + o, sizeof buf - (size_t)o, "E%c%d", adj < 0 ? '-' : '+',
		                (int)(adj < 0 ? -adj : adj));
	}
	return exec_str(ex, buf, o);
}

/* |a| against |b|: -1, 0, 1. */
static int mag_cmp(const struct num *a, const struct num *b)
{
	if (num_iszero(a) || num_iszero(b))
		return num_iszero(a) ? (num_iszero(b) ? 0 : -1) : 1;
	long aa = (long)a->nd + a->exp, ab = (long)b->nd + b->exp;
	if (aa != ab)
		return aa < ab ? -1 : 1;
	int n = a->nd > b->nd ? a->nd : b->nd;
	for (int i = 0; i < n; i++) {
		int x = i < a->nd ? a->d[i] : 0, y = i < b->nd ? b->d[i] : 0;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

/* r = a + b (b negated when sub), rounded to digits. */
static void num_add(const struct num *a, const struct num *b, bool sub, struct num *r, int digits)
{
	bool bneg = sub ? !b->neg : b->neg;
	if (num_iszero(b) && num_iszero(a)) {
		num_zero(r);
		return;
	}
	int e = a->exp < b->exp ? a->exp : b->exp;
	long la = (long)a->nd + (a->exp - (long)e), lb = (long)b->nd + (b->exp - (long)e);
	long l = (la > lb ? la : lb) + 1;
	if (l > NUM_MAXD) {
		/* One operand is far below the other's last digit: it cannot change the rounded result. */
		const struct num *big = mag_cmp(a, b) >= 0 ? a : b;
		*r = *big;
		if (big == b)
			r->neg = bneg;
		num_round(r, digits);
		return;
	}
	uint8_t x[NUM_MAXD], y[NUM_MAXD];
	memset(x, 0, sizeof x);
	memset(y, 0, sizeof y);
	/* Right-aligned: position l-1 is the units of 10**e. */
	for (int i = 0; i < a->nd; i++)
		x[l - la + i] = a->d[i];
	for (int i = 0; i < b->nd; i++)
		y[l - lb + i] = b->d[i];
	r->exp = e;
	r->nd = (int)l;
	if (a->neg == bneg) {
		int carry = 0;
		for (long i = l - 1; i >= 0; i--) {
			int s = x[i] + y[i] + carry;
			r->d[i] = (uint8_t)(s % 10);
			carry = s / 10;
		}
		r->neg = a->neg;
	} else {
		int c = memcmp(x, y, (size_t)l);
		const uint8_t *p = c >= 0 ? x : y, *q = c >= 0 ? y : x;
		int borrow = 0;
		for (long i = l - 1; i >= 0; i--) {
			int s = p[i] - q[i] - borrow;
			borrow = s < 0;
			r->d[i] = (uint8_t)(s < 0 ? s + 10 : s);
		}
		r->neg = c >= 0 ? a->neg : bneg;
	}
	num_norm(r);
	num_round(r, digits);
	num_norm(r);
}

static void num_mul(const struct num *a, const struct num *b, struct num *r, int digits)
{
	int acc[NUM_MAXD];
	int l = a->nd + b->nd;
	if (l > NUM_MAXD) { /* cannot happen with operands of at most EXEC_MAXDIGITS+2 digits */
		num_zero(r);
		return;
	}
	memset(acc, 0, sizeof acc);
	for (int i = a->nd - 1; i >= 0; i--)
		for (int j = b->nd - 1; j >= 0; j--)
			acc[i + j + 1] += a->d[i] * b->d[j];
	for (int k = l - 1; k > 0; k--) {
		acc[k - 1] += acc[k] / 10;
		acc[k] %= 10;
	}
	for (int k = 0; k < l; k++)
		r->d[k] = (uint8_t)acc[k];
	r->nd = l;
	r->exp = a->exp + b->exp;
	r->neg = a->neg != b->neg;
	num_norm(r);
	num_round(r, digits);
	num_norm(r);
}

/* rem -= b, both right-aligned in width w, if rem >= b; true if it did. */
static bool sub_if(uint8_t *rem, const uint8_t *b, int w)
{
	if (memcmp(rem, b, (size_t)w) < 0)
		return false;
	int borrow = 0;
	for (int i = w - 1; i >= 0; i--) {
		int s = rem[i] - b[i] - borrow;
		borrow = s < 0;
		rem[i] = (uint8_t)(s < 0 ? s + 10 : s);
	}
	return true;
}

/* Long division of the coefficients: q gets the quotient digits of
 * A*10**z / B for the smallest z >= 0 that gives want significant digits (or
 * an exact quotient); intdiv: z = 0, the integer quotient.  rem is left
 * holding the remainder (right-aligned in w = b->nd + 1 digits).
 * Returns z, or -1 when an integer quotient needs more than want digits. */
static int long_div(const struct num *a, const uint8_t *bd, int bn, struct num *q, uint8_t *rem, int want,
                    bool intdiv)
{
	uint8_t b[NUM_MAXD + 1];
	int w = bn + 1;
	memset(rem, 0, (size_t)w);
	memset(b, 0, (size_t)w);
	memcpy(b + 1, bd, (size_t)bn);
	q->nd = 0;
	int z = 0, sig = 0;
	for (int i = 0;; i++) {
		bool zeros = true;
		for (int k = 0; k < w; k++)
			if (rem[k])
				zeros = false;
		if (i >= a->nd && (intdiv || zeros || sig >= want))
			break;
		if (i >= a->nd)
			z++;
		/* rem = rem*10 + next digit */
		memmove(rem, rem + 1, (size_t)(w - 1));
		rem[w - 1] = i < a->nd ? a->d[i] : 0;
		int digit = 0;
		while (sub_if(rem, b, w))
			digit++;
		if (digit || sig) {
			if (sig >= NUM_MAXD - 1)
				return -1;
			q->d[q->nd++] = (uint8_t)digit;
			sig++;
		}
		if (intdiv && sig > want)
			return -1;
	}
	if (q->nd == 0)
		q->d[q->nd++] = 0;
	return z;
}

/* a / b to digits (trailing zeros removed); a % b; a // b. */
static int num_div(struct exec *ex, int op, const struct num *a, const struct num *b, struct num *r,
                   int digits)
{
	if (num_iszero(b)) {
		exec_error(ex, 42);
		return -1;
	}
	uint8_t rem[NUM_MAXD + 1];
	if (op == OP_DIV) {
		int z = long_div(a, b->d, b->nd, r, rem, digits + 1, false);
		r->exp = a->exp - b->exp - z;
		r->neg = a->neg != b->neg;
		num_norm(r);
		num_round(r, digits);
		num_norm(r);
		while (r->nd > 1 && r->d[r->nd - 1] == 0) {
			r->nd--;
			r->exp++;
		}
		return 0;
	}
	/* Integer division: align both to the smaller exponent, divide integers. */
	int e = a->exp < b->exp ? a->exp : b->exp;
	long la = (long)a->nd + (a->exp - (long)e), lb = (long)b->nd + (b->exp - (long)e);
	if (num_iszero(a) || lb > la) {
		/* |a| < |b| when lb > la: quotient 0, remainder a. */
		if (op == OP_IDIV)
			num_zero(r);
		else
			*r = *a;
		return 0;
	}
	if (la > NUM_MAXD - 2) {
		exec_error(ex, 26);
		return -1;
	}
	struct num aa = *a, bb;
	memset(aa.d + aa.nd, 0, (size_t)(la - aa.nd));
	aa.nd = (int)la;
	bb = *b;
	memset(bb.d + bb.nd, 0, (size_t)(lb - bb.nd));
	bb.nd = (int)lb;
	struct num q;
	if (long_div(&aa, bb.d, bb.nd, &q, rem, digits, true) < 0) {
		exec_error(ex, 26);
		return -1;
	}
	if (op == OP_IDIV) {
		*r = q;
		r->exp = 0;
		r->neg = a->neg != b->neg;
		num_norm(r);
		return 0;
	}
	/* The remainder: rem (width lb+1) times 10**e, with the sign of a. */
	r->nd = (int)lb + 1;
	memcpy(r->d, rem, (size_t)r->nd);
	r->exp = e;
	r->neg = a->neg;
	num_norm(r);
	num_round(r, digits);
	num_norm(r);
	return 0;
}

/* a ** b: b a whole number; by squaring, with two guard digits. */
static int num_pow(struct exec *ex, const struct num *a, const struct num *b, struct num *r, int digits)
{
	struct num bb = *b;
	while (bb.exp < 0 && bb.nd > 1 && bb.d[bb.nd - 1] == 0) {
		bb.nd--;
		bb.exp++;
	}
	if (bb.exp < 0 && !num_iszero(&bb)) {
		exec_error(ex, 26);
		return -1;
	}
	if ((long)bb.nd + bb.exp > 9) {
		exec_error(ex, 26);
		return -1;
	}
	int k = 0;
	for (int i = 0; i < bb.nd + bb.exp; i++)
		k = k * 10 + (i < bb.nd ? bb.d[i] : 0);
	int wp = digits + 2;
	struct num base = *a, acc;
	num_zero(&acc);
	acc.d[0] = 1;
	num_round(&base, wp);
	while (k) {
		struct num t;
		if (k & 1) {
			num_mul(&acc, &base, &t, wp);
			acc = t;
			if (!exp_ok(&acc))
				break;
		}
		k >>= 1;
		if (k) {
			num_mul(&base, &base, &t, wp);
			base = t;
			if (!exp_ok(&base)) {
				acc = base;
				break;
			}
		}
	}
	if (!exp_ok(&acc)) {
		exec_error(ex, 42);
		return -1;
	}
	if (bb.neg) {
		struct num one;
		num_zero(&one);
		one.d[0] = 1;
		return num_div(ex, OP_DIV, &one, &acc, r, digits);
	}
	*r = acc;
	num_round(r, digits);
	num_norm(r);
	return 0;
}

struct xv exec_arith(struct exec *ex, int op, struct xv a, struct xv b)
{
	struct num x, y, r;
	int digits = ex->fr->digits;
	if (!exec_num_parse(a.s, a.len, &x, digits) || !exec_num_parse(b.s, b.len, &y, digits)) {
		exec_error(ex, 41);
		return exec_str(ex, "", 0);
	}
	switch (op) {
	case OP_ADD:
	case OP_SUB:
		num_add(&x, &y, op == OP_SUB, &r, digits);
		break;
	case OP_MUL:
		num_mul(&x, &y, &r, digits);
		break;
	case OP_POW:
		if (num_pow(ex, &x, &y, &r, digits) < 0)
			return exec_str(ex, "", 0);
		break;
	default:
		if (num_div(ex, op, &x, &y, &r, digits) < 0)
			return exec_str(ex, "", 0);
		break;
	}
	if (!exp_ok(&r)) {
		exec_error(ex, 42);
		return exec_str(ex, "", 0);
	}
	return exec_num_str(ex, &r, digits);
}

struct xv exec_neg(struct exec *ex, struct xv a, bool minus)
{
	struct num x;
	if (!exec_num_parse(a.s, a.len, &x, ex->fr->digits)) {
		exec_error(ex, 41);
		return exec_str(ex, "", 0);
	}
	if (minus && !num_iszero(&x))
		x.neg = !x.neg;
	return exec_num_str(ex, &x, ex->fr->digits);
}

struct xv exec_normal(struct exec *ex, struct xv a)
{
	return exec_neg(ex, a, false);
}

int exec_numcmp(struct exec *ex, struct xv a, struct xv b)
{
	struct num x, y, r;
	int digits = ex->fr->digits;
	if (!exec_num_parse(a.s, a.len, &x, digits) || !exec_num_parse(b.s, b.len, &y, digits))
		return 2;
	num_add(&x, &y, true, &r, digits);
	if (num_iszero(&r))
		return 0;
	return r.neg ? -1 : 1;
}

bool exec_isnum(struct exec *ex, struct xv a)
{
	struct num x;
	return exec_num_parse(a.s, a.len, &x, ex->fr->digits);
}

bool exec_whole(struct exec *ex, struct xv a, int *out)
{
	struct num x;
	if (!exec_num_parse(a.s, a.len, &x, ex->fr->digits))
		return false;
	while (x.exp < 0 && x.nd > 1 && x.d[x.nd - 1] == 0) {
		x.nd--;
		x.exp++;
	}
	if (num_iszero(&x)) {
		*out = 0;
		return true;
	}
	if (x.exp < 0 || (long)x.nd + x.exp > 9)
		return false;
	int v = 0;
	for (int i = 0; i < x.nd + x.exp; i++)
		v = v * 10 + (i < x.nd ? x.d[i] : 0);
	*out = x.neg ? -v : v;
	return true;
}
