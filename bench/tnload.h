/* tnload.h — what the TN3270 load generator's two parts share: tnload.c
 * (the telnet and TN3270/TN3270E client, the echo workload, main) and
 * tnload_cp.c (CP mode, -L: each client a user of our CP who logs on, IPLs
 * tests/guest/echoguest.c and types lines at it). */
#ifndef TNLOAD_H
#define TNLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { TNL_REC_MAX = 16384, TNL_COLS = 80, TNL_ROWS = 24 };

/* CP mode: where a client's script stands (tnload_cp.c). */
enum cpl_state {
	CPL_LOGO,     /* waiting for CP's logo */
	CPL_LOGON,    /* LOGON sent: waiting for CP READ */
	CPL_MORE,     /* TERMINAL MORE 0 sent */
	CPL_IPL,      /* IPL sent: waiting for the guest's ECHO READY and VM READ */
	CPL_SPIN,     /* a CPU-bound user: SPIN sent, waiting for SPINNING */
	CPL_SPINNING, /* ... its machine computes */
	CPL_STOP,     /* PA1 sent to a spinning machine: waiting for CP READ */
	CPL_STOPPED,
	CPL_THINK,  /* an interactive user between lines */
	CPL_WAIT,   /* ... waiting for the answer to its line */
	CPL_FAILED, /* something unexpected: the reason was printed */
};

struct client {
	int fd;
	int index; /* 0 .. N-1 */
	bool connected, ready, waiting;
	bool e;          /* TN3270E agreed */
	int iac;         /* telnet parser: 0 data, 1 after IAC, 2 option verb, 3 in SB, 4 SB IAC */
	uint8_t verb;    /* the verb awaiting its option */
	uint8_t sb[256]; /* subnegotiation being gathered */
	size_t sblen;
	uint8_t rec[TNL_REC_MAX]; /* record being gathered */
	size_t reclen;
	uint8_t out[4096]; /* not yet sent */
	size_t outlen;
	uint64_t sent_ns; /* when Enter went */
	uint64_t next_ns; /* think time: the next Enter goes then (0: none due) */
	unsigned answers;
	/* CP mode */
	enum cpl_state st;
	bool spinner;                  /* a CPU-bound user */
	char scr[TNL_ROWS * TNL_COLS]; /* the screen, in ASCII (blanks for nulls and attributes) */
	unsigned seq;                  /* lines typed */
	char line[48];                 /* the last line typed */
	char expect[64];               /* ... and its answer */
	uint32_t rnd;                  /* the payload's pseudo-random numbers */
	bool resend;                   /* NOT ACCEPTED: type the line again at VM READ */
	uint64_t state_ns;             /* when the state was entered */
};

uint64_t now_ns(void);
void tnl_put(struct client *c, const void *b, size_t n);

/* CP mode's settings and results (tnload_cp.c), set by main. */
struct cpl_conf {
	const char *user_fmt,
	    *pw_fmt;       /* printf formats of the user id and password, given the user's number */
	int first;         /* the first user's number */
	const char *ipl;   /* IPL what (the echo guest's minidisk) */
	uint64_t think_ns; /* mean think time; each one is 0.5-1.5 times it */
	uint64_t tmo_ns;   /* no answer so long: a time-out */
	bool typing;       /* the run phase: interactive users type */
	bool verbose;
};
extern struct cpl_conf cpl;
struct cpl_stats {
	unsigned logged_on, ready, spinning, stopped, failed;
	unsigned answers, wrong, timeouts, rejected;
	uint64_t *samples;
	size_t nsamples, maxsamples;
};
extern struct cpl_stats cpls;

void cpl_start(struct client *c, bool spinner);
void cpl_record(struct client *c, const uint8_t *r, size_t n); /* a 3270 record (after any TN3270E header) */
uint64_t cpl_tick(struct client *c, uint64_t now);             /* timers; the next deadline or 0 */
void cpl_stop_spinner(struct client *c);                       /* PA1 */
bool cpl_busy(const struct client *c);                         /* waiting for an answer */
void cpl_fail(struct client *c, const char *why);              /* say why, with the screen */

#endif
