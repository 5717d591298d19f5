/* test_channel_selector.c — selector channels against block-multiplexer
 * channels (GA22-7000 "Types of Channels", "States of the Input/Output
 * System", figure "Condition-Code Settings for I/O States and Functions",
 * "HALT I/O", "STORE CHANNEL ID"), the CHANNEL configuration statement, and
 * the warnings of attach and devinit.
 *
 * Two test devices on channel 1, A = X'1C0' and B = X'1C1', work through
 * the event queue like the one of test_channel_halt.c:
 *   02 read:    gives 80 bytes, 10 per device step (one event each)
 *   03 control: channel end at once, device end one step later
 *   13 NOP:     channel end and device end at once
 * A's program is at X'200' (CSW address X'208'), B's a NOP at X'300'.
 *
 * On a selector channel the channel belongs to A from SIO until A's ending
 * interruption is cleared: "working" (burst mode) while the read runs,
 * "interruption pending in the channel" after it ended.
 */
#include <unistd.h>

#include "chantest.h"
#include "commands.h"
#include "config.h"

enum { DEV_A = 0x1C0, DEV_B = 0x1C1, CHUNK = 10, READLEN = 80 };
static const uint64_t LATER = 3600ull * 1000000; /* an hour: only step() runs it */

struct fk {
	uint32_t done;
	bool armed; /* an event of the device is queued */
	int halts;
};
static struct fk fks[2];
static uint8_t pattern[READLEN];

static struct fk *fk_of(struct device *d)
{
	return &fks[d->devnum & 1];
}

static void ev_read(struct device *d, long arg);
static void ev_de(struct device *d, long arg);

static void arm(struct device *d, chan_event_fn *fn)
{
	fk_of(d)->armed = true;
	chan_schedule(d, LATER, fn, 0);
}

static void ev_read(struct device *d, long arg)
{
	(void)arg;
	struct fk *f = fk_of(d);
	f->armed = false;
	uint32_t n = READLEN - f->done < CHUNK ? READLEN - f->done : CHUNK;
	chan_write(d, pattern + f->done, n);
	f->done += n;
	if (f->done < READLEN)
		arm(d, ev_read);
	else
		chan_end(d, US_CE | US_DE);
}

static void ev_de(struct device *d, long arg)
{
	(void)arg;
	fk_of(d)->armed = false;
	chan_end(d, US_DE);
}

static int fk_ccw(struct device *d, uint8_t cmd)
{
	switch (cmd) {
	case 0x02:
		fk_of(d)->done = 0;
		arm(d, ev_read);
		return DEV_LATER;
	case 0x03:
		arm(d, ev_de);
		return US_CE;
	case 0x13:
		return US_CE | US_DE;
	default:
		return dev_reject(d);
	}
}

static uint8_t fk_halt(struct device *d)
{
	fk_of(d)->halts++;
	fk_of(d)->armed = false; /* the channel cancels the device's events */
	return 0;                /* channel end and device end */
}

static const char *const fk_types[] = {"SLOW", NULL};
static const struct dev_ops fk_ops = {.types = fk_types, .ccw = fk_ccw, .halt = fk_halt};

/* Run the device's queued event now (it must have one). */
static void step(struct ctm *m, uint16_t devnum)
{
	struct device *d = chan_find(m->cs, devnum);
	assert_true(fk_of(d)->armed);
	chan_event_fn *fn = d->sub.cmd == 0x02 ? ev_read : ev_de;
	chan_cancel(d, fn);
	fn(d, 0);
}

/* Channel 1 of the given type with A and B on it; CR0 bit 0 on. */
static struct ctm *setup(enum chan_type type)
{
	memset(fks, 0, sizeof fks);
	for (int k = 0; k < READLEN; k++)
		pattern[k] = (uint8_t)(k + 1);
	struct ctm *m = ctm_new();
	char err[100];
	chan_set_type(m->cs, 1, type);
	assert_int_equal(chan_attach_ops(m->cs, DEV_A, &fk_ops, "SLOW", 0, NULL, err, sizeof err), 0);
	assert_int_equal(chan_attach_ops(m->cs, DEV_B, &fk_ops, "SLOW", 0, NULL, err, sizeof err), 0);
	m->t->c.cr[0] |= 0x80000000u; /* block-multiplexing control on */
	put_ccw(m, 0x300, 0x13, 0, 0, 1);
	return m;
}

/* Run one instruction with the CSW preset to X'AA's: its CC. */
static int insn(struct ctm *m, const char *hex)
{
	fill_csw(m);
	return io_insn(m, hex);
}

/* SIO with the CAW pointing at a: its CC. */
static int sio(struct ctm *m, uint16_t devnum, uint32_t a)
{
	char hex[16];
	snprintf(hex, sizeof hex, "9C00 %04X", devnum);
	put_caw(m, 0, a);
	return insn(m, hex);
}

/* A reads READLEN bytes at X'3000' (CCW flags given), then steps. */
static void start_read(struct ctm *m, uint8_t flags, int steps)
{
	put_ccw(m, 0x200, 0x02, 0x3000, flags, READLEN);
	assert_int_equal(sio(m, DEV_A, 0x200), 0);
	for (int k = 0; k < steps; k++)
		step(m, DEV_A);
}

/* ---- condition codes, selector against block multiplexer ---- */

enum moment { WORKING, PENDING };

static void condition_code_table(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		enum moment at;
		const char *insn;
		int cc_sel, cc_blk;
		const char *csw_sel, *csw_blk; /* what the instruction stored */
	} cases[] = {
	    /* A's read in progress: the selector channel works in burst mode */
	    {"SIO B, A working", WORKING, "9C00 01C1", 2, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"TIO B, A working", WORKING, "9D00 01C1", 2, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"TIO A, A working", WORKING, "9D00 01C0", 2, 2, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"CLRIO B, A working", WORKING, "9D01 01C1", 2, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"HDV B, A working", WORKING, "9E01 01C1", 2, 1, "AAAAAAAA AAAA AAAA", "AAAAAAAA 0000 AAAA"},
	    {"TCH 1, A working", WORKING, "9F00 0100", 2, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"SIO to a device not attached, A working", WORKING, "9C00 01C7", 2, 3, "AAAAAAAA AAAA AAAA",
	     "AAAAAAAA AAAA AAAA"},
	    /* A's ending waits: interruption pending in the selector channel */
	    {"SIO B, A pending", PENDING, "9C00 01C1", 2, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"TIO B, A pending", PENDING, "9D00 01C1", 2, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"CLRIO B, A pending", PENDING, "9D01 01C1", 2, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"HIO B, A pending", PENDING, "9E00 01C1", 0, 1, "AAAAAAAA AAAA AAAA", "AAAAAAAA 0000 AAAA"},
	    {"HDV B, A pending", PENDING, "9E01 01C1", 0, 1, "AAAAAAAA AAAA AAAA", "AAAAAAAA 0000 AAAA"},
	    {"HIO A, A pending", PENDING, "9E00 01C0", 0, 0, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"TCH 1, A pending", PENDING, "9F00 0100", 1, 1, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"SIO A, A pending", PENDING, "9C00 01C0", 2, 2, "AAAAAAAA AAAA AAAA", "AAAAAAAA AAAA AAAA"},
	    {"TIO A, A pending", PENDING, "9D00 01C0", 1, 1, "00000208 0C00 0000", "00000208 0C00 0000"},
	    {"CLRIO A, A pending", PENDING, "9D01 01C0", 1, 1, "00000208 0C00 0000", "00000208 0C00 0000"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		for (int sel = 0; sel < 2; sel++) {
			struct ctm *m = setup(sel ? CHAN_SELECTOR : CHAN_BLOCK_MPX);
			start_read(m, 0, cases[k].at == WORKING ? 2 : READLEN / CHUNK);
			put_caw(m, 0, 0x300); /* an SIO to B starts its NOP */
			int want = sel ? cases[k].cc_sel : cases[k].cc_blk;
			const char *csw = sel ? cases[k].csw_sel : cases[k].csw_blk;
			int cc = insn(m, cases[k].insn);
			if (cc != want || strcmp(csw_text(m), csw))
				fail_msg("%s, %s channel: CC %d CSW %s, expected CC %d CSW %s", cases[k].what,
				         sel ? "selector" : "block-multiplexer", cc, csw_text(m), want, csw);
			/* nothing was halted: A ran or runs to its normal end */
			assert_int_equal(fks[0].halts, 0);
			ctm_free(m);
		}
	}
}

/* ---- HALT I/O in burst mode ---- */

/* HIO to any address on the working selector channel ends A's burst with
 * condition code 2; A's subchannel CSW comes first (unit status zero), then
 * A's channel end and device end as its device status. */
static void halt_burst_table(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *insn;
		uint8_t flags;
		const char *csw; /* the first interruption condition */
	} cases[] = {
	    {"HIO to A", "9E00 01C0", 0, "00000208 0040 003C"},
	    {"HIO to B: the address is ignored", "9E00 01C1", 0, "00000208 0040 003C"},
	    {"HIO to a device not attached", "9E00 01FF", 0, "00000208 0040 003C"},
	    {"HIO to A, SLI", "9E00 01C0", CCW_SLI, "00000208 0000 003C"},
	    {"HDV to A", "9E01 01C0", 0, "00000208 0040 003C"},
	    {"HIO with a PCI not yet presented", "9E00 01C0", CCW_PCI, "00000208 00C0 003C"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup(CHAN_SELECTOR);
		start_read(m, cases[k].flags, 2);
		assert_int_equal(insn(m, cases[k].insn), 2); /* burst operation terminated */
		if (strcmp(csw_text(m), "AAAAAAAA AAAA AAAA"))
			fail_msg("%s: CC 2 stored %s", cases[k].what, csw_text(m));
		assert_int_equal(fks[0].halts, 1);
		assert_false(fks[0].armed);
		/* the channel is interruption-pending at once */
		assert_int_equal(insn(m, "9F00 0100"), 1);
		assert_int_equal(insn(m, "9C00 01C1"), 2);
		assert_int_equal(insn(m, "9D00 01C0"), 1);
		if (strcmp(csw_text(m), cases[k].csw))
			fail_msg("%s: CSW %s, expected %s", cases[k].what, csw_text(m), cases[k].csw);
		/* then the device's channel end and device end, zeros elsewhere */
		assert_int_equal(insn(m, "9D00 01C0"), 1);
		assert_string_equal(csw_text(m), "00000000 0C00 0000");
		assert_int_equal(insn(m, "9D00 01C0"), 0);
		/* 20 bytes moved, no more */
		assert_memory_equal(tm_mem(m->t, 0x3000), pattern, 20);
		assert_int_equal(*tm_mem(m->t, 0x3000 + 20), 0);
		/* the channel is available: B starts */
		assert_int_equal(sio(m, DEV_B, 0x300), 0);
		ctm_free(m);
	}
}

/* HDV to another device while the selector channel works: CC 2, no action. */
static void hdv_other_device_in_burst(void **state)
{
	(void)state;
	struct ctm *m = setup(CHAN_SELECTOR);
	start_read(m, 0, 2);
	assert_int_equal(insn(m, "9E01 01C1"), 2);
	assert_int_equal(fks[0].halts + fks[1].halts, 0);
	assert_int_equal(insn(m, "9D00 01C0"), 2); /* A goes on */
	for (int k = 2; k < READLEN / CHUNK; k++)
		step(m, DEV_A);
	assert_int_equal(insn(m, "9D00 01C0"), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	ctm_free(m);
}

/* Command chaining waits for the device end of a control command: the
 * channel stays working; HIO ends it, the channel end already given is not
 * presented again, the device end follows on its own. */
static void halt_chain_waiting_for_device_end(void **state)
{
	(void)state;
	struct ctm *m = setup(CHAN_SELECTOR);
	put_ccw(m, 0x200, 0x03, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x13, 0, 0, 1);
	assert_int_equal(sio(m, DEV_A, 0x200), 0);
	assert_int_equal(insn(m, "9D00 01C1"), 2); /* the channel is working */
	assert_int_equal(insn(m, "9F00 0100"), 2);
	assert_int_equal(insn(m, "9E00 01C1"), 2);
	assert_int_equal(insn(m, "9D00 01C0"), 1);
	assert_string_equal(csw_text(m), "00000208 0000 0001");
	assert_int_equal(insn(m, "9D00 01C0"), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_int_equal(insn(m, "9D00 01C0"), 0);
	ctm_free(m);
}

/* A control command: channel end at once; while its CSW waits the channel
 * is busy for B, once taken the device end belongs to A alone and B may
 * start (the device disconnected at channel end). */
static void device_end_after_channel_end(void **state)
{
	(void)state;
	struct ctm *m = setup(CHAN_SELECTOR);
	put_ccw(m, 0x200, 0x03, 0, 0, 1);
	assert_int_equal(sio(m, DEV_A, 0x200), 0);
	assert_int_equal(sio(m, DEV_B, 0x300), 2);
	assert_int_equal(insn(m, "9D00 01C0"), 1);
	assert_string_equal(csw_text(m), "00000208 0800 0001");
	assert_int_equal(insn(m, "9F00 0100"), 0);
	assert_int_equal(sio(m, DEV_B, 0x300), 0); /* the NOP: CE DE pending for B */
	assert_int_equal(sio(m, DEV_A, 0x200), 2); /* B's ending holds the channel */
	assert_int_equal(insn(m, "9D00 01C1"), 1);
	assert_string_equal(csw_text(m), "00000308 0C00 0001");
	assert_int_equal(sio(m, DEV_A, 0x200), 1); /* A is still working: busy */
	assert_string_equal(csw_text(m), "AAAAAAAA 1000 AAAA");
	step(m, DEV_A);
	assert_int_equal(insn(m, "9D00 01C0"), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	ctm_free(m);
}

/* CLEAR I/O on a selector channel performs the TIO function: it does not
 * discontinue the working device. */
static void clear_is_test_on_selector(void **state)
{
	(void)state;
	struct ctm *m = setup(CHAN_SELECTOR);
	start_read(m, 0, 2);
	assert_int_equal(insn(m, "9D01 01C0"), 2);
	assert_int_equal(fks[0].halts, 0);
	for (int k = 2; k < READLEN / CHUNK; k++)
		step(m, DEV_A);
	assert_int_equal(insn(m, "9D01 01C0"), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	ctm_free(m);

	/* on the block-multiplexer channel it discontinues the read */
	m = setup(CHAN_BLOCK_MPX);
	start_read(m, 0, 2);
	assert_int_equal(insn(m, "9D01 01C0"), 1);
	assert_string_equal(csw_text(m), "00000208 0000 003C");
	assert_int_equal(fks[0].halts, 1);
	ctm_free(m);
}

/* ---- interruptions ---- */

/* B's attention arose first.  The block-multiplexer channel presents it
 * first; the selector channel takes none while working with A, and then
 * presents A's subchannel condition before it. */
static void interruption_order(void **state)
{
	(void)state;
	for (int sel = 0; sel < 2; sel++) {
		struct ctm *m = setup(sel ? CHAN_SELECTOR : CHAN_BLOCK_MPX);
		struct cpu *c = &m->t->c;
		start_read(m, 0, 2);
		chan_unsolicited(chan_find(m->cs, DEV_B), US_ATTN);
		c->psw.sysmask = 0x40; /* channel 1 */
		assert_int_equal(c->io_pending(c), !sel);
		for (int k = 2; k < READLEN / CHUNK; k++)
			step(m, DEV_A);
		assert_true(c->io_pending(c));
		tm_run(m->t, 1);
		assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), sel ? DEV_A : DEV_B);
		assert_string_equal(csw_text(m), sel ? "00000208 0C00 0000" : "00000000 8000 0000");
		c->psw.sysmask = 0x40;
		tm_run(m->t, 1);
		assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), sel ? DEV_B : DEV_A);
		assert_string_equal(csw_text(m), sel ? "00000000 8000 0000" : "00000208 0C00 0000");
		assert_int_equal(c->io_count, 2);
		c->psw.sysmask = 0;
		ctm_free(m);
	}
}

/* ---- STORE CHANNEL ID ---- */

static void stidc_types(void **state)
{
	(void)state;
	static const struct {
		unsigned ch;
		int type; /* -1: default */
		int cc;
		uint32_t id;
	} cases[] = {
	    {0, -1, 0, 0x10000000u}, /* byte multiplexer */
	    {1, -1, 0, 0x20000000u}, /* block multiplexer */
	    {1, CHAN_SELECTOR, 0, 0x00000000u},
	    {1, CHAN_BYTE_MPX, 0, 0x10000000u},
	    {0, CHAN_SELECTOR, 0, 0x00000000u},
	    {0, CHAN_BLOCK_MPX, 0, 0x20000000u},
	    {2, CHAN_SELECTOR, 3, 0xAAAAAAAAu}, /* no device: not operational */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = ctm_new();
		char err[100];
		if (cases[k].type >= 0)
			chan_set_type(m->cs, cases[k].ch, (enum chan_type)cases[k].type);
		assert_int_equal(chan_attach_ops(m->cs, 0x009, &fk_ops, "SLOW", 0, NULL, err, sizeof err), 0);
		assert_int_equal(chan_attach_ops(m->cs, 0x1C0, &fk_ops, "SLOW", 0, NULL, err, sizeof err), 0);
		memset(tm_mem(m->t, LOC_CHANID), 0xAA, 4);
		char hex[16];
		snprintf(hex, sizeof hex, "B203 %04X", cases[k].ch << 8);
		int cc = io_insn(m, hex);
		uint32_t id = be32(tm_mem(m->t, LOC_CHANID));
		if (cc != cases[k].cc || id != cases[k].id)
			fail_msg("channel %u type %d: CC %d id %08X", cases[k].ch, cases[k].type, cc, id);
		ctm_free(m);
	}
}

/* ---- the CHANNEL statement ---- */

static void config_channel_statement(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		const char *msg; /* NULL: accepted */
	} cases[] = {
	    {"CHANNEL 1 SELECTOR", NULL},
	    {"channel 2-3 blkmpx", NULL},
	    {"Channel 0 BytempX", NULL},
	    {"CHANNEL 0A SELECTOR", NULL},
	    {"CHANNEL", "t.cnf:7: CHANNEL: expected n[-m] SELECTOR|BYTEMPX|BLKMPX\n"},
	    {"CHANNEL 1", "t.cnf:7: CHANNEL: expected n[-m] SELECTOR|BYTEMPX|BLKMPX\n"},
	    {"CHANNEL 100 SELECTOR",
	     "t.cnf:7: CHANNEL 100: expected a channel number 0-FF or a range such as 1-3\n"},
	    {"CHANNEL 3-1 SELECTOR",
	     "t.cnf:7: CHANNEL 3-1: expected a channel number 0-FF or a range such as 1-3\n"},
	    {"CHANNEL 1- SELECTOR",
	     "t.cnf:7: CHANNEL 1-: expected a channel number 0-FF or a range such as 1-3\n"},
	    {"CHANNEL x SELECTOR",
	     "t.cnf:7: CHANNEL x: expected a channel number 0-FF or a range such as 1-3\n"},
	    {"CHANNEL 1 MULTIPLEXER",
	     "t.cnf:7: CHANNEL 1 MULTIPLEXER: expected SELECTOR, BYTEMPX or BLKMPX\n"},
	    {"CHANNEL 1 SELECTOR now",
	     "t.cnf:7: CHANNEL 1: unexpected operand 'now' (expected n[-m] SELECTOR|BYTEMPX|BLKMPX)\n"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct config cfg;
		config_defaults(&cfg);
		char *buf = NULL;
		size_t len = 0;
		cfg.msg = open_memstream(&buf, &len);
		int rc = config_statement(&cfg, "t.cnf", 7, cases[k].line);
		fclose(cfg.msg);
		if (cases[k].msg ? (rc != -1 || strcmp(buf, cases[k].msg)) : (rc != 0 || len))
			fail_msg("\"%s\": rc %d, \"%s\"", cases[k].line, rc, buf);
		free(buf);
		config_free(&cfg);
	}

	/* what the good lines record, and what chan_configure makes of it */
	struct config cfg;
	config_defaults(&cfg);
	assert_int_equal(config_statement(&cfg, "t.cnf", 1, "CHANNEL 1 SELECTOR"), 0);
	assert_int_equal(config_statement(&cfg, "t.cnf", 2, "CHANNEL 2-3 BYTEMPX"), 0);
	assert_int_equal(config_statement(&cfg, "t.cnf", 3, "CHANNEL 0 BLKMPX"), 0);
	assert_int_equal(cfg.chantype[1], CONFIG_CHAN_SELECTOR);
	assert_int_equal(cfg.chantype[2], CONFIG_CHAN_BYTEMPX);
	assert_int_equal(cfg.chantype[3], CONFIG_CHAN_BYTEMPX);
	assert_int_equal(cfg.chantype[0], CONFIG_CHAN_BLKMPX);
	assert_int_equal(cfg.chantype[4], CONFIG_CHAN_DEFAULT);
	struct ctm *m = ctm_new();
	assert_int_equal(chan_configure(m->cs, &cfg, stderr), 0);
	assert_int_equal(chan_get_type(m->cs, 0), CHAN_BLOCK_MPX);
	assert_int_equal(chan_get_type(m->cs, 1), CHAN_SELECTOR);
	assert_int_equal(chan_get_type(m->cs, 2), CHAN_BYTE_MPX);
	assert_int_equal(chan_get_type(m->cs, 3), CHAN_BYTE_MPX);
	assert_int_equal(chan_get_type(m->cs, 4), CHAN_BLOCK_MPX);
	ctm_free(m);
	config_free(&cfg);
}

/* ---- attach and devinit print a device's warning ---- */

static void command_warnings(void **state)
{
	(void)state;
	struct machine mach;
	struct console con;
	struct cmd_ctx x;
	struct config cfg;
	config_defaults(&cfg);
	cfg.mainsize_mb = 1;
	assert_int_equal(machine_init(&mach, &cfg), 0);
	mach.chs = chan_create(&mach.cpu);
	assert_non_null(mach.chs);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(console_init(&con, f), 0);
	cmd_init(&x, &mach, &con);
	char path[] = "/tmp/s370-selXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char line[200];
	snprintf(line, sizeof line, "attach 00E 1403 %s rawcc", path);
	assert_int_equal(cmd_execute(&x, line), 0);
	snprintf(line, sizeof line, "devinit 00E %s ffchan=12", path);
	assert_int_equal(cmd_execute(&x, line), 0);
	snprintf(line, sizeof line, "devinit 00E %s", path); /* no warning */
	assert_int_equal(cmd_execute(&x, line), 0);
	fflush(f);
	const char *want = "attach: warning: 000E 1403: option rawcc is not emulated\n"
	                   "attach: 000E 1403 attached\n"
	                   "devinit: warning: 000E: option ffchan=12 is not emulated\n"
	                   "devinit: 000E initialized\n"
	                   "devinit: 000E initialized\n";
	if (!strstr(buf, want))
		fail_msg("console output:\n%s", buf);
	chan_destroy(mach.chs);
	mach.chs = NULL;
	machine_shutdown(&mach);
	console_close(&con);
	fclose(f);
	free(buf);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(condition_code_table),
	    cmocka_unit_test(halt_burst_table),
	    cmocka_unit_test(hdv_other_device_in_burst),
	    cmocka_unit_test(halt_chain_waiting_for_device_end),
	    cmocka_unit_test(device_end_after_channel_end),
	    cmocka_unit_test(clear_is_test_on_selector),
	    cmocka_unit_test(interruption_order),
	    cmocka_unit_test(stidc_types),
	    cmocka_unit_test(config_channel_statement),
	    cmocka_unit_test(command_warnings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
