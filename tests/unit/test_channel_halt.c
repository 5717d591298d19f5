/* test_channel_halt.c — HALT I/O, HALT DEVICE, CLEAR I/O and TEST I/O at
 * each moment of an operation that takes device time (GA22-7000 "HALT I/O",
 * "HALT DEVICE", "CLEAR I/O", "TEST I/O", "Termination by HALT I/O or HALT
 * DEVICE", "Termination by CLEAR I/O").
 *
 * The test device (unit X'0C0', channel 0) works through the event queue:
 *   02 read:    gives fk.len bytes, 10 per device step (one event each)
 *   03 control: channel end at once, device end one step later
 *   13 NOP:     channel end and device end at once
 * A step is one event of the device: step() takes it off the queue and runs
 * it, so the moments are exact and independent of host time.
 *
 * The moments, for an 80-byte read at X'3000' (CCW at X'200'):
 *   before the device starts   SIO accepted, no byte moved yet
 *   while data is moving       20 of the 80 bytes moved
 *   between CE and DE          control command: channel end given
 *   chained, waiting for DE    channel end given, command chaining waits
 *   interruption pending       the operation has ended, the CSW waits
 *
 * Condition codes (GA22-7000 figure "Condition-Code Settings for I/O States
 * and Functions", one device per subchannel):
 *                              TIO   HIO/HDV  CLRIO
 *   subchannel working          2      1'       1*
 *   interruption pending        1*     0        1*
 *   device working (after CE)   1'     1'       0
 *   available                   0      1'       0
 * (* whole CSW stored, ' status portion only.)  CLEAR I/O performs the TIO
 * function when CR0 bit 0 (block-multiplexing control) is zero.
 */
#include "chantest.h"

static struct {
	uint8_t data[256];
	uint32_t len;  /* bytes the read gives */
	uint32_t done; /* bytes given so far */
	bool armed;    /* an event of the device is queued */
	int halts;
} fk;

enum { CHUNK = 10 };
static const uint64_t LATER = 3600ull * 1000000; /* an hour: only step() runs it */

static void ev_read(struct device *d, long arg);
static void ev_de(struct device *d, long arg);

static void arm(struct device *d, chan_event_fn *fn)
{
	fk.armed = true;
	chan_schedule(d, LATER, fn, 0);
}

static void ev_read(struct device *d, long arg)
{
	(void)arg;
	fk.armed = false;
	uint32_t n = fk.len - fk.done < CHUNK ? fk.len - fk.done : CHUNK;
	chan_write(d, fk.data + fk.done, n);
	fk.done += n;
	if (fk.done < fk.len)
		arm(d, ev_read);
	else
		chan_end(d, US_CE | US_DE);
}

static void ev_de(struct device *d, long arg)
{
	(void)arg;
	fk.armed = false;
	chan_end(d, US_DE);
}

static int fk_ccw(struct device *d, uint8_t cmd)
{
	switch (cmd) {
	case 0x02:
		fk.done = 0;
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
	(void)d;
	fk.halts++;
	fk.armed = false; /* the channel cancels the device's events */
	return 0;         /* channel end and device end */
}

static const char *const fk_types[] = {"SLOW", NULL};
static const struct dev_ops fk_ops = {.types = fk_types, .ccw = fk_ccw, .halt = fk_halt};

/* Run the device's queued event now (it must have one). */
static void step(struct ctm *m)
{
	assert_true(fk.armed);
	struct device *d = chan_find(m->cs, 0x0C0);
	chan_event_fn *fn = d->sub.cmd == 0x02 ? ev_read : ev_de;
	chan_cancel(d, fn);
	fn(d, 0);
}

static struct ctm *setup(void)
{
	memset(&fk, 0, sizeof fk);
	for (int k = 0; k < (int)sizeof fk.data; k++)
		fk.data[k] = (uint8_t)(k + 1);
	fk.len = 80;
	struct ctm *m = ctm_new();
	char err[100];
	assert_int_equal(chan_attach_ops(m->cs, 0x0C0, &fk_ops, "SLOW", 0, NULL, err, sizeof err), 0);
	m->t->c.cr[0] |= 0x80000000u; /* block-multiplexing control on */
	put_caw(m, 0, 0x200);
	return m;
}

#define SIO "9C00 00C0"
#define TIO "9D00 00C0"
#define HIO "9E00 00C0"
#define HDV "9E01 00C0"
#define CLRIO "9D01 00C0"

/* Run one instruction with the CSW preset to X'AA's: its CC. */
static int insn(struct ctm *m, const char *hex)
{
	fill_csw(m);
	return io_insn(m, hex);
}

/* The device ends nothing later by itself: no event left, none runs. */
static void assert_quiet(struct ctm *m)
{
	assert_false(fk.armed);
	uint32_t done = fk.done;
	ctm_service(m);
	assert_int_equal(fk.done, done);
	assert_int_equal(insn(m, TIO), 0);
}

/* ---- the moments of an 80-byte read, under each instruction ---- */

/* The read program at X'200' with these flags; SIO, then steps. */
static void start_read(struct ctm *m, uint8_t flags, int steps)
{
	put_ccw(m, 0x200, 0x02, 0x3000, flags, 80);
	assert_int_equal(insn(m, SIO), 0);
	for (int k = 0; k < steps; k++)
		step(m);
}

static void halt_read_table(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *insn; /* HIO or HDV */
		uint8_t flags;
		int steps;       /* device steps before the halt */
		const char *csw; /* the interruption's CSW, taken by TIO */
	} cases[] = {
	    /* halted before the area is filled: incorrect length unless SLI */
	    {"before the device starts", HIO, 0, 0, "00000208 0C40 0050"},
	    {"before the device starts, SLI", HIO, CCW_SLI, 0, "00000208 0C00 0050"},
	    {"while data is moving", HIO, 0, 2, "00000208 0C40 003C"},
	    {"while data is moving, SLI", HDV, CCW_SLI, 2, "00000208 0C00 003C"},
	    {"HDV while data is moving", HDV, 0, 7, "00000208 0C40 000A"},
	    /* a PCI not yet presented joins the halt's CSW */
	    {"with a PCI pending", HIO, CCW_PCI, 1, "00000208 0CC0 0046"},
	    /* command chaining is suppressed: the CSW is the first CCW's */
	    {"chained read", HIO, CCW_CC, 3, "00000208 0C40 0032"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup();
		put_ccw(m, 0x208, 0x13, 0, 0, 1);
		start_read(m, cases[k].flags, cases[k].steps);
		assert_int_equal(insn(m, TIO), 2); /* subchannel working */
		assert_int_equal(insn(m, cases[k].insn), 1);
		if (strcmp(csw_text(m), "AAAAAAAA 0000 AAAA"))
			fail_msg("%s: %s stored %s", cases[k].what, cases[k].insn, csw_text(m));
		assert_int_equal(fk.halts, 1);
		/* now the interruption is pending in the subchannel */
		assert_int_equal(insn(m, HIO), 0);
		assert_int_equal(insn(m, HDV), 0);
		assert_string_equal(csw_text(m), "AAAAAAAA AAAA AAAA"); /* CC 0 stores nothing */
		assert_int_equal(insn(m, TIO), 1);
		if (strcmp(csw_text(m), cases[k].csw))
			fail_msg("%s: CSW %s, expected %s", cases[k].what, csw_text(m), cases[k].csw);
		/* the bytes moved before the halt are in storage, no more */
		uint32_t moved = (uint32_t)cases[k].steps * CHUNK;
		assert_memory_equal(tm_mem(m->t, 0x3000), fk.data, moved);
		assert_int_equal(*tm_mem(m->t, 0x3000 + moved), 0);
		assert_quiet(m);
		ctm_free(m);
	}
}

static void clear_read_table(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		uint8_t flags;
		int steps;
		const char *csw; /* stored by CLEAR I/O: the operation as it stood */
	} cases[] = {
	    {"before the device starts", 0, 0, "00000208 0000 0050"},
	    {"while data is moving", 0, 3, "00000208 0000 0032"},
	    {"while data is moving, SLI", CCW_SLI, 5, "00000208 0000 001E"},
	    {"with a PCI pending", CCW_PCI, 1, "00000208 0080 0046"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup();
		start_read(m, cases[k].flags, cases[k].steps);
		assert_int_equal(insn(m, CLRIO), 1);
		if (strcmp(csw_text(m), cases[k].csw))
			fail_msg("%s: CSW %s, expected %s", cases[k].what, csw_text(m), cases[k].csw);
		assert_int_equal(fk.halts, 1);
		/* the subchannel is available at once, nothing follows */
		assert_quiet(m);
		assert_int_equal(insn(m, CLRIO), 0);
		assert_int_equal(insn(m, HIO), 1);
		assert_string_equal(csw_text(m), "AAAAAAAA 0000 AAAA");
		ctm_free(m);
	}
}

/* With the block-multiplexing control off, CLEAR I/O is TEST I/O. */
static void clear_without_block_mpx_is_tio(void **state)
{
	(void)state;
	struct ctm *m = setup();
	m->t->c.cr[0] &= ~0x80000000u;
	start_read(m, 0, 2);
	assert_int_equal(insn(m, CLRIO), 2); /* working: no action */
	assert_int_equal(fk.halts, 0);
	for (int k = 0; k < 6; k++)
		step(m);
	assert_int_equal(insn(m, CLRIO), 1); /* the ending, as TIO takes it */
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x3000), fk.data, 80);
	assert_int_equal(insn(m, CLRIO), 0);
	ctm_free(m);
}

/* The read runs to its end while nobody looks: TIO shows it working, then
 * the interruption condition; each instruction at "interruption pending". */
static void interruption_pending(void **state)
{
	(void)state;
	static const struct {
		const char *insn;
		int cc;
		bool takes; /* stores the CSW and clears the condition */
	} cases[] = {
	    {HIO, 0, false},
	    {HDV, 0, false},
	    {TIO, 1, true},
	    {CLRIO, 1, true},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup();
		start_read(m, 0, 0);
		for (int s = 0; s < 8; s++) {
			assert_int_equal(insn(m, TIO), 2);
			step(m);
		}
		assert_int_equal(insn(m, cases[k].insn), cases[k].cc);
		assert_string_equal(csw_text(m),
		                    cases[k].takes ? "00000208 0C00 0000" : "AAAAAAAA AAAA AAAA");
		assert_int_equal(fk.halts, 0); /* nothing to halt */
		if (!cases[k].takes) {
			assert_int_equal(insn(m, TIO), 1);
			assert_string_equal(csw_text(m), "00000208 0C00 0000");
		}
		assert_quiet(m);
		ctm_free(m);
	}
}

/* A control command: channel end at once, device end one step later. */
static void between_channel_end_and_device_end(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x03, 0, 0, 1);
	/* 1. the CE interruption is pending: HIO and HDV CC 0, TIO takes it */
	assert_int_equal(insn(m, SIO), 0);
	assert_int_equal(insn(m, HIO), 0);
	assert_int_equal(insn(m, HDV), 0);
	assert_int_equal(fk.halts, 0);
	assert_int_equal(insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0800 0001");
	/* 2. device working: TIO and SIO busy (status portion), CLRIO CC 0 */
	assert_int_equal(insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 1000 AAAA");
	assert_int_equal(insn(m, SIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 1000 AAAA");
	assert_int_equal(insn(m, CLRIO), 0);
	/* 3. HIO signals the device: CC 1, zero status; device end at once */
	assert_int_equal(insn(m, HIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 0000 AAAA");
	assert_int_equal(fk.halts, 1);
	assert_false(fk.armed);
	assert_int_equal(insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_quiet(m);

	/* Without a halt the device end comes from the device's own event. */
	assert_int_equal(insn(m, SIO), 0);
	assert_int_equal(insn(m, CLRIO), 1); /* takes the CE CSW */
	assert_string_equal(csw_text(m), "00000208 0800 0001");
	assert_int_equal(insn(m, HDV), 1); /* device still working... */
	assert_int_equal(fk.halts, 2);     /* ...so it is signalled */
	assert_int_equal(insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_int_equal(insn(m, SIO), 0);
	assert_int_equal(insn(m, TIO), 1);
	step(m); /* device end on its own */
	assert_int_equal(insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_quiet(m);
	ctm_free(m);
}

/* Command chaining waits for the device end of a control command. */
static void chained_waiting_for_device_end(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x03, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x13, 0, 0, 1);
	/* HIO: the channel end already given is not made available; the
	 * CSW has device end, the address and count of the first CCW */
	assert_int_equal(insn(m, SIO), 0);
	assert_int_equal(insn(m, TIO), 2);
	assert_int_equal(insn(m, HIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 0000 AAAA");
	assert_int_equal(insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0400 0001");
	assert_quiet(m);
	/* CLRIO: CSW of the first CCW, status as it stood (none) */
	assert_int_equal(insn(m, SIO), 0);
	assert_int_equal(insn(m, CLRIO), 1);
	assert_string_equal(csw_text(m), "00000208 0000 0001");
	assert_quiet(m);
	/* undisturbed: device end, the chain goes on to the NOP */
	assert_int_equal(insn(m, SIO), 0);
	assert_int_equal(insn(m, TIO), 2);
	step(m);
	assert_int_equal(insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000210 0C00 0001");
	assert_quiet(m);
	ctm_free(m);
}

/* Device status pending (attention) with the subchannel available. */
static void interruption_pending_in_device(void **state)
{
	(void)state;
	struct ctm *m = setup();
	chan_unsolicited(chan_find(m->cs, 0x0C0), US_ATTN);
	assert_int_equal(insn(m, HIO), 1); /* signalled, nothing to stop */
	assert_string_equal(csw_text(m), "AAAAAAAA 0000 AAAA");
	assert_int_equal(insn(m, CLRIO), 0); /* subchannel available: no action */
	assert_int_equal(insn(m, TIO), 1);   /* the attention is still there */
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	assert_int_equal(insn(m, TIO), 0);
	ctm_free(m);
}

/* The halted operation's ending arrives as an I/O interruption too. */
static void halt_then_interruption(void **state)
{
	(void)state;
	struct ctm *m = setup();
	start_read(m, 0, 4);
	assert_int_equal(insn(m, HIO), 1);
	m->t->c.psw.sysmask = 0x80; /* channel 0 */
	tm_run(m->t, 1);
	assert_string_equal(csw_text(m), "00000208 0C40 0028");
	assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), 0x00C0);
	assert_int_equal(m->t->c.io_count, 1);
	m->t->c.psw.sysmask = 0;
	assert_quiet(m);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(halt_read_table),
	    cmocka_unit_test(clear_read_table),
	    cmocka_unit_test(clear_without_block_mpx_is_tio),
	    cmocka_unit_test(interruption_pending),
	    cmocka_unit_test(between_channel_end_and_device_end),
	    cmocka_unit_test(chained_waiting_for_device_end),
	    cmocka_unit_test(interruption_pending_in_device),
	    cmocka_unit_test(halt_then_interruption),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
