/* echoguest.c — a small interactive guest for the load benchmark
 * (bench/load.sh, tests/cli/cp_load.sh): it reads a line from its console
 * and answers with a line its user can check, forever.
 *
 * The answer to a line "WORD REST" is
 *
 *     ANS WORD REVERSED-REST XXXX
 *
 * REVERSED-REST is REST backwards and XXXX the sum over REST's characters of
 * (ASCII code x position), positions from 1, modulo 65536, in 4 hexadecimal
 * digits.  So the client (bench/tnload.c -L) knows the answer is the one to
 * its own line and that the guest computed it, not just that something came.
 * WORD is whatever comes before the first blank (the client's sequence
 * number); a line without a blank has an empty REST.
 *
 * The line SPIN makes the machine CPU-bound for ever (it answers SPINNING,
 * then computes a checksum over its storage again and again and never reads
 * its console again): the load benchmark's proof that a CPU-bound user does
 * not slow the others' trivial commands (CP's scheduler, cp/sched.c).
 *
 * The console is the virtual 3215 at 009: Write (X'09') and Read inquiry
 * (X'0A', CP's VM READ), GA22-6866 / GA22-7000 "Input/Output Operations".
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

enum { LINE = 130 };

/* Read a line from the console into out (ASCII, 0-terminated): its length. */
static int read_line(char *out)
{
	static uint8_t buf[LINE];
	static struct ccw r __attribute__((aligned(8)));
	ccw_set(&r, 0x0A, buf, CCW_SLI, sizeof buf);
	if (g_start(G_CONS, &r) != 0)
		return -1;
	uint16_t resid = (uint16_t)(G_CSW[6] << 8 | G_CSW[7]);
	int n = resid <= sizeof buf ? (int)(sizeof buf - resid) : 0;
	for (int k = 0; k < n; k++)
		out[k] = (char)cp_e2a[buf[k]];
	out[n] = 0;
	return n;
}

/* CPU-bound for ever: a running checksum over the first 64K of storage. */
static void spin(void)
{
	volatile uint32_t sum = 0;
	for (;;)
		for (const volatile uint8_t *p = (const uint8_t *)0x1000; p < (const uint8_t *)0x10000; p++)
			sum = sum * 31 + *p;
}

int main(void)
{
	static char line[LINE + 1], ans[2 * LINE];
	g_say("ECHO READY");
	for (;;) {
		int n = read_line(line);
		if (n < 0) {
			g_say("ECHO: THE CONSOLE READ FAILED");
			return 1;
		}
		while (n > 0 && line[n - 1] == ' ')
			line[--n] = 0;
		if (n == 4 && line[0] == 'S' && line[1] == 'P' && line[2] == 'I' && line[3] == 'N') {
			g_say("SPINNING");
			spin();
		}
		int w = 0;
		while (w < n && line[w] != ' ')
			w++;
		const char *rest = line + w + (w < n);
		int rn = n - w - (w < n);
		uint32_t sum = 0;
		int m = 0;
		for (int k = 0; k < rn; k++) {
			sum += (uint32_t)(uint8_t)rest[k] * (uint32_t)(k + 1);
			ans[m++] = rest[rn - 1 - k];
		}
		ans[m] = 0;
		line[w] = 0;
		g_say("ANS %s %s %04X", line, ans, (unsigned)(sum & 0xFFFF));
	}
}
