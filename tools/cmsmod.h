/* cmsmod.h — a CMS program's ELF into a MODULE file's bytes (cmsmod.c). */
#ifndef CMSMOD_H
#define CMSMOD_H

#include <stddef.h>
#include <stdint.h>

enum { CMSMOD_LRECL = 1024 }; /* a MODULE's records: RECFM F, LRECL 1024 */

/* 0 and *out (malloc'd, a multiple of CMSMOD_LRECL bytes); -1 with the
 * reason in err. */
int cmsmod_make(const uint8_t *elf, size_t size, uint8_t **out, size_t *outlen, char *err, size_t errlen);

#endif
