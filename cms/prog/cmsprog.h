/* cmsprog.h — writing a CMS program in C (docs/cms-programs.md).
 *
 * Build it with the cross-compiler like CMS itself (cms/prog/CMakeLists.txt:
 * s370_cms_program), link it with prog.ld, and put it on a CMS disk with
 * `tools/cmsfs IMAGE -x ... module PROG.elf NAME`: typing NAME in CMS runs
 * it.  main gets the words of the line as typed (ASCII, argv[0] the
 * name); its return value is the command's return code (the Ready line's
 * R(rc)).
 *
 * Everything goes through SVC 202 with VM/370's parameter lists: these
 * functions build them, and translate between the program's ASCII and the
 * EBCDIC CMS's interfaces speak.  No C library: what is here, and
 * memset/memcpy/memcmp/strlen/strcmp (cp/lib.c). */
#ifndef CMSPROG_H
#define CMSPROG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int main(int argc, char **argv);

/* The console. */
void cms_type(const char *line);                   /* TYPLIN: a line (cut at 130) */
int cms_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* %s %c %d %u %x %X, width; lines at \n */
int cms_read(char *buf, int max, bool upper);      /* WAITRD: the next line, its length */

/* A CMS (or CP) command, as if typed: its return code. */
int cms_cmd(const char *line);

/* Files, a record at a time (RDBUF, WRBUF, FINIS): records as stored
 * (EBCDIC for text).  cms_fsread: 0, 12 at the end, 1 no such file, 8 a
 * record longer than size (cut); *len the bytes read.  cms_fswrite adds a
 * record after the last (recfm 'F' or 'V'; the file is made if new).
 * cms_fsclose closes the file (the records written are kept then; the end
 * of the program closes what is still open).  fm NULL: A1 for writing, any
 * disk for reading. */
int cms_fsread(const char *fn, const char *ft, const char *fm, void *buf, uint32_t size, uint32_t *len);
int cms_fswrite(const char *fn, const char *ft, const char *fm, char recfm, const void *rec, uint32_t len);
int cms_fsclose(const char *fn, const char *ft, const char *fm);

/* EBCDIC (code page 037) and ASCII. */
void cms_to_ebcdic(uint8_t *out, const char *in, size_t n);
void cms_to_ascii(char *out, const uint8_t *in, size_t n);

/* The raw interface: SVC 202 with R1 plist; the return code; *r0 what R0
 * held after it (NULL: not wanted). */
int cms_svc202(void *plist, uint32_t *r0);

/* From the C library subset (cp/lib.c). */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int cms_vformat(char *buf, size_t size, const char *fmt, va_list ap);
int cms_format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
