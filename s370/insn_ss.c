/* insn_ss.c — storage-to-storage logical instructions with one length field:
 * MVC MVN MVZ NC OC XC CLC TR TRT MVCIN (GA22-7000 chapter 7, "General
 * Instructions").
 *
 * Each has the SS format | op | L | B1 D1 | B2 D2 | and works on L+1 bytes.
 * The architecture defines them byte by byte, left to right: when the
 * operands overlap, each result byte is stored before the next operand byte
 * is fetched, so MVC 1(255,R),0(R) propagates the first byte through the
 * field.  The fast path therefore never uses memmove on overlapping host
 * ranges; it uses memcpy/memmove only where they give the same result as the
 * byte-at-a-time rule.
 *
 * Access exceptions are recognised before anything is changed: vrange()
 * either returns a host pointer (operand in one 2K block, already checked) or
 * checks every byte of the operand and returns NULL, after which the handler
 * goes byte-wise through vptr(), which can no longer fault.
 */
#include "access.h"
#include "ops.h"

/* An operand seen either as a host pointer (one block) or byte-wise. */
struct ssop {
	uint8_t *p;
	uint32_t va;
	enum acc acc;
};

static inline void ssop_init(struct cpu *c, struct ssop *o, uint32_t va, uint32_t len, enum acc acc)
{
	o->va = va & AMASK;
	o->acc = acc;
	o->p = vrange(c, o->va, len, acc);
}

static inline uint8_t *ssop_at(struct cpu *c, const struct ssop *o, uint32_t k)
{
	return o->p ? o->p + k : vptr(c, o->va + k, o->acc);
}

/* Copy n bytes (1..16), every source byte read before any is stored: the
 * same as memmove, without the call, for the short fields programs move
 * most.  Two overlapping pieces cover lengths between the powers of two. */
static inline void copy_short(uint8_t *dst, const uint8_t *src, uint32_t n)
{
	if (n >= 8) {
		uint64_t a, b;
		memcpy(&a, src, 8);
		memcpy(&b, src + n - 8, 8);
		memcpy(dst, &a, 8);
		memcpy(dst + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, src, 4);
		memcpy(&b, src + n - 4, 4);
		memcpy(dst, &a, 4);
		memcpy(dst + n - 4, &b, 4);
	} else {
		uint8_t a = src[0], b = src[n / 2], z = src[n - 1];
		dst[0] = a;
		dst[n / 2] = b;
		dst[n - 1] = z;
	}
}

/* Move n bytes left to right with the architected overlap rule.  Host ranges
 * overlap destructively only when dst lies inside (src, src+n). */
static inline void move_ltr(uint8_t *dst, const uint8_t *src, uint32_t n)
{
	if (dst <= src || dst >= src + n) {
		/* no destination byte is read after being stored */
		if (n <= 16)
			copy_short(dst, src, n);
		else
			memmove(dst, src, n);
	} else if (dst == src + 1) {
		memset(dst, *src, n); /* the classic one-byte propagation */
	} else {
		for (uint32_t k = 0; k < n; k++)
			dst[k] = src[k];
	}
}

/* MVC in general: operands anywhere, any overlap. */
static __attribute__((noinline)) void mvc_general(struct cpu *c, const struct insn *i)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	struct ssop s, d;
	ssop_init(c, &s, i->ea2, n, ACC_FETCH);
	ssop_init(c, &d, i->ea1, n, ACC_STORE);
	if (s.p && d.p) {
		move_ltr(d.p, s.p, n);
		return;
	}
	for (uint32_t k = 0; k < n; k++)
		*ssop_at(c, &d, k) = *ssop_at(c, &s, k);
}

/* D2 MVC — Move (Character) [SS]
 * A short field in one block each way, not overlapping destructively, is
 * moved here; everything else by mvc_general(). */
OP_INLINE void op_mvc(struct cpu *c, const struct insn *i)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	uint8_t *s = vrange_quick(c, i->ea2, n, ACC_FETCH);
	uint8_t *d = vrange_quick(c, i->ea1, n, ACC_STORE);
	if (s && d && n <= 16 && (d <= s || d >= s + n))
		copy_short(d, s, n);
	else
		mvc_general(c, i);
}

/* D1 MVN, D3 MVZ: move the numeric (right) or zone (left) halves. */
static void move_halves(struct cpu *c, const struct insn *i, uint8_t keep)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	struct ssop s, d;
	ssop_init(c, &s, i->ea2, n, ACC_FETCH);
	ssop_init(c, &d, i->ea1, n, ACC_STORE);
	uint8_t take = (uint8_t)~keep;
	for (uint32_t k = 0; k < n; k++) {
		uint8_t *dp = ssop_at(c, &d, k);
		*dp = (uint8_t)((*dp & keep) | (*ssop_at(c, &s, k) & take));
	}
}

/* D1 MVN — Move Numerics [SS] */
void op_mvn(struct cpu *c, const struct insn *i)
{
	move_halves(c, i, 0xF0);
}

/* D3 MVZ — Move Zones [SS] */
void op_mvz(struct cpu *c, const struct insn *i)
{
	move_halves(c, i, 0x0F);
}

/* NC, OC, XC: first operand = first op second; CC 0 if the result is all
 * zeros, else 1.  Left to right, byte at a time (XC of a field with itself
 * clears it). */
enum logic { L_AND, L_OR, L_XOR };

static void logic_ss(struct cpu *c, const struct insn *i, enum logic op)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	struct ssop s, d;
	ssop_init(c, &s, i->ea2, n, ACC_FETCH);
	ssop_init(c, &d, i->ea1, n, ACC_STORE);
	uint8_t any = 0;
	if (s.p && d.p) {
		uint8_t *dp = d.p;
		const uint8_t *sp = s.p;
		if (op == L_XOR && dp == sp) {
			memset(dp, 0, n);
		} else {
			for (uint32_t k = 0; k < n; k++) {
				uint8_t v = op == L_AND  ? dp[k] & sp[k]
				            : op == L_OR ? dp[k] | sp[k]
				                         : dp[k] ^ sp[k];
				dp[k] = v;
				any |= v;
			}
		}
	} else {
		for (uint32_t k = 0; k < n; k++) {
			uint8_t b = *ssop_at(c, &s, k);
			uint8_t *dp = ssop_at(c, &d, k);
			uint8_t v = op == L_AND ? *dp & b : op == L_OR ? *dp | b : *dp ^ b;
			*dp = v;
			any |= v;
		}
	}
	cpu_set_cc(c, any ? 1 : 0);
}

/* D4 NC — And (Character) [SS] */
void op_nc(struct cpu *c, const struct insn *i)
{
	logic_ss(c, i, L_AND);
}

/* D6 OC — Or (Character) [SS] */
void op_oc(struct cpu *c, const struct insn *i)
{
	logic_ss(c, i, L_OR);
}

/* D7 XC — Exclusive Or (Character) [SS] */
void op_xc(struct cpu *c, const struct insn *i)
{
	logic_ss(c, i, L_XOR);
}

/* Unsigned comparison of n bytes: 0 equal, 1 a low, 2 a high.  Short
 * fields as big-endian words (the first difference decides, as in memcmp),
 * without the call. */
static inline int compare_bytes(const uint8_t *a, const uint8_t *b, uint32_t n)
{
	if (n > 16) {
		int r = memcmp(a, b, n);
		return r == 0 ? 0 : r < 0 ? 1 : 2;
	}
	for (; n >= 8; a += 8, b += 8, n -= 8)
		if (be64(a) != be64(b))
			return be64(a) < be64(b) ? 1 : 2;
	if (n >= 4) {
		if (be32(a) != be32(b))
			return be32(a) < be32(b) ? 1 : 2;
		a += 4, b += 4, n -= 4;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return *a < *b ? 1 : 2;
	return 0;
}

/* CLC in general: operands anywhere. */
static __attribute__((noinline)) void clc_general(struct cpu *c, const struct insn *i)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	struct ssop a, b;
	ssop_init(c, &a, i->ea1, n, ACC_FETCH);
	ssop_init(c, &b, i->ea2, n, ACC_FETCH);
	int cc = 0;
	if (a.p && b.p) {
		cc = compare_bytes(a.p, b.p, n);
	} else {
		for (uint32_t k = 0; k < n; k++) {
			uint8_t x = *ssop_at(c, &a, k), y = *ssop_at(c, &b, k);
			if (x != y) {
				cc = x < y ? 1 : 2;
				break;
			}
		}
	}
	cpu_set_cc(c, cc);
}

/* D5 CLC — Compare Logical (Character) [SS]
 * Unsigned byte comparison, left to right: CC 0 equal, 1 first low, 2 first
 * high.  Short fields in one block each are compared here. */
OP_INLINE void op_clc(struct cpu *c, const struct insn *i)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	const uint8_t *a = vrange_quick(c, i->ea1, n, ACC_FETCH);
	const uint8_t *b = vrange_quick(c, i->ea2, n, ACC_FETCH);
	if (a && b && n <= 16)
		cpu_set_cc(c, compare_bytes(a, b, n));
	else
		clc_general(c, i);
}

/* The 256-byte table of TR/TRT.  Only the table bytes actually used are
 * accessed, so a table that straddles a block is read byte-wise. */
static inline const uint8_t *table_ptr(struct cpu *c, uint32_t va)
{
	va &= AMASK;
	if ((va & (BLOCK_SIZE - 1)) + 256 <= BLOCK_SIZE)
		return vptr(c, va, ACC_FETCH);
	return NULL;
}

static inline uint8_t table_byte(struct cpu *c, const uint8_t *t, uint32_t va, uint8_t b)
{
	return t ? t[b] : *vptr(c, va + b, ACC_FETCH);
}

/* DC TR — Translate [SS]
 * Each first-operand byte, left to right, is replaced by the byte of the
 * 256-byte table at the second-operand address plus its value. */
void op_tr(struct cpu *c, const struct insn *i)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	struct ssop d;
	ssop_init(c, &d, i->ea1, n, ACC_STORE);
	const uint8_t *t = table_ptr(c, i->ea2);
	if (d.p && t) {
		uint8_t *dp = d.p; /* byte by byte: the table may overlap the operand */
		for (uint32_t k = 0; k < n; k++)
			dp[k] = t[dp[k]];
		return;
	}
	/* Prove every table byte that will be used accessible before storing. */
	if (!t)
		for (uint32_t k = 0; k < n; k++)
			(void)vptr(c, i->ea2 + *ssop_at(c, &d, k), ACC_FETCH);
	for (uint32_t k = 0; k < n; k++) {
		uint8_t *dp = ssop_at(c, &d, k);
		*dp = table_byte(c, t, i->ea2, *dp);
	}
}

/* DD TRT — Translate and Test [SS]
 * The first operand is scanned left to right; each byte selects a function
 * byte in the table.  At the first nonzero function byte, GR1 bits 8-31 get
 * the address of the argument byte and GR2 bits 24-31 the function byte;
 * CC 1 if more argument bytes remain, 2 if it was the last.  CC 0 (registers
 * unchanged) if all function bytes are zero.  Nothing is stored. */
void op_trt(struct cpu *c, const struct insn *i)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	uint32_t a1 = i->ea1 & AMASK;
	const uint8_t *t = table_ptr(c, i->ea2);
	/* Only the argument bytes actually examined are accessed. */
	uint8_t *p = (a1 & (BLOCK_SIZE - 1)) + n <= BLOCK_SIZE ? vptr(c, a1, ACC_FETCH) : NULL;
	for (uint32_t k = 0; k < n; k++) {
		uint8_t arg = p ? p[k] : *vptr(c, a1 + k, ACC_FETCH);
		uint8_t fn = table_byte(c, t, i->ea2, arg);
		if (fn) {
			c->gpr[1] = (c->gpr[1] & 0xFF000000u) | ((a1 + k) & AMASK);
			c->gpr[2] = (c->gpr[2] & 0xFFFFFF00u) | fn;
			cpu_set_cc(c, k == n - 1 ? 2 : 1);
			return;
		}
	}
	cpu_set_cc(c, 0);
}

/* E8 MVCIN — Move Inverse [SS]
 * The second-operand address designates the RIGHTMOST byte of the second
 * operand; its bytes are placed in the first operand in reverse order.
 * (Overlap by more than one byte gives unpredictable results; we fetch the
 * whole second operand first.) */
void op_mvcin(struct cpu *c, const struct insn *i)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	uint32_t a2 = (i->ea2 - i->len1) & AMASK;
	uint8_t buf[256];
	vfetch_bytes(c, a2, buf, n);
	vcheck(c, i->ea1, n, ACC_STORE);
	uint8_t out[256];
	for (uint32_t k = 0; k < n; k++)
		out[k] = buf[n - 1 - k];
	vstore_bytes(c, i->ea1, out, n);
}
