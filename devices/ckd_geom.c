/* ckd_geom.c — the CKD device table: geometry, Sense ID and sense bytes.
 *
 * Cylinders, heads and track capacities are those of the IBM reference
 * summaries (2311, 2314, 3330, 3340, 3350, 3375, 3380) and agree with the
 * images Hercules 3.13's dasdinit creates (cylinder count, track slot
 * size).  Sense ID and the constant sense bytes 2, 3 and 4 are what Hercules
 * 3.13 presents for each type (measured with channel programs): no Sense
 * ID and six sense bytes on the 2311 and 2314; FF 3830 02 tttt mm on the
 * 3330, 3340 and 3350; FF 3880 05 tttt mm on the 3375 and 3380.  Sense
 * byte 4 is the base here plus the unit (ckd.c, cmd_sense).
 */
#include <string.h>
#include <strings.h>

#include "ckd.h"

static const struct ckd_geom geoms[] = {
    {"2311", 0x2311, 0x00, 0x11, 200, 10, 3625, 0, 0, 6, 0x00, 0xC8, 0x00, CKD_2841},
    {"2314", 0x2314, 0x00, 0x14, 200, 20, 7294, 0, 0, 6, 0x00, 0x40, 0x00, CKD_2841},
    {"3330", 0x3330, 0x01, 0x30, 404, 19, 13030, 0x3830, 0x02, 24, 0x00, 0x00, 0x28, CKD_3830},
    {"3330-1", 0x3330, 0x01, 0x30, 404, 19, 13030, 0x3830, 0x02, 24, 0x00, 0x00, 0x28, CKD_3830},
    {"3330-11", 0x3330, 0x11, 0x30, 808, 19, 13030, 0x3830, 0x02, 24, 0x00, 0x00, 0x20, CKD_3830},
    {"3330-2", 0x3330, 0x11, 0x30, 808, 19, 13030, 0x3830, 0x02, 24, 0x00, 0x00, 0x20, CKD_3830},
    {"3340", 0x3340, 0x01, 0x40, 348, 12, 8368, 0x3830, 0x02, 24, 0x80, 0x00, 0x00, CKD_3830},
    {"3340-1", 0x3340, 0x01, 0x40, 348, 12, 8368, 0x3830, 0x02, 24, 0x80, 0x00, 0x00, CKD_3830},
    {"3340-2", 0x3340, 0x02, 0x40, 696, 12, 8368, 0x3830, 0x02, 24, 0x82, 0x00, 0x00, CKD_3830},
    {"3350", 0x3350, 0x00, 0x50, 555, 30, 19069, 0x3830, 0x02, 24, 0x00, 0x00, 0x00, CKD_3830},
    {"3375", 0x3375, 0x02, 0x75, 959, 12, 35616, 0x3880, 0x05, 24, 0x00, 0x00, 0x00, CKD_3880},
    {"3380", 0x3380, 0x02, 0x80, 885, 15, 47476, 0x3880, 0x05, 24, 0x00, 0x00, 0x00, CKD_3880},
    {"3380-1", 0x3380, 0x02, 0x80, 885, 15, 47476, 0x3880, 0x05, 24, 0x00, 0x00, 0x00, CKD_3880},
    {"3380-E", 0x3380, 0x02, 0x80, 1770, 15, 47476, 0x3880, 0x05, 24, 0x00, 0x00, 0x00, CKD_3880},
    {"3380-K", 0x3380, 0x02, 0x80, 2655, 15, 47476, 0x3880, 0x05, 24, 0x00, 0x00, 0x00, CKD_3880},
};
enum { NGEOMS = sizeof geoms / sizeof geoms[0] };

const struct ckd_geom *ckd_geom_find(const char *name)
{
	for (int k = 0; k < NGEOMS; k++)
		if (!strcasecmp(geoms[k].name, name))
			return &geoms[k];
	return NULL;
}

/* The first entry of the code whose primary cylinders hold cyls; the
 * largest model when none does (an image with extra alternate cylinders). */
const struct ckd_geom *ckd_geom_by_code(uint8_t code, uint32_t cyls)
{
	const struct ckd_geom *last = NULL;
	for (int k = 0; k < NGEOMS; k++) {
		if (geoms[k].code != code)
			continue;
		if (cyls <= geoms[k].cyls)
			return &geoms[k];
		last = &geoms[k];
	}
	return last;
}

uint32_t ckd_track_size(const struct ckd_geom *g)
{
	uint32_t n = CKD_HA_LEN + CKD_COUNT_LEN + 8 + CKD_COUNT_LEN + g->r1max + CKD_EOT_LEN;
	return (n + 511) & ~511u;
}

uint32_t ckd_null_track(uint8_t *buf, uint32_t cc, uint32_t hh, bool eof)
{
	uint8_t *p = buf;
	p[0] = 0;
	ckd_put16(p + 1, (uint16_t)cc);
	ckd_put16(p + 3, (uint16_t)hh);
	p += CKD_HA_LEN;
	ckd_put16(p, (uint16_t)cc);
	ckd_put16(p + 2, (uint16_t)hh);
	p[4] = 0; /* R0 */
	p[5] = 0; /* no key */
	ckd_put16(p + 6, 8);
	memset(p + 8, 0, 8);
	p += CKD_COUNT_LEN + 8;
	if (eof) {
		ckd_put16(p, (uint16_t)cc);
		ckd_put16(p + 2, (uint16_t)hh);
		p[4] = 1;
		p[5] = 0;
		ckd_put16(p + 6, 0);
		p += CKD_COUNT_LEN;
	}
	memset(p, 0xFF, CKD_EOT_LEN);
	p += CKD_EOT_LEN;
	return (uint32_t)(p - buf);
}

uint32_t ckd_track_used(const uint8_t *buf, uint32_t len)
{
	static const uint8_t eot[CKD_EOT_LEN] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	uint32_t off = CKD_HA_LEN;
	while (off + CKD_COUNT_LEN <= len) {
		if (!memcmp(buf + off, eot, CKD_EOT_LEN))
			return off + CKD_EOT_LEN;
		off += CKD_COUNT_LEN + buf[off + 5] + ckd_be16(buf + off + 6);
	}
	return 0;
}
