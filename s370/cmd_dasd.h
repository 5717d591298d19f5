/* cmd_dasd.h — the DASD operator commands (sync, sf+, sf-, sfc, sfd), whose
 * work is in devices/dasd_shadow_cmd.c; cmd_dasd.c puts them on the console. */
#ifndef S370_CMD_DASD_H
#define S370_CMD_DASD_H

#include "commands.h"

int cmd_dasd(struct cmd_ctx *x, int argc, char **argv, const char *rest);

#endif
