/* test_ccwtrans.c — CP's CCW translation (cp/ccwtrans.c), on the host.
 *
 * ccwtrans.c is plain C: here it is compiled for the host and given a
 * virtual machine whose "real storage" is a region mapped at a low address
 * (a channel program holds 24-bit addresses, so CP's copies, IDAWs and the
 * guest's frames must all lie below 16M).  The guest's 64 pages are frames
 * in that region in a scrambled order, as CP's frames_get hands them out,
 * so every check below fails if translation forgets that the guest's
 * storage is contiguous only page by page.  Each test builds a guest
 * channel program in guest storage, translates it, and checks the real CCWs,
 * IDAWs, arguments, fixed pages, or the reason it was refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "../../cp/ccwtrans.c"

enum { REGION = 0x200000, REGION_SIZE = 0x200000, GPAGES = 64 };

static uint8_t *region;
static struct vm vm;
static uint16_t pt[GPAGES + 16];
static uint8_t fixed[GPAGES];
static struct vdev md; /* a minidisk: cylinders 10-14 */
static struct xlate *xl;

/* ---- what ccwtrans.c needs of vmrun.c, over the fake machine ---- */
uint8_t *vm_addr(struct vm *v, uint32_t a, uint32_t n)
{
	a &= 0xFFFFFF;
	if (!n || a + n > v->pages * 4096u || (a >> 12) != ((a + n - 1) >> 12))
		return NULL;
	uint16_t e = v->pt[a >> 12];
	if (e & 0x0008)
		return NULL;
	return (uint8_t *)(uintptr_t)((uint32_t)(e >> 4) << 12 | (a & 0xFFF));
}

bool vm_fetch(struct vm *v, uint32_t a, void *buf, uint32_t n)
{
	uint8_t *b = buf;
	if ((a & 0xFFFFFF) + n > v->pages * 4096u)
		return false;
	for (uint32_t k = 0; k < n; k++)
		b[k] = *vm_addr(v, a + k, 1);
	return true;
}

bool vm_store(struct vm *v, uint32_t a, const void *buf, uint32_t n)
{
	const uint8_t *b = buf;
	if ((a & 0xFFFFFF) + n > v->pages * 4096u)
		return false;
	for (uint32_t k = 0; k < n; k++)
		*vm_addr(v, a + k, 1) = b[k];
	return true;
}

/* the guest's page p is in frame frame_of(p): scrambled, none next to the one before */
static uint32_t frame_of(uint32_t p) { return REGION + 0x10000 + ((p * 37) % GPAGES) * 4096u; }
static uint32_t real_of(uint32_t a) { return frame_of(a >> 12) + (a & 4095); }
static uint8_t *g(uint32_t a) { return (uint8_t *)(uintptr_t)real_of(a); }

static void put_ccw(uint32_t at, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
	uint8_t *p = g(at);
	p[0] = cmd;
	p[1] = (uint8_t)(addr >> 16);
	p[2] = (uint8_t)(addr >> 8);
	p[3] = (uint8_t)addr;
	p[4] = flags;
	p[5] = 0;
	p[6] = (uint8_t)(count >> 8);
	p[7] = (uint8_t)count;
}

static void put_word(uint32_t at, uint32_t w) { cp_put32(g(at), w); }

static uint32_t ccw_addr(int k) { return (uint32_t)xl->real[k].addr[0] << 16 | xl->real[k].addr[1] << 8 | xl->real[k].addr[2]; }
static uint32_t idaw(int k, int n) { return ((uint32_t *)(uintptr_t)ccw_addr(k))[n]; }

static int setup(void **state)
{
	(void)state;
	if (!region) {
		void *m = mmap((void *)(uintptr_t)REGION, REGION_SIZE, PROT_READ | PROT_WRITE,
		               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (m == MAP_FAILED || m != (void *)(uintptr_t)REGION)
			return -1;
		region = m;
	}
	memset(region, 0, REGION_SIZE);
	memset(&vm, 0, sizeof vm);
	memset(fixed, 0, sizeof fixed);
	vm.pages = GPAGES;
	vm.pt = pt;
	vm.fixed = fixed;
	for (uint32_t p = 0; p < GPAGES + 16; p++)
		pt[p] = p < GPAGES ? (uint16_t)(frame_of(p) >> 8) : 0x0008;
	memset(&md, 0, sizeof md);
	md.kind = VDEV_MDISK;
	md.start = 10;
	md.count = 5;
	md.write = true;
	xl = (struct xlate *)(region + 0x1000); /* CP's storage: below 16M too */
	xl_begin(xl, false);
	return 0;
}

static bool translate_at(uint32_t at, int *why)
{
	bool sfm = false;
	*why = 0;
	return xl_translate(&vm, &md, at, xl, &sfm, why);
}

/* A data area inside one page: the real address, no IDAWs; the page fixed. */
static void test_within_a_page(void **state)
{
	(void)state;
	int why;
	put_ccw(0x100, 0x06, 0x1010, CCW_SLI, 100);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(xl->n, 1);
	assert_int_equal(xl->real[0].cmd, 0x06);
	assert_int_equal(ccw_addr(0), real_of(0x1010));
	assert_int_equal(xl->real[0].flags, CCW_SLI);
	assert_int_equal(xl->real[0].count, 100);
	assert_int_equal(xl->nidaw, 0);
	assert_int_equal(fixed[1], 1);
	xl_unfix(&vm, xl);
	assert_int_equal(fixed[1], 0);
}

/* 6000 bytes from X'1F00': IDAWs for X'1F00', X'2000', X'2800', X'3000'. */
static void test_across_pages(void **state)
{
	(void)state;
	int why;
	put_ccw(0x100, 0x06, 0x1F00, 0, 6000);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(xl->real[0].flags, 0x04);
	assert_int_equal(xl->nidaw, 4);
	assert_int_equal(idaw(0, 0), real_of(0x1F00));
	assert_int_equal(idaw(0, 1), real_of(0x2000));
	assert_int_equal(idaw(0, 2), real_of(0x2800));
	assert_int_equal(idaw(0, 3), real_of(0x3000));
	assert_int_equal(fixed[1] + fixed[2] + fixed[3], 3);
	assert_int_equal(vm.count.idaws, 4);
}

/* Read backward (a tape dedicated to the machine: a minidisk has no such
 * command), 3000 bytes ending at X'2100': the first IDAW names X'2100', the
 * next ones the last byte of each block below. */
static void test_read_backward_across_pages(void **state)
{
	(void)state;
	int why;
	xl_begin(xl, true);
	put_ccw(0x100, 0x0C, 0x2100, 0, 3000);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(xl->nidaw, 3);
	assert_int_equal(idaw(0, 0), real_of(0x2100));
	assert_int_equal(idaw(0, 1), real_of(0x1FFF));
	assert_int_equal(idaw(0, 2), real_of(0x17FF));
	/* below address 0: the guest's program check */
	xl_begin(xl, true);
	put_ccw(0x100, 0x0C, 0x0010, 0, 100);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x20);
}

/* The guest's own IDAWs: each translated; only as many as the count needs. */
static void test_guest_idaws(void **state)
{
	(void)state;
	int why;
	put_word(0x200, 0x3010);
	put_word(0x204, 0x5800);
	put_word(0x208, 0x4000);
	put_ccw(0x100, 0x06, 0x200, 0x04, 3000);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(xl->nidaw, 2); /* 2032 bytes, then 968 */
	assert_int_equal(idaw(0, 0), real_of(0x3010));
	assert_int_equal(idaw(0, 1), real_of(0x5800));
	/* a second IDAW off its 2K boundary, one beyond the machine, high-order bits, a list off a word */
	uint32_t bad[][2] = {{0x3010, 0x5804}, {0x3010, GPAGES * 4096u}, {0x01003010, 0x5800}};
	for (unsigned k = 0; k < 3; k++) {
		xl_begin(xl, false);
		put_word(0x200, bad[k][0]);
		put_word(0x204, bad[k][1]);
		assert_false(translate_at(0x100, &why));
		assert_int_equal(why, 0x20);
	}
	xl_begin(xl, false);
	put_ccw(0x100, 0x06, 0x202, 0x04, 3000);
	assert_false(translate_at(0x100, &why));
}

/* Seeks move to the minidisk's cylinders; beyond its last they are refused. */
static void test_seek_relocation(void **state)
{
	(void)state;
	int why;
	static const uint8_t seek[6] = {0, 0, 0, 3, 0, 5};
	memcpy(g(0x300), seek, 6);
	put_ccw(0x100, 0x07, 0x300, 0, 6);
	assert_true(translate_at(0x100, &why));
	const uint8_t *a = (const uint8_t *)(uintptr_t)ccw_addr(0);
	static const uint8_t want[6] = {0, 0, 0, 13, 0, 5};
	assert_memory_equal(a, want, 6);
	assert_memory_equal(g(0x300), seek, 6); /* the guest's own argument is untouched */
	xl_begin(xl, false);
	g(0x303)[0] = 5;
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x84);
}

/* RECALIBRATE: a seek to the minidisk's cylinder 0, not the volume's. */
static void test_recalibrate(void **state)
{
	(void)state;
	int why;
	put_ccw(0x100, 0x13, 0, CCW_CC, 1);
	put_ccw(0x108, 0x03, 0, CCW_SLI, 1);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(xl->real[0].cmd, 0x07);
	assert_int_equal(xl->real[0].count, 6);
	static const uint8_t want[6] = {0, 0, 0, 10, 0, 0};
	assert_memory_equal((const uint8_t *)(uintptr_t)ccw_addr(0), want, 6);
}

/* A read link: writes refused; the file mask forced to "inhibit all writes". */
static void test_read_link(void **state)
{
	(void)state;
	int why;
	md.write = false;
	put_ccw(0x100, 0x05, 0x1000, 0, 80);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x80);
	static const uint8_t masks[][2] = {{0xC0, 0x40}, {0x80, 0x40}, {0x18, 0x58}, {0x00, 0x40}};
	for (unsigned k = 0; k < 4; k++) {
		xl_begin(xl, false);
		g(0x300)[0] = masks[k][0];
		put_ccw(0x100, 0x1F, 0x300, 0, 1);
		bool sfm = false;
		assert_true(xl_translate(&vm, &md, 0x100, xl, &sfm, &why));
		assert_true(sfm);
		assert_int_equal(*(const uint8_t *)(uintptr_t)ccw_addr(0), masks[k][1]);
	}
}

/* Only the commands a minidisk allows. */
static void test_minidisk_commands(void **state)
{
	(void)state;
	int why;
	static const uint8_t refused[] = {0x63, 0x47, 0x19, 0x02, 0x0F, 0x94, 0xB4, 0xDE};
	for (unsigned k = 0; k < sizeof refused; k++) {
		xl_begin(xl, false);
		put_ccw(0x100, refused[k], 0x1000, 0, 16);
		assert_false(translate_at(0x100, &why));
		assert_int_equal(why, 0x80);
	}
	/* a dedicated device: any command, no relocation */
	xl_begin(xl, true);
	put_ccw(0x100, 0x63, 0x1000, 0, 16);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(ccw_addr(0), real_of(0x1000));
	/* attached read-only: a disk's searches and reads go, its writes and
	 * Define Extent do not; a tape's Write Tape Mark does not either */
	static struct rdev disk = {.cls = RDEV_DASD}, tape = {.cls = RDEV_TAPE};
	md.write = false;
	md.real = &disk;
	xl_begin(xl, true);
	put_ccw(0x100, 0x31, 0x1000, CCW_CC, 5);
	put_ccw(0x108, 0x06, 0x1000, 0, 80);
	assert_true(translate_at(0x100, &why));
	static const uint8_t ro_refused[] = {0x05, 0x1D, 0x11, 0x63};
	for (unsigned k = 0; k < sizeof ro_refused; k++) {
		xl_begin(xl, true);
		put_ccw(0x100, ro_refused[k], 0x1000, 0, 16);
		assert_false(translate_at(0x100, &why));
		assert_int_equal(why, 0x80);
	}
	md.real = &tape;
	xl_begin(xl, true);
	put_ccw(0x100, 0x1F, 0x1000, 0, 1);
	assert_false(translate_at(0x100, &why));
	xl_begin(xl, true);
	put_ccw(0x100, 0x02, 0x1000, 0, 80); /* a read */
	assert_true(translate_at(0x100, &why));
}

/* Search Home Address: its CCHH is relocated; one beyond the minidisk can never match. */
static void test_search_home_address(void **state)
{
	(void)state;
	int why;
	static const uint8_t ha[4] = {0, 2, 0, 7}, far[4] = {0, 9, 0, 7};
	memcpy(g(0x300), ha, 4);
	put_ccw(0x100, 0x39, 0x300, 0, 4);
	assert_true(translate_at(0x100, &why));
	static const uint8_t want[4] = {0, 12, 0, 7};
	assert_memory_equal((const uint8_t *)(uintptr_t)ccw_addr(0), want, 4);
	xl_begin(xl, false);
	memcpy(g(0x300), far, 4);
	assert_true(translate_at(0x100, &why));
	static const uint8_t none[4] = {0xFF, 0xFF, 0, 7};
	assert_memory_equal((const uint8_t *)(uintptr_t)ccw_addr(0), none, 4);
}

/* Data chaining: the chained CCW goes on with the Write CKD (its own code
 * ignored); a seek argument split by data chaining is refused. */
static void test_data_chaining(void **state)
{
	(void)state;
	int why;
	put_ccw(0x100, 0x1D, 0x400, CCW_CD, 8);
	put_ccw(0x108, 0x00, 0x1F00, 0, 4000);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(xl->n, 2);
	assert_int_equal(xl->real[1].flags, 0x04); /* across a page: IDAWs */
	xl_begin(xl, false);
	put_ccw(0x100, 0x07, 0x400, CCW_CD, 3);
	put_ccw(0x108, 0x00, 0x500, 0, 3);
	assert_false(translate_at(0x100, &why));
	/* a CCW reached by data chaining from a seek is refused: CP relocates
	 * only an argument one CCW holds */
	xl_begin(xl, false);
	memset(g(0x400), 0, 8);
	put_ccw(0x100, 0x07, 0x400, CCW_CD, 6);
	put_ccw(0x108, 0x00, 0x500, 0, 2);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x80);
}

/* Search, TIC back to it, Read: the TIC points at the search's copy, and
 * the CCW after the TIC is copied too (the search's status modifier skips
 * the TIC). */
static void test_search_tic_loop(void **state)
{
	(void)state;
	int why;
	put_ccw(0x100, 0x07, 0x300, CCW_CC, 6);
	put_ccw(0x108, 0x31, 0x310, CCW_CC, 5);
	put_ccw(0x110, 0x08, 0x108, 0, 0);
	put_ccw(0x118, 0x06, 0x1000, CCW_SLI, 80);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(xl->n, 4);
	assert_int_equal(xl->real[2].cmd, 0x08);
	assert_int_equal(ccw_addr(2), (uint32_t)(uintptr_t)&xl->real[1]);
	assert_int_equal(xl->real[3].cmd, 0x06);
	/* the CSW's CCW address back to the guest's */
	assert_int_equal(xl_guest_next(xl, (uint32_t)(uintptr_t)&xl->real[3] + 8), 0x120);
	assert_int_equal(xl_guest_next(xl, (uint32_t)(uintptr_t)&xl->real[1] + 8), 0x110);
}

/* Where no data moves (skip on a read, a no-operation) no address is used;
 * a zero count, a CCW not on a doubleword, data past the end: program check. */
static void test_edges(void **state)
{
	(void)state;
	int why;
	put_ccw(0x100, 0x06, GPAGES * 4096u + 0x100, CCW_SKIP | CCW_SLI, 100);
	assert_true(translate_at(0x100, &why));
	xl_begin(xl, false);
	put_ccw(0x100, 0x06, 0x1000, 0, 0);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x20);
	xl_begin(xl, false);
	assert_false(translate_at(0x104, &why));
	xl_begin(xl, false);
	put_ccw(0x100, 0x06, GPAGES * 4096u - 100, 0, 100); /* the last 100 bytes: fine */
	assert_true(translate_at(0x100, &why));
	xl_begin(xl, false);
	put_ccw(0x100, 0x06, GPAGES * 4096u - 100, 0, 101);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x20);
}

/* A program longer than CP copies: refused, not overrun. */
/* ---- FBA minidisks: blocks 1000-1199 of a 3370 ---- */
static struct rdev fba_vol = {.type = 0x3370, .cls = RDEV_DASD};

static void fba_md(bool write)
{
	md.real = &fba_vol;
	md.start = 1000;
	md.count = 200;
	md.write = write;
}

static void put_dx(uint32_t at, uint8_t mask, uint32_t origin, uint32_t first, uint32_t last)
{
	memset(g(at), 0, 16);
	g(at)[0] = mask;
	put_word(at + 4, origin);
	put_word(at + 8, first);
	put_word(at + 12, last);
}

/* Define Extent: moved by the minidisk's first block; an extent that does
 * not lie within the minidisk is refused (command reject) before anything
 * runs, however its numbers are put (an overflow among them). */
static void test_fba_extent(void **state)
{
	(void)state;
	int why;
	fba_md(true);
	put_dx(0x300, 0x00, 10, 0, 49);
	put_ccw(0x100, 0x63, 0x300, CCW_CC, 16);
	put_ccw(0x108, 0x43, 0x310, CCW_CC, 8);
	put_ccw(0x110, 0x42, 0x1000, 0, 4096);
	assert_true(translate_at(0x100, &why));
	const uint8_t *a = (const uint8_t *)(uintptr_t)ccw_addr(0);
	assert_int_equal(xl->real[0].count, 16);
	assert_int_equal(a[0], 0x00);
	assert_int_equal(cp_get32(a + 4), 1010);
	assert_int_equal(cp_get32(a + 8), 0);
	assert_int_equal(cp_get32(a + 12), 49);
	assert_int_equal(cp_get32(g(0x304)), 10); /* the guest's own is untouched */
	assert_int_equal(ccw_addr(1), real_of(0x310)); /* Locate: relative to the extent, as it is */
	assert_int_equal(xl->real[2].cmd, 0x42);
	/* the last block of the minidisk: in; one more: out */
	static const uint32_t ok[][3] = {{150, 0, 49}, {199, 7, 7}, {0, 100, 299}};
	static const uint32_t bad[][3] = {{151, 0, 49}, {200, 0, 0}, {0, 0, 200}, {0, 5, 4},
	                                  {1, 0, 0xFFFFFFFFu}, {0xFFFFFFFFu, 0, 0}, {199, 0xFFFFFFF0u, 0xFFFFFFFFu}};
	for (unsigned k = 0; k < 3; k++) {
		xl_begin(xl, false);
		put_dx(0x300, 0xC0, ok[k][0], ok[k][1], ok[k][2]);
		put_ccw(0x100, 0x63, 0x300, 0, 16);
		assert_true(translate_at(0x100, &why));
		assert_int_equal(cp_get32((const uint8_t *)(uintptr_t)ccw_addr(0) + 4), 1000 + ok[k][0]);
	}
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		xl_begin(xl, false);
		put_dx(0x300, 0x00, bad[k][0], bad[k][1], bad[k][2]);
		put_ccw(0x100, 0x63, 0x300, 0, 16);
		assert_false(translate_at(0x100, &why));
		assert_int_equal(why, 0x80);
	}
	/* too short (as the device rejects it); its argument outside storage: program check */
	xl_begin(xl, false);
	put_ccw(0x100, 0x63, 0x300, 0, 15);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x80);
	xl_begin(xl, false);
	put_ccw(0x100, 0x63, GPAGES * 4096 - 8, 0, 16);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x20);
	/* an extent argument across pages (IDA of the guest's own) is read whole */
	xl_begin(xl, false);
	put_dx(0x1FF8, 0x00, 0, 0, 0);
	put_word(0x1FFC, 3);
	put_ccw(0x100, 0x63, 0x1FF8, 0, 16);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(cp_get32((const uint8_t *)(uintptr_t)ccw_addr(0) + 4), 1003);
	assert_int_equal(xl->real[0].flags & 0x04, 0);
}

/* A read link: the extent's file mask is made "inhibit all writes"
 * whatever the guest asked (its reserved bits kept, for the device to
 * reject); a read-write link keeps the guest's mask. */
static void test_fba_read_link(void **state)
{
	(void)state;
	int why;
	static const uint8_t masks[][3] = {{0xC0, 0x40, 0xC0}, {0x00, 0x40, 0x00}, {0x40, 0x40, 0x40}, {0x81, 0x41, 0x81}};
	for (unsigned k = 0; k < 4; k++)
		for (int w = 0; w < 2; w++) {
			fba_md(w);
			xl_begin(xl, false);
			put_dx(0x300, masks[k][0], 0, 0, 7);
			put_ccw(0x100, 0x63, 0x300, 0, 16);
			bool sfm = false;
			assert_true(xl_translate(&vm, &md, 0x100, xl, &sfm, &why));
			assert_true(sfm);
			assert_int_equal(*(const uint8_t *)(uintptr_t)ccw_addr(0), masks[k][w ? 2 : 1]);
		}
}

/* The commands an FBA minidisk takes; a data-chained extent is refused. */
static void test_fba_commands(void **state)
{
	(void)state;
	int why;
	fba_md(false);
	static const uint8_t refused[] = {0x02, 0x1F, 0x07, 0x06, 0x05, 0x13, 0x47, 0x4B, 0xA4};
	for (unsigned k = 0; k < sizeof refused; k++) {
		xl_begin(xl, false);
		put_ccw(0x100, refused[k], 0x1000, 0, 16);
		assert_false(translate_at(0x100, &why));
		assert_int_equal(why, 0x80);
	}
	static const uint8_t taken[] = {0x03, 0x04, 0xE4, 0x43, 0x42, 0x41, 0x64};
	for (unsigned k = 0; k < sizeof taken; k++) {
		xl_begin(xl, false);
		put_ccw(0x100, taken[k], 0x1000, CCW_SLI, 16);
		assert_true(translate_at(0x100, &why));
	}
	/* the whole device attached read-only: its extent as it is, the mask made "inhibit writes"; Write refused */
	xl_begin(xl, true);
	put_dx(0x300, 0xC0, 5000, 0, 99);
	put_ccw(0x100, 0x63, 0x300, CCW_CC, 16);
	put_ccw(0x108, 0x43, 0x310, 0, 8);
	assert_true(translate_at(0x100, &why));
	assert_int_equal(*(const uint8_t *)(uintptr_t)ccw_addr(0), 0x40);
	assert_int_equal(cp_get32((const uint8_t *)(uintptr_t)ccw_addr(0) + 4), 5000);
	xl_begin(xl, true);
	put_ccw(0x100, 0x41, 0x1000, 0, 512);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x80);
	xl_begin(xl, false);
	put_dx(0x300, 0, 0, 0, 0);
	put_ccw(0x100, 0x63, 0x300, CCW_CD, 8);
	put_ccw(0x108, 0x00, 0x308, 0, 8);
	assert_false(translate_at(0x100, &why));
	assert_int_equal(why, 0x80);
}

/* Read Device Characteristics: after the I/O its block count (bytes 14-17)
 * is the minidisk's, where the guest's data went (across a page too); not
 * when it did not run, nor beyond the guest's count. */
static void test_fba_rdc(void **state)
{
	(void)state;
	int why;
	fba_md(true);
	static const uint32_t at[] = {0x1000, 0x1FF8, 0x2FF0};
	for (unsigned k = 0; k < 3; k++) {
		xl_begin(xl, false);
		put_ccw(0x100, 0x03, 0, CCW_CC | CCW_SLI, 1);
		put_ccw(0x108, 0x64, at[k], 0, 32);
		assert_true(translate_at(0x100, &why));
		for (int b = 0; b < 32; b++) /* as the device stores them: 558,000 blocks */
			*vm_addr(&vm, at[k] + b, 1) = (uint8_t)(b == 14 ? 0x00 : b == 15 ? 0x08 : b == 16 ? 0x83 : b == 17 ? 0xB0 : 0xEE);
		xl_after(&vm, &md, xl, (uint32_t)(uintptr_t)&xl->real[0] + 8); /* ended after the no-op */
		uint8_t got[32];
		vm_fetch(&vm, at[k], got, 32);
		assert_int_equal(cp_get32(got + 14), 558000);
		xl_after(&vm, &md, xl, (uint32_t)(uintptr_t)&xl->real[1] + 8);
		vm_fetch(&vm, at[k], got, 32);
		assert_int_equal(cp_get32(got + 14), 200);
		assert_int_equal(got[13], 0xEE);
		assert_int_equal(got[18], 0xEE);
	}
	/* a count of 16: bytes 14-15 only */
	xl_begin(xl, false);
	memset(g(0x1000), 0xEE, 32);
	put_ccw(0x100, 0x64, 0x1000, CCW_SLI, 16);
	assert_true(translate_at(0x100, &why));
	xl_after(&vm, &md, xl, (uint32_t)(uintptr_t)&xl->real[0] + 8);
	assert_int_equal(g(0x100E)[0], 0);
	assert_int_equal(g(0x100F)[0], 0);
	assert_int_equal(g(0x1010)[0], 0xEE);
}

static void test_too_long(void **state)
{
	(void)state;
	int why;
	for (uint32_t k = 0; k < XL_MAX_CCWS + 4; k++)
		put_ccw(0x8000 + 8 * k, 0x03, 0, CCW_CC | CCW_SLI, 1);
	assert_false(translate_at(0x8000, &why));
	assert_int_equal(why, 0x20);
	assert_true(xl->n < XL_MAX_CCWS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_within_a_page, setup),
	    cmocka_unit_test_setup(test_across_pages, setup),
	    cmocka_unit_test_setup(test_read_backward_across_pages, setup),
	    cmocka_unit_test_setup(test_guest_idaws, setup),
	    cmocka_unit_test_setup(test_seek_relocation, setup),
	    cmocka_unit_test_setup(test_recalibrate, setup),
	    cmocka_unit_test_setup(test_read_link, setup),
	    cmocka_unit_test_setup(test_minidisk_commands, setup),
	    cmocka_unit_test_setup(test_search_home_address, setup),
	    cmocka_unit_test_setup(test_data_chaining, setup),
	    cmocka_unit_test_setup(test_search_tic_loop, setup),
	    cmocka_unit_test_setup(test_edges, setup),
	    cmocka_unit_test_setup(test_too_long, setup),
	    cmocka_unit_test_setup(test_fba_extent, setup),
	    cmocka_unit_test_setup(test_fba_read_link, setup),
	    cmocka_unit_test_setup(test_fba_commands, setup),
	    cmocka_unit_test_setup(test_fba_rdc, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
