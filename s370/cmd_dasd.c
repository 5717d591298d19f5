/* cmd_dasd.c — the DASD commands of the operator's console: sync, sf+,
 * sf-, sfc, sfd (devices/dasd_shadow_cmd.c does the work; docs/dasd.md). */
#include "cmd_dasd.h"
#include "chansys.h"
#include "ckdimg.h"

static void line_out(void *ctx, const char *line)
{
	struct cmd_ctx *x = ctx;
	console_printf(x->con, "%s", line);
}

int cmd_dasd(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (!x->m->chs) {
		console_printf(x->con, "%s: no channel subsystem", argv[0]);
		return -1;
	}
	return dasd_command(x->m->chs, argc, argv, line_out, x);
}
