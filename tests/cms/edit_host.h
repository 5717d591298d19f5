/* edit_host.h — what the tests of the editor and the spool commands
 * (test_xedit*.c, test_spool*.c) give CMS's modules in place of the
 * nucleus: the console (lines out kept in a log, lines in from a script),
 * CMS and CP commands (kept in a log), whether the console is a display,
 * and run(), a command as typed at Ready.  Included by one test file per
 * executable. */
#ifndef TESTS_CMS_EDIT_HOST_H
#define TESTS_CMS_EDIT_HOST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"

static char con_log[16384];         /* lines the editor wrote, each ending in \n */
static const char *const *con_in;   /* lines the "user" types, NULL-terminated */
static const char *const *stack_in; /* lines in the program stack, NULL-terminated */
static char cmd_log[4096];          /* commands given to CMS and CP */
static bool host_display;           /* cms_fullscreen() */
volatile bool cms_hx_pending, cms_hi_pending;
struct cms_settings cms_set;

static void log_add(char *log, size_t size, const char *line)
{
	size_t at = strlen(log);
	snprintf(log + at, size - at, "%s\n", line);
}

void cms_puts(const char *line)
{
	log_add(con_log, sizeof con_log, line);
}

void cms_say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	cms_puts(line);
}

void cms_msg(const char *id, const char *fmt, ...)
{
	char line[256];
	int n = snprintf(line, sizeof line, "%s ", id);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	cms_puts(line);
}

int cms_stack_count(void)
{
	int n = 0;
	while (stack_in && stack_in[n])
		n++;
	return n;
}

int cms_read_line(char *buf, int max)
{
	if (stack_in && *stack_in) {
		snprintf(buf, (size_t)max, "%s", *stack_in++);
		return (int)strlen(buf);
	}
	if (!con_in || !*con_in)
		fail_msg("the editor read a line after the script's last (output so far:\n%s)", con_log);
	snprintf(buf, (size_t)max, "%s", *con_in++);
	return (int)strlen(buf);
}

int cms_command(const char *line)
{
	log_add(cmd_log, sizeof cmd_log, line);
	return 0;
}

int cms_cp(const char *command, char *resp, size_t rmax)
{
	(void)resp;
	(void)rmax;
	char l[200];
	snprintf(l, sizeof l, "CP %s", command);
	log_add(cmd_log, sizeof cmd_log, l);
	return 0;
}

bool cms_fullscreen(void)
{
	return host_display;
}

void cms_poll(void) {}

/* A command as typed at Ready (cmd.c gives it its words upper-cased): its
 * return code. */
static inline int run(cms_cmd_fn *fn, const char *line)
{
	static char buf[256];
	static char *w[32];
	snprintf(buf, sizeof buf, "%s", line);
	cms_upper(buf);
	struct cms_args a = {cms_words(buf, w, 32), w, ""};
	return fn(&a);
}

#endif
