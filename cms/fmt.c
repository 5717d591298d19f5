/* fmt.c — the little helpers of cmslib.h that command parsers share, and
 * the translation to and from EBCDIC.  Compiled for the nucleus and for the
 * host alike. */
#include "cmslib.h"

void cms_a2e(uint8_t *out, const char *in, size_t n)
{
	for (size_t k = 0; k < n; k++)
		out[k] = cp_a2e[(uint8_t)in[k]];
}

void cms_e2a(char *out, const uint8_t *in, size_t n)
{
	for (size_t k = 0; k < n; k++)
		out[k] = (char)cp_e2a[in[k]];
}

char cms_toupper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

void cms_upper(char *s)
{
	for (; *s; s++)
		*s = cms_toupper(*s);
}

/* VM/370's commands and options may be shortened to a stated minimum:
 * "LISTF" for LISTFILE (min 5), "Q" for QUERY (min 1). */
bool cms_abbrev(const char *word, const char *full, int min)
{
	int n = 0;
	for (; word[n]; n++)
		if (!full[n] || cms_toupper(word[n]) != cms_toupper(full[n]))
			return false;
	return n >= min || !full[n];
}

int cms_words(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w[n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
	}
	return n;
}
