/* ckd.h — count-key-data DASD: device geometry and the track layout shared
 * by the device (ckd.c), its table (ckd_geom.c) and the image formats
 * (dasd_ckdimg.c, dasd_cckd.c).
 *
 * A track, as the images keep it (the Hercules CKD layout):
 *
 *   +0  home address: flag byte (0), CC (2), HH (2)           5 bytes
 *   +5  R0 count: CC HH R KL DL (big-endian)                  8 bytes
 *       R0 key (KL bytes), R0 data (DL bytes, normally 8)
 *       R1 count, key, data ... Rn
 *       end of track: eight bytes X'FF' in place of a count
 *   the rest of the fixed-size track slot is unused (zeros).
 */
#ifndef DEVICES_CKD_H
#define DEVICES_CKD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	CKD_HA_LEN = 5,    /* home address as stored: flag, CC, HH */
	CKD_COUNT_LEN = 8, /* count area: CC HH R KL DL */
	CKD_EOT_LEN = 8,   /* end-of-track marker: 8 x X'FF' */
	CKD_DEVHDR_LEN = 512,
};

/* Storage-control families, for the sense format. */
enum ckd_family { CKD_2841, CKD_3830, CKD_3880 };

/* One CKD device type and model. */
struct ckd_geom {
	const char *name; /* "3350", "3330-11" */
	uint16_t type;    /* 0x3350 */
	uint8_t model;    /* Sense ID device model byte */
	uint8_t code;     /* the image header's device-type byte (X'50') */
	uint16_t cyls;    /* primary cylinders */
	uint16_t heads;   /* tracks per cylinder */
	uint32_t r1max;   /* track capacity: the longest R1 data without a key */
	uint16_t cu_type; /* control unit for Sense ID (0: no Sense ID) */
	uint8_t cu_model;
	uint8_t sense_len; /* 6 (2311, 2314) or 24 */
	uint8_t sense2;    /* constant sense bytes 2 and 3 as Hercules 3.13 reports them */
	uint8_t sense3;
	uint8_t sense4; /* sense byte 4 base; the unit address is added (ckd.c) */
	uint8_t family; /* enum ckd_family: how sense bytes 4-7 are made */
};

/* The geometry for a type name ("3330", "3330-11"), or NULL. */
const struct ckd_geom *ckd_geom_find(const char *name);
/* The geometry for an image header's device-type byte and cylinder count:
 * the model whose primary cylinders fit (a 3330 image of 808 cylinders is a
 * 3330-11).  NULL when the code is unknown. */
const struct ckd_geom *ckd_geom_by_code(uint8_t code, uint32_t cyls);
/* The image track slot size for a geometry (Hercules: HA, R0 with 8 data
 * bytes, the longest R1, end of track, rounded up to 512). */
uint32_t ckd_track_size(const struct ckd_geom *g);

/* Big-endian helpers for counts. */
static inline uint16_t ckd_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}
static inline void ckd_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Build an empty track for cylinder cc head hh into buf: HA, R0 with 8
 * zero data bytes, with eof an R1 that is an end-of-file record (no key, no
 * data), end of track.  Returns the used length. */
uint32_t ckd_null_track(uint8_t *buf, uint32_t cc, uint32_t hh, bool eof);
/* The length of a track image up to and including the end-of-track
 * marker, or 0 when the records run past len (a malformed track). */
uint32_t ckd_track_used(const uint8_t *buf, uint32_t len);

#endif
