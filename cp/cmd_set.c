/* cmd_set.c — SET (a user's terminal and machine settings) and SLEEP. */
#include "cp.h"

void set_cmd(struct user *u, char *rest)
{
	(void)rest;
	user_printf(u, "S37CST003E SET is not available yet");
}

void sleep_cmd(struct user *u, char *rest)
{
	(void)rest;
	user_printf(u, "S37CSL003E SLEEP is not available yet");
}
