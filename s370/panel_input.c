/* panel_input.c — the panel's command line (see panel_input.h). */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "panel_input.h"

enum { CTRL_A = 1, CTRL_E = 5, CTRL_K = 11, CTRL_U = 21 };

void panel_edit_init(struct panel_edit *e)
{
	memset(e, 0, sizeof *e);
}

void panel_edit_free(struct panel_edit *e)
{
	for (int k = 0; k < e->nhist; k++)
		free(e->hist[k]);
	e->nhist = 0;
}

void panel_edit_set(struct panel_edit *e, const char *text)
{
	size_t n = strnlen(text, PANEL_EDIT_MAX);
	memcpy(e->buf, text, n);
	e->buf[n] = 0;
	e->len = e->cur = n;
}

static void insert(struct panel_edit *e, char c)
{
	if (e->len == PANEL_EDIT_MAX)
		return;
	memmove(e->buf + e->cur + 1, e->buf + e->cur, e->len - e->cur + 1);
	e->buf[e->cur++] = c;
	e->len++;
}

static void cut(struct panel_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

/* Up (dir -1) / Down (+1) in the history. */
static void walk(struct panel_edit *e, int dir)
{
	if (e->hpos > e->nhist) /* first use */
		e->hpos = e->nhist;
	int to = e->hpos + dir;
	if (to < 0 || to > e->nhist)
		return;
	if (e->hpos == e->nhist)
		snprintf(e->saved, sizeof e->saved, "%s", e->buf);
	e->hpos = to;
	panel_edit_set(e, to == e->nhist ? e->saved : e->hist[to]);
}

bool panel_edit_key(struct panel_edit *e, int key)
{
	if (e->hpos > e->nhist || e->hpos < 0)
		e->hpos = e->nhist;
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		return true;
	case KEY_LEFT:
		if (e->cur)
			e->cur--;
		break;
	case KEY_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		break;
	case KEY_HOME:
	case CTRL_A:
		e->cur = 0;
		break;
	case KEY_END:
	case CTRL_E:
		e->cur = e->len;
		break;
	case KEY_BACKSPACE:
	case 8:
	case 127:
		if (e->cur)
			cut(e, e->cur - 1, e->cur);
		break;
	case KEY_DC:
		if (e->cur < e->len)
			cut(e, e->cur, e->cur + 1);
		break;
	case CTRL_U:
		cut(e, 0, e->cur);
		break;
	case CTRL_K:
		e->buf[e->cur] = 0;
		e->len = e->cur;
		break;
	case KEY_UP:
		walk(e, -1);
		break;
	case KEY_DOWN:
		walk(e, 1);
		break;
	default:
		if (key >= 0x20 && key < 0x7F)
			insert(e, (char)key);
		break;
	}
	return false;
}

void panel_edit_accept(struct panel_edit *e)
{
	const char *s = e->buf + strspn(e->buf, " \t");
	if (*s && (!e->nhist || strcmp(e->hist[e->nhist - 1], e->buf))) {
		if (e->nhist == PANEL_HISTORY) {
			free(e->hist[0]);
			memmove(e->hist, e->hist + 1, (PANEL_HISTORY - 1) * sizeof e->hist[0]);
			e->nhist--;
		}
		char *copy = strdup(e->buf);
		if (copy)
			e->hist[e->nhist++] = copy;
	}
	e->hpos = e->nhist;
	panel_edit_set(e, "");
}

int panel_edit_complete(struct panel_edit *e, const char *const *names, char *msg, size_t msglen)
{
	msg[0] = 0;
	size_t start = strspn(e->buf, " \t");
	size_t end = start + strcspn(e->buf + start, " \t");
	if (e->cur < start || e->cur > end) /* only the command name completes */
		return 0;
	size_t plen = e->cur - start;
	const char *first = NULL;
	size_t common = 0;
	int n = 0;
	size_t o = 0;
	for (int k = 0; names[k]; k++) {
		if (strncasecmp(names[k], e->buf + start, plen))
			continue;
		if (!first) {
			first = names[k];
			common = strlen(first);
		} else {
			size_t c = 0;
			while (c < common && names[k][c] && names[k][c] == first[c])
				c++;
			common = c;
		}
		if (o < msglen)
			o += (size_t)snprintf(msg + o, msglen - o, "%s%s", n ? " " : "", names[k]);
		n++;
	}
	if (!n) {
		snprintf(msg, msglen, "no command begins with %.*s", (int)plen, e->buf + start);
		return 0;
	}
	/* Replace the word up to the cursor by the common prefix (plus a
	 * blank when only one name fits). */
	char word[64];
	snprintf(word, sizeof word, "%.*s%s", (int)common, first, n == 1 && end == e->len ? " " : "");
	char rest[PANEL_EDIT_MAX + 1];
	snprintf(rest, sizeof rest, "%s", e->buf + end);
	char line[2 * PANEL_EDIT_MAX + 80];
	snprintf(line, sizeof line, "%.*s%s%s", (int)start, e->buf, word, rest);
	panel_edit_set(e, line);
	e->cur = start + strlen(word);
	if (n == 1)
		msg[0] = 0;
	return n;
}
