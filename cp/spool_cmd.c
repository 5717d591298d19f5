/* spool_cmd.c — the spooling commands (VM/370 CP Command Reference for
 * General Users, "SPOOL", "CLOSE", "PURGE", "ORDER", "CHANGE", "TAG",
 * "TRANSFER", "QUERY"):
 *
 *   SPool  Reader|Printer|PUnch|vaddr  [CLass c] [CONt|NOCont] [HOld|NOHold] [COpy n] [EOF|NOEOF]
 *                                      [TO userid|* | FOR userid|* | OFF] [CLOSE|PURGE]
 *   SPool  CONSole [START|STOP] [CLass c] [HOld|NOHold] [TO userid|* | OFF] [CLOSE]  (spool_dev.c)
 *   CLose  Reader|Printer|PUnch|CONSole|vaddr  [HOld|NOHold] [PUrge] [DIst code] [NAme fn [ft]]
 *   PURge  [userid] Reader|Printer|PUnch|ALL  [spoolid ... | CLass c | ALL]  (userid: class D)
 *   ORder  Reader|Printer|PUnch        spoolid|CLass c ...
 *   CHange Reader|Printer|PUnch        spoolid|CLass c|ALL  [CLass c] [COpy n] [HOld|NOHold] [NAme fn [ft]] [DIst code]
 *   TRANsfer Reader|Printer|PUnch      spoolid|CLass c|ALL  TO userid|*  (or FROM userid: files one sent back)
 *   TAG DEV vaddr|Printer|PUnch [text],  TAG FILE spoolid [text],  TAG QUERY DEV vaddr | FILE spoolid
 *   Query  Reader|Printer|PUnch [ALL],  Query FILES,  Query CONSole
 *
 * A user's files are those in the user's reader (queue R, owner the user)
 * and the printer and punch files the user made that wait for the real
 * devices (or were spooled FOR the user).  Every change is written to the
 * checkpoint at once (spool.c), so it survives a stop of the machine.
 */
#include "cp.h"

static char queue_of(const char *w)
{
	if (cmd_abbrev(w, "Reader") || !strcmp(w, "RDR"))
		return 'R';
	if (cmd_abbrev(w, "Printer") || !strcmp(w, "PRT"))
		return 'L';
	if (cmd_abbrev(w, "PUnch") || !strcmp(w, "PCH") || !strcmp(w, "PUN"))
		return 'P';
	return 0;
}

static const char *queue_name(char q) { return q == 'R' ? "RDR" : q == 'L' ? "PRT" : "PUN"; }

static bool owned(const char *id, const struct spool_file *f, char q)
{
	return f->id && !(f->flags & SPF_OPEN) && (!q || f->queue == q) && !strcmp(f->owner, id);
}

static bool mine(const struct user *u, const struct spool_file *f, char q) { return owned(u->id, f, q); }

static bool class_ok(char *w, bool star)
{
	if (w)
		cp_upper(w);
	return w && strlen(w) == 1 && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9') || (star && w[0] == '*'));
}

static bool number(const char *w, uint32_t max, uint32_t *out)
{
	uint32_t n = 0;
	if (!w || !*w)
		return false;
	for (; *w; w++) {
		if (*w < '0' || *w > '9' || n > 99999)
			return false;
		n = n * 10 + (uint32_t)(*w - '0');
	}
	*out = n;
	return n <= max;
}

/* Give back the word w that cmd_word took from *rest. */
static void unread(char **rest, char *w)
{
	char *end = w + strlen(w);
	if (end != *rest)
		*end = ' ';
	*rest = w;
}

/* The spooled devices w names: Reader, Printer, PUnch (all of that kind)
 * or one address.  How many, at most 8 into out; -1 after a message. */
static int devices(struct user *u, const char *w, struct vdev **out)
{
	struct vm *v = u->vm;
	char q = w ? queue_of(w) : 0;
	uint16_t a;
	bool cons = w && cmd_abbrev(w, "CONSole"); /* SPOOL CONSOLE, CLOSE CONSOLE: the console (or its address) */
	struct vdev *con = v ? vm_console(v) : NULL;
	if (con && (cons || (!q && cmd_vaddr(w, &a) && a == con->vaddr))) {
		out[0] = con;
		return 1;
	}
	if (!w || (!q && !cmd_vaddr(w, &a))) {
		user_printf(u, "S37SPL007E Invalid device type - %s", w ? w : "(none)");
		return -1;
	}
	int n = 0;
	for (int k = 0; v && k < v->ndev && n < 8; k++) {
		struct vdev *d = &v->dev[k];
		if (d->kind != VDEV_SPOOL || d->spool_kind == 'G' || (q && d->spool_kind != q) || (!q && d->vaddr != a))
			continue;
		out[n++] = d;
	}
	if (!n && q)
		user_printf(u, "S37SPL040E No virtual %s device", q == 'R' ? "reader" : q == 'L' ? "printer" : "punch");
	else if (!n)
		user_printf(u, "S37SPL040E Dev %03X does not exist or is not a spooled device", a);
	return n ? n : -1;
}

static bool user_known(struct user *u, const char *id)
{
	static struct dir_user_buf { uint8_t b[1024]; } rec;
	if (user_find(id) || dir_find(id, (struct dir_user *)&rec) == DIR_FOUND)
		return true;
	user_printf(u, "S37SPL053E %s not in CP directory", id);
	return false;
}

/* ---- SPOOL ---- */

static void spool_spool(struct user *u, char *rest)
{
	struct vdev *ds[8];
	char *w = cmd_word(&rest);
	if (w)
		cp_upper(w);
	int n = devices(u, w, ds);
	if (n < 0)
		return;
	int cont = -1, hold = -1, copies = -1, noeof = -1, fr = -1, action = 0, start = -1;
	bool console = ds[0]->kind == VDEV_CONSOLE;
	char cls = 0, *to = NULL;
	bool any = false;
	while ((w = cmd_word(&rest))) {
		cp_upper(w);
		any = true;
		char *x = NULL;
		uint32_t k;
		if (cmd_abbrev(w, "CLass") && class_ok(x = cmd_word(&rest), ds[0]->spool_kind == 'R' && n == 1)) {
			cls = (char)cp_toupper(x[0]);
		} else if (cmd_abbrev(w, "CONt") || cmd_abbrev(w, "NOCont")) {
			cont = w[0] == 'C';
		} else if (cmd_abbrev(w, "HOld") || cmd_abbrev(w, "NOHold")) {
			hold = w[0] == 'H';
		} else if (!strcmp(w, "EOF") || !strcmp(w, "NOEOF")) {
			noeof = w[0] == 'N';
		} else if (cmd_abbrev(w, "COpy") && number(x = cmd_word(&rest), 99, &k) && k) {
			copies = (int)k;
		} else if ((cmd_abbrev(w, "To") || cmd_abbrev(w, "For")) && (x = cmd_word(&rest))) {
			cp_upper(x);
			fr = w[0] == 'F';
			to = strcmp(x, "*") ? x : u->id;
			if (strlen(to) > 8 || !user_known(u, to))
				return;
		} else if (!strcmp(w, "OFF")) {
			to = "";
			fr = 0;
		} else if (!strcmp(w, "CLOSE") || !strcmp(w, "PURGE")) {
			action = w[0] == 'C' ? 1 : 2;
		} else if (console && (!strcmp(w, "START") || !strcmp(w, "STOP"))) {
			start = w[2] == 'A';
		} else {
			user_printf(u, "S37SPL003E Invalid option - %s%s%s", w, x ? " " : "", x ? x : "");
			return;
		}
	}
	if (!any) {
		user_printf(u, "S37SPL026E Operand missing or invalid");
		return;
	}
	for (int k = 0; k < n; k++) {
		struct vdev *d = ds[k];
		struct spool_dev *s = spool_dev_of(u->vm, d->vaddr, true);
		if (!s) {
			user_printf(u, "S37SPL060E No storage for the state of %03X", d->vaddr);
			return;
		}
		if (cls)
			d->spool_class = cls;
		spool_dev_set(s, cont, hold, copies, d->spool_kind == 'R' ? NULL : to, d->spool_kind == 'R' ? -1 : fr,
		              d->spool_kind == 'R' ? noeof : -1);
		if (action && d->spool_kind != 'R')
			spool_dev_close_out(u, d, action == 2, -1, NULL, NULL, NULL);
		if (console && start >= 0)
			spool_console_start(u, d, s, start == 1);
	}
}

/* ---- CLOSE ---- */

static void spool_close_cmd(struct user *u, char *rest)
{
	struct vdev *ds[8];
	char *w = cmd_word(&rest);
	if (w)
		cp_upper(w);
	int n = devices(u, w, ds);
	if (n < 0)
		return;
	int hold = -1;
	bool purge = false;
	char *dist = NULL, *fn = NULL, *ft = NULL;
	while ((w = cmd_word(&rest))) {
		cp_upper(w);
		if (cmd_abbrev(w, "HOld") || cmd_abbrev(w, "NOHold")) {
			hold = w[0] == 'H';
		} else if (cmd_abbrev(w, "PUrge")) {
			purge = true;
		} else if (cmd_abbrev(w, "DIst") && (dist = cmd_word(&rest))) {
			cp_upper(dist);
		} else if (cmd_abbrev(w, "NAme") && (fn = cmd_word(&rest))) {
			cp_upper(fn);
			if ((ft = cmd_word(&rest)))
				cp_upper(ft);
			if (ft && (cmd_abbrev(ft, "HOld") || cmd_abbrev(ft, "NOHold") || cmd_abbrev(ft, "PUrge") ||
			           cmd_abbrev(ft, "DIst"))) { /* not a file type: an option */
				unread(&rest, ft);
				ft = NULL;
			}
		} else {
			user_printf(u, "S37SPL003E Invalid option - %s", w);
			return;
		}
	}
	for (int k = 0; k < n; k++) {
		struct vdev *d = ds[k];
		if (d->spool_kind != 'R') {
			spool_dev_close_out(u, d, purge, hold, fn, ft, dist);
			continue;
		}
		struct spool_dev *s = spool_dev_of(u->vm, d->vaddr, false);
		bool keep = false, cont, sh, nf, fr;
		int copies;
		const char *to;
		if (s) {
			spool_dev_get(s, &cont, &sh, &copies, &to, &fr, &nf);
			keep = hold > 0 || (hold < 0 && sh);
			spool_dev_reader_done(s, keep);
		}
	}
}

/* ---- selecting files: spoolid ... | CLass c | ALL ---- */

struct sel {
	uint16_t ids[16];
	int nids;
	char cls;
	bool all;
};

/* Parse a selection from *rest; false after a message. */
static bool select(struct user *u, char **rest, struct sel *s, bool one_word)
{
	memset(s, 0, sizeof *s);
	char *w;
	while (s->nids < 16 && (w = cmd_word(rest))) {
		cp_upper(w);
		uint32_t id;
		if (!strcmp(w, "ALL") && !s->nids) {
			s->all = true;
		} else if (cmd_abbrev(w, "CLass") && !s->nids) {
			char *c = cmd_word(rest);
			if (!class_ok(c, false)) {
				user_printf(u, "S37SPL026E Operand missing or invalid (CLASS c)");
				return false;
			}
			s->cls = (char)cp_toupper(c[0]);
		} else if (number(w, 9999, &id) && id) {
			s->ids[s->nids++] = (uint16_t)id;
		} else {
			unread(rest, w); /* not a selection: an option */
			break;
		}
		if (one_word && (s->all || s->cls))
			break;
	}
	if (!s->nids && !s->cls && !s->all) {
		user_printf(u, "S37SPL026E Operand missing or invalid (spoolid, CLASS c or ALL)");
		return false;
	}
	return true;
}

static bool selected(const struct sel *s, const struct spool_file *f)
{
	if (s->all)
		return true;
	if (s->cls)
		return f->cls == s->cls;
	for (int k = 0; k < s->nids; k++)
		if (s->ids[k] == f->id)
			return true;
	return false;
}

/* The ids named that are none of the user's files in queue q: said. */
static void missing_of(struct user *u, const char *id, const struct sel *s, char q)
{
	for (int k = 0; k < s->nids; k++) {
		struct spool_file *f = spool_find(s->ids[k]);
		if (!f || !owned(id, f, q))
			user_printf(u, "S37SPL042E %s file %04u does not exist", q ? queue_name(q) : "Spool", s->ids[k]);
	}
}

static void missing(struct user *u, const struct sel *s, char q) { missing_of(u, u->id, s, q); }

static char queue_word(struct user *u, char **rest, bool all_ok)
{
	char *w = cmd_word(rest);
	if (w)
		cp_upper(w);
	char q = w ? queue_of(w) : 0;
	if (!q && w && all_ok && !strcmp(w, "ALL"))
		return '*';
	if (!q)
		user_printf(u, "S37SPL007E Invalid device type - %s (Reader, Printer or PUnch)", w ? w : "(none)");
	return q;
}

static void count_msg(struct user *u, uint32_t n, const char *what)
{
	if (n)
		user_printf(u, "%04u FILE%s %s", n, n == 1 ? "" : "S", what);
	else
		user_printf(u, "NO FILES %s", what);
}

/* ---- PURGE, ORDER, CHANGE, TRANSFER ---- */

/* PURGE [userid] Reader|Printer|PUnch|ALL ...: another user's files for
 * the spooling operator (class D). */
static void spool_purge_cmd(struct user *u, char *rest)
{
	char owner[9];
	cp_format(owner, sizeof owner, "%s", u->id);
	char *p = rest, *w = cmd_word(&p);
	if (w) {
		cp_upper(w);
		if (!queue_of(w) && strcmp(w, "ALL") && strlen(w) <= 8) { /* a user id */
			if (!cmd_allowed(u, "PURGE userid", "D") || !user_known(u, w))
				return;
			cp_format(owner, sizeof owner, "%s", w);
		} else {
			unread(&p, w);
		}
		rest = p;
	}
	char q = queue_word(u, &rest, true);
	if (!q)
		return;
	struct sel s;
	if (q == '*') { /* PURGE ALL: every file of the user */
		memset(&s, 0, sizeof s);
		s.all = true;
		q = 0;
	} else if (!select(u, &rest, &s, false)) {
		return;
	}
	uint32_t n = 0;
	missing_of(u, owner, &s, q);
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *f = &spool_files[k];
		if (owned(owner, f, q) && selected(&s, f) && !(f->flags & SPF_READING)) {
			spool_purge(f);
			n++;
		}
	}
	count_msg(u, n, "PURGED");
}

/* The user's next file of queue q after place after (ORDER, QUERY): NULL none. */
static struct spool_file *next_in_queue(struct user *u, char q, uint32_t after, bool all)
{
	struct spool_file *f = NULL;
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *x = &spool_files[k];
		if (x->id && !(x->flags & SPF_OPEN) && x->queue == q && (all || !strcmp(x->owner, u->id)) &&
		    x->seq > after && (!f || x->seq < f->seq))
			f = x;
	}
	return f;
}

/* ORDER: the files named come first, in the order named (a class: its
 * files in their order), then the others as they were. */
static void spool_order_cmd(struct user *u, char *rest)
{
	char q = queue_word(u, &rest, false);
	struct sel s;
	if (!q || !select(u, &rest, &s, false))
		return;
	missing(u, &s, q);
	static struct spool_file *first[SPOOL_MAX_FILES];
	int n = 0;
	if (s.cls) {
		for (struct spool_file *f = next_in_queue(u, q, 0, false); f; f = next_in_queue(u, q, f->seq, false))
			if (f->cls == s.cls)
				first[n++] = f;
	} else {
		for (int j = 0; j < s.nids; j++) {
			struct spool_file *f = spool_find(s.ids[j]);
			if (f && mine(u, f, q))
				first[n++] = f;
		}
	}
	for (int k = 0; k < SPOOL_MAX_FILES; k++) /* the old places, above every new one */
		if (mine(u, &spool_files[k], q))
			spool_files[k].seq |= 0x80000000u;
	for (int k = 0; k < n; k++)
		first[k]->seq = spool_new_seq();
	for (;;) { /* the rest, in their old order */
		struct spool_file *f = next_in_queue(u, q, 0x7FFFFFFFu, false);
		if (!f)
			break;
		f->seq = spool_new_seq();
	}
	spool_checkpoint();
}

static void spool_change_cmd(struct user *u, char *rest)
{
	char q = queue_word(u, &rest, false);
	struct sel s;
	if (!q || !select(u, &rest, &s, true))
		return;
	char cls = 0, *fn = NULL, *ft = NULL, *dist = NULL;
	int hold = -1;
	uint32_t copies = 0;
	char *w;
	bool any = false;
	while ((w = cmd_word(&rest))) {
		cp_upper(w);
		char *x = NULL;
		any = true;
		if (cmd_abbrev(w, "CLass") && class_ok(x = cmd_word(&rest), false)) {
			cls = (char)cp_toupper(x[0]);
		} else if (cmd_abbrev(w, "COpy") && number(x = cmd_word(&rest), 99, &copies) && copies) {
		} else if (cmd_abbrev(w, "HOld") || cmd_abbrev(w, "NOHold")) {
			hold = w[0] == 'H';
		} else if (cmd_abbrev(w, "DIst") && (dist = cmd_word(&rest))) {
			cp_upper(dist);
		} else if (cmd_abbrev(w, "NAme") && (fn = cmd_word(&rest))) {
			cp_upper(fn);
			if ((ft = cmd_word(&rest)))
				cp_upper(ft);
		} else {
			user_printf(u, "S37SPL003E Invalid option - %s", w);
			return;
		}
	}
	if (!any) {
		user_printf(u, "S37SPL026E Operand missing or invalid (what to change)");
		return;
	}
	missing(u, &s, q);
	uint32_t n = 0;
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *f = &spool_files[k];
		if (!mine(u, f, q) || !selected(&s, f))
			continue;
		if (cls)
			f->cls = cls;
		if (copies)
			f->copies = (uint16_t)copies;
		if (hold == 1)
			f->flags |= SPF_HOLD;
		if (hold == 0)
			f->flags &= (uint8_t)~SPF_HOLD;
		if (fn)
			spool_copy(f->fn, fn, 8);
		if (fn)
			spool_copy(f->ft, ft ? ft : "", 8);
		if (dist)
			spool_copy(f->dist, dist, 8);
		n++;
	}
	if (n)
		spool_checkpoint();
	count_msg(u, n, "CHANGED");
}

static void spool_transfer_cmd(struct user *u, char *rest)
{
	char q = queue_word(u, &rest, false);
	struct sel s;
	if (!q || !select(u, &rest, &s, true))
		return;
	char *w = cmd_word(&rest), *id = cmd_word(&rest);
	if (w)
		cp_upper(w);
	if (id)
		cp_upper(id);
	if (!w || !id || (strcmp(w, "TO") && strcmp(w, "FROM")) || cmd_word(&rest)) {
		user_printf(u, "S37SPL026E Operand missing or invalid (TO userid or FROM userid)");
		return;
	}
	if (!strcmp(id, "*"))
		id = u->id;
	if (strlen(id) > 8 || !user_known(u, id))
		return;
	bool from = w[0] == 'F';
	if (!from)
		missing(u, &s, q);
	uint32_t n = 0;
	struct user *to = user_find(from ? u->id : id);
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *f = &spool_files[k];
		if (!f->id || (f->flags & (SPF_OPEN | SPF_READING)) || !selected(&s, f) || f->queue != q)
			continue;
		/* TO: the user's own files; FROM: files the user made, in id's queue */
		if (from ? strcmp(f->owner, id) || strcmp(f->origin, u->id) : strcmp(f->owner, u->id))
			continue;
		spool_copy(f->owner, from ? u->id : id, 8);
		f->queue = 'R';
		f->seq = spool_new_seq();
		n++;
		if (to && to != u)
			user_printf(to, "RDR FILE %04u TRANSFERRED FROM %s %s RECS %04u CPY %03u %c %s", f->id, u->id,
			            queue_name(q), f->records, f->copies, f->cls, f->flags & SPF_HOLD ? "HOLD" : "NOHOLD");
	}
	if (n)
		spool_checkpoint();
	count_msg(u, n, "TRANSFERRED");
}

/* ---- TAG ---- */

static void spool_tag_cmd(struct user *u, char *rest)
{
	char *w = cmd_word(&rest);
	if (w)
		cp_upper(w);
	bool query = w && !strcmp(w, "QUERY");
	if (query && (w = cmd_word(&rest)))
		cp_upper(w);
	while (*rest == ' ')
		rest++;
	char *x;
	if (w && !strcmp(w, "FILE") && (x = cmd_word(&rest))) {
		uint32_t id;
		struct spool_file *f = number(x, 9999, &id) ? spool_find((uint16_t)id) : NULL;
		while (*rest == ' ')
			rest++;
		if (!f || (!mine(u, f, 0) && strcmp(f->origin, u->id))) {
			user_printf(u, "S37SPL042E Spool file %s does not exist", x);
		} else if (query) {
			user_printf(u, "%s", f->tag[0] ? f->tag : "(NO TAG)");
		} else {
			spool_copy(f->tag, rest, 136);
			spool_checkpoint();
		}
		return;
	}
	if (w && !strcmp(w, "DEV") && (x = cmd_word(&rest))) {
		cp_upper(x);
		struct vdev *ds[8];
		int n = devices(u, x, ds);
		while (*rest == ' ')
			rest++;
		for (int k = 0; k < n; k++) {
			struct spool_dev *s = spool_dev_of(u->vm, ds[k]->vaddr, true);
			if (!s)
				continue;
			if (ds[k]->spool_kind == 'R') {
				user_printf(u, "S37SPL007E Invalid device type - %03X is a reader", ds[k]->vaddr);
				return;
			}
			const char *t = spool_dev_tag(s, query ? NULL : rest);
			if (query)
				user_printf(u, "%s", *t ? t : "(NO TAG)");
		}
		return;
	}
	user_printf(u, "S37SPL026E Operand missing or invalid (TAG DEV vaddr [text], TAG FILE spoolid [text], TAG QUERY ...)");
}

/* ---- QUERY ---- */

static void list_files(struct user *u, char q, bool all)
{
	uint32_t n = 0;
	for (struct spool_file *f = next_in_queue(u, q, 0, all); f; f = next_in_queue(u, q, f->seq, all)) {
		if (!n++)
			user_printf(u, "%sORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME  NAME     TYPE     DIST", all ? "OWNERID  " : "");
		char own[10] = "";
		if (all)
			cp_format(own, sizeof own, "%-8s ", f->owner);
		user_printf(u, "%s%-8s %04u %c %s %08u %02u %-4s %s %-8s %-8s %s", own, f->origin, f->id, f->cls,
		            f->devtype == 'P' ? "PUN" : f->devtype == 'L' ? "PRT" : "RDR", f->records, f->copies,
		            f->flags & SPF_SYSHOLD ? "SYS" : f->flags & SPF_HOLD ? "USER" : f->flags & SPF_READING ? "READ" : "NONE",
		            f->date, f->fn, f->ft, f->dist);
	}
	if (!n)
		user_printf(u, "NO %s FILES", queue_name(q));
}

/* QUERY CONSOLE: the console and its spooling. */
static void query_console(struct user *u)
{
	struct vdev *d = u->vm ? vm_console(u->vm) : NULL;
	if (!d) {
		user_printf(u, "S37SPL040E No virtual console");
		return;
	}
	struct spool_dev *s = spool_dev_of(u->vm, d->vaddr, false);
	bool cont = false, hold = false, fr = false, nf;
	int copies = 1;
	const char *to = "";
	if (s)
		spool_dev_get(s, &cont, &hold, &copies, &to, &fr, &nf);
	struct spool_file *f = s ? spool_dev_file(s) : NULL;
	user_printf(u, "CONS %03X %s CL %c %s %s %s", d->vaddr, s && spool_console_started(s) ? "START" : "STOP",
	            d->spool_class ? d->spool_class : 'T', *to ? (fr ? "FOR" : "TO") : "TO", *to ? to : "SYSTEM",
	            hold ? "HOLD" : "NOHOLD");
	if (f)
		user_printf(u, "CONS FILE %04u OPEN, %u RECORDS", f->id, f->records);
}

bool spool_query(struct user *u, const char *w, char *rest)
{
	if (cmd_abbrev(w, "CONSole")) {
		query_console(u);
		return true;
	}
	char q = queue_of(w);
	if (!q && !cmd_abbrev(w, "FILes"))
		return false;
	if (!spool_ready()) {
		user_printf(u, "S37SPL001E No spooling: the system has no spool area");
		return true;
	}
	char *x = cmd_word(&rest);
	bool all = x && !strcmp(x, "ALL");
	if (all && !cmd_allowed(u, "QUERY ... ALL", "ABD"))
		return true;
	if (!q) {
		uint32_t c[3] = {0, 0, 0}, blocks, free_blocks;
		for (int k = 0; k < SPOOL_MAX_FILES; k++) {
			struct spool_file *f = &spool_files[k];
			if (f->id && !(f->flags & SPF_OPEN) && (all || !strcmp(f->owner, u->id)))
				c[f->queue == 'R' ? 0 : f->queue == 'L' ? 1 : 2]++;
		}
		user_printf(u, "FILES: %04u RDR, %04u PRT, %04u PUN", c[0], c[1], c[2]);
		spool_space(&blocks, &free_blocks);
		if (all)
			user_printf(u, "SPOOL AREA: %u OF %u BLOCKS FREE", free_blocks, blocks);
		return true;
	}
	list_files(u, q, all);
	return true;
}

bool spool_cmd(struct user *u, const char *w, char *rest)
{
	void (*fn)(struct user *, char *) = NULL;
	if (spool_real_cmd(u, w, rest)) /* START, DRAIN: spool_real.c */
		return true;
	if (cmd_abbrev(w, "SPool"))
		fn = spool_spool;
	else if (cmd_abbrev(w, "CLose"))
		fn = spool_close_cmd;
	else if (cmd_abbrev(w, "PURge"))
		fn = spool_purge_cmd;
	else if (cmd_abbrev(w, "ORder"))
		fn = spool_order_cmd;
	else if (cmd_abbrev(w, "CHange"))
		fn = spool_change_cmd;
	else if (cmd_abbrev(w, "TRANsfer"))
		fn = spool_transfer_cmd;
	else if (cmd_abbrev(w, "TAG"))
		fn = spool_tag_cmd;
	else
		return false;
	if (!u->vm)
		return true;
	if (!spool_ready()) {
		user_printf(u, "S37SPL001E No spooling: the system has no spool area");
		return true;
	}
	fn(u, rest);
	spool_real_poll(); /* a file may wait for a started printer or punch now */
	return true;
}
