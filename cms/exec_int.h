/* exec_int.h — what the EXEC interpreter's files share (exec.h maps them).
 *
 * The program is lexed once into clauses (exec_lex.c); each clause keeps its
 * tokens, and the instructions are executed clause by clause: expressions are
 * evaluated straight from the tokens, with no tree in between.  A DO or
 * SELECT clause knows the index of its END (match), so that blocks can be
 * skipped and loops re-run.
 *
 * Errors: a function that finds one calls exec_error(), which records the
 * REXX error number in ex->err; from then on every function returns at once
 * (they test ex->err), the clause loop stops, and exec_run reports the error
 * with its line, as CMS's interpreter does (DMSREX460E).
 */
#ifndef CMS_EXEC_INT_H
#define CMS_EXEC_INT_H

#include "cmslib.h"
#include "exec.h"

/* Everything the interpreter takes is in the EXEC zone of CMS's storage:
 * when HX ends an EXEC in the middle, the nucleus gives it all back at once
 * (cms/heap.c).  It frees what it takes with cms_free, as before. */
#define cms_alloc(n) cms_alloc_in((n), CMS_ZONE_EXEC)

#define EXEC_MAXSTR (1 << 20) /* the longest string a value may be */
#define EXEC_MAXDIGITS 40     /* the largest NUMERIC DIGITS */
#define EXEC_MAXCALL 100      /* nested routine calls (REXX error 11 beyond) */
#define EXEC_MAXNEST 64       /* nested parentheses, operators and blocks (error 11) */
#define EXEC_MAXARGS 20       /* arguments of one call */
#define EXEC_MAXEXT 4         /* nested external EXECs */
/* The stack the interpreter may use below the outermost exec_run's frame
 * (an EXEC that runs an EXEC by a command shares it): the nucleus has 60K
 * in all, and the commands an EXEC issues run on top of the interpreter.
 * Deeper recursion (routines, blocks, parentheses) is error 11. */
#ifdef __s390__
#define EXEC_STACK (32 * 1024)
#else
#define EXEC_STACK (1024 * 1024)
#endif
#define EXEC_NOINLINE __attribute__((noinline))

/* A string value: s is cms_alloc'd and NUL-terminated (len does not count
 * the NUL; values may hold NULs), or exec_nul when storage ran out. */
struct xv {
	char *s;
	int len;
};
extern char exec_nul[1];

/* ---- tokens and clauses (exec_lex.c) ---- */
enum { TK_SYM, TK_STR, TK_OP, TK_LP, TK_RP, TK_COMMA, TK_COLON };
enum {
	OP_NONE,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_IDIV,
	OP_REM,
	OP_POW,
	OP_CAT,
	OP_EQ,
	OP_NE,
	OP_GT,
	OP_LT,
	OP_GE,
	OP_LE, /* normal comparisons */
	OP_SEQ,
	OP_SNE,
	OP_SGT,
	OP_SLT,
	OP_SGE,
	OP_SLE, /* strict comparisons */
	OP_AND,
	OP_OR,
	OP_XOR,
	OP_NOT,
};
struct tok {
	uint8_t type, op;
	uint8_t sp; /* blanks before it (for blank concatenation and "f(" calls) */
	int len;    /* of s */
	int line;
	char *s; /* a symbol in upper case; a string's value (hex and binary converted) */
};

enum {
	K_ASSIGN,
	K_CMD,
	K_LABEL,
	K_ADDRESS,
	K_ARG,
	K_CALL,
	K_DO,
	K_DROP,
	K_ELSE,
	K_END,
	K_EXIT,
	K_IF,
	K_INTERPRET,
	K_ITERATE,
	K_LEAVE,
	K_NOP,
	K_NUMERIC,
	K_OTHERWISE,
	K_PARSE,
	K_PROCEDURE,
	K_PULL,
	K_PUSH,
	K_QUEUE,
	K_RETURN,
	K_SAY,
	K_SELECT,
	K_SIGNAL,
	K_THEN,
	K_TRACE,
	K_UPPER,
	K_WHEN,
};
struct clause {
	int line;
	int kind;
	int match; /* DO/SELECT: the index of the END; END: of the DO or SELECT */
	int ntok;
	struct tok *t;
};

struct exec_blk;
struct exec_prog {
	struct clause *c;
	int n;
	struct exec_blk *mem;     /* the tokens and clauses */
	const char *const *lines; /* the source, for the error traceback */
	int nlines;
	char fn[9], ft[9], fm[3];
	char **owned; /* lines read by io->readfile (external EXEC) */
	int nowned;
};

/* Lex lines into a program; NULL on error (*err = REXX error number, *eline its line). */
struct exec_prog *exec_lex(const char *const *lines, int nlines, int *err, int *eline);
void exec_prog_free(struct exec_prog *p);

/* ---- variables (exec_var.c) ---- */
struct var;
struct pool {
	struct var **b; /* hash chains; the table grows with the pool */
	int nb, count;
	struct pool *parent; /* the caller's pool: exposed names live there */
	struct xv *expose;   /* names exposed by PROCEDURE EXPOSE ("A", "S." for a stem) */
	int nexpose;
};
struct pool *exec_pool_new(struct pool *parent);
void exec_pool_free(struct pool *p);

/* ---- the interpreter ---- */
/* A routine's activation: its variables, arguments and its settings, which
 * REXX saves across calls (NUMERIC DIGITS, ADDRESS, TRACE, SIGNAL ON). */
struct frame {
	struct frame *up;
	struct pool *pool;
	struct xv args[EXEC_MAXARGS];
	bool argp[EXEC_MAXARGS]; /* argument given (not omitted) */
	int nargs;
	int type; /* 0 the EXEC, 1 CALL, 2 function */
	int digits;
	char env[9], oldenv[9];
	char trace; /* 'O', 'N', 'E', 'C', 'A', 'R', 'I', 'L' */
	bool on_error, on_novalue, on_halt, on_syntax;
	int loops; /* active DO loops (for LEAVE and ITERATE) */
};

#define EXEC_COND (-1) /* ex->err: a trapped condition is being signalled */
#define EXEC_EXIT (-2) /* ex->err: EXIT is unwinding everything (value in ex->ret) */

enum { ST_OK, ST_LEAVE, ST_ITERATE, ST_RETURN, ST_SIGNAL, ST_ERR };

struct exec {
	const struct exec_io *io;
	struct exec_prog *prog; /* whose clauses run (an INTERPRET string's while it runs) */
	struct exec_prog *home; /* the EXEC: its labels and source lines */
	struct frame *fr;
	int err, errline;   /* REXX error number and its line; 0 none */
	int line;           /* of the clause being run */
	int calls;          /* nested routine calls */
	int nest;           /* nested expression levels and blocks */
	int ext;            /* nested external EXECs */
	uint32_t seed;      /* RANDOM */
	struct tok *lvname; /* LEAVE/ITERATE name, or NULL (points at lvtok) */
	struct tok lvtok;
	char lvtext[256];
	struct xv ret; /* RETURN/EXIT value */
	bool hasret;
	int sigidx;       /* SIGNAL: the clause of the label */
	bool noerr;       /* an error message is already out */
	const char *cond; /* err == EXEC_COND: the condition raised ("NOVALUE", "ERROR", "HALT") */
	int condline;
	uintptr_t stack0; /* the stack pointer at exec_run */
	int tr_idx;       /* the clause TRACE last showed or passed over (one line shows once a pass) */
	struct exec_prog *tr_prog;
	struct exec_clock t0; /* TIME('E') and TIME('R') */
	bool t0set;
};

/* exec_err.c: errors and values */
void exec_error(struct exec *ex, int n);
bool exec_stack_ok(struct exec *ex); /* within EXEC_STACK, else error 11 */
const char *exec_errmsg(int n);
struct xv exec_str(struct exec *ex, const char *s, int len); /* a copy */
struct xv exec_cstr(struct exec *ex, const char *s);
struct xv exec_alloc(struct exec *ex, int len); /* len bytes, zeroed, terminated */
struct xv exec_int(struct exec *ex, int v);     /* the decimal string of v */
void exec_drop(struct xv *v);                   /* give back; v becomes empty */
bool exec_ok_len(struct exec *ex, long len);    /* len within EXEC_MAXSTR, else error 5 */
void exec_say(struct exec *ex, const char *s);

/* exec_num.c: REXX arithmetic on decimal strings */
#define NUM_MAXD (2 * EXEC_MAXDIGITS + 8)
struct num {
	bool neg;
	int exp; /* value = d[0..nd) as an integer times 10**exp */
	int nd;
	uint8_t d[NUM_MAXD];
};
bool exec_num_parse(const char *s, int len, struct num *n, int digits);
struct xv exec_num_str(struct exec *ex, const struct num *n, int digits);
struct xv exec_arith(struct exec *ex, int op, struct xv a, struct xv b); /* error 41/42/26 */
struct xv exec_neg(struct exec *ex, struct xv a, bool minus);            /* prefix - and + */
int exec_numcmp(struct exec *ex, struct xv a, struct xv b);              /* -1 0 1; 2 not both numbers */
bool exec_isnum(struct exec *ex, struct xv a);
bool exec_whole(struct exec *ex, struct xv a, int *out); /* a whole number within 9 digits */
struct xv exec_normal(struct exec *ex, struct xv a);     /* a number as arithmetic would show it (a+0) */

/* exec_expr.c: expressions */
enum { STOP_TO = 1, STOP_BY = 2, STOP_FOR = 4, STOP_WHILE = 8, STOP_UNTIL = 16, STOP_WITH = 32 };
/* Evaluate the expression at t[*pos] (up to n, a stop keyword, a comma or a
 * ')' at the outer level); *pos is left after it.  Error 35 if none. */
struct xv exec_eval(struct exec *ex, struct tok *t, int n, int *pos, unsigned stop);
/* The whole rest of a clause as one expression (error 35 if empty, 21? if more). */
struct xv exec_expr_rest(struct exec *ex, struct clause *c, int pos);
bool exec_truth(struct exec *ex, struct xv v); /* "1" or "0", else error 34 */

/* exec_var.c */
/* The value of a symbol token: a constant, a simple or a compound variable. *set = it had a value. */
struct xv exec_sym_value(struct exec *ex, const struct tok *t, bool *set);
void exec_sym_assign(struct exec *ex, const struct tok *t, struct xv v); /* v is consumed */
void exec_sym_drop(struct exec *ex, const struct tok *t);
/* The name a symbol stands for, tails substituted ("A.3"); NULL for a constant symbol. */
struct xv exec_sym_name(struct exec *ex, const struct tok *t);
/* By name (VALUE(), SYMBOL(), RC, RESULT, SIGL): the name in upper case with tails given. */
bool exec_var_get(struct exec *ex, const char *name, int len, struct xv *out); /* copy; false unset */
void exec_var_set(struct exec *ex, const char *name, int len, struct xv v);    /* v consumed */
void exec_var_unset(struct exec *ex, const char *name, int len);
void exec_var_setc(struct exec *ex, const char *name, const char *val);
void exec_expose(struct exec *ex, struct pool *p, const struct tok *t); /* PROCEDURE EXPOSE one name */
bool exec_symbol_ok(const char *s, int len);                            /* a valid symbol */
bool exec_symbol_const(const char *s);                                  /* starts with a digit or '.' */

/* exec_parse.c: the PARSE, ARG and PULL instructions */
void exec_parse_instr(struct exec *ex, struct clause *c);
/* A line from the program stack or the console (io->pull); "" when none. */
struct xv exec_pull_line(struct exec *ex);

/* exec_bif.c, exec_bif2.c: built-in functions */
typedef struct xv (*exec_bif_fn)(struct exec *ex, int n, struct xv *a, const bool *p);
struct exec_bif {
	const char *name;
	uint8_t min, max;
	exec_bif_fn fn;
};
const struct exec_bif *exec_bif_find(const char *name, int len);
extern const struct exec_bif exec_bifs_str[], exec_bifs_misc[];
/* Argument helpers: error 40 when the argument is not what the function needs. */
int exec_arg_int(struct exec *ex, int n, struct xv *a, const bool *p, int i, int def, int min);
char exec_arg_opt(struct exec *ex, int n, struct xv *a, const bool *p, int i, char def, const char *allowed);
char exec_arg_pad(struct exec *ex, int n, struct xv *a, const bool *p, int i);
bool exec_arg_given(int n, const bool *p, int i);

/* exec_call.c: routines, functions and commands */
void exec_call_instr(struct exec *ex, struct clause *c);
struct xv exec_call(struct exec *ex, const char *name, int nlen, bool literal, struct xv *args, bool *argp,
                    int nargs, bool isfn, bool *got);
void exec_command(struct exec *ex, const char *env, struct xv cmd);
int exec_find_label(struct exec *ex, const char *name, int len);

/* exec_run.c: instructions */
int exec_seq(struct exec *ex, int from, int to);   /* runs clauses [from, to): a status */
int exec_instr(struct exec *ex, int i, int *next); /* runs the instruction at i */
int exec_routine(struct exec *ex, int start);      /* runs a routine body, SIGNAL handled: a status */
void exec_trace_clause(struct exec *ex, int line);
bool exec_word(const struct tok *t, const char *w); /* t is the symbol w */

/* exec_instr.c: the simple instructions (a status) */
int exec_simple(struct exec *ex, struct clause *c);
int exec_interpret(struct exec *ex, struct clause *c);

#endif
