/* test_float.c — floating-point instructions with short and long operands
 * (s370/insn_float.c, s370/hfp.c).  GA22-7000, "Floating-Point Instructions".
 *
 * A vector presets FPR 0, 2, 4, 6, the doubleword at FV_MEM and the program
 * mask, runs one instruction, and checks all four FPRs, that doubleword, the
 * condition code and the program-interruption code.  Register operands are
 * R1 = 0 and R2 = 2; RX operands address FV_MEM with base and index 0.
 * Expected values were worked out by hand from the manual's rules; the
 * comment on a row gives the reasoning where it is not obvious.
 */
#include "insnvec.h"

#include "hfp.h"

#define FV_MEM 0x800u

/* Short operand w in the left half of a register whose right half is l. */
#define SL(w, l) ((uint64_t)(w) << 32 | (uint32_t)(l))
#define LOW1 0x5555AAAAu /* right half of FPR 0: short results must keep it */
#define LOW2 0x12345678u /* right half of FPR 2: short operands must ignore it */

struct fvec {
	const char *hex; /* the instruction */
	uint64_t f[4];   /* FPR 0, 2, 4, 6 before */
	uint64_t mem;    /* doubleword at FV_MEM before */
	uint8_t pmask;   /* program mask */
	uint64_t x[4];   /* FPR 0, 2, 4, 6 after */
	int cc;          /* condition code after, or CC_KEEP */
	int pgm;         /* program-interruption code, 0 for none */
	bool chkmem;     /* the doubleword at FV_MEM must become memx (else stay) */
	uint64_t memx;
};

/* Short RR: FPR 0 = a (right half LOW1), FPR 2 = b; FPR 0 becomes r. */
#define SRR(op, a, b, r, ...)                                                                      \
	{op, {SL(a, LOW1), SL(b, LOW2)}, .x = {SL(r, LOW1), SL(b, LOW2)}, __VA_ARGS__}
/* Short RX: operand 2 is the left word of the doubleword at FV_MEM. */
#define SRX(op, a, b, r, ...)                                                                      \
	{op, {SL(a, LOW1)}, .mem = SL(b, 0x9ABCDEF0u), .x = {SL(r, LOW1)}, __VA_ARGS__}
/* Long RR and RX. */
#define LRR(op, a, b, r, ...) {op, {a, b}, .x = {r, b}, __VA_ARGS__}
#define LRX(op, a, b, r, ...) {op, {a}, .mem = b, .x = {r}, __VA_ARGS__}

static void fvec_run(const struct fvec *v, size_t n)
{
	for (size_t k = 0; k < n; k++, v++) {
		struct tmach *t = tm_new();
		memcpy(t->c.fpr, v->f, sizeof v->f);
		put64(tm_mem(t, FV_MEM), v->mem);
		t->c.psw.pmask = v->pmask;
		int want_cc = v->cc == CC_KEEP ? 3 : v->cc;
		t->c.psw.cc = (uint8_t)(v->cc == CC_KEEP ? 3 : (v->cc + 1) & 3);
		int pgm = tm_exec_hex(t, v->hex);
		int cc = vec_cc(t, pgm);
		uint64_t mem = be64(tm_mem(t, FV_MEM));
		bool ok = pgm == v->pgm && cc == want_cc && mem == (v->chkmem ? v->memx : v->mem) &&
			  memcmp(t->c.fpr, v->x, sizeof v->x) == 0;
		if (pgm) { /* every exception here completes or suppresses */
			const uint8_t *old = tm_mem(t, LOC_PGM_OLD);
			int len = vec_len(v->hex);
			ok = ok && (be32(old + 4) & AMASK) == TM_IA + (uint32_t)len &&
			     old[4] >> 6 == len / 2;
		}
		if (!ok) {
			print_error("vector %zu (%s): pgm %d want %d, cc %d want %d, mem %016llX\n", k,
				    v->hex, pgm, v->pgm, cc, want_cc, (unsigned long long)mem);
			for (int r = 0; r < 4; r++)
				print_error("  FPR%d %016llX want %016llX\n", 2 * r,
					    (unsigned long long)t->c.fpr[r], (unsigned long long)v->x[r]);
			tm_free(t);
			fail();
		}
		tm_free(t);
	}
}
#define FVEC_RUN(table) fvec_run(table, sizeof(table) / sizeof(table)[0])

/* LOAD, LOAD AND TEST, LOAD COMPLEMENT, LOAD POSITIVE, LOAD NEGATIVE, STORE. */
static const struct fvec load_vectors[] = {
    /* LER: left half only, CC unchanged */
    SRR("3802", 0x11111111, 0xC1234567, 0xC1234567, .cc = CC_KEEP),
    /* LTER: CC from the short fraction and sign only */
    SRR("3202", 0, 0xC1234567, 0xC1234567, .cc = 1),
    SRR("3202", 0, 0x41100000, 0x41100000, .cc = 2),
    SRR("3202", 0, 0x85000000, 0x85000000, .cc = 0), /* zero fraction, minus */
    {"3202", {0, SL(0x41000000, 1)}, .x = {SL(0x41000000, 0), SL(0x41000000, 1)}, .cc = 0},
    /* LCER: sign inverted even for a zero fraction */
    SRR("3302", 0, 0x41100000, 0xC1100000, .cc = 1),
    SRR("3302", 0, 0xC1100000, 0x41100000, .cc = 2),
    SRR("3302", 0, 0x00000000, 0x80000000, .cc = 0),
    /* LPER */
    SRR("3002", 0, 0xC1100000, 0x41100000, .cc = 2),
    SRR("3002", 0, 0x80000000, 0x00000000, .cc = 0),
    /* LNER: sign made minus even for a zero fraction */
    SRR("3102", 0, 0x41100000, 0xC1100000, .cc = 1),
    SRR("3102", 0, 0x00000000, 0x80000000, .cc = 0),
    SRR("3102", 0, 0xC1100000, 0xC1100000, .cc = 1),
    /* same register: LTER 2,2 only tests */
    {"3222", {1, SL(0xC2000000, 7)}, .x = {1, SL(0xC2000000, 7)}, .cc = 0},
    /* long forms: the whole 14-digit fraction counts */
    LRR("2802", 1, 0xC123456789ABCDEFull, 0xC123456789ABCDEFull, .cc = CC_KEEP),
    LRR("2202", 1, 0x4000000000000001ull, 0x4000000000000001ull, .cc = 2),
    LRR("2202", 1, 0xC000000000000001ull, 0xC000000000000001ull, .cc = 1),
    LRR("2202", 1, 0xFF00000000000000ull, 0xFF00000000000000ull, .cc = 0),
    LRR("2302", 1, 0x4110000000000000ull, 0xC110000000000000ull, .cc = 1),
    LRR("2302", 1, 0x8000000000000000ull, 0x0000000000000000ull, .cc = 0),
    LRR("2002", 1, 0xC110000000000001ull, 0x4110000000000001ull, .cc = 2),
    LRR("2102", 1, 0x4110000000000001ull, 0xC110000000000001ull, .cc = 1),
    LRR("2102", 1, 0x0000000000000000ull, 0x8000000000000000ull, .cc = 0),
    /* LE, LD */
    SRX("7800 0800", 0x11111111, 0x42123456, 0x42123456, .cc = CC_KEEP),
    LRX("6800 0800", 1, 0x42123456789ABCDEull, 0x42123456789ABCDEull, .cc = CC_KEEP),
    /* operands need no alignment: LD from X'803' */
    {"6800 0803", {1}, .mem = 0x0000004112345678ull, .x = {0x4112345678000000ull}, .cc = CC_KEEP},
    /* STE stores the left half only; STD the whole register */
    {"7000 0800", {SL(0x41100000, LOW1)}, .mem = 0x1111111122222222ull, .x = {SL(0x41100000, LOW1)},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x4110000022222222ull},
    {"6000 0800", {SL(0x41100000, LOW1)}, .mem = 0x1111111122222222ull, .x = {SL(0x41100000, LOW1)},
     .cc = CC_KEEP, .chkmem = true, .memx = SL(0x41100000, LOW1)},
    {"6060 0800", {0, 0, 0, 0x4321000000000001ull}, .mem = 7, .x = {0, 0, 0, 0x4321000000000001ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x4321000000000001ull},
};

/* ADD NORMALIZED, SUBTRACT NORMALIZED (short). */
static const struct fvec add_short_vectors[] = {
    SRR("3A02", 0x41100000, 0x41200000, 0x41300000, .cc = 2),
    /* carry: .8 + .8 = 1.0 -> fraction shifted right, characteristic + 1 */
    SRR("3A02", 0x41800000, 0x41800000, 0x42100000, .cc = 2),
    /* alignment: X'41100000' becomes .010000 at characteristic X'42' */
    SRR("3A02", 0x42100000, 0x41100000, 0x42110000, .cc = 2),
    /* a zero fraction with a large characteristic costs precision: the
     * other operand is shifted 4 digits, only 12 and the guard digit 3 stay */
    SRR("3A02", 0x45000000, 0x41123456, 0x41123000, .cc = 2),
    /* the result is normalized */
    SRR("3A02", 0x41012345, 0x40000000, 0x40123450, .cc = 2),
    SRR("3A02", 0x41100000, 0xC1200000, 0xC1100000, .cc = 1),
    SRR("3B02", 0x41100000, 0x41200000, 0xC1100000, .cc = 1),
    SRR("3B02", 0xC1100000, 0xC1200000, 0x41100000, .cc = 2),
    /* the guard digit: 1.0 - .0FFFFFF (shifted one digit, guard F) leaves
     * .0000001 -> normalized X'3B100000'; without it the result would be
     * .000001 at X'41' = X'3C100000' */
    SRR("3B02", 0x41100000, 0x40FFFFFF, 0x3B100000, .cc = 2),
    SRR("3A02", 0x41100000, 0xC0FFFFFF, 0x3B100000, .cc = 2),
    /* guard digit 1 borrows: .1000000 - .0000001 = .0FFFFFF -> X'40FFFFFF' */
    SRR("3B02", 0x41100000, 0x40000001, 0x40FFFFFF, .cc = 2),
    /* digits shifted past the guard digit are lost */
    SRR("3B02", 0x42100000, 0x40000001, 0x42100000, .cc = 2),
    /* significance: zero intermediate fraction */
    SRR("3B02", 0x41100000, 0x41100000, 0x00000000, .cc = 0),
    SRR("3B02", 0x41100000, 0x41100000, 0x41000000, .pmask = PM_SIGNIF, .cc = 0,
	.pgm = PGM_SIGNIFICANCE),
    SRR("3A02", 0xC2100000, 0x40001000, 0xC1FFFF00, .cc = 1),
    /* the sign of a zero sum is plus; the characteristic is the larger one */
    SRR("3A02", 0xC2100000, 0x42100000, 0x42000000, .pmask = PM_SIGNIF, .cc = 0,
	.pgm = PGM_SIGNIFICANCE),
    SRR("3A02", 0x80000000, 0x00000000, 0x00000000, .pmask = PM_SIGNIF, .cc = 0,
	.pgm = PGM_SIGNIFICANCE),
    /* exponent underflow: .1 - .08 = .08 at X'00' normalizes to X'-1' */
    SRR("3B02", 0x00100000, 0x00080000, 0x00000000, .cc = 0),
    SRR("3B02", 0x00100000, 0x00080000, 0x7F800000, .pmask = PM_EXPUNF, .cc = 2,
	.pgm = PGM_EXPONENT_UNDERFLOW),
    SRR("3B02", 0x80100000, 0x80080000, 0xFF800000, .pmask = PM_EXPUNF, .cc = 1,
	.pgm = PGM_EXPONENT_UNDERFLOW),
    /* the significance mask alone does not catch underflow */
    SRR("3B02", 0x00100000, 0x00080000, 0x00000000, .pmask = PM_SIGNIF, .cc = 0),
    /* exponent overflow: always an interruption, characteristic wrapped */
    SRR("3A02", 0x7F800000, 0x7F800000, 0x00100000, .cc = 2, .pgm = PGM_EXPONENT_OVERFLOW),
    SRR("3A02", 0xFF800000, 0xFF800000, 0x80100000, .cc = 1, .pgm = PGM_EXPONENT_OVERFLOW),
    SRR("3A02", 0x7F800000, 0x7F800000, 0x00100000, .pmask = PM_EXPUNF | PM_SIGNIF, .cc = 2,
	.pgm = PGM_EXPONENT_OVERFLOW),
    /* RX forms (operand 2 the left word at X'800') */
    SRX("7A00 0800", 0x41100000, 0x41200000, 0x41300000, .cc = 2),
    SRX("7B00 0800", 0x41100000, 0x40FFFFFF, 0x3B100000, .cc = 2),
    SRX("7B00 0800", 0x41100000, 0x41100000, 0x41000000, .pmask = PM_SIGNIF, .cc = 0,
	.pgm = PGM_SIGNIFICANCE),
    /* AER 0,0 doubles */
    {"3A00", {SL(0x41300000, LOW1)}, .x = {SL(0x41600000, LOW1)}, .cc = 2},
};

/* ADD UNNORMALIZED, SUBTRACT UNNORMALIZED (short). */
static const struct fvec addu_short_vectors[] = {
    SRR("3E02", 0x42000001, 0x42000001, 0x42000002, .cc = 2),
    /* a carry still shifts right */
    SRR("3E02", 0x41800000, 0x41800000, 0x42100000, .cc = 2),
    /* no left shift: the zero-fraction operand's characteristic stays */
    SRR("3E02", 0x45000000, 0x41123456, 0x45000012, .cc = 2),
    /* the guard digit borrows, but is then dropped */
    SRR("3F02", 0x41100000, 0x40000001, 0x410FFFFF, .cc = 2),
    /* .1000000 - .0FFFFFF = .0000001: zero without the guard digit, which
     * does not take part in recognizing a zero result fraction */
    SRR("3F02", 0x41100000, 0x40FFFFFF, 0x00000000, .cc = 0),
    SRR("3F02", 0x41100000, 0x40FFFFFF, 0x41000000, .pmask = PM_SIGNIF, .cc = 0,
	.pgm = PGM_SIGNIFICANCE),
    SRR("3F02", 0xC1200000, 0xC1100000, 0xC1100000, .cc = 1),
    /* no exponent underflow for unnormalized results */
    SRR("3E02", 0x00000001, 0x00000001, 0x00000002, .pmask = PM_EXPUNF, .cc = 2),
    SRR("3F02", 0x00100000, 0x00080000, 0x00080000, .pmask = PM_EXPUNF, .cc = 2),
    SRR("3E02", 0x7F800000, 0x7F800000, 0x00100000, .cc = 2, .pgm = PGM_EXPONENT_OVERFLOW),
    SRX("7E00 0800", 0x41100000, 0x41200000, 0x41300000, .cc = 2),
    SRX("7F00 0800", 0x41100000, 0x41100000, 0x00000000, .cc = 0),
};

/* ADD and SUBTRACT with long operands. */
static const struct fvec add_long_vectors[] = {
    LRR("2A02", 0x4110000000000000ull, 0x4120000000000000ull, 0x4130000000000000ull, .cc = 2),
    /* 15 digits with the guard: the low digits of the shifted operand count */
    LRR("2A02", 0x4110000000000000ull, 0x3A12345678ABCDEFull, 0x4110000001234567ull, .cc = 2),
    /* the guard digit on long operands */
    LRR("2B02", 0x4110000000000000ull, 0x40FFFFFFFFFFFFFFull, 0x3310000000000000ull, .cc = 2),
    LRR("2B02", 0x4110000000000000ull, 0x4000000000000001ull, 0x40FFFFFFFFFFFFFFull, .cc = 2),
    LRR("2A02", 0x7F80000000000000ull, 0x7F80000000000000ull, 0x0010000000000000ull, .cc = 2,
	.pgm = PGM_EXPONENT_OVERFLOW),
    LRR("2B02", 0x0010000000000000ull, 0x0008000000000000ull, 0x7F80000000000000ull,
	.pmask = PM_EXPUNF, .cc = 2, .pgm = PGM_EXPONENT_UNDERFLOW),
    LRR("2B02", 0x0010000000000000ull, 0x0008000000000000ull, 0, .cc = 0),
    LRR("2B02", 0x4110000000000001ull, 0x4110000000000001ull, 0x4100000000000000ull,
	.pmask = PM_SIGNIF, .cc = 0, .pgm = PGM_SIGNIFICANCE),
    LRR("2E02", 0x4100000000000001ull, 0x4100000000000001ull, 0x4100000000000002ull, .cc = 2),
    LRR("2F02", 0x4110000000000000ull, 0x40FFFFFFFFFFFFFFull, 0, .cc = 0),
    LRR("2F02", 0x4110000000000000ull, 0x4000000000000001ull, 0x410FFFFFFFFFFFFFull, .cc = 2),
    LRX("6A00 0800", 0x4110000000000000ull, 0x4120000000000000ull, 0x4130000000000000ull, .cc = 2),
    LRX("6B00 0800", 0x4110000000000000ull, 0x4120000000000000ull, 0xC110000000000000ull, .cc = 1),
    LRX("6E00 0800", 0x4500000000000000ull, 0x4112345678ABCDEFull, 0x45000012345678ABull, .cc = 2),
    LRX("6F00 0800", 0x4110000000000000ull, 0x4110000000000000ull, 0x4100000000000000ull,
	.pmask = PM_SIGNIF, .cc = 0, .pgm = PGM_SIGNIFICANCE),
};

/* COMPARE: normalized subtraction with the guard digit, result discarded. */
static const struct fvec compare_vectors[] = {
    SRR("3902", 0x41100000, 0x41100000, 0x41100000, .cc = 0),
    SRR("3902", 0x41100000, 0x41200000, 0x41100000, .cc = 1),
    SRR("3902", 0x41200000, 0x41100000, 0x41200000, .cc = 2),
    SRR("3902", 0xC1100000, 0x41100000, 0xC1100000, .cc = 1),
    SRR("3902", 0xC1100000, 0xC1200000, 0xC1100000, .cc = 2),
    /* zero fractions are equal whatever their sign and characteristic */
    SRR("3902", 0x80000000, 0x45000000, 0x80000000, .cc = 0),
    /* unnormalized and normalized forms of one value are equal */
    SRR("3902", 0x42010000, 0x41100000, 0x42010000, .cc = 0),
    /* an exponent alone decides nothing: X'42010000' < X'41200000' */
    SRR("3902", 0x42010000, 0x41200000, 0x42010000, .cc = 1),
    /* shifted one digit, the 1 lands in the guard digit: zero is low */
    SRR("3902", 0x41000000, 0x40000001, 0x41000000, .cc = 1),
    /* shifted two digits, it is lost: equal */
    SRR("3902", 0x42000000, 0x40000001, 0x42000000, .cc = 0),
    /* the right halves do not take part */
    {"3902", {SL(0x41100000, 1), SL(0x41100000, 2)}, .x = {SL(0x41100000, 1), SL(0x41100000, 2)},
     .cc = 0},
    /* no exception even with every mask bit on */
    SRR("3902", 0x7F800000, 0x00100000, 0x7F800000, .pmask = PM_EXPUNF | PM_SIGNIF, .cc = 2),
    LRR("2902", 0x4110000000000000ull, 0x4110000000000001ull, 0x4110000000000000ull, .cc = 1),
    LRR("2902", 0x4110000000000000ull, 0x4010000000000000ull, 0x4110000000000000ull, .cc = 2),
    LRR("2902", 0x4200000000000000ull, 0x4000000000000001ull, 0x4200000000000000ull, .cc = 0),
    SRX("7900 0800", 0x41200000, 0x41100000, 0x41200000, .cc = 2),
    LRX("6900 0800", 0xC110000000000000ull, 0x4110000000000000ull, 0xC110000000000000ull,
	.cc = 1),
};

/* MULTIPLY: short operands give a long product (MER, ME). */
static const struct fvec multiply_vectors[] = {
    /* 2.0 * 3.0 = 6.0: .2 * .3 = .06, normalized */
    {"3C02", {SL(0x41200000, LOW1), SL(0x41300000, LOW2)}, .x = {0x4160000000000000ull, SL(0x41300000, LOW2)},
     .cc = CC_KEEP},
    /* all twelve product digits kept, two zero digits appended */
    {"3C02", {SL(0x41FFFFFF, 0), SL(0x41FFFFFF, 0)}, .x = {0x42FFFFFE00000100ull, SL(0x41FFFFFF, 0)},
     .cc = CC_KEEP},
    /* unnormalized operands are normalized first: 0.125 * 2.0 = 0.25 */
    {"3C02", {SL(0x43000200, 0), SL(0x41200000, 0)}, .x = {0x4040000000000000ull, SL(0x41200000, 0)},
     .cc = CC_KEEP},
    {"3C02", {SL(0xC1200000, 0), SL(0x41300000, 0)}, .x = {0xC160000000000000ull, SL(0x41300000, 0)},
     .cc = CC_KEEP},
    /* a zero fraction gives a true zero, even with an extreme characteristic */
    {"3C02", {SL(0xFF200000, 0), SL(0x80000000, 0)}, .x = {0, SL(0x80000000, 0)}, .cc = CC_KEEP},
    {"3C02", {SL(0x00000000, 9), SL(0x10100000, 0)}, .pmask = PM_EXPUNF, .x = {0, SL(0x10100000, 0)},
     .cc = CC_KEEP},
    /* overflow: 127 + 127 - 64 - 1 = 189 -> X'3D' */
    {"3C02", {SL(0x7F100000, 0), SL(0x7F100000, 0)}, .x = {0x3D10000000000000ull, SL(0x7F100000, 0)},
     .cc = CC_KEEP, .pgm = PGM_EXPONENT_OVERFLOW},
    {"3C02", {SL(0xFF100000, 0), SL(0x7F100000, 0)}, .x = {0xBD10000000000000ull, SL(0x7F100000, 0)},
     .cc = CC_KEEP, .pgm = PGM_EXPONENT_OVERFLOW},
    /* underflow: 16 + 16 - 64 - 1 = -33 -> X'5F' with the mask, else zero */
    {"3C02", {SL(0x10100000, 0), SL(0x10100000, 0)}, .x = {0, SL(0x10100000, 0)}, .cc = CC_KEEP},
    {"3C02", {SL(0x10100000, 0), SL(0x10100000, 0)}, .pmask = PM_EXPUNF,
     .x = {0x5F10000000000000ull, SL(0x10100000, 0)}, .cc = CC_KEEP, .pgm = PGM_EXPONENT_UNDERFLOW},
    /* a prenormalization below zero is not an underflow if the product fits */
    {"3C02", {SL(0x00010000, 0), SL(0x44100000, 0)}, .x = {0x0210000000000000ull, SL(0x44100000, 0)},
     .cc = CC_KEEP},
    {"7C00 0800", {SL(0x41200000, 7)}, .mem = SL(0x41300000, 0xFFFFFFFF), .x = {0x4160000000000000ull},
     .cc = CC_KEEP},
    /* long: the 28-digit product is normalized, then truncated to 14 */
    LRR("2C02", 0x41FFFFFFFFFFFFFFull, 0x41FFFFFFFFFFFFFFull, 0x42FFFFFFFFFFFFFEull, .cc = CC_KEEP),
    /* normalization brings the 15th product digit into the result */
    LRR("2C02", 0x4110000000000001ull, 0x4110000000000000ull, 0x4110000000000001ull, .cc = CC_KEEP),
    LRR("2C02", 0x7F10000000000000ull, 0x7F10000000000000ull, 0x3D10000000000000ull, .cc = CC_KEEP,
	.pgm = PGM_EXPONENT_OVERFLOW),
    LRR("2C02", 0x1010000000000000ull, 0x9010000000000000ull, 0xDF10000000000000ull,
	.pmask = PM_EXPUNF, .cc = CC_KEEP, .pgm = PGM_EXPONENT_UNDERFLOW),
    LRX("6C00 0800", 0x4120000000000000ull, 0xC130000000000000ull, 0xC160000000000000ull,
	.cc = CC_KEEP),
};

/* DIVIDE. */
static const struct fvec divide_vectors[] = {
    SRR("3D02", 0x41600000, 0x41200000, 0x41300000, .cc = CC_KEEP),
    /* 1/3: truncated, not rounded */
    SRR("3D02", 0x41100000, 0x41300000, 0x40555555, .cc = CC_KEEP),
    SRR("3D02", 0xC1100000, 0x41300000, 0xC0555555, .cc = CC_KEEP),
    /* the divisor is normalized first (X'44000200' is 2.0) */
    SRR("3D02", 0x41600000, 0x44000200, 0x41300000, .cc = CC_KEEP),
    /* zero divisor fraction: suppressed, even for 0/0 */
    SRR("3D02", 0x41100000, 0x80000000, 0x41100000, .cc = CC_KEEP, .pgm = PGM_FLOAT_DIVIDE),
    SRR("3D02", 0x00000000, 0x00000000, 0x00000000, .cc = CC_KEEP, .pgm = PGM_FLOAT_DIVIDE),
    /* zero dividend: true zero, no exponent exception */
    SRR("3D02", 0x80000000, 0x7F100000, 0x00000000, .pmask = PM_EXPUNF, .cc = CC_KEEP),
    /* overflow: 127 - 1 + 64 + 1 = 191 -> X'3F' */
    SRR("3D02", 0x7F100000, 0x01100000, 0x3F100000, .cc = CC_KEEP, .pgm = PGM_EXPONENT_OVERFLOW),
    /* underflow: 1 - 127 + 64 = -62, .1/.2 = .8 */
    SRR("3D02", 0x01100000, 0x7F200000, 0x00000000, .cc = CC_KEEP),
    SRR("3D02", 0x01100000, 0x7F200000, 0x42800000, .pmask = PM_EXPUNF, .cc = CC_KEEP,
	.pgm = PGM_EXPONENT_UNDERFLOW),
    SRX("7D00 0800", 0x41600000, 0x41200000, 0x41300000, .cc = CC_KEEP),
    SRX("7D00 0800", 0x41600000, 0x01000000, 0x41600000, .cc = CC_KEEP, .pgm = PGM_FLOAT_DIVIDE),
    LRR("2D02", 0x4110000000000000ull, 0x4130000000000000ull, 0x4055555555555555ull, .cc = CC_KEEP),
    LRR("2D02", 0x4110000000000000ull, 0x0000000000000000ull, 0x4110000000000000ull, .cc = CC_KEEP,
	.pgm = PGM_FLOAT_DIVIDE),
    LRX("6D00 0800", 0x4160000000000000ull, 0xC120000000000000ull, 0xC130000000000000ull,
	.cc = CC_KEEP),
};

/* HALVE: shift right one bit (into the guard digit), normalize. */
static const struct fvec halve_vectors[] = {
    SRR("3402", 0, 0x41200000, 0x41100000, .cc = CC_KEEP),
    SRR("3402", 0, 0x41100000, 0x40800000, .cc = CC_KEEP),
    SRR("3402", 0, 0xC1300000, 0xC1180000, .cc = CC_KEEP),
    /* the bit shifted into the guard digit survives normalization */
    SRR("3402", 0, 0x41000001, 0x3B800000, .cc = CC_KEEP),
    SRR("3402", 0, 0x41000003, 0x3C180000, .cc = CC_KEEP),
    /* zero fraction: true zero */
    SRR("3402", 0, 0xC5000000, 0x00000000, .cc = CC_KEEP),
    /* underflow */
    SRR("3402", 0, 0x00100000, 0x00000000, .cc = CC_KEEP),
    SRR("3402", 0, 0x80100000, 0xFF800000, .pmask = PM_EXPUNF, .cc = CC_KEEP,
	.pgm = PGM_EXPONENT_UNDERFLOW),
    LRR("2402", 0, 0x4110000000000000ull, 0x4080000000000000ull, .cc = CC_KEEP),
    LRR("2402", 0, 0x4100000000000001ull, 0x3380000000000000ull, .cc = CC_KEEP),
    LRR("2402", 0, 0x42FFFFFFFFFFFFFFull, 0x427FFFFFFFFFFFFFull, .cc = CC_KEEP),
    LRR("2402", 0, 0x0010000000000000ull, 0x7F80000000000000ull, .pmask = PM_EXPUNF, .cc = CC_KEEP,
	.pgm = PGM_EXPONENT_UNDERFLOW),
    /* HER 0,0 in place */
    {"3400", {SL(0x41200000, LOW1)}, .x = {SL(0x41100000, LOW1)}, .cc = CC_KEEP},
};

/* R fields other than 0, 2, 4, 6: specification, nothing changed. */
static const struct fvec spec_vectors[] = {
    SRR("3812", 1, 2, 1, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRR("3808", 1, 2, 1, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRR("3A01", 0x41100000, 0x41100000, 0x41100000, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRR("3A0E", 0x41100000, 0x41100000, 0x41100000, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRR("3903", 0x41100000, 0x41100000, 0x41100000, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRR("3403", 0x41100000, 0x41100000, 0x41100000, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRR("3302", 0x41100000, 0x41100000, 0xC1100000, .cc = 1), /* control: valid */
    SRR("3312", 0x41100000, 0x41100000, 0x41100000, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    LRR("2D05", 1, 0x4110000000000000ull, 1, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    LRR("2A72", 1, 0x4110000000000000ull, 1, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRX("7830 0800", 1, 0x41100000, 1, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    SRX("7A90 0800", 1, 0x41100000, 1, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    LRX("6DA0 0800", 1, 0x4110000000000000ull, 1, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION),
    {"7010 0800", {1}, .mem = 5, .x = {1}, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    {"6080 0800", {1}, .mem = 5, .x = {1}, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
};

/* Random operands (unnormalized, zero, extreme characteristics, every
 * program-mask setting) whose results were cross-checked by running the same
 * instructions on Hercules 3.13 in S/370 mode: a regression net around the
 * hand-worked vectors above. */
static const struct fvec hercules_vectors[] = {
    {"6060 0800", .mem = 0xC096B1AEE6F61B12ull, .pmask = 1,
     .f = {0x420000000070CAFAull, 0xBF00000000000000ull, 0x420000000070CAFAull, 0xFE48C4483B5E9B26ull},
     .x = {0x420000000070CAFAull, 0xBF00000000000000ull, 0x420000000070CAFAull, 0xFE48C4483B5E9B26ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0xFE48C4483B5E9B26ull},
    {"2A02", .mem = 0x96A1C58EF0356268ull, .pmask = 2,
     .f = {0xC0157D0C51D398C0ull, 0xC266A6F4FD75D599ull, 0x40157D0C51D398C0ull, 0x40BAB230FA4B7EBEull},
     .x = {0xC266BC7209C7A931ull, 0xC266A6F4FD75D599ull, 0x40157D0C51D398C0ull, 0x40BAB230FA4B7EBEull},
     .cc = 1, .chkmem = true, .memx = 0x96A1C58EF0356268ull},
    {"3142", .mem = 0xFF00000000000001ull, .pmask = 2,
     .f = {0xFF00000000000001ull, 0x01D77BC60255D0F3ull, 0x7F01464A161829C1ull, 0xC0E825D05101DCF1ull},
     .x = {0xFF00000000000001ull, 0x01D77BC60255D0F3ull, 0x81D77BC6161829C1ull, 0xC0E825D05101DCF1ull},
     .cc = 1, .chkmem = true, .memx = 0xFF00000000000001ull},
    {"7960 0800", .mem = 0x801D41CF5EB79692ull, .pmask = 0,
     .f = {0xFE99BCFB7F9D7397ull, 0x00608062F3072752ull, 0x7E99BCFB7F9D7397ull, 0x827287E0562043E0ull},
     .x = {0xFE99BCFB7F9D7397ull, 0x00608062F3072752ull, 0x7E99BCFB7F9D7397ull, 0x827287E0562043E0ull},
     .cc = 1, .chkmem = true, .memx = 0x801D41CF5EB79692ull},
    {"3D02", .mem = 0xDA0000001CEC5D84ull, .pmask = 1,
     .f = {0xDA0000001CEC5D84ull, 0x5A0000001CEC5D84ull, 0xBFAD8C9037981414ull, 0x41000000000021A4ull},
     .x = {0xDA0000001CEC5D84ull, 0x5A0000001CEC5D84ull, 0xBFAD8C9037981414ull, 0x41000000000021A4ull},
     .cc = CC_KEEP, .pgm = 0x0F, .chkmem = true, .memx = 0xDA0000001CEC5D84ull},
    {"3820", .mem = 0x5EB8F0DCA2532622ull, .pmask = 1,
     .f = {0x5EB8F0DCA2532622ull, 0x01C0D92908AB242Eull, 0xD700000000EBD177ull, 0xA4AA058CF47F75FFull},
     .x = {0x5EB8F0DCA2532622ull, 0x5EB8F0DC08AB242Eull, 0xD700000000EBD177ull, 0xA4AA058CF47F75FFull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x5EB8F0DCA2532622ull},
    {"3920", .mem = 0xFEFFFFFFFFFFFFF1ull, .pmask = 3,
     .f = {0xC243CF30535A204Eull, 0x42E9AC5635DF57AFull, 0xC0DD886299406C1Full, 0xC19F74D48091BEFFull},
     .x = {0xC243CF30535A204Eull, 0x42E9AC5635DF57AFull, 0xC0DD886299406C1Full, 0xC19F74D48091BEFFull},
     .cc = 2, .chkmem = true, .memx = 0xFEFFFFFFFFFFFFF1ull},
    {"3002", .mem = 0x01EA2780FEA54472ull, .pmask = 3,
     .f = {0x01EE14262AF5EDDDull, 0x3F5A66D9BECA675Dull, 0x7EFFFFFFFFFFFFFDull, 0x7F00000000000000ull},
     .x = {0x3F5A66D92AF5EDDDull, 0x3F5A66D9BECA675Dull, 0x7EFFFFFFFFFFFFFDull, 0x7F00000000000000ull},
     .cc = 2, .chkmem = true, .memx = 0x01EA2780FEA54472ull},
    {"3F42", .mem = 0x7FBDABEA12FF2E13ull, .pmask = 3,
     .f = {0xC203FF419B251444ull, 0x177837CF8209F4EFull, 0xC100000000000000ull, 0x824CE90838AC8818ull},
     .x = {0xC203FF419B251444ull, 0x177837CF8209F4EFull, 0x4100000000000000ull, 0x824CE90838AC8818ull},
     .cc = 0, .pgm = 0x0E, .chkmem = true, .memx = 0x7FBDABEA12FF2E13ull},
    {"2164", .mem = 0xFE866A59F90EB8A1ull, .pmask = 3,
     .f = {0x0087E045E65D7C85ull, 0x0087E045E65D7C85ull, 0x82D97934424175B0ull, 0x7F897E4F708F78FCull},
     .x = {0x0087E045E65D7C85ull, 0x0087E045E65D7C85ull, 0x82D97934424175B0ull, 0x82D97934424175B0ull},
     .cc = 1, .chkmem = true, .memx = 0xFE866A59F90EB8A1ull},
    {"2442", .mem = 0xBF00001E38317BA9ull, .pmask = 0,
     .f = {0x947415D61602934Full, 0x147415D61602934Full, 0x147415D61602934Full, 0xAB00000000000000ull},
     .x = {0x947415D61602934Full, 0x147415D61602934Full, 0x143A0AEB0B0149A7ull, 0xAB00000000000000ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0xBF00001E38317BA9ull},
    {"3F20", .mem = 0xFEC764526DD23993ull, .pmask = 2,
     .f = {0x7E00000000000001ull, 0x42DC793BADC973C1ull, 0xFFB01BB460EC65C1ull, 0xFEA6F537A28B4A02ull},
     .x = {0x7E00000000000001ull, 0x00000000ADC973C1ull, 0xFFB01BB460EC65C1ull, 0xFEA6F537A28B4A02ull},
     .cc = 0, .chkmem = true, .memx = 0xFEC764526DD23993ull},
    {"3D00", .mem = 0x41D24F10EB8ECCA9ull, .pmask = 3,
     .f = {0x489CC303CB7F3BFEull, 0x489CC303CB7F3BFEull, 0x04FFFFFFFFFFFFF2ull, 0xFFFFFFFFFFFFFFF7ull},
     .x = {0x41100000CB7F3BFEull, 0x489CC303CB7F3BFEull, 0x04FFFFFFFFFFFFF2ull, 0xFFFFFFFFFFFFFFF7ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x41D24F10EB8ECCA9ull},
    {"3246", .mem = 0xFE00022F97194ADDull, .pmask = 0,
     .f = {0x1E00000000000000ull, 0x800003AB8590C065ull, 0x1E00000000000000ull, 0xC16664BE4FF5E45Eull},
     .x = {0x1E00000000000000ull, 0x800003AB8590C065ull, 0xC16664BE00000000ull, 0xC16664BE4FF5E45Eull},
     .cc = 1, .chkmem = true, .memx = 0xFE00022F97194ADDull},
    {"3420", .mem = 0x40000000000007FAull, .pmask = 2,
     .f = {0xC0000000000007FAull, 0xC0000000000007FAull, 0x7600000000000000ull, 0x4050F89FFC966C46ull},
     .x = {0xC0000000000007FAull, 0x00000000000007FAull, 0x7600000000000000ull, 0x4050F89FFC966C46ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x40000000000007FAull},
    {"7D00 0800", .mem = 0x0000000000000000ull, .pmask = 1,
     .f = {0x8174A1A9326EAD11ull, 0x5740205EFAF7E8D5ull, 0xFE00000000000002ull, 0xA55F6CD55DE54326ull},
     .x = {0x8174A1A9326EAD11ull, 0x5740205EFAF7E8D5ull, 0xFE00000000000002ull, 0xA55F6CD55DE54326ull},
     .cc = CC_KEEP, .pgm = 0x0F, .chkmem = true, .memx = 0x0000000000000000ull},
    {"2B64", .mem = 0x7E00000000000001ull, .pmask = 2,
     .f = {0x00000000000000A5ull, 0x38BA06B1E3917111ull, 0xC2FFFFFFFFFFFFF5ull, 0x4C00000000000000ull},
     .x = {0x00000000000000A5ull, 0x38BA06B1E3917111ull, 0xC2FFFFFFFFFFFFF5ull, 0x42FFFFF000000000ull},
     .cc = 2, .chkmem = true, .memx = 0x7E00000000000001ull},
    {"2924", .mem = 0x4700000000000000ull, .pmask = 2,
     .f = {0x7ED5890CF0A6D5A2ull, 0xFED5890CF0A6D5A2ull, 0x02FFFFFFFFFFFFF5ull, 0x408140297428979Dull},
     .x = {0x7ED5890CF0A6D5A2ull, 0xFED5890CF0A6D5A2ull, 0x02FFFFFFFFFFFFF5ull, 0x408140297428979Dull},
     .cc = 1, .chkmem = true, .memx = 0x4700000000000000ull},
    {"2D24", .mem = 0xFE551D6690F422A7ull, .pmask = 3,
     .f = {0xC2000000302FC5CDull, 0xC2000000302FC5CDull, 0xC147CF3D0A1F1CD7ull, 0x42000001CFA4ECCBull},
     .x = {0xC2000000302FC5CDull, 0x3BABC8DD77F36D19ull, 0xC147CF3D0A1F1CD7ull, 0x42000001CFA4ECCBull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0xFE551D6690F422A7ull},
    {"6C20 0800", .mem = 0xC2000000055FF953ull, .pmask = 2,
     .f = {0x7F00007BBF5DF23Aull, 0x02F2370E88A4ED7Eull, 0xFF00007BBF5DF23Aull, 0x7EC53445A9197114ull},
     .x = {0x7F00007BBF5DF23Aull, 0xFD515E19D24EA765ull, 0xFF00007BBF5DF23Aull, 0x7EC53445A9197114ull},
     .cc = CC_KEEP, .pgm = 0x0D, .chkmem = true, .memx = 0xC2000000055FF953ull},
    {"6940 0800", .mem = 0x7F3B0C07B2BFD309ull, .pmask = 0,
     .f = {0x02FFFFFFFFFFFFF3ull, 0x01C7F15C83BBF220ull, 0x414F55D2849D5DDCull, 0xFF52CD6C08AF2F6Cull},
     .x = {0x02FFFFFFFFFFFFF3ull, 0x01C7F15C83BBF220ull, 0x414F55D2849D5DDCull, 0xFF52CD6C08AF2F6Cull},
     .cc = 1, .chkmem = true, .memx = 0x7F3B0C07B2BFD309ull},
    {"6A00 0800", .mem = 0xC1FFFFFFFFFFFFF8ull, .pmask = 2,
     .f = {0xBF00000000000000ull, 0x7EA13620EFB30748ull, 0x2200000000000000ull, 0xFE000000094FE264ull},
     .x = {0xC1FFFFFFFFFFFFF8ull, 0x7EA13620EFB30748ull, 0x2200000000000000ull, 0xFE000000094FE264ull},
     .cc = 1, .chkmem = true, .memx = 0xC1FFFFFFFFFFFFF8ull},
    {"6E40 0800", .mem = 0x7EC9B2556FE3AD66ull, .pmask = 0,
     .f = {0xFEC9B2556FE3AD66ull, 0xFE00000000000000ull, 0xC0E09FF6D7DCFD9Full, 0x42AC199DFF4A31B9ull},
     .x = {0xFEC9B2556FE3AD66ull, 0xFE00000000000000ull, 0x7EC9B2556FE3AD66ull, 0x42AC199DFF4A31B9ull},
     .cc = 2, .chkmem = true, .memx = 0x7EC9B2556FE3AD66ull},
    {"7860 0800", .mem = 0x7E00000000000000ull, .pmask = 3,
     .f = {0xFF00592E8E88D025ull, 0x7F00592E8E88D025ull, 0xC200000000000021ull, 0x42F81F8A9B1F1BA0ull},
     .x = {0xFF00592E8E88D025ull, 0x7F00592E8E88D025ull, 0xC200000000000021ull, 0x7E0000009B1F1BA0ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x7E00000000000000ull},
    {"7000 0800", .mem = 0xC043DD12C09AAB53ull, .pmask = 2,
     .f = {0x4043DD12C09AAB53ull, 0x7FFFFFFFFFFFFFFAull, 0xC0772DFA41CC9A94ull, 0x0000000000000000ull},
     .x = {0x4043DD12C09AAB53ull, 0x7FFFFFFFFFFFFFFAull, 0xC0772DFA41CC9A94ull, 0x0000000000000000ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x4043DD12C09AAB53ull},
    {"2020", .mem = 0xC114B1C58FCA206Eull, .pmask = 1,
     .f = {0x4200000000000000ull, 0xC05EF7DB514E4BD3ull, 0xFE00000000003622ull, 0xFFC4E3AD33CF090Eull},
     .x = {0x4200000000000000ull, 0x4200000000000000ull, 0xFE00000000003622ull, 0xFFC4E3AD33CF090Eull},
     .cc = 0, .chkmem = true, .memx = 0xC114B1C58FCA206Eull},
    {"2C46", .mem = 0x02000000000F9988ull, .pmask = 2,
     .f = {0x02000000000F9988ull, 0xBF74FF99A1D4FC68ull, 0x9AA3A0B66172F0D5ull, 0x8100000000000000ull},
     .x = {0x02000000000F9988ull, 0xBF74FF99A1D4FC68ull, 0x0000000000000000ull, 0x8100000000000000ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x02000000000F9988ull},
    {"3C46", .mem = 0x40FFFFFFFFFFFFFBull, .pmask = 2,
     .f = {0x4100000000000000ull, 0x41445A979747394Cull, 0xFE00000000000000ull, 0xFFEFB9281A00AD7Cull},
     .x = {0x4100000000000000ull, 0x41445A979747394Cull, 0x0000000000000000ull, 0xFFEFB9281A00AD7Cull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x40FFFFFFFFFFFFFBull},
    {"3A02", .mem = 0x7E6BB71B718A5D2Aull, .pmask = 0,
     .f = {0xFFFFFFFFFFFFFFFDull, 0x40AB68EB4C9EF77Eull, 0x7FFFFFFFFFFFFFFDull, 0xAD00000000000000ull},
     .x = {0xFFFFFFFFFFFFFFFDull, 0x40AB68EB4C9EF77Eull, 0x7FFFFFFFFFFFFFFDull, 0xAD00000000000000ull},
     .cc = 1, .chkmem = true, .memx = 0x7E6BB71B718A5D2Aull},
    {"7D00 0800", .mem = 0x42662BB2BF1D7F0Full, .pmask = 1,
     .f = {0x0000000000000002ull, 0x0000000000000002ull, 0x022B16DA82DE5AF9ull, 0xFFB921089E64E0C4ull},
     .x = {0x0000000000000002ull, 0x0000000000000002ull, 0x022B16DA82DE5AF9ull, 0xFFB921089E64E0C4ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x42662BB2BF1D7F0Full},
    {"2F02", .mem = 0x8100000000000000ull, .pmask = 2,
     .f = {0x82699028625A578Bull, 0xC20000000F3D082Aull, 0xBFFED995C674E236ull, 0x7E8C0DADC935AD48ull},
     .x = {0x420000000F3D082Aull, 0xC20000000F3D082Aull, 0xBFFED995C674E236ull, 0x7E8C0DADC935AD48ull},
     .cc = 2, .chkmem = true, .memx = 0x8100000000000000ull},
    {"6D20 0800", .mem = 0x7E000000312F6F53ull, .pmask = 3,
     .f = {0xBF5D73C9D96C3657ull, 0x9DFB91EDE845BB53ull, 0x3DFFFFFFFFFFFFF6ull, 0x0100000000000000ull},
     .x = {0xBF5D73C9D96C3657ull, 0xE651D5FAC22CF557ull, 0x3DFFFFFFFFFFFFF6ull, 0x0100000000000000ull},
     .cc = CC_KEEP, .pgm = 0x0D, .chkmem = true, .memx = 0x7E000000312F6F53ull},
    {"3320", .mem = 0xFFCC78077DED3872ull, .pmask = 1,
     .f = {0xBF5306DAF5C9DC9Bull, 0x4076CD123F43769Eull, 0x7E78278750D08289ull, 0x3FE8BB1C2A79823Cull},
     .x = {0xBF5306DAF5C9DC9Bull, 0x3F5306DA3F43769Eull, 0x7E78278750D08289ull, 0x3FE8BB1C2A79823Cull},
     .cc = 2, .chkmem = true, .memx = 0xFFCC78077DED3872ull},
    {"6F20 0800", .mem = 0x3F00000000000000ull, .pmask = 1,
     .f = {0xAA4A76FE8313B6AAull, 0x4000000000000000ull, 0xFF00000000031F53ull, 0x7FA4A11C83B13FEAull},
     .x = {0xAA4A76FE8313B6AAull, 0x4000000000000000ull, 0xFF00000000031F53ull, 0x7FA4A11C83B13FEAull},
     .cc = 0, .pgm = 0x0E, .chkmem = true, .memx = 0x3F00000000000000ull},
    {"6840 0800", .mem = 0x3F00470DF906CCE4ull, .pmask = 2,
     .f = {0x0D00000000000000ull, 0x020000000ED5ACA1ull, 0x022B42E1CECC44C6ull, 0x53A3E6B66F7C25F7ull},
     .x = {0x0D00000000000000ull, 0x020000000ED5ACA1ull, 0x3F00470DF906CCE4ull, 0x53A3E6B66F7C25F7ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x3F00470DF906CCE4ull},
    {"3E42", .mem = 0x415E856D1C89B072ull, .pmask = 1,
     .f = {0x4122625675681A9Bull, 0xC1B96900A56232BAull, 0xFE602851FB6A1EA4ull, 0x52B9EAAC42EFC175ull},
     .x = {0x4122625675681A9Bull, 0xC1B96900A56232BAull, 0xFE602851FB6A1EA4ull, 0x52B9EAAC42EFC175ull},
     .cc = 1, .chkmem = true, .memx = 0x415E856D1C89B072ull},
    {"2E46", .mem = 0xF824DC754F78A952ull, .pmask = 1,
     .f = {0x00406AF5DDBB8AA1ull, 0x3FFDF50555CDF0DCull, 0xFF18DB93A4B507C5ull, 0x8000000000000000ull},
     .x = {0x00406AF5DDBB8AA1ull, 0x3FFDF50555CDF0DCull, 0xFF18DB93A4B507C5ull, 0x8000000000000000ull},
     .cc = 1, .chkmem = true, .memx = 0xF824DC754F78A952ull},
    {"7C40 0800", .mem = 0x80206F518A9E3F23ull, .pmask = 0,
     .f = {0x80206F518A9E3F23ull, 0x400000004EC8AA55ull, 0x80206F518A9E3F23ull, 0x81EF4A9677EC3B78ull},
     .x = {0x80206F518A9E3F23ull, 0x400000004EC8AA55ull, 0x0000000000000000ull, 0x81EF4A9677EC3B78ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x80206F518A9E3F23ull},
    {"6B40 0800", .mem = 0xBF0000001E5CAB35ull, .pmask = 2,
     .f = {0x41DDF38FF9FBC9C7ull, 0x0100000000001241ull, 0xC0FFFFFFFFFFFFFBull, 0x7E1823D5C1D952ADull},
     .x = {0x41DDF38FF9FBC9C7ull, 0x0100000000001241ull, 0xC0FFFFFFFE1A3547ull, 0x7E1823D5C1D952ADull},
     .cc = 1, .chkmem = true, .memx = 0xBF0000001E5CAB35ull},
    {"2224", .mem = 0xC1C964B939362FA6ull, .pmask = 3,
     .f = {0xBF00000000000000ull, 0x0A00000000000000ull, 0x7FFDAC06845F185Bull, 0x0035BC0310200120ull},
     .x = {0xBF00000000000000ull, 0x7FFDAC06845F185Bull, 0x7FFDAC06845F185Bull, 0x0035BC0310200120ull},
     .cc = 2, .chkmem = true, .memx = 0xC1C964B939362FA6ull},
    {"3B42", .mem = 0x3F0000001C949E0Bull, .pmask = 0,
     .f = {0x3F0000001C949E0Bull, 0x4200000000000035ull, 0xFFC4C82DE4518896ull, 0x00DA00CB925E460Cull},
     .x = {0x3F0000001C949E0Bull, 0x4200000000000035ull, 0xFFC4C82DE4518896ull, 0x00DA00CB925E460Cull},
     .cc = 1, .chkmem = true, .memx = 0x3F0000001C949E0Bull},
    {"2364", .mem = 0x0026DE0BC866160Full, .pmask = 3,
     .f = {0x8086B469A85EBE1Eull, 0x42AA507B781B1AAAull, 0x4000000000000000ull, 0x408BF5AAF755A0A3ull},
     .x = {0x8086B469A85EBE1Eull, 0x42AA507B781B1AAAull, 0x4000000000000000ull, 0xC000000000000000ull},
     .cc = 0, .chkmem = true, .memx = 0x0026DE0BC866160Full},
    {"2D42", .mem = 0xC1FFFFFFFFFFFFF9ull, .pmask = 2,
     .f = {0x4000000000000000ull, 0x00A3BACF1C65AED4ull, 0xFE35878702F44B66ull, 0xC000000000000000ull},
     .x = {0x4000000000000000ull, 0x00A3BACF1C65AED4ull, 0xBE53B22EDCBB5B6Aull, 0xC000000000000000ull},
     .cc = CC_KEEP, .pgm = 0x0C, .chkmem = true, .memx = 0xC1FFFFFFFFFFFFF9ull},
    {"7A00 0800", .mem = 0xFFE8FE419CCE7498ull, .pmask = 1,
     .f = {0x40158C299700F7A5ull, 0xFED51DEED4C59702ull, 0x40158C299700F7A5ull, 0x1500000000000000ull},
     .x = {0xFFE8FE419700F7A5ull, 0xFED51DEED4C59702ull, 0x40158C299700F7A5ull, 0x1500000000000000ull},
     .cc = 1, .chkmem = true, .memx = 0xFFE8FE419CCE7498ull},
    {"2842", .mem = 0x17000001DF74690Aull, .pmask = 0,
     .f = {0x81FFFFFFFFFFFFF1ull, 0xBF9CEA6A5CE70AFBull, 0x4256671F010B4567ull, 0x00FFFFFFFFFFFFF7ull},
     .x = {0x81FFFFFFFFFFFFF1ull, 0xBF9CEA6A5CE70AFBull, 0xBF9CEA6A5CE70AFBull, 0x00FFFFFFFFFFFFF7ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x17000001DF74690Aull},
    {"6C00 0800", .mem = 0xFE1FD46FD0D00D37ull, .pmask = 2,
     .f = {0x53000000000007B3ull, 0xD3000000000007B3ull, 0xD3000000000007B3ull, 0x40FF0A15EA8C8F37ull},
     .x = {0x85F51098E4B1D5BEull, 0xD3000000000007B3ull, 0xD3000000000007B3ull, 0x40FF0A15EA8C8F37ull},
     .cc = CC_KEEP, .pgm = 0x0C, .chkmem = true, .memx = 0xFE1FD46FD0D00D37ull},
    {"6F60 0800", .mem = 0xBF00000001AA247Bull, .pmask = 0,
     .f = {0xBFBD257B08823AFDull, 0xBF9363847CC21429ull, 0xB85DCCA5A6962C12ull, 0x01FFFFFFFFFFFFF5ull},
     .x = {0xBFBD257B08823AFDull, 0xBF9363847CC21429ull, 0xB85DCCA5A6962C12ull, 0x3F00000001AA247Bull},
     .cc = 2, .chkmem = true, .memx = 0xBF00000001AA247Bull},
    {"6D60 0800", .mem = 0xC0C9A2C1097A99BBull, .pmask = 3,
     .f = {0xFE6FD6AEA98B0027ull, 0xAEDE5F7766C7C576ull, 0xFEE84C7C03A3BF63ull, 0xC200000000000000ull},
     .x = {0xFE6FD6AEA98B0027ull, 0xAEDE5F7766C7C576ull, 0xFEE84C7C03A3BF63ull, 0x0000000000000000ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0xC0C9A2C1097A99BBull},
    {"7D60 0800", .mem = 0x41FFFFFFFFFFFFF8ull, .pmask = 2,
     .f = {0xC1FFFFFFFFFFFFF8ull, 0x7FF248047E1DCA57ull, 0x41C43798EC89241Eull, 0x801B747E57FB4562ull},
     .x = {0xC1FFFFFFFFFFFFF8ull, 0x7FF248047E1DCA57ull, 0x41C43798EC89241Eull, 0xFF1B747E57FB4562ull},
     .cc = CC_KEEP, .pgm = 0x0D, .chkmem = true, .memx = 0x41FFFFFFFFFFFFF8ull},
    {"7B60 0800", .mem = 0x0200000000000000ull, .pmask = 1,
     .f = {0x82CAAF7C0A7E9FB1ull, 0x82CAAF7C0A7E9FB1ull, 0xBF000000DC6331ADull, 0x82A7BE3C2898AFDAull},
     .x = {0x82CAAF7C0A7E9FB1ull, 0x82CAAF7C0A7E9FB1ull, 0xBF000000DC6331ADull, 0x82A7BE3C2898AFDAull},
     .cc = 1, .chkmem = true, .memx = 0x0200000000000000ull},
    {"2E20", .mem = 0x42F122916C8C8AEFull, .pmask = 3,
     .f = {0x82CB44885EFF6CEBull, 0x02CB44885EFF6CEBull, 0x4200000000000003ull, 0x41FFFFFFFFFFFFF9ull},
     .x = {0x82CB44885EFF6CEBull, 0x0200000000000000ull, 0x4200000000000003ull, 0x41FFFFFFFFFFFFF9ull},
     .cc = 0, .pgm = 0x0E, .chkmem = true, .memx = 0x42F122916C8C8AEFull},
    {"6C60 0800", .mem = 0x907366232A2D269Full, .pmask = 0,
     .f = {0x41202EFB5F315522ull, 0xBE00000000000000ull, 0xC0F63702C85D8C5Full, 0xFEFFFFFFFFFFFFF2ull},
     .x = {0x41202EFB5F315522ull, 0xBE00000000000000ull, 0xC0F63702C85D8C5Full, 0x4E7366232A2D2698ull},
     .cc = CC_KEEP, .chkmem = true, .memx = 0x907366232A2D269Full},
    {"7F40 0800", .mem = 0x60B3E2ED1AF9DE2Full, .pmask = 0,
     .f = {0x7E00000000000000ull, 0x007179A68FC48DA8ull, 0xFE00000000000000ull, 0x7E00000B79613E3Full},
     .x = {0x7E00000000000000ull, 0x007179A68FC48DA8ull, 0x0000000000000000ull, 0x7E00000B79613E3Full},
     .cc = 0, .chkmem = true, .memx = 0x60B3E2ED1AF9DE2Full},
    {"2A24", .mem = 0xC2000000000001D3ull, .pmask = 3,
     .f = {0x4000000000000000ull, 0x7E00000000000000ull, 0x4000000000000000ull, 0x7F00000000194E20ull},
     .x = {0x4000000000000000ull, 0x7E00000000000000ull, 0x4000000000000000ull, 0x7F00000000194E20ull},
     .cc = 0, .pgm = 0x0E, .chkmem = true, .memx = 0xC2000000000001D3ull},
    {"6D40 0800", .mem = 0x3300000000000000ull, .pmask = 3,
     .f = {0x3300000000000000ull, 0xCD00000000000000ull, 0xB300000000000000ull, 0xFE00000000000000ull},
     .x = {0x3300000000000000ull, 0xCD00000000000000ull, 0xB300000000000000ull, 0xFE00000000000000ull},
     .cc = CC_KEEP, .pgm = 0x0F, .chkmem = true, .memx = 0x3300000000000000ull},
    {"7E60 0800", .mem = 0xC1104097D017BDCFull, .pmask = 1,
     .f = {0x00ADBF64D158D7B1ull, 0x80FFFFFFFFFFFFF2ull, 0x81A8AC4440A875DAull, 0x42000000005363B2ull},
     .x = {0x00ADBF64D158D7B1ull, 0x80FFFFFFFFFFFFF2ull, 0x81A8AC4440A875DAull, 0xC2010409005363B2ull},
     .cc = 1, .chkmem = true, .memx = 0xC1104097D017BDCFull},
    {"7B20 0800", .mem = 0x7F00000000000000ull, .pmask = 3,
     .f = {0xBF5C5DF5AC0BDA78ull, 0x3F5C5DF5AC0BDA78ull, 0x8200000000000000ull, 0x40C40B47ED335977ull},
     .x = {0xBF5C5DF5AC0BDA78ull, 0x7F000000AC0BDA78ull, 0x8200000000000000ull, 0x40C40B47ED335977ull},
     .cc = 0, .pgm = 0x0E, .chkmem = true, .memx = 0x7F00000000000000ull},
    {"2400", .mem = 0x4E1A9BC50836991Aull, .pmask = 3,
     .f = {0x000138F7A9961785ull, 0x000138F7A9961785ull, 0x800138F7A9961785ull, 0x4200000000000000ull},
     .x = {0x7E9C7BD4CB0BC280ull, 0x000138F7A9961785ull, 0x800138F7A9961785ull, 0x4200000000000000ull},
     .cc = CC_KEEP, .pgm = 0x0D, .chkmem = true, .memx = 0x4E1A9BC50836991Aull},
    {"2F64", .mem = 0x4200000000000000ull, .pmask = 3,
     .f = {0x8100000000000000ull, 0x80FFFFFFFFFFFFF0ull, 0x40FAC9F2702C5FA5ull, 0x7E00000000000000ull},
     .x = {0x8100000000000000ull, 0x80FFFFFFFFFFFFF0ull, 0x40FAC9F2702C5FA5ull, 0x7E00000000000000ull},
     .cc = 0, .pgm = 0x0E, .chkmem = true, .memx = 0x4200000000000000ull},
    {"7C40 0800", .mem = 0x02784BFC5B3DD79Cull, .pmask = 2,
     .f = {0x82FFFFFFFFFFFFF9ull, 0x82FFFFFFFFFFFFF9ull, 0x8225360F3AE5B12Aull, 0x4200000000000000ull},
     .x = {0x82FFFFFFFFFFFFF9ull, 0x82FFFFFFFFFFFFF9ull, 0xC4117C627F9BC400ull, 0x4200000000000000ull},
     .cc = CC_KEEP, .pgm = 0x0D, .chkmem = true, .memx = 0x02784BFC5B3DD79Cull},
};

static void test_load(void **state)
{
	(void)state;
	FVEC_RUN(load_vectors);
}

static void test_add_short(void **state)
{
	(void)state;
	FVEC_RUN(add_short_vectors);
}

static void test_add_unnormalized(void **state)
{
	(void)state;
	FVEC_RUN(addu_short_vectors);
}

static void test_add_long(void **state)
{
	(void)state;
	FVEC_RUN(add_long_vectors);
}

static void test_compare(void **state)
{
	(void)state;
	FVEC_RUN(compare_vectors);
}

static void test_multiply(void **state)
{
	(void)state;
	FVEC_RUN(multiply_vectors);
}

static void test_divide(void **state)
{
	(void)state;
	FVEC_RUN(divide_vectors);
}

static void test_halve(void **state)
{
	(void)state;
	FVEC_RUN(halve_vectors);
}

static void test_specification(void **state)
{
	(void)state;
	FVEC_RUN(spec_vectors);
}

/* A storage operand outside the 64K test machine: addressing exception,
 * the register is left alone. */
static void test_addressing(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.fpr[0] = 0x4110000000000000ull;
	t->c.gpr[5] = 0x00FFFFF0u; /* far beyond the 64K of the test machine */
	assert_int_equal(tm_exec_hex(t, "6A00 5000"), PGM_ADDRESSING);
	assert_true(t->c.fpr[0] == 0x4110000000000000ull);
	tm_free(t);
}

/* The arithmetic core directly: packing of the formats. */
static void test_core_pack(void **state)
{
	(void)state;
	struct hfp x = hfp_from_short(0xC1123456u);
	assert_true(x.neg && x.ch == 0x41 && x.frac == 0x123456);
	assert_true(hfp_to_short(&x) == 0xC1123456u);
	x = hfp_from_long(0x7F0123456789ABCDull);
	assert_true(!x.neg && x.ch == 0x7F && x.frac == 0x0123456789ABCDull);
	assert_true(hfp_to_long(&x) == 0x7F0123456789ABCDull);
	assert_int_equal(hfp_cc(&x), 2);
}

static void test_hercules(void **state)
{
	(void)state;
	FVEC_RUN(hercules_vectors);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hercules),
	    cmocka_unit_test(test_load),       cmocka_unit_test(test_add_short),
	    cmocka_unit_test(test_add_unnormalized), cmocka_unit_test(test_add_long),
	    cmocka_unit_test(test_compare),    cmocka_unit_test(test_multiply),
	    cmocka_unit_test(test_divide),     cmocka_unit_test(test_halve),
	    cmocka_unit_test(test_specification), cmocka_unit_test(test_addressing),
	    cmocka_unit_test(test_core_pack),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
