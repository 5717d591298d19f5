/* cmslib.h — the little C library CMS's modules may use, the same on both
 * sides: in the virtual machine (the nucleus, built with the cross-compiler:
 * cp/lib.c supplies the functions, cms/fmt.c the formatter) and on the host
 * (tools/cmsfs and the unit tests in tests/cms: the C library supplies them).
 *
 * Nothing else of a C library exists in the nucleus: no stdio, no malloc but
 * cms_alloc, no 64-bit division (the s390x compiler would call libgcc).
 *
 * Characters: CMS keeps text in ASCII (C string literals are ASCII) and
 * translates at the edges: a file's records and spool files are EBCDIC (code
 * page 037, cp/ebcdic.c), as are the console's bytes on the wire.
 */
#ifndef CMS_CMSLIB_H
#define CMS_CMSLIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* printf-like into buf, always terminated: %s %c %d %u %x %X, a width, the
 * flags 0 and - (for %s); %%.  Returns the length the text wanted. */
int cms_vformat(char *buf, size_t size, const char *fmt, va_list ap);
int cms_format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Storage: the nucleus's free storage (cms/heap.c), malloc on the host.
 * cms_alloc returns zeroed storage, or NULL when there is none. */
void *cms_alloc(size_t n);
void cms_free(void *p);
/* The same, in a zone: CMS_ZONE_EXEC is the EXEC interpreter's storage,
 * CMS_ZONE_PROG a program's (a MODULE's image and what CMS keeps for it:
 * module.c); the nucleus frees each all at once when HX or an abend ends
 * what took it (heap.c). */
enum { CMS_ZONE_CMS = 0, CMS_ZONE_EXEC = 1, CMS_ZONE_PROG = 2 };
void *cms_alloc_in(size_t n, int zone);

/* Code page 037 (cp/ebcdic.c; tests/cms link the same file). */
extern const uint8_t cp_a2e[256], cp_e2a[256];
void cms_a2e(uint8_t *out, const char *in, size_t n); /* n bytes */
void cms_e2a(char *out, const uint8_t *in, size_t n); /* n bytes (no terminator added) */

/* Big-endian numbers in bytes (on disk, in parameter lists). */
static inline uint32_t cms_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void cms_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Small helpers every command parser wants (cms/fmt.c). */
char cms_toupper(char c);
void cms_upper(char *s);                                /* in place, a-z only */
bool cms_abbrev(const char *word, const char *full, int min); /* word is full, or its first min+ letters (case-blind) */
int cms_words(char *line, char **w, int max);           /* split in place at blanks: the number of words */

#endif
