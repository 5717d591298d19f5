/* panel_log.h — the operator panel's log: the last lines of console output,
 * kept for scrolling and searching.
 *
 * Any thread appends (console output arrives from the CPU thread, the
 * channel, telnet sessions); the panel's thread reads.  One mutex guards the
 * ring; readers copy a line out rather than hold a pointer into it.
 */
#ifndef S370_PANEL_LOG_H
#define S370_PANEL_LOG_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { PANEL_LOG_LINES = 10000, PANEL_LOG_WIDTH = 400 };

struct panel_log {
	pthread_mutex_t lock;
	char (*ring)[PANEL_LOG_WIDTH]; /* PANEL_LOG_LINES lines */
	size_t first;                  /* index in ring of the oldest line */
	size_t n;                      /* lines held */
	uint64_t added;                /* lines ever added (the panel redraws when it changes) */
};

int panel_log_init(struct panel_log *l); /* 0 or -1 (no memory) */
void panel_log_free(struct panel_log *l);
/* Append text, one line per '\n'-separated piece; tabs become blanks and
 * other control characters dots; longer lines are cut. */
void panel_log_add(struct panel_log *l, const char *text, size_t len);
size_t panel_log_count(struct panel_log *l);
uint64_t panel_log_added(struct panel_log *l);
/* Line k (0 = oldest) into buf; false when there is none. */
bool panel_log_get(struct panel_log *l, size_t k, char *buf, size_t n);
/* The newest line before line `before` that contains needle (ignoring
 * case), or -1. */
long panel_log_search(struct panel_log *l, const char *needle, size_t before);
/* Every line to f (the panel never came up: its lines still reach the terminal). */
void panel_log_dump(struct panel_log *l, FILE *f);

#endif
