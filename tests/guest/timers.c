/* timers.c — a bare guest that checks its virtual machine's timers.
 *
 * Run by tests/cli/cp_timers.sh in ALICE's machine under our CP
 * (cp/vtimer.c).  What it checks (GA22-7000, "Timing Facilities" and
 * "External Interruption"; VM/370's rules for a virtual machine's time):
 *   - SCKC/STCKC and SPT/STPT give back what was set (the CPU timer less
 *     the little the machine ran in between);
 *   - the CPU timer counts the machine's own time: down while it loops, not
 *     across an enabled wait that its clock comparator ends;
 *   - the interval timer at location 80 (bit 31 = 1/76800 s) counts the
 *     time the machine runs (SET TIMER ON, the default), not its waits; it
 *     interrupts (X'0080') when it goes negative, only with CR0 bit 24 on,
 *     and a request made while that bit is off waits until it is set, and
 *     is taken once;
 *   - the clock comparator's interruption in the BC mode (code in the old
 *     PSW's bytes 2-3) and in the EC mode (code at 134-135);
 *   - the CPU timer interrupts a looping machine;
 *   - several requests at once come in the manual's order: interval timer,
 *     clock comparator, CPU timer.
 * One line per check on the console, "Tnn text: OK" or "Tnn text: WRONG"
 * with what it saw, then "TIMERS: n OF m OK".  Then it asks CP (DIAGNOSE 8)
 * for SET TIMER REAL and OFF and checks those ("Rnn", "SET TIMER: n OF m
 * OK"), and SET TIMER ON again.  Every time limit is generous: the machine
 * the tests run on may be slow and busy.
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

#define EXT_N (*(volatile uint16_t *)0x820)     /* external interruptions taken */
#define EXT_OLD ((volatile uint8_t *)0x828)     /* the last one's old PSW */
#define EXT_LOW ((volatile uint8_t *)0x830)     /* ... and locations 132-135 (EC mode: the code at 134) */
#define ITIMER (*(volatile int32_t *)80)

enum { CONS = 0x009 };
enum { CR0_CKC = 0x800, CR0_CPT = 0x400, CR0_ITIMER = 0x80 };

/* The external handler (gstart.S's would lose the EC mode's code): note the
 * old PSW, 132-135 and the count, and resume with the external mask and
 * the wait bit off. */
__asm__(".text\n"
        "	.align	4\n"
        "t_ext:\n"
        "	mvc	0x828(8),24\n"
        "	mvc	0x830(4),132\n"
        "	mvc	0x812(2),26\n"
        "	st	%r1,0x838\n"
        "	lh	%r1,0x820\n"
        "	ahi	%r1,1\n"
        "	sth	%r1,0x820\n"
        "	l	%r1,0x838\n"
        "	ni	24,0xFE\n"
        "	ni	25,0xFD\n"
        "	lpsw	24\n");
extern char t_ext[];

static uint64_t tod(void)
{
	uint64_t t;
	__asm__ volatile("stck %0" : "=Q"(t) : : "cc");
	return t;
}

static uint64_t ms_tod(uint32_t ms) { return ((uint64_t)ms * 1000u) << 12; }
static uint32_t tod_us(uint64_t t) { return (uint32_t)(t >> 12); }

static void sckc(uint64_t v)
{
	static uint64_t x __attribute__((aligned(8)));
	x = v;
	__asm__ volatile("sckc 0(%0)" : : "a"(&x) : "memory");
}
static uint64_t stckc(void)
{
	static uint64_t x __attribute__((aligned(8)));
	__asm__ volatile("stckc 0(%0)" : : "a"(&x) : "memory");
	return x;
}
static void spt(int64_t v)
{
	static int64_t x __attribute__((aligned(8)));
	x = v;
	__asm__ volatile("spt 0(%0)" : : "a"(&x) : "memory");
}
static int64_t stpt(void)
{
	static int64_t x __attribute__((aligned(8)));
	__asm__ volatile("stpt 0(%0)" : : "a"(&x) : "memory");
	return x;
}
static void lctl0(uint32_t v)
{
	static uint32_t x __attribute__((aligned(4)));
	x = v;
	__asm__ volatile("lctl 0,0,0(%0)" : : "a"(&x) : "memory");
}
static void ext_on(void)
{
	static uint8_t m;
	__asm__ volatile("stosm 0(%0),0x01" : : "a"(&m) : "memory");
}
static void ext_off(void)
{
	static uint8_t m;
	__asm__ volatile("stnsm 0(%0),0xFE" : : "a"(&m) : "memory");
}

/* Load a PSW whose bytes 0-3 are hi, going on at the next instruction (with
 * the wait bit: once an interruption's handler resumes it). */
static void load_psw(uint32_t hi)
{
	static volatile uint32_t psw[2] __attribute__((aligned(8)));
	psw[0] = hi;
	__asm__ volatile("larl %%r1,1f\n\tst %%r1,4(%0)\n\tlpsw 0(%0)\n1:" : : "a"(psw) : "r1", "cc", "memory");
}

/* Loop for ms milliseconds of the TOD clock (the machine runs). */
static void spin(uint32_t ms)
{
	uint64_t end = tod() + ms_tod(ms);
	while (tod() < end)
		;
}

/* Loop enabled for external interruptions until one comes (at most ms);
 * disabled again either way.  True when one came. */
static bool spin_ext(uint32_t ms)
{
	uint16_t n = EXT_N;
	uint64_t end = tod() + ms_tod(ms);
	ext_on();
	while (EXT_N == n && tod() < end)
		;
	ext_off();
	return EXT_N != n;
}

/* An enabled wait (BC mode, or EC with ec) until an external interruption
 * comes: something must end it (a clock comparator set by the caller). */
static void wait_ext(bool ec)
{
	uint16_t n = EXT_N;
	while (EXT_N == n)
		load_psw(ec ? 0x010A0000u : 0x01020000u);
	if (ec)
		load_psw(0); /* back to the BC mode, disabled */
}

/* ---- the console ---- */



/* A CP command (DIAGNOSE 8). */
static void cp_cmd(const char *text)
{
	static uint8_t e[40];
	size_t n = strlen(text);
	cp_to_ebcdic(e, text, n);
	__asm__ volatile("lr %%r2,%0\n\tlr %%r3,%1\n\t.insn rs,0x83000000,%%r2,%%r3,8(%%r0)"
	                 : : "a"(e), "d"((uint32_t)n) : "r2", "r3", "cc", "memory");
}

static uint32_t passed, total;
static char seen[80];
static char prefix = 'T';

static void check(const char *name, bool ok)
{
	total++;
	passed += ok;
	g_say("%c%02u %s: %s%s", prefix, total, name, ok ? "OK" : "WRONG ", ok ? "" : seen);
}

/* Interval-timer units (1/76800 s) in us microseconds, in 32 bits. */
static uint32_t it_units(uint32_t us) { return us / 10000u * 768u + us % 10000u * 768u / 10000u; }

/* ---- the checks ---- */

static void check_set_and_store(void)
{
	uint64_t v = 0x0123456789ABCDE0ull;
	sckc(v);
	uint64_t got = stckc();
	cp_format(seen, sizeof seen, "%08X%08X", (uint32_t)(got >> 32), (uint32_t)got);
	check("STCKC GIVES WHAT SCKC SET", got == v);
	sckc(~0ull);

	int64_t x = (int64_t)ms_tod(5000) + 0xABC, y;
	spt(x);
	y = stpt();
	cp_format(seen, sizeof seen, "set %08X%08X, stored %08X%08X", (uint32_t)((uint64_t)x >> 32), (uint32_t)x,
	          (uint32_t)((uint64_t)y >> 32), (uint32_t)y);
	check("STPT GIVES WHAT SPT SET, LESS ITS RUN", y <= x && x - y < (int64_t)ms_tod(50));

	x = -(int64_t)ms_tod(1000) + 0x123;
	spt(x);
	y = stpt();
	cp_format(seen, sizeof seen, "set %08X%08X, stored %08X%08X", (uint32_t)((uint64_t)x >> 32), (uint32_t)x,
	          (uint32_t)((uint64_t)y >> 32), (uint32_t)y);
	check("STPT OF A NEGATIVE CPU TIMER", y <= x && x - y < (int64_t)ms_tod(50));
}

static void check_cpu_time(void)
{
	/* looping: the CPU timer goes down by about the time it ran */
	spt((int64_t)ms_tod(10000));
	int64_t a = stpt();
	uint64_t s = tod();
	spin(100);
	uint64_t e = tod();
	int64_t b = stpt();
	uint32_t ran = tod_us(e - s), down = tod_us((uint64_t)(a - b));
	cp_format(seen, sizeof seen, "ran %u us, the timer went down %u us", ran, down);
	check("CPU TIMER COUNTS DOWN WHILE THE MACHINE RUNS", a > b && down >= ran / 2 && down <= ran + 50000);

	/* an enabled wait of 200 ms that the clock comparator ends: neither the
	 * CPU timer nor the interval timer (SET TIMER ON) counts it */
	ITIMER = 0x10000000;
	lctl0(CR0_CKC);
	a = stpt();
	s = tod();
	sckc(s + ms_tod(200));
	wait_ext(false);
	e = tod();
	b = stpt();
	int32_t it = ITIMER;
	uint16_t code = G_EXTCODE;
	lctl0(0);
	sckc(~0ull);
	uint32_t waited = tod_us(e - s);
	down = tod_us((uint64_t)(a - b));
	cp_format(seen, sizeof seen, "code %04X, waited %u us, the timer went down %u us", code, waited, down);
	check("CPU TIMER STANDS STILL IN A WAIT", code == 0x1004 && waited >= 200000 && a >= b && down < waited / 2);
	uint32_t dec = 0x10000000u - (uint32_t)it;
	cp_format(seen, sizeof seen, "waited %u us, the interval timer went down %u units", waited, dec);
	check("INTERVAL TIMER STANDS STILL IN A WAIT", dec < it_units(waited) / 2);
}

static void check_interval_timer(void)
{
	/* it counts the time the machine runs (location 80 is brought up to
	 * date at least at the end of each time slice) */
	ITIMER = 0x10000000;
	uint64_t s = tod();
	spin(200);
	uint32_t ran = tod_us(tod() - s);
	uint32_t dec = 0x10000000u - (uint32_t)ITIMER, want = it_units(ran);
	cp_format(seen, sizeof seen, "ran %u us (%u units), it went down %u", ran, want, dec);
	check("INTERVAL TIMER COUNTS THE TIME THE MACHINE RUNS", dec >= want / 2 && dec <= want + it_units(50000));

	/* from positive to negative, CR0 bit 24 on: X'0080' */
	lctl0(CR0_ITIMER);
	ITIMER = (int32_t)it_units(20000);
	s = tod();
	bool came = spin_ext(5000);
	uint32_t after = tod_us(tod() - s);
	cp_format(seen, sizeof seen, "came %d, code %04X after %u us, timer %08X", came, G_EXTCODE, after,
	          (uint32_t)ITIMER);
	check("INTERVAL TIMER INTERRUPTION", came && G_EXTCODE == 0x0080 && after >= 10000 && ITIMER < 0);

	/* CR0 bit 24 off: the request waits, and is taken once the bit is on */
	lctl0(0);
	ITIMER = (int32_t)it_units(10000);
	came = spin_ext(100);
	cp_format(seen, sizeof seen, "came %d, code %04X, timer %08X", came, G_EXTCODE, (uint32_t)ITIMER);
	check("NO INTERVAL TIMER INTERRUPTION WITH CR0 BIT 24 OFF", !came && ITIMER < 0);
	G_EXTCODE = 0;
	uint16_t n = EXT_N;
	ext_on();
	lctl0(CR0_ITIMER); /* the pending request comes as soon as CP has simulated this */
	came = EXT_N != n;
	ext_off();
	cp_format(seen, sizeof seen, "came %d, code %04X", came, G_EXTCODE);
	check("PENDING, IT COMES WHEN CR0 BIT 24 IS SET", came && G_EXTCODE == 0x0080);
	came = spin_ext(50);
	cp_format(seen, sizeof seen, "again: code %04X", G_EXTCODE);
	check("THE REQUEST IS TAKEN ONCE", !came);
	lctl0(0);
}

static void check_clock_comparator(void)
{
	lctl0(CR0_CKC);
	uint64_t at = tod() + ms_tod(30);
	sckc(at);
	wait_ext(false);
	uint64_t now = tod();
	cp_format(seen, sizeof seen, "old PSW %02X%02X%02X%02X, %s", EXT_OLD[0], EXT_OLD[1], EXT_OLD[2], EXT_OLD[3],
	          now >= at ? "on time" : "early");
	check("CLOCK COMPARATOR, BC MODE: CODE IN THE OLD PSW", EXT_OLD[0] == 0x01 && EXT_OLD[1] == 0x02 &&
	                                                        EXT_OLD[2] == 0x10 && EXT_OLD[3] == 0x04 && now >= at);

	at = tod() + ms_tod(30);
	sckc(at);
	EXT_LOW[2] = EXT_LOW[3] = 0;
	wait_ext(true);
	now = tod();
	cp_format(seen, sizeof seen, "old PSW %02X%02X%02X%02X, at 134 %02X%02X, %s", EXT_OLD[0], EXT_OLD[1],
	          EXT_OLD[2], EXT_OLD[3], EXT_LOW[2], EXT_LOW[3], now >= at ? "on time" : "early");
	check("CLOCK COMPARATOR, EC MODE: CODE AT 134", EXT_OLD[0] == 0x01 && EXT_OLD[1] == 0x0A && EXT_OLD[2] == 0 &&
	                                                EXT_OLD[3] == 0 && EXT_LOW[2] == 0x10 && EXT_LOW[3] == 0x04 &&
	                                                now >= at);
	sckc(~0ull);
	lctl0(0);
}

static void check_cpu_timer_interruption(void)
{
	lctl0(CR0_CPT);
	spt((int64_t)ms_tod(30));
	uint64_t s = tod();
	bool came = spin_ext(5000);
	uint32_t after = tod_us(tod() - s);
	int64_t t = stpt();
	spt((int64_t)ms_tod(10000));
	lctl0(0);
	cp_format(seen, sizeof seen, "came %d, code %04X after %u us", came, G_EXTCODE, after);
	check("CPU TIMER INTERRUPTS THE LOOPING MACHINE", came && G_EXTCODE == 0x1005 && after >= 15000 && t < 0);
}

/* All three pending while the machine is disabled; enabled, they come one
 * at a time, highest priority first (the clock comparator's condition stays
 * until the comparator is set ahead). */
static void check_priority(void)
{
	ext_off();
	lctl0(CR0_CKC | CR0_CPT | CR0_ITIMER);
	sckc(0);
	spt(-1);
	ITIMER = 1;
	spin(20);
	uint16_t codes[3] = {0, 0, 0};
	for (int k = 0; k < 3; k++) {
		if (spin_ext(1000))
			codes[k] = G_EXTCODE;
		if (k == 1)
			sckc(~0ull);
	}
	spt((int64_t)ms_tod(10000));
	lctl0(0);
	cp_format(seen, sizeof seen, "codes %04X %04X %04X", codes[0], codes[1], codes[2]);
	check("PRIORITY: INTERVAL TIMER, CLOCK COMPARATOR, CPU TIMER",
	      codes[0] == 0x0080 && codes[1] == 0x1004 && codes[2] == 0x1005);
}

/* SET TIMER REAL: the interval timer counts the time of day, in a wait
 * too, and wakes a waiting machine; SET TIMER OFF: it stands still. */
static void check_set_timer(void)
{
	cp_cmd("SET TIMER REAL");
	ITIMER = 0x10000000;
	lctl0(CR0_CKC);
	uint64_t s = tod();
	sckc(s + ms_tod(200));
	wait_ext(false);
	uint32_t waited = tod_us(tod() - s), dec = 0x10000000u - (uint32_t)ITIMER, want = it_units(waited);
	cp_format(seen, sizeof seen, "waited %u us (%u units), it went down %u", waited, want, dec);
	check("INTERVAL TIMER COUNTS A WAIT UNDER SET TIMER REAL", dec >= want / 2 && dec <= want + it_units(50000));

	lctl0(CR0_CKC | CR0_ITIMER); /* the clock comparator only ends the wait if the interval timer does not */
	s = tod();
	sckc(s + ms_tod(3000));
	ITIMER = (int32_t)it_units(50000);
	wait_ext(false);
	waited = tod_us(tod() - s);
	cp_format(seen, sizeof seen, "code %04X after %u us", G_EXTCODE, waited);
	check("INTERVAL TIMER WAKES A WAITING MACHINE UNDER REAL", G_EXTCODE == 0x0080 && waited < 2000000);
	sckc(~0ull);
	lctl0(0);

	cp_cmd("SET TIMER OFF");
	ITIMER = 0x10000000;
	spin(100);
	cp_format(seen, sizeof seen, "timer %08X", (uint32_t)ITIMER);
	check("INTERVAL TIMER STANDS STILL UNDER SET TIMER OFF", ITIMER == 0x10000000);
	cp_cmd("SET TIMER ON");
}

int main(void)
{
	*(volatile uint32_t *)88 = 0; /* external new PSW: BC, disabled, t_ext */
	*(volatile uint32_t *)92 = (uint32_t)(uintptr_t)t_ext;
	/* location 80 was zero after the IPL, and CR0 bit 24 is on after a
	 * reset: the interval timer's request from then is taken first */
	ITIMER = 0x10000000;
	spin_ext(10);
	lctl0(0);
	g_say("TIMER CHECKS BEGIN");
	check_set_and_store();
	check_cpu_time();
	check_interval_timer();
	check_clock_comparator();
	check_cpu_timer_interruption();
	check_priority();
	g_say("TIMERS: %u OF %u OK", passed, total);
	passed = total = 0;
	prefix = 'R';
	check_set_timer();
	g_say("SET TIMER: %u OF %u OK", passed, total);
	return 0;
}
