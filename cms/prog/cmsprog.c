/* cmsprog.c — the C side of a CMS program's runtime (cmsprog.h): main's
 * arguments, and VM/370's SVC 202 parameter lists (cms/module.c is CMS's
 * side of each). */
#include "cmsprog.h"
#include "cmslib.h" /* (CMS's own: the translations and cms_toupper of cms/fmt.c, cms_put32) */

void cms_to_ebcdic(uint8_t *out, const char *in, size_t n) { cms_a2e(out, in, n); }
void cms_to_ascii(char *out, const uint8_t *in, size_t n) { cms_e2a(out, in, n); }

static void put24(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 16);
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)v;
}

/* 8 EBCDIC characters: the word, upper-cased, cut or padded with blanks. */
static void name8(uint8_t *out, const char *w, size_t n)
{
	char t[8];
	memset(t, ' ', 8);
	for (size_t k = 0; k < n && k < 8; k++)
		t[k] = cms_toupper(w[k]);
	cms_to_ebcdic(out, t, 8);
}

void cms_type(const char *line)
{
	static uint8_t pl[16], text[130];
	size_t n = strlen(line);
	if (n > sizeof text)
		n = sizeof text;
	cms_to_ebcdic(text, line, n);
	name8(pl, "TYPLIN", 6);
	pl[8] = 0;
	put24(pl + 9, (uint32_t)(uintptr_t)text);
	pl[12] = 0xC2; /* C'B' */
	put24(pl + 13, (uint32_t)n);
	cms_svc202(pl, NULL);
}

int cms_printf(const char *fmt, ...)
{
	static char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = cms_vformat(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *s = buf;
	for (char *p = buf;; p++) {
		if (*p == '\n' || !*p) {
			char c = *p;
			*p = 0;
			if (c || *s)
				cms_type(s);
			if (!c)
				break;
			s = p + 1;
		}
	}
	return n;
}

int cms_read(char *buf, int max, bool upper)
{
	static uint8_t pl[16], in[130];
	name8(pl, "WAITRD", 6);
	pl[8] = 1;
	put24(pl + 9, (uint32_t)(uintptr_t)in);
	pl[12] = upper ? 0xE4 : 0xE5; /* C'U', C'V' */
	put24(pl + 13, sizeof in);
	uint32_t n = 0;
	if (cms_svc202(pl, &n) || max < 1)
		return -1;
	if (n > (uint32_t)max - 1)
		n = (uint32_t)max - 1;
	cms_to_ascii(buf, in, n);
	buf[n] = 0;
	return (int)n;
}

int cms_cmd(const char *line)
{
	static uint8_t pl[33 * 8];
	int n = 0;
	for (const char *p = line; *p && n < 32;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		name8(pl + 8 * n++, w, (size_t)(p - w));
	}
	memset(pl + 8 * n, 0xFF, 8);
	return cms_svc202(pl, NULL);
}

/* The file system control block (cms/module_fs.c). */
static uint8_t fscb[44];

static void fscb_set(const char *fn, const char *fm_default, const char *ft, const char *fm)
{
	memset(fscb, 0, sizeof fscb);
	name8(fscb + 8, fn, strlen(fn));
	name8(fscb + 16, ft, strlen(ft));
	uint8_t m[8];
	const char *mode = fm ? fm : fm_default;
	name8(m, mode, strlen(mode));
	memcpy(fscb + 24, m, 2);
	fscb[39] = 1; /* one item */
}

int cms_fsread(const char *fn, const char *ft, const char *fm, void *buf, uint32_t size, uint32_t *len)
{
	fscb_set(fn, "", ft, fm);
	name8(fscb, "RDBUF", 5);
	cms_put32(fscb + 28, (uint32_t)(uintptr_t)buf);
	cms_put32(fscb + 32, size);
	int rc = cms_svc202(fscb, NULL);
	*len = cms_get32(fscb + 40);
	return rc;
}

int cms_fswrite(const char *fn, const char *ft, const char *fm, char recfm, const void *rec, uint32_t len)
{
	fscb_set(fn, "A1", ft, fm);
	name8(fscb, "WRBUF", 5);
	cms_put32(fscb + 28, (uint32_t)(uintptr_t)rec);
	cms_put32(fscb + 32, len);
	cms_to_ebcdic(fscb + 36, &recfm, 1);
	return cms_svc202(fscb, NULL);
}

int cms_fsclose(const char *fn, const char *ft, const char *fm)
{
	fscb_set(fn, "*", ft, fm);
	name8(fscb, "FINIS", 5);
	return cms_svc202(fscb, NULL);
}

/* main's arguments: the line as typed, from the extended PLIST (EBCDIC),
 * split at blanks. */
enum { ARGS_MAX = 32 };

int cms_prog_start(const uint8_t *plist, const uint32_t *eplist);
int cms_prog_start(const uint8_t *plist, const uint32_t *eplist)
{
	(void)plist;
	static char line[256], *argv[ARGS_MAX + 1];
	const uint8_t *from = (const uint8_t *)(uintptr_t)(eplist[0] & 0xFFFFFF);
	uint32_t n = (eplist[2] & 0xFFFFFF) - (eplist[0] & 0xFFFFFF);
	if (n > sizeof line - 1)
		n = sizeof line - 1;
	cms_to_ascii(line, from, n);
	line[n] = 0;
	int argc = 0;
	for (char *p = line; *p && argc < ARGS_MAX;) {
		while (*p == ' ')
			*p++ = 0;
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
	argv[argc] = NULL;
	return main(argc, argv);
}
