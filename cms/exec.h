/* exec.h — the EXEC interpreter: CMS's REXX-like command language.
 *
 * An EXEC is a file of type EXEC whose lines are clauses of the REXX
 * language (The REXX Language, Cowlishaw; VM/SP System Product Interpreter
 * Reference): SAY, PARSE, IF, DO, SELECT, CALL, SIGNAL, expressions with
 * REXX's decimal arithmetic, compound variables, built-in functions, and
 * commands passed to CMS or CP.  docs/cms-exec.md is the user's guide and
 * lists what is supported and how it differs from REXX.
 *
 *   exec_lex.c    source lines to clauses and tokens (comments, strings, continuation)
 *   exec_num.c    decimal arithmetic (NUMERIC DIGITS, no floating point)
 *   exec_expr.c   expressions: operators, terms, function calls
 *   exec_var.c    variables, stems and compound symbols, PROCEDURE EXPOSE pools
 *   exec_parse.c  PARSE templates
 *   exec_bif.c    built-in functions: strings;  exec_bif2.c: numbers, conversions, the rest
 *   exec_run.c    the clause loop and control flow: IF, DO, SELECT, LEAVE, ITERATE, SIGNAL
 *   exec_instr.c  the other instructions: assignment, commands, SAY, DROP, NUMERIC, ADDRESS, ...
 *   exec_call.c   CALL, functions, PROCEDURE, external EXECs, commands, and exec_run itself
 *   exec_err.c    error messages (DMSREX460E) and string helpers
 *   exec_int.h    what these files share
 *
 * The interpreter reaches the outside world only through struct exec_io, so
 * the nucleus (cms/cmd.c) and the host tests supply the console, the program
 * stack and the command processor.  All storage comes from cms_alloc and is
 * given back when exec_run returns; recursion is bounded so that it fits the
 * nucleus's 64K stack.
 */
#ifndef CMS_EXEC_H
#define CMS_EXEC_H

#include <stdbool.h>

/* The date and time for DATE() and TIME() (local time). */
struct exec_clock {
	int year, month, day; /* 2026, 1-12, 1-31 */
	int hour, min, sec;   /* 0-23, 0-59, 0-59 */
	int usec;             /* 0-999999 */
};

struct exec_io {
	void *ctx;
	void (*say)(void *ctx, const char *line);   /* SAY: a line on the console */
	int (*pull)(void *ctx, char *buf, int max); /* PULL/PARSE PULL: next line from the program stack or
	                                               the console; its length, -1 none */
	void (*queue)(void *ctx, const char *line); /* QUEUE (FIFO) */
	void (*push)(void *ctx, const char *line);  /* PUSH (LIFO) */
	int (*queued)(void *ctx);                   /* QUEUED() */
	int (*command)(void *ctx, const char *env,
	               const char *cmd); /* a command to ADDRESS env ("CMS", "CP", "COMMAND"): its rc */
	bool (*halted)(void *ctx); /* HI typed: stop the EXEC (message, rc); polled before each clause, true
	                              once per HI */
	int (*readfile)(void *ctx, const char *fn, const char *ft, const char *fm, char ***lines,
	                int *n); /* optional: for CALL of an external EXEC; may be NULL */
	/* Optional additions (may be NULL): */
	void (*clock)(
	    void *ctx,
	    struct exec_clock *now);      /* DATE(), TIME(); without it the clock reads 1 Jan 1900 00:00:00 */
	const char *(*userid)(void *ctx); /* USERID(); without it "CMSUSER" */
	void (*freefile)(
	    void *ctx, char **lines,
	    int n); /* gives back what readfile returned; without it cms_free of each line and the array */
};

/* Run the EXEC whose source lines (ASCII) are given; args = the argument
 * string; returns the rc (RETURN/EXIT value, or a nonzero error rc), and
 * writes interpreter error messages through say, as
 * `DMSREX460E Error 41 running PROFILE EXEC, line 3: Bad arithmetic conversion`.
 * fname is the file name ("PROFILE"), or "fn ft fm".  A syntax error gives
 * rc 20000 + the error number (as CMS does); an EXIT or RETURN value that is
 * not a whole number gives rc 0. */
int exec_run(const char *const *lines, int nlines, const char *fname, const char *args,
             const struct exec_io *io);

#endif
