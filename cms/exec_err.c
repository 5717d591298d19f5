/* exec_err.c — the interpreter's error numbers and messages, and the small
 * helpers for string values.
 *
 * The numbers and texts are REXX's (VM/SP System Product Interpreter
 * Reference, "Error numbers and messages"); CMS shows them as
 *   DMSREX460E Error 41 running PROFILE EXEC, line 3: Bad arithmetic conversion
 * after a traceback line with the clause's source (exec_call.c).
 */
#include "exec_int.h"

char exec_nul[1];

static const struct {
	uint8_t n;
	const char *text;
} msgs[] = {
    {3, "Program is unreadable"},
    {4, "Program interrupted"},
    {5, "Machine resources exhausted"},
    {6, "Unmatched \"/*\" or quote"},
    {7, "WHEN or OTHERWISE expected"},
    {8, "Unexpected THEN or ELSE"},
    {9, "Unexpected WHEN or OTHERWISE"},
    {10, "Unexpected or unmatched END"},
    {11, "Control stack full"},
    {13, "Invalid character in program"},
    {14, "Incomplete DO/SELECT/IF"},
    {15, "Invalid hexadecimal or binary string"},
    {16, "Label not found"},
    {17, "Unexpected PROCEDURE"},
    {18, "THEN expected"},
    {19, "String or symbol expected"},
    {20, "Symbol expected"},
    {21, "Invalid data on end of clause"},
    {24, "Invalid TRACE request"},
    {25, "Invalid sub-keyword found"},
    {26, "Invalid whole number"},
    {27, "Invalid DO syntax"},
    {28, "Invalid LEAVE or ITERATE"},
    {29, "Environment name too long"},
    {30, "Name or string too long"},
    {31, "Name starts with number or \".\""},
    {33, "Invalid expression result"},
    {34, "Logical value not 0 or 1"},
    {35, "Invalid expression"},
    {36, "Unmatched \"(\" in expression"},
    {37, "Unexpected \",\" or \")\""},
    {38, "Invalid template or pattern"},
    {40, "Incorrect call to routine"},
    {41, "Bad arithmetic conversion"},
    {42, "Arithmetic overflow/underflow"},
    {43, "Routine not found"},
    {44, "Function did not return data"},
    {45, "No data specified on function RETURN"},
    {48, "Failure in system service"},
    {49, "Interpretation error"},
};

const char *exec_errmsg(int n)
{
	for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++)
		if (msgs[i].n == n)
			return msgs[i].text;
	return "Interpretation error";
}

/* The first error wins: later ones are consequences of it. */
void exec_error(struct exec *ex, int n)
{
	if (ex->err)
		return;
	ex->err = n;
	ex->errline = ex->line;
}

/* The distance from exec_run's frame to here: the stack grows down on
 * both sides, but the difference is taken either way. */
EXEC_NOINLINE bool exec_stack_ok(struct exec *ex)
{
	volatile char probe = 0;
	uintptr_t here = (uintptr_t)&probe;
	uintptr_t used = ex->stack0 > here ? ex->stack0 - here : here - ex->stack0;
	if (used + probe > EXEC_STACK) {
		exec_error(ex, 11);
		return false;
	}
	return true;
}

bool exec_ok_len(struct exec *ex, long len)
{
	if (len < 0 || len > EXEC_MAXSTR) {
		exec_error(ex, 5);
		return false;
	}
	return true;
}

struct xv exec_alloc(struct exec *ex, int len)
{
	struct xv v = {exec_nul, 0};
	if (!exec_ok_len(ex, len))
		return v;
	char *s = cms_alloc((size_t)len + 1);
	if (!s) {
		exec_error(ex, 5);
		return v;
	}
	v.s = s;
	v.len = len;
	return v;
}

struct xv exec_str(struct exec *ex, const char *s, int len)
{
	struct xv v = exec_alloc(ex, len);
	if (v.s != exec_nul && len)
		memcpy(v.s, s, (size_t)len);
	return v;
}

struct xv exec_cstr(struct exec *ex, const char *s)
{
	return exec_str(ex, s, (int)strlen(s));
}

struct xv exec_int(struct exec *ex, int v)
{
	char buf[16];
	int n = cms_format(buf, sizeof buf, "%d", v);
	return exec_str(ex, buf, n);
}

void exec_drop(struct xv *v)
{
	if (v->s && v->s != exec_nul)
		cms_free(v->s);
	v->s = exec_nul;
	v->len = 0;
}

/* A line to the console; NULs (which a value may hold) end it early. */
void exec_say(struct exec *ex, const char *s)
{
	if (ex->io->say)
		ex->io->say(ex->io->ctx, s);
}
