/* tn_logo.c — the connection screen from a logo file (LOGOFILE).
 *
 * The file is the one Hercules 4 reads for its 3270 logo (its User
 * Reference, "Hercules 3270 Logo"): plain text, one screen line a line,
 * and order lines that begin with '@':
 *
 *   @SBA x,y        the next text goes to row x, column y (both from 0)
 *   @SF attrs       a field attribute here: H highlighted, P protected
 *   @NL             skip a line
 *   @ALIGN how      NONE (at the current position), LEFT, CENTER, RIGHT
 *
 * $(NAME) in a text line is replaced: CUU and CCUU (the device number in
 * three and four digits), LUNAME (the TN3270E LU name), DEVTYPE (3270,
 * 3278...), PEER (the client's address and port), HOST (this host's name),
 * VERSION (the program); any other name by the environment variable of
 * that name, or nothing.  The screen is always the default 24 x 80 one:
 * Erase/Write (not Alternate) goes out first (GA23-0059, "Erase/Write").
 *
 * The data stream: the WCC, then SBA and text, or SBA and SF, per item.
 * The keyboard stays locked, as on the built-in screen (tn_stream.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "codepage.h"
#include "tn3270.h"

enum { ROWS = 24, COLS = 80 };

/* The value of $(name) (name is NUL-terminated). */
static const char *var(const struct tn_logo_vars *v, const char *name, char *tmp, size_t n)
{
	if (!strcmp(name, "CUU"))
		return v->cuu;
	if (!strcmp(name, "CCUU"))
		return v->ccuu;
	if (!strcmp(name, "LUNAME"))
		return v->lu;
	if (!strcmp(name, "DEVTYPE"))
		return v->devtype;
	if (!strcmp(name, "PEER"))
		return v->peer;
	if (!strcmp(name, "VERSION"))
		return "s370";
	if (!strcmp(name, "HOST")) {
		if (gethostname(tmp, n))
			tmp[0] = 0;
		tmp[n - 1] = 0;
		return tmp;
	}
	const char *e = getenv(name);
	return e ? e : "";
}

/* Replace $(NAME) in line; the result is cut at n - 1 bytes. */
static void substitute(const char *line, const struct tn_logo_vars *v, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = line; *p && o + 1 < n;) {
		const char *end = p[0] == '$' && p[1] == '(' ? strchr(p + 2, ')') : NULL;
		if (!end || end - p - 2 >= 32) {
			out[o++] = *p++;
			continue;
		}
		char name[32], tmp[64];
		memcpy(name, p + 2, (size_t)(end - p - 2));
		name[end - p - 2] = 0;
		const char *val = var(v, name, tmp, sizeof tmp);
		size_t l = strlen(val ? val : "");
		if (l > n - 1 - o)
			l = n - 1 - o;
		memcpy(out + o, val ? val : "", l);
		o += l;
		p = end + 1;
	}
	out[o] = 0;
}

struct logo {
	uint8_t *out;
	size_t max, k;
	int row, col;
	enum { AL_NONE, AL_LEFT, AL_CENTER, AL_RIGHT } align;
};

/* SBA to (row, col): false when it is off the screen or out of room. */
static bool sba(struct logo *g, int row, int col)
{
	if (row < 0 || row >= ROWS || col < 0 || col >= COLS || g->k + 3 > g->max)
		return false;
	g->out[g->k++] = 0x11;
	tn_encode_addr((unsigned)(row * COLS + col), g->out + g->k);
	g->k += 2;
	return true;
}

static void order(struct logo *g, const char *line, char *err, size_t errlen, int lineno)
{
	char word[16] = "", arg[32] = "";
	sscanf(line + 1, "%15s %31s", word, arg);
	int x, y;
	if (!strcasecmp(word, "SBA") && sscanf(arg, "%d,%d", &x, &y) == 2) {
		g->row = x;
		g->col = y;
	} else if (!strcasecmp(word, "SF")) {
		/* field attribute (GA23-0059 "Field Attributes"): bit 2
		 * protected (X'20'), bits 4-5 = 10 intensified (X'08'), as a
		 * graphic byte through the 6-bit table */
		unsigned a = (strchr(arg, 'P') || strchr(arg, 'p') ? 0x20 : 0) |
		             (strchr(arg, 'H') || strchr(arg, 'h') ? 0x08 : 0);
		uint8_t code[2];
		tn_encode_addr(a, code); /* its low byte is the graphic code of a */
		if (sba(g, g->row, g->col) && g->k + 2 <= g->max) {
			g->out[g->k++] = 0x1D; /* SF */
			g->out[g->k++] = code[1];
			g->col++;
		}
	} else if (!strcasecmp(word, "NL")) {
		g->row++;
		g->col = 0;
	} else if (!strcasecmp(word, "ALIGN")) {
		g->align = !strcasecmp(arg, "LEFT")     ? AL_LEFT
		           : !strcasecmp(arg, "CENTER") ? AL_CENTER
		           : !strcasecmp(arg, "RIGHT")  ? AL_RIGHT
		                                        : AL_NONE;
	} else if (err && !err[0]) {
		snprintf(err, errlen, "line %d: unknown order %s (expected @SBA x,y, @SF, @NL, @ALIGN)",
		         lineno, line);
	}
}

static void text(struct logo *g, const char *line, const struct tn_logo_vars *v)
{
	char sub[256];
	substitute(line, v, sub, sizeof sub);
	uint8_t ebc[COLS];
	size_t n = codepage_from_utf8(codepage_find("037"), sub, ebc, sizeof ebc);
	int col = g->align == AL_LEFT     ? 0
	          : g->align == AL_RIGHT  ? COLS - (int)n
	          : g->align == AL_CENTER ? (COLS - (int)n) / 2
	                                  : g->col;
	if (n && sba(g, g->row, col)) {
		if (n > (size_t)(COLS - col))
			n = (size_t)(COLS - col); /* the rest of the row only */
		if (n > g->max - g->k)
			n = g->max - g->k;
		memcpy(g->out + g->k, ebc, n);
		g->k += n;
	}
	g->row++;
	g->col = 0;
}

size_t tn_logo(const char *path, const struct tn_logo_vars *v, uint8_t *out, size_t max, char *err,
               size_t errlen)
{
	if (err && errlen)
		err[0] = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (err)
			snprintf(err, errlen, "cannot read %s", path);
		return 0;
	}
	struct logo g = {.out = out, .max = max};
	if (max < 1) {
		fclose(f);
		return 0;
	}
	out[g.k++] = 0xC1; /* WCC: reset MDT bits; the keyboard stays locked */
	char line[512];
	int lineno = 0;
	while (fgets(line, sizeof line, f) && g.row < ROWS) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (line[0] == '@')
			order(&g, line, err, errlen, lineno);
		else
			text(&g, line, v);
	}
	fclose(f);
	return g.k;
}
