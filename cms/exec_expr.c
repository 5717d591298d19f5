/* exec_expr.c — REXX expressions, evaluated straight from a clause's tokens.
 *
 * The REXX Language, 2.4 "Expressions and Operators".  Priorities, highest
 * first:
 *     prefix \ - +
 *     **
 *     * / % //
 *     + -
 *     concatenation: || (none between), abuttal (none), a blank (one)
 *     comparisons = \= > < >= <= == \== >> << >>= <<= (and \> \< <> >< \>> \<<)
 *     &
 *     | &&
 * Operators of one priority work left to right.  A blank between two terms
 * concatenates them with a blank; a symbol or string followed at once by "("
 * is a function call.  The normal comparisons compare numerically when
 * both sides are numbers, otherwise as strings with leading and trailing
 * blanks ignored (the shorter padded with blanks); the strict ones compare
 * the exact characters.
 *
 * Nesting (parentheses, prefix operators) is bounded by EXEC_MAXNEST so a
 * deep expression gives error 11 rather than a stack overflow.
 */
#include "exec_int.h"

struct ev {
	struct exec *ex;
	struct tok *t;
	int n, pos;
	unsigned stop;
};

static const char *const stopwords[] = {"TO", "BY", "FOR", "WHILE", "UNTIL", "WITH"};

static struct tok *cur(struct ev *e)
{
	return e->pos < e->n ? &e->t[e->pos] : NULL;
}

static bool at_stop(struct ev *e)
{
	struct tok *t = cur(e);
	if (!t || t->type == TK_COMMA || t->type == TK_RP)
		return true;
	if (t->type == TK_SYM && e->stop)
		for (unsigned k = 0; k < sizeof stopwords / sizeof stopwords[0]; k++)
			if ((e->stop & (1u << k)) && (size_t)t->len == strlen(stopwords[k]) &&
			    memcmp(t->s, stopwords[k], (size_t)t->len) == 0)
				return true;
	return false;
}

static struct xv concat(struct exec *ex, struct xv a, struct xv b, bool blank)
{
	struct xv r = exec_alloc(ex, a.len + b.len + (blank ? 1 : 0));
	if (!ex->err) {
		memcpy(r.s, a.s, (size_t)a.len);
		if (blank)
			r.s[a.len] = ' ';
		memcpy(r.s + a.len + (blank ? 1 : 0), b.s, (size_t)b.len);
	}
	exec_drop(&a);
	exec_drop(&b);
	return r;
}

static struct xv boolean(struct exec *ex, bool v)
{
	return exec_str(ex, v ? "1" : "0", 1);
}

bool exec_truth(struct exec *ex, struct xv v)
{
	if (v.len == 1 && (v.s[0] == '0' || v.s[0] == '1'))
		return v.s[0] == '1';
	exec_error(ex, 34);
	return false;
}

/* Strict: byte by byte, a shorter string that is a prefix is smaller. */
static int strict_cmp(struct xv a, struct xv b)
{
	int n = a.len < b.len ? a.len : b.len;
	int c = memcmp(a.s, b.s, (size_t)n);
	if (c)
		return c < 0 ? -1 : 1;
	return a.len == b.len ? 0 : a.len < b.len ? -1 : 1;
}

/* Normal, as strings: leading and trailing blanks ignored, blank padding. */
static int blank_cmp(struct xv a, struct xv b)
{
	int a0 = 0, a1 = a.len, b0 = 0, b1 = b.len;
	while (a0 < a1 && a.s[a0] == ' ')
		a0++;
	while (a1 > a0 && a.s[a1 - 1] == ' ')
		a1--;
	while (b0 < b1 && b.s[b0] == ' ')
		b0++;
	while (b1 > b0 && b.s[b1 - 1] == ' ')
		b1--;
	int la = a1 - a0, lb = b1 - b0, n = la > lb ? la : lb;
	for (int i = 0; i < n; i++) {
		uint8_t x = i < la ? (uint8_t)a.s[a0 + i] : ' ', y = i < lb ? (uint8_t)b.s[b0 + i] : ' ';
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

static struct xv compare(struct exec *ex, int op, struct xv a, struct xv b)
{
	int c;
	if (op >= OP_SEQ) {
		c = strict_cmp(a, b);
	} else {
		c = exec_numcmp(ex, a, b);
		if (c == 2)
			c = blank_cmp(a, b);
	}
	exec_drop(&a);
	exec_drop(&b);
	bool r = false;
	switch (op) {
	case OP_EQ:
	case OP_SEQ:
		r = c == 0;
		break;
	case OP_NE:
	case OP_SNE:
		r = c != 0;
		break;
	case OP_GT:
	case OP_SGT:
		r = c > 0;
		break;
	case OP_LT:
	case OP_SLT:
		r = c < 0;
		break;
	case OP_GE:
	case OP_SGE:
		r = c >= 0;
		break;
	case OP_LE:
	case OP_SLE:
		r = c <= 0;
		break;
	}
	return boolean(ex, r);
}

static struct xv e_or(struct ev *e);

static struct xv fail(struct ev *e, int n)
{
	exec_error(e->ex, n);
	return exec_str(e->ex, "", 0);
}

/* name( args ): the arguments are whole expressions, commas between them;
 * an argument may be omitted (f(a,,c)). */
struct callargs {
	struct xv a[EXEC_MAXARGS];
	bool p[EXEC_MAXARGS];
};

EXEC_NOINLINE static struct xv funcall(struct ev *e, struct tok *name)
{
	struct exec *ex = e->ex;
	struct callargs *ca = cms_alloc(sizeof *ca);
	int na = 0;
	if (!ca)
		return fail(e, 5);
	if (++ex->nest > EXEC_MAXNEST || !exec_stack_ok(ex)) {
		ex->nest--;
		cms_free(ca);
		return fail(e, 11);
	}
	e->pos += 2; /* the name and "(" */
	unsigned stop = e->stop;
	e->stop = 0;
	struct tok *t = cur(e);
	if (t && t->type == TK_RP) {
		e->pos++;
	} else {
		for (;;) {
			t = cur(e);
			if (!t) {
				exec_error(ex, 36);
				break;
			}
			if (na == EXEC_MAXARGS) {
				exec_error(ex, 40);
				break;
			}
			if (t->type == TK_COMMA || t->type == TK_RP) {
				ca->a[na].s = exec_nul;
				ca->p[na++] = false;
			} else {
				ca->a[na] = e_or(e);
				ca->p[na++] = true;
				if (ex->err)
					break;
			}
			t = cur(e);
			if (t && t->type == TK_COMMA) {
				e->pos++;
				continue;
			}
			if (t && t->type == TK_RP) {
				e->pos++;
				break;
			}
			exec_error(ex, t ? 37 : 36);
			break;
		}
	}
	e->stop = stop;
	while (na > 0 && !ca->p[na - 1])
		na--; /* trailing omitted arguments do not count */
	struct xv r = {exec_nul, 0};
	if (!ex->err) {
		bool got = false;
		r = exec_call(ex, name->s, name->len, name->type == TK_STR, ca->a, ca->p, na, true, &got);
		if (!got && !ex->err)
			exec_error(ex, 44);
	}
	for (int i = 0; i < na; i++)
		exec_drop(&ca->a[i]);
	cms_free(ca);
	ex->nest--;
	return r;
}

static struct xv e_term(struct ev *e)
{
	struct exec *ex = e->ex;
	struct tok *t = cur(e);
	if (!t || at_stop(e))
		return fail(e, t && t->type == TK_RP ? 37 : 35);
	struct tok *next = e->pos + 1 < e->n ? &e->t[e->pos + 1] : NULL;
	if ((t->type == TK_SYM || t->type == TK_STR) && next && next->type == TK_LP && !next->sp)
		return funcall(e, t);
	if (t->type == TK_STR) {
		e->pos++;
		return exec_str(ex, t->s, t->len);
	}
	if (t->type == TK_SYM) {
		bool set;
		e->pos++;
		return exec_sym_value(ex, t, &set);
	}
	if (t->type == TK_LP) {
		e->pos++;
		unsigned stop = e->stop;
		e->stop = 0;
		struct xv v = e_or(e);
		e->stop = stop;
		if (ex->err)
			return v;
		t = cur(e);
		if (!t || t->type != TK_RP) {
			exec_drop(&v);
			return fail(e, t && t->type == TK_COMMA ? 37 : 36);
		}
		e->pos++;
		return v;
	}
	return fail(e, 35);
}

static struct xv e_pre(struct ev *e)
{
	struct exec *ex = e->ex;
	struct tok *t = cur(e);
	if (t && t->type == TK_OP && (t->op == OP_NOT || t->op == OP_SUB || t->op == OP_ADD)) {
		if (++ex->nest > EXEC_MAXNEST || !exec_stack_ok(ex)) {
			ex->nest--;
			return fail(e, 11);
		}
		e->pos++;
		struct xv v = e_pre(e);
		ex->nest--;
		if (ex->err)
			return v;
		struct xv r;
		if (t->op == OP_NOT)
			r = boolean(ex, !exec_truth(ex, v));
		else
			r = exec_neg(ex, v, t->op == OP_SUB);
		exec_drop(&v);
		return r;
	}
	if (t && t->type == TK_LP) {
		if (++ex->nest > EXEC_MAXNEST || !exec_stack_ok(ex)) {
			ex->nest--;
			return fail(e, 11);
		}
		struct xv v = e_term(e);
		ex->nest--;
		return v;
	}
	return e_term(e);
}

/* The priority of a binary operator (higher binds tighter). */
static int priority(int op)
{
	switch (op) {
	case OP_OR:
	case OP_XOR:
		return 1;
	case OP_AND:
		return 2;
	case OP_CAT:
		return 4;
	case OP_ADD:
	case OP_SUB:
		return 5;
	case OP_MUL:
	case OP_DIV:
	case OP_IDIV:
	case OP_REM:
		return 6;
	case OP_POW:
		return 7;
	case OP_NOT:
		return -1;
	default:
		return 3; /* the comparisons */
	}
}

static struct xv apply(struct exec *ex, int op, struct xv v, struct xv r, bool blank)
{
	struct xv out;
	switch (priority(op)) {
	case 1:
	case 2: {
		bool x = exec_truth(ex, v), y = !ex->err && exec_truth(ex, r);
		out = boolean(ex, op == OP_AND ? (x && y) : op == OP_OR ? (x || y) : (x != y));
		break;
	}
	case 3:
		return compare(ex, op, v, r);
	case 4:
		return concat(ex, v, r, blank);
	default:
		out = exec_arith(ex, op, v, r);
		break;
	}
	exec_drop(&v);
	exec_drop(&r);
	return out;
}

/* Operators of priority min and above, left to right (precedence climbing:
 * the recursion is as deep as the priorities, not as long as the chain). */
static struct xv e_bin(struct ev *e, int min)
{
	struct exec *ex = e->ex;
	struct xv v = e_pre(e);
	while (!ex->err && !at_stop(e)) {
		struct tok *t = cur(e);
		int op = OP_CAT;
		bool blank = false;
		if (t->type == TK_OP && t->op != OP_NOT) {
			op = t->op;
		} else if (t->type == TK_SYM || t->type == TK_STR || t->type == TK_LP || t->type == TK_OP) {
			blank = t->sp; /* abuttal or a blank: concatenation */
			t = NULL;
		} else {
			break;
		}
		int p = priority(op);
		if (p < min)
			break;
		if (t)
			e->pos++;
		struct xv r = e_bin(e, p + 1);
		if (ex->err) {
			exec_drop(&r);
			break;
		}
		v = apply(ex, op, v, r, blank);
	}
	return v;
}

static struct xv e_or(struct ev *e)
{
	return e_bin(e, 1);
}

struct xv exec_eval(struct exec *ex, struct tok *t, int n, int *pos, unsigned stop)
{
	struct ev e = {ex, t, n, *pos, stop};
	if (ex->err)
		return exec_str(ex, "", 0);
	if (++ex->nest > EXEC_MAXNEST) {
		ex->nest--;
		exec_error(ex, 11);
		return exec_str(ex, "", 0);
	}
	struct xv v = e_or(&e);
	ex->nest--;
	*pos = e.pos;
	return v;
}

/* TRACE R and I show an instruction's result: '       >>> "value"'. */
EXEC_NOINLINE static void trace_result(struct exec *ex, struct xv v)
{
	char buf[140];
	int n = v.len > 100 ? 100 : v.len;
	int o = cms_format(buf, sizeof buf, "       >>> \"");
	for (int i = 0; i < n; i++)
		buf[o++] = v.s[i] ? v.s[i] : '?';
	buf[o++] = '"';
	buf[o] = 0;
	exec_say(ex, buf);
}

struct xv exec_expr_rest(struct exec *ex, struct clause *c, int pos)
{
	struct xv v = exec_eval(ex, c->t, c->ntok, &pos, 0);
	if (!ex->err && pos < c->ntok)
		exec_error(ex, c->t[pos].type == TK_RP || c->t[pos].type == TK_COMMA ? 37 : 35);
	if (!ex->err && (ex->fr->trace == 'R' || ex->fr->trace == 'I'))
		trace_result(ex, v);
	return v;
}
