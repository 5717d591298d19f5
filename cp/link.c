/* link.c — LINK, DETACH and QUERY LINKS: sharing minidisks between virtual
 * machines, with VM/370's link modes.
 *
 *   LINK userid vaddr1 vaddr2 [mode [password]]
 *
 * gives the caller, at vaddr2, the minidisk that userid's directory entry
 * has at vaddr1.  The mode says what the caller wants and what it accepts
 * when others hold links to the same disk:
 *
 *   R   read, unless someone has it for writing      RR  read, whatever others do
 *   W   write, only if no one else has it at all     WR  write, else read
 *   M   write, unless someone else writes on it      MR  write, else read
 *   MW  write, whatever others do
 *
 * Another user's disk needs the password of that mode class (read for R and
 * RR, write for W and WR, multiple for M, MR and MW) from the owner's MDISK
 * statement: ALL there means none is needed, no password means no such link.
 * One's own disk needs none.  A write link on a minidisk is what lets the
 * guest's channel programs write (vio.c); a read link has CP refuse them.
 */
#include "cp.h"
#include "dirfmt.h"

/* Who holds links to the extent (real, start): readers and writers, leaving
 * out the device skip. */
static void holders(struct rdev *real, uint32_t start, const struct vdev *skip, int *readers, int *writers)
{
	*readers = *writers = 0;
	for (int k = 0; k < MAX_USERS; k++) {
		struct vm *v = cp_users[k].used ? cp_users[k].vm : NULL;
		for (int j = 0; v && j < v->ndev; j++) {
			const struct vdev *d = &v->dev[j];
			if (d == skip || d->kind != VDEV_MDISK || d->real != real || d->start != start)
				continue;
			if (d->write)
				(*writers)++;
			else
				(*readers)++;
		}
	}
}

static bool pw_matches(const struct dir_user *owner, const uint8_t want[8], const char *pw)
{
	static const uint8_t all[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	if (!memcmp(want, all, 8))
		return true;
	if (!pw)
		return false;
	uint8_t h[32];
	dir_hash_password(owner->salt, owner->userid, pw, h);
	return !memcmp(h, want, 8);
}

void link_cmd(struct user *u, const char *id, uint16_t from, uint16_t to, const char *mode, const char *pw)
{
	static struct dir_user owner;
	static const char *const modes[] = {"R", "RR", "W", "WR", "M", "MR", "MW"};
	int m = -1;
	for (int k = 0; k < 7; k++)
		if (!strcmp(mode, modes[k]))
			m = k;
	if (m < 0) {
		user_printf(u, "S37LNK021E Invalid mode %s (R RR W WR M MR MW)", mode);
		return;
	}
	struct vm *v = u->vm;
	if (vm_dev(v, to)) {
		user_printf(u, "S37LNK022E Device %03X already defined", to);
		return;
	}
	if (v->ndev == VM_MAX_DEV) {
		user_printf(u, "S37LNK023E No room for another device");
		return;
	}
	int r = dir_find(id, &owner);
	if (r != DIR_FOUND) {
		user_printf(u, r == DIR_NOT_FOUND ? "S37LNK053E %s not in CP directory" : "S37LNK060E %s: directory unreadable", id);
		return;
	}
	const struct dir_mdisk *md = NULL;
	for (int k = 0; k < owner.n_mdisk; k++)
		if (owner.mdisk[k].vaddr == from)
			md = &owner.mdisk[k];
	if (!md) {
		user_printf(u, "S37LNK040E %s has no minidisk %03X", id, from);
		return;
	}
	bool own = !memcmp(owner.userid, u->id, strlen(u->id)) && (strlen(u->id) == 8 || owner.userid[strlen(u->id)] == ' ');
	int cls = m <= 1 ? 0 : m <= 3 ? 1 : 2; /* the password class of the mode */
	static const uint8_t none[8];
	if (!own && !memcmp(md->pw_hash[cls], none, 8)) {
		user_printf(u, "S37LNK113E %s %03X has no %s password: no link in mode %s", id, from,
		            cls == 0 ? "read" : cls == 1 ? "write" : "multiple", mode);
		return;
	}
	if (!own && !pw_matches(&owner, md->pw_hash[cls], pw)) {
		con_printf("LINK %s %03X by %s: password incorrect", id, from, u->id);
		user_printf(u, pw ? "S37LNK115E Password incorrect" : "S37LNK114E Password required: LINK %s %03X %03X %s password",
		            id, from, to, mode);
		return;
	}
	char volser[7];
	cp_field(volser, md->volser, 6);
	struct rdev *real = dasd_find_volume(volser);
	if (!real) {
		user_printf(u, "S37LNK041E Volume %s not mounted", volser);
		return;
	}
	if (dasd_fba(real->type) != dasd_fba(md->devtype)) {
		user_printf(u, "S37LNK042E Volume %s is %s, minidisk %03X %s", volser, dasd_fba(real->type) ? "FBA" : "CKD",
		            from, dasd_fba(md->devtype) ? "FBA" : "CKD");
		return;
	}
	int k = (int)(md - owner.mdisk);
	uint32_t start = dir_mdisk_start(&owner, k), count = dir_mdisk_count(&owner, k);
	int readers, writers;
	holders(real, start, NULL, &readers, &writers);
	bool write = m >= 2;
	if ((m == 0 && writers) || (m == 2 && (readers || writers)) || (m == 4 && writers)) {
		user_printf(u, "S37LNK104E %s %03X is linked %s by another: no %s link", id, from,
		            writers ? "R/W" : "R/O", mode);
		return;
	}
	if ((m == 3 && (readers || writers)) || (m == 5 && writers))
		write = false; /* WR, MR: read, since others have it */
	struct vdev *d = &v->dev[v->ndev++];
	memset(d, 0, sizeof *d);
	d->vaddr = to;
	d->type = md->devtype;
	d->kind = VDEV_MDISK;
	memcpy(d->volser, volser, 7);
	d->real = real;
	d->start = start;
	d->count = count;
	d->write = write;
	if (writers && write)
		user_printf(u, "S37LNK101W %s %03X is also linked R/W by another", id, from);
	user_printf(u, "DASD %03X LINKED R/%c", to, write ? 'W' : 'O');
}

void detach_cmd(struct user *u, uint16_t vaddr)
{
	struct vm *v = u->vm;
	struct vdev *d = vm_dev(v, vaddr);
	if (!d) {
		user_printf(u, "S37DTA040E Device %03X does not exist", vaddr);
		return;
	}
	if (d->busy) {
		user_printf(u, "S37DTA041E Device %03X is busy", vaddr);
		return;
	}
	define_release(u, d); /* an attached real device is free again (cmd_define.c) */
	spool_detach(u, d);   /* a spooled device's open file is closed (spool_dev.c) */
	int k = (int)(d - v->dev);
	memmove(&v->dev[k], &v->dev[k + 1], sizeof v->dev[0] * (size_t)(v->ndev - k - 1));
	v->ndev--;
	user_printf(u, "%03X DETACHED", vaddr);
}

/* QUERY LINKS: who else has links to the caller's minidisks. */
void links_query(struct user *u)
{
	int shown = 0;
	for (int j = 0; j < u->vm->ndev; j++) {
		const struct vdev *mine = &u->vm->dev[j];
		if (mine->kind != VDEV_MDISK || !mine->real)
			continue;
		for (int k = 0; k < MAX_USERS; k++) {
			struct user *o = &cp_users[k];
			if (!o->used || o == u || !o->vm)
				continue;
			for (int i = 0; i < o->vm->ndev; i++) {
				const struct vdev *d = &o->vm->dev[i];
				if (d->kind == VDEV_MDISK && d->real == mine->real && d->start == mine->start) {
					user_printf(u, "%03X LINKED BY %-8s AT %03X R/%c", mine->vaddr, o->id, d->vaddr,
					            d->write ? 'W' : 'O');
					shown++;
				}
			}
		}
	}
	if (!shown)
		user_printf(u, "NO LINKS TO YOUR MINIDISKS");
}
