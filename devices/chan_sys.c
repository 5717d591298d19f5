/* chan_sys.c — the channel subsystem object: the device table, attach,
 * detach, devinit, configuration, I/O system reset, the console hooks and
 * the device list.  IPL is in chan_ipl.c. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chan_int.h"

struct chan_subsys *chan_create(struct cpu *c)
{
	struct chan_subsys *cs = calloc(1, sizeof *cs);
	if (!cs)
		return NULL;
	cs->tab = calloc(65536, sizeof *cs->tab);
	if (!cs->tab) {
		free(cs);
		return NULL;
	}
	pthread_mutex_init(&cs->lock, NULL);
	pthread_mutex_init(&cs->post_lock, NULL);
	cs->posts_tail = &cs->posts;
	cs->cpu = c;
	cs->cp = codepage_find("037");
	/* Our default channel set: a byte-multiplexer channel 0, block
	 * multiplexers elsewhere (see chansys.h). */
	for (int ch = 0; ch < 256; ch++)
		cs->chtype[ch] = ch == 0 ? CHAN_BYTE_MPX : CHAN_BLOCK_MPX;
	chan_install(cs);
	return cs;
}

static void free_device(struct device *d)
{
	if (d->ops->close)
		d->ops->close(d);
	chan_cancel(d, NULL);
	free(d);
}

void chan_destroy(struct chan_subsys *cs)
{
	if (!cs)
		return;
	struct cpu *c = cs->cpu;
	if (c && c->chan_ctx == cs) {
		c->chan = NULL;
		c->chan_ctx = NULL;
		c->io_pending = NULL;
		c->io_interrupt = NULL;
		c->io_service = NULL;
		c->io_ctx = NULL;
	}
	for (int k = 0; k < 65536; k++)
		if (cs->tab[k])
			free_device(cs->tab[k]);
	while (cs->events) {
		struct chan_event *e = cs->events;
		cs->events = e->next;
		free(e);
	}
	while (cs->posts) {
		struct chan_postmsg *m = cs->posts;
		cs->posts = m->next;
		free(m);
	}
	free(cs->pend);
	free(cs->tab);
	free(cs);
}

void chan_set_printer(struct chan_subsys *cs, void (*print)(void *ctx, const char *line), void *ctx)
{
	pthread_mutex_lock(&cs->lock);
	cs->print = print;
	cs->print_ctx = ctx;
	pthread_mutex_unlock(&cs->lock);
}

void chan_print(struct chan_subsys *cs, const char *text)
{
	if (cs->print)
		cs->print(cs->print_ctx, text);
}

const struct codepage *chan_codepage(struct chan_subsys *cs)
{
	return cs->cp;
}

int chan_set_codepage(struct chan_subsys *cs, const char *name, char *err, size_t errlen)
{
	const struct codepage *cp = codepage_find(name);
	if (!cp) {
		snprintf(err, errlen,
		         "CODEPAGE %s: unknown code page (known: 037, 1047, 819/037, 819/1047, default)",
		         name);
		return -1;
	}
	cs->cp = cp;
	return 0;
}

void chan_set_console(struct chan_subsys *cs, struct device *d, chan_post_fn *input)
{
	cs->console = d;
	cs->console_input = input;
}

struct device *chan_find(struct chan_subsys *cs, uint16_t devnum)
{
	return cs->tab[devnum];
}

/* Build a device without entering it in the table. */
static struct device *make_device(struct chan_subsys *cs, uint16_t devnum, const struct dev_ops *ops,
                                  const char *type, int argc, char **argv, char *err, size_t errlen)
{
	struct device *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->devnum = devnum;
	d->cs = cs;
	d->ops = ops;
	snprintf(d->type, sizeof d->type, "%s", type);
	if (ops->init && ops->init(d, argc, argv, err, errlen)) {
		free(d);
		return NULL;
	}
	return d;
}

static int attach_locked(struct chan_subsys *cs, uint16_t devnum, const struct dev_ops *ops, const char *type,
                         int argc, char **argv, char *err, size_t errlen)
{
	if (!ops) {
		snprintf(err, errlen, "unknown device type %s", type);
		return -1;
	}
	if (cs->tab[devnum]) {
		snprintf(err, errlen, "device %04X already exists (%s)", devnum, cs->tab[devnum]->type);
		return -1;
	}
	struct device *d = make_device(cs, devnum, ops, type, argc, argv, err, errlen);
	if (!d)
		return -1;
	cs->tab[devnum] = d;
	cs->ndevs++;
	return 0;
}

int chan_attach(struct chan_subsys *cs, uint16_t devnum, const char *type, int argc, char **argv, char *err,
                size_t errlen)
{
	return chan_attach_ops(cs, devnum, dev_find_type(type), type, argc, argv, err, errlen);
}

int chan_attach_ops(struct chan_subsys *cs, uint16_t devnum, const struct dev_ops *ops, const char *type,
                    int argc, char **argv, char *err, size_t errlen)
{
	pthread_mutex_lock(&cs->lock);
	int rc = attach_locked(cs, devnum, ops, type, argc, argv, err, errlen);
	pthread_mutex_unlock(&cs->lock);
	return rc;
}

static void unlist(struct chan_subsys *cs, struct device *d)
{
	memset(&d->sub, 0, sizeof d->sub);
	chan_pending_update(d);
	if (cs->console == d) {
		cs->console = NULL;
		cs->console_input = NULL;
	}
}

int chan_detach(struct chan_subsys *cs, uint16_t devnum, char *err, size_t errlen)
{
	pthread_mutex_lock(&cs->lock);
	struct device *d = cs->tab[devnum];
	int rc = -1;
	if (!d) {
		snprintf(err, errlen, "device %04X does not exist", devnum);
	} else if (d->sub.state == SUB_WORKING) {
		snprintf(err, errlen, "device %04X is busy", devnum);
	} else {
		unlist(cs, d);
		cs->tab[devnum] = NULL;
		cs->ndevs--;
		free_device(d);
		rc = 0;
	}
	pthread_mutex_unlock(&cs->lock);
	return rc;
}

/* devinit: the device is built anew from the operands; on success it
 * replaces the old one and, having become ready, presents device end. */
int chan_devinit(struct chan_subsys *cs, uint16_t devnum, int argc, char **argv, char *err, size_t errlen)
{
	pthread_mutex_lock(&cs->lock);
	struct device *old = cs->tab[devnum];
	int rc = -1;
	if (!old) {
		snprintf(err, errlen, "device %04X does not exist", devnum);
	} else if (old->sub.state == SUB_WORKING) {
		snprintf(err, errlen, "device %04X is busy", devnum);
	} else {
		struct device *d = make_device(cs, devnum, old->ops, old->type, argc, argv, err, errlen);
		if (d) {
			bool was_console = cs->console == old;
			chan_post_fn *input = cs->console_input;
			unlist(cs, old);
			free_device(old);
			cs->tab[devnum] = d;
			if (was_console && !cs->console)
				chan_set_console(cs, d, input);
			chan_unsolicited(d, US_DE);
			rc = 0;
		}
	}
	pthread_mutex_unlock(&cs->lock);
	return rc;
}

void chan_set_type(struct chan_subsys *cs, unsigned ch, enum chan_type type)
{
	pthread_mutex_lock(&cs->lock);
	cs->chtype[ch & 0xFF] = (uint8_t)type;
	pthread_mutex_unlock(&cs->lock);
}

enum chan_type chan_get_type(struct chan_subsys *cs, unsigned ch)
{
	return (enum chan_type)cs->chtype[ch & 0xFF];
}

int chan_configure(struct chan_subsys *cs, const struct config *cfg, FILE *msg)
{
	static const enum chan_type from_config[] = {[CONFIG_CHAN_SELECTOR] = CHAN_SELECTOR,
	                                             [CONFIG_CHAN_BYTEMPX] = CHAN_BYTE_MPX,
	                                             [CONFIG_CHAN_BLKMPX] = CHAN_BLOCK_MPX};
	for (unsigned ch = 0; ch < 256; ch++)
		if (cfg->chantype[ch] != CONFIG_CHAN_DEFAULT)
			chan_set_type(cs, ch, from_config[cfg->chantype[ch]]);
	for (int k = 0; k < cfg->ndevs; k++) {
		const struct config_dev *cd = &cfg->devs[k];
		if (!dev_find_type(cd->type) && dev_type_pending(cd->type) && cd->nranges) {
			const struct config_devrange *r0 = &cd->ranges[0], *rn = &cd->ranges[cd->nranges - 1];
			char what[32];
			if (r0->first == rn->last)
				snprintf(what, sizeof what, "%04X", r0->first);
			else
				snprintf(what, sizeof what, "%04X-%04X", r0->first, rn->last);
			fprintf(msg, "%s:%d: warning: device type %s is not yet emulated: %s not attached\n",
			        cd->file ? cd->file : "?", cd->line, cd->type, what);
			continue;
		}
		for (int r = 0; r < cd->nranges; r++) {
			for (uint32_t n = cd->ranges[r].first; n <= cd->ranges[r].last; n++) {
				char **argv = calloc((size_t)cd->nargs + 1, sizeof *argv);
				char buf[512];
				for (int a = 0; argv && a < cd->nargs; a++) {
					config_dev_arg(cd, a, (uint16_t)n, buf, sizeof buf);
					argv[a] = strdup(buf);
				}
				char err[256] = "";
				int rc = argv ? chan_attach(cs, (uint16_t)n, cd->type, cd->nargs, argv, err,
				                            sizeof err)
				              : -1;
				if (!argv)
					snprintf(err, sizeof err, "out of memory");
				for (int a = 0; argv && a < cd->nargs; a++)
					free(argv[a]);
				free(argv);
				if (rc) {
					fprintf(msg, "%s:%d: device %04X %s: %s\n", cd->file ? cd->file : "?",
					        cd->line, n, cd->type, err);
					return -1;
				}
				if (err[0]) /* attached, with an option accepted but not emulated */
					fprintf(msg, "%s:%d: warning: device %04X %s: %s\n",
					        cd->file ? cd->file : "?", cd->line, n, cd->type, err);
			}
		}
	}
	return 0;
}

void chan_reset(struct chan_subsys *cs)
{
	pthread_mutex_lock(&cs->lock);
	for (int k = 0; k < 65536; k++) {
		struct device *d = cs->tab[k];
		if (!d)
			continue;
		if ((d->sub.state == SUB_WORKING || d->sub.dev_working) && d->ops->halt)
			d->ops->halt(d);
		chan_cancel(d, NULL);
		if (d->ops->reset)
			d->ops->reset(d);
		memset(&d->sub, 0, sizeof d->sub);
	}
	cs->npend = 0;
	__atomic_store_n(&cs->npend_hint, 0, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&cs->lock);
}

int chan_console_line(struct chan_subsys *cs, const char *text)
{
	pthread_mutex_lock(&cs->lock);
	struct device *d = cs->console;
	chan_post_fn *fn = cs->console_input;
	uint16_t devnum = d ? d->devnum : 0;
	pthread_mutex_unlock(&cs->lock);
	if (!d)
		return -1;
	chan_post(cs, devnum, fn, 0, text, strlen(text));
	return 0;
}

/* The subchannel's state in a word for devlist and the panel ("" = idle). */
static const char *sub_state_text(const struct chan_sub *s)
{
	return s->state == SUB_WORKING                    ? "busy"
	       : s->state == SUB_PENDING || s->dev_status ? "interruption-pending"
	       : s->dev_working                           ? "device-working"
	                                                  : "";
}

void chan_devlist(struct chan_subsys *cs, void (*out)(void *ctx, const char *line), void *ctx)
{
	pthread_mutex_lock(&cs->lock);
	for (int k = 0; k < 65536; k++) {
		struct device *d = cs->tab[k];
		if (!d)
			continue;
		char q[200] = "";
		if (d->ops->query)
			d->ops->query(d, q, sizeof q);
		const char *state = sub_state_text(&d->sub);
		char line[300];
		snprintf(line, sizeof line, "%04X %-8s %s%s%s", d->devnum, d->type, q,
		         *q && *state ? " " : "", state);
		out(ctx, line);
	}
	pthread_mutex_unlock(&cs->lock);
}

void chan_each_device(struct chan_subsys *cs, void (*fn)(struct device *d, void *ctx), void *ctx)
{
	pthread_mutex_lock(&cs->lock);
	for (int n = 0; n <= 0xFFFF; n++)
		if (cs->tab[n])
			fn(cs->tab[n], ctx);
	pthread_mutex_unlock(&cs->lock);
}

void chan_devinfo_each(struct chan_subsys *cs, void (*fn)(void *ctx, const struct chan_devinfo *di), void *ctx)
{
	struct chan_devinfo di;
	pthread_mutex_lock(&cs->lock);
	for (int n = 0; n <= 0xFFFF; n++) {
		struct device *d = cs->tab[n];
		if (!d)
			continue;
		memset(&di, 0, sizeof di);
		di.devnum = d->devnum;
		snprintf(di.type, sizeof di.type, "%s", d->type);
		if (d->ops->query)
			d->ops->query(d, di.query, sizeof di.query);
		di.state = sub_state_text(&d->sub);
		di.sios = d->sios;
		di.io_interrupts = d->io_interrupts;
		fn(ctx, &di);
	}
	pthread_mutex_unlock(&cs->lock);
}
