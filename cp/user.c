/* user.c — who is logged on, and at which terminal.
 *
 * LOGON checks the user id and password against the directory (userdir.c)
 * and gives the user a console on the terminal.  A user whose terminal goes
 * away (DISCONNECT, or the client dropped the connection) stays logged on,
 * disconnected; the next LOGON with the right password reconnects.  LOGOFF
 * ends it all.  (The virtual machine itself comes with the next steps.)
 */
#include "cp.h"
#include "dirfmt.h"

struct user cp_users[MAX_USERS];

static bool same_id(const char *a, const char *b)
{
	int k = 0;
	for (; k < 8 && a[k] && b[k]; k++)
		if (a[k] != b[k])
			return false;
	return (k == 8 || !a[k]) && (k == 8 || !b[k]);
}

struct user *user_find(const char *id)
{
	for (int k = 0; k < MAX_USERS; k++)
		if (cp_users[k].used && same_id(cp_users[k].id, id))
			return &cp_users[k];
	return NULL;
}

void user_printf(struct user *u, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	va_start(ap, fmt);
	cp_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	if (u->capture && u->capture(u, line))
		return;
	char shown[160];
	if (!set_emsg_filter(u->set.emsg, line, shown, sizeof shown)) /* SET EMSG (cmd_set.c) */
		return;
	spool_console_line(u, shown); /* SPOOL CONSOLE START (spool_dev.c) */
	if (u->term)
		term_line(u->term, shown);
}

/* A message from another user (MSG, WARNING): false when u does not take
 * it now (SET MSG OFF, SET WNG OFF: cmd_set.c). */
bool user_message(struct user *u, const char *from, const char *kind, const char *text)
{
	if (!strcmp(kind, "WARNING") ? !u->set.wng : !u->set.msg)
		return false;
	user_printf(u, "%s FROM %-8s: %s", kind, from, text);
	return true;
}

const char *user_logon(struct term *t, const char *id, const char *password)
{
	static struct dir_user d;
	static char msg[80];
	switch (dir_find(id, &d)) {
	case DIR_IO_ERROR:
		return "S37LGN060E The user directory cannot be read; tell the operator.";
	case DIR_NOT_FOUND:
		con_printf("LOGON %s at %03X: not in the directory", id, term_addr(t));
		cp_format(msg, sizeof msg, "S37LGN053E %s not in CP directory", id);
		return msg;
	}
	if (!dir_password_ok(&d, password)) { /* logged for the operator; the answer comes late */
		con_printf("LOGON %s at %03X: password incorrect", id, term_addr(t));
		return "S37LGN050E LOGON unsuccessful--incorrect password";
	}
	char when[40];
	cp_time_text(when, sizeof when);
	struct user *u = user_find(id);
	if (u && u->term && disp_client_gone(u->term))
		user_disconnect(u); /* its client went without a word: disconnected, taken back below */
	if (u && u->term) {
		cp_format(msg, sizeof msg, "S37LGN054E Already logged on at display %03X", term_addr(u->term));
		return msg;
	}
	if (u) { /* disconnected: take it back */
		term_attach(t, u);
		user_printf(u, "RECONNECTED AT %s", when);
		con_printf("RECONNECT %s AT %03X", u->id, term_addr(t));
		return NULL;
	}
	for (int k = 0; k < MAX_USERS && !u; k++)
		if (!cp_users[k].used)
			u = &cp_users[k];
	if (!u)
		return "S37LGN067E The system is full: no more users can log on";
	memset(u, 0, sizeof *u);
	u->used = true;
	memcpy(u->id, id, 8);
	u->id[8] = 0;
	for (int k = 0; k < 8; k++)
		u->classes[k] = d.classes[k] == ' ' ? 0 : d.classes[k];
	u->storage_kb = d.storage_kb;
	set_logon(u); /* the defaults of SET (cmd_set.c) */
	acct_logon(u, d.account); /* connect time starts (acct.c) */
	const char *why = NULL;
	u->vm = vm_create(u, &d, &why);
	if (!u->vm) {
		memset(u, 0, sizeof *u);
		return why;
	}
	term_attach(t, u);
	int n = 0;
	for (int k = 0; k < MAX_USERS; k++)
		n += cp_users[k].used;
	user_printf(u, "LOGON AT %s", when);
	user_printf(u, "Virtual machine of %uK, privilege classes %s.", u->storage_kb, u->classes);
	for (int k = 0; k < u->vm->ndev; k++) {
		const struct vdev *v = &u->vm->dev[k];
		if (v->kind == VDEV_MDISK && !v->real) {
			const struct rdev *r = dasd_find_volume(v->volser); /* mounted, but CKD for FBA or the reverse (vm.c) */
			if (r)
				user_printf(u, "DASD %03X NOT LINKED; VOLID %s IS %s", v->vaddr, v->volser,
				            dasd_fba(r->type) ? "FBA" : "CKD");
			else
				user_printf(u, "DASD %03X NOT LINKED; VOLID %s NOT MOUNTED", v->vaddr, v->volser);
		}
	}
	con_printf("LOGON %s USERS = %d  AT %03X", u->id, n, term_addr(t));
	return NULL;
}

void user_disconnect(struct user *u)
{
	char when[40];
	cp_time_text(when, sizeof when);
	char msg[64];
	cp_format(msg, sizeof msg, "DISCONNECT AT %s", when);
	con_printf("DISCONNECT %s", u->id);
	if (u->term)
		term_detach(u->term, msg);
	u->term = NULL;
}

void user_logoff(struct user *u)
{
	char when[40];
	cp_time_text(when, sizeof when);
	con_printf("LOGOFF %s", u->id);
	char msg[64];
	cp_format(msg, sizeof msg, "LOGOFF AT %s", when);
	if (u->term)
		term_detach(u->term, msg);
	trace_end(u); /* its TRACE printer file closed (trace.c) */
	acct_logoff(u); /* its accounting record (acct.c) */
	define_logoff(u); /* attached real devices are free again (cmd_define.c) */
	spool_logoff(u);  /* its printer and punch files closed (spool_dev.c) */
	vm_destroy(u->vm);
	set_logoff(u);
	memset(u, 0, sizeof *u);
}

/* What the user typed at the console: for CP (CP READ, or #CP), for the
 * virtual machine's Read (VM READ), or held for its next Read (RUNNING). */
void user_input(struct user *u, char *line)
{
	struct vm *v = u->vm;
	if (set_wake(u)) /* SLEEP: the line only wakes the session (cmd_set.c) */
		return;
	spool_console_line(u, line); /* SPOOL CONSOLE START: what was typed too */
	if (set_take_cp_read(u)) { /* RUN ON: the CP READ PA1 put up; the machine ran on */
		if (*line)
			cmd_execute(u, line);
		if (u->used && u->term)
			term_status(u->term);
		return;
	}
	if ((line[0] == '#') && (line[1] == 'C' || line[1] == 'c') && (line[2] == 'P' || line[2] == 'p')) {
		char *p = line + 3;
		while (*p == ' ')
			p++;
		if (*p)
			cmd_execute(u, p);
		else
			user_attention(u);
	} else if (v && v->state == VM_READING) {
		vio_console_input(u, line);
	} else if (v && v->state == VM_RUNNING && vio_console_attention(u, line)) {
		/* a guest waiting for its console: an attention, the line kept for its Read (vio.c) */
	} else if (v && v->state == VM_RUNNING) {
		user_printf(u, "S37CON009W Not accepted: the virtual machine is not reading; #CP for CP");
	} else {
		cmd_execute(u, line);
	}
}

/* PA1 (or #CP alone): the machine stops, CP READ; BEGIN goes on. */
void user_attention(struct user *u)
{
	struct vm *v = u->vm;
	if (set_wake(u))
		return;
	if (v && v->state != VM_STOPPED && u->set.run) { /* SET RUN ON: CP READ, the machine goes on */
		set_enter_cp_read(u);
		return;
	}
	if (v && v->state != VM_STOPPED) {
		v->resume = v->state;
		v->state = VM_STOPPED;
	}
	if (u->term)
		term_status(u->term);
}
