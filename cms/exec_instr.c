/* exec_instr.c — the instructions that do not direct the flow: assignment,
 * commands, SAY, DROP, NUMERIC, ADDRESS, TRACE, PUSH, QUEUE, UPPER, NOP,
 * PARSE (exec_parse.c) and INTERPRET.
 *
 * The REXX Language, ch. 3; a clause that is neither an assignment nor an
 * instruction is an expression whose value is a command for the current
 * environment (ADDRESS), as in VM/SP's interpreter.
 */
#include "exec_int.h"

static int do_say(struct exec *ex, struct clause *c)
{
	struct xv v = c->ntok > 1 ? exec_expr_rest(ex, c, 1) : exec_str(ex, "", 0);
	if (!ex->err)
		exec_say(ex, v.s);
	exec_drop(&v);
	return ST_OK;
}

static int do_drop(struct exec *ex, struct clause *c)
{
	if (c->ntok < 2)
		exec_error(ex, 20);
	for (int i = 1; i < c->ntok && !ex->err; i++)
		exec_sym_drop(ex, &c->t[i]);
	return ST_OK;
}

static int do_upper(struct exec *ex, struct clause *c)
{
	if (c->ntok < 2)
		exec_error(ex, 20);
	for (int i = 1; i < c->ntok && !ex->err; i++) {
		bool set;
		struct tok *t = &c->t[i];
		if (t->type != TK_SYM || exec_symbol_const(t->s)) {
			exec_error(ex, 20);
			break;
		}
		struct xv v = exec_sym_value(ex, t, &set);
		if (!set) {
			exec_drop(&v);
			continue;
		}
		for (int k = 0; k < v.len; k++)
			v.s[k] = cms_toupper(v.s[k]);
		exec_sym_assign(ex, t, v);
	}
	return ST_OK;
}

static int do_numeric(struct exec *ex, struct clause *c)
{
	if (c->ntok < 2 || c->t[1].type != TK_SYM) {
		exec_error(ex, 25);
		return ST_ERR;
	}
	if (exec_word(&c->t[1], "DIGITS")) {
		int d = 9;
		if (c->ntok > 2) {
			struct xv v = exec_expr_rest(ex, c, 2);
			bool ok = !ex->err && exec_whole(ex, v, &d) && d >= 1 && d <= EXEC_MAXDIGITS;
			exec_drop(&v);
			if (!ok) {
				exec_error(ex, 33);
				return ST_ERR;
			}
		}
		ex->fr->digits = d;
	} else if (exec_word(&c->t[1], "FUZZ") || exec_word(&c->t[1], "FORM")) {
		/* Accepted; comparisons are exact and numbers scientific. */
		if (c->ntok > 2) {
			struct xv v = exec_expr_rest(ex, c, 2);
			exec_drop(&v);
		}
	} else {
		exec_error(ex, 25);
	}
	return ST_OK;
}

static bool env_name(struct exec *ex, const char *s, int len, char *out)
{
	if (len < 1 || len > 8) {
		exec_error(ex, 29);
		return false;
	}
	for (int i = 0; i < len; i++)
		out[i] = cms_toupper(s[i]);
	out[len] = 0;
	return true;
}

/* ADDRESS [env [command]] / ADDRESS VALUE expr. */
static int do_address(struct exec *ex, struct clause *c)
{
	struct frame *f = ex->fr;
	char env[9];
	if (c->ntok == 1) {
		memcpy(env, f->env, sizeof env);
		memcpy(f->env, f->oldenv, sizeof env);
		memcpy(f->oldenv, env, sizeof env);
		return ST_OK;
	}
	struct tok *t = &c->t[1];
	if (exec_word(t, "VALUE")) {
		struct xv v = exec_expr_rest(ex, c, 2);
		if (!ex->err && env_name(ex, v.s, v.len, env)) {
			memcpy(f->oldenv, f->env, sizeof env);
			memcpy(f->env, env, sizeof env);
		}
		exec_drop(&v);
		return ST_OK;
	}
	if ((t->type != TK_SYM && t->type != TK_STR) || !env_name(ex, t->s, t->len, env)) {
		exec_error(ex, ex->err ? ex->err : 19);
		return ST_ERR;
	}
	if (c->ntok == 2) {
		memcpy(f->oldenv, f->env, sizeof env);
		memcpy(f->env, env, sizeof env);
		return ST_OK;
	}
	struct xv cmd = exec_expr_rest(ex, c, 2);
	if (!ex->err)
		exec_command(ex, env, cmd);
	exec_drop(&cmd);
	return ST_OK;
}

static int do_trace(struct exec *ex, struct clause *c)
{
	struct xv v;
	if (c->ntok == 1)
		v = exec_str(ex, "N", 1);
	else if (exec_word(&c->t[1], "VALUE"))
		v = exec_expr_rest(ex, c, 2);
	else if (c->ntok == 2 && (c->t[1].type == TK_SYM || c->t[1].type == TK_STR))
		v = exec_str(ex, c->t[1].s, c->t[1].len);
	else if (c->ntok == 3 && c->t[1].type == TK_OP && c->t[2].type == TK_SYM)
		v = exec_str(ex, c->t[2].s, c->t[2].len); /* TRACE ?R: interactive tracing is not offered */
	else
		v = exec_expr_rest(ex, c, 1);
	if (ex->err) {
		exec_drop(&v);
		return ST_ERR;
	}
	int k = 0;
	while (k < v.len && (v.s[k] == '?' || v.s[k] == '!'))
		k++;
	char m = k < v.len ? cms_toupper(v.s[k]) : 'N';
	exec_drop(&v);
	switch (m) {
	case 'F':
		m = 'N';
		break;
	case 'S':
	case 'L':
		m = 'O';
		break;
	case 'A':
	case 'C':
	case 'E':
	case 'I':
	case 'N':
	case 'O':
	case 'R':
		break;
	default:
		exec_error(ex, 24);
		return ST_ERR;
	}
	ex->fr->trace = m;
	return ST_OK;
}

static int do_stack(struct exec *ex, struct clause *c)
{
	struct xv v = c->ntok > 1 ? exec_expr_rest(ex, c, 1) : exec_str(ex, "", 0);
	if (!ex->err) {
		void (*fn)(void *, const char *) = c->kind == K_PUSH ? ex->io->push : ex->io->queue;
		if (fn)
			fn(ex->io->ctx, v.s);
	}
	exec_drop(&v);
	return ST_OK;
}

int exec_simple(struct exec *ex, struct clause *c)
{
	switch (c->kind) {
	case K_ASSIGN: {
		struct xv v = c->ntok > 2 ? exec_expr_rest(ex, c, 2) : exec_str(ex, "", 0);
		if (ex->err)
			exec_drop(&v);
		else
			exec_sym_assign(ex, &c->t[0], v);
		break;
	}
	case K_CMD: {
		struct xv v = exec_expr_rest(ex, c, 0);
		if (!ex->err)
			exec_command(ex, ex->fr->env, v);
		exec_drop(&v);
		break;
	}
	case K_SAY:
		return do_say(ex, c);
	case K_NOP:
		if (c->ntok > 1)
			exec_error(ex, 21);
		break;
	case K_DROP:
		return do_drop(ex, c);
	case K_UPPER:
		return do_upper(ex, c);
	case K_NUMERIC:
		return do_numeric(ex, c);
	case K_ADDRESS:
		return do_address(ex, c);
	case K_TRACE:
		return do_trace(ex, c);
	case K_PUSH:
	case K_QUEUE:
		return do_stack(ex, c);
	case K_PARSE:
	case K_ARG:
	case K_PULL:
		exec_parse_instr(ex, c);
		break;
	default:
		exec_error(ex, 49);
		break;
	}
	return ST_OK;
}

/* INTERPRET expr: the value is lexed as clauses and run here, in the
 * current routine (labels in it are not searched: SIGNAL and CALL look in
 * the EXEC itself). */
EXEC_NOINLINE int exec_interpret(struct exec *ex, struct clause *c)
{
	struct xv v = exec_expr_rest(ex, c, 1);
	if (ex->err) {
		exec_drop(&v);
		return ST_ERR;
	}
	const char *line[1] = {v.s};
	int err, eline;
	struct exec_prog *p = exec_lex(line, 1, &err, &eline);
	exec_drop(&v);
	if (!p) {
		exec_error(ex, err);
		return ST_ERR;
	}
	for (int i = 0; i < p->n; i++) {
		p->c[i].line = c->line;
		for (int k = 0; k < p->c[i].ntok; k++)
			p->c[i].t[k].line = c->line;
	}
	struct exec_prog *saved = ex->prog;
	ex->prog = p;
	int st = exec_seq(ex, 0, p->n);
	ex->prog = saved;
	ex->line = c->line;
	exec_prog_free(p);
	return st;
}
