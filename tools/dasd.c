/* dasd.c — `dasd`, the host tool for CKD, CCKD and FBA volume images
 * (docs/tools.md): the subcommand dispatch, the usage text and the helpers
 * every subcommand shares (dasd.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codepage.h"
#include "dasd.h"

static const char usage_text[] =
    "usage: dasd init [-z|-bz2] [-r] [-f] [-v TRACKS] [-m CYLS] FILE TYPE VOLSER [CYLINDERS]\n"
    "       dasd init [-f] FILE 3310|3370 VOLSER [BLOCKS]\n"
    "       dasd ls FILE\n"
    "       dasd cat [-b] FILE DSNAME[(MEMBER)]\n"
    "       dasd check [--repair] [-q] FILE\n"
    "\n"
    "  init   make a new volume: an empty CKD image of TYPE (2311, 2314, 3330,\n"
    "         3330-11, 3340, 3340-2, 3350, 3375, 3380, 3380-E, 3380-K), compressed\n"
    "         with zlib (-z) or bzip2 (-bz2), with IPL records, a VOL1 label and a\n"
    "         VTOC of TRACKS tracks (default: the rest of cylinder 0); -r: no label,\n"
    "         no VTOC, no VOLSER; -f: replace an existing FILE.  An FBA volume\n"
    "         gets a VOL1 label in block 1.\n"
    "  ls     the volume label and the VTOC: data sets, their organisation,\n"
    "         record format, extents and tracks\n"
    "  cat    print a data set (or a PDS member) as text from EBCDIC (code page\n"
    "         037); a PDS without a member: its members; -b: the blocks as recorded\n"
    "  check  verify an image (header, geometry, compressed-image tables, free\n"
    "         space, every track); --repair rebuilds the free space of a\n"
    "         compressed image that was not closed; -q: problems only\n"
    "\n"
    "exit status: 0 done / consistent, 1 damaged or not found, 2 usage or I/O error\n";

static int usage(FILE *f, int rc)
{
	fputs(usage_text, f);
	return rc;
}

void dasd_err(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("dasd: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

bool dasd_number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
		return false;
	unsigned long v = strtoul(s, NULL, 10);
	if (v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

void dasd_e2a(const uint8_t *in, size_t n, char *out)
{
	codepage_to_utf8(codepage_find("037"), in, n, out);
	size_t l = strlen(out);
	while (l && out[l - 1] == ' ')
		out[--l] = 0;
}

void dasd_a2e(const char *in, uint8_t *out, size_t n)
{
	const struct codepage *cp = codepage_find("037");
	size_t k = 0;
	for (; k < n && in[k]; k++)
		out[k] = cp->a2e[(uint8_t)in[k]];
	for (; k < n; k++)
		out[k] = 0x40;
}

uint32_t dasd_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void dasd_put_le32(uint8_t *p, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		p[k] = (uint8_t)(v >> 8 * k);
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} subcommands[] = {
    {"init", dasd_init_main},
    {"ls", dasd_ls_main},
    {"cat", dasd_cat_main},
    {"check", dasd_check_main},
};

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, DASD_USAGE);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return usage(stdout, DASD_OK);
	for (size_t k = 0; k < sizeof subcommands / sizeof subcommands[0]; k++)
		if (!strcmp(argv[1], subcommands[k].name)) {
			for (int a = 2; a < argc; a++)
				if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h"))
					return usage(stdout, DASD_OK);
			return subcommands[k].fn(argc - 1, argv + 1);
		}
	dasd_err("unknown subcommand '%s' (init, ls, cat or check)", argv[1]);
	return usage(stderr, DASD_USAGE);
}
