/* cmd_oper.c — the operator's commands: running the system as a whole.
 *
 * VM/370 gives these to privilege classes A (the primary system operator:
 * the system's availability, users, accounting) and B (the system resource
 * operator: the real devices), with one for every user (G: EXTERNAL, on
 * one's own machine).  The syntax and classes follow the VM/370 Release 6
 * Operator's Guide and CP Command Reference; the messages are ours
 * (S37xxxnnnE, as everywhere in CP).
 *
 *   FORCE userid                    (A) log a user off, connected or not
 *   WARNING userid|ALL text         (A, B) a warning; MSG ALL text (cmd.c) the same as a message
 *   SHUTDOWN                        (A) warn, log everyone off, checkpoint the spool, stop
 *   VARY ONLINE|OFFLINE raddr       (B) CP starts or stops using a real device
 *   QUERY SYSTEM raddr              (B) who uses a real disk: its minidisk links
 *   QUERY ALL                       (B) every real device and its state
 *   QUERY ACCOUNT                   (A) the accounting records waiting (acct.c)
 *   EXTERNAL                        (G) the interrupt key of one's own machine: code X'0040'
 */
#include "cp.h"

static int users_on(void)
{
	int n = 0;
	for (int k = 0; k < MAX_USERS; k++)
		n += cp_users[k].used;
	return n;
}

/* ---- FORCE, WARNING, SHUTDOWN ---- */

/* FORCE userid (class A): the user is logged off, whether at a terminal or
 * disconnected (VM/370 logs a disconnected user off the same way: its
 * machine, its devices and its accounting record all end as at LOGOFF). */
void oper_force(struct user *u, char *rest)
{
	char *id = cmd_word(&rest);
	if (!id || cmd_word(&rest)) {
		user_printf(u, "S37CFR026E Operand missing or invalid (FORCE userid)");
		return;
	}
	cp_upper(id);
	struct user *v = user_find(id);
	if (!v) {
		user_printf(u, "S37CFR045E %s not logged on", id);
		return;
	}
	bool dsc = !v->term;
	con_printf("FORCE %s BY %s", v->id, u->id);
	con_printf("%s LOGOFF AS %-8s USERS = %03d FORCED", dsc ? "DSC" : "USER", v->id, users_on() - 1);
	if (v != u)
		user_printf(u, "USER %s FORCED%s", v->id, dsc ? " (DISCONNECTED)" : "");
	else
		user_printf(u, "USER %s FORCED", v->id);
	user_printf(v, "FORCED OFF BY %s", u->id);
	user_logoff(v); /* v may be u: then u is gone too */
}

/* WARNING userid|ALL text, MSG ALL text (class A or B): to every user, or one.
 * SET WNG OFF (SET MSG OFF for a message) refuses it; the sender is told
 * when it was meant for that user alone. */
void oper_broadcast(struct user *u, const char *kind, char *to, const char *text)
{
	bool all = !strcmp(to, "ALL");
	int sent = 0;
	for (int k = 0; k < MAX_USERS; k++) {
		struct user *v = &cp_users[k];
		if (!v->used || (!all && strcmp(v->id, to)))
			continue;
		if (!user_message(v, u->id, kind, text) && !all)
			user_printf(u, "S37MSG057W %s not receiving; %s OFF", v->id,
			            strcmp(kind, "WARNING") ? "MSG" : "WNG");
		sent++;
	}
	if (!sent)
		user_printf(u, "S37MSG045E %s not logged on", to);
}

void oper_warning(struct user *u, char *rest)
{
	char *to = cmd_word(&rest);
	while (rest && *rest == ' ')
		rest++;
	if (!to || !rest || !*rest) {
		user_printf(u, "S37CWR026E Operand missing or invalid (WARNING userid|ALL text)");
		return;
	}
	if (!cmd_allowed(u, "WARNING", "AB"))
		return;
	cp_upper(to);
	oper_broadcast(u, "WARNING", to, rest);
}

/* SHUTDOWN (class A).  As VM/370 does it: every user is told, then logged
 * off (so each gets an accounting record), the spool file queues are
 * checkpointed (a warm start finds them again), and CP stops in a disabled
 * wait with code X'D00' — the machine's operator can IPL again. */
void oper_shutdown(struct user *u)
{
	char id[9];
	memcpy(id, u->id, sizeof id); /* u goes with the others */
	con_printf("SHUTDOWN BY %s", id);
	for (int k = 0; k < MAX_USERS; k++)
		if (cp_users[k].used)
			user_printf(&cp_users[k], "SYSTEM SHUTDOWN BY %s", id);
	int n = 0;
	for (int k = 0; k < MAX_USERS; k++)
		if (cp_users[k].used) {
			user_logoff(&cp_users[k]);
			n++;
		}
	con_printf("S37SHU001I %d users logged off", n);
	/* the spool's checkpoint (spool.c): the files and their queues survive */
	if (spool_ready())
		con_printf(spool_checkpoint()
		               ? "S37SHU002I Spool files checkpointed"
		               : "S37SHU003E Spool checkpoint failed: a warm start will not find the files");
	uint8_t card[80];
	int kept = 0;
	while (acct_next(card)) /* records in storage only: they go with the shutdown */
		kept++;
	if (kept)
		con_printf("S37SHU004W %d accounting records not retrieved are lost", kept);
	con_printf("SYSTEM SHUTDOWN COMPLETE");
	cp_halt(0x000D00); /* disabled wait, code X'D00': shut down */
}

/* ---- VARY ---- */

/* VARY ONLINE|OFFLINE raddr (class B).  Offline, CP gives the device to no
 * one: no LOGON finds a minidisk on it (its volume is "not mounted"), no
 * LINK reaches it, ATTACH refuses it.  A device something uses now stays
 * online: the operator must get it back first (DETACH, the users' LOGOFF).
 * Terminals are not varied here (VM/370 has DISABLE and ENABLE for them). */
void oper_vary(struct user *u, char *rest)
{
	if (!cmd_allowed(u, "VARY", "B"))
		return;
	cp_upper(rest);
	char *w = cmd_word(&rest), *a = cmd_word(&rest);
	uint16_t raddr;
	bool on = w && cmd_abbrev(w, "ONline"), off = w && cmd_abbrev(w, "OFFline");
	if ((!on && !off) || !a || !cmd_vaddr(a, &raddr) || cmd_word(&rest)) {
		user_printf(u, "S37VRY026E Operand missing or invalid (VARY ONLINE|OFFLINE raddr)");
		return;
	}
	struct rdev *d = io_find(raddr);
	if (!d) {
		user_printf(u, "S37VRY040E Device %03X does not exist", raddr);
		return;
	}
	if (d->cls == RDEV_DISPLAY || d->cls == RDEV_CONSOLE) {
		user_printf(u, "S37VRY027E %s %03X is a terminal: CP keeps it for LOGON", rdev_kind(d), raddr);
		return;
	}
	if (on) {
		if (!d->offline) {
			user_printf(u, "S37VRY141I %s %03X already online", rdev_kind(d), raddr);
			return;
		}
		d->offline = false;
		con_printf("VARY ONLINE %03X BY %s", raddr, u->id);
		user_printf(u, "%s %03X ONLINE", rdev_kind(d), raddr);
		return;
	}
	if (d->offline) {
		user_printf(u, "S37VRY142I %s %03X already offline", rdev_kind(d), raddr);
		return;
	}
	const char *why = define_cp_uses(d); /* the system volume, T-disk space, minidisk links */
	if (d->owner) {
		user_printf(u, "S37VRY143E %s %03X attached to %s", rdev_kind(d), raddr, d->owner->id);
		return;
	}
	if (why) {
		user_printf(u, "S37VRY143E %s %03X %s", rdev_kind(d), raddr, why);
		return;
	}
	d->offline = true;
	con_printf("VARY OFFLINE %03X BY %s", raddr, u->id);
	user_printf(u, "%s %03X OFFLINE", rdev_kind(d), raddr);
}

/* ---- EXTERNAL ---- */

/* EXTERNAL (class G): an external interruption for one's own machine, as if
 * its operator had pressed the interrupt key: code X'0040', pending until the
 * machine takes it (PSW bit 7 and CR0 bit 25 on: vtimer.c gives it in its
 * turn among the timers).  VM/370 accepts EXTERNAL [code]; we accept the
 * interrupt key's code only. */
void oper_external(struct user *u, char *rest)
{
	cp_upper(rest);
	char *w = cmd_word(&rest);
	uint32_t code = 0x40;
	if ((w && (!cp_hex(w, 4, &code) || code != 0x40)) || cmd_word(&rest)) {
		user_printf(u, "S37EXT026E Operand missing or invalid (EXTERNAL [0040])");
		return;
	}
	if (!u->vm) {
		user_printf(u, "S37EXT001E No virtual machine");
		return;
	}
	u->vm->ext_key = true;
	if (u->vm->state == VM_STOPPED) /* as VM/370: the interruption is taken when the machine goes on */
		user_printf(u, "EXTERNAL 0040 PENDING: BEGIN TO TAKE IT");
}

/* ---- QUERY SYSTEM, QUERY ALL ---- */

/* QUERY SYSTEM raddr (class B), VM/370's meaning: who is using the real
 * disk at raddr through CP — the users with minidisks on it, with the
 * virtual address of each, four to a line — or the one it is attached to. */
static void q_system(struct user *u, char *rest)
{
	char *a = cmd_word(&rest);
	uint16_t raddr;
	if (!a || !cmd_vaddr(a, &raddr) || cmd_word(&rest)) {
		user_printf(u, "S37CQR026E Operand missing or invalid (QUERY SYSTEM raddr)");
		return;
	}
	struct rdev *d = io_find(raddr);
	if (!d) {
		user_printf(u, "S37CQR040E Device %03X does not exist", raddr);
		return;
	}
	if (d->owner) {
		user_printf(u, "%s %03X ATTACHED TO %s", rdev_kind(d), raddr, d->owner->id);
		return;
	}
	char line[100];
	int len = 0, in_line = 0, n = 0;
	for (int k = 0; k < MAX_USERS; k++) {
		struct vm *v = cp_users[k].used ? cp_users[k].vm : NULL;
		for (int j = 0; v && j < v->ndev; j++) {
			if (v->dev[j].kind != VDEV_MDISK || v->dev[j].real != d)
				continue;
			len += cp_format(line + len, sizeof line - (size_t)len, "%s%-8s %03X",
			                 in_line ? " , " : "", cp_users[k].id, v->dev[j].vaddr);
			n++;
			if (++in_line == 4) {
				user_printf(u, "%s", line);
				len = in_line = 0;
			}
		}
	}
	if (in_line)
		user_printf(u, "%s", line);
	if (!n)
		user_printf(u, "%s %03X %s%sNO USERS", rdev_kind(d), raddr, d->volser, d->volser[0] ? " " : "");
}

/* QUERY ALL (class B): every real device and its state, one a line, the
 * way VM/370 answers QUERY raddr. */
static void q_all(struct user *u)
{
	for (int k = 0; k < cp_nrdevs; k++) {
		struct rdev *d = &cp_rdevs[k];
		char state[60];
		const char *why;
		if (d->offline)
			cp_format(state, sizeof state, "OFFLINE");
		else if (d->owner)
			cp_format(state, sizeof state, "ATTACHED TO %s", d->owner->id);
		else if (d->term && d->term->u)
			cp_format(state, sizeof state, "LOGON AS %s", d->term->u->id);
		else if ((why = define_cp_uses(d)) && (d->cls == RDEV_DASD || d == con_device()))
			cp_format(state, sizeof state, "%s", why);
		else
			cp_format(state, sizeof state, "FREE");
		user_printf(u, "%-4s %03X %04X %s%s%s", rdev_kind(d), d->addr, d->type, d->volser,
		            d->volser[0] ? " " : "", state);
	}
}

bool oper_query(struct user *u, const char *w, char *rest)
{
	if (cmd_abbrev(w, "SYSTEM")) {
		if (cmd_allowed(u, "QUERY SYSTEM", "B"))
			q_system(u, rest);
	} else if (cmd_abbrev(w, "ALL")) {
		if (cmd_allowed(u, "QUERY ALL", "B"))
			q_all(u);
	} else if (cmd_abbrev(w, "ACCount")) {
		if (cmd_allowed(u, "QUERY ACCOUNT", "A"))
			acct_query(u);
	} else if (cmd_abbrev(w, "TRace")) {
		trace_query(u);
	} else {
		return false;
	}
	return true;
}
