/* spool_dev.c — a virtual machine's spooled unit record devices: its card
 * reader, card punch and printer.
 *
 * No real device is behind them.  CP runs the guest's channel program
 * itself, CCW by CCW, as the devices' component descriptions say they
 * behave, and keeps what a punch or printer writes in a spool file
 * (spool.c); a reader reads the cards of the files in its user's reader
 * queue.  The ending is an I/O interruption for the guest with the CSW the
 * real device would give (vio.c delivers it).
 *
 *   punch 2540P, 3525   X'01' (and modifiers: xxxxxx01) Write a card: 80 bytes, fewer are punched blank
 *                       (X'40'), the rest of a longer area is not taken (incorrect length unless SLI)
 *   printer 1403, 3211  xxxxx001 Write a line, then the carriage moves as bits 0-4 say (1 to 3 lines,
 *                       or a skip to a channel of the carriage tape); xxxxx011 the carriage moves only
 *                       (X'03' No Operation)
 *   reader 2540R, 3505  xxxxxx10 Read a card: 80 bytes.  After the last card of a file the next Read ends
 *                       with unit exception (the end of the file); with no file for it, unit check and
 *                       intervention required (an empty hopper: sense X'40')
 *   all                 X'04' Sense: one byte, X'03' No Operation; anything else is a command reject
 *                       (unit check, sense X'80')
 *
 * A printer or punch file is opened by the first Write and closed by the
 * CLOSE command (or LOGOFF); it then goes to the user the device is spooled
 * TO (SPOOL PUNCH TO userid: a file in that user's reader), or to the real
 * printer's or punch's queue.  A reader file is open from its first Read to
 * its end; it is then purged, unless the reader is spooled HOLD.
 *
 * The state of each device the user has spooled or used (its SPOOL
 * options, its open file, its TAG) is a struct spool_dev taken from a heap
 * pool (heap.c) when first needed, found by machine and address, so that a
 * machine's devices that never spool cost nothing.
 */
#include "ccwtrans.h"

enum { CARD = 80 };

struct spool_dev {
	struct spool_dev *next;     /* all of them, in a list */
	struct vm *vm;              /* whose */
	uint16_t vaddr;
	bool cont, hold, noeof;     /* SPOOL CONT, HOLD; reader NOEOF */
	uint8_t copies;             /* SPOOL COPY n */
	char to[9];                 /* SPOOL TO userid: the files go to that reader ("": OFF) */
	bool for_;                  /* ... FOR userid instead: to the real device, in that user's name */
	char tag[137];              /* TAG DEV: given to the files it closes */
	char dist[9];
	bool started;               /* the console: SPOOL CONSOLE START */
	struct spool_file *f;       /* open: being written, or read */
	uint16_t fid;               /* ... its id (the file may have been purged meanwhile) */
	struct spool_cursor cur;    /* reader: where it is in f */
	uint32_t diag_after;        /* reader: DIAGNOSE X'14' 0004/0008, the place of the last file given */
};
static struct pool sd_pool = POOL(struct spool_dev);
static struct spool_dev *devs;

struct spool_dev *spool_dev_of(struct vm *v, uint16_t vaddr, bool make)
{
	for (struct spool_dev *s = devs; s; s = s->next)
		if (s->vm == v && s->vaddr == vaddr)
			return s;
	struct spool_dev *s = make ? pool_get(&sd_pool) : NULL;
	if (!s)
		return NULL;
	s->vm = v;
	s->vaddr = vaddr;
	s->copies = 1;
	s->next = devs;
	devs = s;
	return s;
}

/* The file s had open, if it still exists. */
static struct spool_file *open_file(struct spool_dev *s)
{
	if (s->f && s->f->id == s->fid)
		return s->f;
	s->f = NULL;
	return NULL;
}

/* ---- output: punch and printer ---- */

/* Close what the printer or punch d wrote: the file goes to its place.
 * purge: thrown away; hold 1 HOLD, 0 NOHOLD, -1 as SPOOL said.  Returns the file's id (0: none was open). */
uint16_t spool_dev_close_out(struct user *u, struct vdev *d, bool purge, int hold, const char *fn, const char *ft,
                             const char *dist)
{
	struct spool_dev *s = spool_dev_of(u->vm, d->vaddr, false);
	struct spool_file *f = s ? open_file(s) : NULL;
	if (!f)
		return 0;
	uint16_t id = f->id;
	s->f = NULL;
	if (purge) {
		spool_purge(f);
		return id;
	}
	if (hold > 0 || (hold < 0 && s->hold))
		f->flags |= SPF_HOLD;
	f->copies = s->copies;
	if (fn)
		spool_copy(f->fn, fn, 8);
	if (ft)
		spool_copy(f->ft, ft, 8);
	spool_copy(f->dist, dist && *dist ? dist : s->dist[0] ? s->dist : u->id, 8);
	bool to_rdr = s->to[0] && !s->for_;
	struct user *to = to_rdr ? user_find(s->to) : NULL;
	if (s->to[0])
		spool_copy(f->owner, s->to, 8);
	if (to_rdr)
		f->queue = 'R';
	if (s->tag[0] && !f->tag[0])
		spool_copy(f->tag, s->tag, 136);
	f->seq = spool_new_seq();
	spool_close(f);
	const char *kind = f->devtype == 'P' ? "PUN" : "PRT";
	if (to_rdr) {
		user_printf(u, "%s FILE %04u TO %s COPY %02u %s", kind, id, s->to, f->copies,
		            f->flags & SPF_HOLD ? "HOLD" : "NOHOLD");
		if (to && to != u)
			user_printf(to, "RDR FILE %04u SENT FROM %s %s WAS %04u RECS %04u CPY %03u %c %s", id, u->id, kind,
			            id, f->records, f->copies, f->cls, f->flags & SPF_HOLD ? "HOLD" : "NOHOLD");
	} else {
		user_printf(u, "%s FILE %04u %s %s COPY %02u %s", kind, id, s->to[0] ? "FOR" : "TO",
		            s->to[0] ? s->to : "SYSTEM", f->copies, f->flags & SPF_HOLD ? "HOLD" : "NOHOLD");
		spool_real_poll(); /* a started printer or punch takes it now */
	}
	return id;
}

static bool write_record(struct user *u, struct vdev *d, uint8_t cmd, const uint8_t *data, uint16_t n)
{
	struct spool_dev *s = spool_dev_of(u->vm, d->vaddr, true);
	if (!s)
		return false;
	struct spool_file *f = open_file(s);
	if (!f) {
		f = spool_create(u->id, d->spool_kind, d->spool_class ? d->spool_class : 'A');
		if (!f) {
			user_printf(u, "S37SPL080E No room for another spool file: %03X not ready", d->vaddr);
			return false;
		}
		s->f = f;
		s->fid = f->id;
	}
	if (!spool_put(f, cmd, data, n)) {
		user_printf(u, "S37SPL081E The spool area is full: %03X not ready (CLOSE or PURGE it)", d->vaddr);
		return false;
	}
	if (n || d->spool_kind != 'L') /* (a carriage motion alone is no line) */
		acct_spool(u, d->spool_kind, 1); /* acct.c: the user's accounting record counts it */
	return true;
}

/* Gather the data of a CCW and the ones data-chained to it: up to max
 * bytes into buf; *count the bytes the CCWs offered; *last the final CCW's
 * address.  False: an address outside the machine (program check). */
static bool gather(struct vm *v, uint32_t *at, struct gccw *c, uint8_t *buf, uint16_t max, uint32_t *count)
{
	uint32_t n = 0;
	*count = 0;
	for (int k = 0; k < 32; k++) {
		uint32_t take = c->count;
		if (n + take > max)
			take = n < max ? max - n : 0;
		if (!c->count || (take && !vm_fetch(v, c->addr, buf + n, take)))
			return false;
		n += take;
		*count += c->count;
		if (!(c->flags & CCW_CD))
			return true;
		*at += 8;
		uint8_t keep = c->cmd;
		if (!xl_fetch_ccw(v, *at, c))
			return false;
		c->cmd = keep;
	}
	return false;
}

/* ---- input: the reader ---- */

/* The reader's file: the one it has open, else the first in its user's
 * queue it may read (its class or class *, not held, not read by another
 * reader).  NULL: the reader is empty. */
static struct spool_file *reader_file(struct user *u, struct vdev *d, struct spool_dev *s)
{
	struct spool_file *f = open_file(s);
	if (f)
		return f;
	struct spool_file *best = NULL;
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *x = &spool_files[k];
		if (!x->id || x->queue != 'R' || strcmp(x->owner, u->id) || (x->flags & (SPF_OPEN | SPF_HOLD | SPF_SYSHOLD | SPF_READING)))
			continue;
		if (d->spool_class && d->spool_class != '*' && d->spool_class != x->cls)
			continue;
		if (!best || x->seq < best->seq)
			best = x;
	}
	if (best) {
		best->flags |= SPF_READING;
		s->f = best;
		s->fid = best->id;
		memset(&s->cur, 0, sizeof s->cur);
		s->cur.f = best;
	}
	return best;
}

/* The reader is done with its file: purged, or kept (HOLD: in user hold). */
void spool_dev_reader_done(struct spool_dev *s, bool keep)
{
	struct spool_file *f = open_file(s);
	s->f = NULL;
	if (!f)
		return;
	f->flags &= (uint8_t)~SPF_READING;
	if (keep) {
		f->flags |= SPF_HOLD;
		spool_checkpoint();
	} else {
		spool_purge(f);
	}
}

/* One Read: the next card into the guest's areas.  Returns the unit status. */
static uint8_t read_card(struct user *u, struct vdev *d, uint32_t *at, struct gccw *c, uint8_t *chan, uint16_t *resid)
{
	struct vm *v = u->vm;
	struct spool_dev *s = spool_dev_of(v, d->vaddr, true);
	if (!s)
		return US_CE | US_DE | US_UC;
	static uint8_t card[256];
	int n = -1;
	struct spool_file *f;
	while ((f = reader_file(u, d, s))) {
		uint8_t cmd;
		n = spool_get(&s->cur, &cmd, card, sizeof card);
		if (n >= 0)
			break;
		/* the end of this file */
		bool more = s->cont;
		spool_dev_reader_done(s, s->hold);
		if (!more || !reader_file(u, d, s)) {
			if (s->noeof) {
				d->sense[0] = 0x40;
				return US_CE | US_DE | US_UC;
			}
			return US_CE | US_DE | US_UX; /* end of file */
		}
	}
	if (n < 0) { /* empty: intervention required */
		memset(d->sense, 0, sizeof d->sense);
		d->sense[0] = 0x40;
		return US_CE | US_DE | US_UC;
	}
	acct_spool(u, 'R', 1);
	for (int k = n; k < CARD; k++)
		card[k] = 0x40;
	/* scatter the 80 columns over the CCW and those data-chained to it */
	uint32_t done = 0;
	for (int k = 0; k < 32; k++) {
		uint32_t take = c->count < CARD - done ? c->count : CARD - done;
		if (!c->count || (take && !vm_store(v, c->addr, card + done, take))) {
			*chan = 0x20;
			return US_CE | US_DE;
		}
		done += take;
		if (!(c->flags & CCW_CD) || done == CARD) {
			*resid = (uint16_t)(c->count - take);
			if ((*resid || c->flags & CCW_CD) && !(c->flags & CCW_SLI))
				*chan = 0x40; /* incorrect length */
			if (c->flags & CCW_CD && done == CARD && !(c->flags & CCW_SLI))
				*chan = 0x40;
			return US_CE | US_DE;
		}
		*at += 8;
		if (!xl_fetch_ccw(v, *at, c)) {
			*chan = 0x20;
			return US_CE | US_DE;
		}
	}
	*chan = 0x20;
	return US_CE | US_DE;
}

/* ---- the channel program ---- */

void spool_dev_run(struct user *u, struct vdev *d, uint8_t key, uint32_t at)
{
	struct vm *v = u->vm;
	char kind = d->spool_kind;
	for (int n = 0; n < 1024; n++) {
		struct gccw c;
		if (!xl_fetch_ccw(v, at, &c)) {
			vio_put_csw(d, key, at + 8, 0, 0x20, 0);
			return;
		}
		if ((c.cmd & 0x0F) == 0x08) { /* TIC */
			at = c.addr;
			continue;
		}
		uint8_t unit = US_CE | US_DE, chan = 0;
		uint16_t resid = 0;
		uint8_t m = c.cmd & 0x03;
		if (!spool_ready() && c.cmd != 0x04 && c.cmd != 0x03) {
			memset(d->sense, 0, sizeof d->sense);
			d->sense[0] = 0x40; /* no spool area: never ready */
			unit |= US_UC;
		} else if (c.cmd == 0x04) { /* Sense */
			uint16_t k = c.count ? 1 : 0;
			if (k && !vm_store(v, c.addr, d->sense, 1))
				chan = 0x20;
			resid = (uint16_t)(c.count - k);
			if (resid && !(c.flags & CCW_SLI))
				chan |= 0x40;
			memset(d->sense, 0, sizeof d->sense);
		} else if (m == 0x03) { /* control: No Operation, carriage or stacker */
			if (kind == 'L' && c.cmd != 0x03 && !write_record(u, d, c.cmd, NULL, 0)) {
				d->sense[0] = 0x40;
				unit |= US_UC;
			}
		} else if (m == 0x01 && (kind == 'P' || kind == 'L')) { /* Write */
			static uint8_t line[256];
			uint16_t max = kind == 'P' ? CARD : (d->type == 0x3211 ? 150 : 132);
			uint32_t count;
			if (!gather(v, &at, &c, line, max, &count)) {
				chan = 0x20;
			} else {
				uint16_t len = (uint16_t)(count < max ? count : max);
				if (kind == 'P') {
					for (uint16_t k = len; k < CARD; k++)
						line[k] = 0x40;
					len = CARD;
				}
				if (count != max && !(c.flags & CCW_SLI) && (kind == 'P' || count > max))
					chan = 0x40; /* incorrect length */
				resid = count > max && !(c.flags & CCW_CD) ? (uint16_t)(count - max) : 0;
				if (!write_record(u, d, c.cmd, line, len)) {
					memset(d->sense, 0, sizeof d->sense);
					d->sense[0] = 0x40; /* the spool area is full */
					unit |= US_UC;
				}
			}
		} else if (m == 0x02 && kind == 'R') { /* Read */
			unit = read_card(u, d, &at, &c, &chan, &resid);
		} else { /* command reject */
			memset(d->sense, 0, sizeof d->sense);
			d->sense[0] = 0x80;
			unit |= US_UC;
		}
		if (chan & 0x40 && c.flags & CCW_SLI)
			chan &= (uint8_t)~0x40;
		if (chan || (unit & (US_UC | US_UX)) || !(c.flags & CCW_CC)) {
			vio_put_csw(d, key, at + 8, unit, chan, resid);
			return;
		}
		at += 8;
	}
	vio_put_csw(d, key, at + 8, US_CE | US_DE, 0x20, 0);
}

/* LOGOFF (d NULL: every device) or DETACH of d: what its printers and
 * punches wrote is closed (and goes where it was spooled), a file its
 * reader was reading goes back to the queue. */
static void release(struct user *u, const struct vdev *only)
{
	if (!u->vm)
		return;
	for (struct spool_dev **p = &devs; *p;) {
		struct spool_dev *s = *p;
		if (s->vm != u->vm || (only && s->vaddr != only->vaddr)) {
			p = &s->next;
			continue;
		}
		struct vdev *d = vm_dev(u->vm, s->vaddr);
		struct spool_file *f = open_file(s);
		if (f && d && ((d->kind == VDEV_SPOOL && d->spool_kind != 'R') || d->kind == VDEV_CONSOLE)) {
			spool_dev_close_out(u, d, false, -1, NULL, NULL, NULL);
		} else if (f && (f->flags & SPF_OPEN)) {
			spool_purge(f);
		} else if (f) {
			f->flags &= (uint8_t)~SPF_READING;
		}
		*p = s->next;
		pool_put(&sd_pool, s);
	}
}

void spool_logoff(struct user *u) { release(u, NULL); }

void spool_detach(struct user *u, struct vdev *d)
{
	if (d->kind == VDEV_SPOOL)
		release(u, d);
}

/* ---- the console: SPOOL CONSOLE START ----
 *
 * Every line of the user's console -- what CP and the machine show, what
 * the user types -- also goes into a printer spool file, as VM/370 offered
 * it: a log of a session, or of a machine that runs disconnected.  The
 * file is the console's (its SPOOL options: CLASS, TO, HOLD); CLOSE
 * CONSOLE sends it where it is spooled and a new one begins with the next
 * line; STOP closes it and spooling ends; so does LOGOFF. */

void spool_console_start(struct user *u, struct vdev *con, struct spool_dev *s, bool on)
{
	s->started = on;
	u->vm->cons_spool = on; /* (every console line looks at this first: no search for most machines) */
	if (!on)
		spool_dev_close_out(u, con, false, -1, NULL, NULL, NULL);
}

bool spool_console_started(const struct spool_dev *s) { return s->started; }

void spool_console_line(struct user *u, const char *text)
{
	static bool busy; /* (a message said while a line is spooled is not spooled itself) */
	if (!u->vm || !u->vm->cons_spool)
		return;
	struct vdev *d = vm_console(u->vm);
	struct spool_dev *s = d ? spool_dev_of(u->vm, d->vaddr, false) : NULL;
	if (!s || !s->started || busy)
		return;
	busy = true;
	struct spool_file *f = open_file(s);
	if (!f && (f = spool_create(u->id, 'L', d->spool_class ? d->spool_class : 'T'))) {
		s->f = f;
		s->fid = f->id;
	}
	uint8_t e[132];
	size_t n = strlen(text);
	if (n > sizeof e)
		n = sizeof e;
	cp_to_ebcdic(e, text, n);
	if (!f || !spool_put(f, 0x09, e, (uint16_t)n)) {
		s->started = u->vm->cons_spool = false;
		user_printf(u, "S37SPL082E Console spooling stopped: no room in the spool area");
	} else {
		acct_spool(u, 'L', 1);
	}
	busy = false;
}

/* ---- what spool_cmd.c needs of a device's state ---- */

void spool_dev_set(struct spool_dev *s, int cont, int hold, int copies, const char *to, int for_, int noeof)
{
	if (for_ >= 0)
		s->for_ = for_;
	if (cont >= 0)
		s->cont = cont;
	if (hold >= 0)
		s->hold = hold;
	if (copies > 0)
		s->copies = (uint8_t)copies;
	if (to)
		spool_copy(s->to, to, 8);
	if (noeof >= 0)
		s->noeof = noeof;
}

void spool_dev_get(const struct spool_dev *s, bool *cont, bool *hold, int *copies, const char **to, bool *for_,
                   bool *noeof)
{
	*for_ = s->for_;
	*cont = s->cont;
	*hold = s->hold;
	*copies = s->copies;
	*to = s->to;
	*noeof = s->noeof;
}

/* The file a device has open (NULL: none): CLOSE of a reader, QUERY. */
struct spool_file *spool_dev_file(struct spool_dev *s) { return open_file(s); }

/* TAG DEV: the text the device's files get (NULL: only asked; "" none). */
const char *spool_dev_tag(struct spool_dev *s, const char *text)
{
	if (text)
		spool_copy(s->tag, text, 136);
	return s->tag;
}

/* DIAGNOSE X'14' (diag14.c): the reader's file, opened when none is and
 * open says so; NULL: none. */
struct spool_cursor *spool_dev_cursor(struct user *u, struct vdev *d, bool open)
{
	struct spool_dev *s = spool_dev_of(u->vm, d->vaddr, open);
	if (!s || !(open_file(s) || (open && reader_file(u, d, s))))
		return NULL;
	return &s->cur;
}

uint32_t *spool_dev_diag_after(struct spool_dev *s) { return &s->diag_after; }
