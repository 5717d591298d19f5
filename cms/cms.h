/* cms.h — what CMS's modules share: the map of the nucleus.
 *
 * CMS is the single-user system each user IPLs in a virtual machine (`IPL
 * CMS`).  In its virtual machine it is the supervisor (it owns the PSWs and
 * the interruptions), and it reaches CP only through what the architecture
 * offers a virtual machine: START I/O on its virtual devices and DIAGNOSE
 * (DESIGN.md rule 1).
 * docs/cms.md is the user's primer, docs/cms-internals.md the guided tour.
 *
 *   start.S    the IPL entry, interruption handlers, waiting; diagx.S the DIAGNOSE instruction
 *   main.c     cms_main: start-up, PROFILE EXEC, the command loop (Ready;), abends
 *   con.c      START I/O and interruptions; the console: lines out and in, the program
 *              stack, the immediate commands HX HI HT RT
 *   diag.c     DIAGNOSE wrappers: X'08' CP commands, X'0C' clock, X'24' device types, X'60'
 *   heap.c     free storage (cms_alloc)
 *   fmt.c      the little helpers of cmslib.h; vformat.c the formatter (hostlib.c: both
 *              for the host, where tools/cmsfs and tests/cms run CMS's modules)
 *   cmd.c      the command table and VM/370's command search (CP, EXEC, abbreviations, IMPCP)
 *   blk.c      a minidisk as numbered 4K blocks (CKD: DIAGNOSE X'18'; FBA: Define Extent, Locate)
 *   fs_*.c     the file system (cmsfs.h, docs/cms-format.md): format, directory, files, modes
 *   cmd_disk.c ACCESS RELEASE FORMAT; cmd_file.c LISTFILE TYPE STATE ERASE; cmd_copy.c
 *              COPYFILE RENAME; cmd_query.c QUERY SET; cmd_help.c HELP; cmd_exec.c EXEC
 *   cmd_spool*.c  PRINT PUNCH READCARD SENDFILE RECEIVE DISK RDRLIST PEEK (docs/cms-spool.md)
 *   exec_*.c   the EXEC interpreter, REXX-like (exec.h, docs/cms-exec.md)
 *   scr*.c     full screens by DIAGNOSE X'58' (scr.h); xedit*.c the full-screen editor, edit.c
 *              the line editor, filelist.c FILELIST (docs/cms-edit.md)
 */
#ifndef CMS_CMS_H
#define CMS_CMS_H

#include "cmslib.h"

#define CMS_VERSION "s370 CMS 0.1"

/* Return codes, as VM/370's commands give them. */
enum {
	RC_OK = 0,
	RC_WARN = 4,
	RC_ERR = 8,        /* generic error */
	RC_EOF = 12,       /* end of file (FSREAD) */
	RC_BADNAME = 20,   /* invalid file identifier */
	RC_BADOPT = 24,    /* invalid option or parameter */
	RC_NOTFOUND = 28,  /* file not found */
	RC_DISKRO = 36,    /* disk not accessed or read-only */
	RC_DISKFULL = 13,  /* disk full (FSWRITE) */
	RC_NOSTORE = 104,  /* not enough storage */
	RC_UNKNOWN = -3,   /* unknown command (the Ready line shows R(-0003)) */
};

/* The record buffer of the nucleus's commands (TYPE, COPYFILE, EXEC's
 * loading, the spool commands): one, since one command at a time reads or
 * writes records with it -- 64K of every virtual machine's storage, not
 * one such buffer per command (cmd.c; cms/hostlib.c on the host). */
enum { CMS_RECMAX = 65536 };
extern uint8_t cms_rec[CMS_RECMAX];

/* ---- the console (con.c) ---- */
/* A line on the console (ASCII; long lines are cut at 130).  Under HT the
 * line is dropped. */
void cms_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cms_puts(const char *line);
/* An error message in VM/370's form: "DMSxxxnnnE text", e.g.
 * cms_msg("DMSLST002E", "File %s not found", id).  Same as cms_say. */
void cms_msg(const char *id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The next input line, ASCII, terminated, at most max-1 characters: from the
 * program stack if it has lines, else read from the console (the user types
 * it).  Returns its length.  Upper-casing is the caller's business. */
int cms_read_line(char *buf, int max);
/* The program stack (what EXEC's PUSH, QUEUE and PULL use). */
void cms_stack_queue(const char *line); /* FIFO: read after the lines already there */
void cms_stack_push(const char *line);  /* LIFO: read next */
int cms_stack_count(void);
/* Immediate commands typed while a command runs (con.c polls the console's
 * attention): HX ends the command (cms_hx_pending is true until the
 * command loop takes it back to Ready), HI ends EXECs, HT/RT stop and
 * resume console output.  Long loops call cms_poll() now and then. */
void cms_poll(void);
extern volatile bool cms_hx_pending, cms_hi_pending;

/* ---- CP (diag.c) ---- */
/* A CP command by DIAGNOSE X'08'.  With resp, CP's answer (ASCII lines,
 * separated by \n, terminated) goes there instead of to the console.
 * Returns CP's return code (0 done, -1 the command was unknown...). */
int cms_cp(const char *command, char *resp, size_t rmax);
uint32_t cms_storage_size(void); /* DIAGNOSE X'60' */
/* The date and time (DIAGNOSE X'0C'), and the CPU time the machine used. */
struct cms_clock {
	uint16_t year;
	uint8_t month, day, hour, minute, second;
	uint32_t vcpu_us, tcpu_us;
};
void cms_clock(struct cms_clock *c);
/* The virtual device at addr: its type (0x3350, 0x3370, 0x2540...), class
 * and model by DIAGNOSE X'24', or 0 when there is no such device. */
uint16_t cms_dev_type(uint16_t addr);

/* ---- commands (cmd.c) ---- */
/* Execute one command line as typed at Ready (an EXEC, a CMS command, or CP
 * when IMPCP is on and nothing else has the name).  The return code. */
int cms_command(const char *line);
/* What a command is given: the words of its line, upper-cased, words[0] the
 * command's name; and the line as typed after the name (for commands that
 * want the original case, such as CP and EXEC). */
struct cms_args {
	int n;
	char **w;
	const char *rest;
};
typedef int cms_cmd_fn(struct cms_args *a);
/* Settings of SET (cmd_set.c) that others consult. */
struct cms_settings {
	bool impex, impcp;   /* IMPEX: a name is an EXEC first; IMPCP: unknown names go to CP */
	char redtype;        /* RDYMSG: 'L' long (with the time), 'S' short */
	bool cmstype_ht;     /* SET CMSTYPE HT */
};
extern struct cms_settings cms_set;

/* ---- full screen (scr.c) ---- */
/* Whether the console is a 3270 display (full screen possible). */
bool cms_fullscreen(void);

#endif
