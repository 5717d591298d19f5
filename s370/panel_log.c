/* panel_log.c — the panel's log ring (see panel_log.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "panel_log.h"

int panel_log_init(struct panel_log *l)
{
	memset(l, 0, sizeof *l);
	l->ring = calloc(PANEL_LOG_LINES, sizeof *l->ring);
	if (!l->ring)
		return -1;
	pthread_mutex_init(&l->lock, NULL);
	return 0;
}

void panel_log_free(struct panel_log *l)
{
	free(l->ring);
	l->ring = NULL;
	pthread_mutex_destroy(&l->lock);
}

/* Caller holds the lock. */
static void add_one(struct panel_log *l, const char *s, size_t len)
{
	size_t slot;
	if (l->n < PANEL_LOG_LINES) {
		slot = (l->first + l->n++) % PANEL_LOG_LINES;
	} else { /* full: the oldest line goes */
		slot = l->first;
		l->first = (l->first + 1) % PANEL_LOG_LINES;
	}
	char *d = l->ring[slot];
	size_t o = 0;
	for (size_t k = 0; k < len && o < PANEL_LOG_WIDTH - 1; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c == '\r')
			continue;
		d[o++] = c == '\t' ? ' ' : (c < 0x20 || c == 0x7F) ? '.' : (char)c;
	}
	d[o] = 0;
	l->added++;
}

void panel_log_add(struct panel_log *l, const char *text, size_t len)
{
	if (len && text[len - 1] == '\n')
		len--;
	pthread_mutex_lock(&l->lock);
	for (;;) {
		const char *nl = memchr(text, '\n', len);
		size_t piece = nl ? (size_t)(nl - text) : len;
		add_one(l, text, piece);
		if (!nl)
			break;
		text += piece + 1;
		len -= piece + 1;
	}
	pthread_mutex_unlock(&l->lock);
}

size_t panel_log_count(struct panel_log *l)
{
	pthread_mutex_lock(&l->lock);
	size_t n = l->n;
	pthread_mutex_unlock(&l->lock);
	return n;
}

uint64_t panel_log_added(struct panel_log *l)
{
	pthread_mutex_lock(&l->lock);
	uint64_t n = l->added;
	pthread_mutex_unlock(&l->lock);
	return n;
}

bool panel_log_get(struct panel_log *l, size_t k, char *buf, size_t n)
{
	pthread_mutex_lock(&l->lock);
	bool ok = k < l->n;
	if (ok)
		snprintf(buf, n, "%s", l->ring[(l->first + k) % PANEL_LOG_LINES]);
	pthread_mutex_unlock(&l->lock);
	return ok;
}

static bool contains(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);
	for (; *hay; hay++) {
		size_t k = 0;
		while (k < nl && hay[k] &&
		       tolower((unsigned char)hay[k]) == tolower((unsigned char)needle[k]))
			k++;
		if (k == nl)
			return true;
	}
	return nl == 0;
}

long panel_log_search(struct panel_log *l, const char *needle, size_t before)
{
	long found = -1;
	pthread_mutex_lock(&l->lock);
	if (before > l->n)
		before = l->n;
	for (size_t k = before; k-- > 0;) {
		if (contains(l->ring[(l->first + k) % PANEL_LOG_LINES], needle)) {
			found = (long)k;
			break;
		}
	}
	pthread_mutex_unlock(&l->lock);
	return found;
}

void panel_log_dump(struct panel_log *l, FILE *f)
{
	pthread_mutex_lock(&l->lock);
	for (size_t k = 0; k < l->n; k++)
		fprintf(f, "%s\n", l->ring[(l->first + k) % PANEL_LOG_LINES]);
	fflush(f);
	pthread_mutex_unlock(&l->lock);
}
