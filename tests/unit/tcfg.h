/* tcfg.h — a configuration for the config tests (test_config.c,
 * test_tn_config.c): statements fed one at a time as line 7 of "t.cnf",
 * with the parser's messages collected in memory so that a test can assert
 * the exact text of each error. */
#ifndef TESTS_UNIT_TCFG_H
#define TESTS_UNIT_TCFG_H

#include <stdio.h>
#include <stdlib.h>

#include "config.h"

struct tcfg {
	struct config cfg;
	char *msg; /* what the parser said so far (open_memstream) */
	size_t len;
};

static inline struct tcfg *tc_new(void)
{
	struct tcfg *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	config_defaults(&t->cfg);
	t->cfg.msg = open_memstream(&t->msg, &t->len);
	return t;
}

static inline const char *tc_msg(struct tcfg *t)
{
	fflush(t->cfg.msg);
	return t->msg ? t->msg : "";
}

static inline void tc_free(struct tcfg *t)
{
	fclose(t->cfg.msg);
	free(t->msg);
	config_free(&t->cfg);
	free(t);
}

/* One statement, as line 7 of t.cnf: config_statement's result. */
static inline int line(struct tcfg *t, const char *text)
{
	return config_statement(&t->cfg, "t.cnf", 7, text);
}

#endif
