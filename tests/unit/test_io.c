/* test_io.c — the CPU side of the I/O instructions (insn_io.c): decoding of
 * the device and channel address, the SIOF/CLRIO/HDV variant bit, the
 * condition code from the channel subsystem, and CC 3 when none is attached. */
#include "channel_hook.h"
#include "testcpu.h"

/* Strong references pull the handlers out of the static core library (the
 * opcode table's references are weak); see test_control.c. */
op_fn op_sio, op_tio, op_hio, op_tch, op_stidc;
static op_fn *const handlers[] = {op_sio, op_tio, op_hio, op_tch, op_stidc};

static void handlers_present(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof handlers / sizeof handlers[0]; k++)
		assert_non_null(handlers[k]);
}

/* A recording channel subsystem: notes the call, stores a CSW as a real one
 * would, and answers with a chosen condition code. */
enum call { NONE, START, TEST, HALT, CLEAR, TCH, STIDC };
struct fake {
	enum call call;
	unsigned addr; /* device or channel address passed */
	bool flag;     /* is_siof / is_hdv */
	int cc;        /* condition code to answer */
};

static struct fake *fake_of(struct cpu *c)
{
	return c->chan_ctx;
}
static int record(struct cpu *c, enum call call, unsigned addr, bool flag)
{
	struct fake *f = fake_of(c);
	f->call = call;
	f->addr = addr;
	f->flag = flag;
	if (f->cc == 1)
		real_store32(c, LOC_CSW + 4, 0x0C000000); /* CE+DE */
	return f->cc;
}
static int f_start(struct cpu *c, uint16_t d, bool siof)
{
	return record(c, START, d, siof);
}
static int f_test(struct cpu *c, uint16_t d)
{
	return record(c, TEST, d, false);
}
static int f_halt(struct cpu *c, uint16_t d, bool hdv)
{
	return record(c, HALT, d, hdv);
}
static int f_clear(struct cpu *c, uint16_t d)
{
	return record(c, CLEAR, d, false);
}
static int f_tch(struct cpu *c, uint8_t ch)
{
	return record(c, TCH, ch, false);
}
static int f_stidc(struct cpu *c, uint8_t ch)
{
	return record(c, STIDC, ch, false);
}

static const struct chan_ops fake_ops = {
    .start = f_start,
    .test = f_test,
    .halt = f_halt,
    .clear = f_clear,
    .test_channel = f_tch,
    .store_channel_id = f_stidc,
};

static const struct {
	const char *name, *hex;
	enum call call;
	unsigned addr;
	bool flag;
} io_cases[] = {
    {"SIO", "9C00 0191", START, 0x0191, false},
    {"SIOF", "9C01 0191", START, 0x0191, true},
    {"SIO base", "9C00 5001", START, 0x0E81, false}, /* R5 = 00FF0E80: bits 16-31 */
    {"SIOF bits 8-14 ignored", "9CFF 0191", START, 0x0191, true},
    {"TIO", "9D00 000C", TEST, 0x000C, false},
    {"CLRIO", "9D01 000C", CLEAR, 0x000C, false},
    {"HIO", "9E00 0580", HALT, 0x0580, false},
    {"HDV", "9E01 0580", HALT, 0x0580, true},
    {"TCH", "9F00 0E00", TCH, 0x0E, false},
    {"TCH base", "9F00 5000", TCH, 0x0E, false},
    {"STIDC", "B203 0300", STIDC, 0x03, false},
};

static void io_without_channels_is_cc3(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof io_cases / sizeof io_cases[0]; k++) {
		struct tmach *t = tm_new();
		t->c.gpr[5] = 0x00FF0E80;
		t->c.psw.cc = 0;
		assert_int_equal(tm_exec_hex(t, io_cases[k].hex), 0);
		if (t->c.psw.cc != 3)
			fail_msg("%s: cc %d without channels", io_cases[k].name, t->c.psw.cc);
		assert_int_equal(be32(tm_mem(t, LOC_CSW + 4)), 0); /* nothing stored */
		tm_free(t);
	}
}

/* maxrates counts SIO and SIOF, and only those. */
static void sio_counted(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	assert_int_equal(tm_exec_hex(t, "9C00 0009"), 0); /* SIO */
	assert_int_equal(tm_exec_hex(t, "9C01 0009"), 0); /* SIOF */
	assert_int_equal(tm_exec_hex(t, "9D00 0009"), 0); /* TIO: not counted */
	assert_true(t->c.sio_count == 2);
	tm_free(t);
}

static void io_calls_channel_subsystem(void **state)
{
	(void)state;
	for (int cc = 0; cc < 4; cc++) {
		for (size_t k = 0; k < sizeof io_cases / sizeof io_cases[0]; k++) {
			struct tmach *t = tm_new();
			struct fake f = {.cc = cc};
			t->c.chan = &fake_ops;
			t->c.chan_ctx = &f;
			t->c.gpr[5] = 0x00FF0E80;
			t->c.psw.cc = (uint8_t)(3 - cc);
			assert_int_equal(tm_exec_hex(t, io_cases[k].hex), 0);
			if (f.call != io_cases[k].call || f.addr != io_cases[k].addr ||
			    f.flag != io_cases[k].flag || t->c.psw.cc != cc)
				fail_msg("%s: call %d addr %X flag %d cc %d", io_cases[k].name, f.call,
				         f.addr, f.flag, t->c.psw.cc);
			assert_int_equal(be32(tm_mem(t, LOC_CSW + 4)), cc == 1 ? 0x0C000000 : 0);
			tm_free(t);
		}
	}
}

/* An operation the channel subsystem leaves out counts as not operational. */
static void missing_operation_is_cc3(void **state)
{
	(void)state;
	static const struct chan_ops only_tio = {.test = f_test};
	struct tmach *t = tm_new();
	struct fake f = {.cc = 0};
	t->c.chan = &only_tio;
	t->c.chan_ctx = &f;
	assert_int_equal(tm_exec_hex(t, "9D00 000C"), 0);
	assert_int_equal(t->c.psw.cc, 0);
	assert_int_equal(f.call, TEST);
	static const char *const others[] = {"9C00 000C", "9D01 000C", "9E00 000C", "9F00 0000", "B203 0000"};
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
		f.call = NONE;
		t->c.psw.cc = 0;
		assert_int_equal(tm_exec_hex(t, others[k]), 0);
		assert_int_equal(t->c.psw.cc, 3);
		assert_int_equal(f.call, NONE);
	}
	tm_free(t);
}

static void io_privileged(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof io_cases / sizeof io_cases[0]; k++) {
		struct tmach *t = tm_new();
		struct fake f = {.cc = 0};
		t->c.chan = &fake_ops;
		t->c.chan_ctx = &f;
		t->c.psw.flags |= PSW_P;
		int code = tm_exec_hex(t, io_cases[k].hex);
		if (code != PGM_PRIVILEGED || f.call != NONE)
			fail_msg("%s: code %#x in problem state", io_cases[k].name, code);
		tm_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(handlers_present),
	    cmocka_unit_test(io_without_channels_is_cc3),
	    cmocka_unit_test(sio_counted),
	    cmocka_unit_test(io_calls_channel_subsystem),
	    cmocka_unit_test(missing_operation_is_cc3),
	    cmocka_unit_test(io_privileged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
