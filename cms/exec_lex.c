/* exec_lex.c — an EXEC's source lines to clauses of tokens.
 *
 * REXX (The REXX Language, ch. 2 "Structure and General Syntax"): a clause
 * ends at a semicolon or at the end of a line, unless the line's last token
 * is a comma (continuation: the comma becomes a blank).  Comments are
 * enclosed in slash-asterisk pairs, nest, and may span lines.  Strings are
 * quoted with ' or ", a doubled quote stands for itself; 'C1'X and '0101'B
 * are hexadecimal and binary strings.  Symbols are upper-cased here.
 *
 * Besides the semicolons, REXX ends clauses implicitly after a label's
 * colon, after THEN, ELSE and OTHERWISE, and before the THEN of IF and WHEN;
 * splitting them here lets exec_run.c treat each as a clause of its own.
 * The DO/SELECT and END clauses are matched up front (errors 10 and 14).
 */
#include "exec_int.h"

/* The storage of a program: blocks handed out in pieces, freed together. */
struct exec_blk {
	struct exec_blk *next;
	size_t used, size;
	char data[];
};

static void *blk_get(struct exec_prog *p, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	struct exec_blk *b = p->mem;
	if (!b || b->size - b->used < n) {
		size_t size = n > 8000 ? n : 8000;
		b = cms_alloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->size = size;
		b->next = p->mem;
		p->mem = b;
	}
	void *r = b->data + b->used;
	b->used += n;
	return r;
}

static const struct {
	const char *name;
	int kind;
} keywords[] = {
    {"ADDRESS", K_ADDRESS},
    {"ARG", K_ARG},
    {"CALL", K_CALL},
    {"DO", K_DO},
    {"DROP", K_DROP},
    {"ELSE", K_ELSE},
    {"END", K_END},
    {"EXIT", K_EXIT},
    {"IF", K_IF},
    {"INTERPRET", K_INTERPRET},
    {"ITERATE", K_ITERATE},
    {"LEAVE", K_LEAVE},
    {"NOP", K_NOP},
    {"NUMERIC", K_NUMERIC},
    {"OTHERWISE", K_OTHERWISE},
    {"PARSE", K_PARSE},
    {"PROCEDURE", K_PROCEDURE},
    {"PULL", K_PULL},
    {"PUSH", K_PUSH},
    {"QUEUE", K_QUEUE},
    {"RETURN", K_RETURN},
    {"SAY", K_SAY},
    {"SELECT", K_SELECT},
    {"SIGNAL", K_SIGNAL},
    {"THEN", K_THEN},
    {"TRACE", K_TRACE},
    {"UPPER", K_UPPER},
    {"WHEN", K_WHEN},
};

static bool tok_is(const struct tok *t, const char *w)
{
	return t->type == TK_SYM && (size_t)t->len == strlen(w) && memcmp(t->s, w, (size_t)t->len) == 0;
}

/* An assignment is a symbol followed by "="; otherwise a keyword starts an
 * instruction, and any other clause is a command. */
static int classify(const struct tok *t, int n)
{
	if (n >= 2 && t[0].type == TK_SYM && t[1].type == TK_OP && t[1].op == OP_EQ)
		return K_ASSIGN;
	if (t[0].type == TK_SYM)
		for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
			if (tok_is(&t[0], keywords[i].name))
				return keywords[i].kind;
	return K_CMD;
}

struct lexer {
	struct exec_prog *p;
	const char *src; /* the lines joined by '\n' */
	int len, pos, line;
	struct tok *tk; /* the clause being collected */
	int ntk, maxtk;
	int cmax; /* room in p->c */
	int err, eline;
};

static void lex_err(struct lexer *lx, int n, int line)
{
	if (!lx->err) {
		lx->err = n;
		lx->eline = line;
	}
}

static bool add_clause(struct lexer *lx, struct tok *t, int n, int kind)
{
	struct exec_prog *p = lx->p;
	if (p->n == lx->cmax) {
		int nmax = lx->cmax ? 2 * lx->cmax : 64;
		struct clause *c = cms_alloc((size_t)nmax * sizeof *c);
		if (!c) {
			lex_err(lx, 5, t[0].line);
			return false;
		}
		if (p->n)
			memcpy(c, p->c, (size_t)p->n * sizeof *c);
		cms_free(p->c);
		p->c = c;
		lx->cmax = nmax;
	}
	struct tok *copy = blk_get(p, (size_t)n * sizeof *t);
	if (!copy) {
		lex_err(lx, 5, t[0].line);
		return false;
	}
	memcpy(copy, t, (size_t)n * sizeof *t);
	struct clause *c = &p->c[p->n++];
	c->line = t[0].line;
	c->kind = kind;
	c->match = -1;
	c->ntok = n;
	c->t = copy;
	return true;
}

/* One clause as written: split off labels, THEN, ELSE and OTHERWISE. */
static void end_clause(struct lexer *lx)
{
	struct tok *t = lx->tk;
	int n = lx->ntk;
	lx->ntk = 0;
	while (n > 0 && !lx->err) {
		if (n >= 2 && t[0].type == TK_SYM && t[1].type == TK_COLON) {
			add_clause(lx, t, 1, K_LABEL);
			t += 2, n -= 2;
			continue;
		}
		if (t[0].type == TK_COLON) {
			lex_err(lx, 20, t[0].line);
			return;
		}
		int kind = classify(t, n);
		int split = n;
		if (kind == K_THEN || kind == K_ELSE || kind == K_OTHERWISE) {
			split = 1;
		} else if (kind == K_IF || kind == K_WHEN) {
			int depth = 0;
			for (int i = 1; i < n; i++) {
				if (t[i].type == TK_LP)
					depth++;
				else if (t[i].type == TK_RP)
					depth--;
				else if (depth <= 0 && tok_is(&t[i], "THEN")) {
					split = i;
					break;
				}
			}
		}
		add_clause(lx, t, split, kind);
		t += split, n -= split;
	}
}

static bool add_tok(struct lexer *lx, struct tok *t)
{
	if (lx->ntk == lx->maxtk) {
		int nmax = lx->maxtk ? 2 * lx->maxtk : 32;
		struct tok *a = cms_alloc((size_t)nmax * sizeof *a);
		if (!a) {
			lex_err(lx, 5, t->line);
			return false;
		}
		if (lx->ntk)
			memcpy(a, lx->tk, (size_t)lx->ntk * sizeof *a);
		cms_free(lx->tk);
		lx->tk = a;
		lx->maxtk = nmax;
	}
	lx->tk[lx->ntk++] = *t;
	return true;
}

static bool is_symch(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
	       c == '!' || c == '?' || c == '_' || c == '@' || c == '#' || c == '$';
}

/* Skips the comment starting at lx->pos; comments nest. */
static void skip_comment(struct lexer *lx)
{
	int depth = 0, start = lx->line;
	while (lx->pos < lx->len) {
		char c = lx->src[lx->pos];
		if (c == '/' && lx->pos + 1 < lx->len && lx->src[lx->pos + 1] == '*') {
			depth++;
			lx->pos += 2;
		} else if (c == '*' && lx->pos + 1 < lx->len && lx->src[lx->pos + 1] == '/') {
			lx->pos += 2;
			if (--depth == 0)
				return;
		} else {
			if (c == '\n')
				lx->line++;
			lx->pos++;
		}
	}
	lex_err(lx, 6, start);
}

/* After a comma: is the rest of the line blanks and comments?  Then the
 * clause continues on the next line (the comma stands for a blank). */
static bool continuation(struct lexer *lx)
{
	int pos = lx->pos, line = lx->line;
	for (;;) {
		while (lx->pos < lx->len && (lx->src[lx->pos] == ' ' || lx->src[lx->pos] == '\t'))
			lx->pos++;
		if (lx->pos + 1 < lx->len && lx->src[lx->pos] == '/' && lx->src[lx->pos + 1] == '*') {
			int l0 = lx->line;
			skip_comment(lx);
			if (lx->err)
				return false;
			if (lx->line != l0)
				return true; /* the comment took us to a later line */
			continue;
		}
		break;
	}
	if (lx->pos >= lx->len || lx->src[lx->pos] == '\n') {
		if (lx->pos < lx->len) {
			lx->pos++;
			lx->line++;
		}
		return true;
	}
	lx->pos = pos;
	lx->line = line;
	return false;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* 'C1 C2'X or '0100 0001'B to bytes, in place; blanks only between groups. */
static int pack_string(char *s, int len, int bits)
{
	int digits = 0, out = 0, acc, group = 0;
	int per = bits == 4 ? 2 : 8;
	/* Digits are counted from the right: a leading odd group is padded with zeros. */
	for (int i = 0; i < len; i++)
		if (s[i] != ' ')
			digits++;
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		return -1;
	int pad = (per - digits % per) % per;
	acc = 0;
	int have = pad;
	for (int i = 0; i < len; i++) {
		if (s[i] == ' ') {
			if (group == 0)
				return -1;
			group = 0;
			continue;
		}
		int v = bits == 4 ? hexval(s[i]) : (s[i] == '0' ? 0 : s[i] == '1' ? 1 : -1);
		if (v < 0)
			return -1;
		group++;
		acc = (acc << bits) | v;
		if (++have == per) {
			s[out++] = (char)acc;
			acc = 0;
			have = 0;
		}
	}
	return out;
}

static void lex_string(struct lexer *lx, struct tok *t)
{
	char q = lx->src[lx->pos++];
	int start = lx->pos, n = 0;
	/* First pass: find the end and the length. */
	for (;;) {
		if (lx->pos >= lx->len || lx->src[lx->pos] == '\n') {
			lex_err(lx, 6, lx->line);
			return;
		}
		if (lx->src[lx->pos] == q) {
			if (lx->pos + 1 < lx->len && lx->src[lx->pos + 1] == q) {
				lx->pos += 2;
				n++;
				continue;
			}
			break;
		}
		lx->pos++;
		n++;
	}
	char *s = blk_get(lx->p, (size_t)n + 1);
	if (!s) {
		lex_err(lx, 5, lx->line);
		return;
	}
	for (int i = start, o = 0; o < n; i++) {
		s[o++] = lx->src[i];
		if (lx->src[i] == q)
			i++;
	}
	s[n] = 0;
	lx->pos++; /* the closing quote */
	char x = lx->pos < lx->len ? lx->src[lx->pos] : 0;
	char after = lx->pos + 1 < lx->len ? lx->src[lx->pos + 1] : 0;
	if ((x == 'X' || x == 'x' || x == 'B' || x == 'b') && !is_symch((unsigned char)after)) {
		int r = pack_string(s, n, x == 'X' || x == 'x' ? 4 : 1);
		if (r < 0) {
			lex_err(lx, 15, lx->line);
			return;
		}
		n = r;
		s[n] = 0;
		lx->pos++;
	}
	t->type = TK_STR;
	t->s = s;
	t->len = n;
}

/* A symbol; a number's exponent sign belongs to it (1E+5). */
static void lex_symbol(struct lexer *lx, struct tok *t)
{
	int start = lx->pos;
	while (lx->pos < lx->len) {
		char c = lx->src[lx->pos];
		if (is_symch((unsigned char)c)) {
			lx->pos++;
			continue;
		}
		if ((c == '+' || c == '-') && lx->pos + 1 < lx->len && lx->src[lx->pos + 1] >= '0' &&
		    lx->src[lx->pos + 1] <= '9') {
			/* digits[.digits]E so far? */
			int i = start, dig = 0, dots = 0;
			while (i < lx->pos - 1 &&
			       ((lx->src[i] >= '0' && lx->src[i] <= '9') || lx->src[i] == '.')) {
				if (lx->src[i] == '.')
					dots++;
				else
					dig++;
				i++;
			}
			if (i == lx->pos - 1 && dig && dots <= 1 &&
			    (lx->src[i] == 'E' || lx->src[i] == 'e')) {
				lx->pos++;
				continue;
			}
		}
		break;
	}
	int n = lx->pos - start;
	if (n > 250) {
		lex_err(lx, 30, lx->line);
		return;
	}
	char *s = blk_get(lx->p, (size_t)n + 1);
	if (!s) {
		lex_err(lx, 5, lx->line);
		return;
	}
	for (int i = 0; i < n; i++)
		s[i] = cms_toupper(lx->src[start + i]);
	s[n] = 0;
	t->type = TK_SYM;
	t->s = s;
	t->len = n;
}

/* Operators, longest first (The REXX Language, 2.3 "Operators"); \ and the
 * EBCDIC not sign (ASCII 0xAC after translation) both mean "not". */
static const struct {
	const char *text;
	uint8_t op;
} ops[] = {
    {"\\==", OP_SNE}, {"\\>>", OP_SLE}, {"\\<<", OP_SGE}, {">>=", OP_SGE}, {"<<=", OP_SLE}, {"/==", OP_SNE},
    {"**", OP_POW},   {"//", OP_REM},   {"||", OP_CAT},   {"&&", OP_XOR},  {"==", OP_SEQ},  {"\\=", OP_NE},
    {"\\>", OP_LE},   {"\\<", OP_GE},   {"<>", OP_NE},    {"><", OP_NE},   {">=", OP_GE},   {"<=", OP_LE},
    {">>", OP_SGT},   {"<<", OP_SLT},   {"/=", OP_NE},    {"+", OP_ADD},   {"-", OP_SUB},   {"*", OP_MUL},
    {"/", OP_DIV},    {"%", OP_IDIV},   {"|", OP_OR},     {"&", OP_AND},   {"=", OP_EQ},    {">", OP_GT},
    {"<", OP_LT},     {"\\", OP_NOT},
};

static bool lex_op(struct lexer *lx, struct tok *t)
{
	char buf[4];
	int avail = lx->len - lx->pos;
	for (int i = 0; i < 3 && i < avail; i++) {
		char c = lx->src[lx->pos + i];
		buf[i] = (unsigned char)c == 0xAC ? '\\' : c;
	}
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		int n = (int)strlen(ops[k].text);
		if (n <= avail && memcmp(buf, ops[k].text, (size_t)n) == 0) {
			t->type = TK_OP;
			t->op = ops[k].op;
			t->s = (char *)ops[k].text;
			t->len = n;
			lx->pos += n;
			return true;
		}
	}
	return false;
}

static void lex_all(struct lexer *lx)
{
	bool space = false;
	while (!lx->err) {
		if (lx->pos >= lx->len) {
			end_clause(lx);
			return;
		}
		char c = lx->src[lx->pos];
		if (c == '\n' || c == ';') {
			if (c == '\n')
				lx->line++;
			lx->pos++;
			end_clause(lx);
			space = false;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0) {
			lx->pos++;
			space = true;
			continue;
		}
		if (c == '/' && lx->pos + 1 < lx->len && lx->src[lx->pos + 1] == '*') {
			skip_comment(lx);
			continue;
		}
		struct tok t = {.line = lx->line, .sp = space};
		space = false;
		if (c == '\'' || c == '"') {
			lex_string(lx, &t);
		} else if (is_symch((unsigned char)c)) {
			lex_symbol(lx, &t);
		} else if (c == '(' || c == ')' || c == ':') {
			t.type = c == '(' ? TK_LP : c == ')' ? TK_RP : TK_COLON;
			t.s = c == '(' ? "(" : c == ')' ? ")" : ":";
			t.len = 1;
			lx->pos++;
		} else if (c == ',') {
			lx->pos++;
			if (continuation(lx)) {
				space = true;
				continue;
			}
			t.type = TK_COMMA;
			t.s = ",";
			t.len = 1;
		} else if (!lex_op(lx, &t)) {
			lex_err(lx, 13, lx->line);
			return;
		}
		if (!lx->err)
			add_tok(lx, &t);
	}
}

/* DO and SELECT against END: each knows the other's index. */
static void match_blocks(struct lexer *lx)
{
	struct exec_prog *p = lx->p;
	int *stack = cms_alloc(((size_t)p->n + 1) * sizeof(int));
	int sp = 0;
	if (!stack) {
		lex_err(lx, 5, 1);
		return;
	}
	for (int i = 0; i < p->n && !lx->err; i++) {
		int k = p->c[i].kind;
		if (k == K_DO || k == K_SELECT) {
			stack[sp++] = i;
		} else if (k == K_END) {
			if (sp == 0) {
				lex_err(lx, 10, p->c[i].line);
				break;
			}
			int d = stack[--sp];
			p->c[d].match = i;
			p->c[i].match = d;
		}
	}
	if (sp && !lx->err)
		lex_err(lx, 14, p->c[stack[sp - 1]].line);
	cms_free(stack);
}

void exec_prog_free(struct exec_prog *p)
{
	if (!p)
		return;
	while (p->mem) {
		struct exec_blk *b = p->mem;
		p->mem = b->next;
		cms_free(b);
	}
	cms_free(p->c);
	cms_free(p);
}

struct exec_prog *exec_lex(const char *const *lines, int nlines, int *err, int *eline)
{
	struct lexer lx = {0};
	struct exec_prog *p = cms_alloc(sizeof *p);
	*err = 0;
	*eline = 1;
	if (!p) {
		*err = 5;
		return NULL;
	}
	lx.p = p;
	p->lines = lines;
	p->nlines = nlines;
	size_t total = 1;
	for (int i = 0; i < nlines; i++)
		total += strlen(lines[i]) + 1;
	char *src = cms_alloc(total);
	if (!src) {
		cms_free(p);
		*err = 5;
		return NULL;
	}
	size_t o = 0;
	for (int i = 0; i < nlines; i++) {
		size_t n = strlen(lines[i]);
		memcpy(src + o, lines[i], n);
		o += n;
		src[o++] = '\n';
	}
	lx.src = src;
	lx.len = (int)o;
	lx.line = 1;
	lex_all(&lx);
	if (!lx.err)
		match_blocks(&lx);
	cms_free(src);
	cms_free(lx.tk);
	if (lx.err) {
		*err = lx.err;
		*eline = lx.eline;
		exec_prog_free(p);
		return NULL;
	}
	return p;
}
