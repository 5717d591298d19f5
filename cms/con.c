/* con.c — devices and the console: START I/O and the interruptions that
 * end it; lines out and in on the virtual console (a 3215 to CMS, whatever
 * the user's terminal is: CP does the display); the program stack; and the
 * immediate commands HX, HI, HT, RT.
 *
 * Interruptions.  start.S hands every I/O interruption to cms_io_interrupt,
 * which notes the CSW in the device's slot.  A program that started I/O
 * waits (cms_io) with interruptions disabled while it looks at the slot,
 * and in an enabled wait when nothing has come: the wait PSW enables and
 * waits in one instruction, so an interruption cannot slip in between.
 *
 * The user typing while a command runs.  CP presents the line as an
 * attention from the console (the machine is enabled for it); CMS then
 * reads it (a console Read CCW: CP gives the kept line).  An immediate
 * command is obeyed; any other line waits in the typed-ahead queue for the
 * next console read (VM/370's CMS stacked it the same way).
 */
#include "nucleus.h"
#include "scr.h"

/* ---- interruptions ---- */

enum { SLOTS = 16 };
static struct slot {
	uint16_t dev;
	bool used;
	volatile bool busy;  /* I/O started, its end not yet here */
	volatile bool ended; /* the end has come: csw */
	uint8_t csw[8];
} slots[SLOTS];
static volatile bool console_attn; /* an attention from the console not yet read */

static struct slot *slot_of(uint16_t dev)
{
	struct slot *free = NULL;
	for (int k = 0; k < SLOTS; k++) {
		if (slots[k].used && slots[k].dev == dev)
			return &slots[k];
		if (!slots[k].used && !free)
			free = &slots[k];
	}
	if (free) {
		free->used = true;
		free->dev = dev;
	}
	return free;
}

void cms_io_interrupt(uint16_t dev, const uint8_t *csw)
{
	struct slot *s = slot_of(dev);
	if (!s)
		return;
	if (dev == CMS_CONSOLE && scr_active && !s->busy) {
		scr_interrupt(csw); /* a key on a full screen, a DIAGNOSE X'58' ending (scr_io.c) */
		return;
	}
	if ((csw[4] & US_ATTN) && dev == CMS_CONSOLE && !s->busy) {
		console_attn = true; /* the user typed: read it when it suits (cms_poll) */
		cms_module_attn();   /* (a program computing in its own code: module.c) */
		return;
	}
	if (!s->busy)
		return; /* unsolicited (a device end after a reset, say): nothing waits for it */
	for (int k = 0; k < 8; k++)
		s->csw[k] = csw[k];
	if (csw[4] & (US_DE | US_UC | US_UX) || csw[5]) { /* ended: device end, or an error */
		s->ended = true;
		s->busy = false;
	}
}

static int sio(uint16_t dev)
{
	int cc;
	__asm__ volatile(".insn s,0x9c000000,0(%1)\n\tipm %0\n\tsrl %0,28"
	                 : "=d"(cc)
	                 : "a"((uint32_t)dev)
	                 : "cc", "memory");
	return cc;
}

static void wait_slot(struct slot *s, uint8_t csw[8])
{
	for (;;) {
		uint8_t m = cms_disable();
		if (s->ended) {
			cms_enable(m);
			break;
		}
		cms_wait();
		cms_enable(m);
	}
	for (int k = 0; k < 8; k++)
		csw[k] = s->csw[k];
}

void cms_expect_io(uint16_t dev)
{
	struct slot *s = slot_of(dev);
	s->ended = false;
	s->busy = true;
}

void cms_wait_io(uint16_t dev, uint8_t csw[8])
{
	wait_slot(slot_of(dev), csw);
}

int cms_io(uint16_t dev, const struct ccw *prog, uint8_t csw[8])
{
	struct slot *s = slot_of(dev);
	uint8_t m = cms_disable();
	*(volatile uint32_t *)72 = (uint32_t)(uintptr_t)prog; /* the CAW: key 0 */
	s->ended = false;
	s->busy = true;
	int cc = sio(dev);
	if (cc == 1) { /* CSW stored: the status is the I/O's end, or what refused it */
		for (int k = 0; k < 8; k++)
			csw[k] = ((volatile uint8_t *)64)[k];
		s->busy = false;
	} else if (cc) {
		s->busy = false;
	}
	cms_enable(m);
	if (cc == 0)
		wait_slot(s, csw);
	return cc;
}

/* ---- the console: lines out ---- */

static bool typing_halted; /* HT: output is dropped until RT */

static void write_line(const char *line)
{
	static uint8_t out[132];
	static struct ccw w;
	size_t n = strlen(line);
	if (n > 130)
		n = 130;
	cms_a2e(out, line, n);
	if (n == 0) { /* an empty line: one blank (a Write of 0 bytes is a program check) */
		out[0] = 0x40;
		n = 1;
	}
	ccw_set(&w, 0x09, out, CCW_SLI, (uint16_t)n);
	uint8_t csw[8];
	cms_io(CMS_CONSOLE, &w, csw);
}

void cms_puts(const char *line)
{
	cms_poll();
	if (typing_halted || cms_set.cmstype_ht)
		return;
	write_line(line);
}

void cms_say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	cms_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	cms_puts(line);
}

void cms_msg(const char *id, const char *fmt, ...)
{
	char line[256];
	int n = cms_format(line, sizeof line, "%s ", id);
	va_list ap;
	va_start(ap, fmt);
	cms_vformat(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	if (typing_halted)
		return; /* (SET CMSTYPE HT does not hide errors: VM/370's rule) */
	write_line(line);
}

/* ---- the program stack and lines typed ahead ---- */

struct sline {
	struct sline *next;
	char text[];
};
static struct sline *stack_head, *ahead_head;

static void add_line(struct sline **head, const char *text, bool at_end)
{
	size_t n = strlen(text);
	struct sline *l = cms_alloc(sizeof *l + n + 1);
	if (!l)
		return;
	memcpy(l->text, text, n + 1);
	if (!at_end || !*head) {
		l->next = at_end ? NULL : *head;
		*head = l;
		return;
	}
	struct sline *p = *head;
	while (p->next)
		p = p->next;
	p->next = l;
}

static bool take_line(struct sline **head, char *buf, int max)
{
	struct sline *l = *head;
	if (!l)
		return false;
	*head = l->next;
	cms_format(buf, (size_t)max, "%s", l->text);
	cms_free(l);
	return true;
}

void cms_stack_queue(const char *line) { add_line(&stack_head, line, true); }
void cms_stack_push(const char *line) { add_line(&stack_head, line, false); }

int cms_stack_count(void)
{
	int n = 0;
	for (struct sline *l = stack_head; l; l = l->next)
		n++;
	return n;
}

/* ---- the console: lines in ---- */

/* A console Read: the user's line (CP gives it when typed), ASCII. */
static int read_console(char *buf, int max)
{
	static uint8_t in[132];
	static struct ccw r;
	ccw_set(&r, 0x0A, in, CCW_SLI, 130);
	uint8_t csw[8];
	int n = 0;
	if (cms_io(CMS_CONSOLE, &r, csw) == 0 || (csw[4] & US_DE)) {
		n = 130 - (csw[6] << 8 | csw[7]);
		if (n < 0 || n > 130)
			n = 0;
	}
	if (n > max - 1)
		n = max - 1;
	cms_e2a(buf, in, (size_t)n);
	buf[n] = 0;
	return n;
}

/* The immediate commands (CMS User's Guide, "Immediate Commands"). */
static bool immediate(const char *line)
{
	char w[8];
	int n = 0;
	while (*line == ' ')
		line++;
	for (; *line && *line != ' ' && n < 7; line++)
		w[n++] = cms_toupper(*line);
	w[n] = 0;
	while (*line == ' ')
		line++;
	if (*line)
		return false;
	if (!strcmp(w, "HX")) {
		cms_hx_pending = true;
		typing_halted = false;
	} else if (!strcmp(w, "HI")) {
		cms_hi_pending = true;
	} else if (!strcmp(w, "HT")) {
		typing_halted = true;
	} else if (!strcmp(w, "RT")) {
		typing_halted = false;
	} else {
		return false;
	}
	return true;
}

volatile bool cms_hx_pending, cms_hi_pending;

/* HT lasts while the command runs: the Ready line comes again (VM/370). */
void cms_typing_resume(void)
{
	typing_halted = false;
}
static bool polling;

void cms_poll(void)
{
	if (!console_attn || polling)
		return;
	polling = true;
	console_attn = false;
	char line[132];
	read_console(line, sizeof line);
	if (!immediate(line))
		add_line(&ahead_head, line, true);
	polling = false;
	if (cms_hx_pending) {
		cms_hx_pending = false;
		write_line("CMS"); /* HX: the command ends (main.c's loop says Ready) */
		cms_longjmp(&cms_cmdloop, 1);
	}
}

int cms_read_line(char *buf, int max)
{
	if (take_line(&stack_head, buf, max) || take_line(&ahead_head, buf, max))
		return (int)strlen(buf);
	for (;;) {
		console_attn = false; /* (the Read takes the line the attention announced) */
		int n = read_console(buf, max);
		if (!immediate(buf))
			return n;
		if (cms_hx_pending) { /* HX at a read: nothing runs to halt */
			cms_hx_pending = false;
			cms_hi_pending = false;
		}
	}
}

bool cms_fullscreen(void)
{
	struct cms_dregs d = {.r2 = 0xFFFFFFFFu};
	if (cms_diag24(&d) != 0)
		return false;
	return (d.r5 >> 24) == 0x40; /* the real terminal: a display (graphics class) */
}
