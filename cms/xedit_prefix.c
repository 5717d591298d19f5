/* xedit_prefix.c — the prefix area's commands (XEDIT's "prefix
 * subcommands"): typed over the ===== at the left of a line.
 *
 *   I [n]   n new empty lines after this one      D [n]   delete n lines
 *   C [n]   copy n lines  \  to after the F line  M [n]   move n lines
 *   CC..CC  copy a block   > or before the P line MM..MM  move a block
 *   DD..DD  delete a block                        F, P    where C/M put them
 *   " [n]   duplicate the line n times            ""..""  duplicate a block
 *   /       make this the current line
 *
 * The count may come before the letter too (5D).  What cannot be done yet
 * (a block whose other end is on another page, a C without its F) waits,
 * shown in its prefix area, until it can; lines are named by identity (the
 * line's storage), so pending commands follow their lines when others are
 * inserted or deleted.
 */
#include "xedit.h"

enum { P_NONE, P_INSERT, P_DELETE, P_COPY, P_MOVE, P_DUP, P_FOLLOW, P_PRECEDE, P_CURRENT };

struct op {
	int kind;
	bool block; /* DD, CC, MM, "" */
	int n;      /* count (1 when none) */
	int at;     /* the line's number now */
	int slot;   /* its index in e->pend */
};

static const char *identity(const struct xed *e, int k)
{
	return k <= 0 ? NULL : k > e->n ? XED_EOF_ID : e->line[k];
}

static int find_pend(const struct xed *e, int k)
{
	const char *id = identity(e, k);
	for (int p = 0; p < e->npend; p++)
		if (e->pend[p].line == id)
			return p;
	return -1;
}

void xed_prefix_set(struct xed *e, int k, const char *text)
{
	char t[XED_PFXLEN + 1];
	size_t m = 0;
	for (; *text && m < XED_PFXLEN;
	     text++) /* the ===== the user typed over, and blanks, are not the command */
		if (*text != '=' && *text != ' ')
			t[m++] = cms_toupper(*text);
	t[m] = 0;
	int p = find_pend(e, k);
	if (!m) {
		if (p >= 0)
			e->pend[p] = e->pend[--e->npend];
		return;
	}
	if (p < 0) {
		if (e->npend == XED_PENDING) {
			xed_msg(e, "DMSXED521E Too many prefix commands pending");
			return;
		}
		p = e->npend++;
		e->pend[p].line = identity(e, k);
	}
	memcpy(e->pend[p].text, t, m + 1);
}

const char *xed_prefix_of(const struct xed *e, int k)
{
	int p = find_pend(e, k);
	return p >= 0 ? e->pend[p].text : NULL;
}

/* One prefix text as an op: false when it is not a prefix command. */
static bool parse(const char *t, struct op *o)
{
	int n = -1;
	while (*t >= '0' && *t <= '9') {
		n = (n < 0 ? 0 : n) * 10 + (*t++ - '0');
		if (n > 1000000)
			return false;
	}
	static const struct {
		char c;
		int kind;
	} letters[] = {{'I', P_INSERT}, {'D', P_DELETE}, {'C', P_COPY},    {'M', P_MOVE},
	               {'"', P_DUP},    {'F', P_FOLLOW}, {'P', P_PRECEDE}, {'/', P_CURRENT}};
	o->kind = P_NONE;
	for (size_t k = 0; k < sizeof letters / sizeof letters[0]; k++)
		if (*t == letters[k].c)
			o->kind = letters[k].kind;
	if (o->kind == P_NONE)
		return false;
	o->block = t[1] == t[0] &&
	           (o->kind == P_DELETE || o->kind == P_COPY || o->kind == P_MOVE || o->kind == P_DUP);
	t += o->block ? 2 : 1;
	if (*t >= '0' && *t <= '9' && n < 0) {
		n = 0;
		while (*t >= '0' && *t <= '9') {
			n = n * 10 + (*t++ - '0');
			if (n > 1000000)
				return false;
		}
	}
	if (*t || (o->block && n >= 0) ||
	    (n >= 0 && (o->kind == P_FOLLOW || o->kind == P_PRECEDE || o->kind == P_CURRENT)))
		return false;
	o->n = n < 0 ? 1 : n;
	if ((o->kind == P_INSERT || o->kind == P_DUP) && o->n > 999)
		o->n = 999; /* (a screenful is what anyone means; a million would only take storage) */
	return true;
}

int xed_copy(struct xed *e, int first, int last, int after, bool move)
{
	if (first < 1 || last > e->n || first > last)
		return -1;
	if (move && after >= first && after < last) {
		xed_msg(e, "DMSXED522E A block cannot move into itself");
		return -1;
	}
	int count = last - first + 1;
	char **dup = cms_alloc((size_t)count * sizeof *dup);
	if (!dup) {
		xed_msg(e, "DMSXED132S Not enough storage");
		return -1;
	}
	int rc = 0;
	for (int k = 0; k < count && !rc; k++) {
		size_t l = strlen(e->line[first + k]);
		if (!(dup[k] = cms_alloc(l + 1)))
			rc = -1;
		else
			memcpy(dup[k], e->line[first + k], l + 1);
	}
	const char *cur_id = identity(e, e->cur);
	int done = 0;
	for (int k = 0; k < count && !rc; k++, done++)
		if (xed_insert_raw(e, after + k, dup[k], strlen(dup[k])) < 0)
			rc = -1;
	for (int k = 0; k < count; k++)
		cms_free(dup[k]);
	cms_free(dup);
	if (!rc && move) {
		int from = after < first ? first + count : first;
		bool was_cur = e->cur >= from && e->cur < from + count;
		xed_delete(e, from, count);
		if (was_cur) /* the current line moved: it stays current where it went */
			e->cur = after < first ? after + 1 : after + 1 - count;
		else if (cur_id && cur_id != XED_EOF_ID)
			e->cur = xed_find_line(e, cur_id);
	}
	if (rc)
		xed_msg(e, "DMSXED132S Not enough storage");
	return rc;
}

/* Remove the pending entries of the given slots (highest first). */
static void drop(struct xed *e, int a, int b)
{
	int hi = a > b ? a : b, lo = a > b ? b : a;
	if (hi >= 0)
		e->pend[hi] = e->pend[--e->npend];
	if (lo >= 0 && lo != hi)
		e->pend[lo] = e->pend[--e->npend];
}

/* All pending entries as ops, by line number; *bad set when one is not a
 * prefix command (told once: the first time, while *bad was false). */
static int collect(struct xed *e, struct op *ops, bool *bad)
{
	int n = 0;
	bool tell = !*bad;
	for (int p = 0; p < e->npend; p++) {
		struct op o;
		int at = xed_find_line(e, e->pend[p].line);
		if (at < 0 || !parse(e->pend[p].text, &o)) {
			if (at >= 0 && tell)
				xed_msg(e, "DMSXED523E Invalid prefix subcommand: %s", e->pend[p].text);
			*bad |= at >= 0;
			continue;
		}
		o.at = at;
		o.slot = p;
		int k = n++;
		while (k > 0 && ops[k - 1].at > at) { /* sorted by line */
			ops[k] = ops[k - 1];
			k--;
		}
		ops[k] = o;
	}
	return n;
}

/* The first op of a kind (and block or not), after index from; -1. */
static int next_of(const struct op *ops, int n, int from, int kind, bool block)
{
	for (int k = from; k < n; k++)
		if (ops[k].kind == kind && ops[k].block == block)
			return k;
	return -1;
}

/* Do one op that can be done; false when none can. */
static bool step(struct xed *e, struct op *ops, int n)
{
	for (int k = 0; k < n; k++) {
		struct op *o = &ops[k];
		bool line = o->at >= 1 && o->at <= e->n;
		switch (o->kind) {
		case P_CURRENT:
			e->cur = o->at;
			drop(e, o->slot, -1);
			return true;
		case P_INSERT: {
			if (o->at > e->n + 1)
				break;
			int after = o->at > e->n ? e->n : o->at;
			drop(e, o->slot, -1);
			for (int i = 0; i < o->n; i++)
				if (xed_insert_raw(e, after + i, "", 0) < 0)
					return false;
			e->focus = after + 1;
			return true;
		}
		case P_DELETE:
		case P_DUP:
			if (!line)
				break;
			if (!o->block) {
				drop(e, o->slot, -1);
				if (o->kind == P_DELETE)
					xed_delete(e, o->at, o->n);
				else
					for (int i = 0; i < o->n; i++)
						xed_copy(e, o->at, o->at, o->at, false);
				return true;
			}
			int m = next_of(ops, n, k + 1, o->kind, true);
			if (m < 0)
				break;
			int first = o->at, last = ops[m].at;
			drop(e, o->slot, ops[m].slot);
			if (last > e->n)
				last = e->n;
			if (o->kind == P_DELETE)
				xed_delete(e, first, last - first + 1);
			else
				xed_copy(e, first, last, last, false);
			return true;
		case P_COPY:
		case P_MOVE: {
			if (!line)
				break;
			int m = o->block ? next_of(ops, n, k + 1, o->kind, true) : k;
			if (m < 0)
				break;
			int d = next_of(ops, n, 0, P_FOLLOW, false);
			if (d < 0)
				d = next_of(ops, n, 0, P_PRECEDE, false);
			if (d < 0)
				break;
			int first = o->at, last = o->block ? ops[m].at : o->at + o->n - 1;
			if (last > e->n)
				last = e->n;
			int dest = ops[d].at;
			int after = ops[d].kind == P_FOLLOW ? (dest > e->n ? e->n : dest)
			                                    : (dest > e->n ? e->n : dest - 1);
			if (after < 0)
				after = 0;
			bool move = o->kind == P_MOVE;
			int s[3] = {o->slot, o->block ? ops[m].slot : -1, ops[d].slot};
			/* dropped first (highest slot first, so that the others keep
			 * their places): a move deletes its lines, and their entries */
			for (int a = 0; a < 3; a++)
				for (int b = a + 1; b < 3; b++)
					if (s[b] > s[a]) {
						int t = s[a];
						s[a] = s[b];
						s[b] = t;
					}
			for (int a = 0; a < 3; a++)
				if (s[a] >= 0)
					drop(e, s[a], -1);
			xed_copy(e, first, last, after, move);
			return true;
		}
		default:
			break;
		}
	}
	return false;
}

int xed_prefix_run(struct xed *e)
{
	struct op ops[XED_PENDING];
	int done = 0;
	bool bad = false;
	for (;;) {
		int n = collect(e, ops, &bad);
		if (!step(e, ops, n))
			break;
		done++;
	}
	return bad ? -1 : done;
}
