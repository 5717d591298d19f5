/* cmd_define.c — DEFINE (a user changes the configuration of the virtual
 * machine), and the operator's ATTACH and DETACH of real devices. */
#include "cp.h"

void define_cmd(struct user *u, char *rest)
{
	(void)rest;
	user_printf(u, "S37CDF003E DEFINE is not available yet");
}

void attach_cmd(struct user *u, char *rest)
{
	(void)rest;
	user_printf(u, "S37CAT003E ATTACH is not available yet");
}

void detach_real_cmd(struct user *u, char *raddr, char *from, char *rest)
{
	(void)raddr, (void)from, (void)rest;
	user_printf(u, "S37DTA026E Operand missing or invalid (DETACH vaddr)");
}
