/* fs_access.c — the accessed disks: the mode letters A-Z, read-only
 * access, read-only extensions, and the search order.
 *
 * CMS looks for a file named without a mode on A, then B, ... Z; a disk
 * accessed as an extension of another (ACCESS 192 B/A) is read-only and is
 * looked at right after its parent, also when the parent is named by its
 * letter (CMS Command and Macro Reference, ACCESS).  One disk is accessed
 * under one mode at a time: accessing it again, or accessing another disk
 * under a mode in use, releases the earlier access first.
 */
#include "fs_int.h"

static struct cms_vol *fs_modes[26];

static bool letter(char c)
{
	return c >= 'A' && c <= 'Z';
}

struct cms_vol *fs_vol(char mode)
{
	mode = cms_toupper(mode);
	return letter(mode) ? fs_modes[mode - 'A'] : NULL;
}

struct cms_blkdev *fs_vol_dev(struct cms_vol *v)
{
	return v ? v->dev : NULL;
}

void fs_reset(void)
{
	memset(fs_modes, 0, sizeof fs_modes);
}

int fs_release(char mode)
{
	struct cms_vol *v = fs_vol(mode);
	if (!v)
		return fs_fail(RC_DISKRO, "disk %c is not accessed", mode);
	fs_modes[v->mode - 'A'] = NULL;
	v->released = true;
	if (!v->files)
		fs_vol_free(v);
	return 0;
}

int fs_access(struct cms_blkdev *b, char mode, char parent, bool readonly)
{
	mode = cms_toupper(mode);
	parent = cms_toupper(parent);
	if (!letter(mode))
		return fs_fail(RC_BADOPT, "a mode is a letter A-Z");
	if (parent && (!letter(parent) || parent == mode))
		return fs_fail(RC_BADOPT, "an extension's parent is another mode letter");
	struct cms_vol *v;
	int rc = fs_load(b, &v);
	if (rc)
		return rc;
	for (int i = 0; i < 26; i++) {
		struct cms_vol *o = fs_modes[i];
		if (o && (i == mode - 'A' || o->dev == b || (b->vaddr && o->dev->vaddr == b->vaddr)))
			fs_release((char)('A' + i));
	}
	v->mode = mode;
	v->parent = parent;
	v->readonly = readonly || parent || b->readonly;
	fs_modes[mode - 'A'] = v;
	return 0;
}

int fs_volinfo(char mode, struct cms_volinfo *out)
{
	struct cms_vol *v = fs_vol(mode);
	if (!v)
		return fs_fail(RC_DISKRO, "disk %c is not accessed", mode);
	memset(out, 0, sizeof *out);
	memcpy(out->label, v->label, sizeof out->label);
	out->mode = v->mode;
	out->parent = v->parent;
	out->readonly = v->readonly;
	out->blocks = v->nblocks;
	for (uint32_t b = 0; b < v->nblocks; b++)
		out->used += fs_bit(v->cmap, b);
	out->files = v->nfiles;
	return 0;
}

char fs_digit(const char *fm)
{
	return letter(fm[0]) && fm[1] >= '0' && fm[1] <= '9' ? fm[1] : 0;
}

/* v, then the extensions whose parent it is. */
static int with_extensions(struct cms_vol *v, struct cms_vol **out, int n, int max)
{
	if (n < max)
		out[n++] = v;
	for (int i = 0; i < 26; i++) {
		struct cms_vol *e = fs_modes[i];
		if (e && e != v && e->parent == v->mode && n < max)
			out[n++] = e;
	}
	return n;
}

int fs_search(const char *fm, struct cms_vol **out, int max)
{
	char m = cms_toupper(fm[0]);
	if (letter(m)) {
		struct cms_vol *v = fs_modes[m - 'A'];
		return v ? with_extensions(v, out, 0, max) : 0;
	}
	int n = 0;
	for (int i = 0; i < 26; i++) {
		struct cms_vol *v = fs_modes[i];
		if (!v || (v->parent && fs_modes[v->parent - 'A']))
			continue; /* not there, or seen after its parent */
		n = with_extensions(v, out, n, max);
	}
	return n;
}

int fs_target(const char *fm, struct cms_vol **out)
{
	char m = letter(cms_toupper(fm[0])) ? cms_toupper(fm[0]) : 'A';
	struct cms_vol *v = fs_modes[m - 'A'];
	if (!v)
		return fs_fail(RC_DISKRO, "disk %c is not accessed", m);
	if (v->readonly || v->dev->readonly)
		return fs_fail(RC_DISKRO, "disk %c is read-only", m);
	*out = v;
	return 0;
}
