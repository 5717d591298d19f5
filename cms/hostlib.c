/* hostlib.c — what the nucleus gives CMS's modules, on the host: storage
 * from malloc, the formatter from vsnprintf (the same formats: cmslib.h).
 * tools/cmsfs and the unit tests of tests/cms link it with the CMS modules
 * they use; the nucleus has heap.c and vformat.c instead. */
#include <stdio.h>
#include <stdlib.h>

#include "cms.h"

void *cms_alloc(size_t n)
{
	return calloc(1, n ? n : 1);
}

void *cms_alloc_in(size_t n, int zone)
{
	(void)zone;
	return calloc(1, n ? n : 1);
}

void cms_free(void *p)
{
	free(p);
}

int cms_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

int cms_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

uint8_t cms_rec[CMS_RECMAX]; /* (the nucleus has it in cmd.c) */
