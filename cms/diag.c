/* diag.c — CMS's calls to CP by DIAGNOSE (VM/370 System Programmer's Guide,
 * "DIAGNOSE Instruction in a Virtual Machine"; cp/diag.c is the other side).
 * The instruction itself is in diagx.S. */
#include "cmsfs.h"
#include "nucleus.h"

/* X'08': a CP command.  With resp, CP's lines come back into resp (X'15'
 * between them, translated here to \n) instead of going to the console. */
int cms_cp(const char *command, char *resp, size_t rmax)
{
	static uint8_t text[240], buf[8192];
	size_t n = strlen(command);
	if (n > sizeof text)
		n = sizeof text;
	cms_a2e(text, command, n);
	struct cms_dregs d = {.r2 = (uint32_t)(uintptr_t)text, .r4 = (uint32_t)n};
	if (resp) {
		d.r3 = (uint32_t)(uintptr_t)buf;
		d.r4 |= 0x40000000u; /* the answer to the buffer */
		d.r5 = sizeof buf;
	}
	if (n == 0)
		return 0; /* (no command would be CP READ) */
	cms_diag08(&d);
	if (resp && rmax) {
		uint32_t used = d.cc == 0 ? d.r5 : 0;
		if (used > sizeof buf)
			used = sizeof buf;
		size_t k = 0;
		for (uint32_t i = 0; i < used && k + 1 < rmax; i++)
			resp[k++] = buf[i] == 0x15 ? '\n' : (char)cp_e2a[buf[i]];
		resp[k] = 0;
	}
	return (int)d.r4;
}

uint32_t cms_storage_size(void)
{
	static uint32_t size; /* (asked once: a DEFINE STORAGE resets the machine, and CMS starts anew) */
	if (!size) {
		struct cms_dregs d = {0};
		cms_diag60(&d);
		size = d.r2;
	}
	return size;
}

uint16_t cms_dev_type(uint16_t addr)
{
	struct cms_dregs d = {.r2 = addr};
	if (cms_diag24(&d) == 3)
		return 0;
	/* VM/370's class and type codes back to the device's number */
	static const struct {
		uint16_t code, type;
	} types[] = {
	    {0x8000, 0x3215}, {0x4004, 0x3277}, {0x4001, 0x3278}, {0x2082, 0x2540}, {0x2084, 0x3505},
	    {0x2081, 0x2501}, {0x1041, 0x1403}, {0x1042, 0x3211}, {0x1084, 0x3525}, {0x1082, 0x2540},
	    {0x0810, 0x3420}, {0x0801, 0x3480}, {0x0440, 0x2314}, {0x0410, 0x3330}, {0x0408, 0x3350},
	    {0x0101, 0x3370}, /* FBA-512: a 3310 or a 3370 (cms/blk.c asks Sense ID) */
	};
	uint16_t code = (uint16_t)(d.r4 >> 16);
	for (unsigned k = 0; k < sizeof types / sizeof types[0]; k++)
		if (types[k].code == code)
			return types[k].type;
	return 0xFFFF; /* a device of a type CMS has no name for */
}

/* X'0C': the date and time, and the virtual and total CPU time used. */
void cms_clock(struct cms_clock *c)
{
	static uint8_t p[32] __attribute__((aligned(8)));
	struct cms_dregs d = {.r2 = (uint32_t)(uintptr_t)p};
	cms_diag0C(&d);
	char t[17];
	cms_e2a(t, p, 16); /* MM/DD/YYHH:MM:SS */
	t[16] = 0;
#define N2(i) ((t[i] - '0') * 10 + (t[(i) + 1] - '0'))
	c->month = (uint8_t)N2(0);
	c->day = (uint8_t)N2(3);
	c->year = (uint16_t)(N2(6) < 70 ? 2000 + N2(6) : 1900 + N2(6));
	c->hour = (uint8_t)N2(8);
	c->minute = (uint8_t)N2(11);
	c->second = (uint8_t)N2(14);
#undef N2
	/* microseconds: the low words serve for a little over an hour */
	c->vcpu_us = (uint32_t)p[20] << 24 | (uint32_t)p[21] << 16 | (uint32_t)p[22] << 8 | p[23];
	c->tcpu_us = (uint32_t)p[28] << 24 | (uint32_t)p[29] << 16 | (uint32_t)p[30] << 8 | p[31];
}

/* The file system's clock (cmsfs.h): the guest's time of day. */
void fs_now(struct cms_fst *stamp)
{
	struct cms_clock c;
	cms_clock(&c);
	stamp->year = c.year;
	stamp->month = c.month;
	stamp->day = c.day;
	stamp->hour = c.hour;
	stamp->minute = c.minute;
	stamp->second = c.second;
}
