/* dasd_shadow_cmd.c — the operator's DASD commands (ckdimg.h):
 *
 *   sync [ADDR|*]                       every write acknowledged so far made
 *                                       durable (fdatasync); CCKD files left
 *                                       needing no recovery
 *   sf+ ADDR|*                          a new shadow file
 *   sf- ADDR|* [merge|nomerge|force]    remove the current shadow file
 *   sfc ADDR|*                          compress the current file
 *   sfd ADDR|*                          display the shadow chain
 *
 * ADDR '*' is every DASD (sync: also without an operand).  Each runs under
 * the channel-subsystem lock, between two commands of any channel program.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chansys.h"
#include "ckdimg.h"

struct dasd_req {
	const char *verb;
	bool all;
	uint16_t devnum;
	enum ckd_sf_mode mode;
	void (*out)(void *ctx, const char *line);
	void *ctx;
	int matched, failed;
};

static void say(struct dasd_req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct dasd_req *r, const char *fmt, ...)
{
	char line[4600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	r->out(r->ctx, line);
}

static void do_sync(struct dasd_req *r, struct device *d, struct ckd_img *img)
{
	int rc = img ? ckd_img_flush(img) : fba_dev_sync(d);
	if (rc == 1)
		return; /* not a DASD */
	r->matched++;
	if (rc) {
		r->failed++;
		say(r, "sync: %04X: %s", d->devnum, strerror(errno));
	} else if (img) {
		say(r, "sync: %04X durable, %lu track writes since attach", d->devnum, img->writes);
	} else {
		say(r, "sync: %04X durable", d->devnum);
	}
}

static void one_device(struct device *d, void *ctx)
{
	struct dasd_req *r = ctx;
	if (!r->all && d->devnum != r->devnum)
		return;
	struct ckd_img *img = ckd_dev_img(d);
	if (!strcmp(r->verb, "sync")) {
		do_sync(r, d, img);
		return;
	}
	if (!img) {
		if (!r->all) {
			r->matched++;
			r->failed++;
			say(r, "%s: %04X is not a CKD DASD", r->verb, d->devnum);
		}
		return;
	}
	if (r->all && !img->sf && strcmp(r->verb, "sfc"))
		return; /* '*': the devices with shadow files */
	r->matched++;
	char msg[4400] = "";
	int rc;
	if (!strcmp(r->verb, "sfd")) {
		ckd_sf_display(img, d->devnum, r->out, r->ctx);
		return;
	} else if (!strcmp(r->verb, "sf+")) {
		rc = ckd_sf_add(img, msg, sizeof msg);
	} else if (!strcmp(r->verb, "sf-")) {
		rc = ckd_sf_remove(img, r->mode, msg, sizeof msg);
	} else {
		if (r->all && !img->cckd && !img->nsf)
			return;
		rc = ckd_sf_compact(img, msg, sizeof msg);
	}
	/* The files under the device changed: its current track and track cache
	 * go (sf- nomerge changes what the volume holds; sf+, a merge and sfc
	 * do not, but the cache is not trusted across a change of files). */
	ckd_dev_forget_track(d);
	if (rc)
		r->failed++;
	say(r, "%s: %04X: %s", r->verb, d->devnum, msg);
}

int dasd_command(struct chan_subsys *cs, int argc, char **argv, void (*out)(void *ctx, const char *line),
                 void *ctx)
{
	struct dasd_req r = {.verb = argv[0], .out = out, .ctx = ctx, .mode = CKD_SF_MERGE};
	bool is_sync = !strcasecmp(argv[0], "sync");
	bool is_rm = !strcasecmp(argv[0], "sf-");
	r.verb = is_sync                       ? "sync"
	         : !strcasecmp(argv[0], "sf+") ? "sf+"
	         : is_rm                       ? "sf-"
	         : !strcasecmp(argv[0], "sfc") ? "sfc"
	                                       : "sfd";
	int maxargs = is_rm ? 3 : 2;
	if ((!is_sync && argc < 2) || argc > maxargs) {
		say(&r, "%s: expected %s %s", r.verb, r.verb,
		    is_sync ? "[ADDR|*]"
		    : is_rm ? "ADDR|* [merge|nomerge|force]"
		            : "ADDR|*");
		return -1;
	}
	if (argc < 2 || !strcmp(argv[1], "*")) {
		r.all = true;
	} else {
		char *end;
		unsigned long v = strtoul(argv[1], &end, 16);
		if (!*argv[1] || *end || v > 0xFFFF || strlen(argv[1]) > 4) {
			say(&r, "%s: %s is not a device address (1-4 hexadecimal digits, or *)", r.verb,
			    argv[1]);
			return -1;
		}
		r.devnum = (uint16_t)v;
	}
	if (argc == 3) {
		if (!strcasecmp(argv[2], "merge"))
			r.mode = CKD_SF_MERGE;
		else if (!strcasecmp(argv[2], "nomerge"))
			r.mode = CKD_SF_NOMERGE;
		else if (!strcasecmp(argv[2], "force"))
			r.mode = CKD_SF_FORCE;
		else {
			say(&r, "sf-: %s: expected merge, nomerge or force", argv[2]);
			return -1;
		}
	}
	chan_each_device(cs, one_device, &r);
	if (!r.matched) {
		if (r.all)
			say(&r, "%s: no %s", r.verb,
			    is_sync ? "DASD attached" : "CKD DASD with shadow files");
		else
			say(&r, "%s: device %04X does not exist", r.verb, r.devnum);
		return r.all ? 0 : -1;
	}
	return r.failed ? -1 : 0;
}
