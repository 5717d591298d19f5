/* vformat.c — the nucleus's formatter: CP's (cp/lib.c), which CMS links
 * too.  (On the host, cms/hostlib.c maps it to vsnprintf.) */
#include "cmslib.h"

int cp_vformat(char *buf, size_t size, const char *fmt, va_list ap);

int cms_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	return cp_vformat(buf, size, fmt, ap);
}

int cms_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = cp_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
