/* cmd_disk.c — ACCESS, RELEASE, FORMAT: minidisks become CMS disks, known
 * by a mode letter (CMS Command Reference, "ACCESS", "FORMAT").
 *
 *   ACCESS vaddr mode[/ext]   the disk at vaddr as mode (A-Z); with /ext it
 *                             is a read-only extension of disk ext: its files
 *                             are found when ext is searched
 *   RELEASE mode|vaddr
 *   FORMAT vaddr mode [(NOERASE]  a new, empty CMS disk (everything on it is
 *                             lost: CMS asks first), then accessed as mode
 */
#include "cmds.h"
#include "cmsfs.h"
#include "nucleus.h"

static bool parse_vaddr(const char *s, uint16_t *out)
{
	uint32_t v = 0;
	int n = 0;
	for (; *s; s++, n++) {
		char c = *s;
		if (c >= '0' && c <= '9')
			v = v * 16 + (uint32_t)(c - '0');
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (uint32_t)(c - 'A' + 10);
		else
			return false;
	}
	if (n < 1 || n > 3)
		return false;
	*out = (uint16_t)v;
	return true;
}

static bool parse_mode(const char *s, char *mode, char *parent)
{
	*parent = 0;
	if (s[0] < 'A' || s[0] > 'Z')
		return false;
	*mode = s[0];
	if (s[1] == 0)
		return true;
	if (s[1] == '/' && s[2] >= 'A' && s[2] <= 'Z' && s[3] == 0) {
		*parent = s[2];
		return true;
	}
	return false;
}

/* The mode a device is accessed as, or 0. */
static char mode_of(uint16_t vaddr)
{
	for (char m = 'A'; m <= 'Z'; m++) {
		struct cms_vol *v = fs_vol(m);
		if (v && fs_vol_dev(v)->vaddr == vaddr)
			return m;
	}
	return 0;
}

int cms_cmd_access(struct cms_args *a)
{
	uint16_t vaddr;
	char mode, parent;
	if (a->n < 3) {
		cms_msg("DMSACC017E", "Invalid device address or mode: ACCESS vaddr mode, or vaddr mode/ext");
		return RC_BADOPT;
	}
	if (!parse_vaddr(a->w[1], &vaddr)) {
		cms_msg("DMSACC017E", "Invalid device address '%s'", a->w[1]);
		return RC_BADOPT;
	}
	if (!parse_mode(a->w[2], &mode, &parent)) {
		cms_msg("DMSACC048E", "Invalid mode '%s'", a->w[2]);
		return RC_BADOPT;
	}
	char old = mode_of(vaddr);
	struct cms_blkdev *b = cms_blk_open(vaddr);
	if (!b)
		return 100;
	if (old && old != mode) /* one device, one mode: the old one goes */
		fs_release(old);
	else if (fs_vol(mode) && fs_vol_dev(fs_vol(mode))->vaddr != vaddr) {
		cms_say("DMSACC724I %03X replaces %c (%03X)", vaddr, mode, fs_vol_dev(fs_vol(mode))->vaddr);
	}
	if (fs_vol(mode))
		fs_release(mode);
	int rc = fs_access(b, mode, parent, b->readonly || parent);
	if (rc) {
		cms_msg("DMSACC112S", "%c (%03X) is not a CMS disk: FORMAT it first", mode, vaddr);
		cms_free(b);
		return rc;
	}
	if (parent)
		cms_say("DMSACC723I %c (%03X) R/O, an extension of %c", mode, vaddr, parent);
	else if (b->readonly)
		cms_say("DMSACC723I %c (%03X) R/O", mode, vaddr);
	return 0;
}

int cms_cmd_release(struct cms_args *a)
{
	if (a->n < 2) {
		cms_msg("DMSARE017E", "No device address or mode specified");
		return RC_BADOPT;
	}
	char mode = 0;
	uint16_t vaddr;
	if (a->w[1][0] >= 'A' && a->w[1][0] <= 'Z' && a->w[1][1] == 0)
		mode = a->w[1][0];
	else if (parse_vaddr(a->w[1], &vaddr))
		mode = mode_of(vaddr);
	if (!mode || !fs_vol(mode)) {
		cms_msg("DMSARE069E", "Disk '%s' not accessed", a->w[1]);
		return RC_DISKRO;
	}
	return fs_release(mode);
}

int cms_cmd_format(struct cms_args *a)
{
	uint16_t vaddr;
	char mode, parent;
	if (a->n < 3 || !parse_vaddr(a->w[1], &vaddr) || !parse_mode(a->w[2], &mode, &parent) || parent) {
		cms_msg("DMSFOR017E", "Invalid device address or mode: FORMAT vaddr mode");
		return RC_BADOPT;
	}
	struct cms_blkdev *b = cms_blk_open(vaddr);
	if (!b)
		return 100;
	if (b->readonly) {
		cms_msg("DMSFOR037E", "Disk '%c' (%03X) is read-only", mode, vaddr);
		cms_free(b);
		return RC_DISKRO;
	}
	char answer[132];
	cms_say("DMSFOR603R FORMAT will erase all files on disk '%c (%03X)'. Continue? (YES|NO)", mode, vaddr);
	cms_read_line(answer, sizeof answer);
	cms_upper(answer);
	if (strcmp(answer, "YES") && strcmp(answer, "Y")) {
		cms_free(b);
		return 0;
	}
	cms_say("DMSFOR605R Enter disk label:");
	cms_read_line(answer, sizeof answer);
	cms_upper(answer);
	char *w[2];
	int n = cms_words(answer, w, 2);
	char label[7];
	cms_format(label, sizeof label, "%s", n ? w[0] : "CMS");
	char old = mode_of(vaddr);
	if (old)
		fs_release(old);
	if (fs_vol(mode))
		fs_release(mode);
	cms_say("DMSFOR733I Formatting disk '%c'", mode);
	int rc = fs_format(b, label);
	if (rc) {
		cms_msg("DMSFOR113S", "Disk '%c' (%03X) could not be formatted", mode, vaddr);
		cms_free(b);
		return 100;
	}
	rc = fs_access(b, mode, 0, false);
	if (rc)
		return rc;
	struct cms_volinfo vi;
	fs_volinfo(mode, &vi);
	cms_say("DMSFOR732I %u blocks formatted on disk '%c (%03X)'", vi.blocks, mode, vaddr);
	return 0;
}
