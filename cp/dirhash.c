/* dirhash.c — the hash of a directory password (a LOGON password or a
 * minidisk's link password): SHA-256 of the user's salt, the user id (8
 * characters, blank padded) and the password's first 8 characters in
 * capitals.  The one rule for the host tool that writes the directory
 * (tools/direct.c) and for CP that checks what users type (userdir.c,
 * link.c): the same file is compiled into both.
 */
#include "dirfmt.h"
#include "sha256.h"

void dir_hash_password(const uint8_t salt[8], const char userid[8], const char *pw, uint8_t out[32])
{
	char up[8];
	uint32_t n = 0;
	for (; n < 8 && pw[n]; n++)
		up[n] = (char)(pw[n] >= 'a' && pw[n] <= 'z' ? pw[n] - 32 : pw[n]);
	struct sha256 s;
	sha256_init(&s);
	sha256_update(&s, salt, 8);
	sha256_update(&s, userid, 8);
	sha256_update(&s, up, n);
	sha256_final(&s, out);
}
