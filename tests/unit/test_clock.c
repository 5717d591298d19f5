/* test_clock.c — TOD clock, clock comparator and CPU timer instructions
 * (insn_clock.c) and the external interruptions they lead to. */
#include <stdio.h>
#include <time.h>

#include "testcpu.h"

/* Strong references pull the handlers out of the static core library (the
 * opcode table's references are weak); see test_control.c. */
op_fn op_sck, op_stck, op_sckc, op_stckc, op_spt, op_stpt;
static op_fn *const handlers[] = {op_sck, op_stck, op_sckc, op_stckc, op_spt, op_stpt};

static void handlers_present(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof handlers / sizeof handlers[0]; k++)
		assert_non_null(handlers[k]);
}

#define TOD_SECOND (1000000ull << 12) /* bit 51 counts microseconds */

static const struct {
	const char *name, *hex;
} privileged[] = {
    {"SCK", "B204 0100"}, {"SCKC", "B206 0100"}, {"STCKC", "B207 0100"},
    {"SPT", "B208 0100"}, {"STPT", "B209 0100"},
};

static void privileged_in_problem_state(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof privileged / sizeof privileged[0]; k++) {
		struct tmach *t = tm_new();
		t->c.psw.flags |= PSW_P;
		int code = tm_exec_hex(t, privileged[k].hex);
		if (code != PGM_PRIVILEGED)
			fail_msg("%s: code %#x, want privileged-operation", privileged[k].name, code);
		tm_free(t);
	}
}

static const struct {
	const char *name, *hex;
} misaligned[] = {
    {"SCK", "B204 0104"}, {"SCKC", "B206 0101"}, {"STCKC", "B207 0102"},
    {"SPT", "B208 0106"}, {"STPT", "B209 0107"},
};

static void doubleword_alignment(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof misaligned / sizeof misaligned[0]; k++) {
		struct tmach *t = tm_new();
		int code = tm_exec_hex(t, misaligned[k].hex);
		if (code != PGM_SPECIFICATION)
			fail_msg("%s: code %#x, want specification", misaligned[k].name, code);
		tm_free(t);
	}
}

/* STCK: problem state allowed, no alignment requirement, CC 0, the host's
 * time of day, strictly increasing. */
static void stck_monotonic(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.psw.flags |= PSW_P;
	t->c.psw.cc = 3;
	uint64_t prev = 0;
	for (uint32_t k = 0; k < 8; k++) {
		uint32_t a = 0x101 + 8 * k; /* unaligned on purpose */
		char hex[16];
		snprintf(hex, sizeof hex, "B205 0%03X", a);
		assert_int_equal(tm_exec_hex(t, hex), 0);
		assert_int_equal(t->c.psw.cc, 0);
		uint64_t v = be64(tm_mem(t, a));
		assert_true(v > prev);
		prev = v;
	}
	/* 1900 epoch: host microseconds since 1970 plus 70 years (and 17 leap days) */
	uint64_t host = (timer_host_us() + 2208988800ull * 1000000u) << 12;
	assert_true(prev <= host + TOD_SECOND && prev + TOD_SECOND >= host);
	tm_free(t);
}

static void sck_sets_clock(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	/* A time later than the host's (about 2042): timer_tod() keeps its
	 * uniqueness guard per host thread and SCK does not reset it, so after a
	 * backward SCK, STCK would go on returning values past the old time. */
	const uint64_t v = 0xF800000000000000ull;
	put64(tm_mem(t, 0x100), v);
	t->c.psw.cc = 3;
	assert_int_equal(tm_exec_hex(t, "B204 0100"), 0);
	assert_int_equal(t->c.psw.cc, 0);
	assert_int_equal(tm_exec_hex(t, "B205 0108"), 0);
	uint64_t now = be64(tm_mem(t, 0x108));
	assert_true(now >= v && now < v + TOD_SECOND);
	tm_free(t);
}

static void sckc_stckc_round_trip(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	put64(tm_mem(t, 0x100), 0x0123456789ABCDEFull);
	assert_int_equal(tm_exec_hex(t, "B206 0100"), 0);
	assert_true(t->c.clkcmp == 0x0123456789ABCDEFull);
	assert_int_equal(tm_exec_hex(t, "B207 0108"), 0);
	assert_true(be64(tm_mem(t, 0x108)) == 0x0123456789ABCDEFull);
	tm_free(t);
}

/* SPT/STPT: the CPU timer counts down from the value set. */
static void spt_stpt_decreasing(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	put64(tm_mem(t, 0x100), 10 * TOD_SECOND);
	assert_int_equal(tm_exec_hex(t, "B208 0100"), 0);
	assert_int_equal(tm_exec_hex(t, "B209 0108"), 0);
	struct timespec ts = {0, 2000000}; /* 2 ms */
	nanosleep(&ts, NULL);
	assert_int_equal(tm_exec_hex(t, "B209 0110"), 0);
	int64_t a = (int64_t)be64(tm_mem(t, 0x108)), b = (int64_t)be64(tm_mem(t, 0x110));
	assert_true(a <= (int64_t)(10 * TOD_SECOND) && a > (int64_t)(9 * TOD_SECOND));
	assert_true(b < a);
	assert_true(a - b >= (int64_t)(2000ull << 12)); /* at least the 2 ms slept */
	tm_free(t);
}

/* ---- external interruptions ------------------------------------------------ */

static const uint8_t ext_new_wait[8] = {0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xEE, 0xEE};

/* A program that sets the clock comparator into the past and goes on storing
 * the clock: the interruption must come right after SCKC. */
static struct tmach *clkcmp_machine(bool ec)
{
	struct tmach *t = tm_new();
	memcpy(tm_mem(t, LOC_EXT_NEW), ext_new_wait, 8);
	t->c.cr[0] = CR0_CC_MASK; /* only the clock-comparator subclass */
	t->c.clkcmp = UINT64_MAX; /* nothing pending before SCKC */
	t->c.psw.sysmask = SM_EXT;
	if (ec) {
		t->c.psw.flags |= PSW_EC;
		cpu_update_ctx(&t->c);
	}
	put64(tm_mem(t, 0x100), 1);                             /* long past */
	static const uint8_t prog[] = {0xB2, 0x06, 0x01, 0x00,  /* SCKC 0x100 */
	                               0xB2, 0x05, 0x01, 0x08,  /* STCK 0x108 */
	                               0xB2, 0x05, 0x01, 0x10}; /* STCK 0x110 */
	memcpy(tm_mem(t, TM_IA), prog, sizeof prog);
	t->c.psw.ia = TM_IA;
	return t;
}

static void clock_comparator_interrupt_bc(void **state)
{
	(void)state;
	struct tmach *t = clkcmp_machine(false);
	assert_int_equal(tm_run(t, 3), 0);
	uint8_t *old = tm_mem(t, LOC_EXT_OLD);
	assert_int_equal(be16(old + 2), EXT_CLOCK_COMPARATOR); /* BC: code in the old PSW */
	assert_int_equal(be32(old + 4) & AMASK, TM_IA + 4);
	assert_int_equal(t->c.psw.ia, 0xEEEE);
	assert_true(be64(tm_mem(t, 0x108)) == 0); /* STCK never ran */
	assert_true(t->c.ext_count == 1);
	tm_free(t);
}

static void clock_comparator_interrupt_ec(void **state)
{
	(void)state;
	struct tmach *t = clkcmp_machine(true);
	assert_int_equal(tm_run(t, 3), 0);
	assert_int_equal(be16(tm_mem(t, LOC_EXT_CODE)), EXT_CLOCK_COMPARATOR);
	assert_int_equal(be32(tm_mem(t, LOC_EXT_OLD + 4)) & AMASK, TM_IA + 4);
	assert_int_equal(t->c.psw.ia, 0xEEEE);
	tm_free(t);
}

/* Masked in CR0 or in the PSW, the same program runs to its end. */
static void clock_comparator_masked(void **state)
{
	(void)state;
	for (int k = 0; k < 2; k++) {
		struct tmach *t = clkcmp_machine(false);
		if (k)
			t->c.cr[0] = 0;
		else
			t->c.psw.sysmask = 0;
		assert_int_equal(tm_run(t, 3), 0);
		assert_true(t->c.ext_count == 0);
		assert_int_equal(t->c.psw.ia, TM_IA + 12);
		assert_true(be64(tm_mem(t, 0x110)) > be64(tm_mem(t, 0x108)));
		tm_free(t);
	}
}

/* SPT with a negative value: CPU-timer interruption, code X'1005'. */
static void cpu_timer_interrupt(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	memcpy(tm_mem(t, LOC_EXT_NEW), ext_new_wait, 8);
	t->c.cr[0] = CR0_CPT_MASK;
	t->c.psw.sysmask = SM_EXT;
	put64(tm_mem(t, 0x100), 0xFFFFFFFFFFFFF000ull);
	t->c.clkcmp = UINT64_MAX;
	timer_set_cputimer(&t->c, (int64_t)(100 * TOD_SECOND));
	static const uint8_t prog[] = {0xB2, 0x08, 0x01, 0x00,  /* SPT 0x100 */
	                               0xB2, 0x09, 0x01, 0x08}; /* STPT 0x108 */
	memcpy(tm_mem(t, TM_IA), prog, sizeof prog);
	assert_int_equal(tm_run(t, 2), 0);
	assert_int_equal(be16(tm_mem(t, LOC_EXT_OLD + 2)), EXT_CPU_TIMER);
	assert_int_equal(be32(tm_mem(t, LOC_EXT_OLD + 4)) & AMASK, TM_IA + 4);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(handlers_present),
	    cmocka_unit_test(privileged_in_problem_state),
	    cmocka_unit_test(doubleword_alignment),
	    cmocka_unit_test(stck_monotonic),
	    cmocka_unit_test(sck_sets_clock),
	    cmocka_unit_test(sckc_stckc_round_trip),
	    cmocka_unit_test(spt_stpt_decreasing),
	    cmocka_unit_test(clock_comparator_interrupt_bc),
	    cmocka_unit_test(clock_comparator_interrupt_ec),
	    cmocka_unit_test(clock_comparator_masked),
	    cmocka_unit_test(cpu_timer_interrupt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
