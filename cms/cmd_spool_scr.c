/* cmd_spool_scr.c — RDRLIST on a 3270: the reader's files one a row, with a
 * command area in front of each (as VM/SP's RDRLIST; the screen is
 * FILELIST's too: scr_list.c).
 *
 * A command typed on a file's row runs for that file when ENTER is pressed:
 * "/" stands for its spool id ("RECEIVE /", "PEEK /", "RECEIVE / = = B"); a
 * command without "/" gets the id after it.  PURGE, ORDER, CHANGE and
 * TRANSFER are CP's reader commands: "PURGE /" becomes CP PURGE RDR id.
 * The ====> line takes any CMS command.  PF3 ends, PF2 lists anew, PF7 and
 * PF8 page.  A command's return code, when not 0, shows on the top line.
 */
#include "cmd_spool.h"
#include "scr.h"

enum { MAXFILES = 500 };

struct rlist {
	struct sp_desc f[MAXFILES];
};

static int load(void *arg)
{
	struct rlist *l = arg;
	int n = 0;
	for (uint16_t after = 0; n < MAXFILES && !sp_rdr_desc(after, &l->f[n]); after = l->f[n++].id)
		;
	return n;
}

static void title(void *arg, char *out, size_t size)
{
	(void)arg;
	cms_format(out, size, "RDRLIST");
}

static void row(void *arg, int k, char *out, size_t size)
{
	sp_desc_line(out, size, &((struct rlist *)arg)->f[k]);
}

/* The command typed on a file's row: '/' replaced by its spool id, or the
 * id after it; CP's reader commands made CP commands. */
static void expand(void *arg, int item, const char *cmd, char *out, size_t size)
{
	uint16_t id = ((struct rlist *)arg)->f[item].id;
	static const char *const cp[] = {"PURGE", "ORDER", "CHANGE", "TRANSFER"};
	static const int min[] = {3, 2, 2, 4};
	char word[16];
	size_t o = 0, k = 0;
	while (cmd[k] && cmd[k] != ' ' && k + 1 < sizeof word) {
		word[k] = cms_toupper(cmd[k]);
		k++;
	}
	word[k] = 0;
	for (unsigned j = 0; j < sizeof cp / sizeof cp[0]; j++)
		if (cms_abbrev(word, cp[j], min[j])) {
			o = (size_t)cms_format(out, size, "CP %s RDR", cp[j]);
			cmd += k;
			break;
		}
	bool slash = false;
	for (const char *p = cmd; *p && o + 6 < size; p++) {
		if (*p == '/') {
			o += (size_t)cms_format(out + o, size - o, "%04u", id);
			slash = true;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = 0;
	if (!slash)
		cms_format(out + o, size - o, " %04u", id);
}

static const struct scr_list_ops ops = {
    .heading = sp_desc_title,
    .pfkeys = "2= Refresh  3= Quit  7= Backward  8= Forward",
    .title = title,
    .row = row,
    .expand = expand,
    .reload = load,
};

int sp_rdrlist_screen(void)
{
	struct rlist *l = cms_alloc(sizeof *l);
	if (!l)
		return SCR_ERROR;
	int n = load(l), rc = SCR_ERROR; /* (none: the line-mode answer says so) */
	if (n)
		rc = scr_list(&ops, l, n);
	cms_free(l);
	return rc;
}
