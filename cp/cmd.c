/* cmd.c — CP commands, typed by a logged-on user at CP READ.
 *
 * As in VM/370, a command is a word, abbreviated to its shortest
 * unambiguous form (capitals in the table give the minimum), then operands.
 * Unknown commands are answered `?CP: command`.
 *
 *   LOGoff               end the session
 *   DISConnect           leave the terminal; the user stays logged on
 *   Query Names | Users | USERID | CPLEVEL | Time | Virtual | STORage | DASD
 *   Msg userid text      a message to another user (or OPerator)
 *   TERMinal MORE n      MORE... lasts n seconds
 *   IPL vaddr            the virtual machine IPLs from a minidisk
 *   INDicate USER [id]   what CP did for the machine: trap and emulate, counted
 *   INDicate LOAD        how busy the system is: CPU, paging, users (load.c)
 *   Begin                the stopped machine goes on (after PA1 or #CP)
 *   LINK userid v1 v2 [mode [pw]]  another user's minidisk (link.c)
 *   DETach vaddr         a device goes
 *   Query LINKS          who has links to one's minidisks
 *   Display, STore, SYStem  the guest's PSW, registers and storage; reset (display_cmd.c)
 *   FORCE, WARNing, SHUTDOWN, VARY, EXTernal, Query SYSTEM|ALL|ACCount   (cmd_oper.c)
 *   TRace ..., Query TRace   (trace.c)
 *   SET ..., SLEEP, Query SET | PFnn   (cmd_set.c)
 */
#include "cp.h"

/* Split the next blank-separated word off *p (in place). */
char *cmd_word(char **p)
{
	char *s = *p;
	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	char *e = s;
	while (*e && *e != ' ')
		e++;
	if (*e)
		*e++ = 0;
	*p = e;
	return s;
}


/* Does w abbreviate name, whose capitals are the shortest form? */
bool cmd_abbrev(const char *w, const char *name)
{
	size_t min = 0, n = strlen(w), len = strlen(name);
	while (min < len && name[min] >= 'A' && name[min] <= 'Z')
		min++;
	if (n < min || n > len)
		return false;
	for (size_t k = 0; k < n; k++) {
		if (w[k] != cp_toupper(name[k]))
			return false;
	}
	return true;
}

static int users_on(int *disconnected)
{
	int n = 0, d = 0;
	for (int k = 0; k < MAX_USERS; k++)
		if (cp_users[k].used) {
			n++;
			d += !cp_users[k].term;
		}
	if (disconnected)
		*disconnected = d;
	return n;
}

/* QUERY NAMES: every user and where, four to a line, as VM/370 shows them. */
static void q_names(struct user *u)
{
	char line[100];
	int len = 0, in_line = 0;
	line[0] = 0;
	for (int k = 0; k < MAX_USERS; k++) {
		struct user *v = &cp_users[k];
		if (!v->used)
			continue;
		char where[8];
		if (v->term)
			cp_format(where, sizeof where, "%03X", term_addr(v->term));
		else
			cp_format(where, sizeof where, "DSC");
		len += cp_format(line + len, sizeof line - (size_t)len, "%s%-8s - %s", in_line ? " , " : "", v->id,
		                 where);
		if (++in_line == 4) {
			user_printf(u, "%s", line);
			len = in_line = 0;
			line[0] = 0;
		}
	}
	if (in_line)
		user_printf(u, "%s", line);
}

static void query(struct user *u, char *rest)
{
	char *w = cmd_word(&rest);
	if (!w) {
		user_printf(u, "S37CQR026E Operand missing or invalid");
		return;
	}
	if (cmd_abbrev(w, "Names")) {
		q_names(u);
	} else if (cmd_abbrev(w, "Users")) {
		int dsc, n = users_on(&dsc);
		user_printf(u, "%03d USERS, %03d DSC", n, dsc);
	} else if (cmd_abbrev(w, "USERID")) {
		user_printf(u, "%s AT S370CP", u->id);
	} else if (cmd_abbrev(w, "CPLEVEL")) {
		user_printf(u, "s370 CP %s, a System/370 virtual machine system", CP_VERSION);
	} else if (cmd_abbrev(w, "LINKS")) {
		links_query(u);
	} else if (cmd_abbrev(w, "Virtual")) {
		if (u->vm)
			vm_query(u, u->vm);
	} else if (cmd_abbrev(w, "STORage")) {
		user_printf(u, "STORAGE = %uK", u->vm ? u->vm->pages * 4 : 0);
	} else if (cmd_abbrev(w, "DASD")) {
		define_query_dasd(u); /* cmd_define.c: with attached disks and T-disk space */
	} else if (cmd_abbrev(w, "SET")) {
		set_query(u); /* cmd_set.c */
	} else if (w[0] == 'P' && w[1] == 'F') {
		set_query_pf(u, w);
	} else if (oper_query(u, w, rest)) { /* SYSTEM, ALL, ACCOUNT, TRACE: cmd_oper.c */
	} else if (spool_query(u, w, rest)) { /* RDR PRT PUN FILES: spool_cmd.c */
	} else if (cmd_abbrev(w, "Time")) {
		char when[40];
		cp_time_text(when, sizeof when);
		user_printf(u, "TIME IS %s", when);
	} else {
		user_printf(u, "S37CQR003E Invalid option - %s", w);
	}
}

static void msg(struct user *u, char *rest)
{
	char *to = cmd_word(&rest);
	while (rest && *rest == ' ')
		rest++;
	if (!to) {
		user_printf(u, "S37MSG026E Operand missing or invalid");
		return;
	}
	if (!strcmp(to, "ALL")) { /* everyone: the operator's (class A or B) */
		if (cmd_allowed(u, "MSG ALL", "AB"))
			oper_broadcast(u, "MSG", to, rest); /* cmd_oper.c */
		return;
	}
	if (cmd_abbrev(to, "OPerator")) {
		con_printf("MSG FROM %-8s: %s", u->id, rest);
		return;
	}
	struct user *v = user_find(to);
	if (!v)
		user_printf(u, "S37MSG045E %s not logged on", to);
	else if (!v->term)
		user_printf(u, "S37MSG057W %s not receiving; disconnected", to);
	else if (!user_message(v, u->id, "MSG", rest))
		user_printf(u, "S37MSG057W %s not receiving; MSG OFF", v->id);
}

/* INDICATE USER [userid]: the counters of trap and emulate for one's own
 * machine, or (privilege class A or E) another user's. */
static void indicate(struct user *u, char *rest)
{
	char *w = cmd_word(&rest), *id = cmd_word(&rest);
	if (w && cmd_abbrev(w, "LOAD") && !id) { /* load.c */
		indicate_load(u);
		return;
	}
	if (!w || !cmd_abbrev(w, "USER") || cmd_word(&rest)) {
		user_printf(u, "S37CIN026E Operand missing or invalid (INDICATE USER [userid] | LOAD)");
		return;
	}
	struct user *of = u;
	if (id && (!(of = user_find(id)))) {
		user_printf(u, "S37CIN045E %s not logged on", id);
		return;
	}
	bool priv = false;
	for (const char *c = u->classes; *c; c++)
		priv = priv || *c == 'A' || *c == 'E';
	if (of != u && !priv) {
		user_printf(u, "S37CIN002E INDICATE USER of another user needs privilege class A or E");
		return;
	}
	vm_indicate(u, of);
}

/* A device address: 1-3 hexadecimal digits. */
bool cmd_vaddr(const char *w, uint16_t *out)
{
	uint32_t a;
	if (!cp_hex(w, 3, &a))
		return false;
	*out = (uint16_t)a;
	return true;
}

/* LINK userid vaddr1 vaddr2 [mode [password]] (link.c) */
static void link(struct user *u, char *rest)
{
	char *id = cmd_word(&rest), *a1 = cmd_word(&rest), *a2 = cmd_word(&rest), *mode = cmd_word(&rest);
	char *pw = cmd_word(&rest);
	uint16_t from, to;
	if (!id || !cmd_vaddr(a1, &from) || !cmd_vaddr(a2, &to) || cmd_word(&rest)) {
		user_printf(u, "S37LNK026E Operand missing or invalid (LINK userid vaddr1 vaddr2 [mode [password]])");
		return;
	}
	cp_upper(id);
	if (mode)
		cp_upper(mode);
	link_cmd(u, id, from, to, mode ? mode : "R", pw);
}

/* IPL vaddr: the virtual machine IPLs from one of its minidisks.  IPL CMS
 * is IPL 190, the system disk with CMS's nucleus (VM/370 IPLed a saved
 * system of that name; ours has none, and 190 is where CMS lives). */
static void ipl(struct user *u, char *rest)
{
	char *w = cmd_word(&rest);
	uint16_t dev;
	if (w) {
		cp_upper(w);
		if (!strcmp(w, "CMS"))
			w = "190";
	}
	bool ok = cmd_vaddr(w, &dev) && !cmd_word(&rest);
	if (!ok) {
		user_printf(u, "S37CIP026E Operand missing or invalid (IPL vaddr|CMS)");
		return;
	}
	char msg[100];
	if (vm_ipl(u, dev, msg, sizeof msg))
		user_printf(u, "%s", msg);
	else if (u->term)
		term_status(u->term);
}

/* TERMINAL MORE n: MORE... lasts n seconds (0: the full screen is cleared at once). */
static void terminal(struct user *u, char *rest)
{
	char *w = cmd_word(&rest), *n = cmd_word(&rest);
	int v = 0;
	bool ok = w && cmd_abbrev(w, "MORE") && n && !cmd_word(&rest);
	for (const char *p = n; ok && *p; p++) {
		ok = *p >= '0' && *p <= '9' && v < 1000;
		v = v * 10 + (*p - '0');
	}
	if (!ok || v > 255) {
		user_printf(u, "S37CTM026E Operand missing or invalid (TERMINAL MORE 0-255)");
		return;
	}
	if (u->term && u->term->ops->set_more)
		u->term->ops->set_more(u->term, v);
	else
		user_printf(u, "S37CTM027E TERMINAL MORE is for a display");
}

static bool has_class(const struct user *u, const char *any)
{
	for (const char *c = u->classes; *c; c++)
		for (const char *a = any; *a; a++)
			if (*c == *a)
				return true;
	return false;
}

bool cmd_allowed(struct user *u, const char *cmd, const char *classes)
{
	if (has_class(u, classes))
		return true;
	user_printf(u, "S37CFC002E %s needs privilege class %s", cmd, classes);
	return false;
}

void cmd_execute(struct user *u, char *line)
{
	char *rest = line;
	char *w = cmd_word(&rest);
	if (!w)
		return;
	cp_upper(w);
	if (cmd_abbrev(w, "LOGoff") || cmd_abbrev(w, "LOGOUT")) {
		user_logoff(u);
	} else if (cmd_abbrev(w, "DISConnect")) {
		user_disconnect(u);
	} else if (cmd_abbrev(w, "Query")) {
		cp_upper(rest);
		query(u, rest);
	} else if (cmd_abbrev(w, "INDicate")) {
		cp_upper(rest);
		indicate(u, rest);
	} else if (cmd_abbrev(w, "Display")) {
		char *a = cmd_word(&rest), *b = cmd_word(&rest);
		display_cmd(u, a, b);
	} else if (cmd_abbrev(w, "STore")) {
		char *a = cmd_word(&rest), *more[8];
		int n = 0;
		while (n < 8 && (more[n] = cmd_word(&rest)))
			n++;
		store_cmd(u, a, more, n);
	} else if (cmd_abbrev(w, "SYStem")) {
		system_cmd(u, cmd_word(&rest));
	} else if (cmd_abbrev(w, "LINK")) {
		link(u, rest);
	} else if (cmd_abbrev(w, "DETach")) {
		uint16_t a;
		char *x = cmd_word(&rest), *y = cmd_word(&rest);
		if (y) /* DETACH raddr FROM userid: the operator's (cmd_define.c) */
			detach_real_cmd(u, x, y, rest);
		else if (!cmd_vaddr(x, &a))
			user_printf(u, "S37DTA026E Operand missing or invalid (DETACH vaddr)");
		else
			detach_cmd(u, a);
	} else if (cmd_abbrev(w, "ATTach")) {
		attach_cmd(u, rest);
	} else if (cmd_abbrev(w, "DEFine")) {
		define_cmd(u, rest);
	} else if (cmd_abbrev(w, "SET")) {
		set_cmd(u, rest);
	} else if (cmd_abbrev(w, "SLeep")) {
		sleep_cmd(u, rest);
	} else if (cmd_abbrev(w, "IPL")) {
		ipl(u, rest);
	} else if (cmd_abbrev(w, "Begin")) {
		if (u->vm && u->vm->state == VM_STOPPED && u->vm->psw[5] | u->vm->psw[6] | u->vm->psw[7]) {
			u->vm->state = u->vm->resume == VM_READING ? VM_READING : VM_RUNNING;
			if (u->term)
				term_status(u->term);
		} else {
			user_printf(u, "S37CBE001E Nothing to begin: IPL first");
		}
	} else if (cmd_abbrev(w, "TERMinal")) {
		cp_upper(rest);
		terminal(u, rest);
	} else if (cmd_abbrev(w, "FORCE")) { /* FORCE, WARNING, SHUTDOWN, VARY, EXTERNAL: cmd_oper.c */
		if (cmd_allowed(u, "FORCE", "A"))
			oper_force(u, rest);
	} else if (cmd_abbrev(w, "WARNing")) {
		oper_warning(u, rest);
	} else if (cmd_abbrev(w, "SHUTDOWN")) {
		if (cmd_allowed(u, "SHUTDOWN", "A"))
			oper_shutdown(u);
	} else if (cmd_abbrev(w, "VARY")) {
		oper_vary(u, rest);
	} else if (cmd_abbrev(w, "EXTernal")) {
		oper_external(u, rest);
	} else if (cmd_abbrev(w, "TRace")) {
		trace_cmd(u, rest); /* trace.c */
	} else if (cmd_abbrev(w, "Msg") || cmd_abbrev(w, "Message")) {
		char *p = rest;
		while (*p == ' ')
			p++;
		for (char *q = p; *q && *q != ' '; q++) /* the user id only: the text stays as typed */
			*q = cp_toupper(*q);
		msg(u, rest);
	} else if (spool_cmd(u, w, rest)) { /* SPOOL CLOSE PURGE ORDER CHANGE TRANSFER TAG: spool_cmd.c */
	} else {
		user_printf(u, "S37CFC001E ?CP: %s", w);
	}
}
