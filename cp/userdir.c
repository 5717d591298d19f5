/* userdir.c — the user directory, read from the system volume at LOGON.
 *
 * tools/direct.c wrote it on cylinder DIR_CYL in records laid out by
 * cp/dirfmt.h: the header in R1 of the first track, then one record per
 * user, per_track records to a track.  CP reads one record with the classic
 * CKD channel program of every S/370 operating system:
 *
 *     Seek            BBCCHH          position the access arm and head
 *     Search ID Equal CCHHR           compare each count field as it passes;
 *     TIC *-8                         until it matches, go back and search again
 *     Read Data       the record      (status modifier on the match skips the TIC)
 *
 * The directory is read afresh at every LOGON, so a `direct write` onto the
 * volume takes effect without an IPL.
 */
#include "cp.h"
#include "dirfmt.h"
#include "sha256.h"

static struct rdev *sysvol;

void dir_init(struct rdev *ipl_device)
{
	sysvol = ipl_device;
}

/* Read record r of track (cyl, head) of the system volume into buf. */
static int read_record(uint16_t cyl, uint16_t head, uint8_t r, void *buf, uint16_t len)
{
	static uint8_t seek[6], search[5];
	static struct ccw prog[4];
	seek[0] = seek[1] = 0;
	seek[2] = (uint8_t)(cyl >> 8);
	seek[3] = (uint8_t)cyl;
	seek[4] = (uint8_t)(head >> 8);
	seek[5] = (uint8_t)head;
	memcpy(search, seek + 2, 4);
	search[4] = r;
	ccw_set(&prog[0], 0x07, seek, CCW_CC, 6);
	ccw_set(&prog[1], 0x31, search, CCW_CC, 5);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_set(&prog[3], 0x06, buf, CCW_SLI, len);
	if (!sysvol)
		return -1;
	int st = io_run(sysvol, prog);
	return st < 0 || (st & (US_UC | US_UX)) || sysvol->chan ? -1 : 0;
}

int dir_find(const char *userid, struct dir_user *out)
{
	static uint8_t rec[DIR_RECLEN];
	if (read_record(DIR_CYL, 0, 1, rec, DIR_RECLEN))
		return DIR_IO_ERROR;
	struct dir_header h;
	memcpy(&h, rec, sizeof h);
	if (memcmp(h.magic, DIR_MAGIC, 8) || !h.per_track)
		return DIR_IO_ERROR;
	char id[8];
	memset(id, ' ', 8);
	for (int k = 0; k < 8 && userid[k]; k++)
		id[k] = userid[k];
	for (uint32_t k = 1; k <= h.users; k++) {
		uint16_t head = (uint16_t)(k / h.per_track);
		uint8_t r = (uint8_t)(k % h.per_track + 1);
		if (read_record(DIR_CYL, head, r, rec, DIR_RECLEN))
			return DIR_IO_ERROR;
		if (!memcmp(rec, id, 8)) {
			memcpy(out, rec, sizeof *out);
			return DIR_FOUND;
		}
	}
	return DIR_NOT_FOUND;
}

bool dir_password_ok(const struct dir_user *u, const char *password)
{
	static const uint8_t none[32];
	if (!memcmp(u->pw_hash, none, 32))
		return false; /* NOLOG */
	char up[8];
	uint32_t n = 0;
	for (; n < 8 && password[n]; n++) {
		char c = password[n];
		up[n] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
	}
	struct sha256 s;
	uint8_t h[32];
	sha256_init(&s);
	sha256_update(&s, u->salt, 8);
	sha256_update(&s, u->userid, 8);
	sha256_update(&s, up, n);
	sha256_final(&s, h);
	return !memcmp(h, u->pw_hash, 32);
}
