/* xedit_scr.c — XEDIT's full screen (scr.h) over the editor's core
 * (xedit.h), and the XEDIT command.
 *
 * The screen, as XEDIT lays it out on a 24-line display (more lines on a
 * model 3 or 4: the file area grows):
 *
 *   row 0       PROFILE  EXEC     A1  V 255  Trunc=255 Size=12 Line=0 Col=1
 *   rows 1-2    messages
 *   rows 3..    the file area: a 5-column prefix area (=====) and a line of
 *               the file on each row; the current line in the middle,
 *               intensified, the scale under it (SET SCALE); "* * * Top of
 *               File * * *" and "* * * End of File * * *" around the file
 *   row R-2     ====>  the command line (the cursor is there)
 *   row R-1     the status area: X E D I T  1 File
 *
 * Each row of the file area is two unprotected fields: the prefix area
 * (attribute at column 0) and the text (attribute at column 6, text from
 * column 7).  Enter sends the fields the user changed (Read Modified):
 * typing over a line's text changes the line, typing in a prefix area gives
 * a prefix command, the command line a command.  In input mode the rows
 * below the current line are empty fields: what is typed there becomes new
 * lines after the current line; an Enter with nothing typed ends it.
 */
#include "scr.h"
#include "xedit.h"

enum { DS_MAX = 4096, FIRST_ROW = 3, TEXT_COL = 7, MAX_ROWS = 64 };

struct xscr {
	struct scr s;
	struct scr_input in;
	uint8_t ds[DS_MAX];
	int rows, cols, bottom, cur_row, width;
	int line_of[MAX_ROWS]; /* the line a file-area row shows (0..n+1), -1 none, -2 an input row, -3 the
	                          scale */
	char recall[XED_MSGLEN + 1];
};

static void layout(struct xscr *x, struct xed *e)
{
	x->rows = x->s.rows > MAX_ROWS ? MAX_ROWS : x->s.rows;
	x->cols = x->s.cols;
	x->bottom = x->rows - 3; /* the last row of the file area */
	x->cur_row = FIRST_ROW + (x->bottom - FIRST_ROW) / 2;
	x->width = x->cols - TEXT_COL;
	int scale = e->scale ? 1 : 0; /* (the scale's row, under the current line) */
	/* a page forward: the line at the bottom comes to the top */
	e->page = x->bottom - FIRST_ROW - scale;
	for (int r = 0; r < MAX_ROWS; r++)
		x->line_of[r] = -1;
	for (int r = FIRST_ROW; r <= x->bottom; r++) {
		int k = e->cur + (r - x->cur_row) - (r > x->cur_row ? scale : 0);
		if (scale && r == x->cur_row + 1)
			x->line_of[r] = -3;
		else if (e->input && r > x->cur_row)
			x->line_of[r] = -2;
		else if (k >= 0 && k <= e->n + 1)
			x->line_of[r] = k;
	}
}

/* The scale: a mark every 5 columns, the tens' digit every 10, and | at
 * the first column shown (XEDIT's column pointer, Col=). */
static void scale_row(struct scr_ds *d, int row, int from, int width)
{
	char t[140];
	int n = width < (int)sizeof t - 1 ? width : (int)sizeof t - 1;
	for (int i = 0; i < n; i++) {
		int c = from + i; /* the column, from 1 */
		t[i] = i == 0 ? '|' : c % 10 == 0 ? (char)('0' + c / 10 % 10) : c % 5 == 0 ? '+' : '.';
	}
	t[n] = 0;
	scr_field(d, row, 0, SCR_PROT, NULL);
	scr_field(d, row, TEXT_COL - 1, SCR_PROT, t);
}

static uint32_t build(struct xscr *x, struct xed *e)
{
	struct scr_ds d;
	char t[160];
	layout(x, e);
	scr_ds_init(&d, x->ds, DS_MAX, (uint16_t)x->rows, (uint16_t)x->cols);
	scr_byte(&d, SCR_WCC);
	cms_format(t, sizeof t, "%-8s %-8s %-2s  %c %u  Trunc=%u Size=%d Line=%d Col=%d Alt=%d", e->id.fn,
	           e->id.ft, e->id.fm, e->recfm, (unsigned)e->lrecl, (unsigned)e->lrecl, e->n, e->cur,
	           e->shift + 1, e->changed ? 1 : 0);
	scr_field(&d, 0, 0, SCR_PROT | SCR_HIGH, t);
	for (int m = 0; m < 2; m++) { /* (a message stops short of the next row's attribute) */
		scr_field(&d, 1 + m, 0, SCR_PROT | SCR_HIGH, NULL);
		if (m < e->nmsg)
			scr_textn(&d, e->msg[m], (size_t)x->cols - 1);
	}
	int cursor_row = -1;
	for (int r = FIRST_ROW; r <= x->bottom; r++) {
		int k = x->line_of[r];
		if (k == -3) {
			scale_row(&d, r, e->shift + 1, x->width);
			continue;
		}
		if (k == -1) { /* beyond the file: an empty protected row */
			scr_field(&d, r, 0, SCR_PROT, NULL);
			continue;
		}
		if (k == -2) { /* input mode: an empty field to type a line in */
			scr_field(&d, r, 0, SCR_PROT, NULL);
			scr_field(&d, r, TEXT_COL - 1, 0, NULL);
			if (cursor_row < 0) {
				scr_ic(&d);
				cursor_row = r;
			}
			continue;
		}
		const char *p = xed_prefix_of(e, k);
		char pfx[6];
		if (p)
			cms_format(pfx, sizeof pfx, "%-5s", p);
		else if (e->number && k >= 1 && k <= e->n && k < 100000)
			cms_format(pfx, sizeof pfx, "%05d", k); /* SET NUMBER ON */
		else
			cms_format(pfx, sizeof pfx, "=====");
		scr_field(&d, r, 0, e->input ? SCR_PROT : 0, pfx);
		uint8_t hi = k == e->cur ? SCR_HIGH : 0;
		if (k == 0 || k == e->n + 1) {
			scr_field(&d, r, TEXT_COL - 1, SCR_PROT | hi,
			          k ? "* * * End of File * * *" : "* * * Top of File * * *");
			continue;
		}
		scr_field(&d, r, TEXT_COL - 1, hi, NULL);
		const char *s = e->line[k];
		size_t len = strlen(s);
		if ((size_t)e->shift < len)
			scr_textn(&d, s + e->shift, (size_t)x->width);
		if (e->focus == k && cursor_row < 0) {
			scr_sba(&d, r, TEXT_COL);
			scr_ic(&d);
			cursor_row = r;
		}
	}
	e->focus = 0;
	scr_field(&d, x->rows - 2, 0, SCR_PROT | SCR_HIGH, "====>");
	/* a command recalled (PF12) is sent again by Enter: its field modified */
	scr_field(&d, x->rows - 2, TEXT_COL - 1, x->recall[0] ? SCR_MDT : 0, x->recall);
	x->recall[0] = 0;
	if (cursor_row < 0)
		scr_ic(&d);
	scr_field(&d, x->rows - 1, 0, SCR_PROT, NULL); /* (the command line ends at its row's end) */
	char status[32];
	int files = e->ring_files > 1 ? e->ring_files : 1;
	cms_format(status, sizeof status, "%s%d File%s", e->input ? "Input-mode " : "X E D I T  ", files,
	           files == 1 ? "" : "s");
	scr_field(&d, x->rows - 1, x->cols - 2 - (int)strlen(status), SCR_PROT | SCR_HIGH, status);
	return d.overflow ? 0 : d.n;
}

/* A line's text after the user typed over its window: the part before the
 * window (columns 1..shift) and after it stay. */
static void apply_text(struct xscr *x, struct xed *e, int k, const char *typed)
{
	const char *old = e->line[k];
	size_t ol = strlen(old), tl = strlen(typed), sh = (size_t)e->shift, w = (size_t)x->width;
	size_t keep_after = ol > sh + w ? ol - sh - w : 0;
	size_t n = sh + (keep_after ? w : tl) + keep_after;
	char *buf = cms_alloc(n + 1);
	if (!buf) {
		xed_msg(e, "DMSXED132S Not enough storage");
		return;
	}
	memset(buf, ' ', n);
	memcpy(buf, old, ol < sh ? ol : sh);
	memcpy(buf + sh, typed, tl > w ? w : tl);
	if (keep_after)
		memcpy(buf + sh + w, old + sh + w, keep_after);
	if (!keep_after) /* trailing blanks the field had are not part of the line */
		while (n > sh && buf[n - 1] == ' ')
			n--;
	xed_replace(e, k, buf, n);
	cms_free(buf);
}

/* What the user sent: the lines typed over, prefix commands, input lines,
 * the command line, the key. */
static void handle(struct xscr *x, struct xed *e)
{
	struct scr_input *in = &x->in;
	uint16_t cols = (uint16_t)x->cols;
	const char *cmd = NULL;
	int pf = scr_pfkey(in->aid);
	if (in->aid == SCR_CLEAR || in->aid == SCR_PA2)
		return; /* the screen again, as it was */
	int input_last = -1;
	for (int f = 0; f < in->nf; f++) {
		int r = in->f[f].addr / cols, c = in->f[f].addr % cols;
		if (r == x->rows - 2 && c == TEXT_COL)
			cmd = in->f[f].text;
		if (r < FIRST_ROW || r > x->bottom || c != TEXT_COL)
			continue;
		if (x->line_of[r] == -2 && r > input_last)
			input_last = r;
		else if (x->line_of[r] >= 1 && x->line_of[r] <= e->n)
			apply_text(x, e, x->line_of[r], in->f[f].text); /* (the lines keep their numbers) */
	}
	/* The rows' lines by identity, before prefix commands and input lines
	 * renumber them (PF2 wants the cursor's line afterwards). */
	const char *ids[MAX_ROWS];
	for (int r = 0; r < MAX_ROWS; r++)
		ids[r] = x->line_of[r] >= 1 && x->line_of[r] <= e->n ? e->line[x->line_of[r]] : NULL;
	for (int f = 0; f < in->nf; f++) { /* prefix areas, on the lines as they were drawn */
		int r = in->f[f].addr / cols, c = in->f[f].addr % cols;
		if (r < FIRST_ROW || r > x->bottom || c != 1 || x->line_of[r] < 0)
			continue;
		int k = x->line_of[r];
		char t[8], shown[8] = "";
		cms_format(t, sizeof t, "%s", in->f[f].text);
		if (e->number && k >= 1 && k <= e->n && !xed_prefix_of(e, k))
			cms_format(shown, sizeof shown, "%05d", k);
		for (int i = 0; t[i] && shown[i];
		     i++) /* the digits of the number left as they were are not typed */
			if (t[i] == shown[i])
				t[i] = ' ';
		xed_prefix_set(e, k, t);
	}
	if (e->input) {
		if (input_last < 0 && !(cmd && *cmd)) {
			e->input = false; /* an Enter with nothing typed ends input mode */
		} else {
			for (int r = x->cur_row + 1; r <= input_last; r++) {
				if (x->line_of[r] != -2)
					continue; /* (the scale) */
				const struct scr_field *fl = scr_find(in, cols, r, TEXT_COL);
				if (xed_input_line(e, fl ? fl->text : "") < 0)
					break;
			}
		}
		if (pf == 3)
			e->input = false;
	}
	if (e->npend)
		xed_prefix_run(e);
	if (cmd && *cmd)
		xed_command(e, cmd);
	switch (pf) {
	case 1:
		xed_command(e, "HELP");
		break;
	case 2: { /* a new empty line after the cursor's line (XEDIT's SOS LINEADD) */
		int r = in->cursor / cols, after = e->cur > e->n ? e->n : e->cur;
		if (r >= FIRST_ROW && r <= x->bottom && x->line_of[r] >= 0)
			after = ids[r] ? xed_find_line(e, ids[r]) : x->line_of[r] == 0 ? 0 : e->n;
		int k = !e->input && after >= 0 ? xed_insert_raw(e, after, "", 0) : -1;
		if (k > 0)
			e->focus = k;
		break;
	}
	case 3:
		if (!e->input)
			xed_command(e, "QUIT");
		break;
	case 7:
		xed_command(e, "BACKWARD");
		break;
	case 8:
		xed_command(e, "FORWARD");
		break;
	case 9:
		xed_command(e, "=");
		break;
	case 12: /* the last command back on the command line */
		memcpy(x->recall, e->last_cmd, sizeof x->recall);
		break;
	default:
		break;
	}
}

/* Lines in the program stack are XEDIT's before the user's (as VM/SP's
 * XEDIT takes them): an EXEC can QUEUE subcommands (INPUT lines, FILE) and
 * call XEDIT.  In input mode a stacked line is a line of input; a null
 * line ends input mode. */
static void stacked(struct xed *e)
{
	char line[XED_MSGLEN * 2];
	while (!e->done && cms_stack_count() > 0) {
		cms_read_line(line, sizeof line);
		if (!e->input)
			xed_command(e, line);
		else if (!line[0])
			e->input = false;
		else
			xed_input_line(e, line);
	}
}

int xedit_session(struct xed *e)
{
	stacked(e);
	if (e->done || e->want_other)
		return SCR_OK;
	struct xscr *x = cms_alloc(sizeof *x);
	if (!x)
		return SCR_ERROR;
	if (scr_open(&x->s) != SCR_OK) {
		cms_free(x);
		return SCR_ERROR;
	}
	e->fullscreen = true;
	int rc = SCR_OK;
	while (!e->done && !e->want_other) {
		stacked(e); /* (a CMS command run from the command line may have stacked some) */
		if (e->done || e->want_other)
			break;
		uint32_t n = build(x, e);
		if (!n) {
			rc = SCR_ERROR;
			break;
		}
		rc = scr_show(&x->s, x->ds, n);
		if (rc == SCR_REDRAW)
			continue;
		if (rc != SCR_OK)
			break;
		e->nmsg = 0; /* shown */
		rc = scr_get(&x->s, &x->in);
		if (rc == SCR_REDRAW)
			continue;
		if (rc != SCR_OK)
			break;
		handle(x, e);
	}
	scr_close(&x->s);
	cms_free(x);
	e->fullscreen = false;
	return e->done || e->want_other ? SCR_OK : SCR_ERROR;
}

/* "fn ft [fm]" from a command's words w[1..]; a DMSxxx message and the RC. */
static int args_fileid(struct cms_args *a, const char *who, struct cms_fileid *id)
{
	int n = 0; /* the words before the options, if any: "(" starts them */
	while (n < a->n && a->w[n][0] != '(')
		n++;
	if (n < a->n) { /* none is offered yet */
		const char *o = a->w[n][1] ? a->w[n] + 1 : n + 1 < a->n ? a->w[n + 1] : "";
		if (*o) {
			cms_msg("DMSXED003E", "Invalid option: %s", o);
			return RC_BADOPT;
		}
	}
	if (n < 3) {
		cms_msg("DMSXED054E", "Incomplete fileid specified: %s fn ft fm (fm may be left out)", who);
		return RC_BADOPT;
	}
	if (n > 4) {
		cms_msg("DMSXED003E", "Invalid option: %s", a->w[4]);
		return RC_BADOPT;
	}
	if (fs_fileid(id, a->w[1], a->w[2], n > 3 ? a->w[3] : "*")) {
		cms_msg("DMSXED048E", "Invalid fileid: %s %s %s", a->w[1], a->w[2], n > 3 ? a->w[3] : "");
		return RC_BADNAME;
	}
	return 0;
}

/* An editor (cms_alloc'ed) on the file id, empty when the file does not
 * exist; NULL, *rc and its messages -- to the editor tell, or the console
 * when tell is NULL -- when it cannot be. */
static struct xed *editor(const struct cms_fileid *id, struct xed *tell, const char *nostore, int *rc)
{
	struct xed *e = cms_alloc(sizeof *e);
	if (!e) {
		if (tell)
			xed_msg(tell, "%s Not enough storage to edit the file", nostore);
		else
			cms_msg(nostore, "Not enough storage to edit the file");
		*rc = RC_NOSTORE;
		return NULL;
	}
	xed_init(e, NULL, 'F', 80);
	if ((*rc = xed_load(e, id)) != 0) { /* its messages say why */
		for (int m = 0; m < e->nmsg; m++) {
			if (tell)
				xed_msg(tell, "%s", e->msg[m]);
			else
				cms_puts(e->msg[m]);
		}
		xed_free(e);
		cms_free(e);
		return NULL;
	}
	return e;
}

struct xed *xed_start(struct cms_args *a, const char *who, const char *nostore, int *rc)
{
	struct cms_fileid id;
	if ((*rc = args_fileid(a, who, &id)) != 0)
		return NULL;
	return editor(&id, NULL, nostore, rc);
}

/* XEDIT fn ft [fm] (and X): the full screen on a display, the line-mode
 * editor on a typewriter console.
 *
 * The ring: XEDIT fn ft [fm] typed while editing adds that file (or shows
 * it again, if it is in the ring already); QUIT or FILE ends one file and
 * the next in the ring comes; the command ends with the last. */
enum { RING_MAX = 8 };

static bool same_file(const struct xed *e, const struct cms_fileid *id)
{
	return !strcmp(e->id.fn, id->fn) && !strcmp(e->id.ft, id->ft) &&
	       (id->fm[0] == '*' || !id->fm[0] || id->fm[0] == e->id.fm[0]);
}

/* The file e asked for: its place in the ring (added when new), or cur. */
static int other(struct xed **ring, int *n, int cur)
{
	struct xed *e = ring[cur];
	for (int k = 0; k < *n; k++)
		if (same_file(ring[k], &e->other))
			return k;
	if (*n == RING_MAX) {
		xed_msg(e, "DMSXED136E %d files are edited already: FILE or QUIT one first", RING_MAX);
		return cur;
	}
	int rc;
	struct xed *f = editor(&e->other, e, "DMSXED132S", &rc); /* (its messages on the file before) */
	if (!f)
		return cur;
	ring[(*n)++] = f;
	return *n - 1;
}

int cms_cmd_xedit(struct cms_args *a)
{
	int rc;
	struct xed *ring[RING_MAX];
	int n = 0, cur = 0;
	if (!(ring[n++] = xed_start(a, "XEDIT", "DMSXED132S", &rc)))
		return rc;
	bool full = cms_fullscreen(), outer_open = false;
	struct scr outer; /* once there are two files: one full screen for the ring (no flicker to CP's) */
	while (n) {
		struct xed *e = ring[cur];
		e->ring_files = n;
		e->want_other = false;
		if (!full || xedit_session(e) != SCR_OK) {
			if (outer_open)
				scr_close(&outer);
			full = outer_open = false;
			edit_session(e); /* no display (or it went): the same file, line by line */
		}
		if (e->want_other) {
			cur = other(ring, &n, cur);
			if (full && !outer_open && n > 1)
				outer_open = scr_open(&outer) == SCR_OK;
		} else if (e->done) {
			xed_free(e);
			cms_free(e);
			ring[cur] = ring[--n];
			ring[n] = NULL;
			if (cur >= n)
				cur = 0;
		}
	}
	if (outer_open)
		scr_close(&outer);
	return 0;
}
