/* xedit.h — the editor's core, shared by the full-screen XEDIT
 * (xedit_scr.c) and the line-mode EDIT (edit.c): a file as a list of lines,
 * the current line, the commands, the prefix commands, targets.  The core
 * touches neither the screen nor the console (only the CMS, CP and HELP
 * subcommands run commands), so the unit tests drive it on the host
 * (tests/cms/test_xedit*.c).
 *
 *   xedit.c         the buffer, targets, messages
 *   xedit_cmd.c     the commands (TOP, LOCATE, CHANGE, FILE ...)
 *   xedit_prefix.c  the prefix area's commands (I, D, C, M, F, P, /, ")
 *   xedit_file.c    reading and writing the file (cmsfs.h)
 *   xedit_scr.c     the full screen and the XEDIT command
 *   edit.c          the line-mode EDIT
 *   filelist.c      FILELIST (its own screen; XEDIT for a file through cms_command)
 *
 * Line numbers: 0 is the "Top of File" line, 1..n the file's lines, n+1
 * the "End of File" line.  Text is ASCII, without trailing blanks for
 * recfm F files (written back padded to the record length).
 */
#ifndef CMS_XEDIT_H
#define CMS_XEDIT_H

#include "cms.h"
#include "cmsfs.h"

enum { XED_MSGS = 2, XED_MSGLEN = 80, XED_PENDING = 32, XED_PFXLEN = 8, XED_MAXLINE = 65535 };

/* A prefix command typed in a line's prefix area and not yet done (a block
 * waiting for its other end, a copy waiting for its F or P, an error). */
struct xed_pend {
	const char *line; /* the line it was typed on (its identity), NULL: TOF, (char*)1: EOF */
	char text[XED_PFXLEN + 1];
};

struct xed {
	struct cms_fileid id;
	char recfm;
	uint32_t lrecl;
	char **line; /* line[1..n]; line[0] unused */
	int n, cap;
	int cur;      /* the current line, 0..n+1 */
	bool changed; /* since the last FILE/SAVE */
	bool newfile;
	bool case_upper;  /* CASE U: lines typed are upper-cased */
	bool case_ignore; /* CASE x I: targets and CHANGE find text whatever its case */
	bool number;      /* SET NUMBER ON: the prefix area shows line numbers */
	bool scale;       /* SET SCALE ON (the default): a column scale under the current line */
	bool wrap;        /* SET WRAP ON: LOCATE goes on from the top */
	bool input;       /* in input mode */
	bool done;        /* QUIT, QQUIT or FILE: the session ends */
	bool fullscreen;  /* the screen layer runs it (messages go to the message lines) */
	int page;         /* lines FORWARD and BACKWARD move (the screen's file area) */
	int shift;        /* LEFT/RIGHT: the first column shown is shift + 1 */
	int focus;        /* a line the cursor goes to on the next screen (prefix I), or 0 */
	int nmsg;
	char msg[XED_MSGS][XED_MSGLEN + 1];
	int npend;
	struct xed_pend pend[XED_PENDING];
	char last_cmd[XED_MSGLEN + 1]; /* for = (repeat) */
	char last_locate[XED_MSGLEN + 1];
	/* the ring (xedit_scr.c): XEDIT fn ft [fm] while editing asks for another file */
	bool want_other;
	struct cms_fileid other;
	int ring_files; /* files in the ring (the status area says how many) */
};

/* ---- the buffer (xedit.c) ---- */
void xed_init(struct xed *e, const struct cms_fileid *id, char recfm, uint32_t lrecl);
void xed_free(struct xed *e);
/* A new line of text after line `after` (0: at the top): its number, or -1
 * when storage ran out (a message says so).  The text is cut at lrecl for
 * recfm F files; CASE U upper-cases it. */
int xed_insert(struct xed *e, int after, const char *text, size_t len);
int xed_insert_raw(struct xed *e, int after, const char *text, size_t len); /* as stored: no CASE, no cut */
/* Delete lines from..from+count-1 (1..n). */
void xed_delete(struct xed *e, int from, int count);
/* Replace line k's text (1..n). */
int xed_replace(struct xed *e, int k, const char *text, size_t len);     /* CASE U applies */
int xed_replace_raw(struct xed *e, int k, const char *text, size_t len); /* as given */
/* A message for the user (the message lines, or the console in line mode). */
void xed_msg(struct xed *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The index of line (by identity) now, or -1. */
int xed_find_line(const struct xed *e, const char *line);
const char *xed_line(const struct xed *e, int k); /* line k's text, "" for TOF/EOF */

/* A target (XEDIT's): :n (line n), +n / -n / n (lines down or up), *
 * or -* (the end, the top), /string/ or -/string/ (the next line holding
 * string, forward or back; with SET WRAP ON the search goes round).  Parses
 * the target at *p, advances *p past it, and gives the line number it names
 * (0..n+1).  Returns 0, 1 when the target was not found (a message says
 * so), -1 when it is not a target. */
int xed_target(struct xed *e, const char **p, int *line);

/* Whether n characters at a and b are the same text (CASE ... Ignore: in
 * either case). */
bool xed_same(const struct xed *e, const char *a, const char *b, size_t n);

/* ---- commands (xedit_cmd.c) ---- */
/* Execute one command line: the return code (0 fine, else XEDIT's codes: 1
 * target not found, 2 end of file, 4 not found, 5 bad operand, -1 unknown).
 * Messages go to e->msg. */
int xed_command(struct xed *e, const char *line);
/* A line typed in input mode (after the current line, which becomes it). */
int xed_input_line(struct xed *e, const char *text);
int xed_change(struct xed *e, const char *args);
int xed_save(struct xed *e, const char *args); /* fn ft fm (optional) */

/* The End of File line's identity in a pending prefix command (TOF's is NULL). */
#define XED_EOF_ID ((const char *)1)

/* ---- prefix commands (xedit_prefix.c) ---- */
/* What the user typed in line k's prefix area (k 0..n+1).  Kept pending. */
void xed_prefix_set(struct xed *e, int k, const char *text);
/* Run the pending prefix commands that are complete.  Returns the number
 * done, -1 when one is invalid (a message says which). */
int xed_prefix_run(struct xed *e);
/* The pending prefix text of line k, or NULL. */
const char *xed_prefix_of(const struct xed *e, int k);
/* Lines first..last copied (or moved) after line `after` (0..n): 0, or -1
 * (a move into itself, no storage: a message says so). */
int xed_copy(struct xed *e, int first, int last, int after, bool move);

/* ---- the file (xedit_file.c) ---- */
/* Read the file (fm "" or "*": the search order; not found: a new file on
 * A, with recfm and lrecl by file type).  0, or an RC_ code with a message. */
int xed_load(struct xed *e, const struct cms_fileid *id);
int xed_write(struct xed *e, const struct cms_fileid *id);
/* GET fn [ft [fm]]: that file's lines after the current line. */
int xed_get(struct xed *e, const char *args);
/* What a new file of type ft gets: recfm F 80, but V for text types. */
void xed_defaults(const char *ft, char *recfm, uint32_t *lrecl);

/* ---- the commands' entry points ---- */
int cms_cmd_xedit(struct cms_args *a);
int cms_cmd_edit(struct cms_args *a);
int cms_cmd_filelist(struct cms_args *a);
/* The line-mode editor on a loaded buffer (edit.c): XEDIT uses it on a
 * typewriter console. */
int edit_session(struct xed *e);
/* The full-screen editor on a loaded buffer (xedit_scr.c): SCR_ERROR (from
 * scr.h) when the display cannot be used. */
int xedit_session(struct xed *e);
/* XEDIT's and EDIT's start (who: the command's name): "fn ft [fm]" from
 * its words w[1..], and an editor (cms_alloc'ed) on that file, empty when
 * the file does not exist.  NULL after a DMSxxx message (nostore's id when
 * there is no storage), *rc the return code. */
struct xed *xed_start(struct cms_args *a, const char *who, const char *nostore, int *rc);

#endif
