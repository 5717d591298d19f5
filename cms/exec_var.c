/* exec_var.c — variables: simple symbols, stems and compound symbols.
 *
 * The REXX Language, 2.3.3 "Symbols": a simple symbol names a variable; a
 * compound symbol STEM.T1.T2 names the variable whose name is the stem
 * followed by the values of the tail symbols (constant tails stay as they
 * are); assigning to the stem itself (STEM.) gives every compound variable
 * of that stem the value.  A symbol without a value stands for its own name
 * in upper case.
 *
 * Each routine that says PROCEDURE gets a fresh pool; the names it EXPOSEs
 * (and every compound of an exposed stem) resolve in its caller's pool.
 * Names are kept with their lengths: tails may hold any characters.
 */
#include "exec_int.h"

struct var {
	struct var *next;
	struct xv val;
	bool dropped; /* a dropped compound of a stem that has a default value */
	int nlen;
	char name[];
};

#define POOL_FIRST 16  /* buckets of a new pool (a power of 2) */
#define POOL_MAX 65536 /* the table stops growing here */

static uint32_t hash(const char *s, int len)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

struct pool *exec_pool_new(struct pool *parent)
{
	struct pool *p = cms_alloc(sizeof *p);
	if (!p)
		return NULL;
	p->b = cms_alloc(POOL_FIRST * sizeof *p->b);
	if (!p->b) {
		cms_free(p);
		return NULL;
	}
	p->nb = POOL_FIRST;
	p->parent = parent;
	return p;
}

/* Four times the buckets when the chains average two: loops that fill a
 * stem with thousands of values stay linear.  Without storage the table
 * simply stays as it is. */
static void grow(struct pool *p)
{
	int nb = p->nb * 4;
	if (p->count <= 2 * p->nb || nb > POOL_MAX)
		return;
	struct var **b = cms_alloc((size_t)nb * sizeof *b);
	if (!b)
		return;
	for (int i = 0; i < p->nb; i++)
		while (p->b[i]) {
			struct var *v = p->b[i];
			p->b[i] = v->next;
			uint32_t h = hash(v->name, v->nlen) & (uint32_t)(nb - 1);
			v->next = b[h];
			b[h] = v;
		}
	cms_free(p->b);
	p->b = b;
	p->nb = nb;
}

static void var_free(struct var *v)
{
	exec_drop(&v->val);
	cms_free(v);
}

void exec_pool_free(struct pool *p)
{
	if (!p)
		return;
	for (int b = 0; b < p->nb; b++)
		while (p->b[b]) {
			struct var *v = p->b[b];
			p->b[b] = v->next;
			var_free(v);
		}
	for (int i = 0; i < p->nexpose; i++)
		exec_drop(&p->expose[i]);
	cms_free(p->expose);
	cms_free(p->b);
	cms_free(p);
}

static bool exposed(const struct pool *p, const char *name, int len)
{
	for (int i = 0; i < p->nexpose; i++) {
		const struct xv *e = &p->expose[i];
		if (e->len && e->s[e->len - 1] == '.') {
			if (len >= e->len && memcmp(name, e->s, (size_t)e->len) == 0)
				return true;
		} else if (e->len == len && memcmp(name, e->s, (size_t)len) == 0) {
			return true;
		}
	}
	return false;
}

static struct pool *resolve(struct exec *ex, const char *name, int len)
{
	struct pool *p = ex->fr->pool;
	while (p->parent && exposed(p, name, len))
		p = p->parent;
	return p;
}

static struct var *find(struct pool *p, const char *name, int len)
{
	for (struct var *v = p->b[hash(name, len) & (uint32_t)(p->nb - 1)]; v; v = v->next)
		if (v->nlen == len && memcmp(v->name, name, (size_t)len) == 0)
			return v;
	return NULL;
}

/* The stem part of a name ("A." of "A.B.C"): its length, 0 if none. */
static int stem_len(const char *name, int len)
{
	for (int i = 0; i < len; i++)
		if (name[i] == '.')
			return i + 1;
	return 0;
}

static bool lookup(struct exec *ex, const char *name, int len, struct xv *out)
{
	struct pool *p = resolve(ex, name, len);
	struct var *v = find(p, name, len);
	if (v) {
		if (v->dropped)
			return false;
		*out = exec_str(ex, v->val.s, v->val.len);
		return true;
	}
	int sl = stem_len(name, len);
	if (sl && sl < len) {
		v = find(p, name, sl);
		if (v && !v->dropped) {
			*out = exec_str(ex, v->val.s, v->val.len);
			return true;
		}
	}
	return false;
}

/* Removes every variable of the stem (sl characters, "A.") from p. */
static void drop_stem(struct pool *p, const char *stem, int sl)
{
	for (int b = 0; b < p->nb; b++) {
		struct var **pp = &p->b[b];
		while (*pp) {
			struct var *v = *pp;
			if (v->nlen >= sl && memcmp(v->name, stem, (size_t)sl) == 0) {
				*pp = v->next;
				var_free(v);
				p->count--;
			} else {
				pp = &v->next;
			}
		}
	}
}

static void store(struct exec *ex, const char *name, int len, struct xv val)
{
	struct pool *p = resolve(ex, name, len);
	if (len && name[len - 1] == '.' && stem_len(name, len) == len)
		drop_stem(p, name, len); /* STEM. = value: all its compounds take it */
	struct var *v = find(p, name, len);
	if (!v) {
		v = cms_alloc(sizeof *v + (size_t)len + 1);
		if (!v) {
			exec_drop(&val);
			exec_error(ex, 5);
			return;
		}
		memcpy(v->name, name, (size_t)len);
		v->nlen = len;
		v->val.s = exec_nul;
		uint32_t h = hash(name, len) & (uint32_t)(p->nb - 1);
		v->next = p->b[h];
		p->b[h] = v;
		p->count++;
		grow(p);
	}
	exec_drop(&v->val);
	v->val = val;
	v->dropped = false;
}

static void unset(struct exec *ex, const char *name, int len)
{
	struct pool *p = resolve(ex, name, len);
	int sl = stem_len(name, len);
	if (sl == len && len) {
		drop_stem(p, name, len);
		return;
	}
	struct var *v = find(p, name, len);
	if (sl && sl < len && find(p, name, sl)) {
		/* The stem has a default: this compound must stop taking it. */
		if (!v) {
			store(ex, name, len, exec_str(ex, "", 0));
			v = find(p, name, len);
		}
		if (v) {
			exec_drop(&v->val);
			v->dropped = true;
		}
		return;
	}
	if (v) {
		exec_drop(&v->val);
		v->dropped = true;
	}
}

bool exec_symbol_const(const char *s)
{
	return (s[0] >= '0' && s[0] <= '9') || s[0] == '.';
}

bool exec_symbol_ok(const char *s, int len)
{
	if (len == 0 || len > 250)
		return false;
	for (int i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '!' || c == '?' || c == '_' || c == '@' || c == '#' || c == '$'))
			return false;
	}
	return true;
}

struct xv exec_sym_name(struct exec *ex, const struct tok *t)
{
	if (exec_symbol_const(t->s))
		return (struct xv){NULL, 0};
	int sl = stem_len(t->s, t->len);
	if (!sl || sl == t->len)
		return exec_str(ex, t->s, t->len);
	/* Compound: substitute each tail component that is a simple symbol. */
	int cap = t->len + 64, n = 0;
	struct xv out = exec_alloc(ex, cap);
	if (ex->err)
		return out;
	memcpy(out.s, t->s, (size_t)sl);
	n = sl;
	int i = sl;
	for (;;) {
		int j = i;
		while (j < t->len && t->s[j] != '.')
			j++;
		struct xv val;
		bool have = false;
		if (j > i && !exec_symbol_const(t->s + i))
			have = lookup(ex, t->s + i, j - i, &val);
		const char *add = have ? val.s : t->s + i;
		int alen = have ? val.len : j - i;
		int need = n + alen + 1;
		if (need > cap) {
			if (!exec_ok_len(ex, need)) {
				if (have)
					exec_drop(&val);
				return out;
			}
			cap = need * 2;
			struct xv bigger = exec_alloc(ex, cap);
			if (ex->err) {
				if (have)
					exec_drop(&val);
				return out;
			}
			memcpy(bigger.s, out.s, (size_t)n);
			exec_drop(&out);
			out = bigger;
		}
		memcpy(out.s + n, add, (size_t)alen);
		n += alen;
		if (have)
			exec_drop(&val);
		if (j >= t->len)
			break;
		out.s[n++] = '.';
		i = j + 1;
	}
	out.s[n] = 0;
	out.len = n;
	return out;
}

struct xv exec_sym_value(struct exec *ex, const struct tok *t, bool *set)
{
	struct xv name = exec_sym_name(ex, t), v;
	*set = true;
	if (!name.s)
		return exec_str(ex, t->s, t->len); /* a constant symbol is its own value */
	if (ex->err)
		return name;
	if (lookup(ex, name.s, name.len, &v)) {
		exec_drop(&name);
		return v;
	}
	*set = false;
	if (ex->fr->on_novalue && !ex->err) {
		ex->err = EXEC_COND;
		ex->errline = ex->line;
		ex->cond = "NOVALUE";
	}
	return name;
}

void exec_sym_assign(struct exec *ex, const struct tok *t, struct xv v)
{
	if (t->type != TK_SYM) {
		exec_drop(&v);
		exec_error(ex, 20);
		return;
	}
	if (exec_symbol_const(t->s)) {
		exec_drop(&v);
		exec_error(ex, 31);
		return;
	}
	struct xv name = exec_sym_name(ex, t);
	if (ex->err) {
		exec_drop(&v);
		exec_drop(&name);
		return;
	}
	store(ex, name.s, name.len, v);
	exec_drop(&name);
}

void exec_sym_drop(struct exec *ex, const struct tok *t)
{
	if (t->type != TK_SYM || exec_symbol_const(t->s)) {
		exec_error(ex, t->type == TK_SYM ? 31 : 20);
		return;
	}
	struct xv name = exec_sym_name(ex, t);
	if (!ex->err)
		unset(ex, name.s, name.len);
	exec_drop(&name);
}

/* By name: the name is taken as a symbol would be (tails substituted). */
static bool name_tok(const char *name, int len, struct tok *t)
{
	t->type = TK_SYM;
	t->s = (char *)name;
	t->len = len;
	return exec_symbol_ok(name, len) && !exec_symbol_const(name);
}

bool exec_var_get(struct exec *ex, const char *name, int len, struct xv *out)
{
	struct tok t;
	if (!name_tok(name, len, &t))
		return false;
	struct xv n = exec_sym_name(ex, &t);
	if (ex->err) {
		exec_drop(&n);
		return false;
	}
	bool r = lookup(ex, n.s, n.len, out);
	exec_drop(&n);
	return r;
}

void exec_var_set(struct exec *ex, const char *name, int len, struct xv v)
{
	struct tok t;
	if (!name_tok(name, len, &t)) {
		exec_drop(&v);
		exec_error(ex, 40);
		return;
	}
	exec_sym_assign(ex, &t, v);
}

void exec_var_unset(struct exec *ex, const char *name, int len)
{
	struct tok t;
	if (name_tok(name, len, &t))
		exec_sym_drop(ex, &t);
}

void exec_var_setc(struct exec *ex, const char *name, const char *val)
{
	exec_var_set(ex, name, (int)strlen(name), exec_cstr(ex, val));
}

void exec_expose(struct exec *ex, struct pool *p, const struct tok *t)
{
	if (t->type != TK_SYM || exec_symbol_const(t->s)) {
		exec_error(ex, 20);
		return;
	}
	struct xv name = exec_sym_name(ex, t);
	if (ex->err)
		return;
	struct xv *e = cms_alloc(((size_t)p->nexpose + 1) * sizeof *e);
	if (!e) {
		exec_drop(&name);
		exec_error(ex, 5);
		return;
	}
	if (p->nexpose)
		memcpy(e, p->expose, (size_t)p->nexpose * sizeof *e);
	cms_free(p->expose);
	p->expose = e;
	p->expose[p->nexpose++] = name;
}
