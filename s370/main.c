/* main.c — the s370 program: options, configuration, console loop, shutdown.
 *
 *   s370 [-f CONF] [--script FILE] [--daemon] [--exit-on-wait] [--log FILE]
 *        [--control PATH] [--no-panel]
 *   s370 --send PATH [COMMAND...]
 *
 * Three ways to meet the operator:
 *   - the ncurses panel (panel.h), when stdin and stdout are terminals: the
 *     main thread draws the screen, a command thread runs the commands;
 *   - line mode (pipes, scripts, --no-panel): the main thread reads commands
 *     from stdin and runs them, output goes to stdout as it happens;
 *   - --daemon: line mode without stdin, run until quit or SIGTERM; commands
 *     come from the control socket (--control PATH, any mode), output goes
 *     to stdout and the --log file.
 * The CPU runs on its own thread (machine.c).  SIGTERM and SIGINT, like quit,
 * stop the CPU and shut the machine down cleanly.
 *
 * Under --exit-on-wait, stdout carries exactly one line, the PSW of the
 * disabled wait (or self-stop) that ended the run; console output goes to
 * stderr instead (never the panel).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chansys.h"
#include "commands.h"
#include "config.h"
#include "con_telnet.h"
#include "console.h"
#include "machine.h"
#include "panel.h"
#include "panel_ctl.h"

struct app {
	struct machine m;
	struct console con;
	struct cmd_ctx cmd;
	bool exit_on_wait;
	volatile bool ended;    /* --exit-on-wait: the CPU has stopped by itself */
	volatile bool leaving;  /* the panel has closed: commands still running end now */
	struct tel_server *tel; /* CNSLPORT listener for 3215/1052 telnet consoles */
	struct panel_cmdq q;    /* lines from the panel and the control socket */
	struct panel_ctl ctl;   /* --control PATH */
	struct panel *panel;    /* NULL in line and daemon mode */
	const char *script;     /* --script, $HERCULES_RC or dflt_rc */
	char dflt_rc[PATH_MAX]; /* s370.rc beside the program */
};

/* Signal handling needs one process-wide place to look. */
static volatile sig_atomic_t got_signal;
static struct console *signal_console;

static void on_signal(int sig)
{
	got_signal = sig;
	if (signal_console)
		console_wake(signal_console);
}

static bool should_stop(struct cmd_ctx *x)
{
	struct app *a = x->ctx;
	return got_signal || a->ended || a->leaving;
}

static void psw_text(struct cpu *c, char *buf, size_t n)
{
	uint8_t p[8];
	cpu_psw_current(c, p);
	snprintf(buf, n, "PSW=%02X%02X%02X%02X %02X%02X%02X%02X", p[0], p[1], p[2], p[3], p[4], p[5], p[6],
	         p[7]);
}

/* CPU thread: the CPU stopped by itself. */
static void on_stop(struct machine *m, void *ctx)
{
	struct app *a = ctx;
	char psw[32];
	psw_text(&m->cpu, psw, sizeof psw);
	if (a->exit_on_wait) {
		console_print_to(&a->con, stdout, psw);
		a->ended = true;
		console_wake(&a->con);
	} else if (m->cpu.waiting) {
		console_printf(&a->con, "CPU0000: disabled wait state %s", psw);
	} else {
		console_printf(&a->con, "CPU0000: stopped %s", psw);
	}
}

static void usage(FILE *f)
{
	fprintf(f, "usage: s370 [-f CONF] [--script FILE] [--daemon] [--exit-on-wait] [--log FILE]\n"
	           "            [--control PATH] [--no-panel]\n"
	           "  -f CONF         configuration file (default: s370.cnf beside the program, if any)\n"
	           "  --script FILE   run the console commands in FILE first (default: $HERCULES_RC)\n"
	           "  --daemon        read no commands from stdin; run until quit (--control) or SIGTERM\n"
	           "  --exit-on-wait  at a disabled wait or stop, print PSW=... on stdout and exit 0\n"
	           "  --log FILE      also write all console output to FILE\n"
	           "  --control PATH  take commands on the Unix socket PATH (s370 --send PATH CMD)\n"
	           "  --no-panel      line mode even on a terminal (no ncurses panel)\n"
	           "       s370 --send PATH [COMMAND...]\n"
	           "                  run the commands (or stdin's lines) in the s370 whose --control\n"
	           "                  socket is PATH and print their output\n");
}

struct options {
	const char *conf, *script, *log, *control;
	bool daemon, exit_on_wait, no_panel;
};

static int parse_options(int argc, char **argv, struct options *o)
{
	memset(o, 0, sizeof *o);
	for (int k = 1; k < argc; k++) {
		const char *s = argv[k];
		const char **val = NULL;
		if (!strcmp(s, "-f") || !strcmp(s, "--config"))
			val = &o->conf;
		else if (!strcmp(s, "--script"))
			val = &o->script;
		else if (!strcmp(s, "--log"))
			val = &o->log;
		else if (!strcmp(s, "--control"))
			val = &o->control;
		else if (!strcmp(s, "--daemon"))
			o->daemon = true;
		else if (!strcmp(s, "--no-panel"))
			o->no_panel = true;
		else if (!strcmp(s, "--send")) {
			fprintf(stderr, "s370: --send comes first: s370 --send PATH [COMMAND...]\n");
			return -1;
		} else if (!strcmp(s, "--exit-on-wait"))
			o->exit_on_wait = true;
		else if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			usage(stdout);
			exit(0);
		} else {
			fprintf(stderr, "s370: unknown option %s\n", s);
			usage(stderr);
			return -1;
		}
		if (val) {
			if (k + 1 >= argc) {
				fprintf(stderr, "s370: %s needs a %s\n", s,
				        val == &o->control ? "path" : "file name");
				return -1;
			}
			*val = argv[++k];
		}
	}
	return 0;
}

/* s370.cnf in the directory of the executable, if it exists. */
static bool default_file(const char *name, char *path, size_t n);
static bool default_config(char *path, size_t n)
{
	return default_file("s370.cnf", path, n);
}

/* A file of that name in the directory of the executable, if it exists. */
static bool default_file(const char *name, char *path, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return false;
	exe[len] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	slash[1] = 0;
	if (strlen(exe) + strlen(name) + 1 > n)
		return false;
	strcpy(path, exe);
	strcat(path, name);
	return access(path, R_OK) == 0;
}

/* Read the configuration; its messages go to the console (errors to stderr). */
static int load_config(struct app *a, const struct options *o, struct config *cfg)
{
	config_defaults(cfg);
	char *text = NULL;
	size_t len = 0;
	cfg->msg = open_memstream(&text, &len);
	if (!cfg->msg)
		cfg->msg = stderr;
	char dflt[PATH_MAX];
	const char *path = o->conf;
	if (!path && default_config(dflt, sizeof dflt))
		path = dflt;
	int rc = 0;
	if (path) {
		console_printf(&a->con, "s370: configuration %s", path);
		rc = config_load(cfg, path);
	} else {
		console_printf(&a->con, "s370: no configuration file, built-in defaults (MAINSIZE 16, "
		                        "S37X ON, ARCHMODE S/370)");
	}
	if (cfg->msg != stderr) {
		fclose(cfg->msg);
		cfg->msg = stderr;
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			if (rc)
				console_print_to(&a->con, stderr, line);
			else
				console_printf(&a->con, "%s", line);
		}
		free(text);
	}
	return rc;
}

static void print_console(void *ctx, const char *line)
{
	console_printf(ctx, "%s", line);
}

/* The channel subsystem and the configured devices; errors name the line. */
static int setup_devices(struct app *a)
{
	struct machine *m = &a->m;
	m->chs = chan_create(&m->cpu);
	if (!m->chs) {
		console_print_to(&a->con, stderr, "s370: not enough memory for the channel subsystem");
		return -1;
	}
	chan_set_printer(m->chs, print_console, &a->con);
	char err[200];
	if (chan_set_codepage(m->chs, m->cfg.codepage, err, sizeof err))
		console_printf(&a->con, "s370: warning: %s; using 037", err);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc = chan_configure(m->chs, &m->cfg, f ? f : stderr);
	if (f) {
		fclose(f);
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			if (rc)
				console_print_to(&a->con, stderr, line);
			else
				console_printf(&a->con, "%s", line);
		}
		free(text);
	}
	chan_machine_hooks(m->chs, m);
	/* Telnet consoles and 3270 displays: one listener for CNSLPORT (0: none)
	 * and TN3270TLS, started when a 3215, 1052 or 3270 is configured. */
	if (!rc && (m->cfg.cnslport || m->cfg.tlsport) && tel_have_devices(m->chs)) {
		struct tel_opts o;
		tel_opts_from_config(&o, &m->cfg);
		a->tel = tel_server_start_opts(m->chs, &o, err, sizeof err);
		if (a->tel && m->cfg.cnslport)
			console_printf(&a->con,
			               "s370: console port %s:%d for telnet consoles and tn3270 clients",
			               m->cfg.cnslhost[0] ? m->cfg.cnslhost : "127.0.0.1", m->cfg.cnslport);
		if (tel_server_tls_port(a->tel))
			console_printf(&a->con, "s370: TLS port %s:%d for tn3270 clients",
			               m->cfg.tlshost[0] ? m->cfg.tlshost : "127.0.0.1", m->cfg.tlsport);
		if (err[0])
			console_printf(&a->con, "s370: warning: %s", err);
	}
	return rc;
}

static void install_signals(struct app *a)
{
	signal_console = &a->con;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* One queued line (panel, control socket): echoed, run, and its output
 * teed to the control client that sent it.  After quit the tee stays, so
 * that the client sees the shutdown. */
static void run_queued(struct app *a, const struct panel_cmd *c)
{
	console_set_tee(&a->con, c->reply_fd);
	if (c->line[strspn(c->line, " \t")])
		console_printf(&a->con, "> %s", c->line);
	cmd_execute(&a->cmd, c->line);
	bool quit = a->cmd.quit;
	if (!quit)
		console_set_tee(&a->con, -1);
	panel_cmdq_done(&a->q, c->ticket, quit);
	if (a->panel)
		panel_wake(a->panel);
}

static void run_queue(struct app *a)
{
	struct panel_cmd c;
	while (!a->cmd.quit && !should_stop(&a->cmd) && panel_cmdq_pop(&a->q, &c, false))
		run_queued(a, &c);
}

/* Commands from stdin and the control socket until quit, EOF (without a
 * control socket), a signal or the end of the run. */
static void command_loop(struct app *a, bool read_stdin)
{
	a->con.in_fd = read_stdin ? STDIN_FILENO : -1;
	bool echo = read_stdin && !isatty(STDIN_FILENO);
	char line[1024];
	while (!a->cmd.quit && !should_stop(&a->cmd)) {
		run_queue(a);
		if (a->cmd.quit || should_stop(&a->cmd))
			break;
		enum con_read r = console_read(&a->con, line, sizeof line, -1);
		if (r == CON_LINE) {
			if (echo && line[strspn(line, " \t")])
				console_printf(&a->con, "> %s", line);
			cmd_execute(&a->cmd, line);
		} else if (r == CON_EOF) {
			if (!a->exit_on_wait && !a->ctl.started)
				break;
			a->con.in_fd = -1; /* keep running until the CPU ends the run */
		}
	}
}

static void wake_console(void *ctx)
{
	console_wake(ctx);
}

/* Panel mode: the command thread runs the start-up script, then the lines
 * the panel and the control socket queue, until quit or the panel closes. */
static void *command_thread(void *arg)
{
	struct app *a = arg;
	if (a->script && *a->script)
		cmd_script(&a->cmd, a->script);
	struct panel_cmd c;
	while (!a->cmd.quit && !should_stop(&a->cmd) && panel_cmdq_pop(&a->q, &c, true))
		run_queued(a, &c);
	panel_wake(a->panel);
	return NULL;
}

static bool panel_done(void *ctx)
{
	struct app *a = ctx;
	return a->cmd.quit || got_signal;
}

/* The panel on this thread, commands on another.  -1: the terminal could
 * not be used and nothing has run yet (the caller goes on in line mode). */
static int panel_mode(struct app *a)
{
	if (panel_open(a->panel))
		return -1;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old); /* signals are the main thread's */
	pthread_t t;
	int rc = pthread_create(&t, NULL, command_thread, a);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		console_print_to(&a->con, stderr, "s370: cannot create the command thread");
		a->cmd.quit = true;
	}
	panel_run(a->panel);
	console_set_sink(&a->con, NULL, NULL); /* from here on: the terminal again */
	a->leaving = true;
	console_wake(&a->con); /* a pause in progress ends */
	panel_cmdq_close(&a->q);
	if (!rc)
		pthread_join(t, NULL);
	return 0;
}

/* A start-up error: what the panel's log holds goes to the terminal. */
static int fail_start(struct app *a)
{
	if (a->panel) {
		console_set_sink(&a->con, NULL, NULL);
		panel_dump(a->panel);
	}
	console_close(&a->con);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "--send"))
		return panel_ctl_send(argv[2], argc - 3, argv + 3);
	struct options o;
	if (parse_options(argc, argv, &o))
		return 1;
	static struct app app; /* large (storage TLBs): not on the stack */
	struct app *a = &app;
	a->exit_on_wait = o.exit_on_wait;
	a->ctl.listen_fd = a->ctl.linger_fd = -1;
	if (console_init(&a->con, o.exit_on_wait ? stderr : stdout)) {
		perror("s370: pipe");
		return 1;
	}
	panel_cmdq_init(&a->q, wake_console, &a->con);
	if (!o.daemon && !o.exit_on_wait && !o.no_panel && panel_wanted()) {
		struct panel_env env = {&a->m, &a->con, &a->q, panel_done, a};
		a->panel = panel_create(&env);
		if (a->panel) /* every line from now on is kept for the panel's log */
			console_set_sink(&a->con, panel_sink, a->panel);
	}
	if (o.log && console_open_log(&a->con, o.log)) {
		fprintf(stderr, "s370: --log %s: %s\n", o.log, strerror(errno));
		return fail_start(a);
	}
	struct config cfg;
	if (load_config(a, &o, &cfg)) {
		config_free(&cfg);
		return fail_start(a);
	}
	if (machine_init(&a->m, &cfg)) {
		console_print_to(&a->con, stderr, "s370: not enough memory for main storage");
		return fail_start(a);
	}
	if (setup_devices(a)) {
		chan_destroy(a->m.chs);
		return fail_start(a);
	}
	a->m.on_stop = on_stop;
	a->m.on_stop_ctx = a;
	a->m.cpu.exit_on_wait = o.exit_on_wait;
	install_signals(a);
	if (machine_start_thread(&a->m)) {
		console_print_to(&a->con, stderr, "s370: cannot create the CPU thread");
		return fail_start(a);
	}
	console_printf(&a->con, "s370: System/370, %dM main storage, S37X %s, CPU ID %016llX",
	               a->m.cfg.mainsize_mb, a->m.cpu.s37x ? "ON" : "OFF",
	               (unsigned long long)a->m.cpu.cpuid);
	if (o.control) {
		char err[200];
		if (panel_ctl_start(&a->ctl, o.control, &a->q, err, sizeof err)) {
			console_print_to(&a->con, stderr, "s370: --control:");
			console_print_to(&a->con, stderr, err);
			machine_shutdown(&a->m);
			tel_server_stop(a->tel);
			chan_destroy(a->m.chs);
			return fail_start(a);
		}
		console_printf(&a->con, "s370: control socket %s", o.control);
	}

	cmd_init(&a->cmd, &a->m, &a->con);
	a->cmd.should_stop = should_stop;
	a->cmd.ctx = a;
	/* As Hercules: with no --script, the commands of $HERCULES_RC (an
	 * "ipl 0190" there is the automatic IPL); when it is not set, the
	 * default system (no -f) runs s370.rc beside s370.cnf: the IPL of CP. */
	a->script = o.script ? o.script : getenv("HERCULES_RC");
	if (!a->script && !o.conf &&
	    default_file("s370.rc", a->dflt_rc, sizeof a->dflt_rc)) /* HERCULES_RC= : none */
		a->script = a->dflt_rc;
	if (!a->panel || panel_mode(a)) {
		if (a->panel) { /* the terminal would not take the panel: line mode */
			console_set_sink(&a->con, NULL, NULL);
			panel_dump(a->panel);
			panel_destroy(a->panel);
			a->panel = NULL;
		}
		if (a->script && *a->script)
			cmd_script(&a->cmd, a->script);
		command_loop(a, !o.daemon);
	}
	panel_cmdq_close(&a->q);
	panel_ctl_stop(&a->ctl);

	machine_shutdown(&a->m);
	tel_server_stop(a->tel); /* closes the telnet sessions before their devices */
	chan_destroy(a->m.chs);  /* closes (flushes) every device */
	if (got_signal)
		console_printf(&a->con, "s370: signal %d: shut down", (int)got_signal);
	if (panel_ctl_linger(&a->ctl) >= 0)
		console_printf(&a->con, "s370: shut down: images synced, sessions closed");
	console_set_tee(&a->con, -1);
	panel_ctl_finish(&a->ctl);
	console_close(&a->con);
	if (a->panel)
		panel_destroy(a->panel);
	return 0;
}
