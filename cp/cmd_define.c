/* cmd_define.c — DEFINE (a user changes the configuration of the virtual
 * machine), and the operator's ATTACH and DETACH of real devices, with
 * VM/370's operands (CP Command Reference for General Users; Operator's
 * Guide, ATTACH and DETACH):
 *
 *   DEFine STORage nnnnnK|nnM         (class G) new storage; the machine is reset
 *   DEFine GRAF|CONsole|Reader|RDR|PUnch|PCH|Printer|PRT vaddr
 *   DEFine T2314|T2319|T3330|T3340|T3350|T3375|T3380 [AS] vaddr CYL n
 *   DEFine vaddr1 [AS] vaddr2         a device gets a new address
 *   ATTach raddr [TO] userid|* [[AS] vaddr]             (class B; R/O: not yet)
 *   DETach raddr [FROM] userid|*                        (class B)
 *   DETach vaddr vaddr ...            (class G) several of one's own devices
 *
 * A spooled unit record device is a device of the machine only (spooling
 * comes later); GRAF is a display no terminal has dialed to.  Both answer
 * the guest as not operational.  A T-disk is tdisk.c's.  An attached real
 * device is the user's alone (VDEV_DEDICATED, rdev.owner); CP keeps what it
 * uses itself: the system volume, the volumes with T-disk space or with
 * minidisks in use, the terminals.
 */
#include "cp.h"
#include "dirfmt.h"

/* The name a response gives a device: DASD 191, RDR 00C ... */
const char *rdev_kind(const struct rdev *r)
{
	switch (r->cls) {
	case RDEV_DASD:
		return "DASD";
	case RDEV_TAPE:
		return "TAPE";
	case RDEV_READER:
		return "RDR";
	case RDEV_PUNCH:
		return "PUN";
	case RDEV_PRINTER:
		return "PRT";
	case RDEV_DISPLAY:
		return "GRAF";
	case RDEV_CONSOLE:
		return "CONS";
	default:
		return "DEV";
	}
}

static const char *vdev_kind(const struct vdev *d)
{
	switch (d->kind) {
	case VDEV_CONSOLE:
		return "CONS";
	case VDEV_MDISK:
		return "DASD";
	case VDEV_DEDICATED:
		return d->real ? rdev_kind(d->real) : "DEV";
	case VDEV_SPOOL:
		return d->spool_kind == 'P'   ? "PUN"
		       : d->spool_kind == 'L' ? "PRT"
		       : d->spool_kind == 'G' ? "GRAF"
		                              : "RDR";
	}
	return "DEV";
}

/* A new device at vaddr in v (the caller checked that the address is free),
 * or NULL and the user told there is no room. */
static struct vdev *new_vdev(struct user *u, struct vm *v, uint16_t vaddr, uint16_t type, enum vdev_kind kind)
{
	if (v->ndev >= VM_MAX_DEV) {
		user_printf(u, "S37CDF023E No room for another device (%d at most)", VM_MAX_DEV);
		return NULL;
	}
	struct vdev *d = &v->dev[v->ndev++];
	memset(d, 0, sizeof *d);
	d->vaddr = vaddr;
	d->type = type;
	d->kind = kind;
	return d;
}

static void remove_vdev(struct vm *v, struct vdev *d)
{
	int k = (int)(d - v->dev);
	memmove(&v->dev[k], &v->dev[k + 1], sizeof v->dev[0] * (size_t)(v->ndev - k - 1));
	v->ndev--;
}

/* ---- DEFINE STORAGE ---- */

/* nnnnnK or nnM: kilobytes, or 0 when it is not such a size. */
static uint32_t storage_kb(const char *w)
{
	uint32_t n = 0;
	const char *p = w;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > 99999)
			return 0;
		n = n * 10 + (uint32_t)(*p - '0');
	}
	if (p == w || p[1] || (*p != 'K' && *p != 'M'))
		return 0;
	return *p == 'M' ? (n > 4096 ? 0 : n * 1024) : n;
}

static void define_storage(struct user *u, char *size, char *more)
{
	static struct dir_user dir;
	uint32_t kb = size ? storage_kb(size) : 0;
	if (!kb || more) {
		user_printf(u, "S37CDF026E Operand missing or invalid (DEFINE STORAGE nnnnnK|nnM)");
		return;
	}
	int r = dir_find(u->id, &dir);
	if (r != DIR_FOUND) {
		user_printf(u, "S37CDF060E The user directory cannot be read; tell the operator.");
		return;
	}
	if (kb > dir.max_storage_kb) {
		user_printf(u, "S37CDF094E Storage exceeds allowed maximum (%uK)", dir.max_storage_kb);
		return;
	}
	const char *why = NULL;
	if (!vm_define_storage(u->vm, kb, &why)) {
		user_printf(u, "%s", why ? why : "S37CDF067E Storage not changed");
		return;
	}
	u->storage_kb = u->vm->pages * 4;
	user_printf(u, "STORAGE = %uK", u->storage_kb);
	if (u->term)
		term_status(u->term); /* reset: CP READ */
}

/* ---- DEFINE of devices ---- */

/* The T-disk types: the operand, the device type. */
static const struct {
	const char *name;
	uint16_t type;
} tdisk_types[] = {
    {"T2314", 0x2314}, {"T2319", 0x2314}, {"T3330", 0x3330}, {"T3340", 0x3340},
    {"T3350", 0x3350}, {"T3375", 0x3375}, {"T3380", 0x3380},
};

/* The vaddr of a DEFINE, after an optional AS; false when missing or bad. */
static bool as_vaddr(char **rest, uint16_t *vaddr)
{
	char *w = cmd_word(rest);
	if (w && !strcmp(w, "AS"))
		w = cmd_word(rest);
	return w && cmd_vaddr(w, vaddr);
}

static bool address_free(struct user *u, uint16_t vaddr)
{
	if (!vm_dev(u->vm, vaddr))
		return true;
	user_printf(u, "S37CDF092E DEV %03X not defined; DEV %03X already defined", vaddr, vaddr);
	return false;
}

/* DEFINE T3350 [AS] vaddr CYL n */
static void define_tdisk(struct user *u, const char *name, uint16_t type, char *rest)
{
	uint16_t vaddr;
	uint32_t cyls = 0;
	char *w = NULL, *n = NULL;
	bool ok = as_vaddr(&rest, &vaddr) && (w = cmd_word(&rest)) && cmd_abbrev(w, "CYL") &&
	          (n = cmd_word(&rest)) && !cmd_word(&rest);
	for (const char *p = n; ok && *p; p++) {
		ok = *p >= '0' && *p <= '9' && cyls < 10000;
		cyls = cyls * 10 + (uint32_t)(*p - '0');
	}
	if (!ok || !cyls) {
		user_printf(u, "S37CDF026E Operand missing or invalid (DEFINE %s vaddr CYL n)", name);
		return;
	}
	if (!address_free(u, vaddr))
		return;
	if (u->vm->ndev >= VM_MAX_DEV) {
		user_printf(u, "S37CDF023E No room for another device (%d at most)", VM_MAX_DEV);
		return;
	}
	struct rdev *real = NULL;
	uint16_t start = 0;
	const char *why = tdisk_get(type, (uint16_t)cyls, &real, &start);
	if (why) {
		user_printf(u, "S37CDF091E DASD %03X not defined; %s", vaddr, why);
		return;
	}
	struct vdev *d = new_vdev(u, u->vm, vaddr, type, VDEV_MDISK);
	d->tdisk = true;
	d->write = true;
	d->real = real;
	d->start = start;
	d->count = (uint16_t)cyls;
	memcpy(d->volser, real->volser, sizeof d->volser);
	user_printf(u, "DASD %03X DEFINED", vaddr);
}

/* DEFINE GRAF|CONSOLE|READER|PUNCH|PRINTER vaddr */
static void define_unit(struct user *u, const char *w, char *rest)
{
	uint16_t vaddr;
	char *a = cmd_word(&rest);
	if (!a || !cmd_vaddr(a, &vaddr)) {
		user_printf(u, "S37CDF022E Virtual device address missing or invalid%s%s", a ? " - " : "",
		            a ? a : "");
		return;
	}
	if ((a = cmd_word(&rest))) {
		user_printf(u, "S37CDF003E Invalid option - %s", a);
		return;
	}
	if (!address_free(u, vaddr))
		return;
	struct vdev *d;
	if (cmd_abbrev(w, "CONsole")) {
		for (int k = 0; k < u->vm->ndev; k++)
			if (u->vm->dev[k].kind == VDEV_CONSOLE) {
				user_printf(u, "S37CDF092E DEV %03X not defined; the console is %03X", vaddr,
				            u->vm->dev[k].vaddr);
				return;
			}
		if (!(d = new_vdev(u, u->vm, vaddr, 0x3215, VDEV_CONSOLE)))
			return;
	} else {
		char kind = cmd_abbrev(w, "GRAF")                           ? 'G'
		            : cmd_abbrev(w, "PUnch") || !strcmp(w, "PCH")   ? 'P'
		            : cmd_abbrev(w, "Printer") || !strcmp(w, "PRT") ? 'L'
		                                                            : 'R';
		uint16_t type = kind == 'G' ? 0x3270 : kind == 'L' ? 0x1403 : 0x2540;
		if (!(d = new_vdev(u, u->vm, vaddr, type, VDEV_SPOOL)))
			return;
		d->spool_kind = kind;
		d->spool_class =
		    kind == 'R' ? '*' : 'A'; /* VM/370's defaults: the reader reads every class */
	}
	user_printf(u, "%s %03X DEFINED", vdev_kind(d), vaddr);
}

/* DEFINE vaddr1 [AS] vaddr2 */
static void define_as(struct user *u, uint16_t from, char *rest)
{
	uint16_t to;
	if (!as_vaddr(&rest, &to) || cmd_word(&rest)) {
		user_printf(u,
		            "S37CDF022E Virtual device address missing or invalid (DEFINE vaddr1 AS vaddr2)");
		return;
	}
	struct vdev *d = vm_dev(u->vm, from);
	if (!d) {
		user_printf(u, "S37CDF040E DEV %03X does not exist", from);
		return;
	}
	if (to != from && !address_free(u, to))
		return;
	d->vaddr = to;
	user_printf(u, "%s %03X DEFINED", vdev_kind(d), to);
}

void define_cmd(struct user *u, char *rest)
{
	cp_upper(rest);
	char *w = cmd_word(&rest);
	uint16_t vaddr;
	if (!w) {
		user_printf(u, "S37CDF026E Operand missing or invalid");
		return;
	}
	if (cmd_abbrev(w, "STORage")) {
		char *size = cmd_word(&rest);
		define_storage(u, size, cmd_word(&rest));
		return;
	}
	for (size_t k = 0; k < sizeof tdisk_types / sizeof tdisk_types[0]; k++)
		if (!strcmp(w, tdisk_types[k].name)) {
			define_tdisk(u, tdisk_types[k].name, tdisk_types[k].type, rest);
			return;
		}
	if (cmd_abbrev(w, "GRAF") || cmd_abbrev(w, "CONsole") || cmd_abbrev(w, "Reader") ||
	    !strcmp(w, "RDR") || cmd_abbrev(w, "PUnch") || !strcmp(w, "PCH") || cmd_abbrev(w, "Printer") ||
	    !strcmp(w, "PRT")) {
		define_unit(u, w, rest);
		return;
	}
	if (cmd_vaddr(w, &vaddr)) {
		define_as(u, vaddr, rest);
		return;
	}
	user_printf(u, "S37CDF003E Invalid option - %s", w);
}

/* ---- ATTACH, DETACH of real devices ---- */

/* Why CP keeps d for itself, or NULL when a user may have it. */
const char *define_cp_uses(struct rdev *d)
{
	static char why[60];
	if (d->offline) /* VARY OFFLINE (cmd_oper.c) */
		return "offline";
	if (d == dir_volume())
		return "CP owned (the system volume)";
	if (d == con_device())
		return "in use by CP (the operator's console)";
	if (d->cls == RDEV_DISPLAY || d->cls == RDEV_CONSOLE)
		return "in use by CP (a terminal for LOGON)";
	if (d->cls != RDEV_DASD)
		return NULL;
	int links = 0;
	for (int k = 0; k < MAX_USERS; k++) {
		struct vm *v = cp_users[k].used ? cp_users[k].vm : NULL;
		for (int j = 0; v && j < v->ndev; j++)
			links += v->dev[j].kind == VDEV_MDISK && v->dev[j].real == d;
	}
	if (links) {
		cp_format(why, sizeof why, "in use by %d minidisk link%s", links, links == 1 ? "" : "s");
		return why;
	}
	if (tdisk_volume(d))
		return "CP owned (T-disk space)";
	return NULL;
}

void attach_cmd(struct user *u, char *rest)
{
	if (!cmd_allowed(u, "ATTACH", "B"))
		return;
	cp_upper(rest);
	char *w = cmd_word(&rest), *id;
	uint16_t raddr, vaddr;
	if (!w || !cmd_vaddr(w, &raddr)) {
		user_printf(u, "S37CAT021E Real device address missing or invalid%s%s", w ? " - " : "",
		            w ? w : "");
		return;
	}
	id = cmd_word(&rest);
	if (id && !strcmp(id, "TO"))
		id = cmd_word(&rest);
	if (!id) {
		user_printf(u, "S37CAT020E Userid missing or invalid (ATTACH raddr TO userid AS vaddr)");
		return;
	}
	vaddr = raddr;
	bool ro = false;
	for (char *o; (o = cmd_word(&rest));) {
		if (!strcmp(o, "R/O") || !strcmp(o, "R")) {
			ro = true; /* the guest's writes are refused (ccwtrans.c, dedicated_command) */
		} else if (!strcmp(o, "AS")) {
			if (!(o = cmd_word(&rest)) || !cmd_vaddr(o, &vaddr)) {
				user_printf(u, "S37CAT022E Virtual device address missing or invalid%s%s",
				            o ? " - " : "", o ? o : "");
				return;
			}
		} else if (!cmd_vaddr(o, &vaddr)) {
			user_printf(u, "S37CAT003E Invalid option - %s", o);
			return;
		}
	}
	struct user *to = strcmp(id, "*") ? user_find(id) : u;
	struct rdev *d = io_find(raddr);
	const char *why;
	if (!d) {
		user_printf(u, "S37CAT040E DEV %03X does not exist", raddr);
	} else if (!to) {
		user_printf(u, "S37CAT045E %s not logged on", id);
	} else if (d->owner) {
		user_printf(u, "S37CAT122E %s %03X already attached to %s", rdev_kind(d), raddr,
		            d->owner->id);
	} else if ((why = define_cp_uses(d))) {
		user_printf(u, "S37CAT123E %s %03X %s", rdev_kind(d), raddr, why);
	} else if (vm_dev(to->vm, vaddr)) {
		user_printf(u, "S37CAT120E %s %03X not attached; %s %03X already defined", rdev_kind(d),
		            raddr, to->id, vaddr);
	} else {
		struct vdev *v = new_vdev(u, to->vm, vaddr, d->type, VDEV_DEDICATED);
		if (!v)
			return;
		v->real = d;
		v->raddr = raddr;
		v->write = !ro;
		d->owner = to;
		acct_attach(d); /* the clock of its accounting record (acct.c) */
		con_printf("ATTACH %03X TO %s %03X%s BY %s", raddr, to->id, vaddr, ro ? " R/O" : "", u->id);
		user_printf(to, "%s %03X ATTACHED%s", rdev_kind(d), vaddr, ro ? " R/O" : "");
		if (to != u)
			user_printf(u, "%s %03X ATTACHED TO %s %03X%s", rdev_kind(d), raddr, to->id, vaddr, ro ? " R/O" : "");
	}
}

/* The attached device d leaves u's machine: it is free again. */
void define_release(struct user *u, struct vdev *d)
{
	if (d->kind != VDEV_DEDICATED || !d->real || d->real->owner != u)
		return;
	d->real->owner = NULL;
	acct_detach(u, d->real); /* its accounting record, type 02 (acct.c) */
	con_printf("%s %03X FREE: DETACHED BY %s", rdev_kind(d->real), d->real->addr, u->id);
}

void define_logoff(struct user *u)
{
	for (int k = 0; u->vm && k < u->vm->ndev; k++)
		define_release(u, &u->vm->dev[k]);
}

/* DETACH raddr [FROM] userid|* (class B), or DETACH vaddr vaddr ... */
void detach_real_cmd(struct user *u, char *raddr, char *from, char *rest)
{
	cp_upper(raddr);
	cp_upper(from);
	cp_upper(rest);
	uint16_t a, b;
	if (!strcmp(from, "FROM") || !strcmp(from, "FRO") || !strcmp(from, "FR") || !strcmp(from, "F")) {
		from = cmd_word(&rest);
	} else if (cmd_vaddr(from, &b)) { /* several of one's own devices: all good, or none goes */
		char *w[VM_MAX_DEV];
		uint16_t vaddr[VM_MAX_DEV];
		int n = 0;
		w[n++] = raddr;
		w[n++] = from;
		while (n < VM_MAX_DEV && (w[n] = cmd_word(&rest)))
			n++;
		for (int k = 0; k < n; k++)
			if (!cmd_vaddr(w[k], &vaddr[k])) {
				user_printf(u, "S37DTA026E Operand missing or invalid - %s", w[k]);
				return;
			}
		for (int k = 0; k < n; k++)
			detach_cmd(u, vaddr[k]);
		return;
	}
	if (!cmd_allowed(u, "DETACH raddr FROM userid", "B"))
		return;
	if (!cmd_vaddr(raddr, &a)) {
		user_printf(u, "S37DTA021E Real device address missing or invalid - %s", raddr);
		return;
	}
	if (!from || cmd_word(&rest)) {
		user_printf(u, "S37DTA020E Userid missing or invalid (DETACH raddr FROM userid)");
		return;
	}
	struct user *of = strcmp(from, "*") ? user_find(from) : u;
	struct rdev *d = io_find(a);
	if (!d) {
		user_printf(u, "S37DTA040E DEV %03X does not exist", a);
		return;
	}
	if (!of) {
		user_printf(u, "S37DTA045E %s not logged on", from);
		return;
	}
	struct vdev *v = NULL;
	for (int k = 0; k < of->vm->ndev && !v; k++)
		if (of->vm->dev[k].kind == VDEV_DEDICATED && of->vm->dev[k].real == d)
			v = &of->vm->dev[k];
	if (!v || d->owner != of) {
		user_printf(u, "S37DTA140E %s %03X not attached to %s", rdev_kind(d), a, of->id);
		return;
	}
	uint16_t vaddr = v->vaddr;
	d->owner = NULL;
	acct_detach(of, d); /* its accounting record, type 02 (acct.c) */
	remove_vdev(of->vm, v);
	con_printf("DETACH %03X FROM %s %03X BY %s", a, of->id, vaddr, u->id);
	if (of != u)
		user_printf(of, "%s %03X DETACHED BY %s", rdev_kind(d), vaddr, u->id);
	user_printf(u, "%s %03X DETACHED FROM %s %03X", rdev_kind(d), a, of->id, vaddr);
}

/* QUERY DASD: every real disk and its volume serial; to whom it is
 * attached; the T-disk space. */
void define_query_dasd(struct user *u)
{
	for (int k = 0; k < cp_nrdevs; k++) {
		struct rdev *d = &cp_rdevs[k];
		if (d->cls != RDEV_DASD)
			continue;
		const char *vol = d->volser[0] ? d->volser : "(no label)";
		const struct vdev *v = NULL;
		for (int j = 0; d->owner && d->owner->vm && j < d->owner->vm->ndev; j++)
			if (d->owner->vm->dev[j].kind == VDEV_DEDICATED && d->owner->vm->dev[j].real == d)
				v = &d->owner->vm->dev[j];
		if (v)
			user_printf(u, "DASD %03X %04X %s ATTACHED TO %s %03X", d->addr, d->type, vol,
			            d->owner->id, v->vaddr);
		else
			user_printf(u, "DASD %03X %04X %s", d->addr, d->type, vol);
	}
	tdisk_query(u);
}
