/* test_channel.c — channel programs (GA22-7000 "Input/Output Operations")
 * run against a scripted test device: CCW flags, chaining, IDAWs, the
 * program and protection checks, incorrect length, and the CSW each leaves.
 *
 * The test device (unit X'0C0'):
 *   01 write: takes fk.want bytes (chan_read)      05 write: chan_read_avail
 *   02 read:  gives fk.len bytes of fk.data        0C read backward: same
 *   03 NOP                                         04 sense (1 byte)
 *   07 command reject (unit check)                 0B ends with status modifier
 *   1B ends with unit exception                    13 ends 1 s later (event)
 *   23 channel end now, device end 1 s later       33 never ends (HIO/CLRIO)
 *   17 unit check in the initial status (no channel end)
 */
#include "chantest.h"

static struct {
	uint8_t data[8192];
	uint32_t len;  /* bytes a read gives */
	uint32_t want; /* bytes a write asks for */
	uint8_t got[8192];
	uint32_t ngot;
	int starts;
	int halts;
} fk;

static void ev_end(struct device *d, long st)
{
	chan_end(d, (uint8_t)st);
}

static int fk_ccw(struct device *d, uint8_t cmd)
{
	switch (cmd) {
	case 0x01:
		fk.ngot = chan_read(d, fk.got, fk.want);
		return US_CE | US_DE;
	case 0x05:
		fk.ngot = chan_read_avail(d, fk.got, sizeof fk.got);
		return US_CE | US_DE;
	case 0x02:
	case 0x0C:
		chan_write(d, fk.data, fk.len);
		return US_CE | US_DE;
	case 0x03:
		return US_CE | US_DE;
	case 0x04:
		return dev_sense(d);
	case 0x0B:
		return US_CE | US_DE | US_SM;
	case 0x1B:
		return US_CE | US_DE | US_UE;
	case 0x13:
		chan_schedule(d, 1000000, ev_end, US_CE | US_DE);
		return DEV_LATER;
	case 0x23:
		chan_schedule(d, 1000000, ev_end, US_DE);
		return US_CE;
	case 0x33:
		return DEV_LATER;
	case 0x17:
		return US_UC; /* initial status: not executed */
	default:
		return dev_reject(d);
	}
}
static void fk_start(struct device *d)
{
	(void)d;
	fk.starts++;
}
static uint8_t fk_halt(struct device *d)
{
	(void)d;
	fk.halts++;
	return 0;
}
static const char *const fk_types[] = {"TEST", NULL};
static const struct dev_ops fk_ops = {.types = fk_types, .ccw = fk_ccw, .start = fk_start, .halt = fk_halt};

static struct ctm *setup(void)
{
	memset(&fk, 0, sizeof fk);
	for (int k = 0; k < (int)sizeof fk.data; k++)
		fk.data[k] = (uint8_t)(k + 1);
	struct ctm *m = ctm_new();
	char err[100];
	assert_int_equal(chan_attach_ops(m->cs, 0x0C0, &fk_ops, "TEST", 0, NULL, err, sizeof err), 0);
	assert_int_equal(chan_attach_ops(m->cs, 0x1C0, &fk_ops, "TEST", 0, NULL, err, sizeof err), 0);
	assert_int_equal(chan_attach_ops(m->cs, 0x7C0, &fk_ops, "TEST", 0, NULL, err, sizeof err), 0);
	fill_csw(m);
	m->t->c.cr[0] |= 0x80000000u; /* block-multiplexing control: CLEAR I/O does CLRIO */
	return m;
}

#define SIO "9C00 00C0"
#define TIO "9D00 00C0"

/* ---- program checks at SIO: CC 1, only the status portion stored ---- */

static void sio_program_checks(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		uint32_t caw;
		uint8_t cmd, flags;
		uint16_t count;
	} cases[] = {
	    {"CAW bits 4-7 not zero", 0x01000200, 0x03, 0, 1},
	    {"CCW address not doubleword", 0x00000204, 0x03, 0, 1},
	    {"CCW address beyond storage", 0x00FFFF00, 0x03, 0, 1},
	    {"count zero", 0x00000200, 0x03, 0, 0},
	    {"command code 00", 0x00000200, 0x00, 0, 1},
	    {"command code 10", 0x00000200, 0x10, 0, 1},
	    {"first CCW is TIC", 0x00000200, 0x08, 0, 1},
	    {"flag bits 38-39", 0x00000200, 0x03, 0x02, 1},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup();
		put_ccw(m, 0x200, cases[k].cmd, 0x300, cases[k].flags, cases[k].count);
		put32(tm_mem(m->t, LOC_CAW), cases[k].caw);
		int cc = io_insn(m, SIO);
		if (cc != 1 || strcmp(csw_text(m), "AAAAAAAA 0020 AAAA"))
			fail_msg("%s: cc %d CSW %s", cases[k].name, cc, csw_text(m));
		assert_int_equal(io_insn(m, TIO), 0); /* nothing pending, device free */
		ctm_free(m);
	}
}

/* ---- immediate and data-transfer endings ---- */

/* An immediate command: condition code 0 and an interruption (allowed by
 * the architecture instead of condition code 1; Hercules does the same). */
static void immediate_command(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x03, 0, 0, 5);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0005"); /* CE DE, no IL (immediate) */
	assert_int_equal(fk.starts, 1);
	ctm_free(m);
}

/* Status without channel end at the first command: not executed, CC 1. */
static void initial_status_cc1(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x17, 0, CCW_CC, 3);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 1);
	assert_string_equal(csw_text(m), "00000208 0200 0003");
	assert_int_equal(io_insn(m, TIO), 0);
	/* the same status on a chained command is an interruption */
	put_ccw(m, 0x200, 0x03, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x17, 0, 0, 3);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000210 0200 0003");
	ctm_free(m);
}

static void command_reject_and_sense(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x07, 0x300, 0, 1);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0E00 0001");
	put_ccw(m, 0x200, 0x04, 0x300, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	assert_int_equal(*tm_mem(m->t, 0x300), 0x80); /* command reject */
	ctm_free(m);
}

static void read_and_incorrect_length(void **state)
{
	(void)state;
	static const struct {
		uint32_t len;
		uint8_t flags;
		uint16_t count;
		const char *csw;
	} cases[] = {
	    {16, 0, 16, "00000208 0C00 0000"},        /* exact */
	    {10, 0, 16, "00000208 0C40 0006"},        /* short: IL */
	    {10, CCW_SLI, 16, "00000208 0C00 0006"},  /* short, SLI */
	    {20, 0, 16, "00000208 0C40 0000"},        /* device had more: IL */
	    {20, CCW_SLI, 16, "00000208 0C00 0000"},  /* SLI */
	    {10, CCW_SKIP, 16, "00000208 0C40 0006"}, /* skip: nothing stored */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup();
		fk.len = cases[k].len;
		put_ccw(m, 0x200, 0x02, 0x3000, cases[k].flags, cases[k].count);
		put_caw(m, 0, 0x200);
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 1);
		if (strcmp(csw_text(m), cases[k].csw))
			fail_msg("case %zu: CSW %s, expected %s", k, csw_text(m), cases[k].csw);
		uint32_t n = cases[k].len < cases[k].count ? cases[k].len : cases[k].count;
		if (cases[k].flags & CCW_SKIP)
			assert_int_equal(*tm_mem(m->t, 0x3000), 0);
		else
			assert_memory_equal(tm_mem(m->t, 0x3000), fk.data, n);
		assert_int_equal(*tm_mem(m->t, 0x3000 + n), 0);
		ctm_free(m);
	}
}

static void write_lengths(void **state)
{
	(void)state;
	struct ctm *m = setup();
	memcpy(tm_mem(m->t, 0x3000), "ABCDEFGHIJ", 10);
	fk.want = 4;
	put_ccw(m, 0x200, 0x01, 0x3000, 0, 10);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C40 0006");
	assert_int_equal(fk.ngot, 4);
	assert_memory_equal(fk.got, "ABCD", 4);
	/* chan_read_avail: a shorter count is the whole record, no IL */
	put_ccw(m, 0x200, 0x05, 0x3000, 0, 10);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	assert_int_equal(fk.ngot, 10);
	ctm_free(m);
}

static void data_chaining(void **state)
{
	(void)state;
	struct ctm *m = setup();
	fk.len = 10;
	put_ccw(m, 0x200, 0x02, 0x3000, CCW_CD, 4);
	put_ccw(m, 0x208, 0x08, 0x300, 0, 0);  /* TIC within data chaining */
	put_ccw(m, 0x300, 0xFF, 0x2000, 0, 6); /* command code ignored */
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000308 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x3000), fk.data, 4);
	assert_memory_equal(tm_mem(m->t, 0x2000), fk.data + 4, 6);
	/* data chained to a zero count: program check */
	put_ccw(m, 0x300, 0xFF, 0x2000, 0, 0);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000308 0C20 0000");
	ctm_free(m);
}

static void command_chaining(void **state)
{
	(void)state;
	struct ctm *m = setup();
	fk.len = 4;
	put_ccw(m, 0x200, 0x03, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x08, 0x400, 0, 0); /* TIC */
	put_ccw(m, 0x400, 0x02, 0x3000, 0, 4);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000408 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x3000), fk.data, 4);
	ctm_free(m);
}

static void status_modifier_skips(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x0B, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x07, 0, 0, 1); /* skipped: would be a command reject */
	put_ccw(m, 0x210, 0x03, 0, 0, 1);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000218 0C00 0001");
	ctm_free(m);
}

static void unit_check_and_exception_end_chain(void **state)
{
	(void)state;
	static const struct {
		uint8_t cmd;
		const char *csw;
	} cases[] = {{0x07, "00000210 0E00 0001"}, {0x1B, "00000210 0D00 0001"}};
	for (size_t k = 0; k < 2; k++) {
		struct ctm *m = setup();
		put_ccw(m, 0x200, 0x03, 0, CCW_CC, 1);
		put_ccw(m, 0x208, cases[k].cmd, 0, CCW_CC, 1);
		put_ccw(m, 0x210, 0x03, 0, 0, 1);
		put_caw(m, 0, 0x200);
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 1);
		assert_string_equal(csw_text(m), cases[k].csw);
		ctm_free(m);
	}
}

static void incorrect_length_stops_chaining(void **state)
{
	(void)state;
	struct ctm *m = setup();
	fk.len = 2;
	put_ccw(m, 0x200, 0x02, 0x3000, CCW_CC, 4);
	put_ccw(m, 0x208, 0x07, 0, 0, 1);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C40 0002");
	/* with SLI the chain goes on (to the reject) */
	put_ccw(m, 0x200, 0x02, 0x3000, CCW_CC | CCW_SLI, 4);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000210 0E00 0001");
	ctm_free(m);
}

static void tic_errors(void **state)
{
	(void)state;
	struct ctm *m = setup();
	/* TIC to TIC: the second TIC's address + 8 */
	put_ccw(m, 0x200, 0x03, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x08, 0x400, 0, 0);
	put_ccw(m, 0x400, 0x08, 0x500, 0, 0);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_memory_equal(csw_text(m), "00000408 0020", 13);
	/* TIC to an odd doubleword address: the TIC's address + 8 */
	put_ccw(m, 0x208, 0x08, 0x404, 0, 0);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_memory_equal(csw_text(m), "00000210 0020", 13);
	/* TIC beyond storage: the TIC's address + 8 */
	put_ccw(m, 0x208, 0x08, 0x800000, 0, 0);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_memory_equal(csw_text(m), "00000210 0020", 13);
	/* chaining runs off the end of storage: that address + 8 */
	put_ccw(m, 0xFFF8, 0x03, 0, CCW_CC, 1);
	put_caw(m, 0, 0xFFF8);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_memory_equal(csw_text(m), "00010008 0020", 13);
	ctm_free(m);
}

static void invalid_data_address(void **state)
{
	(void)state;
	struct ctm *m = setup();
	fk.len = 32;
	put_ccw(m, 0x200, 0x02, 0xFFF0, 0, 32);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C20 0010");
	assert_memory_equal(tm_mem(m->t, 0xFFF0), fk.data, 16);
	ctm_free(m);
}

static void protection(void **state)
{
	(void)state;
	struct ctm *m = setup();
	fk.len = 8;
	m->t->st.keys[0x3000 >> 11] = 0x30;        /* key 3 */
	m->t->st.keys[0x2000 >> 11] = 0x30 | SK_F; /* key 3, fetch-protected */
	put_ccw(m, 0x200, 0x02, 0x3000, 0, 8);
	put_caw(m, 2, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "20000208 0C10 0008");
	assert_int_equal(*tm_mem(m->t, 0x3000), 0);
	/* matching key stores, and sets reference and change bits */
	put_caw(m, 3, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "30000208 0C00 0000");
	assert_int_equal(m->t->st.keys[0x3000 >> 11], 0x30 | SK_R | SK_C);
	/* a fetch-protected block: a write cannot fetch, nor can a CCW be fetched */
	fk.want = 8;
	put_ccw(m, 0x200, 0x01, 0x2000, 0, 8);
	put_caw(m, 2, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "20000208 0C10 0008");
	put_ccw(m, 0x2000, 0x03, 0, 0, 1);
	put_caw(m, 2, 0x2000);
	fill_csw(m);
	assert_int_equal(io_insn(m, SIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 0010 AAAA");
	ctm_free(m);
}

static void idaws(void **state)
{
	(void)state;
	struct ctm *m = setup();
	fk.len = 3000;
	put32(tm_mem(m->t, 0x600), 0x000027F0); /* first: any address, 16 bytes to the block end */
	put32(tm_mem(m->t, 0x604), 0x00005000);
	put32(tm_mem(m->t, 0x608), 0x00006800);
	put_ccw(m, 0x200, 0x02, 0x600, CCW_IDA, 3000);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x27F0), fk.data, 16);
	assert_memory_equal(tm_mem(m->t, 0x5000), fk.data + 16, 2048);
	assert_memory_equal(tm_mem(m->t, 0x6800), fk.data + 16 + 2048, 3000 - 16 - 2048);
	assert_int_equal(*tm_mem(m->t, 0x2800), 0);
	/* a second IDAW off a block boundary, or with bits 0-7 set: program check */
	memset(tm_mem(m->t, 0x5000), 0, 0x2000);
	put32(tm_mem(m->t, 0x604), 0x00005010);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C20 0BA8");
	put32(tm_mem(m->t, 0x604), 0x01005000);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C20 0BA8");
	/* the IDAW list itself must be on a word boundary */
	put_ccw(m, 0x200, 0x02, 0x602, CCW_IDA, 3000);
	fill_csw(m);
	assert_int_equal(io_insn(m, SIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 0020 AAAA");
	ctm_free(m);
}

static void read_backward(void **state)
{
	(void)state;
	struct ctm *m = setup();
	fk.len = 4;
	put_ccw(m, 0x200, 0x0C, 0x3003, 0, 4);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	static const uint8_t want[4] = {4, 3, 2, 1};
	assert_memory_equal(tm_mem(m->t, 0x3000), want, 4);
	ctm_free(m);
}

static void later_completion_and_pci(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x13, 0, CCW_PCI, 1);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, SIO), 2); /* subchannel working */
	assert_int_equal(io_insn(m, TIO), 2);
	/* the PCI interruption comes while the operation goes on */
	m->t->c.psw.sysmask = 0x80; /* channel 0 */
	tm_run(m->t, 1);
	assert_string_equal(csw_text(m), "00000208 0080 0001");
	assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), 0x00C0);
	m->t->c.psw.sysmask = 0;
	assert_int_equal(io_insn(m, TIO), 2);
	ctm_service(m);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0001");
	/* a PCI not yet taken when the operation ends is merged */
	assert_int_equal(io_insn(m, SIO), 0);
	ctm_service(m);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C80 0001");
	assert_int_equal(io_insn(m, TIO), 0);
	ctm_free(m);
}

static void channel_end_then_device_end(void **state)
{
	(void)state;
	struct ctm *m = setup();
	put_ccw(m, 0x200, 0x23, 0, 0, 1);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0800 0001"); /* CE only */
	fill_csw(m);
	assert_int_equal(io_insn(m, SIO), 1); /* device working: busy */
	assert_string_equal(csw_text(m), "AAAAAAAA 1000 AAAA");
	fill_csw(m);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 1000 AAAA");
	ctm_service(m);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000"); /* device end */
	assert_int_equal(io_insn(m, TIO), 0);
	/* command chaining waits for the device end */
	put_ccw(m, 0x200, 0x23, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x03, 0, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 2);
	ctm_service(m);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000210 0C00 0001");
	ctm_free(m);
}

static void sio_with_status_pending(void **state)
{
	(void)state;
	struct ctm *m = setup();
	chan_unsolicited(chan_find(m->cs, 0x0C0), US_ATTN);
	put_ccw(m, 0x200, 0x03, 0, 0, 1);
	put_caw(m, 0, 0x200);
	fill_csw(m);
	assert_int_equal(io_insn(m, SIO), 1);
	assert_string_equal(csw_text(m), "AAAAAAAA 9000 AAAA"); /* busy + attention, cleared */
	assert_int_equal(io_insn(m, SIO), 0);                   /* now it starts */
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0001");
	ctm_free(m);
}

static void halt_and_clear(void **state)
{
	(void)state;
	struct ctm *m = setup();
	assert_int_equal(io_insn(m, "9E00 0123"), 3); /* no device */
	fill_csw(m);
	assert_int_equal(io_insn(m, "9E00 00C0"), 1); /* available: status portion */
	assert_string_equal(csw_text(m), "AAAAAAAA 0000 AAAA");
	put_ccw(m, 0x200, 0x33, 0, CCW_CC, 9);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, "9E00 00C0"), 1); /* working: halted */
	assert_int_equal(fk.halts, 1);
	assert_int_equal(io_insn(m, "9E00 00C0"), 0); /* now interruption pending */
	assert_int_equal(io_insn(m, TIO), 1);
	/* halted before the count ran out: incorrect length, chaining suppressed */
	assert_string_equal(csw_text(m), "00000208 0C40 0009");
	/* HDV acts alike */
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, "9E01 00C0"), 1);
	assert_int_equal(io_insn(m, TIO), 1);
	/* CLRIO: no device 3, available 0, working: CSW as it stands, then free */
	assert_int_equal(io_insn(m, "9D01 0123"), 3);
	assert_int_equal(io_insn(m, "9D01 00C0"), 0);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, "9D01 00C0"), 1);
	assert_string_equal(csw_text(m), "00000208 0000 0009");
	assert_int_equal(io_insn(m, TIO), 0);
	/* CLRIO on a pending interruption takes it */
	put_ccw(m, 0x200, 0x13, 0, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	ctm_service(m);
	assert_int_equal(io_insn(m, "9D01 00C0"), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0001");
	assert_int_equal(io_insn(m, TIO), 0);
	ctm_free(m);
}

static void tch_stidc_and_not_operational(void **state)
{
	(void)state;
	struct ctm *m = setup();
	assert_int_equal(io_insn(m, "9C00 0123"), 3);
	assert_int_equal(io_insn(m, "9D00 0123"), 3);
	assert_int_equal(io_insn(m, "9F00 0500"), 3); /* no channel 5 */
	assert_int_equal(io_insn(m, "9F00 0000"), 0);
	chan_unsolicited(chan_find(m->cs, 0x0C0), US_ATTN);
	assert_int_equal(io_insn(m, "9F00 0000"), 1); /* interruption pending in channel 0 */
	assert_int_equal(io_insn(m, "9F00 0100"), 0);
	assert_int_equal(io_insn(m, "B203 0000"), 0);
	assert_int_equal(be32(tm_mem(m->t, LOC_CHANID)), 0x10000000); /* byte multiplexer */
	assert_int_equal(io_insn(m, "B203 0100"), 0);
	assert_int_equal(be32(tm_mem(m->t, LOC_CHANID)), 0x20000000); /* block multiplexer */
	assert_int_equal(io_insn(m, "B203 0500"), 3);
	ctm_free(m);
}

/* ---- interruption presentation ---- */

static void bc_channel_masks(void **state)
{
	(void)state;
	static const struct {
		uint16_t dev;
		uint8_t sysmask;
		bool taken;
	} cases[] = {
	    {0x0C0, 0x00, false}, {0x0C0, 0x7E, false}, {0x0C0, 0x80, true}, {0x1C0, 0x80, false},
	    {0x1C0, 0x40, true},  {0x7C0, 0xFC, false}, {0x7C0, 0x02, true},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup();
		chan_unsolicited(chan_find(m->cs, cases[k].dev), US_ATTN);
		m->t->c.psw.sysmask = cases[k].sysmask;
		put16(tm_mem(m->t, TM_IA), 0x0700); /* BCR 0,0: runs when nothing is taken */
		m->t->c.psw.ia = TM_IA;
		tm_run(m->t, 1);
		bool taken = m->t->c.psw.ia == 0x100;
		if (taken != cases[k].taken)
			fail_msg("case %zu: taken %d", k, taken);
		if (taken) {
			assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), cases[k].dev);
			assert_string_equal(csw_text(m), "00000000 8000 0000");
		}
		ctm_free(m);
	}
}

static void ec_mode_cr2_and_address(void **state)
{
	(void)state;
	static const struct {
		uint16_t dev;
		uint8_t sysmask;
		uint32_t cr2;
		bool taken;
	} cases[] = {
	    {0x1C0, SM_IO, 0x80000000u, false},
	    {0x1C0, SM_IO, 0x40000000u, true},
	    {0x1C0, 0, 0xFFFFFFFFu, false},
	    {0x7C0, SM_IO, 0x01000000u, true},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup();
		chan_unsolicited(chan_find(m->cs, cases[k].dev), US_DE);
		m->t->c.psw.flags = PSW_EC;
		m->t->c.psw.sysmask = cases[k].sysmask;
		put16(tm_mem(m->t, TM_IA), 0x0700);
		m->t->c.psw.ia = TM_IA;
		m->t->c.cr[2] = cases[k].cr2;
		tm_run(m->t, 1);
		bool taken = m->t->c.psw.ia == 0x100;
		if (taken != cases[k].taken)
			fail_msg("case %zu: taken %d", k, taken);
		if (taken) {
			assert_int_equal(be16(tm_mem(m->t, LOC_IO_ADDR)), cases[k].dev);
			assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), 0); /* EC old PSW */
			assert_string_equal(csw_text(m), "00000000 0400 0000");
		}
		ctm_free(m);
	}
}

static void priority_lowest_channel_first(void **state)
{
	(void)state;
	struct ctm *m = setup();
	chan_unsolicited(chan_find(m->cs, 0x1C0), US_ATTN);
	chan_unsolicited(chan_find(m->cs, 0x7C0), US_ATTN);
	chan_unsolicited(chan_find(m->cs, 0x0C0), US_ATTN);
	static const uint16_t order[] = {0x0C0, 0x1C0, 0x7C0};
	for (int k = 0; k < 3; k++) {
		m->t->c.psw.sysmask = 0xFE;
		m->t->c.psw.flags = PSW_W;
		tm_run(m->t, 1);
		assert_int_equal(m->t->c.psw.ia, 0x100);
		assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), order[k]);
	}
	ctm_free(m);
}

static void detach_and_attach(void **state)
{
	(void)state;
	struct ctm *m = setup();
	char err[100];
	assert_int_equal(chan_attach_ops(m->cs, 0x0C0, &fk_ops, "TEST", 0, NULL, err, sizeof err), -1);
	assert_string_equal(err, "device 00C0 already exists (TEST)");
	assert_int_equal(chan_attach(m->cs, 0x0C1, "NOSUCH", 0, NULL, err, sizeof err), -1);
	assert_string_equal(err, "unknown device type NOSUCH");
	put_ccw(m, 0x200, 0x33, 0, 0, 1);
	put_caw(m, 0, 0x200);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(chan_detach(m->cs, 0x0C0, err, sizeof err), -1);
	assert_string_equal(err, "device 00C0 is busy");
	assert_int_equal(io_insn(m, "9D01 00C0"), 1);
	assert_int_equal(chan_detach(m->cs, 0x0C0, err, sizeof err), 0);
	assert_int_equal(io_insn(m, TIO), 3);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sio_program_checks),
	    cmocka_unit_test(immediate_command),
	    cmocka_unit_test(initial_status_cc1),
	    cmocka_unit_test(command_reject_and_sense),
	    cmocka_unit_test(read_and_incorrect_length),
	    cmocka_unit_test(write_lengths),
	    cmocka_unit_test(data_chaining),
	    cmocka_unit_test(command_chaining),
	    cmocka_unit_test(status_modifier_skips),
	    cmocka_unit_test(unit_check_and_exception_end_chain),
	    cmocka_unit_test(incorrect_length_stops_chaining),
	    cmocka_unit_test(tic_errors),
	    cmocka_unit_test(invalid_data_address),
	    cmocka_unit_test(protection),
	    cmocka_unit_test(idaws),
	    cmocka_unit_test(read_backward),
	    cmocka_unit_test(later_completion_and_pci),
	    cmocka_unit_test(channel_end_then_device_end),
	    cmocka_unit_test(sio_with_status_pending),
	    cmocka_unit_test(halt_and_clear),
	    cmocka_unit_test(tch_stidc_and_not_operational),
	    cmocka_unit_test(bc_channel_masks),
	    cmocka_unit_test(ec_mode_cr2_and_address),
	    cmocka_unit_test(priority_lowest_channel_first),
	    cmocka_unit_test(detach_and_attach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
