/* cmd.c — from a command line to the code that does it.
 *
 * What a name means, in VM/370's order (CMS User's Guide, "How CMS
 * Searches for a Command to Execute"):
 *   1. CP, or #CP: the rest of the line is a CP command (DIAGNOSE X'08').
 *   2. With SET IMPEX ON, an EXEC of that name on an accessed disk.
 *   3. A CMS command of the nucleus: the table below, where a command may
 *      be shortened to its minimum (LISTF for LISTFILE).
 *   4. A MODULE of that name on an accessed disk: a program, loaded and
 *      run (module.c).
 *   5. With SET IMPCP ON, a CP command: the line goes to CP as it is.
 *   6. Nothing had the name: "Unknown CP/CMS command", return code -3.
 */
#include "cmsfs.h"
#include "nucleus.h"
#include "cmds.h"

uint8_t cms_rec[CMS_RECMAX];

static const struct cmd {
	const char *name;
	int min;
	cms_cmd_fn *fn;
} table[] = {
    {"ACCESS", 3, cms_cmd_access},
    {"CP", 2, cms_cmd_cp},
    {"COPYFILE", 4, cms_cmd_copyfile},
    {"DISK", 4, cms_cmd_disk},
    {"EDIT", 1, cms_cmd_edit},
    {"ERASE", 5, cms_cmd_erase},
    {"FILELIST", 5, cms_cmd_filelist},
    {"FORMAT", 6, cms_cmd_format},
    {"HELP", 4, cms_cmd_help},
    {"LISTFILE", 5, cms_cmd_listfile},
    {"PEEK", 4, cms_cmd_peek},
    {"PRINT", 2, cms_cmd_print},
    {"PUNCH", 2, cms_cmd_punch},
    {"QUERY", 1, cms_cmd_query},
    {"RDRLIST", 4, cms_cmd_rdrlist},
    {"READCARD", 4, cms_cmd_readcard},
    {"RECEIVE", 3, cms_cmd_receive},
    {"RELEASE", 3, cms_cmd_release},
    {"RENAME", 6, cms_cmd_rename},
    {"SENDFILE", 4, cms_cmd_sendfile},
    {"SET", 3, cms_cmd_set},
    {"STATE", 5, cms_cmd_state},
    {"TYPE", 1, cms_cmd_type},
    {"XEDIT", 1, cms_cmd_xedit},
};

void cms_cmd_init(void)
{
}

static const struct cmd *lookup(const char *name)
{
	for (unsigned k = 0; k < sizeof table / sizeof table[0]; k++)
		if (cms_abbrev(name, table[k].name, table[k].min))
			return &table[k];
	return NULL;
}

const char *cms_cmd_fullname(const char *name)
{
	const struct cmd *c = lookup(name);
	return c ? c->name : NULL;
}

/* CP passthrough: "CP QUERY TIME" (or #CP), CP's answer on the console. */
int cms_cmd_cp(struct cms_args *a)
{
	if (!*a->rest) {
		cms_cp("", NULL, 0); /* (nothing: CP would go to CP READ; VM/370's CMS did that) */
		return 0;
	}
	return cms_cp(a->rest, NULL, 0);
}

/* A line for CP by IMPCP: its answer comes back to tell "unknown" apart. */
static int implied_cp(const char *line, bool *unknown)
{
	static char resp[4096];
	int rc = cms_cp(line, resp, sizeof resp);
	/* CP's answer to a command it does not have: "S37CFC001E ?CP: name" */
	const char *q = resp;
	while (*q && *q != '\n' && memcmp(q, "?CP:", 4))
		q++;
	*unknown = !memcmp(q, "?CP:", 4);
	if (*unknown)
		return RC_UNKNOWN;
	for (char *p = resp; *p;) {
		char *nl = p;
		while (*nl && *nl != '\n')
			nl++;
		char save = *nl;
		*nl = 0;
		cms_puts(p);
		p = save ? nl + 1 : nl;
	}
	return rc;
}


int cms_command(const char *typed)
{
	char line[256], words[256];
	cms_format(line, sizeof line, "%s", typed);
	char *p = line;
	while (*p == ' ')
		p++;
	if (!*p)
		return 0;
	cms_format(words, sizeof words, "%s", p);
	char *w[CMS_MAX_WORDS];
	cms_upper(words);
	int n = cms_words(words, w, CMS_MAX_WORDS);
	/* the rest of the line, as typed, after the first word */
	const char *rest = p;
	while (*rest && *rest != ' ')
		rest++;
	while (*rest == ' ')
		rest++;
	struct cms_args a = {n, w, rest};
	if (!strcmp(w[0], "#CP") || !strcmp(w[0], "CP"))
		return cms_cmd_cp(&a);
	if (cms_set.impex && cms_exec_exists(w[0]))
		return cms_exec(w[0], rest);
	if (!strcmp(w[0], "EXEC")) {
		if (n < 2) {
			cms_msg("DMSEXC001E", "No filename specified");
			return RC_BADOPT;
		}
		const char *args = rest;
		while (*args && *args != ' ')
			args++;
		while (*args == ' ')
			args++;
		return cms_exec(w[1], args);
	}
	const struct cmd *c = lookup(w[0]);
	if (c)
		return c->fn(&a);
	if (cms_module_exists(w[0]))
		return cms_module(w[0], p);
	if (cms_set.impcp) {
		bool unknown;
		int rc = implied_cp(p, &unknown);
		if (!unknown)
			return rc;
	}
	cms_msg("DMSITS001E", "Unknown CP/CMS command");
	return RC_UNKNOWN;
}
