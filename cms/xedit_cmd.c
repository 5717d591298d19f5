/* xedit_cmd.c — the editor's commands, as XEDIT's (VM/SP System Product
 * Editor Command and Macro Reference; VM/370's EDIT has the same names for
 * most): typed on the command line of the full screen or at EDIT's prompt.
 * Each is a small function; one table finds them by name and shortest
 * abbreviation. */
#include "xedit.h"

enum { RC_TOF_EOF = 2, RC_NOTFOUND_X = 4, RC_BADOP = 5, RC_CHANGED = 12 };

static const char *skip(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* An optional count: none (def), a number, or '*' (all: big). */
static int count_of(const char **p, int def, int *out)
{
	const char *s = skip(*p);
	if (!*s) {
		*out = def;
		return 0;
	}
	if (*s == '*') {
		*out = 0x7FFFFFF;
		*p = s + 1;
		return 0;
	}
	int v = 0;
	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9') {
		if (v < 10000000)
			v = v * 10 + (*s - '0');
		s++;
	}
	*out = v;
	*p = s;
	return 0;
}

static int bad_operand(struct xed *e, const char *p)
{
	xed_msg(e, "DMSXED520E Invalid operand: %s", skip(p));
	return RC_BADOP;
}

static int extra(struct xed *e, const char *p)
{
	return *skip(p) ? bad_operand(e, p) : 0;
}

/* The current line moved to k (0..n+1), with XEDIT's notes at the ends. */
static int move_to(struct xed *e, int k)
{
	if (k <= 0) {
		e->cur = 0;
		return 0;
	}
	if (k > e->n) {
		e->cur = e->n + 1;
		return 0;
	}
	e->cur = k;
	return 0;
}

static int c_top(struct xed *e, const char *p)
{
	e->cur = 0;
	return extra(e, p);
}

static int c_bottom(struct xed *e, const char *p)
{
	e->cur = e->n;
	return extra(e, p);
}

static int c_up(struct xed *e, const char *p)
{
	int n;
	if (count_of(&p, 1, &n) || extra(e, p))
		return bad_operand(e, p);
	if (e->cur - n < 0) {
		e->cur = 0;
		xed_msg(e, "DMSXED585I Top of file reached");
		return RC_TOF_EOF;
	}
	return move_to(e, e->cur - n);
}

static int c_down(struct xed *e, const char *p)
{
	int n;
	if (count_of(&p, 1, &n) || extra(e, p))
		return bad_operand(e, p);
	if (e->cur + n > e->n) {
		e->cur = e->n + 1;
		xed_msg(e, "DMSXED586I End of file reached");
		return RC_TOF_EOF;
	}
	return move_to(e, e->cur + n);
}

static int c_forward(struct xed *e, const char *p)
{
	int n;
	if (count_of(&p, 1, &n) || extra(e, p))
		return bad_operand(e, p);
	int page = e->page > 0 ? e->page : 20;
	for (; n > 0; n--) /* at the end a page forward is the top (as XEDIT does) */
		e->cur = e->cur == e->n + 1 ? 0 : e->cur + page > e->n ? e->n + 1 : e->cur + page;
	return 0;
}

static int c_backward(struct xed *e, const char *p)
{
	int n;
	if (count_of(&p, 1, &n) || extra(e, p))
		return bad_operand(e, p);
	int page = e->page > 0 ? e->page : 20;
	for (; n > 0; n--) /* at the top a page back is the end */
		e->cur = e->cur == 0 ? e->n + 1 : e->cur - page < 0 ? 0 : e->cur - page;
	return 0;
}

static int c_locate(struct xed *e, const char *p)
{
	int k;
	const char *s = p;
	int rc = xed_target(e, &s, &k);
	if (rc < 0)
		return bad_operand(e, p);
	if (rc > 0)
		return 1;
	if (*skip(s)) /* LOCATE target command: XEDIT runs the command on the line found */
		return bad_operand(e, s);
	return move_to(e, k);
}

/* FIND text: the next line that starts with text, a blank in it matching
 * any character (XEDIT's FIND; VM/370's EDIT had it too). */
static int c_find(struct xed *e, const char *p)
{
	if (*p == ' ')
		p++;
	size_t n = strlen(p);
	for (int k = e->cur + 1; k <= e->n; k++) {
		const char *l = e->line[k];
		size_t i = 0;
		while (i < n && l[i] && (p[i] == ' ' || xed_same(e, &p[i], &l[i], 1)))
			i++;
		if (i == n) {
			e->cur = k;
			return 0;
		}
	}
	xed_msg(e, "DMSXED546E Target not found");
	return 1;
}

/* The lines a command's target spans, from the current line (at least
 * the current one): first and count; 1 when not found, 5 bad. */
static int span(struct xed *e, const char **p, int *first, int *count)
{
	*first = e->cur < 1 ? 1 : e->cur;
	const char *s = skip(*p);
	if (!*s) {
		*count = e->cur >= 1 && e->cur <= e->n ? 1 : 0;
		return 0;
	}
	int k;
	if (*s >= '0' && *s <= '9') { /* a plain count: that many lines */
		int v;
		count_of(&s, 1, &v);
		*count = v;
		*p = s;
		return 0;
	}
	int rc = xed_target(e, &s, &k);
	if (rc)
		return rc < 0 ? RC_BADOP : 1;
	*p = s;
	*count = k - *first;
	if (*count < 0) /* a target above: those lines, up to the current one */
		return RC_BADOP;
	return 0;
}

static int c_delete(struct xed *e, const char *p)
{
	int first, count;
	int rc = span(e, &p, &first, &count);
	if (rc == RC_BADOP || (!rc && *skip(p)))
		return bad_operand(e, p);
	if (rc)
		return rc;
	if (e->cur < 1 || e->cur > e->n) {
		xed_msg(e, "DMSXED586I %s", e->cur ? "End of file reached" : "Top of file reached");
		return RC_TOF_EOF;
	}
	if (first + count - 1 > e->n)
		count = e->n - first + 1;
	xed_delete(e, first, count);
	e->cur = first;
	return 0;
}

static int c_input(struct xed *e, const char *p)
{
	if (*p == ' ')
		p++;
	if (*p)
		return xed_input_line(e, p) < 0 ? RC_NOSTORE : 0;
	e->input = true;
	return 0;
}

int xed_input_line(struct xed *e, const char *text)
{
	int after = e->cur > e->n ? e->n : e->cur;
	int k = xed_insert(e, after, text, strlen(text));
	if (k < 0)
		return -1;
	e->cur = k;
	return 0;
}

static int c_replace(struct xed *e, const char *p)
{
	if (*p == ' ')
		p++;
	if (e->cur < 1 || e->cur > e->n) /* on TOF or EOF: a new line, as INPUT */
		return xed_input_line(e, p) < 0 ? RC_NOSTORE : 0;
	return xed_replace(e, e->cur, p, strlen(p)) < 0 ? RC_NOSTORE : 0;
}

/* ---- CHANGE /old/new/ [target] [n|*] [p] ---- */

/* The line k with up to n occurrences of old, from the p-th, changed to
 * new: the number changed (0: none). */
static int change_line(struct xed *e, int k, const char *old, size_t ol, const char *new, size_t nl, int n,
                       int p)
{
	const char *s = e->line[k];
	size_t len = strlen(s);
	/* the most it can grow: every position an occurrence */
	size_t cap = len + (ol ? (len / ol + 1) : 1) * nl + 1;
	char *out = cms_alloc(cap);
	if (!out)
		return -1;
	size_t o = 0, i = 0;
	int seen = 0, done = 0;
	if (!ol) { /* an empty old string: new goes in front */
		memcpy(out, new, nl);
		memcpy(out + nl, s, len);
		o = nl + len;
		done = 1;
	} else {
		while (i < len) {
			if (done < n && i + ol <= len && xed_same(e, s + i, old, ol)) {
				if (++seen >= p) {
					memcpy(out + o, new, nl);
					o += nl;
					i += ol;
					done++;
					continue;
				}
			}
			out[o++] = s[i++];
		}
	}
	if (done)
		xed_replace_raw(e, k, out, o);
	cms_free(out);
	return done;
}

int xed_change(struct xed *e, const char *args)
{
	const char *p = skip(args);
	char delim = *p;
	if (!delim || (delim >= 'A' && delim <= 'Z') || (delim >= 'a' && delim <= 'z') ||
	    (delim >= '0' && delim <= '9'))
		return bad_operand(e, args);
	const char *old = ++p;
	while (*p && *p != delim)
		p++;
	if (!*p)
		return bad_operand(e, args);
	size_t ol = (size_t)(p - old);
	const char *new = ++p;
	while (*p && *p != delim)
		p++;
	size_t nl = (size_t)(p - new);
	if (*p)
		p++;
	char up[XED_MSGLEN + 1]; /* CASE U: the new text is upper case too */
	if (e->case_upper && nl <= XED_MSGLEN) {
		for (size_t k = 0; k < nl; k++)
			up[k] = cms_toupper(new[k]);
		new = up;
	}
	int first, count, n, nth;
	int rc = span(e, &p, &first, &count);
	if (rc == RC_BADOP)
		return bad_operand(e, p);
	if (rc)
		return rc;
	if (count_of(&p, 1, &n) || count_of(&p, 1, &nth) || *skip(p))
		return bad_operand(e, p);
	if (e->cur > e->n ||
	    count <= 0) { /* (from the Top of File line a target reaches the lines after it) */
		xed_msg(e, "DMSXED586I %s", e->cur ? "End of file reached" : "Top of file reached");
		return RC_TOF_EOF;
	}
	int occ = 0, lines = 0, last = 0;
	for (int k = first; k < first + count && k <= e->n; k++) {
		int d = change_line(e, k, old, ol, new, nl, n, nth < 1 ? 1 : nth);
		if (d < 0) {
			xed_msg(e, "DMSXED132S Not enough storage");
			return RC_NOSTORE;
		}
		if (d) {
			occ += d;
			lines++;
			last = k;
		}
	}
	if (!occ) {
		char o[XED_MSGLEN + 1];
		size_t m = ol < 40 ? ol : 40;
		memcpy(o, old, m);
		o[m] = 0;
		xed_msg(e, "DMSXED520E No occurrence of '%s' found", o);
		return RC_NOTFOUND_X;
	}
	e->cur = last;
	if (count > 1)
		xed_msg(e, "DMSXED517I %d occurrence(s) changed on %d line(s)", occ, lines);
	return 0;
}

static int c_change(struct xed *e, const char *p)
{
	return xed_change(e, p);
}

/* ---- COPY and MOVE target1 target2: the lines from the current one
 * through target1, after the line target2 names ---- */

static int copy_move(struct xed *e, const char *p, bool move)
{
	int first, count, dest;
	int rc = span(e, &p, &first, &count);
	if (rc)
		return rc == RC_BADOP ? bad_operand(e, p) : rc;
	const char *s = p;
	rc = xed_target(e, &s, &dest);
	if (rc)
		return rc < 0 ? bad_operand(e, p) : rc;
	if (*skip(s))
		return bad_operand(e, s);
	if (count <= 0 || e->cur < 1 || e->cur > e->n)
		return RC_TOF_EOF;
	if (first + count - 1 > e->n)
		count = e->n - first + 1;
	return xed_copy(e, first, first + count - 1, dest > e->n ? e->n : dest, move) < 0 ? RC_BADOP : 0;
}

static int c_copy(struct xed *e, const char *p)
{
	return copy_move(e, p, false);
}

static int c_move(struct xed *e, const char *p)
{
	return copy_move(e, p, true);
}

/* ---- the file ---- */

int xed_save(struct xed *e, const char *args)
{
	char buf[XED_MSGLEN + 1];
	size_t l = strlen(args);
	if (l > XED_MSGLEN)
		return bad_operand(e, args);
	memcpy(buf, args, l + 1);
	char *w[4];
	int nw = cms_words(buf, w, 4);
	if (nw > 3)
		return bad_operand(e, args);
	const char *part[3] = {e->id.fn, e->id.ft, e->id.fm}; /* what is not given, or given as =, stays */
	for (int k = 0; k < nw; k++)
		if (strcmp(w[k], "="))
			part[k] = w[k];
	struct cms_fileid id;
	if (fs_fileid(&id, part[0], part[1], part[2])) {
		xed_msg(e, "DMSXED048E Invalid file identifier: %s", skip(args));
		return RC_BADNAME;
	}
	if (!id.fm[0] || id.fm[0] == '*') /* (written where the file is) */
		memcpy(id.fm, e->id.fm, sizeof id.fm);
	int rc = xed_write(e, &id);
	if (rc)
		return rc;
	if (nw) { /* the file is that one now */
		e->id = id;
		if (!e->id.fm[1] && e->id.fm[0] != '*')
			e->id.fm[1] =
			    '1'; /* (a mode without its digit gets 1, as the file system gives it) */
		e->newfile = false;
	}
	return 0;
}

static int c_save(struct xed *e, const char *p)
{
	return xed_save(e, p);
}

static int c_file(struct xed *e, const char *p)
{
	int rc = xed_save(e, p);
	if (!rc)
		e->done = true;
	return rc;
}

static int c_quit(struct xed *e, const char *p)
{
	if (*skip(p))
		return bad_operand(e, p);
	if (e->changed) {
		xed_msg(e, "DMSXED577E File has been changed; type QQUIT to quit anyway");
		return RC_CHANGED;
	}
	e->done = true;
	return 0;
}

/* XEDIT fn ft [fm]: edit that file too (the ring: the session, xedit_scr.c,
 * switches to it; the file already in the ring is shown again). */
static int c_xedit(struct xed *e, const char *p)
{
	char buf[XED_MSGLEN + 1], *w[4];
	size_t l = strlen(p);
	if (l > XED_MSGLEN)
		l = XED_MSGLEN;
	memcpy(buf, p, l);
	buf[l] = 0;
	cms_upper(buf);
	int n = cms_words(buf, w, 4);
	if (n < 2) {
		xed_msg(e, "DMSXED054E Incomplete fileid specified: XEDIT fn ft fm (fm may be left out)");
		return RC_BADOPT;
	}
	if (n > 3 || fs_fileid(&e->other, w[0], w[1], n > 2 ? w[2] : "*")) {
		xed_msg(e, "DMSXED048E Invalid fileid: %s", skip(p));
		return RC_BADNAME;
	}
	e->want_other = true;
	return 0;
}

static int c_qquit(struct xed *e, const char *p)
{
	if (*skip(p))
		return bad_operand(e, p);
	e->done = true;
	return 0;
}

static int c_get(struct xed *e, const char *p)
{
	return xed_get(e, p);
}

/* ---- settings ---- */

/* CASE Upper|Mixed [Respect|Ignore]: how lines typed are kept, and whether
 * searches care about case. */
static int set_case(struct xed *e, const char *p)
{
	char w[2][12] = {"", ""};
	p = skip(p);
	for (int k = 0; k < 2 && *p; k++) {
		size_t n = 0;
		while (p[n] && p[n] != ' ' && n < sizeof w[k] - 1) {
			w[k][n] = p[n];
			n++;
		}
		w[k][n] = 0;
		p = skip(p + n);
	}
	bool upper = cms_abbrev(w[0], "UPPERCASE", 1), mixed = cms_abbrev(w[0], "MIXED", 1);
	bool respect = !w[1][0] || cms_abbrev(w[1], "RESPECT", 1),
	     ignore = w[1][0] && cms_abbrev(w[1], "IGNORE", 1);
	if (!w[0][0] || *p || !(upper || mixed) || !(respect || ignore))
		return bad_operand(e, w[0][0] ? (upper || mixed) ? w[1] : w[0] : p);
	e->case_upper = upper;
	e->case_ignore = ignore;
	return 0;
}

static int c_case(struct xed *e, const char *p)
{
	return set_case(e, p);
}

static int c_set(struct xed *e, const char *p)
{
	p = skip(p);
	char what[12];
	size_t k = 0;
	while (p[k] && p[k] != ' ' && k < sizeof what - 1) {
		what[k] = p[k];
		k++;
	}
	what[k] = 0;
	const char *rest = skip(p + k);
	if (cms_abbrev(what, "CASE", 2))
		return set_case(e, rest);
	if (cms_abbrev(what, "NUMBER", 3) || cms_abbrev(what, "SCALE", 3)) {
		if (cms_abbrev(rest, "ON", 2) || cms_abbrev(rest, "OFF", 2)) {
			*(cms_toupper(what[0]) == 'N' ? &e->number : &e->scale) = cms_toupper(rest[1]) == 'N';
			return 0;
		}
		return bad_operand(e, rest);
	}
	if (cms_abbrev(what, "WRAP", 2)) {
		if (cms_abbrev(rest, "ON", 2) || cms_abbrev(rest, "OFF", 2)) {
			e->wrap = cms_toupper(rest[1]) == 'N';
			return 0;
		}
		return bad_operand(e, rest);
	}
	xed_msg(e, "DMSXED520E Invalid operand: %s", p);
	return RC_BADOP;
}

static int c_left(struct xed *e, const char *p)
{
	int n;
	if (count_of(&p, 1, &n) || extra(e, p))
		return bad_operand(e, p);
	e->shift = e->shift > n ? e->shift - n : 0;
	return 0;
}

static int c_right(struct xed *e, const char *p)
{
	int n;
	if (count_of(&p, 1, &n) || extra(e, p))
		return bad_operand(e, p);
	e->shift = e->shift + n > XED_MAXLINE ? XED_MAXLINE : e->shift + n;
	return 0;
}

static int c_cms(struct xed *e, const char *p)
{
	(void)e;
	p = skip(p);
	return *p ? cms_command(p) : 0;
}

static int c_cp(struct xed *e, const char *p)
{
	(void)e;
	return cms_cp(skip(p), NULL, 0);
}

/* HELP: the help file of the editor in use (HELP XEDIT or HELP EDIT); on
 * the full screen its lines come on CP's screen, and Enter brings the file
 * back. */
static int c_help(struct xed *e, const char *p)
{
	if (*skip(p))
		return bad_operand(e, p);
	return cms_command(e->fullscreen ? "HELP XEDIT" : "HELP EDIT");
}

static const struct xcmd {
	const char *name;
	int min;
	int (*fn)(struct xed *e, const char *p);
} cmds[] = {
    {"BACKWARD", 2, c_backward},
    {"BOTTOM", 1, c_bottom},
    {"CASE", 4, c_case},
    {"CHANGE", 1, c_change},
    {"CMS", 3, c_cms},
    {"COPY", 3, c_copy},
    {"CP", 2, c_cp},
    {"DELETE", 3, c_delete},
    {"DOWN", 1, c_down},
    {"FILE", 4, c_file},
    {"FIND", 2, c_find},
    {"FORWARD", 2, c_forward},
    {"GET", 3, c_get},
    {"HELP", 4, c_help},
    {"INPUT", 1, c_input},
    {"INSERT", 3, c_input},
    {"LEFT", 2, c_left},
    {"LOCATE", 1, c_locate},
    {"MOVE", 4, c_move},
    {"NEXT", 1, c_down},
    {"QQUIT", 2, c_qquit},
    {"QUIT", 4, c_quit},
    {"REPLACE", 1, c_replace},
    {"RIGHT", 2, c_right},
    {"SAVE", 4, c_save},
    {"SET", 3, c_set},
    {"TOP", 3, c_top},
    {"UP", 1, c_up},
    {"XEDIT", 1, c_xedit},
};

int xed_command(struct xed *e, const char *line)
{
	const char *p = skip(line);
	if (!*p)
		return 0;
	if (*p == '=' && !*skip(p + 1)) { /* = : the last command again */
		if (!e->last_cmd[0])
			return 0;
		char again[XED_MSGLEN + 1];
		memcpy(again, e->last_cmd, sizeof again);
		return xed_command(e, again);
	}
	size_t l = strlen(p);
	if (l <= XED_MSGLEN)
		memcpy(e->last_cmd, p, l + 1);
	/* a target alone: LOCATE it */
	if (*p == '/' || *p == ':' || *p == '+' || *p == '-' || (*p >= '0' && *p <= '9'))
		return c_locate(e, p);
	char name[12];
	size_t k = 0;
	while (((p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= 'a' && p[k] <= 'z')) && k < sizeof name - 1) {
		name[k] = p[k];
		k++;
	}
	name[k] = 0;
	if (!k || (p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= 'a' && p[k] <= 'z')) {
		xed_msg(e, "DMSXED001E Unknown subcommand: %s", p);
		return -1;
	}
	for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++)
		if (cms_abbrev(name, cmds[c].name, cmds[c].min))
			return cmds[c].fn(e, p + k);
	xed_msg(e, "DMSXED001E Unknown subcommand: %s", name);
	return -1;
}
