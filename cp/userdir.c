/* userdir.c — the user directory, read from the system volume at LOGON.
 *
 * tools/direct.c wrote it on cylinder DIR_CYL (and on, when big) in records laid out by
 * cp/dirfmt.h: the header in R1 of the first track, then one record per
 * user, per_track records to a track, read one at a time (dasd.c).
 *
 * The directory is read afresh at every LOGON, so a `direct write` onto the
 * volume takes effect without an IPL.  The header also says where the space
 * for temporary disks is (dir_tdisks, for DEFINE in cmd_define.c).
 */
#include "cp.h"
#include "dirfmt.h"

static struct rdev *sysvol;

void dir_init(struct rdev *ipl_device)
{
	sysvol = ipl_device;
}

/* User record k (from 1) of the directory: per_track to a track, from
 * cylinder DIR_CYL on (a big directory goes on over the next cylinders). */
static int dir_user_rec(const struct dir_header *h, uint32_t k, uint8_t *rec)
{
	uint32_t t = k / h->per_track, heads = (uint32_t)dasd_heads(sysvol->type);
	if (!heads)
		return -1;
	return dasd_read(sysvol, (uint16_t)(DIR_CYL + t / heads), (uint16_t)(t % heads),
	                 (uint8_t)(k % h->per_track + 1), rec, DIR_RECLEN);
}

/* Where each user's record is, learnt while looking for others: a LOGON
 * reads the header and that one record instead of every record before it
 * (500 LOGONs would read 125,000 records).  The record the index names is
 * read from the volume and its user id checked, so after a `direct write`
 * that moved users a stale entry costs one search (which corrects it), never
 * a wrong user; a header with another generation empties the index. */
enum { INDEX_SIZE = 4096 }; /* a power of two, more than the users of a big directory */
static struct {
	char id[8];
	uint32_t rec; /* 0: empty */
} index[INDEX_SIZE];
static uint32_t index_generation;

static uint32_t id_hash(const char id[8])
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (int k = 0; k < 8; k++)
		h = (h ^ (uint8_t)id[k]) * 16777619u;
	return h & (INDEX_SIZE - 1);
}

static uint32_t index_find(const char id[8])
{
	for (uint32_t k = id_hash(id), n = 0; index[k].rec && n < INDEX_SIZE; k = (k + 1) & (INDEX_SIZE - 1), n++)
		if (!memcmp(index[k].id, id, 8))
			return index[k].rec;
	return 0;
}

static void index_add(const char id[8], uint32_t rec)
{
	uint32_t k = id_hash(id), n = 0;
	while (index[k].rec && memcmp(index[k].id, id, 8) && n++ < INDEX_SIZE)
		k = (k + 1) & (INDEX_SIZE - 1);
	if (n >= INDEX_SIZE)
		return; /* full: the search still finds it */
	memcpy(index[k].id, id, 8);
	index[k].rec = rec;
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
	if (h.generation != index_generation) { /* rewritten: learn it afresh */
		memset(index, 0, sizeof index);
		index_generation = h.generation;
	}
	uint32_t hint = index_find(id);
	if (hint && hint <= h.users) {
		if (dir_user_rec(&h, hint, rec))
			return DIR_IO_ERROR;
		if (!memcmp(rec, id, 8)) {
			memcpy(out, rec, sizeof *out);
			return DIR_FOUND;
		}
	}
	for (uint32_t k = 1; k <= h.users; k++) {
		if (dir_user_rec(&h, k, rec))
			return DIR_IO_ERROR;
		index_add((const char *)rec, k);
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

struct rdev *dir_volume(void)
{
	return sysvol;
}

/* The paging area of the directory's header (PAGING statement): false when
 * there is none (or the directory cannot be read). */
bool dir_paging(struct dir_tdisk *out)
{
	static uint8_t rec[DIR_RECLEN];
	static struct dir_header h;
	if (dasd_read(sysvol, DIR_CYL, 0, 1, rec, DIR_RECLEN))
		return false;
	memcpy(&h, rec, sizeof h);
	if (memcmp(h.magic, DIR_MAGIC, 8) || !h.paging.count)
		return false;
	*out = h.paging;
	return true;
}

/* The spool area of the directory's header (the SPOOL statement before the
 * first USER): false when there is none. */
bool dir_spool(struct dir_tdisk *out)
{
	static uint8_t rec[DIR_RECLEN];
	static struct dir_header h;
	if (dasd_read(sysvol, DIR_CYL, 0, 1, rec, DIR_RECLEN))
		return false;
	memcpy(&h, rec, sizeof h);
	if (memcmp(h.magic, DIR_MAGIC, 8) || !h.spool.count)
		return false;
	*out = h.spool;
	return true;
}

/* The T-disk areas of the directory's header (TDISK statements), read
 * afresh like the users: how many, at most max into out; -1 when the
 * directory cannot be read. */
int dir_tdisks(struct dir_tdisk *out, int max)
{
	static uint8_t rec[DIR_RECLEN];
	static struct dir_header h;
	if (dasd_read(sysvol, DIR_CYL, 0, 1, rec, DIR_RECLEN))
		return -1;
	memcpy(&h, rec, sizeof h);
	if (memcmp(h.magic, DIR_MAGIC, 8))
		return -1;
	int n = h.n_tdisk < (uint32_t)max ? (int)h.n_tdisk : max;
	if (n > DIR_MAX_TDISK)
		n = DIR_MAX_TDISK;
	memcpy(out, h.tdisk, (size_t)n * sizeof *out);
	return n;
}

/* At IPL: the users whose password is still the one the shipped directory
 * gave them, their user id, named on the operator's console (whoever
 * reaches a terminal can log on as them).  Compared as at LOGON; the host's
 * `direct defaults` does the same, and ./run will not listen beyond
 * 127.0.0.1 while any is left. */
void dir_warn_defaults(void)
{
	static uint8_t rec[DIR_RECLEN];
	static struct dir_user u;
	static char names[80];
	struct dir_header h;
	if (dasd_read(sysvol, DIR_CYL, 0, 1, rec, DIR_RECLEN))
		return;
	memcpy(&h, rec, sizeof h);
	if (memcmp(h.magic, DIR_MAGIC, 8) || !h.per_track)
		return;
	size_t n = 0;
	bool any = false;
	for (uint32_t k = 1; k <= h.users; k++) {
		if (dir_user_rec(&h, k, rec))
			return;
		memcpy(&u, rec, sizeof u);
		char id[9];
		cp_field(id, u.userid, 8);
		if (!dir_password_ok(&u, id))
			continue;
		if (n + strlen(id) + 1 >= sizeof names) { /* a line full: say it, go on */
			con_printf("S37DIR010W Password still the user id: %s", names);
			n = 0;
		}
		n += (size_t)cp_format(names + n, sizeof names - n, "%s%s", n ? " " : "", id);
		any = true;
	}
	if (n)
		con_printf("S37DIR010W Password still the user id: %s", names);
	if (any)
		con_printf("S37DIR011W Change them (direct passwd) before others can reach a terminal");
}
