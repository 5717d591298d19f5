/* test_panel.c — the operator panel's parts that need no terminal: the
 * command line (editing, history, completion), the log ring and its search,
 * the command queue, and the virtualization view's lines. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testcpu.h"
#include "panel_ctl.h"
#include "panel_input.h"
#include "panel_log.h"
#include "panel_stats.h"

static void keys(struct panel_edit *e, const char *s)
{
	for (; *s; s++)
		assert_false(panel_edit_key(e, (unsigned char)*s));
}

static void editing(void **state)
{
	(void)state;
	struct panel_edit e;
	panel_edit_init(&e);
	keys(&e, "r 100");
	assert_string_equal(e.buf, "r 100");
	panel_edit_key(&e, KEY_LEFT);
	panel_edit_key(&e, KEY_LEFT);
	panel_edit_key(&e, KEY_BACKSPACE); /* the 1 */
	keys(&e, "2");
	assert_string_equal(e.buf, "r 200");
	panel_edit_key(&e, KEY_HOME);
	panel_edit_key(&e, KEY_DC);
	keys(&e, "v");
	assert_string_equal(e.buf, "v 200");
	assert_int_equal(e.cur, 1);
	panel_edit_key(&e, 11); /* ^K: erase to the end */
	assert_string_equal(e.buf, "v");
	panel_edit_key(&e, KEY_END);
	keys(&e, " 10");
	panel_edit_key(&e, KEY_LEFT);
	panel_edit_key(&e, 21); /* ^U: erase to the start */
	assert_string_equal(e.buf, "0");
	assert_int_equal(e.cur, 0);
	panel_edit_key(&e, 0x01);  /* ^A */
	panel_edit_key(&e, 0x1B9); /* an unknown key is ignored */
	assert_string_equal(e.buf, "0");
	assert_true(panel_edit_key(&e, '\r'));
	panel_edit_free(&e);
}

static void history(void **state)
{
	(void)state;
	struct panel_edit e;
	panel_edit_init(&e);
	keys(&e, "start");
	panel_edit_accept(&e);
	keys(&e, "stop");
	panel_edit_accept(&e);
	keys(&e, "stop"); /* a repeat is kept once */
	panel_edit_accept(&e);
	keys(&e, "   "); /* blank: not kept */
	panel_edit_accept(&e);
	assert_int_equal(e.nhist, 2);
	keys(&e, "gp");
	panel_edit_key(&e, KEY_UP);
	assert_string_equal(e.buf, "stop");
	panel_edit_key(&e, KEY_UP);
	assert_string_equal(e.buf, "start");
	panel_edit_key(&e, KEY_UP); /* the oldest stays */
	assert_string_equal(e.buf, "start");
	panel_edit_key(&e, KEY_DOWN);
	panel_edit_key(&e, KEY_DOWN);
	assert_string_equal(e.buf, "gp"); /* the line being typed comes back */
	panel_edit_free(&e);
}

static void completion(void **state)
{
	(void)state;
	static const char *const names[] = {"devlist", "devinit", "detach", "start", "stop", "stats", NULL};
	struct panel_edit e;
	char msg[200];
	panel_edit_init(&e);
	keys(&e, "devl");
	assert_int_equal(panel_edit_complete(&e, names, msg, sizeof msg), 1);
	assert_string_equal(e.buf, "devlist ");
	assert_string_equal(msg, "");
	panel_edit_set(&e, "st");
	assert_int_equal(panel_edit_complete(&e, names, msg, sizeof msg), 3);
	assert_string_equal(e.buf, "st");
	assert_string_equal(msg, "start stop stats");
	panel_edit_set(&e, "sta");
	assert_int_equal(panel_edit_complete(&e, names, msg, sizeof msg), 2);
	assert_string_equal(e.buf, "sta"); /* start, stats: nothing common beyond */
	panel_edit_set(&e, "DE 0190");
	e.cur = 2;
	assert_int_equal(panel_edit_complete(&e, names, msg, sizeof msg), 3);
	assert_string_equal(e.buf, "de 0190"); /* the common prefix as the table spells it */
	panel_edit_set(&e, "det 0190");
	e.cur = 3;
	assert_int_equal(panel_edit_complete(&e, names, msg, sizeof msg), 1);
	assert_string_equal(e.buf, "detach 0190"); /* operands kept, no extra blank */
	panel_edit_set(&e, "devlist 01");
	assert_int_equal(panel_edit_complete(&e, names, msg, sizeof msg), 0); /* operands do not complete */
	assert_string_equal(e.buf, "devlist 01");
	panel_edit_set(&e, "zz");
	assert_int_equal(panel_edit_complete(&e, names, msg, sizeof msg), 0);
	assert_string_equal(msg, "no command begins with zz");
	panel_edit_free(&e);
}

static void log_ring(void **state)
{
	(void)state;
	struct panel_log l;
	char buf[PANEL_LOG_WIDTH];
	assert_int_equal(panel_log_init(&l), 0);
	panel_log_add(&l, "one\ntwo\tTabs\n", 13);
	panel_log_add(&l, "bell\a here", 10);
	assert_int_equal(panel_log_count(&l), 3);
	assert_true(panel_log_get(&l, 1, buf, sizeof buf));
	assert_string_equal(buf, "two Tabs");
	assert_true(panel_log_get(&l, 2, buf, sizeof buf));
	assert_string_equal(buf, "bell. here");
	assert_false(panel_log_get(&l, 3, buf, sizeof buf));
	assert_int_equal(panel_log_search(&l, "TWO", 3), 1);
	assert_int_equal(panel_log_search(&l, "two", 1), -1); /* only lines before 1 */
	assert_int_equal(panel_log_search(&l, "o", 3), 1);
	assert_int_equal(panel_log_search(&l, "missing", 3), -1);
	/* Full: the oldest lines go, the newest stay in order. */
	for (int k = 0; k < PANEL_LOG_LINES + 5; k++) {
		char s[32];
		int n = snprintf(s, sizeof s, "line %d", k);
		panel_log_add(&l, s, (size_t)n);
	}
	assert_int_equal(panel_log_count(&l), PANEL_LOG_LINES);
	assert_true(panel_log_get(&l, 0, buf, sizeof buf));
	assert_string_equal(buf, "line 5");
	assert_true(panel_log_get(&l, PANEL_LOG_LINES - 1, buf, sizeof buf));
	char want[32];
	snprintf(want, sizeof want, "line %d", PANEL_LOG_LINES + 4);
	assert_string_equal(buf, want);
	assert_int_equal(panel_log_search(&l, "line 5", 1), 0); /* the oldest line left */
	assert_int_equal(panel_log_search(&l, "one", PANEL_LOG_LINES), -1);
	/* A long line is cut, not split. */
	char big[2 * PANEL_LOG_WIDTH];
	memset(big, 'x', sizeof big);
	panel_log_add(&l, big, sizeof big);
	assert_true(panel_log_get(&l, PANEL_LOG_LINES - 1, buf, sizeof buf));
	assert_int_equal(strlen(buf), PANEL_LOG_WIDTH - 1);
	panel_log_free(&l);
}

static int notified;
static void notify(void *ctx)
{
	(void)ctx;
	notified++;
}

static void cmd_queue(void **state)
{
	(void)state;
	struct panel_cmdq q;
	struct panel_cmd c;
	panel_cmdq_init(&q, notify, NULL);
	assert_false(panel_cmdq_pop(&q, &c, false));
	assert_int_equal(panel_cmdq_push(&q, "start", -1, false), 0);
	assert_int_equal(panel_cmdq_push(&q, "stop", 7, false), 0);
	assert_int_equal(notified, 2);
	assert_true(panel_cmdq_pop(&q, &c, false));
	assert_string_equal(c.line, "start");
	assert_int_equal(c.reply_fd, -1);
	panel_cmdq_done(&q, c.ticket, false);
	assert_true(panel_cmdq_pop(&q, &c, true));
	assert_string_equal(c.line, "stop");
	assert_int_equal(c.reply_fd, 7);
	panel_cmdq_done(&q, c.ticket, true);
	assert_int_equal(q.quit_ticket, c.ticket);
	for (int k = 0; k < PANEL_CMDQ_SIZE; k++)
		assert_int_equal(panel_cmdq_push(&q, "x", -1, false), 0);
	assert_int_equal(panel_cmdq_push(&q, "full", -1, false), -1);
	panel_cmdq_close(&q);
	assert_false(panel_cmdq_pop(&q, &c, true)); /* closed: no wait, nothing more */
	assert_int_equal(panel_cmdq_push(&q, "late", -1, true), -1);
}

struct lines {
	char text[64][128];
	int n;
};

static void take(void *ctx, const char *line)
{
	struct lines *l = ctx;
	assert_true(l->n < 64);
	snprintf(l->text[l->n++], sizeof l->text[0], "%s", line);
}

static bool has(const struct lines *l, const char *s)
{
	for (int k = 0; k < l->n; k++)
		if (!strcmp(l->text[k], s))
			return true;
	return false;
}

static void view_lines(void **state)
{
	(void)state;
	static struct panel_counts a, b;
	a.us = a.start_us = 1000000;
	b = a;
	b.us = a.us + 2000000; /* two seconds later */
	b.run_us = 1500000;
	b.wait_us = 500000;
	b.pgm[0x02] = 400;
	b.pgm[0x11] = 10;
	b.pgm[0x06] = 1; /* shown because it is not zero */
	b.svc = 200;
	b.io = 4;
	b.ndevs = 1;
	b.devs[0] = (struct panel_dev_count){0x190, "3350", 6, 4};
	b.tlb_purges = 8;
	struct lines l = {.n = 0};
	int n = panel_stats_lines(&a, &b, take, &l);
	assert_int_equal(n, l.n);
	assert_string_equal(
	    l.text[0], "Virtualization view                   total         /s  (rates over the last 2.0 s)");
	assert_true(has(&l, "  CPU executing                       1.0 s      50.0%"));
	assert_true(has(&l, "  CPU in wait state                   0.5 s      25.0%"));
	assert_true(has(&l, "  CPU stopped                         0.5 s      25.0%"));
	assert_true(has(&l, "  program                               411      205.5"));
	assert_true(
	    has(&l, "    02 privileged operation             400      200.0  trapped: trap-and-emulate"));
	assert_true(has(&l, "    06 specification                      1        0.5"));
	assert_true(has(&l, "    10 segment translation                0        0.0  DAT exception"));
	assert_true(has(&l, "    11 page translation                  10        5.0  DAT exception"));
	assert_false(has(&l, "    07 data                               0        0.0"));
	assert_true(has(&l, "  SVC                                   200      100.0"));
	assert_true(has(&l, "    0190 3350                             4        2.0  SIO 6"));
	assert_true(
	    has(&l, "  TLB purges                              8        4.0  PTLB, SSK, LCTL, SPX ..."));
	/* MIPS as maxrates: instructions per microsecond of wall-clock time. */
	struct panel_rate_mark r0 = {1000, 10, 5000000}, r1 = {3001000, 30, 7000000};
	double mips, siops;
	panel_rates(&r0, &r1, &mips, &siops);
	assert_true(mips > 1.4999 && mips < 1.5001);
	assert_true(siops > 9.999 && siops < 10.001);
	panel_rates(&r0, &r0, &mips, &siops);
	assert_true(mips == 0.0 && siops == 0.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(editing),  cmocka_unit_test(history),   cmocka_unit_test(completion),
	    cmocka_unit_test(log_ring), cmocka_unit_test(cmd_queue), cmocka_unit_test(view_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
