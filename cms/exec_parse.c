/* exec_parse.c — PARSE, ARG and PULL: templates.
 *
 * The REXX Language, ch. 7 "Parsing for ARG, PARSE and PULL".  A template
 * is a list of targets (symbols; "." discards) and patterns: a literal
 * string or (variable) is searched for; a number or =n or =(var) is an
 * absolute column; +n and -n are columns relative to where the last
 * pattern matched.  The piece of the source between two patterns goes to the
 * targets between them, one blank-delimited word each, the last target
 * taking the rest.  Commas separate templates: PARSE ARG applies each to the
 * next argument string.
 */
#include "exec_int.h"

#define PULL_MAX 1024

struct xv exec_pull_line(struct exec *ex)
{
	char *buf = cms_alloc(PULL_MAX);
	if (!buf) {
		exec_error(ex, 5);
		return exec_str(ex, "", 0);
	}
	int n = ex->io->pull ? ex->io->pull(ex->io->ctx, buf, PULL_MAX) : -1;
	if (n < 0)
		n = 0;
	if (n >= PULL_MAX)
		n = PULL_MAX - 1;
	struct xv v = exec_str(ex, buf, n);
	cms_free(buf);
	return v;
}

/* The targets between patterns get the words of s[from, to). */
static void assign_words(struct exec *ex, struct tok *t, int nt, const struct xv *s, int from, int to)
{
	int p = from;
	for (int k = 0; k < nt && !ex->err; k++) {
		int a, b;
		if (k == nt - 1) {
			a = p;
			b = to;
		} else {
			while (p < to && s->s[p] == ' ')
				p++;
			a = p;
			while (p < to && s->s[p] != ' ')
				p++;
			b = p;
			if (p < to)
				p++; /* the blank that ends the word */
		}
		if (t[k].type == TK_SYM && t[k].len == 1 && t[k].s[0] == '.')
			continue;
		exec_sym_assign(ex, &t[k], exec_str(ex, s->s + a, b - a));
	}
}

/* A number in a positional pattern: a whole number >= 0, or (var). */
static bool pattern_number(struct exec *ex, struct tok *t, int n, int *pos, int *out)
{
	struct xv v;
	if (*pos < n && t[*pos].type == TK_LP) {
		if (*pos + 2 >= n || t[*pos + 1].type != TK_SYM || t[*pos + 2].type != TK_RP) {
			exec_error(ex, 38);
			return false;
		}
		bool set;
		v = exec_sym_value(ex, &t[*pos + 1], &set);
		*pos += 3;
	} else if (*pos < n && t[*pos].type == TK_SYM && exec_symbol_const(t[*pos].s)) {
		v = exec_str(ex, t[*pos].s, t[*pos].len);
		*pos += 1;
	} else {
		exec_error(ex, 38);
		return false;
	}
	bool ok = !ex->err && exec_whole(ex, v, out) && *out >= 0;
	exec_drop(&v);
	if (!ok)
		exec_error(ex, 26);
	return ok;
}

/* Applies one template (t[*pos] up to a comma or the end) to s. */
static void template(struct exec *ex, struct tok *t, int n, int *pos, const struct xv *s)
{
	int start = 0; /* where the next piece begins */
	int last = 0;  /* where the last pattern matched (for relative ones) */
	int len = s->len;
	for (;;) {
		/* The targets up to the next pattern. */
		int t0 = *pos;
		/* "." is a placeholder target, though exec_symbol_const calls it a constant. */
		while (*pos < n && t[*pos].type == TK_SYM &&
		       (!exec_symbol_const(t[*pos].s) || (t[*pos].len == 1 && t[*pos].s[0] == '.')))
			(*pos)++;
		int nt = *pos - t0;
		if (*pos >= n || t[*pos].type == TK_COMMA) {
			assign_words(ex, t + t0, nt, s, start, len);
			return;
		}
		struct tok *p = &t[*pos];
		int end, next;
		if (p->type == TK_STR || p->type == TK_LP) {
			struct xv pat;
			if (p->type == TK_STR) {
				pat = exec_str(ex, p->s, p->len);
				(*pos)++;
			} else {
				if (*pos + 2 >= n || t[*pos + 1].type != TK_SYM ||
				    t[*pos + 2].type != TK_RP) {
					exec_error(ex, 38);
					return;
				}
				bool set;
				pat = exec_sym_value(ex, &t[*pos + 1], &set);
				*pos += 3;
			}
			if (ex->err) {
				exec_drop(&pat);
				return;
			}
			int m = -1;
			for (int i = start; i + pat.len <= len; i++)
				if (memcmp(s->s + i, pat.s, (size_t)pat.len) == 0) {
					m = i;
					break;
				}
			if (m < 0 || pat.len == 0) {
				end = len;
				next = len;
				last = len;
			} else {
				end = m;
				next = m + pat.len;
				last = m;
			}
			exec_drop(&pat);
		} else if (p->type == TK_OP && (p->op == OP_ADD || p->op == OP_SUB || p->op == OP_EQ)) {
			int op = p->op, v;
			(*pos)++;
			if (!pattern_number(ex, t, n, pos, &v))
				return;
			int col = op == OP_EQ ? v - 1 : op == OP_ADD ? last + v : last - v;
			if (col < 0)
				col = 0;
			if (col > len)
				col = len;
			end = col > start ? col : len;
			next = col;
			last = col;
		} else if (p->type == TK_SYM) {
			int v;
			if (!pattern_number(ex, t, n, pos, &v))
				return;
			int col = v > 0 ? v - 1 : 0;
			if (col > len)
				col = len;
			end = col > start ? col : len;
			next = col;
			last = col;
		} else {
			exec_error(ex, 38);
			return;
		}
		assign_words(ex, t + t0, nt, s, start, end);
		if (ex->err)
			return;
		start = next;
	}
}

/* Applies the template list at c->t[pos] to the sources. */
static void parse_list(struct exec *ex, struct clause *c, int pos, struct xv *src, int nsrc)
{
	int k = 0;
	static const struct xv empty = {exec_nul, 0};
	for (;;) {
		template(ex, c->t, c->ntok, &pos, k < nsrc ? &src[k] : &empty);
		if (ex->err || pos >= c->ntok)
			return;
		pos++; /* the comma */
		k++;
	}
}

static bool word_is(const struct tok *t, const char *w)
{
	return t->type == TK_SYM && (size_t)t->len == strlen(w) && memcmp(t->s, w, (size_t)t->len) == 0;
}

static void upper_xv(struct xv *v)
{
	for (int i = 0; i < v->len; i++)
		v->s[i] = cms_toupper(v->s[i]);
}

void exec_parse_instr(struct exec *ex, struct clause *c)
{
	struct xv src[EXEC_MAXARGS];
	int nsrc = 0, pos = 1;
	bool upper = c->kind != K_PARSE;
	const char *how = c->kind == K_ARG ? "ARG" : c->kind == K_PULL ? "PULL" : NULL;
	if (c->kind == K_PARSE) {
		if (pos < c->ntok && word_is(&c->t[pos], "UPPER")) {
			upper = true;
			pos++;
		}
		if (pos >= c->ntok || c->t[pos].type != TK_SYM) {
			exec_error(ex, 25);
			return;
		}
		how = c->t[pos++].s;
	}
	if (strcmp(how, "ARG") == 0) {
		for (int i = 0; i < ex->fr->nargs; i++)
			src[nsrc++] = ex->fr->argp[i] ? exec_str(ex, ex->fr->args[i].s, ex->fr->args[i].len)
			                              : exec_str(ex, "", 0);
	} else if (strcmp(how, "PULL") == 0 || strcmp(how, "EXTERNAL") == 0) {
		src[nsrc++] = exec_pull_line(ex);
	} else if (strcmp(how, "VAR") == 0) {
		if (pos >= c->ntok || c->t[pos].type != TK_SYM || exec_symbol_const(c->t[pos].s)) {
			exec_error(ex, 20);
			return;
		}
		bool set;
		src[nsrc++] = exec_sym_value(ex, &c->t[pos++], &set);
	} else if (strcmp(how, "VALUE") == 0) {
		if (pos < c->ntok && word_is(&c->t[pos], "WITH")) {
			src[nsrc++] = exec_str(ex, "", 0);
		} else {
			src[nsrc++] = exec_eval(ex, c->t, c->ntok, &pos, STOP_WITH);
			if (!ex->err && (pos >= c->ntok || !word_is(&c->t[pos], "WITH")))
				exec_error(ex, 25);
		}
		pos++;
	} else if (strcmp(how, "SOURCE") == 0) {
		char buf[64];
		cms_format(buf, sizeof buf, "CMS %s %s %s %s %s CMS",
		           ex->fr->type == 0   ? "COMMAND"
		           : ex->fr->type == 1 ? "SUBROUTINE"
		                               : "FUNCTION",
		           ex->prog->fn, ex->prog->ft, ex->prog->fm, ex->prog->fn);
		src[nsrc++] = exec_cstr(ex, buf);
	} else if (strcmp(how, "VERSION") == 0) {
		src[nsrc++] = exec_cstr(ex, "REXX-S370 1.00 26 Nov 2026");
	} else if (strcmp(how, "NUMERIC") == 0) {
		char buf[32];
		cms_format(buf, sizeof buf, "%d 0 SCIENTIFIC", ex->fr->digits);
		src[nsrc++] = exec_cstr(ex, buf);
	} else {
		exec_error(ex, 25);
		return;
	}
	if (upper)
		for (int i = 0; i < nsrc; i++)
			upper_xv(&src[i]);
	if (!ex->err)
		parse_list(ex, c, pos, src, nsrc);
	for (int i = 0; i < nsrc; i++)
		exec_drop(&src[i]);
}
