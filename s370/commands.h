/* commands.h — the operator's commands (Hercules syntax), one table.
 *
 * A command line is a command name (case-insensitive) and operands separated
 * by blanks.  Each command reports its result, or one error line naming
 * itself, on the console; none of them can bring the program down.
 */
#ifndef S370_COMMANDS_H
#define S370_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console.h"
#include "machine.h"
#include "panel_stats.h"

struct cmd_ctx {
	struct machine *m;
	struct console *con;
	bool quit; /* quit/exit was given */
	int script_depth;
	/* true when scripts and pauses must end now (signal, --exit-on-wait);
	 * NULL = only quit. */
	bool (*should_stop)(struct cmd_ctx *x);
	void *ctx;
	struct panel_rate_mark rate;    /* maxrates: the start of the interval */
	struct panel_counts stats_mark; /* stats: the previous snapshot */
};

struct cmd {
	const char *name;
	int (*fn)(struct cmd_ctx *x, int argc, char **argv, const char *rest);
	const char *args; /* operand syntax for help */
	const char *help; /* one line */
};
extern const struct cmd cmd_table[];

void cmd_init(struct cmd_ctx *x, struct machine *m, struct console *con);
/* Run one command line: 0, or -1 after an error line. Blank and comment lines do nothing. */
int cmd_execute(struct cmd_ctx *x, const char *line);
/* Run the commands of a file, echoing each. */
int cmd_script(struct cmd_ctx *x, const char *path);

/* stats (panel_stats.c): the counters of the virtualization view. */
int panel_stats_cmd(struct cmd_ctx *x, int argc, char **argv, const char *rest);

/* Parsing and formatting, shared with tests. */
/* A hex number of 1-8 digits and nothing else: 0 or -1. */
int cmd_parse_hex(const char *s, uint32_t *v);
/* "ADDR", "ADDR-END" or "ADDR.LEN" (hex) within storage of size bytes;
 * deflen when only ADDR is given.  0, or -1 with a message in err. */
int cmd_parse_range(const char *s, uint32_t size, uint32_t deflen, uint32_t *start, uint32_t *len, char *err,
                    size_t errlen);
/* One display line: "R:00000100  01020304 ... *....*" for up to 16 bytes. */
void cmd_format_line(char kind, uint32_t addr, const uint8_t *b, int n, char *out, size_t outlen);
/* EBCDIC code page 037 to a printable ASCII character ('.' when none). */
char cmd_ebcdic_char(uint8_t c);

#endif
