/* config.h — the system configuration file, Hercules syntax.
 *
 * A configuration file is a list of statements, one a line:
 *
 *     KEYWORD operand ...          system statement (keyword case-insensitive)
 *     ccuu[-ccuu|.n][,...] type [argument ...]
 *                                   device statement (hex device address first)
 *     # comment / * comment         whole-line comments; " #..." ends a line
 *
 * $(NAME) is replaced by a DEFSYM symbol or an environment variable (empty if
 * neither exists); $$( keeps the text as it is.  INCLUDE reads another file in
 * place, eight levels deep at most.
 *
 * The parser only records what the file says; machine.c applies it.  Errors
 * and warnings are written to a stream given by the caller as
 * "FILE:LINE: message", so that tests can read them.
 */
#ifndef S370_CONFIG_H
#define S370_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define CONFIG_MAX_MAINSIZE 16 /* megabytes: 24-bit addressing */

/* One device statement: a list of address ranges, a device type and the
 * remaining operands as written (quotes removed).  $(CUU), $(CCUU), $(cuu)
 * and $(ccuu) are left in the arguments for config_dev_arg() to expand per
 * device. */
struct config_devrange {
	uint16_t first, last;
};
struct config_dev {
	struct config_devrange *ranges;
	int nranges;
	char *type;  /* e.g. "3215", "3270", "3330" */
	char **args; /* operands after the type */
	int nargs;
	char *file; /* where it was defined, for messages */
	int line;
};

struct config_sym {
	char *name, *value;
};

enum { CONFIG_CHAN_DEFAULT, CONFIG_CHAN_SELECTOR, CONFIG_CHAN_BYTEMPX, CONFIG_CHAN_BLKMPX };

struct config {
	int mainsize_mb; /* MAINSIZE */
	int numcpu;      /* NUMCPU (always 1) */
	bool s37x;       /* S37X ON|OFF */
	/* STIDP fields; *_set tells whether the file gave them. */
	uint8_t cpuverid;
	uint32_t cpuserial; /* 6 hex digits */
	uint16_t cpumodel;  /* 4 hex digits */
	bool cpuverid_set, cpuserial_set, cpumodel_set;
	char cnslhost[64]; /* CNSLPORT [host:]port (default 3270); empty host = any */
	int cnslport;
	/* The TN3270 server's sessions (docs/tn3270.md). */
	char tlshost[64]; /* TN3270TLS [host:]port certfile keyfile; empty host = 127.0.0.1 */
	int tlsport;      /* 0: no TLS port */
	char tlscert[256], tlskey[256];
	int kpalv_idle; /* CONKPALV (idle,intv,count): TCP keepalive, seconds; idle 0: off */
	int kpalv_intv, kpalv_cnt;
	int tnprobe;      /* TN3270PROBE seconds: telnet TIMING-MARK probe; 0: off */
	int tnidle;       /* TN3270IDLE seconds: close a session without input; 0: never */
	int tnmax;        /* TN3270MAX sessions on the console ports */
	char logo[256];   /* LOGOFILE (or HERCLOGO) file: the connection screen; "": built in */
	char loadparm[9]; /* LOADPARM, upper case, NUL-terminated */
	/* TOD clock adjustments (SYSEPOCH, YROFFSET, TZOFFSET). */
	int sysepoch; /* 1900 default */
	int yroffset; /* years */
	int tzoffset; /* +-hhmm as written (e.g. -0500) */
	/* Accepted for later issues. */
	char diag8cmd[32]; /* DIAG8CMD operands as written */
	char codepage[32]; /* CODEPAGE */
	int timerint;      /* TIMERINT microseconds, 0 = default */
	/* CHANNEL n[-m] SELECTOR|BYTEMPX|BLKMPX (our own statement): the type
	 * of each channel, CONFIG_CHAN_DEFAULT where the file says nothing. */
	uint8_t chantype[256];

	struct config_dev *devs;
	int ndevs;
	struct config_sym *syms;
	int nsyms;

	FILE *msg;           /* errors and warnings go here (stderr by default) */
	bool warned_devices; /* the "not yet emulated" warning is given once */
	int depth;           /* INCLUDE nesting */
};

void config_defaults(struct config *cfg);
void config_free(struct config *cfg);

/* Read a file.  Returns 0, or -1 after printing "FILE:LINE: ..." to cfg->msg. */
int config_load(struct config *cfg, const char *path);
/* Parse one statement (already without its newline); used by config_load and tests. */
int config_statement(struct config *cfg, const char *file, int line, const char *text);

/* STIDP doubleword: version, serial (3 bytes), model (2 bytes), 0000.  Fields
 * the file did not give keep the value of dflt. */
uint64_t config_cpuid(const struct config *cfg, uint64_t dflt);
/* TOD-clock offset in TOD units (bit 51 = 1 us) implied by SYSEPOCH, YROFFSET
 * and TZOFFSET, to be added to the host TOD clock (cpu.tod_offset). */
int64_t config_tod_offset(const struct config *cfg);

/* Expand $(...) symbols of text into out (size n); false if it does not fit. */
bool config_substitute(const struct config *cfg, const char *text, char *out, size_t n);
/* Argument k of device statement d for device number devnum, with the device
 * group symbols ($(CUU), $(CCUU), $(cuu), $(ccuu)) expanded. */
void config_dev_arg(const struct config_dev *d, int k, uint16_t devnum, char *out, size_t n);
/* Parse a device address list "0190-0191,00C0.8": 0 or -1 (bad syntax). */
int config_parse_devaddrs(const char *s, struct config_devrange **ranges, int *n);

#endif
