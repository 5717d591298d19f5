/* edit.c — the line-mode editor, for a typewriter console (a 3215, or a
 * line-mode terminal): VM/370's EDIT as the CMS User's Guide shows it.
 * The subcommands are the editor's core (xedit_cmd.c) plus TYPE/PRINT;
 * each that moves the current line types it (VERIFY ON): "TOF:" and "EOF:"
 * for the lines around the file.  A null line switches to input mode
 * ("INPUT:"), where every line typed goes after the current line until a
 * null line switches back ("EDIT:").  XEDIT uses this loop too when the
 * console is not a display.
 */
#include "xedit.h"

enum { LINE_MAX = 256 };

static void flush_msgs(struct xed *e)
{
	for (int m = 0; m < e->nmsg; m++)
		cms_puts(e->msg[m]);
	e->nmsg = 0;
}

static void type_line(const struct xed *e, int k)
{
	if (k <= 0)
		cms_puts("TOF:");
	else if (k > e->n)
		cms_puts("EOF:");
	else
		cms_puts(e->line[k]);
}

/* TYPE [n|*]: n lines from the current one (1: the current line); the last
 * one typed becomes current. */
static void c_type(struct xed *e, const char *p)
{
	while (*p == ' ')
		p++;
	int n = 1;
	if (*p == '*') {
		n = e->n + 2;
	} else if (*p >= '0' && *p <= '9') {
		n = 0;
		while (*p >= '0' && *p <= '9' && n < 1000000)
			n = n * 10 + (*p++ - '0');
	} else if (*p) {
		cms_msg("DMSEDI520E", "Invalid operand: %s", p);
		return;
	}
	int k = e->cur;
	for (int i = 0; i < n && k <= e->n + 1; i++, k++) {
		if (cms_hx_pending)
			break;
		type_line(e, k);
		e->cur = k;
	}
}

/* Whether a subcommand moves the current line (its line is typed then). */
static bool moves(const char *w)
{
	static const char *const names[][2] = {
	    {"TOP", "TOP"},  {"BOTTOM", "B"}, {"UP", "U"},      {"DOWN", "D"},  {"NEXT", "N"},
	    {"LOCATE", "L"}, {"CHANGE", "C"}, {"REPLACE", "R"}, {"GET", "GET"}, {"FIND", "FI"}};
	if (*w == '/' || *w == ':' || *w == '+' || *w == '-' || (*w >= '0' && *w <= '9'))
		return true;
	char name[12];
	int n = 0;
	while (((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z')) && n < 11)
		name[n++] = *w++;
	name[n] = 0;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (cms_abbrev(name, names[k][0], (int)strlen(names[k][1])))
			return true;
	return false;
}

int edit_session(struct xed *e)
{
	char *line = cms_alloc(LINE_MAX);
	if (!line)
		return RC_NOSTORE;
	flush_msgs(e);
	cms_puts(e->input ? "INPUT:" : "EDIT:");
	while (!e->done && !e->want_other) {
		cms_read_line(line, LINE_MAX);
		if (e->input) {
			if (!line[0]) {
				e->input = false;
				cms_puts("EDIT:");
			} else {
				xed_input_line(e, line);
				flush_msgs(e);
			}
			continue;
		}
		const char *p = line;
		while (*p == ' ')
			p++;
		if (!*p) { /* a null line: input mode */
			e->input = true;
			cms_puts("INPUT:");
			continue;
		}
		char w[12];
		int n = 0;
		while (p[n] && p[n] != ' ' && n < 11) {
			w[n] = p[n];
			n++;
		}
		w[n] = 0;
		if (cms_abbrev(w, "TYPE", 1) || cms_abbrev(w, "PRINT", 1)) {
			c_type(e, p + n);
			continue;
		}
		int cur = e->cur;
		int rc = xed_command(e, p);
		flush_msgs(e);
		if (e->input) {
			cms_puts("INPUT:");
			continue;
		}
		if (!e->done && (rc == 0 || rc == 2) && moves(p) && (e->cur != cur || rc == 0))
			type_line(e, e->cur);
	}
	cms_free(line);
	return 0;
}

/* EDIT fn ft [fm]: the line-mode editor, whatever the console. */
int cms_cmd_edit(struct cms_args *a)
{
	int rc;
	struct xed *e = xed_start(a, "EDIT", "DMSEDI132S", &rc);
	if (!e)
		return rc;
	edit_session(e);
	xed_free(e);
	cms_free(e);
	return 0;
}
