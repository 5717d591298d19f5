/* test_interrupts.c — external (interrupt key, their priority), restart and machine-check
 * interruptions: masks, old/new PSW locations and interruption codes
 * (GA22-7000 "Interruptions"). */
#include "testcpu.h"

/* New PSWs: a disabled wait whose IA names the class. */
static void set_new_psws(struct tmach *t)
{
	static const struct {
		uint32_t loc, ia;
	} n[] = {{LOC_EXT_NEW, 0xE58}, {LOC_MCK_NEW, 0xE70}, {LOC_IO_NEW, 0xE78}};
	for (size_t k = 0; k < sizeof n / sizeof n[0]; k++) {
		put32(tm_mem(t, n[k].loc), 0x00020000);
		put32(tm_mem(t, n[k].loc + 4), n[k].ia);
	}
	/* The interval timer at X'50' counts down from 0 here and would soon
	 * present its own (higher-priority) external interruption: mask it. */
	t->c.cr[0] &= ~(uint32_t)CR0_ITIMER_MASK;
	put16(tm_mem(t, TM_IA), 0x0700);     /* BCR 0,0: a no-op to run */
	put16(tm_mem(t, TM_IA + 2), 0x0700);
}

static void load_psw(struct tmach *t, uint32_t w0, uint32_t w1)
{
	uint8_t p[8];
	put32(p, w0);
	put32(p + 4, w1);
	assert_true(cpu_psw_load(&t->c, p));
}

static void interrupt_key_bc_and_ec(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	set_new_psws(t);
	/* BC mode, external mask on: code X'0040' in the old PSW at X'18'. */
	load_psw(t, 0x01000000, TM_IA);
	t->c.ext_pending |= EXTP_INTKEY;
	tm_run(t, 5);
	assert_int_equal(t->c.psw.ia, 0xE58);
	assert_int_equal(be16(tm_mem(t, LOC_EXT_OLD + 2)), EXT_INTERRUPT_KEY);
	assert_int_equal(be32(tm_mem(t, LOC_EXT_OLD + 4)) & AMASK, TM_IA);
	assert_false(t->c.ext_pending & EXTP_INTKEY); /* an event: gone once taken */
	/* EC mode: the code goes to X'86'. */
	load_psw(t, 0x01080000, TM_IA);
	t->c.ext_pending |= EXTP_INTKEY;
	tm_run(t, 5);
	assert_int_equal(t->c.psw.ia, 0xE58);
	assert_int_equal(be16(tm_mem(t, LOC_EXT_CODE)), EXT_INTERRUPT_KEY);
	tm_free(t);
}

static void interrupt_key_masked(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	set_new_psws(t);
	/* CR0 bit 25 off: the key stays pending, the program runs on. */
	t->c.cr[0] &= ~(uint32_t)CR0_INTKEY_MASK;
	load_psw(t, 0x01000000, TM_IA);
	t->c.ext_pending |= EXTP_INTKEY;
	tm_run(t, 1);
	assert_int_equal(t->c.psw.ia, TM_IA + 2);
	assert_true(t->c.ext_pending & EXTP_INTKEY);
	/* PSW external mask off: likewise. */
	t->c.cr[0] |= CR0_INTKEY_MASK;
	load_psw(t, 0x00000000, TM_IA);
	tm_run(t, 1);
	assert_int_equal(t->c.psw.ia, TM_IA + 2);
	tm_free(t);
}

/* GA22-7000-4, "External Interruption": the interval timer and the
 * interrupt key come before the clock comparator, together in one code;
 * then the clock comparator (which stays pending while the TOD clock is
 * past it). */
static void interval_timer_and_key_first_together(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	set_new_psws(t);
	t->c.cr[0] |= CR0_ITIMER_MASK | CR0_INTKEY_MASK | CR0_CC_MASK;
	t->c.clkcmp = 0; /* the TOD clock is past it: pending */
	load_psw(t, 0x01000000, TM_IA);
	t->c.ext_pending |= EXTP_INTKEY | EXTP_ITIMER;
	tm_run(t, 5);
	assert_int_equal(t->c.psw.ia, 0xE58);
	assert_int_equal(be16(tm_mem(t, LOC_EXT_OLD + 2)), EXT_INTERVAL_TIMER | EXT_INTERRUPT_KEY);
	assert_false(t->c.ext_pending & (EXTP_INTKEY | EXTP_ITIMER));
	/* next, enabled again: the clock comparator */
	t->c.cr[0] &= ~(uint32_t)CR0_ITIMER_MASK; /* (location 80 counts on) */
	load_psw(t, 0x01000000, TM_IA);
	tm_run(t, 5);
	assert_int_equal(t->c.psw.ia, 0xE58);
	assert_int_equal(be16(tm_mem(t, LOC_EXT_OLD + 2)), EXT_CLOCK_COMPARATOR);
	tm_free(t);
}

static void restart_swaps_at_8_and_0(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	put32(tm_mem(t, 0), 0x00020000);
	put32(tm_mem(t, 4), 0x00000ABC);
	load_psw(t, 0x00000000, 0x123456);
	cpu_interrupt_restart(&t->c);
	assert_int_equal(t->c.psw.ia, 0xABC);
	assert_int_equal(be32(tm_mem(t, LOC_RESTART_OLD + 4)) & AMASK, 0x123456);
	tm_free(t);
}

static void machine_check_waits_for_mask(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	set_new_psws(t);
	load_psw(t, 0x00000000, TM_IA); /* M bit off */
	cpu_machine_check(&t->c, 0x0000040000000000ull);
	tm_run(t, 1);
	assert_int_equal(t->c.psw.ia, TM_IA + 2); /* not taken */
	load_psw(t, 0x00040000, TM_IA);           /* M bit on */
	tm_run(t, 1);
	assert_int_equal(t->c.psw.ia, 0xE70);
	assert_int_equal(be32(tm_mem(t, LOC_MCK_OLD + 4)) & AMASK, TM_IA);
	assert_true(be64(tm_mem(t, LOC_MCK_CODE)) == 0x0000040000000000ull);
	assert_true(t->c.mck_pending == 0);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(interrupt_key_bc_and_ec),
	    cmocka_unit_test(interrupt_key_masked),
	    cmocka_unit_test(interval_timer_and_key_first_together),
	    cmocka_unit_test(restart_swaps_at_8_and_0),
	    cmocka_unit_test(machine_check_waits_for_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
