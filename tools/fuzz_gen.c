/* fuzz_gen.c — random instruction streams for the differential fuzzer: the environment
 * (PSW, control registers, translation tables, storage keys, registers), the data area
 * and 1-23 instructions drawn from the opcode table with operands aimed at the data.
 * Everything follows from the stream's seed (and the --s37x and --all options); see
 * tools/fuzz370.c for what is excluded and why.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz370.h"

bool opt_s37x, opt_all;

/* ---- Random numbers: xorshift64*, one generator per stream -------------------------- */

static uint64_t rng_state;
static void rng_seed(uint64_t s)
{
	rng_state = s * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
	if (!rng_state)
		rng_state = 1;
}
static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}
static uint32_t rn(uint32_t n)
{
	return n ? rnd() % n : 0;
}
static bool pct(uint32_t p)
{
	return rn(100) < p;
}

/* Opcodes the generator draws from. */
struct gop {
	uint8_t op, op2;
	const struct opdef *d;
};
static struct gop gops[512];
static int ngops;

static bool excluded(const char *m)
{
	static const char *const no[] = {"SIO", "TIO",  "HIO", "TCH",  "DIAG",  "SIGP",  "SPX", "LPSW",
	                                 "SCK", "STCK", "SPT", "STPT", "STIDP", "STIDC", NULL};
	for (int k = 0; no[k]; k++)
		if (!strcmp(m, no[k]))
			return true;
	return false;
}

static void add_gop(uint8_t op, uint8_t op2, const struct opdef *d)
{
	if (!d->mnem || !d->mnem[0] || excluded(d->mnem))
		return;
	gops[ngops++] = (struct gop){op, op2, d};
}

void fz_init(void)
{
	for (int op = 0; op < 256; op++) {
		const struct opdef *d = &cpu_op_primary[op];
		if (!(d->flags & OPF_GROUP)) {
			add_gop((uint8_t)op, 0, d);
			continue;
		}
		if (op == 0xE3 || op == 0xEB) /* S37X only, named in byte 5: not generated (the */
			continue;             /* streams of every seed stay as they were) */
		int n2 = (op == 0xA7 || op == 0xC0) ? 16 : 256;
		for (int k = 0; k < n2; k++)
			add_gop((uint8_t)op, (uint8_t)k, cpu_op_group((uint8_t)op, (uint8_t)k));
	}
}

static bool is(const struct opdef *d, const char *m)
{
	return !strcmp(d->mnem, m);
}
static bool is_any(const struct opdef *d, const char *list)
{
	/* list: " A B C " */
	char key[16];
	snprintf(key, sizeof key, " %s ", d->mnem);
	return strstr(list, key) != NULL;
}

/* ---- Values ------------------------------------------------------------------------- */

static uint32_t rand_word(void)
{
	switch (rn(10)) {
	case 0:
		return 0;
	case 1:
		return rn(16);
	case 2:
		return 0u - rn(16); /* small negative */
	case 3:
		return 0x7FFFFFFF - rn(4);
	case 4:
		return 0x80000000u + rn(4);
	case 5:
		return rn(0x10000);
	case 6:
		return rnd() | 0x80000000u;
	default:
		return rnd();
	}
}

static uint64_t rand_hfp(void)
{
	uint64_t f = (uint64_t)rnd() << 32 | rnd();
	uint64_t sign = pct(30) ? 1ull << 63 : 0;
	uint64_t exp;
	switch (rn(8)) {
	case 0:
		return sign; /* zero (possibly negative) */
	case 1:
		exp = rn(4);
		break; /* near underflow */
	case 2:
		exp = 0x7C + rn(4);
		break; /* near overflow */
	default:
		exp = 0x3C + rn(10);
		break;
	}
	f &= 0x00FFFFFFFFFFFFFFull;
	if (pct(80)) /* normalized */
		f |= (uint64_t)(1 + rn(15)) << 52;
	else if (pct(50))
		f >>= 4 * rn(14);
	if (pct(20)) /* short values: low half zero */
		f &= 0x00FFFFFF00000000ull;
	return sign | exp << 56 | f;
}

/* Valid packed decimal of n bytes (mostly); returns the length. */
static int rand_packed(uint8_t *p, int n)
{
	int digits = pct(30) ? 1 + (int)rn((uint32_t)(2 * n - 1)) : 2 * n - 1;
	for (int k = 0; k < n; k++)
		p[k] = 0;
	for (int k = 0; k < 2 * n - 1; k++) {
		int dg = (k >= 2 * n - 1 - digits) ? (int)rn(10) : 0;
		if (k & 1)
			p[k / 2] |= (uint8_t)dg;
		else
			p[k / 2] |= (uint8_t)(dg << 4);
	}
	static const uint8_t signs[] = {0xC, 0xD, 0xF, 0xC, 0xD, 0xA, 0xB, 0xE};
	uint8_t sg = signs[rn(pct(90) ? 3 : 8)];
	p[n - 1] = (uint8_t)((p[n - 1] & 0xF0) | sg);
	if (pct(3)) /* an invalid digit */
		p[rn((uint32_t)n)] |= 0xA0;
	return n;
}

static void fill_data(struct stream *s)
{
	for (int c = 0; c < NCELL; c++) {
		uint8_t *p = s->data + 16 * c;
		uint32_t k = rn(100);
		enum cell kind = k < 28   ? C_PACKED
		                 : k < 40 ? C_RANDOM
		                 : k < 48 ? C_ZERO
		                 : k < 62 ? C_HFP
		                 : k < 70 ? C_EDIT
		                 : k < 78 ? C_ZONED
		                 : k < 90 ? C_INT
		                          : C_TEXT;
		s->cell[c] = (uint8_t)kind;
		switch (kind) {
		case C_PACKED:
			memset(p, 0, 16);
			s->plen[c] = (uint8_t)rand_packed(p, 1 + (int)rn(pct(50) ? 8 : 16));
			break;
		case C_RANDOM:
			for (int k2 = 0; k2 < 16; k2++)
				p[k2] = (uint8_t)rnd();
			break;
		case C_ZERO:
			memset(p, 0, 16);
			break;
		case C_HFP:
			for (int h = 0; h < 2; h++) {
				uint64_t v = rand_hfp();
				w32(p + 8 * h, (uint32_t)(v >> 32));
				w32(p + 8 * h + 4, (uint32_t)v);
			}
			break;
		case C_EDIT: {
			int n = 4 + (int)rn(12);
			p[0] = pct(70) ? 0x40 : (uint8_t)rnd(); /* fill */
			for (int k2 = 1; k2 < 16; k2++) {
				uint32_t r = rn(10);
				p[k2] = k2 >= n ? 0x40
				        : r < 6 ? 0x20
				        : r < 7 ? 0x21
				        : r < 8 ? 0x22
				        : r < 9 ? 0x4B
				                : 0x6B;
			}
			s->plen[c] = (uint8_t)n;
			break;
		}
		case C_ZONED:
			for (int k2 = 0; k2 < 16; k2++)
				p[k2] = (uint8_t)(0xF0 | rn(10));
			if (pct(30))
				p[15] = (uint8_t)(0xD0 | rn(10));
			break;
		case C_INT:
			for (int k2 = 0; k2 < 4; k2++)
				w32(p + 4 * k2, rand_word());
			break;
		case C_TEXT:
			for (int k2 = 0; k2 < 16; k2++)
				p[k2] = pct(20) ? 0x00 : (uint8_t)(0xC1 + rn(9));
			break;
		}
	}
}

/* ---- Environment: PSW, control registers, tables, keys ------------------------------ */

static void set_pte(struct stream *s, uint32_t pt, uint32_t px, uint32_t frame, bool valid, bool code)
{
	bool k4 = s->pfmt & 1;
	uint32_t v = frame >> 8;
	if (!valid)
		v |= k4 ? 0x0008 : 0x0004;
	/* Bit 14 of a 2K-page entry must be zero: translation specification.  (Bits 13-14 of a
	 * 4K-page entry are not used: with the extended-real-addressing facility they are
	 * frame-address bits, GA22-7000-10 "Translation-Specification Exception".) */
	if (!k4 && (!code || opt_all) && pct(2))
		v |= 0x0002;
	if (code && opt_all && pct(5))
		v |= k4 ? 0x0008 : 0x0004;
	w16(s->tables + (pt - TABLES_R) + 2 * px, v);
}

static void build_tables(struct stream *s)
{
	bool k4 = s->pfmt & 1, m1 = s->pfmt & 2;
	uint32_t segsh = m1 ? 20 : 16, pgsh = k4 ? 12 : 11;
	uint32_t nseg = 1u << (24 - segsh), npte = 1u << (segsh - pgsh);
	memset(s->tables, 0, sizeof s->tables);
	for (uint32_t k = 0; k < nseg; k++)
		w32(s->tables + 4 * k, 0x00000001); /* invalid */
	for (uint32_t k = 0; k < 2; k++)
		for (uint32_t p = 0; p < npte; p++)
			w16(s->tables + 0x400 + 0x400 * k + 2 * p, k4 ? 0x0008 : 0x0004);
	/* Data area: a random 4K-aligned address above the code page. */
	uint32_t dseg;
	do {
		s->vd = pct(40) ? (0x1000 + rn((1u << segsh) - 0x1000)) & ~0xFFFu : (rn(0x1000000) & ~0xFFFu);
		dseg = s->vd >> segsh;
	} while (s->vd < 0x1000);
	uint32_t code_pt = TABLES_R + 0x400, data_pt = dseg == 0 ? code_pt : TABLES_R + 0x800;
	uint32_t stl = nseg / 16 - 1;
	if (dseg >= 16 && pct(5)) /* short segment table: the data segment is beyond it */
		stl = rn(dseg / 16);
	s->cr[1] = stl << 24 | TABLES_R;
	uint32_t full = 15, dptl = full;
	if (opt_all && pct(5)) /* short page table for the data segment */
		dptl = rn(16);
	w32(s->tables + 0, full << 28 | code_pt);
	if (dseg)
		w32(s->tables + 4 * dseg, dptl << 28 | data_pt | (pct(3) ? 1 : 0));
	else
		w32(s->tables + 0, dptl << 28 | code_pt);
	if (k4) {
		s->code_real = 0x1800;
		set_pte(s, code_pt, 0, 0x1000, true, true);
		set_pte(s, data_pt, (s->vd >> 12) & (npte - 1), DATA_R, !pct(8), false);
	} else {
		s->code_real = 0x800;
		set_pte(s, code_pt, 1, 0x800, true, true);
		set_pte(s, data_pt, (s->vd >> 11) & (npte - 1), DATA_R, !pct(8), false);
		set_pte(s, data_pt, ((s->vd >> 11) + 1) & (npte - 1), DATA_R + 0x800, !pct(8), false);
	}
}

static uint8_t block_key(const struct stream *s, bool data)
{
	uint32_t r = rn(100);
	uint8_t k = (uint8_t)(s->key << 4);
	if (data)
		return r < 85   ? k
		       : r < 90 ? 0x00
		       : r < 95 ? (uint8_t)((rn(16) << 4) | 0x08)
		                : (uint8_t)(rnd() & 0xF8);
	uint8_t code = r < 85 ? 0x00 : r < 95 ? k : (uint8_t)(rnd() & 0xF8);
	return opt_all ? code : (uint8_t)(code & ~0x08); /* see opt_all */
}

static void environment(struct stream *s)
{
	s->ec = pct(60);
	s->dat = s->ec && pct(60);
	s->problem = pct(50);
	s->key = s->dat && pct(30) ? 0 : 1 + (int)rn(15);
	s->pfmt = (int)rn(4);
	memset(s->cr, 0, sizeof s->cr);
	build_tables(s);
	/* A DAT-off stream that turns DAT on (SSM, STOSM) with an invalid format would meet a
	 * translation-specification exception in instruction fetch (D1): only with --all. */
	if (s->dat || !opt_all || pct(50))
		s->cr[0] = (s->pfmt & 1 ? 0x00800000u : 0x00400000u) | (s->pfmt & 2 ? 0x00100000u : 0);
	if (pct(10))
		s->cr[0] |= CR0_LAP;
	if (pct(5))
		s->cr[0] |= CR0_SSM_SUPPRESS;
	s->cr[8] = pct(50) ? rn(0x10000) : 0;
	s->cr[14] = 0xC2000000u;
	s->cr[15] = 0x200;
	if (!s->dat) {
		s->vd = DATA_R;
		s->code_real = 0x800;
	}
	memset(s->keys, 0x08, sizeof s->keys);
	s->keys[1] = block_key(s, false);
	s->keys[2] = s->keys[3] = block_key(s, false);
	s->keys[4] = block_key(s, true);
	s->keys[5] = pct(70) ? s->keys[4] : block_key(s, true);
	int cc = (int)rn(4), pm = (int)rn(16);
	uint8_t *p = s->psw;
	if (s->ec) {
		p[0] = s->dat ? SM_DAT : 0;
		p[1] = (uint8_t)(s->key << 4 | PSW_EC | (s->problem ? PSW_P : 0));
		p[2] = (uint8_t)(cc << 4 | pm);
		p[3] = 0;
		w32(p + 4, CODE_V);
	} else {
		p[0] = 0;
		p[1] = (uint8_t)(s->key << 4 | (s->problem ? PSW_P : 0));
		p[2] = p[3] = 0;
		w32(p + 4, CODE_V);
		p[4] = (uint8_t)(cc << 4 | pm);
	}
	/* Registers: a few pointers into the data area, the rest random. */
	s->ptrmask = 0;
	for (int k = 0; k < 16; k++)
		s->gr[k] = rand_word();
	for (int k = 0; k < 4; k++) {
		int r = 1 + (int)rn(15);
		s->ptrmask |= (uint16_t)(1u << r);
		s->gr[r] = s->vd + 8 * rn(64);
		if (pct(10))
			s->gr[r] |= rnd() & 0xFF000000u;
	}
	for (int k = 0; k < 4; k++)
		s->fpr[k] = rand_hfp();
}

/* ---- Instructions ------------------------------------------------------------------- */

static int reg(void)
{
	return (int)rn(16);
}
static int even(void)
{
	return pct(90) ? 2 * (int)rn(8) : reg();
}
static int freg(void)
{
	return pct(92) ? 2 * (int)rn(4) : reg();
}
static int xfreg(void)
{
	return pct(90) ? 4 * (int)rn(2) : freg();
}

/* A register to be written: mostly not one of the data pointers. */
static int treg(const struct stream *s)
{
	for (int t = 0; t < 4; t++) {
		int r = reg();
		if (!(s->ptrmask >> r & 1) || pct(30))
			return r;
	}
	return reg();
}

/* Base and displacement for an operand of len bytes aligned to al, aimed at the data
 * area (offset t, or a random one if t < 0) through a pointer register. */
static void operand(const struct stream *s, int len, int al, int t, int *b, uint32_t *d)
{
	uint32_t r = rn(100);
	if (r < 93 && s->ptrmask) {
		int p;
		do
			p = 1 + (int)rn(15);
		while (!(s->ptrmask >> p & 1));
		uint32_t off = (s->gr[p] & 0xFFFFFF) - s->vd;
		if (t < 0) {
			int span = DATA_LEN - len;
			t = (int)rn((uint32_t)(span > 0 ? span : 1));
			if (al > 1 && pct(92))
				t &= ~(al - 1);
		}
		*b = p;
		*d = (uint32_t)t - off <= 4095 ? (uint32_t)t - off : rn(4096);
		return;
	}
	*b = r < 97 ? 0 : reg();
	*d = rn(4096);
}

/* A cell of the wanted kind (random one if there is none). */
static int find_cell(const struct stream *s, enum cell kind)
{
	for (int t = 0; t < 64; t++) {
		int c = (int)rn(NCELL);
		if (s->cell[c] == kind)
			return c;
	}
	return (int)rn(NCELL);
}

static void put_bd(uint8_t *p, int b, uint32_t d)
{
	p[0] = (uint8_t)(b << 4 | (d >> 8 & 15));
	p[1] = (uint8_t)d;
}

static int ss_len(void)
{
	uint32_t r = rn(100);
	return r < 50 ? (int)rn(16) : r < 80 ? (int)rn(64) : (int)rn(256);
}

/* ED, EDMK: a pattern and a packed source that do not overlap, since the result of
 * overlapping operands is unpredictable (M12): one base, and at least 272 bytes apart (a
 * pattern has at most 256 bytes, its source at most 128, also when EXECUTE ORs bits
 * into the length). */
static void edit_operands(const struct stream *s, int *l, int *b1, uint32_t *d1, int *b2, uint32_t *d2)
{
	int p = 0;
	if (s->ptrmask)
		do
			p = 1 + (int)rn(15);
		while (!(s->ptrmask >> p & 1));
	uint32_t off = p ? (s->gr[p] & 0xFFFFFF) - s->vd : 0;
	*b1 = *b2 = p;
	for (int t = 0; t < 32; t++) {
		int c1 = find_cell(s, C_EDIT), c2 = find_cell(s, C_PACKED);
		uint32_t x1 = 16 * (uint32_t)c1 - off, x2 = 16 * (uint32_t)c2 - off;
		if (abs(c1 - c2) >= 17 && x1 <= 4095 && x2 <= 4095) {
			*l = s->cell[c1] == C_EDIT && pct(85) ? s->plen[c1] - 1 : ss_len();
			*d1 = x1, *d2 = x2;
			return;
		}
	}
	uint32_t gap = rn(64);
	*l = ss_len();
	*d1 = rn(3500);
	*d2 = *d1 + 272 + gap <= 4095 ? *d1 + 272 + gap : *d1 - 144 - gap;
}

/* Fill in the operands of opcode g; sets the branch fix-up. */
static void operands(struct stream *s, const struct gop *g, struct gi *x, bool for_ex)
{
	const struct opdef *d = g->d;
	uint8_t *b = x->b;
	int bb;
	uint32_t dd;
	b[0] = g->op;
	x->len = cpu_insn_length(g->op);
	x->fix = FX_NONE;
	switch (d->fmt) {
	case F_RR: {
		int r1 = treg(s), r2 = reg();
		if (g->op >= 0x20 && g->op < 0x40) {
			r1 = freg(), r2 = freg();
			if (is_any(d, " MXR AXR SXR "))
				r1 = xfreg(), r2 = xfreg();
			else if (is_any(d, " MXDR "))
				r1 = xfreg();
			else if (is_any(d, " LRDR "))
				r2 = xfreg();
		} else if (is_any(d, " MR DR ")) {
			r1 = even();
		} else if (is_any(d, " MVCL CLCL ")) {
			r1 = even(), r2 = even();
		} else if (is_any(d, " BCR BALR BASR BCTR ")) {
			if (pct(50))
				r2 = 0;
			else if (r2) {
				x->fix = FX_LA;
			}
			if (is(d, "BCR"))
				r1 = reg();
		} else if (is(d, "SVC")) {
			r1 = (int)rn(16), r2 = (int)rn(16);
		}
		b[1] = (uint8_t)(r1 << 4 | r2);
		break;
	}
	case F_RX: {
		int r1 = treg(s), x2 = pct(85) ? 0 : reg();
		int len = 4, al = 4, t = -1;
		if (g->op >= 0x60 && g->op < 0x80) {
			r1 = is(d, "MXD") ? xfreg() : freg();
			len = g->op < 0x70 ? 8 : 4;
			al = len;
		} else if (is_any(d, " STH LH CH AH SH MH ")) {
			len = al = 2;
		} else if (is_any(d, " STC IC LA EX ")) {
			len = al = 1;
		} else if (is_any(d, " CVB CVD ")) {
			len = al = 8;
			if (is(d, "CVB") && pct(80)) {
				int c = find_cell(s, C_PACKED);
				t = 16 * c;
			}
		} else if (is_any(d, " M D ")) {
			r1 = even();
		}
		if (is_any(d, " BC BAL BAS BCT ")) {
			if (is(d, "BC"))
				r1 = reg();
			x2 = 0, bb = 0, dd = 0;
			x->fix = FX_D2;
		} else if (is(d, "EX")) {
			x2 = 0, bb = 0, dd = 0;
			r1 = pct(40) ? 0 : reg();
			x->fix = for_ex ? FX_NONE : FX_EX; /* EX of EX: execute exception */
			if (for_ex)
				dd = CODE_V;
		} else {
			operand(s, len, al, t, &bb, &dd);
		}
		b[1] = (uint8_t)(r1 << 4 | x2);
		put_bd(b + 2, bb, dd);
		break;
	}
	case F_RS: {
		int r1 = treg(s), r3 = reg(), len = 4, al = 4;
		if (is_any(d, " SRL SLL SRA SLA SRDL SLDL SRDA SLDA ")) {
			if (g->op >= 0x8C)
				r1 = even();
			r3 = 0;
			bb = pct(85) ? 0 : reg();
			dd = pct(85) ? rn(64) : rn(4096);
		} else if (is_any(d, " BXH BXLE ")) {
			bb = 0, dd = 0;
			x->fix = FX_D2;
		} else {
			if (is_any(d, " LM STM ")) {
				len = 4 * (((r3 - r1) & 15) + 1);
			} else if (is(d, "CDS")) {
				r1 = even(), r3 = even(), len = al = 8;
			} else if (is_any(d, " CLM STCM ICM ")) {
				len = al = 1;
			} else if (is(d, "LCTL")) {
				r1 = pct(50) ? 2 + (int)rn(7) : 12 + (int)rn(4);
				r3 = r1 + (int)rn(r1 <= 8 ? (uint32_t)(9 - r1) : (uint32_t)(16 - r1));
				len = 4 * (r3 - r1 + 1);
			} else if (is(d, "STCTL")) {
				len = 4 * (((r3 - r1) & 15) + 1);
			}
			operand(s, len, al, -1, &bb, &dd);
		}
		b[1] = (uint8_t)(r1 << 4 | r3);
		put_bd(b + 2, bb, dd);
		break;
	}
	case F_SI: {
		int i2 = (int)rn(256);
		if (is(d, "MC"))
			i2 = pct(90) ? (int)rn(16) : i2;
		if (is(d, "STNSM") && s->key == 0 && s->dat)
			i2 |= SM_DAT;
		operand(s, 1, 1, -1, &bb, &dd);
		b[1] = (uint8_t)i2;
		put_bd(b + 2, bb, dd);
		break;
	}
	case F_S: {
		int len = 4, al = 4;
		b[1] = g->op == 0xB2 ? g->op2 : (uint8_t)rnd();
		if (is_any(d, " SCKC STCKC "))
			len = al = 8;
		else if (is(d, "STAP"))
			len = al = 2;
		else if (is_any(d, " TS SSM "))
			len = al = 1;
		operand(s, len, al, -1, &bb, &dd);
		put_bd(b + 2, bb, dd);
		break;
	}
	case F_SS: {
		int l = ss_len(), b1, b2;
		uint32_t d1, d2;
		b[1] = g->op == 0xE5 ? g->op2 : 0;
		if (is(d, "TPROT")) {
			operand(s, 1, 1, -1, &b1, &d1);
			b2 = 0, d2 = pct(60) ? (uint32_t)s->key << 4 : rn(16) << 4;
		} else if (g->op >= 0xF0) { /* decimal: L1 and L2 */
			int c1 = pct(85) ? find_cell(s, C_PACKED) : (int)rn(NCELL);
			int c2 = pct(85) ? find_cell(s, C_PACKED) : (int)rn(NCELL);
			int l1 = s->cell[c1] == C_PACKED && pct(80) ? s->plen[c1] - 1 : (int)rn(16);
			int l2 = s->cell[c2] == C_PACKED && pct(80) ? s->plen[c2] - 1 : (int)rn(16);
			if (is(d, "PACK") && pct(70))
				c2 = find_cell(s, C_ZONED);
			if (is(d, "SRP")) { /* L2 is the rounding digit, D2(B2) the shift */
				l2 = pct(80) ? 5 : (int)rn(16);
				operand(s, l1 + 1, 1, 16 * c1, &b1, &d1);
				b2 = pct(80) ? 0 : reg();
				d2 = pct(80) ? rn(64) : rn(4096);
			} else {
				operand(s, l1 + 1, 1, 16 * c1, &b1, &d1);
				operand(s, l2 + 1, 1, 16 * c2, &b2, &d2);
			}
			b[1] = (uint8_t)(l1 << 4 | l2);
		} else if (is_any(d, " ED EDMK ")) {
			edit_operands(s, &l, &b1, &d1, &b2, &d2);
			b[1] = (uint8_t)l;
		} else {
			operand(s, l + 1, 1, -1, &b1, &d1);
			operand(s, is_any(d, " TR TRT ") ? 256 : l + 1, 1, -1, &b2, &d2);
			if (is(d, "MVCIN")) {
				/* Overlapping operands give unpredictable results (GA22-7000 MOVE
				 * INVERSE).  Operand 1 is D1..D1+L, operand 2 (addressed by its
				 * rightmost byte) D2-L..D2: same base, kept apart (for any L when
				 * EXECUTE may OR bits into it). */
				b2 = b1;
				uint32_t gap = rn(64), sep = for_ex ? 511 : 2 * (uint32_t)l + 1;
				d2 = d1 + sep + gap <= 4095 ? d1 + sep + gap
				                            : d1 - 1 - gap; /* d1 > 3000 here */
			}
			b[1] = (uint8_t)l;
		}
		put_bd(b + 2, b1, d1);
		put_bd(b + 4, b2, d2);
		break;
	}
	case F_RI: {
		int r1 = treg(s);
		int32_t imm = (int32_t)(int16_t)rand_word();
		b[1] = (uint8_t)(r1 << 4 | g->op2);
		if (is_any(d, " BRC BRAS BRCT ")) {
			x->fix = FX_REL16;
			if (is(d, "BRC"))
				b[1] = (uint8_t)(reg() << 4 | g->op2);
		}
		w16(b + 2, (uint32_t)imm);
		break;
	}
	case F_RIL: {
		b[1] = (uint8_t)(treg(s) << 4 | g->op2);
		w32(b + 2, rand_word());
		if (!is(d, "LARL"))
			x->fix = FX_REL32;
		break;
	}
	case F_RSI:
		b[1] = (uint8_t)(treg(s) << 4 | reg());
		x->fix = FX_REL16;
		break;
	case F_RRE: {
		int r1 = treg(s), r2 = reg();
		if (is_any(d, " MLR DLR "))
			r1 = even();
		b[1] = g->op2;
		b[2] = 0;
		b[3] = (uint8_t)(r1 << 4 | r2);
		break;
	}
	default:
		break;
	}
	/* No branches under EX: EX's R1 could make them go anywhere.  No B2xx
	 * either: OR-ing R1 into the second opcode byte can make a clock
	 * instruction (SCKC B206 becomes STCKC B207, model-dependent: M5).
	 * LR instead. */
	if (for_ex && (x->fix != FX_NONE || b[0] == 0xB2 ||
		       is_any(d, " BCR BALR BASR BCTR BC BAL BAS BCT BXH BXLE ")))
		x->fix = FX_NONE, b[0] = 0x18, b[1] = 0x00, x->len = 2;
}

/* Draw an opcode allowed in this stream. */
static const struct gop *draw(const struct stream *s)
{
	for (;;) {
		const struct gop *g = &gops[rn((uint32_t)ngops)];
		if ((g->d->flags & OPF_S37X) && !opt_s37x && !pct(15))
			continue; /* S37X off: a few, for the operation exception */
		if ((g->d->flags & OPF_PRIV) && s->problem && pct(80))
			continue; /* a few, for the privileged-operation exception: streams run longer */
		if (is(g->d, "SSM") && s->dat && s->key == 0)
			continue;
		if (is(g->d, "SSK") && !s->dat && !s->problem)
			continue; /* could give the driver's block 0 the stream's key */
		if (is(g->d, "STCKC"))
			continue; /* bits beyond the clock's resolution: model-dependent (M5) */
		if (is_any(g->d, " MVCL CLCL ") && pct(50))
			continue; /* long and rarely meaningful with random registers */
		if (!opt_all &&
		    (is(g->d, "RRB") || (is(g->d, "ISK") && s->ec) || (is(g->d, "IPM") && !opt_s37x)))
			continue; /* see opt_all */
		return g;
	}
}

/* ---- A whole stream ----------------------------------------------------------------- */

void fz_generate(struct stream *s, uint64_t seed)
{
	memset(s, 0, sizeof *s);
	s->seed = seed;
	rng_seed(seed);
	environment(s);
	fill_data(s);
	int want = pct(20) ? 1 + (int)rn(4) : 4 + (int)rn(17);
	s->next = 0;
	for (int k = 0; k < MAX_EXT; k++) {
		/* Not LCTL: EXECUTE's R1 could widen its range to CR0 and CR1. */
		const struct gop *g;
		do
			g = draw(s);
		while (is(g->d, "LCTL"));
		operands(s, g, &s->ext[k], true);
	}
	while (s->n < want && s->n < MAX_INSN - 1) {
		struct gi x = {0};
		operands(s, draw(s), &x, false);
		if (x.fix == FX_LA) { /* LA r2,target then the RR branch */
			struct gi *la = &s->in[s->n++];
			memset(la, 0, sizeof *la);
			la->b[0] = 0x41;
			la->b[1] = (uint8_t)((x.b[1] & 15) << 4);
			la->len = 4;
			la->fix = FX_D2;
			x.fix = FX_NONE;
			x.paired = true;
		}
		s->in[s->n++] = x;
	}
	/* Targets: forward only (n = the final SVC). */
	for (int k = 0; k < s->n; k++) {
		struct gi *x = &s->in[k];
		if (x->fix == FX_EX)
			x->target = (int)rn(MAX_EXT);
		else if (x->fix != FX_NONE)
			x->target = k + 1 + (int)rn((uint32_t)(s->n - k));
		if (x->fix == FX_D2 && x->b[0] == 0x41) /* the LA before an RR branch: past it */
			x->target = k + 2 + (int)rn((uint32_t)(s->n - k - 1));
		if (x->fix != FX_NONE && x->fix != FX_EX && x->target < s->n && s->in[x->target].paired)
			x->target++; /* not between an LA and its branch */
	}
	/* Layout and fix-ups. */
	uint32_t a = CODE_V;
	for (int k = 0; k < s->n; k++)
		s->off[k] = a, a += (uint32_t)s->in[k].len;
	s->off[s->n] = a;
	a += 2; /* SVC 255 */
	for (int k = 0; k < MAX_EXT; k++)
		s->extoff[k] = a, a += (uint32_t)s->ext[k].len;
	for (int k = 0; k < s->n; k++) {
		struct gi *x = &s->in[k];
		if (x->fix == FX_NONE)
			continue;
		uint32_t t = x->fix == FX_EX ? s->extoff[x->target] : s->off[x->target];
		int32_t rel = ((int32_t)t - (int32_t)s->off[k]) / 2;
		switch (x->fix) {
		case FX_D2:
		case FX_EX:
			put_bd(x->b + 2, 0, t);
			break;
		case FX_REL16:
			w16(x->b + 2, (uint32_t)rel);
			break;
		case FX_REL32:
			w32(x->b + 2, (uint32_t)rel);
			break;
		default:
			break;
		}
	}
	memset(s->code, 0, sizeof s->code);
	for (int k = 0; k < s->n; k++)
		memcpy(s->code + s->off[k] - CODE_V, s->in[k].b, (size_t)s->in[k].len);
	s->code[s->off[s->n] - CODE_V] = 0x0A;
	s->code[s->off[s->n] - CODE_V + 1] = 0xFF;
	for (int k = 0; k < MAX_EXT; k++)
		memcpy(s->code + s->extoff[k] - CODE_V, s->ext[k].b, (size_t)s->ext[k].len);
}

void fz_write_record(const struct stream *s, uint8_t *r)
{
	memcpy(r, s->psw, 8);
	for (int k = 0; k < 16; k++)
		w32(r + 0x10 + 4 * k, s->gr[k]);
	for (int k = 0; k < 4; k++) {
		w32(r + 0x50 + 8 * k, (uint32_t)(s->fpr[k] >> 32));
		w32(r + 0x54 + 8 * k, (uint32_t)s->fpr[k]);
	}
	for (int k = 0; k < 16; k++)
		w32(r + 0x70 + 4 * k, s->cr[k]);
	memcpy(r + 0xB0, s->keys, 32);
	w32(r + 0xD0, s->code_real);
	memcpy(r + REC_CODE, s->code, CODE_LEN);
	memcpy(r + REC_DATA, s->data, DATA_LEN);
	memcpy(r + REC_TABLES, s->tables, TABLES_LEN);
}

void fz_show(const struct stream *s, FILE *f)
{
	static const char *const fmts[] = {"2K pages, 64K segments", "4K pages, 64K segments",
	                                   "2K pages, 1M segments", "4K pages, 1M segments"};
	fprintf(f, "stream %llu: %s mode, DAT %s, %s state, key %d, PSW %02X%02X%02X%02X %02X%02X%02X%02X\n",
	        (unsigned long long)s->seed, s->ec ? "EC" : "BC", s->dat ? "on" : "off",
	        s->problem ? "problem" : "supervisor", s->key, s->psw[0], s->psw[1], s->psw[2], s->psw[3],
	        s->psw[4], s->psw[5], s->psw[6], s->psw[7]);
	fprintf(f,
	        "  data at %06X (real %06X), %s, CR0=%08X CR1=%08X CR8=%08X, keys code %02X data %02X %02X\n",
	        s->vd, DATA_R, fmts[s->pfmt], s->cr[0], s->cr[1], s->cr[8], s->keys[s->code_real >> 11],
	        s->keys[4], s->keys[5]);
	for (int k = 0; k < 16; k++)
		fprintf(f, "%sGR%02d=%08X%s", k % 8 ? "" : "  ", k, s->gr[k], k % 8 == 7 ? "\n" : " ");
	for (int k = 0; k < 4; k++)
		fprintf(f, "%sFPR%d=%016llX%s", k ? "" : "  ", 2 * k, (unsigned long long)s->fpr[k],
		        k == 3 ? "\n" : " ");
	char text[80];
	for (int k = 0; k <= s->n; k++) {
		const uint8_t *b = s->code + s->off[k] - CODE_V;
		int len = cpu_insn_length(b[0]);
		cpu_disasm(b, s->off[k], text, sizeof text);
		fprintf(f, "  %06X  ", s->off[k]);
		for (int j = 0; j < 6; j++)
			fprintf(f, j < len ? "%02X" : "  ", b[j]);
		fprintf(f, "  %s\n", text);
	}
	for (int k = 0; k < MAX_EXT; k++) {
		bool used = false;
		for (int j = 0; j < s->n; j++)
			used |= s->in[j].fix == FX_EX && s->in[j].target == k;
		if (!used)
			continue;
		const uint8_t *b = s->code + s->extoff[k] - CODE_V;
		cpu_disasm(b, s->extoff[k], text, sizeof text);
		fprintf(f, "  %06X  ", s->extoff[k]);
		for (int j = 0; j < 6; j++)
			fprintf(f, j < cpu_insn_length(b[0]) ? "%02X" : "  ", b[j]);
		fprintf(f, "  %s   (EX target)\n", text);
	}
}
