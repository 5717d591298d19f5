/* test_shadow.c — CP's shadow page tables (cp/shadow.c), on the host.
 *
 * shadow.c is plain C: here it is compiled for the host and given a
 * virtual machine of 1M whose "real storage" is frames in a region mapped
 * at a low address (table entries hold 24-bit addresses, so the guest's
 * frames and the shadow tables must lie below 16M).  The guest's pages are
 * in scrambled frames, as CP's frames_get hands them out.  The tests build
 * guest tables in guest storage and check the guest's own translation
 * (shadow_translate: results, exception codes, LRA's entry addresses and
 * length flag) in the three formats, then what the shadows hold after a
 * fault, after a PTLB, after a frame goes, and which space each CR1 and
 * translation format gets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "../../cp/shadow.c"

enum { REGION = 0x600000, REGION_SIZE = 0x200000, GPAGES = 256, SHADOW_AT = REGION + 0x140000 };

static uint8_t *region;
static struct vm vm;
static uint16_t pt[GPAGES];
static uint32_t next_frames, frames_given, frames_back;

/* ---- what shadow.c needs of the rest of CP, over the fake machine ---- */
static uint32_t frame_of(uint32_t p)
{
	return REGION + 0x40000 + ((p * 37) % GPAGES) * 4096u;
}
static uint8_t *g(uint32_t a)
{
	return (uint8_t *)(uintptr_t)(frame_of(a >> 12) + (a & 4095));
}

bool vm_fetch(struct vm *v, uint32_t a, void *buf, uint32_t n)
{
	if ((a & 0xFFFFFF) + n > v->pages * 4096u)
		return false;
	for (uint32_t k = 0; k < n; k++)
		((uint8_t *)buf)[k] = *g(a + k);
	return true;
}
uint32_t frames_alloc(uint32_t n)
{
	uint32_t a = next_frames;
	if (a + n * 4096 > REGION + REGION_SIZE)
		return 0;
	next_frames += n * 4096;
	frames_given += n;
	return a;
}
void frames_free(uint32_t addr, uint32_t n)
{
	(void)addr;
	frames_back += n;
}
bool page_in(struct vm *v, uint32_t page)
{
	return page < v->pages;
}
void user_printf(struct user *u, const char *fmt, ...)
{
	(void)u;
	(void)fmt;
}

static void w32(uint32_t a, uint32_t x)
{
	for (int k = 0; k < 4; k++)
		*g(a + (uint32_t)k) = (uint8_t)(x >> (24 - 8 * k));
}
static void w16(uint32_t a, uint16_t x)
{
	*g(a) = (uint8_t)(x >> 8);
	*g(a + 1) = (uint8_t)x;
}

enum {
	STO = 0x1000,
	PT0 = 0x2000,
	PT1 = 0x2100,
	CR0_4K64K = 0x00800000u,
	CR0_2K64K = 0x00400000u,
	CR0_4K1M = 0x00900000u
};

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
	memset(tab, 0, sizeof tab);
	memset(&vm, 0, sizeof vm);
	vm.pages = GPAGES;
	vm.pt = pt;
	for (uint32_t p = 0; p < GPAGES; p++)
		pt[p] = (uint16_t)(frame_of(p) >> 8);
	next_frames = SHADOW_AT;
	frames_given = frames_back = 0;
	/* the guest's tables, 4K pages and 64K segments: segment 0 onto pages
	 * 0-15 but for page 3 (real X'5000') and page 4 (invalid); segment 1
	 * invalid; segment 2 with a page table of 4 entries (PTL 3) */
	for (uint32_t s = 0; s < 16; s++)
		w32(STO + 4 * s, 1);
	for (uint32_t p = 0; p < 16; p++)
		w16(PT0 + 2 * p, (uint16_t)(p << 4));
	w16(PT0 + 6, 0x0050);
	w16(PT0 + 8, 0x0008);
	w32(STO, 0xF0000000u | PT0);
	for (uint32_t p = 0; p < 4; p++)
		w16(PT1 + 2 * p, (uint16_t)((0x60 + p) << 4));
	w32(STO + 8, 0x30000000u | PT1);
	vm.cr[0] = CR0_4K64K;
	vm.cr[1] = STO; /* STL 0: segments 0-15 */
	return 0;
}

static void test_translate_4k(void **state)
{
	(void)state;
	uint32_t ra = 0;
	assert_int_equal(shadow_translate(&vm, 0x3ABC, &ra, false), 0);
	assert_int_equal(ra, 0x5ABC);
	assert_int_equal(shadow_translate(&vm, 0x20FFF, &ra, false), 0);
	assert_int_equal(ra, 0x60FFF);
	/* LRA's results: the entry's address, bit 0 for a length exceeded */
	assert_int_equal(shadow_translate(&vm, 0x10000, &ra, true), 0x10);
	assert_int_equal(ra, STO + 4);
	assert_int_equal(shadow_translate(&vm, 0x4000, &ra, true), 0x11);
	assert_int_equal(ra, PT0 + 8);
	assert_int_equal(shadow_translate(&vm, 0x100000, &ra, true), 0x10);
	assert_int_equal(ra, 0x80000000u | (STO + 4 * 16));
	assert_int_equal(shadow_translate(&vm, 0x24000, &ra, true), 0x11);
	assert_int_equal(ra, 0x80000000u | (PT1 + 8));
	/* bits 8-31 of the address only */
	assert_int_equal(shadow_translate(&vm, 0xFF003000, &ra, false), 0);
	assert_int_equal(ra, 0x5000);
}

static void test_translate_errors(void **state)
{
	(void)state;
	uint32_t ra;
	w32(STO + 12, 0xF1000000u | PT0); /* STE bits 4-7 not zero */
	assert_int_equal(shadow_translate(&vm, 0x30000, &ra, false), 0x12);
	w16(PT0 + 10, 0x0052); /* PTE bit 14 on */
	assert_int_equal(shadow_translate(&vm, 0x5000, &ra, false), 0x12);
	w32(STO + 16, 0xF0000000u | 0x200000); /* a page table beyond the 1M machine */
	assert_int_equal(shadow_translate(&vm, 0x40000, &ra, false), 0x05);
	vm.cr[1] = 0x00F00000; /* a segment table beyond it */
	assert_int_equal(shadow_translate(&vm, 0x0, &ra, false), 0x05);
	vm.cr[1] = STO;
	vm.cr[0] = 0x00C00000; /* page size 11: invalid */
	assert_int_equal(shadow_translate(&vm, 0x0, &ra, false), 0x12);
	vm.cr[0] = 0x00880000; /* segment size 01: invalid */
	assert_int_equal(shadow_translate(&vm, 0x0, &ra, false), 0x12);
}

static void test_translate_2k_and_1m(void **state)
{
	(void)state;
	uint32_t ra;
	/* 2K pages: 32 entries a segment, the invalid bit is 13 */
	vm.cr[0] = CR0_2K64K;
	w16(PT0 + 2 * 1, 0x0068); /* page 1 (X'800') onto X'6800' */
	w16(PT0 + 2 * 2, 0x0004); /* page 2 invalid */
	assert_int_equal(shadow_translate(&vm, 0x0804, &ra, false), 0);
	assert_int_equal(ra, 0x6804);
	assert_int_equal(shadow_translate(&vm, 0x1000, &ra, true), 0x11);
	assert_int_equal(ra, PT0 + 4);
	w16(PT0 + 2 * 3, 0x0069); /* bits 14-15 must be zero */
	assert_int_equal(shadow_translate(&vm, 0x1800, &ra, false), 0x12);
	/* segment 2's PTL 3: pages 0-7 of its 32 */
	assert_int_equal(shadow_translate(&vm, 0x23800, &ra, true), 0);
	assert_int_equal(shadow_translate(&vm, 0x24000, &ra, true), 0x11);
	assert_int_equal(ra, 0x80000000u | (PT1 + 16));
	/* 1M segments: 256 entries a segment, PTL in sixteenths of it */
	vm.cr[0] = CR0_4K1M;
	w32(STO + 4, 0x00000000u | 0x3000); /* segment 1 (X'100000'): PTL 0, pages 0-15 */
	w16(0x3000 + 2 * 0x0F, 0x0070);
	assert_int_equal(shadow_translate(&vm, 0x10F123, &ra, false), 0);
	assert_int_equal(ra, 0x7123);
	assert_int_equal(shadow_translate(&vm, 0x110000, &ra, true), 0x11);
	assert_int_equal(ra, 0x80000000u | (0x3000 + 2 * 0x10));
}

static uint32_t *st_of(uint32_t cr1)
{
	return (uint32_t *)(uintptr_t)(cr1 & 0xFFFFC0);
}
static uint16_t *spt_of(uint32_t cr1, uint32_t seg, bool k2)
{
	return (uint16_t *)(uintptr_t)((cr1 & 0xFFFFC0) + SH_PT + seg * (k2 ? 64 : 32));
}

static void test_fault_fills_and_invalidations(void **state)
{
	(void)state;
	uint32_t cr1 = shadow_cr1(&vm);
	assert_int_equal(cr1 >> 24, 0x0F);
	assert_int_equal(cr1 & 0xFFFFFF, SHADOW_AT);
	assert_int_equal(st_of(cr1)[0], 1); /* empty at first */
	assert_int_equal(shadow_fault(&vm, 0x3ABC), 0);
	assert_int_equal(st_of(cr1)[0], 0xF0000000u | (SHADOW_AT + SH_PT));
	uint16_t *spt = spt_of(cr1, 0, false);
	assert_int_equal(spt[3], (uint16_t)(frame_of(5) >> 8)); /* guest real X'5000' is its page 5's frame */
	assert_int_equal(spt[2], 0x0008);
	/* the guest's own exception: nothing filled */
	assert_int_equal(shadow_fault(&vm, 0x4000), 0x11);
	assert_int_equal(spt[4], 0x0008);
	/* a frame that goes: its entries with it */
	shadow_frame_gone(&vm, frame_of(6));
	assert_int_equal(spt[3], (uint16_t)(frame_of(5) >> 8));
	shadow_frame_gone(&vm, frame_of(5));
	assert_int_equal(spt[3], 0x0008);
	/* PTLB: every segment invalid again */
	assert_int_equal(shadow_fault(&vm, 0x3000), 0);
	assert_int_equal(shadow_fault(&vm, 0x20000), 0);
	shadow_purge(&vm);
	assert_int_equal(st_of(cr1)[0], 1);
	assert_int_equal(st_of(cr1)[2], 1);
	struct shadow_counts n;
	uint32_t entries;
	shadow_counts(&vm, &n, &entries);
	assert_int_equal(n.filled, 3);
	assert_int_equal(n.reflected, 1);
	assert_int_equal(n.dropped, 1);
	assert_int_equal(n.purges, 1);
	assert_int_equal(entries, 0);
	/* the machine's storage goes: the frames go back */
	shadow_free(&vm);
	assert_int_equal(frames_back, frames_given);
}

static void test_two_k_shadow(void **state)
{
	(void)state;
	vm.cr[0] = CR0_2K64K;
	w16(PT0 + 2 * 1, 0x0058); /* guest page 1 (X'800') onto X'5800': the second half of page 5's frame */
	assert_true(shadow_two_k(&vm));
	uint32_t cr1 = shadow_cr1(&vm);
	assert_int_equal(shadow_fault(&vm, 0x0900), 0);
	uint16_t *spt = spt_of(cr1, 0, true);
	assert_int_equal(spt[1], (uint16_t)((frame_of(5) + 0x800) >> 8));
	assert_int_equal(spt[0], 0x0004);
	assert_int_equal(spt[2], 0x0004);
	shadow_frame_gone(&vm, frame_of(5));
	assert_int_equal(spt[1], 0x0004);
}

static void test_spaces_by_cr1_and_format(void **state)
{
	(void)state;
	uint32_t a = shadow_cr1(&vm);
	vm.cr[1] = 0x4000;
	uint32_t b = shadow_cr1(&vm);
	assert_int_not_equal(a, b);
	vm.cr[1] = STO;
	assert_int_equal(shadow_cr1(&vm), a); /* back to the first space: found again */
	assert_int_equal(shadow_fault(&vm, 0x3000), 0);
	vm.cr[0] = CR0_2K64K;
	uint32_t c = shadow_cr1(&vm); /* the same table, another format: another space */
	assert_int_not_equal(c, a);
	assert_int_not_equal(c, b);
	vm.cr[0] = CR0_4K64K;
	vm.cr[1] = 0x01000000u | STO; /* another length: another space */
	uint32_t d = shadow_cr1(&vm);
	assert_int_not_equal(d, a);
	assert_int_equal(frames_given, 4 * SH_FRAMES);
	/* a fifth space empties the least recently used one (b), no new frames */
	vm.cr[1] = 0x8000;
	assert_int_equal(shadow_cr1(&vm), b);
	assert_int_equal(frames_given, 4 * SH_FRAMES);
	vm.cr[1] = STO;
	assert_int_equal(shadow_cr1(&vm), a);
	assert_int_equal(st_of(a)[0], 0xF0000000u | ((a & 0xFFFFFF) + SH_PT)); /* a kept its entries */
	struct shadow_counts n;
	uint32_t entries;
	shadow_counts(&vm, &n, &entries);
	assert_int_equal(n.now, 4);
	assert_int_equal(n.spaces, 4);
	assert_int_equal(n.reused, 1);
	assert_int_equal(entries, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_translate_4k, setup),
	    cmocka_unit_test_setup(test_translate_errors, setup),
	    cmocka_unit_test_setup(test_translate_2k_and_1m, setup),
	    cmocka_unit_test_setup(test_fault_fills_and_invalidations, setup),
	    cmocka_unit_test_setup(test_two_k_shadow, setup),
	    cmocka_unit_test_setup(test_spaces_by_cr1_and_format, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
