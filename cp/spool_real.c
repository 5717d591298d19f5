/* spool_real.c — the real unit record devices: the operator's START and
 * DRAIN of the real printers and punches, which then print and punch the
 * files of their queues, and the real card reader, whose decks become
 * spool files in a user's reader (VM/370 Operator's Guide, "Operator
 * Spooling Functions").
 *
 *   STArt raddr|ALL [CLass c...]   (class A or D) the device works from now
 *                                  on, on files of those classes (all when none is given)
 *   DRain raddr|ALL                (class A or D) it stops after the file it works on
 *
 * Printers and punches are drained at IPL, readers started.  A started
 * printer or punch takes the first file of its queue (the printer's or the
 * punch's) whose class it serves and that is not held, writes it as many
 * times as its copies say, each record with the command code that wrote it
 * (a printer's carriage control), and purges it: "PRT 00E OUTPUT OF ALICE
 * FILE 0003 RECDS 0003 COPY 01 A PRT" on the operator's console.  CP runs
 * the device's channel programs itself (io_run), 32 records each, and
 * waits for them: the machine's unit record devices write a host file.  A
 * device that fails (not ready, a check) is drained, the file left in its
 * queue.
 *
 * A deck in the real reader starts with CP's ID card, "ID userid": its
 * cards after that become a file in that user's reader, whether the user is
 * logged on or not ("RDR 00C INPUT FOR BOB FILE 0007").  The reader reads a
 * deck when the operator STARTs it and whenever it becomes ready (device
 * end: new cards, `devinit` on the s370 console).  A deck without an ID
 * card, or for a user not in the directory, is read to its end and thrown
 * away, with a message.
 */
#include "cp.h"

enum { CHAIN = 32, MAX_UR = 16 };

static struct ur {
	struct rdev *d;
	bool started;
	char classes[9];            /* served; "" all */
} urs[MAX_UR];
static int nur;
static bool inited;

static void ur_init(void)
{
	if (inited)
		return;
	inited = true;
	for (int k = 0; k < cp_nrdevs && nur < MAX_UR; k++) {
		struct rdev *d = &cp_rdevs[k];
		if (d->cls == RDEV_READER || d->cls == RDEV_PUNCH || d->cls == RDEV_PRINTER) {
			urs[nur].d = d;
			urs[nur].started = d->cls == RDEV_READER;
			nur++;
		}
	}
}

static struct ur *ur_find(uint16_t addr)
{
	ur_init();
	for (int k = 0; k < nur; k++)
		if (urs[k].d->addr == addr)
			return &urs[k];
	return NULL;
}

static const char *ur_name(const struct rdev *d)
{
	return d->cls == RDEV_READER ? "RDR" : d->cls == RDEV_PUNCH ? "PUN" : "PRT";
}

/* ---- output ---- */

/* Write file f once on d: false when the device failed. */
static bool write_copy(struct rdev *d, struct spool_file *f)
{
	static struct ccw prog[CHAIN];
	static uint8_t data[CHAIN][160];
	struct spool_cursor c = {f, 0, 0, 0};
	for (;;) {
		int n = 0;
		uint8_t cmd;
		int len;
		while (n < CHAIN && (len = spool_get(&c, &cmd, data[n], sizeof data[n])) >= 0) {
			if (d->cls == RDEV_PUNCH) {
				cmd = 0x01;
				for (int k = len; k < 80; k++)
					data[n][k] = 0x40;
				len = 80;
			}
			if (len > (int)sizeof data[n])
				len = sizeof data[n];
			ccw_set(&prog[n], cmd, data[n], CCW_SLI, (uint16_t)(len ? len : 1));
			n++;
		}
		if (!n)
			return true;
		for (int k = 0; k + 1 < n; k++)
			prog[k].flags |= CCW_CC;
		int st = io_run(d, prog);
		if (st < 0 || (st & (US_UC | US_UX)) || d->chan) {
			con_printf("S37SPL071E %s %03X not ready or failing (status %02X%02X sense %02X): file %04u "
			           "stays queued; the device is drained",
			           ur_name(d), d->addr, st < 0 ? 0xFF : st, d->chan, d->sense[0], f->id);
			return false;
		}
		if (n < CHAIN)
			return true;
	}
}

static bool serves(const struct ur *r, const struct spool_file *f)
{
	char q = r->d->cls == RDEV_PUNCH ? 'P' : 'L';
	if (!f->id || f->queue != q || (f->flags & (SPF_OPEN | SPF_HOLD | SPF_SYSHOLD | SPF_READING)))
		return false;
	if (!r->classes[0])
		return true;
	for (const char *c = r->classes; *c; c++)
		if (*c == f->cls)
			return true;
	return false;
}

/* Every started printer and punch writes the files waiting for it. */
void spool_real_poll(void)
{
	ur_init();
	for (int k = 0; k < nur; k++) {
		struct ur *r = &urs[k];
		while (r->started && r->d->cls != RDEV_READER) {
			struct spool_file *f = NULL;
			for (int j = 0; j < SPOOL_MAX_FILES; j++)
				if (serves(r, &spool_files[j]) && (!f || spool_files[j].seq < f->seq))
					f = &spool_files[j];
			if (!f)
				break;
			for (uint16_t copy = f->copies ? f->copies : 1; copy; copy--) {
				con_printf("%s %03X %s %s FILE %04u RECDS %04u COPY %02u %c %s", ur_name(r->d), r->d->addr,
				           copy == (f->copies ? f->copies : 1) ? "OUTPUT OF" : "REPEATED", f->owner, f->id,
				           f->records, copy, f->cls, f->devtype == 'P' ? "PUN" : "PRT");
				if (!write_copy(r->d, f)) {
					r->started = false;
					break;
				}
			}
			if (r->started)
				spool_purge(f);
		}
	}
}

/* ---- input ---- */

/* The words of a card (EBCDIC) in ASCII: the first two into a and b. */
static void card_words(const uint8_t *card, char *a, char *b)
{
	char t[81];
	for (int k = 0; k < 80; k++)
		t[k] = cp_toupper((char)cp_e2a[card[k]]);
	t[80] = 0;
	char *p = t;
	char *w1 = cmd_word(&p), *w2 = cmd_word(&p);
	spool_copy(a, w1 ? w1 : "", 8);
	spool_copy(b, w2 ? w2 : "", 8);
}

/* Read the deck in reader d to its end. */
static void read_deck(struct rdev *d)
{
	static uint8_t card[80];
	static struct ccw rd;
	struct spool_file *f = NULL;
	bool refused = false;
	uint32_t cards = 0;
	char id[9] = "";
	for (;;) {
		ccw_set(&rd, 0x02, card, CCW_SLI, 80);
		int st = io_run(d, &rd);
		if (st < 0 || (st & (US_UC | US_UX)) || d->chan) {
			bool end = st >= 0 && ((st & US_UX) || ((st & US_UC) && (d->sense[0] & 0x40)));
			if (!end && cards)
				con_printf("S37SPL072E RDR %03X: read error (status %02X%02X sense %02X) after %u cards; "
				           "the deck is not spooled", d->addr, st < 0 ? 0xFF : st, d->chan, d->sense[0], cards);
			if (f && end) {
				spool_close(f);
				con_printf("RDR %03X INPUT FOR %s FILE %04u RECDS %04u", d->addr, id, f->id, f->records);
				struct user *u = user_find(id);
				if (u)
					user_printf(u, "RDR FILE %04u FROM SYSTEM RDR RECS %04u CPY 001 A NOHOLD", f->id, f->records);
			} else if (f) {
				spool_purge(f);
			}
			return;
		}
		cards++;
		if (refused)
			continue;
		if (cards == 1) { /* the ID card */
			char w1[9], w2[9];
			static uint8_t dir[1024] __attribute__((aligned(8)));
			card_words(card, w1, w2);
			if (strcmp(w1, "ID") || !w2[0] || dir_find(w2, (struct dir_user *)dir) != DIR_FOUND) {
				con_printf("S37SPL073E RDR %03X: the deck's first card is not ID userid of a user in the "
				           "directory (it reads %s %s): the deck is flushed", d->addr, w1, w2);
				refused = true;
				continue;
			}
			spool_copy(id, w2, 8);
			f = spool_create("SYSTEM", 'R', 'A');
			if (!f) {
				con_printf("S37SPL074E RDR %03X: no room for a spool file: the deck is flushed", d->addr);
				refused = true;
				continue;
			}
			f->queue = 'R';
			spool_copy(f->owner, id, 8);
			continue;
		}
		if (!spool_put(f, 0x02, card, 80)) {
			con_printf("S37SPL074E RDR %03X: the spool area is full: the deck is flushed", d->addr);
			spool_purge(f);
			f = NULL;
			refused = true;
		}
	}
}

/* The reader presented status by itself: device end means new cards. */
void spool_real_event(struct rdev *d, uint8_t status)
{
	struct ur *r = ur_find(d->addr);
	if (r && r->started && (status & US_DE) && spool_ready())
		read_deck(d);
}

/* ---- START, DRAIN ---- */

bool spool_real_cmd(struct user *u, const char *w, char *rest)
{
	bool start = cmd_abbrev(w, "STArt");
	if (!start && !cmd_abbrev(w, "DRain"))
		return false;
	if (!cmd_allowed(u, start ? "START" : "DRAIN", "AD"))
		return true;
	cp_upper(rest);
	char *a = cmd_word(&rest);
	uint32_t addr = 0;
	bool all = a && !strcmp(a, "ALL");
	if (!a || (!all && !cp_hex(a, 3, &addr))) {
		user_printf(u, "S37SPL026E Operand missing or invalid (%s raddr|ALL)", start ? "START" : "DRAIN");
		return true;
	}
	char classes[9] = "";
	char *x = cmd_word(&rest);
	if (x && start && cmd_abbrev(x, "CLass")) {
		int n = 0;
		while ((x = cmd_word(&rest)) && n < 8)
			for (; *x && n < 8; x++)
				classes[n++] = *x;
		classes[n] = 0;
	} else if (x) {
		user_printf(u, "S37SPL003E Invalid option - %s", x);
		return true;
	}
	ur_init();
	int done = 0;
	for (int k = 0; k < nur; k++) {
		struct ur *r = &urs[k];
		if (!all && r->d->addr != addr)
			continue;
		r->started = start;
		if (start)
			memcpy(r->classes, classes, sizeof classes);
		user_printf(u, "%s %03X %s", ur_name(r->d), r->d->addr, start ? "STARTED" : "DRAINED");
		done++;
		if (start && r->d->cls == RDEV_READER && spool_ready())
			read_deck(r->d);
	}
	if (!done)
		user_printf(u, "S37SPL040E Dev %03X is not a real reader, printer or punch", addr);
	else if (start)
		spool_real_poll();
	return true;
}
