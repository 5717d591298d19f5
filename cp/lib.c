/* lib.c — the few library functions CP needs: there is no C library under
 * CP.  The compiler also calls memset/memcpy/memmove/memcmp by itself for
 * structure assignments, so they must exist under these names.
 */
#include "cp.h"

void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	if (p < q || p >= q + n)
		return memcpy(d, s, n);
	while (n--)
		p[n] = q[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return (unsigned char)*a - (unsigned char)*b;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

char cp_toupper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

void cp_upper(char *s)
{
	for (; *s; s++)
		*s = cp_toupper(*s);
}

void cp_field(char *dst, const char *src, size_t n)
{
	memcpy(dst, src, n);
	dst[n] = 0;
	while (n && dst[n - 1] == ' ')
		dst[--n] = 0;
}

bool cp_hex(const char *s, int maxdigits, uint32_t *out)
{
	uint32_t v = 0;
	int n = 0;
	for (; s && *s; s++, n++) {
		char c = cp_toupper(*s);
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')) || n == maxdigits)
			return false;
		v = v << 4 | (uint32_t)(c <= '9' ? c - '0' : c - 'A' + 10);
	}
	*out = v;
	return n > 0;
}

/* The formatter writes through this, so that it never passes the end. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, uint32_t v, unsigned base, bool upper, bool neg, int width, bool zero)
{
	char tmp[12];
	int n = 0;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	int len = n + (neg ? 1 : 0);
	if (neg && zero)
		put(o, '-');
	for (; width > len; width--)
		put(o, zero ? '0' : ' ');
	if (neg && !zero)
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
}

int cp_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		bool zero = *fmt == '0', left = *fmt == '-';
		if (zero || left)
			fmt++;
		int width = 0;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		switch (*fmt) {
		case 'd': {
			int v = va_arg(ap, int);
			put_num(&o, v < 0 ? (uint32_t)-(int64_t)v : (uint32_t)v, 10, false, v < 0, width, zero);
			break;
		}
		case 'u':
			put_num(&o, va_arg(ap, unsigned), 10, false, false, width, zero);
			break;
		case 'x':
		case 'X':
			put_num(&o, va_arg(ap, unsigned), 16, *fmt == 'X', false, width, zero);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n = strlen(s);
			for (; !left && width > (int)n; width--)
				put(&o, ' ');
			while (*s)
				put(&o, *s++);
			for (; left && width > (int)n; width--)
				put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default: /* not ours: shown as it is */
			put(&o, '%');
			put(&o, *fmt);
			if (!*fmt)
				fmt--;
		}
	}
	if (o.size)
		o.buf[o.len < o.size ? o.len : o.size - 1] = 0;
	return (int)o.len;
}

int cp_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = cp_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
