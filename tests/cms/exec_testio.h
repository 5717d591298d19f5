/* exec_testio.h — the world an EXEC sees in the host tests: SAY lines and
 * commands collected in one transcript, a program stack, a command
 * processor whose rc is the number after "RC" in the command, a clock, and
 * HI after a given number of polls.  Used by tests/cms/test_exec*.c. */
#ifndef EXEC_TESTIO_H
#define EXEC_TESTIO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "exec.h"

struct tio {
	char out[16384];
	size_t len;
	char *stack[64];
	int nstack;
	int halt_after; /* halted() true at this poll (once, as one HI); 0 never */
	int polls;
	const char *ext_name; /* an external EXEC readfile offers */
	const char *ext_src;
	const char *nest_src; /* the command NEST runs this EXEC (by exec_run, as CMS's EXEC command would) */
	int nests;
};

static struct exec_io t_io(struct tio *t);
static char **t_split(const char *src, int *n);
static void t_free(char **lines, int n);

static void t_add(struct tio *t, const char *s)
{
	size_t n = strlen(s);
	if (t->len + n + 2 < sizeof t->out) {
		memcpy(t->out + t->len, s, n);
		t->len += n;
		t->out[t->len++] = '\n';
		t->out[t->len] = 0;
	}
}

static void t_say(void *ctx, const char *line)
{
	t_add(ctx, line);
}

static int t_pull(void *ctx, char *buf, int max)
{
	struct tio *t = ctx;
	if (!t->nstack)
		return -1;
	char *s = t->stack[0];
	memmove(t->stack, t->stack + 1, (size_t)--t->nstack * sizeof t->stack[0]);
	int n = (int)strlen(s);
	if (n >= max)
		n = max - 1;
	memcpy(buf, s, (size_t)n);
	buf[n] = 0;
	free(s);
	return n;
}

static void t_queue(void *ctx, const char *line)
{
	struct tio *t = ctx;
	if (t->nstack < 64)
		t->stack[t->nstack++] = strdup(line);
}

static void t_push(void *ctx, const char *line)
{
	struct tio *t = ctx;
	if (t->nstack < 64) {
		memmove(t->stack + 1, t->stack, (size_t)t->nstack * sizeof t->stack[0]);
		t->stack[0] = strdup(line);
		t->nstack++;
	}
}

static int t_queued(void *ctx)
{
	return ((struct tio *)ctx)->nstack;
}

/* "[ENV] command"; the rc is the number after "RC " in the command, else 0. */
static int t_command(void *ctx, const char *env, const char *cmd)
{
	char buf[300];
	snprintf(buf, sizeof buf, "[%s] %s", env, cmd);
	t_add(ctx, buf);
	struct tio *t = ctx;
	if (t->nest_src && strcmp(cmd, "NEST") == 0) {
		int n, rc;
		char **lines = t_split(t->nest_src, &n);
		struct exec_io io = t_io(t);
		t->nests++;
		rc = exec_run((const char *const *)lines, n, "NEST EXEC", "", &io);
		t_free(lines, n);
		return rc;
	}
	const char *rc = strstr(cmd, "RC ");
	return rc ? atoi(rc + 3) : 0;
}

static bool t_halted(void *ctx)
{
	struct tio *t = ctx;
	t->polls++;
	return t->halt_after && t->polls == t->halt_after;
}

static void t_clock(void *ctx, struct exec_clock *c)
{
	(void)ctx;
	*c = (struct exec_clock){
	    .year = 2026, .month = 11, .day = 26, .hour = 20, .min = 35, .sec = 6, .usec = 123456};
}

static const char *t_userid(void *ctx)
{
	(void)ctx;
	return "MAINT";
}

static char **t_split(const char *src, int *n)
{
	char **lines = calloc(strlen(src) + 2, sizeof *lines);
	const char *s = src;
	*n = 0;
	for (;;) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		lines[*n] = strndup(s, len);
		(*n)++;
		if (!e)
			break;
		s = e + 1;
	}
	return lines;
}

static int t_readfile(void *ctx, const char *fn, const char *ft, const char *fm, char ***lines, int *n)
{
	struct tio *t = ctx;
	(void)ft, (void)fm;
	if (!t->ext_name || strcmp(fn, t->ext_name) != 0)
		return 28;
	*lines = t_split(t->ext_src, n);
	return 0;
}

static void t_freefile(void *ctx, char **lines, int n)
{
	(void)ctx;
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void t_free(char **lines, int n)
{
	t_freefile(NULL, lines, n);
}

static struct exec_io t_io(struct tio *t)
{
	return (struct exec_io){.ctx = t,
	                        .say = t_say,
	                        .pull = t_pull,
	                        .queue = t_queue,
	                        .push = t_push,
	                        .queued = t_queued,
	                        .command = t_command,
	                        .halted = t_halted,
	                        .readfile = t_readfile,
	                        .clock = t_clock,
	                        .userid = t_userid,
	                        .freefile = t_freefile};
}

/* Runs src (lines separated by \n) with args; the transcript in t->out. */
static int t_run(struct tio *t, const char *src, const char *args)
{
	int n;
	char **lines = t_split(src, &n);
	struct exec_io io = t_io(t);
	int rc = exec_run((const char *const *)lines, n, "TEST", args, &io);
	t_free(lines, n);
	for (int i = 0; i < t->nstack; i++)
		free(t->stack[i]);
	t->nstack = 0;
	return rc;
}

/* A table row: a program, its argument string, the transcript and rc it must give. */
struct tcase {
	const char *name;
	const char *src;
	const char *args;
	const char *out;
	int rc;
};

__attribute__((unused)) static void t_table(const struct tcase *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct tio t = {0};
		int rc = t_run(&t, c[i].src, c[i].args);
		if (strcmp(t.out, c[i].out) != 0 || rc != c[i].rc) {
			print_error("case %s:\n--- expected (rc %d)\n%s--- got (rc %d)\n%s", c[i].name,
			            c[i].rc, c[i].out, rc, t.out);
			fail();
		}
	}
}

#endif
