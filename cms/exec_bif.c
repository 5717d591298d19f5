/* exec_bif.c — built-in functions on strings and words, and the argument
 * helpers all built-ins use.
 *
 * The REXX Language, ch. 4 "Functions": positions count from 1; a length
 * or position argument must be a whole number (non-negative, or positive
 * where a position is meant); a pad is exactly one character.  A bad
 * argument is error 40 (Incorrect call to routine).
 */
#include "exec_int.h"

bool exec_arg_given(int n, const bool *p, int i)
{
	return i < n && p[i];
}

int exec_arg_int(struct exec *ex, int n, struct xv *a, const bool *p, int i, int def, int min)
{
	int v;
	if (!exec_arg_given(n, p, i))
		return def;
	if (!exec_whole(ex, a[i], &v) || v < min) {
		exec_error(ex, 40);
		return def;
	}
	return v;
}

char exec_arg_opt(struct exec *ex, int n, struct xv *a, const bool *p, int i, char def, const char *allowed)
{
	if (!exec_arg_given(n, p, i))
		return def;
	char c = a[i].len ? cms_toupper(a[i].s[0]) : 0;
	for (const char *k = allowed; c && *k; k++)
		if (*k == c)
			return c;
	exec_error(ex, 40);
	return def;
}

char exec_arg_pad(struct exec *ex, int n, struct xv *a, const bool *p, int i)
{
	if (!exec_arg_given(n, p, i))
		return ' ';
	if (a[i].len != 1) {
		exec_error(ex, 40);
		return ' ';
	}
	return a[i].s[0];
}

static struct xv empty(struct exec *ex)
{
	return exec_str(ex, "", 0);
}

/* s[from, from+len) with pad beyond s (from may be past its end). */
static struct xv piece(struct exec *ex, struct xv s, int from, int len, char pad)
{
	struct xv r = exec_alloc(ex, len);
	if (ex->err)
		return r;
	for (int i = 0; i < len; i++) {
		int k = from + i;
		r.s[i] = k >= 0 && k < s.len ? s.s[k] : pad;
	}
	return r;
}

#define ARGS struct exec *ex, int n, struct xv *a, const bool *p
#define INT(i, def, min) exec_arg_int(ex, n, a, p, i, def, min)
#define PAD(i) exec_arg_pad(ex, n, a, p, i)

static struct xv f_length(ARGS)
{
	(void)n, (void)p;
	return exec_int(ex, a[0].len);
}

static struct xv f_substr(ARGS)
{
	int start = INT(1, 1, 1);
	int rest = a[0].len - start + 1;
	int len = INT(2, rest < 0 ? 0 : rest, 0);
	char pad = PAD(3);
	return ex->err ? empty(ex) : piece(ex, a[0], start - 1, len, pad);
}

static struct xv f_left(ARGS)
{
	int len = INT(1, 0, 0);
	char pad = PAD(2);
	return ex->err ? empty(ex) : piece(ex, a[0], 0, len, pad);
}

static struct xv f_right(ARGS)
{
	int len = INT(1, 0, 0);
	char pad = PAD(2);
	return ex->err ? empty(ex) : piece(ex, a[0], a[0].len - len, len, pad);
}

static struct xv center(ARGS)
{
	int len = INT(1, 0, 0);
	char pad = PAD(2);
	if (ex->err)
		return empty(ex);
	/* Longer strings lose characters at both ends, the extra one on the right. */
	int from = a[0].len > len ? (a[0].len - len) / 2 : -((len - a[0].len) / 2);
	return piece(ex, a[0], from, len, pad);
}

static int find(struct xv needle, struct xv hay, int from)
{
	if (needle.len == 0)
		return 0;
	for (int i = from; i + needle.len <= hay.len; i++)
		if (memcmp(hay.s + i, needle.s, (size_t)needle.len) == 0)
			return i + 1;
	return 0;
}

static struct xv f_pos(ARGS)
{
	int start = INT(2, 1, 1);
	return ex->err ? empty(ex) : exec_int(ex, find(a[0], a[1], start - 1));
}

static struct xv f_index(ARGS)
{
	int start = INT(2, 1, 1);
	return ex->err ? empty(ex) : exec_int(ex, find(a[1], a[0], start - 1));
}

static struct xv f_lastpos(ARGS)
{
	int start = INT(2, a[1].len, 1);
	if (ex->err)
		return empty(ex);
	int r = 0;
	if (a[0].len) {
		int i = (start < a[1].len ? start : a[1].len) - a[0].len;
		for (; i >= 0; i--)
			if (memcmp(a[1].s + i, a[0].s, (size_t)a[0].len) == 0) {
				r = i + 1;
				break;
			}
	}
	return exec_int(ex, r);
}

/* The k-th (1-based) blank-delimited word: its start and length; false if none. */
static bool word_at(struct xv s, int k, int *start, int *len)
{
	int i = 0;
	for (int w = 1;; w++) {
		while (i < s.len && s.s[i] == ' ')
			i++;
		if (i >= s.len)
			return false;
		int b = i;
		while (i < s.len && s.s[i] != ' ')
			i++;
		if (w == k) {
			*start = b;
			*len = i - b;
			return true;
		}
	}
}

static int word_count(struct xv s)
{
	int n = 0, st = 0, len = 0;
	while (word_at(s, n + 1, &st, &len))
		n++;
	return n;
}

static struct xv f_words(ARGS)
{
	(void)n, (void)p;
	int c = 0;
	for (int i = 0; i < a[0].len;) {
		while (i < a[0].len && a[0].s[i] == ' ')
			i++;
		if (i < a[0].len)
			c++;
		while (i < a[0].len && a[0].s[i] != ' ')
			i++;
	}
	return exec_int(ex, c);
}

static struct xv f_word(ARGS)
{
	int k = INT(1, 1, 1), st = 0, len = 0;
	if (ex->err || !word_at(a[0], k, &st, &len))
		return empty(ex);
	return exec_str(ex, a[0].s + st, len);
}

static struct xv f_wordindex(ARGS)
{
	int k = INT(1, 1, 1), st = 0, len = 0;
	if (ex->err)
		return empty(ex);
	return exec_int(ex, word_at(a[0], k, &st, &len) ? st + 1 : 0);
}

static struct xv f_wordlength(ARGS)
{
	int k = INT(1, 1, 1), st = 0, len = 0;
	if (ex->err)
		return empty(ex);
	return exec_int(ex, word_at(a[0], k, &st, &len) ? len : 0);
}

static struct xv f_subword(ARGS)
{
	int k = INT(1, 1, 1), cnt = INT(2, -1, 0), st = 0, len = 0, st2 = 0, len2 = 0;
	if (ex->err || cnt == 0 || !word_at(a[0], k, &st, &len))
		return empty(ex);
	int end;
	if (cnt > 0 && word_at(a[0], k + cnt - 1, &st2, &len2))
		end = st2 + len2;
	else {
		end = a[0].len;
		while (end > st && a[0].s[end - 1] == ' ')
			end--;
	}
	return exec_str(ex, a[0].s + st, end - st);
}

static struct xv f_delword(ARGS)
{
	int k = INT(1, 1, 1), cnt = INT(2, -1, 0), st = 0, len = 0, st2 = 0, len2 = 0;
	if (ex->err)
		return empty(ex);
	if (cnt == 0 || !word_at(a[0], k, &st, &len))
		return exec_str(ex, a[0].s, a[0].len);
	int end = a[0].len;
	if (cnt > 0 && word_at(a[0], k + cnt, &st2, &len2))
		end = st2; /* the blanks after the deleted words go with them */
	struct xv r = exec_alloc(ex, st + a[0].len - end);
	if (!ex->err) {
		memcpy(r.s, a[0].s, (size_t)st);
		memcpy(r.s + st, a[0].s + end, (size_t)(a[0].len - end));
	}
	return r;
}

/* WORDPOS(phrase, string [,start]) and FIND(string, phrase). */
static int wordpos(struct xv phrase, struct xv s, int start)
{
	int np = word_count(phrase), ns = word_count(s);
	if (np == 0)
		return 0;
	for (int k = start; k + np - 1 <= ns; k++) {
		bool ok = true;
		for (int j = 0; j < np && ok; j++) {
			int a1 = 0, l1 = 0, a2 = 0, l2 = 0;
			word_at(phrase, j + 1, &a1, &l1);
			word_at(s, k + j, &a2, &l2);
			ok = l1 == l2 && memcmp(phrase.s + a1, s.s + a2, (size_t)l1) == 0;
		}
		if (ok)
			return k;
	}
	return 0;
}

static struct xv f_wordpos(ARGS)
{
	int start = INT(2, 1, 1);
	return ex->err ? empty(ex) : exec_int(ex, wordpos(a[0], a[1], start));
}

static struct xv f_find(ARGS)
{
	(void)n, (void)p;
	return exec_int(ex, wordpos(a[1], a[0], 1));
}

static struct xv f_strip(ARGS)
{
	char opt = exec_arg_opt(ex, n, a, p, 1, 'B', "BLT");
	char ch = PAD(2);
	if (ex->err)
		return empty(ex);
	int b = 0, e = a[0].len;
	if (opt != 'T')
		while (b < e && a[0].s[b] == ch)
			b++;
	if (opt != 'L')
		while (e > b && a[0].s[e - 1] == ch)
			e--;
	return exec_str(ex, a[0].s + b, e - b);
}

static struct xv f_space(ARGS)
{
	int gap = INT(1, 1, 0);
	char pad = PAD(2);
	if (ex->err)
		return empty(ex);
	int words = word_count(a[0]);
	long total = 0;
	for (int k = 1; k <= words; k++) {
		int st = 0, len = 0;
		word_at(a[0], k, &st, &len);
		total += len;
	}
	if (words > 1 && gap > (EXEC_MAXSTR - total) / (words - 1)) {
		exec_error(ex, 5);
		return empty(ex);
	}
	struct xv r = exec_alloc(ex, (int)total + (words > 1 ? (words - 1) * gap : 0));
	int o = 0;
	for (int k = 1; k <= words && !ex->err; k++) {
		int st = 0, len = 0;
		word_at(a[0], k, &st, &len);
		if (k > 1)
			for (int j = 0; j < gap; j++)
				r.s[o++] = pad;
		memcpy(r.s + o, a[0].s + st, (size_t)len);
		o += len;
	}
	return r;
}

/* TRANSLATE(s): upper case; TRANSLATE(s, out, in [,pad]): each character
 * of s found in in (the first occurrence) becomes the one at that place of
 * out (pad beyond its end); without in, in is the 256 characters in order. */
static struct xv f_translate(ARGS)
{
	struct xv r = exec_str(ex, a[0].s, a[0].len);
	if (ex->err)
		return r;
	if (n == 1) {
		for (int i = 0; i < r.len; i++)
			r.s[i] = cms_toupper(r.s[i]);
		return r;
	}
	char pad = PAD(3);
	bool hasout = exec_arg_given(n, p, 1), hasin = exec_arg_given(n, p, 2);
	for (int i = 0; i < r.len; i++) {
		uint8_t c = (uint8_t)r.s[i];
		int at = -1;
		if (hasin) {
			for (int k = 0; k < a[2].len; k++)
				if ((uint8_t)a[2].s[k] == c) {
					at = k;
					break;
				}
		} else {
			at = c;
		}
		if (at < 0)
			continue;
		r.s[i] = hasout && at < a[1].len ? a[1].s[at] : pad;
	}
	return r;
}

static struct xv f_reverse(ARGS)
{
	(void)n, (void)p;
	struct xv r = exec_alloc(ex, a[0].len);
	for (int i = 0; i < a[0].len && !ex->err; i++)
		r.s[i] = a[0].s[a[0].len - 1 - i];
	return r;
}

static struct xv f_copies(ARGS)
{
	int k = INT(1, 0, 0);
	if (ex->err)
		return empty(ex);
	if (k && a[0].len > EXEC_MAXSTR / k) {
		exec_error(ex, 5);
		return empty(ex);
	}
	struct xv r = exec_alloc(ex, a[0].len * k);
	for (int i = 0; i < k && !ex->err; i++)
		memcpy(r.s + i * a[0].len, a[0].s, (size_t)a[0].len);
	return r;
}

/* INSERT(new, target [,n [,length [,pad]]]) and OVERLAY(new, target [,n [,length [,pad]]]). */
static struct xv insert_overlay(struct exec *ex, int n, struct xv *a, const bool *p, bool overlay)
{
	int at = INT(2, overlay ? 1 : 0, overlay ? 1 : 0);
	int len = INT(3, a[0].len, 0);
	char pad = PAD(4);
	if (ex->err)
		return empty(ex);
	if (overlay)
		at--;
	struct xv nw = piece(ex, a[0], 0, len, pad);
	struct xv head = piece(ex, a[1], 0, at, pad);
	int tail_from = overlay ? at + len : at;
	int tail_len = a[1].len > tail_from ? a[1].len - tail_from : 0;
	struct xv r = exec_alloc(ex, head.len + nw.len + tail_len);
	if (!ex->err) {
		memcpy(r.s, head.s, (size_t)head.len);
		memcpy(r.s + head.len, nw.s, (size_t)nw.len);
		memcpy(r.s + head.len + nw.len, a[1].s + tail_from, (size_t)tail_len);
	}
	exec_drop(&nw);
	exec_drop(&head);
	return r;
}

static struct xv f_insert(ARGS)
{
	return insert_overlay(ex, n, a, p, false);
}

static struct xv f_overlay(ARGS)
{
	return insert_overlay(ex, n, a, p, true);
}

static struct xv f_delstr(ARGS)
{
	int at = INT(1, 1, 1), len = INT(2, -1, 0);
	if (ex->err)
		return empty(ex);
	if (at > a[0].len)
		return exec_str(ex, a[0].s, a[0].len);
	int from = at - 1, to = len < 0 || len > a[0].len - from ? a[0].len : from + len;
	struct xv r = exec_alloc(ex, a[0].len - (to - from));
	if (!ex->err) {
		memcpy(r.s, a[0].s, (size_t)from);
		memcpy(r.s + from, a[0].s + to, (size_t)(a[0].len - to));
	}
	return r;
}

/* VERIFY(s, ref [,'N'omatch|'M'atch [,start]]): the first position (from
 * start) of a character not in ref (or, for M, in ref); 0 if none. */
static struct xv f_verify(ARGS)
{
	char opt = exec_arg_opt(ex, n, a, p, 2, 'N', "NM");
	int start = INT(3, 1, 1);
	if (ex->err)
		return empty(ex);
	for (int i = start - 1; i < a[0].len; i++) {
		bool in = false;
		for (int k = 0; k < a[1].len && !in; k++)
			in = a[1].s[k] == a[0].s[i];
		if (in == (opt == 'M'))
			return exec_int(ex, i + 1);
	}
	return exec_int(ex, 0);
}

static struct xv f_compare(ARGS)
{
	char pad = PAD(2);
	if (ex->err)
		return empty(ex);
	int len = a[0].len > a[1].len ? a[0].len : a[1].len;
	for (int i = 0; i < len; i++) {
		char x = i < a[0].len ? a[0].s[i] : pad, y = i < a[1].len ? a[1].s[i] : pad;
		if (x != y)
			return exec_int(ex, i + 1);
	}
	return exec_int(ex, 0);
}

/* ABBREV(information, info [,length]): info is a leading part of
 * information, at least length characters (default its own length). */
static struct xv f_abbrev(ARGS)
{
	int min = INT(2, a[1].len, 0);
	if (ex->err)
		return empty(ex);
	bool ok = a[1].len >= min && a[1].len <= a[0].len && memcmp(a[0].s, a[1].s, (size_t)a[1].len) == 0;
	return exec_str(ex, ok ? "1" : "0", 1);
}

static struct xv f_upper(ARGS)
{
	(void)n, (void)p;
	struct xv r = exec_str(ex, a[0].s, a[0].len);
	for (int i = 0; i < r.len; i++)
		r.s[i] = cms_toupper(r.s[i]);
	return r;
}

static struct xv f_xrange(ARGS)
{
	uint8_t from = 0, to = 255;
	if (exec_arg_given(n, p, 0)) {
		if (a[0].len != 1)
			goto bad;
		from = (uint8_t)a[0].s[0];
	}
	if (exec_arg_given(n, p, 1)) {
		if (a[1].len != 1)
			goto bad;
		to = (uint8_t)a[1].s[0];
	}
	int len = to >= from ? to - from + 1 : 256 - from + to + 1;
	struct xv r = exec_alloc(ex, len);
	for (int i = 0; i < len && !ex->err; i++)
		r.s[i] = (char)(uint8_t)(from + i);
	return r;
bad:
	exec_error(ex, 40);
	return empty(ex);
}

const struct exec_bif exec_bifs_str[] = {
    {"ABBREV", 2, 3, f_abbrev},
    {"CENTER", 2, 3, center},
    {"CENTRE", 2, 3, center},
    {"COMPARE", 2, 3, f_compare},
    {"COPIES", 2, 2, f_copies},
    {"DELSTR", 2, 3, f_delstr},
    {"DELWORD", 2, 3, f_delword},
    {"FIND", 2, 2, f_find},
    {"INDEX", 2, 3, f_index},
    {"INSERT", 2, 5, f_insert},
    {"LASTPOS", 2, 3, f_lastpos},
    {"LEFT", 2, 3, f_left},
    {"LENGTH", 1, 1, f_length},
    {"OVERLAY", 2, 5, f_overlay},
    {"POS", 2, 3, f_pos},
    {"REVERSE", 1, 1, f_reverse},
    {"RIGHT", 2, 3, f_right},
    {"SPACE", 1, 3, f_space},
    {"STRIP", 1, 3, f_strip},
    {"SUBSTR", 2, 4, f_substr},
    {"SUBWORD", 2, 3, f_subword},
    {"TRANSLATE", 1, 4, f_translate},
    {"UPPER", 1, 1, f_upper},
    {"VERIFY", 2, 4, f_verify},
    {"WORD", 2, 2, f_word},
    {"WORDINDEX", 2, 2, f_wordindex},
    {"WORDLENGTH", 2, 2, f_wordlength},
    {"WORDPOS", 2, 3, f_wordpos},
    {"WORDS", 1, 1, f_words},
    {"XRANGE", 0, 2, f_xrange},
    {NULL, 0, 0, NULL},
};

const struct exec_bif *exec_bif_find(const char *name, int len)
{
	const struct exec_bif *tables[] = {exec_bifs_str, exec_bifs_misc};
	for (int t = 0; t < 2; t++)
		for (const struct exec_bif *b = tables[t]; b->name; b++)
			if ((size_t)len == strlen(b->name) && memcmp(b->name, name, (size_t)len) == 0)
				return b;
	return NULL;
}
