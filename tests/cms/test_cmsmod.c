/* test_cmsmod.c — tools/cmsmod.c: a CMS program's ELF into a MODULE file.
 * ELF files made here, byte by byte: a good one (its header, image,
 * relocation dictionary and checksum checked), and each kind of bad one
 * refused with its reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmslib.h"
#include "cmsmod.h"

static uint8_t elf[4096];

static void p16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

enum { SHOFF = 0x400 };

/* A section header k: type, flags, address, file offset, size, info. */
static void section(int k, uint32_t type, uint32_t flags, uint32_t addr, uint32_t off, uint32_t size, uint32_t info)
{
	uint8_t *s = elf + SHOFF + 40 * k;
	cms_put32(s + 4, type);
	cms_put32(s + 8, flags);
	cms_put32(s + 12, addr);
	cms_put32(s + 16, off);
	cms_put32(s + 20, size);
	cms_put32(s + 28, info);
}

/* .text at 0 (16 bytes: an address constant at 8 pointing at 4), .bss at
 * 16 (32 bytes), .rela.text (R_390_32 at 8, R_390_PC32DBL at 2), entry 0. */
static size_t make_elf(uint32_t reltype)
{
	memset(elf, 0, sizeof elf);
	memcpy(elf, "\177ELF", 4);
	elf[4] = 1; /* ELFCLASS32 */
	elf[5] = 2; /* big-endian */
	p16(elf + 18, 22); /* EM_S390 */
	cms_put32(elf + 24, 0);  /* entry */
	cms_put32(elf + 32, SHOFF);
	p16(elf + 46, 40);
	p16(elf + 48, 4);
	uint8_t *text = elf + 0x100;
	for (int k = 0; k < 16; k++)
		text[k] = (uint8_t)(0x10 + k);
	cms_put32(text + 8, 4); /* A(text+4) */
	section(1, 1, 6, 0, 0x100, 16, 0);  /* .text: PROGBITS, ALLOC+EXEC */
	section(2, 8, 3, 16, 0, 32, 0);     /* .bss: NOBITS, ALLOC+WRITE */
	section(3, 4, 0, 0, 0x200, 24, 1);  /* .rela.text for section 1 */
	uint8_t *r = elf + 0x200;
	cms_put32(r, 8);
	cms_put32(r + 4, reltype);
	cms_put32(r + 12, 2);
	cms_put32(r + 16, 19); /* R_390_PC32DBL: nothing to do */
	return SHOFF + 4 * 40;
}

static void good_module(void **state)
{
	(void)state;
	size_t n = make_elf(4), len;
	uint8_t *m;
	char err[160];
	assert_int_equal(cmsmod_make(elf, n, &m, &len, err, sizeof err), 0);
	assert_int_equal(len, CMSMOD_LRECL);
	uint8_t magic[8];
	cms_a2e(magic, "S37MOD01", 8);
	assert_memory_equal(m, magic, 8);
	assert_int_equal(cms_get32(m + 8), 16);  /* image */
	assert_int_equal(cms_get32(m + 12), 48); /* storage: image and .bss */
	assert_int_equal(cms_get32(m + 16), 0);  /* entry */
	assert_int_equal(cms_get32(m + 20), 1);  /* one relocation: the PC-relative one needs none */
	uint32_t sum = 0;
	for (int k = 0; k < 16; k++)
		sum += m[32 + k];
	assert_int_equal(cms_get32(m + 24), sum);
	assert_memory_equal(m + 32, elf + 0x100, 16);
	assert_int_equal(cms_get32(m + 48), 8); /* the relocation's offset */
	for (size_t k = 52; k < len; k++)
		assert_int_equal(m[k], 0);
	free(m);
}

static void refused(size_t n, const char *why)
{
	uint8_t *m = (uint8_t *)1;
	size_t len = 0;
	char err[160] = "";
	assert_int_equal(cmsmod_make(elf, n, &m, &len, err, sizeof err), -1);
	assert_null(m);
	assert_non_null(strstr(err, why));
}

static void bad_elves(void **state)
{
	(void)state;
	size_t n = make_elf(4);
	refused(40, "not an ELF file");
	elf[5] = 1; /* little-endian */
	refused(n, "not a 31-bit S/390 ELF");
	n = make_elf(4);
	refused(SHOFF + 100, "section headers are not all in the file");
	n = make_elf(16 * 0 + 7); /* R_390_GOT32: not for a module */
	refused(n, "a relocation of type 7 at X'8'");
	n = make_elf(4);
	cms_put32(elf + 0x200, 14); /* the address constant past the image's end */
	refused(n, "an address constant outside the image");
	n = make_elf(4);
	cms_put32(elf + 24, 15); /* an odd entry point */
	refused(n, "entry point is not in the program");
	n = make_elf(4);
	section(1, 1, 6, 0x2000000, 0x100, 16, 0); /* beyond 16M */
	refused(n, "beyond 16M");
	n = make_elf(4);
	section(1, 1, 6, 0, 0xF00, 0x200, 0); /* bytes past the file's end */
	refused(n, "section's bytes are not all in the file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(good_module), cmocka_unit_test(bad_elves)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
