/* cmd_help.c — HELP: a command's description on the console.
 *
 *   HELP            the list of commands (HELP MENU)
 *   HELP name       the file "name HELPCMS" from an accessed disk (the
 *                   system disk 190, S, has one per command: cms/help/)
 *
 * VM/370 R6 kept its help files as "name HELPCMS" too; they were shown by
 * the HELP command, which paged them on a display.  Here they are typed,
 * and CP's MORE... pages them.
 */
#include "cmds.h"
#include "cmsfs.h"
#include "nucleus.h"

int cms_cmd_help(struct cms_args *a)
{
	const char *name = a->n > 1 ? a->w[1] : "MENU";
	if (a->n > 2) {
		cms_msg("DMSHLP003E", "Invalid operand '%s': HELP, or HELP command", a->w[2]);
		return RC_BADOPT;
	}
	if (strlen(name) > 8) {
		cms_msg("DMSHLP001E", "No help for '%s': HELP alone lists the commands", name);
		return RC_NOTFOUND;
	}
	/* a command may be asked for by its abbreviation: the file has the full name */
	const char *full = cms_cmd_fullname(name);
	if (!strcmp(name, "HX") || !strcmp(name, "HI") || !strcmp(name, "HT") || !strcmp(name, "RT"))
		full = "IMMED"; /* the immediate commands share one file */
	struct cms_fileid id;
	if (fs_fileid(&id, full ? full : name, "HELPCMS", "*")) {
		cms_msg("DMSHLP001E", "No help for '%s': HELP alone lists the commands", name);
		return RC_NOTFOUND;
	}
	struct cms_file *f;
	if (fs_open_read(&id, &f)) {
		cms_msg("DMSHLP001E", "No help for '%s': HELP alone lists the commands", name);
		return RC_NOTFOUND;
	}
	static uint8_t rec[256];
	uint32_t len;
	int rc;
	while ((rc = fs_read(f, rec, sizeof rec, &len)) == 0) {
		char line[257];
		cms_e2a(line, rec, len);
		while (len && line[len - 1] == ' ')
			len--;
		line[len] = 0;
		cms_puts(line);
	}
	fs_close(f);
	return rc == RC_EOF ? 0 : rc;
}
