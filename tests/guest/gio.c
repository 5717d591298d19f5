/* gio.c — START I/O, waiting, and the console, for the bare test guests (gio.h). */
#include "gio.h"

int g_sio(uint16_t dev)
{
	int cc;
	__asm__ volatile(".insn s,0x9c000000,0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"((uint32_t)dev) : "cc", "memory");
	return cc;
}

/* gstart.S's I/O handler sets G_IODONE and resumes the wait PSW with its
 * wait bit off: the LPSW below then goes on at 1:. */
void g_wait_io(void)
{
	static volatile uint32_t psw[2] __attribute__((aligned(8)));
	psw[0] = 0xFE020000u; /* BC mode, channels enabled, the wait bit */
	while (!G_IODONE)
		__asm__ volatile("larl %%r1,1f\n\tst %%r1,4(%0)\n\tlpsw 0(%0)\n1:" : : "a"(psw) : "r1", "memory");
}

int g_start(uint16_t dev, const struct ccw *p)
{
	CAW = (uint32_t)(uintptr_t)p;
	G_IODONE = 0;
	int cc = g_sio(dev);
	if (cc == 0)
		g_wait_io();
	return cc;
}

void g_say(const char *fmt, ...)
{
	static char line[130];
	static uint8_t out[130];
	static struct ccw w __attribute__((aligned(8)));
	va_list ap;
	va_start(ap, fmt);
	int n = cp_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 1)
		n = sizeof line - 1;
	cp_to_ebcdic(out, line, (size_t)n);
	ccw_set(&w, 0x09, out, CCW_SLI, (uint16_t)n);
	g_start(G_CONS, &w);
}
