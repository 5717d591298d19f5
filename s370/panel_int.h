/* panel_int.h — the panel's own state, shared by panel.c (life cycle, keys)
 * and panel_draw.c (the screen).  Not for other modules: see panel.h. */
#ifndef S370_PANEL_INT_H
#define S370_PANEL_INT_H

#include <stdint.h>

#include "chansys.h"
#include "panel.h"
#include "panel_input.h"
#include "panel_log.h"
#include "panel_stats.h"

enum panel_regs { PANEL_GPR, PANEL_CR, PANEL_FPR };
enum panel_view { PANEL_DEVICES, PANEL_VIRT, PANEL_BOTH };
enum { PANEL_MAX_DEVLINES = 256, PANEL_MSG = 512, PANEL_BOTH_COLS = 124 };

struct panel_devline {
	char text[240];
	bool busy;
};

struct panel {
	struct panel_env env;
	struct panel_log log;
	int wake_rd, wake_wr;
	bool open; /* ncurses is up */
	bool color;

	struct panel_edit ed;  /* the command line */
	struct panel_edit sed; /* the search prompt */
	bool searching;        /* ^F: the bottom line is the search prompt */
	char needle[128];      /* the last search */
	long match;            /* log line of the last match, -1 = none */
	long scroll;           /* log lines above the bottom (0 = follow the output) */
	int log_rows;          /* rows of the log pane in the last frame */
	char msg[PANEL_MSG];   /* a transient message on the key line */
	uint64_t msg_until;
	char last_ipl[64];  /* F8 proposes it again */
	const char **names; /* command names for completion */

	enum panel_regs regs;
	enum panel_view view;

	/* Sampled once a second (rates) and four times a second (devices). */
	uint64_t next_sample, next_devs;
	struct panel_rate_mark mark;
	double mips, siops;
	struct panel_counts prev, now; /* the last interval, for per-second rates */
	int ndevlines;
	struct panel_devline devlines[PANEL_MAX_DEVLINES];
};

/* panel_draw.c */
void panel_draw(struct panel *p);
void panel_refresh_devices(struct panel *p);

#endif
