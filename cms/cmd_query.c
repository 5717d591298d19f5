/* cmd_query.c — QUERY and SET: what CMS shows of itself and lets the user
 * change (CMS Command Reference, "QUERY", "SET").
 *
 *   QUERY DISK [mode|*]   the accessed disks: label, device, mode, R/W or
 *                         R/O, blocks used and left, files
 *   QUERY SEARCH          the search order
 *   QUERY IMPEX|IMPCP|RDYMSG|CMSTYPE
 *   QUERY anything else   goes to CP (QUERY TIME, QUERY READER ...)
 *   SET IMPEX ON|OFF, SET IMPCP ON|OFF, SET RDYMSG LMSG|SMSG, SET CMSTYPE HT|RT
 */
#include "cmds.h"
#include "cmsfs.h"
#include "nucleus.h"

static void disk_line(char mode, bool header)
{
	struct cms_volinfo vi;
	if (fs_volinfo(mode, &vi))
		return;
	struct cms_blkdev *b = fs_vol_dev(fs_vol(mode));
	if (header)
		cms_puts("LABEL  CUU M  STAT  TYPE  BLKSIZE  FILES  BLKS USED-(%)  BLKS LEFT  BLK TOTAL");
	uint32_t pct = vi.blocks ? vi.used * 100 / vi.blocks : 0;
	char m[4];
	cms_format(m, sizeof m, vi.parent ? "%c/%c" : "%c", mode, vi.parent);
	cms_say("%-6s %03X %-3s%s  %04X  %7u  %5u  %9u-%02u  %9u  %9u", vi.label, b->vaddr, m,
	        vi.readonly ? "R/O" : "R/W", b->devtype, CMS_BLKSIZE, vi.files, vi.used, pct > 99 ? 99 : pct,
	        vi.blocks - vi.used, vi.blocks);
}

static int query_disk(struct cms_args *a)
{
	if (a->n > 2 && strcmp(a->w[2], "*")) {
		char m = a->w[2][0];
		if (a->w[2][1] || m < 'A' || m > 'Z' || !fs_vol(m)) {
			cms_msg("DMSQRY069E", "Disk '%s' not accessed", a->w[2]);
			return RC_DISKRO;
		}
		disk_line(m, true);
		return 0;
	}
	bool first = true;
	for (char m = 'A'; m <= 'Z'; m++)
		if (fs_vol(m)) {
			disk_line(m, first);
			first = false;
		}
	if (first)
		cms_say("No disks accessed");
	return 0;
}

static int query_search(void)
{
	for (char m = 'A'; m <= 'Z'; m++) {
		struct cms_volinfo vi;
		if (!fs_vol(m) || fs_volinfo(m, &vi))
			continue;
		char mode[4];
		cms_format(mode, sizeof mode, vi.parent ? "%c/%c" : "%c", m, vi.parent);
		cms_say("%-6s %03X %-3s  %s", vi.label, fs_vol_dev(fs_vol(m))->vaddr, mode, vi.readonly ? "R/O" : "R/W");
	}
	return 0;
}

int cms_cmd_query(struct cms_args *a)
{
	if (a->n < 2) {
		cms_msg("DMSQRY005E", "No option specified");
		return RC_BADOPT;
	}
	const char *w = a->w[1];
	if (cms_abbrev(w, "DISK", 4))
		return query_disk(a);
	if (cms_abbrev(w, "SEARCH", 3))
		return query_search();
	if (!strcmp(w, "IMPEX")) {
		cms_say("IMPEX  = %s", cms_set.impex ? "ON" : "OFF");
		return 0;
	}
	if (!strcmp(w, "IMPCP")) {
		cms_say("IMPCP  = %s", cms_set.impcp ? "ON" : "OFF");
		return 0;
	}
	if (!strcmp(w, "RDYMSG")) {
		cms_say("RDYMSG = %s", cms_set.redtype == 'S' ? "SMSG" : "LMSG");
		return 0;
	}
	if (!strcmp(w, "CMSTYPE")) {
		cms_say("CMSTYPE = %s", cms_set.cmstype_ht ? "HT" : "RT");
		return 0;
	}
	/* not CMS's: CP's QUERY (TIME, READER, NAMES ...) */
	char line[256];
	cms_format(line, sizeof line, "QUERY %s", a->rest);
	return cms_cp(line, NULL, 0);
}

static int onoff(struct cms_args *a, bool *flag)
{
	if (a->n == 3 && !strcmp(a->w[2], "ON"))
		*flag = true;
	else if (a->n == 3 && !strcmp(a->w[2], "OFF"))
		*flag = false;
	else {
		cms_msg("DMSSET014E", "Invalid keyword: SET %s ON|OFF", a->w[1]);
		return RC_BADOPT;
	}
	return 0;
}

int cms_cmd_set(struct cms_args *a)
{
	if (a->n < 2) {
		cms_msg("DMSSET005E", "No function specified");
		return RC_BADOPT;
	}
	const char *w = a->w[1];
	if (!strcmp(w, "IMPEX"))
		return onoff(a, &cms_set.impex);
	if (!strcmp(w, "IMPCP"))
		return onoff(a, &cms_set.impcp);
	if (!strcmp(w, "RDYMSG") && a->n == 3 && (!strcmp(a->w[2], "LMSG") || !strcmp(a->w[2], "SMSG"))) {
		cms_set.redtype = a->w[2][0] == 'S' ? 'S' : 'L';
		return 0;
	}
	if (!strcmp(w, "CMSTYPE") && a->n == 3 && (!strcmp(a->w[2], "HT") || !strcmp(a->w[2], "RT"))) {
		cms_set.cmstype_ht = a->w[2][0] == 'H';
		return 0;
	}
	cms_msg("DMSSET003E", "Invalid option '%s'", w);
	return RC_BADOPT;
}
