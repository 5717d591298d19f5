/* test_branch.c — branches, EXECUTE and SVC (s370/insn_branch.c).
 * The instruction is at X'1000'; branch targets are X'C00'. */
#include "insnvec.h"

#define TARGET 0xC00u
#define EX_TARGET 0xA00u

/* clang-format off */
static const struct bvec cond_vectors[] = {
    /* BCR M1,4 */
    {"07F4", {0, 0, TARGET}, 0, .ia = TARGET},
    {"07F4", {0, 0, 0xFF000000 | TARGET}, 3, .ia = TARGET},
    {"0784", {0, 0, TARGET}, 0, .ia = TARGET},
    {"0784", {0, 0, TARGET}, 1, .ia = 0x1002},
    {"0744", {0, 0, TARGET}, 1, .ia = TARGET},
    {"0724", {0, 0, TARGET}, 2, .ia = TARGET},
    {"0714", {0, 0, TARGET}, 3, .ia = TARGET},
    {"0714", {0, 0, TARGET}, 2, .ia = 0x1002},
    {"0704", {0, 0, TARGET}, 0, .ia = 0x1002},
    {"07F0", {0}, 0, .ia = 0x1002}, /* R2 = 0: no branch (serialization) */
    {"07E0", {0}, 0, .ia = 0x1002},
    /* BC M1,X'C00' */
    {"4780 0C00", {0}, 0, .ia = TARGET},
    {"4780 0C00", {0}, 2, .ia = 0x1004},
    {"4740 0C00", {0}, 1, .ia = TARGET},
    {"4720 0C00", {0}, 2, .ia = TARGET},
    {"4710 0C00", {0}, 3, .ia = TARGET},
    {"4770 0C00", {0}, 0, .ia = 0x1004},
    {"4700 0C00", {0}, 0, .ia = 0x1004},
    {"47F4 0010", {0, 0, 0x00FFFFF8}, 0, .ia = 0x000008}, /* 24-bit wrap */
};
/* clang-format on */

/* clang-format off */
static const struct bvec count_vectors[] = {
    /* BCTR 2,4 and BCTR 2,0 */
    {"0624", {2, 0, TARGET}, 0, .ia = TARGET, .x2 = 1},
    {"0624", {1, 0, TARGET}, 0, .ia = 0x1002, .x2 = 0},
    {"0624", {0, 0, TARGET}, 0, .ia = TARGET, .x2 = 0xFFFFFFFF},
    {"0620", {5}, 0, .ia = 0x1002, .x2 = 4},
    {"0622", {TARGET}, 0, .ia = TARGET, .x2 = TARGET - 1}, /* address taken before */
    /* BCT 2,X'C00' */
    {"4620 0C00", {2}, 1, .ia = TARGET, .x2 = 1},
    {"4620 0C00", {1}, 1, .ia = 0x1004, .x2 = 0},
    /* BXH 2,4,X'C00': increment GPR 4, comparand GPR 5 */
    {"8624 0C00", {10, 0, 1, 10}, 0, .ia = TARGET, .x2 = 11},
    {"8624 0C00", {9, 0, 1, 10}, 0, .ia = 0x1004, .x2 = 10},
    {"8624 0C00", {5, 0, 0xFFFFFFFF, 0}, 0, .ia = TARGET, .x2 = 4},
    {"8625 0C00", {1, 0, 0, 1}, 0, .ia = TARGET, .x2 = 2}, /* odd R3: own comparand */
    /* BXLE 2,4,X'C00' */
    {"8724 0C00", {9, 0, 1, 10}, 0, .ia = TARGET, .x2 = 10},
    {"8724 0C00", {10, 0, 1, 10}, 0, .ia = 0x1004, .x2 = 11},
    {"8724 0C00", {0x7FFFFFFF, 0, 1, 0}, 0, .ia = TARGET, .x2 = 0x80000000}, /* wraps */
    /* R1 = R3 = 2: increment GPR 2 (old value), comparand GPR 3 */
    {"8722 0C00", {3, 5}, 0, .ia = 0x1004, .x2 = 6, .x3 = 5},
    {"8722 0C00", {3, 6}, 0, .ia = TARGET, .x2 = 6, .x3 = 6},
    /* R1 = 3 is the comparand itself: its old value is compared */
    {"8632 0C00", {1, 7}, 0, .ia = TARGET, .x2 = 1, .x3 = 8},
};
/* clang-format on */

/* clang-format off */
static const struct bvec link_vectors[] = {
    /* BALR 2,4: ILC 1, CC, program mask, address past the BALR */
    {"0524", {0, 0, TARGET}, 2, 0, .ia = TARGET, .x2 = 0x60001002},
    {"0524", {0, 0, TARGET}, 1, 0xA, .ia = TARGET, .x2 = 0x5A001002},
    {"0520", {0}, 3, 0xF, .ia = 0x1002, .x2 = 0x7F001002},
    {"0522", {TARGET}, 0, 0, .ia = TARGET, .x2 = 0x40001002},
    /* BAL 2,X'C00': ILC 2 */
    {"4520 0C00", {0}, 1, 0x3, .ia = TARGET, .x2 = 0x93001004},
    /* BASR, BAS: 24-bit address, high byte zero */
    {"0D24", {0, 0, TARGET}, 3, 0xF, .ia = TARGET, .x2 = 0x1002},
    {"0D20", {0xFFFFFFFF}, 3, 0, .ia = 0x1002, .x2 = 0x1002},
    {"4D20 0C00", {0}, 2, 0xF, .ia = TARGET, .x2 = 0x1004},
};
/* clang-format on */

static void branch_on_condition(void **state)
{
	(void)state;
	BVEC_RUN(cond_vectors);
}
static void branch_on_count_and_index(void **state)
{
	(void)state;
	BVEC_RUN(count_vectors);
}
static void branch_and_link(void **state)
{
	(void)state;
	BVEC_RUN(link_vectors);
}

/* BAL in an EC-mode PSW stores the same S/370 link information. */
static void bal_link_ec_mode(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.psw.flags |= PSW_EC;
	t->c.psw.cc = 3;
	t->c.psw.pmask = 0x8;
	assert_int_equal(tm_exec_hex(t, "45E0 0C00"), 0);
	assert_int_equal(t->c.gpr[14], 0xB8001004);
	assert_int_equal(t->c.psw.ia, TARGET);
	tm_free(t);
}

static struct tmach *ex_machine(const char *target_hex)
{
	struct tmach *t = tm_new();
	unsigned n = 0;
	for (const char *p = target_hex; *p;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		unsigned v;
		sscanf(p, "%2x", &v);
		*tm_mem(t, EX_TARGET + n++) = (uint8_t)v;
		p += 2;
	}
	return t;
}

/* EX of MVI: R1 bits 24-31 are ORed into the immediate; storage copy of the
 * target is not changed; R1 = 0 executes the target as it is. */
static void execute_mvi(void **state)
{
	(void)state;
	struct tmach *t = ex_machine("9200 0800");
	t->c.gpr[2] = 0x12345677;
	assert_int_equal(tm_exec_hex(t, "4420 0A00"), 0);
	assert_int_equal(*tm_mem(t, VEC_MEM), 0x77);
	assert_int_equal(*tm_mem(t, EX_TARGET + 1), 0x00);
	assert_int_equal(t->c.psw.ia, 0x1004);
	*tm_mem(t, EX_TARGET + 1) = 0xAB;
	assert_int_equal(tm_exec_hex(t, "4400 0A00"), 0);
	assert_int_equal(*tm_mem(t, VEC_MEM), 0xAB);
	assert_false(t->c.in_execute);
	tm_free(t);
}

/* EX of EX: execute exception; odd target: specification; both with the
 * old PSW past the EX and its ILC. */
static void execute_exceptions(void **state)
{
	(void)state;
	struct tmach *t = ex_machine("4400 0A00");
	assert_int_equal(tm_exec_hex(t, "4400 0A00"), PGM_EXECUTE);
	const uint8_t *old = tm_mem(t, LOC_PGM_OLD);
	assert_int_equal(be32(old + 4) & AMASK, 0x1004);
	assert_int_equal(old[4] >> 6, 2);
	assert_int_equal(tm_exec_hex(t, "4400 0A01"), PGM_SPECIFICATION);
	assert_int_equal(be32(old + 4) & AMASK, 0x1004);
	t->c.gpr[5] = 0x100000; /* target outside storage */
	assert_int_equal(tm_exec_hex(t, "4400 5000"), PGM_ADDRESSING);
	tm_free(t);
	/* An exception in the target: ILC and address are EXECUTE's. */
	t = ex_machine("1D34");
	assert_int_equal(tm_exec_hex(t, "4400 0A00"), PGM_SPECIFICATION);
	old = tm_mem(t, LOC_PGM_OLD);
	assert_int_equal(be32(old + 4) & AMASK, 0x1004);
	assert_int_equal(old[4] >> 6, 2);
	assert_false(t->c.in_execute);
	tm_free(t);
	/* A target that is an operation exception. */
	t = ex_machine("0000");
	assert_int_equal(tm_exec_hex(t, "4400 0A00"), PGM_OPERATION);
	tm_free(t);
}

/* EX of branches: BALR links with the ILC and address of the EX; a relative
 * branch is relative to the target's own address. */
static void execute_branches(void **state)
{
	(void)state;
	struct tmach *t = ex_machine("0524");
	t->c.gpr[4] = TARGET;
	t->c.psw.cc = 1;
	assert_int_equal(tm_exec_hex(t, "4400 0A00"), 0);
	assert_int_equal(t->c.gpr[2], 0x90001004);
	assert_int_equal(t->c.psw.ia, TARGET);
	tm_free(t);
	t = ex_machine("A7F4 0010"); /* BRC 15,*+32 */
	assert_int_equal(tm_exec_hex(t, "4400 0A00"), 0);
	assert_int_equal(t->c.psw.ia, EX_TARGET + 0x20);
	tm_free(t);
	t = ex_machine("C020 0000 0008"); /* LARL 2,*+16: six-byte target */
	assert_int_equal(tm_exec_hex(t, "4400 0A00"), 0);
	assert_int_equal(t->c.gpr[2], EX_TARGET + 0x10);
	assert_int_equal(t->c.psw.ia, 0x1004);
	tm_free(t);
}

/* SVC: the I field is the code; under EX the modified field and EX's ILC. */
static void supervisor_call(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	assert_int_equal(tm_exec_hex(t, "0A15"), 0);
	const uint8_t *old = tm_mem(t, LOC_SVC_OLD);
	assert_int_equal(be16(old + 2), 0x15);
	assert_int_equal(old[4] >> 6, 1);
	assert_int_equal(be32(old + 4) & AMASK, 0x1002);
	tm_free(t);
	t = ex_machine("0A00");
	t->c.gpr[2] = 0x42;
	assert_int_equal(tm_exec_hex(t, "4420 0A00"), 0);
	old = tm_mem(t, LOC_SVC_OLD);
	assert_int_equal(be16(old + 2), 0x42);
	assert_int_equal(old[4] >> 6, 2);
	assert_int_equal(be32(old + 4) & AMASK, 0x1004);
	assert_false(t->c.in_execute);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(branch_on_condition), cmocka_unit_test(branch_on_count_and_index),
	    cmocka_unit_test(branch_and_link),     cmocka_unit_test(bal_link_ec_mode),
	    cmocka_unit_test(execute_mvi),         cmocka_unit_test(execute_exceptions),
	    cmocka_unit_test(execute_branches),    cmocka_unit_test(supervisor_call),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
