/* cmd_exec.c — EXEC: a file of type EXEC run by the EXEC interpreter
 * (exec*.c, docs/cms-exec.md), with the nucleus as its world: SAY on the
 * console, PULL from the program stack or the console, commands to CMS
 * (cms_command) or to CP (DIAGNOSE X'08'), HI to stop it. */
#include "cmds.h"
#include "cmsfs.h"
#include "exec.h"
#include "nucleus.h"

bool cms_exec_exists(const char *name)
{
	struct cms_fileid id;
	struct cms_fst f;
	if (strlen(name) > 8 || fs_fileid(&id, name, "EXEC", "*"))
		return false;
	return fs_state(&id, &f) == 0;
}

static void io_say(void *ctx, const char *line)
{
	(void)ctx;
	cms_puts(line);
}

static int io_pull(void *ctx, char *buf, int max)
{
	(void)ctx;
	return cms_read_line(buf, max);
}

static void io_queue(void *ctx, const char *line)
{
	(void)ctx;
	cms_stack_queue(line);
}

static void io_push(void *ctx, const char *line)
{
	(void)ctx;
	cms_stack_push(line);
}

static int io_queued(void *ctx)
{
	(void)ctx;
	return cms_stack_count();
}

static int io_command(void *ctx, const char *env, const char *cmd)
{
	(void)ctx;
	if (!strcmp(env, "CP"))
		return cms_cp(cmd, NULL, 0);
	return cms_command(cmd);
}

static bool io_halted(void *ctx)
{
	(void)ctx;
	cms_poll();
	bool hi = cms_hi_pending;
	cms_hi_pending = false; /* reported once: the EXEC stops, or its SIGNAL ON HALT takes it */
	return hi;
}

/* The file's records as ASCII lines (trailing blanks dropped). */
static int load(const struct cms_fileid *id, char ***lines, int *n)
{
	struct cms_file *f;
	int rc = fs_open_read(id, &f);
	if (rc)
		return rc;
	int cap = 64, cnt = 0; /* the lines are the interpreter's: the EXEC zone (heap.c) */
	char **l = cms_alloc_in((size_t)cap * sizeof *l, CMS_ZONE_EXEC);
	uint8_t *rec = cms_rec;
	uint32_t len;
	while (l && (rc = fs_read(f, rec, CMS_RECMAX, &len)) == 0) {
		while (len && rec[len - 1] == 0x40)
			len--;
		if (cnt == cap) {
			char **nl = cms_alloc_in((size_t)cap * 2 * sizeof *nl, CMS_ZONE_EXEC);
			if (!nl)
				break;
			memcpy(nl, l, (size_t)cnt * sizeof *nl);
			cms_free(l);
			l = nl;
			cap *= 2;
		}
		char *s = cms_alloc_in(len + 1, CMS_ZONE_EXEC);
		if (!s)
			break;
		cms_e2a(s, rec, len);
		s[len] = 0;
		l[cnt++] = s;
	}
	fs_close(f);
	if (rc != RC_EOF) {
		for (int k = 0; k < cnt; k++)
			cms_free(l[k]);
		cms_free(l);
		return rc ? rc : RC_NOSTORE;
	}
	*lines = l;
	*n = cnt;
	return 0;
}

static void unload(char **lines, int n)
{
	for (int k = 0; k < n; k++)
		cms_free(lines[k]);
	cms_free(lines);
}

static int io_readfile(void *ctx, const char *fn, const char *ft, const char *fm, char ***lines, int *n)
{
	(void)ctx;
	struct cms_fileid id;
	if (fs_fileid(&id, fn, ft, fm && *fm ? fm : "*"))
		return RC_BADNAME;
	return load(&id, lines, n);
}

static void io_clock(void *ctx, struct exec_clock *now)
{
	(void)ctx;
	struct cms_clock c;
	cms_clock(&c);
	now->year = c.year;
	now->month = c.month;
	now->day = c.day;
	now->hour = c.hour;
	now->min = c.minute;
	now->sec = c.second;
	now->usec = 0;
}

/* USERID(): CP's QUERY USERID says "ALICE    AT S370". */
static const char *io_userid(void *ctx)
{
	(void)ctx;
	static char id[9];
	if (!id[0]) {
		char resp[80];
		cms_cp("QUERY USERID", resp, sizeof resp);
		int n = 0;
		while (n < 8 && resp[n] && resp[n] != ' ' && resp[n] != '\n')
			n++;
		memcpy(id, resp, (size_t)n);
		id[n] = 0;
	}
	return id;
}

int cms_exec(const char *name, const char *args)
{
	struct cms_fileid id;
	if (strlen(name) > 8 || fs_fileid(&id, name, "EXEC", "*")) {
		cms_msg("DMSEXC048E", "Invalid EXEC name '%s'", name);
		return RC_BADNAME;
	}
	char **lines;
	int n;
	int rc = load(&id, &lines, &n);
	if (rc) {
		if (rc == RC_NOTFOUND)
			cms_msg("DMSEXC002E", "File '%s EXEC' not found", id.fn);
		return rc;
	}
	const struct exec_io io = {
	    .ctx = NULL,
	    .say = io_say,
	    .pull = io_pull,
	    .queue = io_queue,
	    .push = io_push,
	    .queued = io_queued,
	    .command = io_command,
	    .halted = io_halted,
	    .readfile = io_readfile,
	    .clock = io_clock,
	    .userid = io_userid,
	};
	char fname[20];
	cms_format(fname, sizeof fname, "%s EXEC", id.fn);
	rc = exec_run((const char *const *)lines, n, fname, args, &io);
	unload(lines, n);
	return rc;
}
