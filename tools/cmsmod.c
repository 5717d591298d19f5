/* cmsmod.c — a CMS program's ELF (the cross-compiler's, linked at 0 with
 * cms/prog/prog.ld and ld -q) made into the bytes of a MODULE file
 * (cms/module.c, docs/cms-programs.md): a header, the image, and the
 * relocation dictionary -- the offset of every fullword that holds an
 * address, from the R_390_32 relocations ld kept.  PC-relative ones (the
 * branches and LARLs) and displacements need nothing where the program
 * lands; any other absolute kind is refused, named. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmsmod.h"

enum { HDR = 32, SHT_PROGBITS = 1, SHT_RELA = 4, SHT_NOBITS = 8, SHF_ALLOC = 2 };
enum { R_390_NONE = 0, R_390_12 = 2, R_390_32 = 4, R_390_PC32 = 5, R_390_PC16 = 16, R_390_PC16DBL = 17,
       R_390_PLT16DBL = 18, R_390_PC32DBL = 19, R_390_PLT32DBL = 20, R_390_20 = 57 };

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static int bad(char *err, size_t n, const char *what)
{
	snprintf(err, n, "%s", what);
	return -1;
}

int cmsmod_make(const uint8_t *e, size_t size, uint8_t **out, size_t *outlen, char *err, size_t errlen)
{
	*out = NULL;
	if (size < 52 || memcmp(e, "\177ELF", 4))
		return bad(err, errlen, "not an ELF file");
	if (e[4] != 1 || e[5] != 2 || be16(e + 18) != 22)
		return bad(err, errlen, "not a 31-bit S/390 ELF (ELFCLASS32, big-endian, EM_S390)");
	uint32_t shoff = cms_get32(e + 32), entry = cms_get32(e + 24);
	uint16_t shentsize = be16(e + 46), shnum = be16(e + 48);
	if (shentsize != 40 || shoff > size || (size_t)shnum * 40 > size - shoff)
		return bad(err, errlen, "its section headers are not all in the file");
	const uint8_t *sh = e + shoff;
	/* the image: the allocated sections at their addresses, from 0 */
	uint32_t ilen = 0, slen = 0;
	for (int k = 0; k < shnum; k++) {
		const uint8_t *s = sh + 40 * k;
		uint32_t type = cms_get32(s + 4), flags = cms_get32(s + 8), addr = cms_get32(s + 12), len = cms_get32(s + 20);
		if (!(flags & SHF_ALLOC) || !len)
			continue;
		if (addr > 0x1000000 || len > 0x1000000 - addr)
			return bad(err, errlen, "a section beyond 16M: linked with cms/prog/prog.ld?");
		if (type != SHT_NOBITS && addr + len > ilen)
			ilen = addr + len;
		if (addr + len > slen)
			slen = addr + len;
	}
	if (!ilen)
		return bad(err, errlen, "no program in it");
	if (entry >= ilen || (entry & 1))
		return bad(err, errlen, "its entry point is not in the program");
	uint8_t *img = calloc(1, ilen);
	uint32_t *rel = NULL, nrel = 0, cap = 0;
	if (!img)
		return bad(err, errlen, "out of memory");
	for (int k = 0; k < shnum; k++) {
		const uint8_t *s = sh + 40 * k;
		uint32_t type = cms_get32(s + 4), flags = cms_get32(s + 8), addr = cms_get32(s + 12), off = cms_get32(s + 16),
		         len = cms_get32(s + 20);
		if (!(flags & SHF_ALLOC) || type == SHT_NOBITS || !len)
			continue;
		if (off > size || len > size - off) {
			free(img);
			return bad(err, errlen, "a section's bytes are not all in the file");
		}
		memcpy(img + addr, e + off, len);
	}
	/* the relocations ld kept (-q), of allocated sections only */
	for (int k = 0; k < shnum; k++) {
		const uint8_t *s = sh + 40 * k;
		if (cms_get32(s + 4) != SHT_RELA)
			continue;
		uint32_t target = cms_get32(s + 28), off = cms_get32(s + 16), len = cms_get32(s + 20);
		if (target >= shnum || !(cms_get32(sh + 40 * target + 8) & SHF_ALLOC))
			continue; /* (debugging information) */
		if (off > size || len > size - off) {
			free(img);
			free(rel);
			return bad(err, errlen, "a relocation section is not all in the file");
		}
		for (uint32_t r = 0; r + 12 <= len; r += 12) {
			uint32_t where = cms_get32(e + off + r), type = cms_get32(e + off + r + 4) & 0xFF;
			switch (type) {
			case R_390_NONE: case R_390_12: case R_390_20: case R_390_PC32: case R_390_PC16:
			case R_390_PC16DBL: case R_390_PLT16DBL: case R_390_PC32DBL: case R_390_PLT32DBL:
				continue; /* relative or a displacement: the same wherever the program is */
			case R_390_32:
				break;
			default:
				free(img);
				free(rel);
				snprintf(err, errlen, "a relocation of type %u at X'%X' that a module cannot carry "
				         "(compile with -fno-pic, link with -q)", (unsigned)type, (unsigned)where);
				return -1;
			}
			if (where > ilen - 4 || (where & 1)) {
				free(img);
				free(rel);
				return bad(err, errlen, "an address constant outside the image");
			}
			if (nrel == cap) {
				cap = cap ? 2 * cap : 64;
				uint32_t *n = realloc(rel, cap * sizeof *rel);
				if (!n) {
					free(img);
					free(rel);
					return bad(err, errlen, "out of memory");
				}
				rel = n;
			}
			rel[nrel++] = where;
		}
	}
	size_t total = HDR + ilen + 4 * (size_t)nrel;
	size_t len = (total + CMSMOD_LRECL - 1) / CMSMOD_LRECL * CMSMOD_LRECL;
	uint8_t *m = calloc(1, len);
	if (!m) {
		free(img);
		free(rel);
		return bad(err, errlen, "out of memory");
	}
	cms_a2e(m, "S37MOD01", 8);
	cms_put32(m + 8, ilen);
	cms_put32(m + 12, slen);
	cms_put32(m + 16, entry);
	cms_put32(m + 20, nrel);
	uint32_t sum = 0;
	for (uint32_t k = 0; k < ilen; k++)
		sum += img[k];
	cms_put32(m + 24, sum);
	memcpy(m + HDR, img, ilen);
	for (uint32_t k = 0; k < nrel; k++)
		cms_put32(m + HDR + ilen + 4 * k, rel[k]);
	free(img);
	free(rel);
	*out = m;
	*outlen = len;
	return 0;
}
