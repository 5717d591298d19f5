/* console.c — the operator's console: CP's messages go to a 3215 (or 1052)
 * typewriter console as one Write, automatic carrier return (X'09'), per line.
 */
#include "cp.h"

static struct rdev *con;

void con_init(uint16_t prefer)
{
	con = io_find(prefer);
	if (con && con->cls == RDEV_CONSOLE)
		return;
	con = NULL;
	for (int k = 0; k < cp_nrdevs && !con; k++)
		if (cp_rdevs[k].cls == RDEV_CONSOLE)
			con = &cp_rdevs[k];
}

struct rdev *con_device(void)
{
	return con;
}

void con_printf(const char *fmt, ...)
{
	static char line[132];
	static uint8_t out[132];
	static struct ccw w;
	if (!con)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = cp_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof line)
		n = sizeof line - 1;
	cp_to_ebcdic(out, line, (size_t)n);
	ccw_set(&w, 0x09, out, CCW_SLI, (uint16_t)(n ? n : 1));
	if (!n)
		out[0] = 0x40;
	io_run(con, &w);
}
