/* exec_call.c — routines and commands: CALL, function calls, internal
 * routines with PROCEDURE [EXPOSE], external EXECs, commands to the ADDRESS
 * environment, and exec_run, the entry from CMS.
 *
 * The REXX Language, 3.2 "CALL", 3.17 "PROCEDURE", 4.1 "Functions": a name
 * is looked for first among the EXEC's labels (unless it was written as a
 * string), then among the built-in functions, then as an EXEC on the
 * accessed disks (io->readfile).  A routine called this way shares the
 * caller's variables unless it starts with PROCEDURE; NUMERIC, ADDRESS,
 * TRACE and SIGNAL ON settings are its own and vanish when it returns.
 */
#include "exec_int.h"

int exec_find_label(struct exec *ex, const char *name, int len)
{
	struct exec_prog *p = ex->home;
	for (int i = 0; i < p->n; i++) {
		struct clause *c = &p->c[i];
		if (c->kind == K_LABEL && c->t[0].len == len && memcmp(c->t[0].s, name, (size_t)len) == 0)
			return i;
	}
	return -1;
}

static struct frame *frame_new(struct exec *ex, struct xv *args, bool *argp, int nargs, int type)
{
	struct frame *f = cms_alloc(sizeof *f);
	if (!f) {
		exec_error(ex, 5);
		return NULL;
	}
	struct frame *up = ex->fr;
	if (up) {
		f->pool = up->pool;
		f->digits = up->digits;
		memcpy(f->env, up->env, sizeof f->env);
		memcpy(f->oldenv, up->oldenv, sizeof f->oldenv);
		f->trace = up->trace;
		f->on_error = up->on_error;
		f->on_novalue = up->on_novalue;
		f->on_halt = up->on_halt;
		f->on_syntax = up->on_syntax;
	}
	f->up = up;
	f->type = type;
	for (int i = 0; i < nargs; i++) {
		f->argp[i] = argp[i];
		f->args[i] = argp[i] ? exec_str(ex, args[i].s, args[i].len) : (struct xv){exec_nul, 0};
	}
	f->nargs = nargs;
	return f;
}

static void frame_free(struct frame *f)
{
	if (f->up && f->pool != f->up->pool)
		exec_pool_free(f->pool);
	for (int i = 0; i < f->nargs; i++)
		exec_drop(&f->args[i]);
	cms_free(f);
}

/* PROCEDURE [EXPOSE name...] as the routine's first instruction. */
EXEC_NOINLINE static void procedure(struct exec *ex, struct clause *c)
{
	struct pool *p = exec_pool_new(ex->fr->pool);
	if (!p) {
		exec_error(ex, 5);
		return;
	}
	ex->line = c->line;
	ex->fr->pool = p;
	if (c->ntok == 1)
		return;
	if (!exec_word(&c->t[1], "EXPOSE")) {
		exec_error(ex, 25);
		return;
	}
	for (int i = 2; i < c->ntok && !ex->err; i++) {
		struct tok *t = &c->t[i];
		if (t->type != TK_LP) {
			exec_expose(ex, p, t);
			continue;
		}
		/* (var): var is exposed, and so is each name in its value. */
		if (i + 2 >= c->ntok || c->t[i + 1].type != TK_SYM || c->t[i + 2].type != TK_RP) {
			exec_error(ex, 20);
			return;
		}
		exec_expose(ex, p, &c->t[i + 1]);
		i += 2;
		bool set;
		struct xv list = ex->err ? exec_str(ex, "", 0) : exec_sym_value(ex, &c->t[i - 1], &set);
		for (int k = 0; k < list.len && !ex->err;) {
			while (k < list.len && list.s[k] == ' ')
				k++;
			int b = k;
			while (k < list.len && list.s[k] != ' ')
				k++;
			if (k == b)
				break;
			char name[252];
			if (k - b > 250 || !exec_symbol_ok(list.s + b, k - b)) {
				exec_error(ex, 20);
				break;
			}
			for (int j = b; j < k; j++)
				name[j - b] = cms_toupper(list.s[j]);
			name[k - b] = 0;
			struct tok nt = {.type = TK_SYM, .s = name, .len = k - b};
			exec_expose(ex, p, &nt);
		}
		exec_drop(&list);
	}
}

/* The result of a routine: *got when it returned a value. */
static struct xv finish(struct exec *ex, int st, bool *got)
{
	struct xv r = {exec_nul, 0};
	*got = false;
	if (st == ST_RETURN) {
		*got = ex->hasret;
		r = ex->ret;
		ex->ret.s = exec_nul;
		ex->ret.len = 0;
		ex->hasret = false;
	} else if (st == ST_LEAVE || st == ST_ITERATE) {
		exec_error(ex, 28);
	}
	return r;
}

EXEC_NOINLINE static struct xv call_internal(struct exec *ex, int label, struct xv *args, bool *argp,
                                             int nargs, bool isfn, bool *got)
{
	struct xv r = {exec_nul, 0};
	*got = false;
	if (ex->calls >= EXEC_MAXCALL || !exec_stack_ok(ex)) {
		exec_error(ex, 11);
		return r;
	}
	exec_var_set(ex, "SIGL", 4, exec_int(ex, ex->line));
	struct frame *f = frame_new(ex, args, argp, nargs, isfn ? 2 : 1);
	if (!f)
		return r;
	int line = ex->line, nest = ex->nest;
	struct exec_prog *prog = ex->prog;
	ex->calls++;
	ex->fr = f;
	ex->prog = ex->home;
	int start = label + 1;
	while (start < ex->prog->n && ex->prog->c[start].kind == K_LABEL)
		start++;
	if (start < ex->prog->n && ex->prog->c[start].kind == K_PROCEDURE) {
		procedure(ex, &ex->prog->c[start]);
		start++;
	}
	int st = ex->err ? ST_ERR : exec_routine(ex, start);
	r = finish(ex, st, got);
	ex->fr = f->up;
	frame_free(f);
	ex->calls--;
	ex->prog = prog;
	ex->nest = nest;
	if (!ex->err)
		ex->line = line;
	return r;
}

static void free_lines(struct exec *ex, char **lines, int n)
{
	if (ex->io->freefile) {
		ex->io->freefile(ex->io->ctx, lines, n);
		return;
	}
	for (int i = 0; i < n; i++)
		cms_free(lines[i]);
	cms_free(lines);
}

static void set_names(struct exec_prog *p, const char *fn, const char *ft, const char *fm);

/* Another EXEC (fn EXEC *), run with its own variables and labels. */
EXEC_NOINLINE static struct xv call_external(struct exec *ex, const char *name, int nlen, struct xv *args,
                                             bool *argp, int nargs, bool isfn, bool *got, bool *found)
{
	struct xv r = {exec_nul, 0};
	char fn[9];
	char **lines = NULL;
	int n = 0;
	*got = false;
	*found = false;
	if (!ex->io->readfile || nlen < 1 || nlen > 8)
		return r;
	for (int i = 0; i < nlen; i++)
		fn[i] = cms_toupper(name[i]);
	fn[nlen] = 0;
	if (ex->io->readfile(ex->io->ctx, fn, "EXEC", "*", &lines, &n) != 0)
		return r;
	*found = true;
	if (ex->ext >= EXEC_MAXEXT || ex->calls >= EXEC_MAXCALL) {
		free_lines(ex, lines, n);
		exec_error(ex, 11);
		return r;
	}
	int err, eline;
	struct exec_prog *p = exec_lex((const char *const *)lines, n, &err, &eline);
	if (!p) {
		free_lines(ex, lines, n);
		exec_error(ex, err);
		return r;
	}
	set_names(p, fn, "EXEC", "*");
	struct frame *f = frame_new(ex, args, argp, nargs, isfn ? 2 : 1);
	struct pool *pool = f ? exec_pool_new(NULL) : NULL;
	if (!pool) {
		if (f)
			frame_free(f);
		exec_prog_free(p);
		free_lines(ex, lines, n);
		exec_error(ex, 5);
		return r;
	}
	f->pool = pool;
	f->digits = 9;
	memcpy(f->env, "CMS", 4);
	memcpy(f->oldenv, "CMS", 4);
	f->trace = 'N';
	f->on_error = f->on_novalue = f->on_halt = f->on_syntax = false;
	struct exec_prog *prog = ex->prog, *home = ex->home;
	int line = ex->line, nest = ex->nest;
	ex->fr = f;
	ex->prog = ex->home = p;
	ex->ext++;
	ex->calls++;
	int st = exec_routine(ex, 0);
	if (ex->err == EXEC_EXIT) { /* EXIT ends only the called EXEC */
		ex->err = 0;
		st = ST_RETURN;
	}
	if (st == ST_OK)
		st = ST_RETURN;
	if (ex->err > 0 && !ex->noerr) {
		/* The error is reported against the EXEC it happened in. */
		char buf[200];
		int el = ex->errline;
		const char *src = el >= 1 && el <= p->nlines ? p->lines[el - 1] : "";
		cms_format(buf, sizeof buf, "%6d +++ %s", el, src);
		exec_say(ex, buf);
		cms_format(buf, sizeof buf, "DMSREX460E Error %d running %s EXEC, line %d: %s", ex->err,
		           p->fn, el, exec_errmsg(ex->err));
		exec_say(ex, buf);
		ex->noerr = true;
	}
	r = finish(ex, st, got);
	ex->ext--;
	ex->calls--;
	ex->fr = f->up;
	exec_pool_free(pool);
	f->pool = ex->fr->pool;
	frame_free(f);
	ex->prog = prog;
	ex->home = home;
	ex->nest = nest;
	if (!ex->err)
		ex->line = line;
	exec_prog_free(p);
	free_lines(ex, lines, n);
	return r;
}

struct xv exec_call(struct exec *ex, const char *name, int nlen, bool literal, struct xv *args, bool *argp,
                    int nargs, bool isfn, bool *got)
{
	struct xv r = {exec_nul, 0};
	*got = false;
	if (!literal) {
		int at = exec_find_label(ex, name, nlen);
		if (at >= 0)
			return call_internal(ex, at, args, argp, nargs, isfn, got);
	}
	const struct exec_bif *b = exec_bif_find(name, nlen);
	if (b) {
		if (nargs < b->min || nargs > b->max) {
			exec_error(ex, 40);
			return r;
		}
		for (int i = 0; i < b->min; i++)
			if (!argp[i]) {
				exec_error(ex, 40);
				return r;
			}
		r = b->fn(ex, nargs, args, argp);
		*got = !ex->err;
		return r;
	}
	bool found;
	r = call_external(ex, name, nlen, args, argp, nargs, isfn, got, &found);
	if (!found && !ex->err)
		exec_error(ex, 43);
	return r;
}

/* CALL name [expr] [,[expr]]...: RESULT gets the value, or is dropped. */
void exec_call_instr(struct exec *ex, struct clause *c)
{
	struct {
		struct xv a[EXEC_MAXARGS];
		bool p[EXEC_MAXARGS];
	} * args; /* in storage, not on the stack: CALL recurses */
	int na = 0, pos = 2;
	if (c->ntok < 2 || (c->t[1].type != TK_SYM && c->t[1].type != TK_STR)) {
		exec_error(ex, 19);
		return;
	}
	struct tok *name = &c->t[1];
	if (exec_word(name, "ON") || exec_word(name, "OFF")) {
		exec_error(ex, 25); /* CALL ON is not offered; SIGNAL ON is */
		return;
	}
	if (!(args = cms_alloc(sizeof *args))) {
		exec_error(ex, 5);
		return;
	}
	/* Arguments separated by commas; an empty one is omitted (ARG(n, 'O')). */
	while (pos < c->ntok && !ex->err) {
		if (na == EXEC_MAXARGS) {
			exec_error(ex, 40);
			break;
		}
		if (c->t[pos].type == TK_COMMA) {
			args->a[na].s = exec_nul;
			args->a[na].len = 0;
			args->p[na++] = false;
			pos++;
			continue;
		}
		args->a[na] = exec_eval(ex, c->t, c->ntok, &pos, 0);
		args->p[na++] = true;
		if (ex->err)
			break;
		if (pos < c->ntok) {
			if (c->t[pos].type != TK_COMMA) {
				exec_error(ex, c->t[pos].type == TK_RP ? 37 : 35);
				break;
			}
			pos++;
		}
	}
	while (na > 0 && !args->p[na - 1] && !ex->err)
		na--; /* trailing omitted arguments do not count */
	if (!ex->err) {
		bool got;
		struct xv r = exec_call(ex, name->s, name->len, name->type == TK_STR, args->a, args->p, na,
		                        false, &got);
		if (!ex->err) {
			if (got)
				exec_var_set(ex, "RESULT", 6, r);
			else {
				exec_drop(&r);
				exec_var_unset(ex, "RESULT", 6);
			}
		} else {
			exec_drop(&r);
		}
	}
	for (int i = 0; i < na; i++)
		exec_drop(&args->a[i]);
	cms_free(args);
}

/* A command: to io->command, its return code in RC.  TRACE N shows
 * failing commands (rc < 0), E every nonzero rc, C every command. */
void exec_command(struct exec *ex, const char *env, struct xv cmd)
{
	char tr = ex->fr->trace;
	if (tr == 'C')
		exec_trace_clause(ex, ex->line);
	int rc = ex->io->command ? ex->io->command(ex->io->ctx, env, cmd.s) : -3;
	exec_var_set(ex, "RC", 2, exec_int(ex, rc));
	if ((rc < 0 && (tr == 'N' || tr == 'E')) ||
	    (rc != 0 && (tr == 'E' || tr == 'C' || tr == 'A' || tr == 'R' || tr == 'I'))) {
		char buf[40];
		if (tr == 'N' || tr == 'E')
			exec_trace_clause(ex, ex->line);
		cms_format(buf, sizeof buf, "       +++ RC(%d) +++", rc);
		exec_say(ex, buf);
	}
	if (rc != 0 && ex->fr->on_error && !ex->err) {
		ex->err = EXEC_COND;
		ex->errline = ex->line;
		ex->cond = "ERROR";
	}
}

static void copy_name(char *out, int max, const char *s, int len)
{
	int n = 0;
	for (int i = 0; i < len && n < max; i++)
		out[n++] = cms_toupper(s[i]);
	out[n] = 0;
}

static void set_names(struct exec_prog *p, const char *fn, const char *ft, const char *fm)
{
	copy_name(p->fn, 8, fn, (int)strlen(fn));
	copy_name(p->ft, 8, ft, (int)strlen(ft));
	copy_name(p->fm, 2, fm, (int)strlen(fm));
}

/* "fn [ft [fm]]" from the caller's fname. */
static void split_fname(struct exec_prog *p, const char *fname)
{
	char w[3][9] = {"", "EXEC", "*"};
	int k = 0;
	const char *s = fname ? fname : "";
	while (*s && k < 3) {
		while (*s == ' ')
			s++;
		const char *b = s;
		while (*s && *s != ' ')
			s++;
		if (s > b) {
			copy_name(w[k], k == 2 ? 2 : 8, b, (int)(s - b));
			k++;
		}
	}
	set_names(p, w[0], w[1], w[2]);
}

EXEC_NOINLINE static void report(struct exec *ex, int n, int line)
{
	char buf[200];
	struct exec_prog *p = ex->home;
	if (p) {
		const char *src = line >= 1 && line <= p->nlines ? p->lines[line - 1] : "";
		cms_format(buf, sizeof buf, "%6d +++ %s", line, src);
		exec_say(ex, buf);
	}
	cms_format(buf, sizeof buf, "DMSREX460E Error %d running %s %s, line %d: %s", n, p ? p->fn : "",
	           p ? p->ft : "EXEC", line, exec_errmsg(n));
	exec_say(ex, buf);
}

/* The outermost exec_run's stack position: an EXEC started by a command
 * from another EXEC runs on the same stack and shares its budget.  A base
 * above the current position (the stack grows down) is left over from a
 * run that never returned (the nucleus restarted) and is replaced. */
static uintptr_t outer_base;

int exec_run(const char *const *lines, int nlines, const char *fname, const char *args,
             const struct exec_io *io)
{
	struct exec *ex = cms_alloc(sizeof *ex);
	int err, eline, rc = 0;
	if (!ex)
		return 20005;
	volatile char base = 0;
	bool outer = !outer_base || outer_base < (uintptr_t)&base;
	if (outer)
		outer_base = (uintptr_t)&base;
	ex->io = io;
	ex->stack0 = outer_base;
	ex->ret.s = exec_nul;
	ex->seed = 1;
	struct exec_prog *p = exec_lex(lines, nlines, &err, &eline);
	if (!p) {
		struct exec_prog tmp = {.lines = lines, .nlines = nlines};
		split_fname(&tmp, fname);
		ex->home = &tmp;
		report(ex, err, eline);
		cms_free(ex);
		if (outer)
			outer_base = 0;
		return 20000 + err;
	}
	split_fname(p, fname);
	ex->prog = ex->home = p;
	bool argp = true;
	struct xv arg = {(char *)(args ? args : ""), args ? (int)strlen(args) : 0};
	struct frame *f = frame_new(ex, &arg, &argp, args && *args ? 1 : 0, 0);
	struct pool *pool = exec_pool_new(NULL);
	if (f && pool) {
		f->pool = pool;
		f->digits = 9;
		memcpy(f->env, "CMS", 4);
		memcpy(f->oldenv, "CMS", 4);
		f->trace = 'N';
		ex->fr = f;
		int st = exec_routine(ex, 0);
		if (ex->err == EXEC_EXIT || st == ST_RETURN) {
			int v;
			rc = ex->hasret && exec_whole(ex, ex->ret, &v) ? v : 0;
		} else if (ex->err == EXEC_COND) {
			report(ex, 16, ex->errline);
			rc = 20016;
		} else if (ex->err > 0) {
			if (!ex->noerr)
				report(ex, ex->err, ex->errline);
			rc = 20000 + ex->err;
		}
		exec_drop(&ex->ret);
	} else {
		rc = 20005; /* no storage */
	}
	if (f)
		frame_free(f);
	exec_pool_free(pool);
	exec_prog_free(p);
	cms_free(ex);
	if (outer)
		outer_base = 0;
	return rc;
}
