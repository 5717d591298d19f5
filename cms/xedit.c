/* xedit.c — the editor's buffer: lines, the current line, messages and
 * targets (xedit.h).  Each line is its own allocation, so that its address
 * names it while prefix commands move lines around (xedit_prefix.c). */
#include "xedit.h"

void xed_init(struct xed *e, const struct cms_fileid *id, char recfm, uint32_t lrecl)
{
	memset(e, 0, sizeof *e);
	if (id)
		e->id = *id;
	e->recfm = recfm;
	e->lrecl = lrecl;
	e->scale = true; /* (XEDIT's screen has it under the current line) */
}

void xed_free(struct xed *e)
{
	for (int k = 1; k <= e->n; k++)
		cms_free(e->line[k]);
	cms_free(e->line);
	e->line = NULL;
	e->n = e->cap = 0;
}

void xed_msg(struct xed *e, const char *fmt, ...)
{
	if (e->nmsg == XED_MSGS) { /* the oldest goes */
		memmove(e->msg[0], e->msg[1], (XED_MSGS - 1) * sizeof e->msg[0]);
		e->nmsg--;
	}
	va_list ap;
	va_start(ap, fmt);
	cms_vformat(e->msg[e->nmsg++], sizeof e->msg[0], fmt, ap);
	va_end(ap);
}

const char *xed_line(const struct xed *e, int k)
{
	return k >= 1 && k <= e->n ? e->line[k] : "";
}

int xed_find_line(const struct xed *e, const char *line)
{
	if (!line)
		return 0;
	if (line == XED_EOF_ID)
		return e->n + 1;
	for (int k = 1; k <= e->n; k++)
		if (e->line[k] == line)
			return k;
	return -1;
}

/* A copy of the text as a line: F files lose trailing blanks (they come
 * back as padding); the longest a record can be is kept. */
static char *make_line(struct xed *e, const char *text, size_t len, bool cooked)
{
	size_t max = e->recfm == 'F' && e->lrecl ? e->lrecl : XED_MAXLINE;
	if (len > max) {
		len = max;
		xed_msg(e, "DMSXED504W Line truncated at column %u", (unsigned)max);
	}
	if (e->recfm == 'F')
		while (len && text[len - 1] == ' ')
			len--;
	char *s = cms_alloc(len + 1);
	if (!s) {
		xed_msg(e, "DMSXED132S Not enough storage for the file");
		return NULL;
	}
	memcpy(s, text, len);
	s[len] = 0;
	for (size_t k = 0; k < len; k++) {
		if ((unsigned char)s[k] < ' ')
			s[k] = ' ';
		if (cooked && e->case_upper)
			s[k] = cms_toupper(s[k]);
	}
	return s;
}

static int put_line(struct xed *e, int after, char *s)
{
	if (e->n + 2 > e->cap) {
		int cap = e->cap ? e->cap * 2 : 64;
		char **l = cms_alloc((size_t)cap * sizeof *l);
		if (!l) {
			cms_free(s);
			xed_msg(e, "DMSXED132S Not enough storage for the file");
			return -1;
		}
		if (e->line)
			memcpy(l, e->line, (size_t)(e->n + 1) * sizeof *l);
		cms_free(e->line);
		e->line = l;
		e->cap = cap;
	}
	if (after < 0)
		after = 0;
	if (after > e->n)
		after = e->n;
	memmove(&e->line[after + 2], &e->line[after + 1], (size_t)(e->n - after) * sizeof *e->line);
	e->line[after + 1] = s;
	e->n++;
	if (e->cur > after)
		e->cur++;
	e->changed = true;
	return after + 1;
}

int xed_insert(struct xed *e, int after, const char *text, size_t len)
{
	char *s = make_line(e, text, len, true);
	return s ? put_line(e, after, s) : -1;
}

int xed_insert_raw(struct xed *e, int after, const char *text, size_t len)
{
	char *s = make_line(e, text, len, false);
	return s ? put_line(e, after, s) : -1;
}

void xed_delete(struct xed *e, int from, int count)
{
	if (from < 1)
		from = 1;
	if (from + count - 1 > e->n)
		count = e->n - from + 1;
	if (count <= 0)
		return;
	for (int k = from; k < from + count; k++) {
		for (int p = 0; p < e->npend;) /* its pending prefix commands go with it */
			if (e->pend[p].line == e->line[k])
				e->pend[p] = e->pend[--e->npend];
			else
				p++;
		cms_free(e->line[k]);
	}
	memmove(&e->line[from], &e->line[from + count], (size_t)(e->n - from - count + 1) * sizeof *e->line);
	e->n -= count;
	if (e->cur >= from + count)
		e->cur -= count;
	else if (e->cur >= from)
		e->cur = from; /* the line after the deleted ones */
	if (e->cur > e->n + 1)
		e->cur = e->n + 1;
	e->changed = true;
}

static int set_text(struct xed *e, int k, const char *text, size_t len, bool cooked)
{
	if (k < 1 || k > e->n)
		return -1;
	if (strlen(e->line[k]) == len && !memcmp(e->line[k], text, len) && !(cooked && e->case_upper))
		return 0; /* the same: not a change */
	char *s = make_line(e, text, len, cooked);
	if (!s)
		return -1;
	for (int p = 0; p < e->npend; p++)
		if (e->pend[p].line == e->line[k])
			e->pend[p].line = s;
	if (strcmp(s, e->line[k]))
		e->changed = true;
	cms_free(e->line[k]);
	e->line[k] = s;
	return 0;
}

int xed_replace(struct xed *e, int k, const char *text, size_t len)
{
	return set_text(e, k, text, len, true);
}

int xed_replace_raw(struct xed *e, int k, const char *text, size_t len)
{
	return set_text(e, k, text, len, false);
}

/* ---- targets ---- */

static int number(const char **p, int *out)
{
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return -1;
	int v = 0;
	while (*s >= '0' && *s <= '9') {
		if (v < 10000000)
			v = v * 10 + (*s - '0');
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

bool xed_same(const struct xed *e, const char *a, const char *b, size_t n)
{
	if (!e->case_ignore)
		return !memcmp(a, b, n);
	for (size_t k = 0; k < n; k++)
		if (cms_toupper(a[k]) != cms_toupper(b[k]))
			return false;
	return true;
}

static bool has_at(const struct xed *e, const char *line, const char *str, size_t n)
{
	size_t l = strlen(line);
	for (size_t k = 0; k + n <= l; k++)
		if (xed_same(e, line + k, str, n))
			return true;
	return false;
}

int xed_target(struct xed *e, const char **p, int *line)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	int v;
	bool back = false;
	if (*s == ':') {
		s++;
		if (number(&s, &v))
			return -1;
		*line = v > e->n ? e->n + 1 : v;
		*p = s;
		return 0;
	}
	if (*s == '*') {
		*line = e->n + 1;
		*p = s + 1;
		return 0;
	}
	if (*s == '-' || *s == '+') {
		back = *s == '-';
		s++;
		if (*s == '*') {
			*line = back ? 0 : e->n + 1;
			*p = s + 1;
			return 0;
		}
	}
	if (*s >= '0' && *s <= '9') {
		number(&s, &v);
		int t = back ? e->cur - v : e->cur + v;
		*line = t < 0 ? 0 : t > e->n + 1 ? e->n + 1 : t;
		*p = s;
		return 0;
	}
	if (*s != '/')
		return -1;
	/* /string/: the delimiter ends it, or the end of the line */
	const char *str = ++s;
	while (*s && *s != '/')
		s++;
	size_t len = (size_t)(s - str);
	if (*s == '/')
		s++;
	*p = s;
	if (len > XED_MSGLEN)
		len = XED_MSGLEN;
	memcpy(e->last_locate, str, len);
	e->last_locate[len] = 0;
	int step = back ? -1 : 1;
	for (int k = e->cur + step; k >= 1 && k <= e->n; k += step)
		if (has_at(e, e->line[k], str, len)) {
			*line = k;
			return 0;
		}
	if (e->wrap)
		for (int k = back ? e->n : 1; k != e->cur && k >= 1 && k <= e->n; k += step)
			if (has_at(e, e->line[k], str, len)) {
				*line = k;
				xed_msg(e, "DMSXED541I Wrapped: the search went on from the %s",
				        back ? "end" : "top");
				return 0;
			}
	xed_msg(e, "DMSXED546E Target not found");
	return 1;
}
