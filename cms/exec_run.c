/* exec_run.c — instructions that direct the flow: IF, DO, SELECT, LEAVE,
 * ITERATE, SIGNAL, and the loop that runs clauses.
 *
 * The REXX Language, ch. 3 "Keyword Instructions".  Clauses run in order;
 * an instruction that is a block (DO...END, SELECT...END, IF with its THEN
 * and ELSE parts) is run by the function for it, which returns where the
 * next instruction begins.  Transfers that leave blocks (LEAVE, ITERATE,
 * RETURN, SIGNAL) come back up as a status (ST_*); EXIT and errors set
 * ex->err, which every level honours.
 */
#include "exec_int.h"

bool exec_word(const struct tok *t, const char *w)
{
	return t->type == TK_SYM && (size_t)t->len == strlen(w) && memcmp(t->s, w, (size_t)t->len) == 0;
}

/* "     3 *-* source": the line of the clause being traced. */
void exec_trace_clause(struct exec *ex, int line)
{
	char buf[160];
	const char *src = line >= 1 && line <= ex->home->nlines ? ex->home->lines[line - 1] : "";
	while (*src == ' ')
		src++;
	cms_format(buf, sizeof buf, "%6d *-* %s", line, src);
	exec_say(ex, buf);
}

static int kind(struct exec *ex, int i)
{
	return i < ex->prog->n ? ex->prog->c[i].kind : -1;
}

/* Where the instruction that starts at clause i ends (the next one's index). */
static int end_of(struct exec *ex, int i, int depth)
{
	if (depth > EXEC_MAXNEST || !exec_stack_ok(ex)) {
		exec_error(ex, 11);
		return -1;
	}
	for (;;) {
		if (i >= ex->prog->n) {
			exec_error(ex, 14);
			return -1;
		}
		struct clause *c = &ex->prog->c[i];
		switch (c->kind) {
		case K_DO:
		case K_SELECT:
			return c->match + 1;
		case K_IF:
		case K_WHEN: {
			if (kind(ex, i + 1) != K_THEN) {
				ex->line = c->line;
				exec_error(ex, 18);
				return -1;
			}
			int j = end_of(ex, i + 2, depth + 1);
			if (j < 0 || c->kind == K_WHEN || kind(ex, j) != K_ELSE)
				return j;
			i = j + 1; /* the ELSE part ends the IF */
			continue;
		}
		case K_THEN:
		case K_ELSE:
			ex->line = c->line;
			exec_error(ex, 8);
			return -1;
		case K_OTHERWISE:
			ex->line = c->line;
			exec_error(ex, 9);
			return -1;
		case K_END:
			ex->line = c->line;
			exec_error(ex, 10);
			return -1;
		default:
			return i + 1;
		}
	}
}

static int cond_value(struct exec *ex, struct clause *c, int pos, bool *out)
{
	struct xv v = exec_expr_rest(ex, c, pos);
	*out = !ex->err && exec_truth(ex, v);
	exec_drop(&v);
	return ex->err ? ST_ERR : ST_OK;
}

EXEC_NOINLINE static int do_if(struct exec *ex, int i, int *next)
{
	struct clause *c = &ex->prog->c[i];
	bool t;
	if (c->ntok < 2) {
		exec_error(ex, 35);
		return ST_ERR;
	}
	if (cond_value(ex, c, 1, &t) != ST_OK)
		return ST_ERR;
	if (kind(ex, i + 1) != K_THEN) {
		exec_error(ex, 18);
		return ST_ERR;
	}
	int k = i + 2, n;
	if (k >= ex->prog->n) {
		exec_error(ex, 14);
		return ST_ERR;
	}
	if (t) {
		int st = exec_instr(ex, k, &n);
		if (st != ST_OK)
			return st;
		if (kind(ex, n) == K_ELSE && (n = end_of(ex, n + 1, 0)) < 0)
			return ST_ERR;
		*next = n;
		return ST_OK;
	}
	if ((n = end_of(ex, k, 0)) < 0)
		return ST_ERR;
	if (kind(ex, n) == K_ELSE) {
		if (n + 1 >= ex->prog->n) {
			exec_error(ex, 14);
			return ST_ERR;
		}
		return exec_instr(ex, n + 1, next);
	}
	*next = n;
	return ST_OK;
}

EXEC_NOINLINE static int do_select(struct exec *ex, int i, int *next)
{
	int end = ex->prog->c[i].match, j = i + 1;
	while (j < end && kind(ex, j) == K_WHEN) {
		struct clause *w = &ex->prog->c[j];
		bool t;
		ex->line = w->line;
		if (w->ntok < 2) {
			exec_error(ex, 35);
			return ST_ERR;
		}
		if (cond_value(ex, w, 1, &t) != ST_OK)
			return ST_ERR;
		if (kind(ex, j + 1) != K_THEN || j + 2 >= end) {
			exec_error(ex, j + 1 < end && kind(ex, j + 1) == K_THEN ? 14 : 18);
			return ST_ERR;
		}
		if (t) {
			int n, st = exec_instr(ex, j + 2, &n);
			if (st == ST_OK)
				*next = end + 1;
			return st;
		}
		if ((j = end_of(ex, j + 2, 0)) < 0)
			return ST_ERR;
	}
	if (j < end && kind(ex, j) == K_OTHERWISE) {
		int st = exec_seq(ex, j + 1, end);
		if (st == ST_OK)
			*next = end + 1;
		return st;
	}
	ex->line = j < end ? ex->prog->c[j].line : ex->prog->c[end].line;
	exec_error(ex, 7);
	return ST_ERR;
}

/* The parts of a DO clause (The REXX Language, 3.4 "DO"). */
struct doloop {
	const struct tok *var; /* the control variable, or NULL */
	struct xv to, by;
	bool hasto, forever;
	int count;              /* FOR or the repetitor; -1 none */
	int whilepos, untilpos; /* token index of the WHILE / UNTIL expression, or 0 */
};

static bool kw(const struct tok *t, int n, int pos, const char *w)
{
	return pos < n && exec_word(&t[pos], w);
}

static bool whole_count(struct exec *ex, struct xv v, int *out)
{
	bool ok = exec_whole(ex, v, out) && *out >= 0;
	exec_drop(&v);
	if (!ok)
		exec_error(ex, 26);
	return ok;
}

/* Evaluates the DO header: start value assigned, TO/BY/FOR kept. */
static bool do_header(struct exec *ex, struct clause *c, struct doloop *d)
{
	struct tok *t = c->t;
	int n = c->ntok, pos = 1;
	const unsigned stops = STOP_TO | STOP_BY | STOP_FOR | STOP_WHILE | STOP_UNTIL;
	d->count = -1;
	if (kw(t, n, pos, "FOREVER") &&
	    (pos + 1 == n || kw(t, n, pos + 1, "WHILE") || kw(t, n, pos + 1, "UNTIL"))) {
		d->forever = true;
		pos++;
	} else if (n >= 3 && t[1].type == TK_SYM && t[2].type == TK_OP && t[2].op == OP_EQ) {
		d->var = &t[1];
		pos = 3;
		struct xv start = exec_eval(ex, t, n, &pos, stops);
		struct xv norm = ex->err ? start : exec_normal(ex, start);
		if (norm.s != start.s)
			exec_drop(&start);
		bool seen_to = false, seen_by = false, seen_for = false;
		while (!ex->err && (kw(t, n, pos, "TO") || kw(t, n, pos, "BY") || kw(t, n, pos, "FOR"))) {
			char w = t[pos].s[0];
			bool *seen = w == 'T' ? &seen_to : w == 'B' ? &seen_by : &seen_for;
			if (*seen) {
				exec_error(ex, 27);
				exec_drop(&norm);
				return false;
			}
			*seen = true;
			pos++;
			struct xv v = exec_eval(ex, t, n, &pos, stops);
			if (ex->err) {
				exec_drop(&v);
				exec_drop(&norm);
				return false;
			}
			if (w == 'F') {
				if (!whole_count(ex, v, &d->count)) {
					exec_drop(&norm);
					return false;
				}
				continue;
			}
			struct xv num = exec_normal(ex, v);
			exec_drop(&v);
			if (w == 'T') {
				d->to = num;
				d->hasto = true;
			} else {
				exec_drop(&d->by);
				d->by = num;
			}
		}
		/* The control variable is set after TO, BY and FOR are evaluated. */
		exec_sym_assign(ex, d->var, norm);
	} else if (pos < n && !kw(t, n, pos, "WHILE") && !kw(t, n, pos, "UNTIL")) {
		struct xv v = exec_eval(ex, t, n, &pos, STOP_WHILE | STOP_UNTIL);
		if (ex->err) {
			exec_drop(&v);
			return false;
		}
		if (!whole_count(ex, v, &d->count))
			return false;
	}
	if (ex->err)
		return false;
	if (kw(t, n, pos, "WHILE") || kw(t, n, pos, "UNTIL")) {
		int *where = t[pos].s[0] == 'W' ? &d->whilepos : &d->untilpos;
		*where = ++pos;
		if (pos >= n) {
			exec_error(ex, 35);
			return false;
		}
		pos = n;
	}
	if (pos != n) {
		exec_error(ex, 27);
		return false;
	}
	return true;
}

/* Whether a LEAVE or ITERATE (with its name, if any) is meant for this loop. */
static bool for_me(struct exec *ex, const struct doloop *d)
{
	const struct tok *name = ex->lvname;
	return !name ||
	       (d->var && name->len == d->var->len && memcmp(name->s, d->var->s, (size_t)name->len) == 0);
}

static bool halted(struct exec *ex)
{
	if (ex->io->halted && ex->io->halted(ex->io->ctx)) {
		if (ex->fr->on_halt) {
			ex->fr->on_halt = false;
			ex->err = EXEC_COND;
			ex->errline = ex->line;
			ex->cond = "HALT";
		} else {
			exec_error(ex, 4);
		}
		return true;
	}
	return false;
}

static int do_loop(struct exec *ex, int i, struct doloop *d, int *next)
{
	struct clause *c = &ex->prog->c[i];
	int end = c->match;
	bool repeat = d->var || d->forever || d->count >= 0 || d->whilepos || d->untilpos;
	int left = d->count;
	for (;;) {
		ex->line = c->line;
		if (d->var && d->hasto) {
			bool set;
			struct xv v = exec_sym_value(ex, d->var, &set);
			int cmp = ex->err ? 0 : exec_numcmp(ex, v, d->to);
			exec_drop(&v);
			if (ex->err)
				return ST_ERR;
			if (cmp == 2) {
				exec_error(ex, 41);
				return ST_ERR;
			}
			bool down = d->by.len && d->by.s[0] == '-';
			if (down ? cmp < 0 : cmp > 0)
				break;
		}
		if (left >= 0 && left-- == 0)
			break;
		if (d->whilepos) {
			bool t;
			if (cond_value(ex, c, d->whilepos, &t) != ST_OK)
				return ST_ERR;
			if (!t)
				break;
		}
		if (repeat)
			ex->fr->loops++;
		int st = exec_seq(ex, i + 1, end);
		if (repeat)
			ex->fr->loops--;
		if (st == ST_LEAVE && repeat && for_me(ex, d))
			break;
		if (st != ST_OK && !(st == ST_ITERATE && repeat && for_me(ex, d)))
			return st;
		if (!repeat)
			break;
		ex->line = c->line;
		if (d->untilpos) {
			bool t;
			if (cond_value(ex, c, d->untilpos, &t) != ST_OK)
				return ST_ERR;
			if (t)
				break;
		}
		if (d->var) {
			bool set;
			struct xv v = exec_sym_value(ex, d->var, &set);
			struct xv s = ex->err ? exec_str(ex, "", 0) : exec_arith(ex, OP_ADD, v, d->by);
			exec_drop(&v);
			exec_sym_assign(ex, d->var, s);
			if (ex->err)
				return ST_ERR;
		}
		if (halted(ex))
			return ST_ERR;
	}
	*next = end + 1;
	return ST_OK;
}

EXEC_NOINLINE static int do_do(struct exec *ex, int i, int *next)
{
	struct doloop d = {0};
	d.to.s = exec_nul;
	d.by = exec_str(ex, "1", 1);
	int st = ST_ERR;
	struct clause *e = &ex->prog->c[ex->prog->c[i].match];
	if (do_header(ex, &ex->prog->c[i], &d)) {
		/* END name must name the loop's control variable. */
		if (e->ntok > 1 && (!d.var || e->ntok > 2 || e->t[1].len != d.var->len ||
		                    memcmp(e->t[1].s, d.var->s, (size_t)d.var->len) != 0)) {
			ex->line = e->line;
			exec_error(ex, 10);
		} else {
			st = do_loop(ex, i, &d, next);
		}
	}
	exec_drop(&d.to);
	exec_drop(&d.by);
	return ex->err ? ST_ERR : st;
}

EXEC_NOINLINE static int do_signal(struct exec *ex, struct clause *c)
{
	struct tok *t = c->t;
	int n = c->ntok;
	if (n >= 2 && (exec_word(&t[1], "ON") || exec_word(&t[1], "OFF"))) {
		bool on = exec_word(&t[1], "ON");
		if (n != 3) {
			exec_error(ex, n < 3 ? 25 : 21);
			return ST_ERR;
		}
		struct frame *f = ex->fr;
		bool *trap = exec_word(&t[2], "ERROR")     ? &f->on_error
		             : exec_word(&t[2], "NOVALUE") ? &f->on_novalue
		             : exec_word(&t[2], "HALT")    ? &f->on_halt
		             : exec_word(&t[2], "SYNTAX")  ? &f->on_syntax
		                                           : NULL;
		if (!trap) {
			exec_error(ex, 25);
			return ST_ERR;
		}
		*trap = on;
		return ST_OK;
	}
	struct xv name;
	if (n >= 2 && exec_word(&t[1], "VALUE")) {
		name = exec_expr_rest(ex, c, 2);
	} else if (n == 2 && (t[1].type == TK_SYM || t[1].type == TK_STR)) {
		name = exec_str(ex, t[1].s, t[1].len);
	} else {
		exec_error(ex, n < 2 ? 19 : 21);
		return ST_ERR;
	}
	int at = ex->err ? -1 : exec_find_label(ex, name.s, name.len);
	exec_drop(&name);
	if (ex->err)
		return ST_ERR;
	if (at < 0) {
		exec_error(ex, 16);
		return ST_ERR;
	}
	exec_var_set(ex, "SIGL", 4, exec_int(ex, c->line));
	ex->sigidx = at;
	return ST_SIGNAL;
}

int exec_instr(struct exec *ex, int i, int *next)
{
	struct clause *c = &ex->prog->c[i];
	int st = ST_OK;
	ex->line = c->line;
	*next = i + 1;
	if (ex->err)
		return ST_ERR;
	if (halted(ex))
		return ST_ERR;
	char tr = ex->fr->trace;
	if ((tr == 'A' || tr == 'R' || tr == 'I') && c->kind != K_LABEL && c->kind != K_THEN) {
		/* The source line is shown, once for the clauses that follow each other on it. */
		bool same =
		    ex->tr_prog == ex->prog && ex->tr_idx < i && ex->prog->c[ex->tr_idx].line == c->line;
		if (!same)
			exec_trace_clause(ex, c->line);
		ex->tr_prog = ex->prog;
		ex->tr_idx = i;
	}
	if (++ex->nest > EXEC_MAXNEST || !exec_stack_ok(ex)) {
		ex->nest--;
		exec_error(ex, 11);
		return ST_ERR;
	}
	switch (c->kind) {
	case K_LABEL:
		break;
	case K_IF:
		st = do_if(ex, i, next);
		break;
	case K_DO:
		st = do_do(ex, i, next);
		break;
	case K_SELECT:
		st = do_select(ex, i, next);
		break;
	case K_THEN:
	case K_ELSE:
		exec_error(ex, 8);
		break;
	case K_WHEN:
	case K_OTHERWISE:
		exec_error(ex, 9);
		break;
	case K_END:
		exec_error(ex, 10);
		break;
	case K_PROCEDURE:
		exec_error(ex, 17);
		break;
	case K_LEAVE:
	case K_ITERATE:
		if (ex->fr->loops == 0 || c->ntok > 2 || (c->ntok == 2 && c->t[1].type != TK_SYM)) {
			exec_error(ex, 28);
			break;
		}
		ex->lvname = NULL;
		if (c->ntok == 2) {
			/* A copy: the clause may be an INTERPRET string's, gone when the status arrives. */
			ex->lvtok = c->t[1];
			memcpy(ex->lvtext, c->t[1].s, (size_t)c->t[1].len + 1);
			ex->lvtok.s = ex->lvtext;
			ex->lvname = &ex->lvtok;
		}
		st = c->kind == K_LEAVE ? ST_LEAVE : ST_ITERATE;
		break;
	case K_RETURN:
	case K_EXIT: {
		/* The value first: evaluating it may call routines, which use ex->ret. */
		struct xv v = c->ntok > 1 ? exec_expr_rest(ex, c, 1) : exec_str(ex, "", 0);
		if (ex->err) {
			exec_drop(&v);
			break;
		}
		exec_drop(&ex->ret);
		ex->ret = v;
		ex->hasret = c->ntok > 1;
	}
		if (c->kind == K_EXIT || ex->fr->type == 0) {
			ex->err = EXEC_EXIT;
			break;
		}
		st = ST_RETURN;
		break;
	case K_SIGNAL:
		st = do_signal(ex, c);
		break;
	case K_CALL:
		exec_call_instr(ex, c);
		break;
	case K_INTERPRET:
		st = exec_interpret(ex, c);
		break;
	default:
		st = exec_simple(ex, c);
		break;
	}
	ex->nest--;
	return ex->err ? ST_ERR : st;
}

int exec_seq(struct exec *ex, int from, int to)
{
	int i = from;
	while (i < to) {
		int next, st = exec_instr(ex, i, &next);
		if (st != ST_OK)
			return st;
		i = next;
	}
	return ST_OK;
}

/* A routine's body from clause start: SIGNAL and trapped conditions jump
 * to their label and go on from there (active loops are forgotten, as
 * REXX's SIGNAL does). */
int exec_routine(struct exec *ex, int start)
{
	int nest = ex->nest;
	for (;;) {
		int st = exec_seq(ex, start, ex->prog->n);
		ex->nest = nest;
		if (st == ST_SIGNAL) {
			ex->fr->loops = 0;
			start = ex->sigidx;
			continue;
		}
		if (st == ST_ERR && ex->err == EXEC_COND) {
			/* A trapped condition: SIGNAL to the label of its name; the trap is then off. */
			const char *cond = ex->cond;
			int line = ex->errline;
			if (strcmp(cond, "NOVALUE") == 0)
				ex->fr->on_novalue = false;
			else if (strcmp(cond, "ERROR") == 0)
				ex->fr->on_error = false;
			ex->err = 0;
			ex->line = line;
			int at = exec_find_label(ex, cond, (int)strlen(cond));
			if (at < 0) {
				exec_error(ex, 16);
				return ST_ERR;
			}
			exec_var_set(ex, "SIGL", 4, exec_int(ex, line));
			ex->fr->loops = 0;
			start = at;
			continue;
		}
		if (st == ST_ERR && ex->err > 0 && ex->fr->on_syntax) {
			int at = exec_find_label(ex, "SYNTAX", 6);
			if (at >= 0) {
				int n = ex->err, line = ex->errline;
				ex->err = 0;
				ex->fr->on_syntax = false;
				exec_var_set(ex, "RC", 2, exec_int(ex, n));
				exec_var_set(ex, "SIGL", 4, exec_int(ex, line));
				ex->fr->loops = 0;
				start = at;
				continue;
			}
		}
		return st;
	}
}
