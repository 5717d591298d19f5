/* userdir.c — the user directory, read from the system volume at LOGON.
 *
 * tools/direct.c wrote it on cylinder DIR_CYL in records laid out by
 * cp/dirfmt.h: the header in R1 of the first track, then one record per
 * user, per_track records to a track, read one at a time (dasd.c).
 *
 * The directory is read afresh at every LOGON, so a `direct write` onto the
 * volume takes effect without an IPL.
 */
#include "cp.h"
#include "dirfmt.h"

static struct rdev *sysvol;

void dir_init(struct rdev *ipl_device)
{
	sysvol = ipl_device;
}

int dir_find(const char *userid, struct dir_user *out)
{
	static uint8_t rec[DIR_RECLEN];
	if (dasd_read(sysvol, DIR_CYL, 0, 1, rec, DIR_RECLEN))
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
		if (dasd_read(sysvol, DIR_CYL, head, r, rec, DIR_RECLEN))
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
	uint8_t h[32];
	dir_hash_password(u->salt, u->userid, password, h);
	return !memcmp(h, u->pw_hash, 32);
}
