/* clock.c — the time of day, from the TOD clock.
 *
 * STORE CLOCK gives the 64-bit TOD clock: bit 51 counts microseconds, and 0
 * is 00:00 on 1 January 1900 (GA22-7000, "Time-of-Day Clock").  What the
 * clock says is the machine's business (s370's SYSEPOCH/TZOFFSET); CP only
 * converts it.  There is no 64-bit division in CP (no libgcc for 31-bit
 * code), so the one division by 10^6 is DIVIDE LOGICAL (64 by 32 bits).
 */
#include "cp.h"

uint64_t cp_tod(void)
{
	uint64_t tod;
	__asm__ volatile("stck %0" : "=Q"(tod) : : "cc");
	return tod;
}

/* n / d with n / d < 2^32: DLR on an even/odd register pair. */
static uint32_t div64(uint64_t n, uint32_t d)
{
	__asm__("dlr %0,%1" : "+d"(n) : "d"(d) : "cc");
	return (uint32_t)n; /* the odd register: the quotient */
}

static const char *const wday[] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                                   "SUNDAY"};

void cp_time(struct cp_time *t)
{
	uint32_t secs = div64(cp_tod() >> 12, 1000000); /* since 1900: fits until 2036 */
	uint32_t days = secs / 86400, s = secs % 86400;
	t->hour = s / 3600;
	t->min = s / 60 % 60;
	t->sec = s % 60;
	t->weekday = wday[days % 7]; /* 1 January 1900 was a Monday */
	uint32_t y = 1900;
	for (;;) {
		uint32_t len = (y % 4 == 0 && y != 1900) ? 366 : 365; /* 1900-2099 */
		if (days < len)
			break;
		days -= len;
		y++;
	}
	static const uint8_t mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	uint32_t m = 0;
	for (; m < 12; m++) {
		uint32_t len = mdays[m] + (m == 1 && y % 4 == 0 && y != 1900);
		if (days < len)
			break;
		days -= len;
	}
	t->year = y;
	t->month = m + 1;
	t->day = days + 1;
}

void cp_time_text(char *buf, size_t size)
{
	struct cp_time t;
	cp_time(&t);
	cp_format(buf, size, "%02u:%02u:%02u %s %02u/%02u/%02u", t.hour, t.min, t.sec, t.weekday, t.month, t.day,
	          t.year % 100);
}

/* Milliseconds from now until the TOD clock reaches tod (0 if passed; at
 * most about 49 days). */
uint32_t cp_ms_until(uint64_t tod)
{
	uint64_t now = cp_tod();
	if (tod <= now)
		return 0;
	uint64_t d = (tod - now) >> 12; /* microseconds */
	if (d >> 32 >= 1000)
		return 0xFFFFFFFFu;
	return div64(d, 1000) + 1;
}
