/* sha256.h — SHA-256 (FIPS 180-4), shared by CP and tools/direct.c. */
#ifndef CP_SHA256_H
#define CP_SHA256_H

#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint32_t len; /* bytes so far (a directory password is short) */
	uint8_t buf[64];
	uint32_t n;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, uint32_t len);
void sha256_final(struct sha256 *s, uint8_t out[32]);

#endif
