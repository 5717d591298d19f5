/* direct — the user directory: check it, write it onto the system volume,
 * add users and change passwords in its source.
 *
 *   direct check SOURCE
 *   direct write SOURCE IMAGE
 *   direct add SOURCE USERID PASSWORD STORAGE [CLASSES]
 *   direct passwd SOURCE USERID PASSWORD
 *   direct defaults IMAGE [SOURCE]   (users whose password is still the shipped one)
 *
 * SOURCE holds VM/370's directory statements, one per line ('*' starts a
 * comment line):
 *
 *   TDISK volser start count   (before the first USER: space for T-disks)
 *   PAGING volser start count  (before the first USER: the paging area, one)
 *   SPOOL volser start count   (before the first USER: the spool area, one)
 *   USER userid password storage maxstorage classes
 *   ACCOUNT number
 *   OPTION ECMODE|REALTIMER|BMX|ISAM ...
 *   CONSOLE vaddr type
 *   SPOOL vaddr 2540 READER|PUNCH [class], SPOOL vaddr 3505|3525|1403|3211 [class]
 *   MDISK vaddr type start count volser mode [rpw [wpw [mpw]]]
 *         (CKD: cylinders; FBA 3310/3370: 512-byte blocks, from block 2)
 *   LINK userid vaddr vaddr mode
 *   DEDICATE vaddr raddr
 *
 * Every statement after USER belongs to that user.  TDISK is the system's:
 * cylinders start to start+count-1 of volume volser are where CP takes
 * temporary disks from (DEFINE T3350 vaddr CYL n); no MDISK may lie there,
 * nor cylinder 0 (the label).  `write` compiles the
 * source into the records of cp/dirfmt.h (passwords hashed with a salt of
 * their own) and puts them on cylinder DIR_CYL of the volume (and the next
 * ones, for more users than a cylinder holds); CP reads them
 * at LOGON.  `add` and `passwd` edit the source (then `write` again).
 * An error names the file, the line and what was expected; nothing is
 * written unless the whole source is correct.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ckd.h"
#include "ckdimg.h"
#include "dirfmt.h"

enum { MAX_USERS = 2000 };
/* FBA minidisks: blocks 0 (IPL) and 1 (the VOL1 label, where `dasd init`
 * puts it) are the volume's; block numbers have 24 bits (dirfmt.h). */
enum { FBA_FIRST_BLOCK = 2 };
#define FBA_MAX_BLOCKS 16777216UL

static int md_line[MAX_USERS][DIR_MAX_MDISK]; /* the source line of each MDISK */

struct src {
	const char *path;
	int line;
	int errors;
};

static void err(struct src *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void err(struct src *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "direct: %s:%d: ", s->path, s->line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	s->errors++;
}

static void put16(void *p, uint16_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}
static void put32(void *p, uint32_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

/* Copy upper-cased into a blank-padded field. */
static void field(char *dst, size_t n, const char *s)
{
	memset(dst, ' ', n);
	for (size_t k = 0; k < n && s[k]; k++)
		dst[k] = (char)toupper((unsigned char)s[k]);
}

static bool hex_addr(const char *s, uint16_t *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 16);
	if (!*s || *end || v > 0xFFF)
		return false;
	*out = (uint16_t)v;
	return true;
}

static bool number(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > max || *s == '-')
		return false;
	*out = v;
	return true;
}

/* 512K, 1M, 16M: kilobytes, a multiple of 4K, at most 16M. */
static bool storage(const char *s, uint32_t *kb)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (end == s)
		return false;
	if (toupper((unsigned char)*end) == 'M')
		v *= 1024;
	else if (toupper((unsigned char)*end) != 'K')
		return false;
	if (end[1] || v == 0 || v > 16384 || v % 4)
		return false;
	*kb = (uint32_t)v;
	return true;
}

static bool devtype(const char *s, uint16_t *t)
{
	static const char *const known[] = {"3215", "1052", "3270", "3277", "3278", "3279", "2311", "2314",
	                                    "3330", "3340", "3350", "3375", "3380", "3310", "3370", "2540",
	                                    "3505", "3525", "1403", "3211", "3420", "3480", NULL};
	for (int k = 0; known[k]; k++)
		if (!strcmp(s, known[k])) {
			*t = (uint16_t)strtoul(s, NULL, 16);
			return true;
		}
	return false;
}

static bool valid_id(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (!n || n > max)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!isalnum((unsigned char)s[k]) && !strchr("@#$", s[k]))
			return false;
	return true;
}

static void random_bytes(uint8_t *b, size_t n)
{
	FILE *f = fopen("/dev/urandom", "rb");
	if (!f || fread(b, 1, n, f) != n)
		for (size_t k = 0; k < n; k++)
			b[k] = (uint8_t)rand();
	if (f)
		fclose(f);
}

/* Split a line into blank-separated words (in place). */
static int words(char *line, char **w, int max)
{
	int n = 0;
	for (char *p = strtok(line, " \t\r\n"); p && n < max; p = strtok(NULL, " \t\r\n"))
		w[n++] = p;
	return n;
}

static bool eq(const char *a, const char *b)
{
	return !strcasecmp(a, b);
}

/* The T-disk areas of the source (TDISK statements), and their lines. */
struct tdisks {
	struct dir_tdisk area[DIR_MAX_TDISK];
	int line[DIR_MAX_TDISK];
	uint32_t n;
	struct dir_tdisk paging; /* PAGING (count 0: none), and its line */
	int paging_line;
	struct dir_tdisk spool;  /* SPOOL before the first USER (count 0: none), and its line */
	int spool_line;
};

/* TDISK volser start count: checked here, against the minidisks after the parse. */
static void tdisk_statement(struct src *s, char **w, int nw, struct tdisks *td)
{
	unsigned long x, y;
	if (td->n == DIR_MAX_TDISK)
		err(s, "TDISK: more than %d areas", DIR_MAX_TDISK);
	else if (nw != 4 || !valid_id(w[1], 6) || !number(w[2], 65535, &x) || !number(w[3], 65535, &y) || !y ||
	         x + y > 65536)
		err(s, "TDISK: expected TDISK volser start count (cylinders)");
	else if (!x)
		err(s, "TDISK: cylinder 0 holds the volume label; start at 1 or later");
	else {
		struct dir_tdisk *a = &td->area[td->n];
		field(a->volser, 6, w[1]);
		put16(&a->start, (uint16_t)x);
		put16(&a->count, (uint16_t)y);
		td->line[td->n++] = s->line;
	}
}

/* PAGING volser start count: where CP writes pages (one area); the same
 * for SPOOL before the first USER: where CP keeps spool files (cp/spool.c). */
static void paging_statement(struct src *s, char **w, int nw, struct tdisks *td)
{
	unsigned long x, y;
	bool spool = eq(w[0], "SPOOL");
	const char *st = spool ? "SPOOL" : "PAGING";
	struct dir_tdisk *a = spool ? &td->spool : &td->paging;
	int *line = spool ? &td->spool_line : &td->paging_line;
	if (*line)
		err(s, "%s: one %s area only (the first is on line %d)", st, spool ? "spool" : "paging", *line);
	else if (nw != 4 || !valid_id(w[1], 6) || !number(w[2], 65535, &x) || !number(w[3], 65535, &y) || !y ||
	         x + y > 65536)
		err(s, "%s: expected %s volser start count (cylinders)", st, st);
	else if (!x)
		err(s, "%s: cylinder 0 holds the volume label; start at 1 or later", st);
	else {
		field(a->volser, 6, w[1]);
		put16(&a->start, (uint16_t)x);
		put16(&a->count, (uint16_t)y);
		*line = s->line;
	}
}

static uint16_t get16(const void *p)
{
	const uint8_t *b = p;
	return (uint16_t)(b[0] << 8 | b[1]);
}

/* Does cylinder range [s1, s1+n1) overlap [s2, s2+n2)? */
static bool overlap(uint32_t s1, uint32_t n1, uint32_t s2, uint32_t n2)
{
	return s1 < s2 + n2 && s2 < s1 + n1;
}

/* No MDISK in a T-disk area, no two areas over each other: CP would hand out
 * a user's files, or the same cylinders twice. */
static void tdisk_check(struct src *s, const struct tdisks *td, const struct dir_user *users, int n)
{
	for (uint32_t k = 0; k <= td->n + 1; k++) { /* the T-disk areas, the paging area, the spool area */
		if ((k == td->n && !td->paging_line) || (k == td->n + 1 && !td->spool_line))
			continue;
		const struct dir_tdisk *a = k < td->n ? &td->area[k] : k == td->n ? &td->paging : &td->spool;
		const char *what = k < td->n ? "TDISK" : k == td->n ? "PAGING" : "SPOOL";
		uint32_t as = get16(&a->start), an = get16(&a->count);
		s->line = k < td->n ? td->line[k] : k == td->n ? td->paging_line : td->spool_line;
		for (uint32_t j = 0; j < k && j <= td->n; j++) {
			const struct dir_tdisk *b = j < td->n ? &td->area[j] : &td->paging;
			int bl = j < td->n ? td->line[j] : td->paging_line;
			if (bl && !memcmp(b->volser, a->volser, 6) && overlap(as, an, get16(&b->start), get16(&b->count)))
				err(s, "%s: %.6s cylinders %u-%u overlap the area of line %d", what, a->volser, as,
				    as + an - 1, bl);
		}
		for (int u = 0; u < n; u++)
			for (int m = 0; m < users[u].n_mdisk; m++) {
				const struct dir_mdisk *d = &users[u].mdisk[m];
				int idlen = (int)strcspn(users[u].userid, " ");
				if (!memcmp(d->volser, a->volser, 6) && !dir_type_fba(get16(&d->devtype)) &&
				    overlap(as, an, get16(&d->start), get16(&d->count)))
					err(s, "%s: %.6s cylinders %u-%u overlap MDISK %03X of %.*s", what, a->volser, as,
					    as + an - 1, get16(&d->vaddr), idlen > 8 ? 8 : idlen, users[u].userid);
			}
	}
}

/* A volume is CKD or FBA, not both: an FBA MDISK on a volume that another
 * MDISK or a TDISK, PAGING or SPOOL area (cylinders) uses as CKD would have
 * CP read blocks of a CKD volume, or cylinders of an FBA one. */
static void fba_check(struct src *s, const struct tdisks *td, const struct dir_user *users, int n)
{
	for (int u = 0; u < n; u++)
		for (int m = 0; m < users[u].n_mdisk; m++) {
			const struct dir_mdisk *d = &users[u].mdisk[m];
			if (!dir_type_fba(get16(&d->devtype)))
				continue;
			s->line = md_line[u][m];
			for (uint32_t k = 0; k <= td->n + 1; k++) {
				const struct dir_tdisk *a = k < td->n ? &td->area[k] : k == td->n ? &td->paging : &td->spool;
				int line = k < td->n ? td->line[k] : k == td->n ? td->paging_line : td->spool_line;
				if (line && !memcmp(a->volser, d->volser, 6))
					err(s, "MDISK %03X: %.6s is an FBA volume here, but line %d puts a CKD area (cylinders) on it",
					    get16(&d->vaddr), d->volser, line);
			}
			for (int v = 0; v < n; v++)
				for (int j = 0; j < users[v].n_mdisk; j++) {
					const struct dir_mdisk *o = &users[v].mdisk[j];
					if (!memcmp(o->volser, d->volser, 6) && !dir_type_fba(get16(&o->devtype))) {
						err(s, "MDISK %03X: %.6s is an FBA volume here, but line %d has a CKD minidisk (%04X) on it",
						    get16(&d->vaddr), d->volser, md_line[v][j], get16(&o->devtype));
						v = n; /* once is enough */
						break;
					}
				}
		}
}

/* Parse the source into users[] and td; returns the count, or -1 after errors. */
static int parse(const char *path, struct dir_user *users, int max, struct tdisks *td)
{
	struct src s = {path, 0, 0};
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "direct: %s: %s\n", path, strerror(errno));
		return -1;
	}
	char line[512];
	int n = 0;
	struct dir_user *u = NULL;
	memset(td, 0, sizeof *td);
	while (fgets(line, sizeof line, f)) {
		s.line++;
		if (!strchr(line, '\n') && !feof(f)) {
			err(&s, "line longer than %zu characters", sizeof line - 2);
			int c;
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		char *w[16];
		int nw = words(line, w, 16);
		if (!nw || w[0][0] == '*')
			continue;
		const char *st = w[0];
		if (eq(st, "USER")) {
			if (nw < 6 || nw > 8) {
				err(&s, "USER: expected USER userid password storage maxstorage classes");
				u = NULL;
				continue;
			}
			if (n == max) {
				err(&s, "more than %d users", max);
				break;
			}
			u = &users[n++];
			memset(u, 0, sizeof *u);
			if (!valid_id(w[1], 8))
				err(&s, "USER: '%s' is not a user id (1-8 letters, digits, @ # $)", w[1]);
			for (int k = 0; k < n - 1; k++)
				if (!strncasecmp(users[k].userid, w[1], strlen(w[1])) &&
				    (strlen(w[1]) == 8 || users[k].userid[strlen(w[1])] == ' '))
					err(&s, "USER: %s is defined twice", w[1]);
			field(u->userid, 8, w[1]);
			if (!eq(w[2], "NOLOG")) {
				if (!valid_id(w[2], 8))
					err(&s, "USER %s: the password must be 1-8 letters, digits, @ # $ (or NOLOG)", w[1]);
				random_bytes(u->salt, 8);
				dir_hash_password(u->salt, u->userid, w[2], u->pw_hash);
			}
			uint32_t st_kb, max_kb;
			if (!storage(w[3], &st_kb) || !storage(w[4], &max_kb))
				err(&s, "USER %s: storage '%s' and maximum '%s': expected sizes like 512K or 4M (4K to 16M)",
				    w[1], w[3], w[4]);
			else if (max_kb < st_kb)
				err(&s, "USER %s: the maximum storage %s is less than the storage %s", w[1], w[4], w[3]);
			put32(&u->storage_kb, st_kb);
			put32(&u->max_storage_kb, max_kb);
			for (const char *c = w[5]; *c; c++)
				if (!strchr("ABCDEFGabcdefg", *c))
					err(&s, "USER %s: privilege class '%c' (expected A-G)", w[1], *c);
			field(u->classes, 8, w[5]);
			field(u->account, 8, "");
			continue;
		}
		if (eq(st, "TDISK") || eq(st, "PAGING") || (eq(st, "SPOOL") && !n)) {
			if (n)
				err(&s, "%s: a statement of the system: it goes before the first USER", st);
			else if (eq(st, "TDISK"))
				tdisk_statement(&s, w, nw, td);
			else
				paging_statement(&s, w, nw, td);
			continue;
		}
		if (!u) {
			err(&s, "%s before the first USER statement", st);
			continue;
		}
		uint16_t a, b, t;
		unsigned long x, y;
		if (eq(st, "ACCOUNT")) {
			if (nw < 2 || strlen(w[1]) > 8)
				err(&s, "ACCOUNT: expected an account number of 1-8 characters");
			else
				field(u->account, 8, w[1]);
		} else if (eq(st, "OPTION")) {
			uint32_t o = 0;
			for (int k = 1; k < nw; k++) {
				if (eq(w[k], "REALTIMER"))
					o |= DIR_OPT_REALTIMER;
				else if (eq(w[k], "ECMODE"))
					o |= DIR_OPT_ECMODE;
				else if (eq(w[k], "BMX"))
					o |= DIR_OPT_BMX;
				else if (eq(w[k], "ISAM"))
					o |= DIR_OPT_ISAM;
				else
					err(&s, "OPTION: unknown option %s (REALTIMER ECMODE BMX ISAM)", w[k]);
			}
			put32(&u->options, o);
		} else if (eq(st, "CONSOLE")) {
			if (nw < 3 || !hex_addr(w[1], &a) || !devtype(w[2], &t) || (t != 0x3215 && t != 0x1052))
				err(&s, "CONSOLE: expected CONSOLE vaddr 3215|1052");
			else {
				put16(&u->console_vaddr, a);
				put16(&u->console_type, t);
			}
		} else if (eq(st, "SPOOL")) {
			/* SPOOL vaddr type [READER|PUNCH] [class]: a 2540 is both, so it says which */
			int k = 3;
			char kind = 0;
			if (nw > 2 && devtype(w[2], &t))
				kind = t == 0x3505 ? 'R' : t == 0x3525 ? 'P' : (t == 0x1403 || t == 0x3211) ? 'L' : 0;
			if (nw > 3 && (eq(w[3], "READER") || eq(w[3], "PUNCH"))) {
				if (!kind || t == 0x2540)
					kind = eq(w[3], "READER") ? 'R' : 'P';
				k = 4;
			}
			if (u->n_spool == DIR_MAX_SPOOL)
				err(&s, "SPOOL: more than %d spool devices", DIR_MAX_SPOOL);
			else if (nw < 3 || nw > k + 1 || !hex_addr(w[1], &a) || !devtype(w[2], &t) || !kind ||
			         (t != 0x2540 && t != 0x3505 && t != 0x3525 && t != 0x1403 && t != 0x3211) ||
			         (nw > k && (strlen(w[k]) != 1 || (!isalnum((unsigned char)w[k][0]) && w[k][0] != '*'))))
				err(&s, "SPOOL: expected SPOOL vaddr 2540 READER|PUNCH [class], or 3505|3525|1403|3211 [class]");
			else {
				struct dir_dev *d = &u->spool[u->n_spool++];
				put16(&d->vaddr, a);
				put16(&d->devtype, t);
				d->cls = nw > k ? (char)toupper((unsigned char)w[k][0]) : 'A';
				d->kind = kind;
			}
		} else if (eq(st, "MDISK")) {
			static const char *const modes[] = {"R", "RR", "W", "WR", "M", "MR", "MW", NULL};
			int m = -1;
			for (int k = 0; nw > 6 && modes[k]; k++)
				if (eq(w[6], modes[k]))
					m = k;
			/* FBA (3310, 3370): start and count are 512-byte blocks, up to 24 bits */
			bool fba = nw > 2 && devtype(w[2], &t) && dir_type_fba(t);
			unsigned long lim = fba ? FBA_MAX_BLOCKS - 1 : 65535;
			if (u->n_mdisk == DIR_MAX_MDISK)
				err(&s, "MDISK: more than %d minidisks", DIR_MAX_MDISK);
			else if (nw < 7 || nw > 10 || !hex_addr(w[1], &a) || !devtype(w[2], &t) ||
			         !number(w[3], lim, &x) || !number(w[4], lim, &y) || !y || !valid_id(w[5], 6) ||
			         m < 0)
				err(&s, "MDISK: expected MDISK vaddr type start count volser R|RR|W|WR|M|MR|MW "
				        "[rpw [wpw [mpw]]]%s",
				    fba ? " (FBA: start and count in 512-byte blocks, below 16777216)" : "");
			else if (fba && x < FBA_FIRST_BLOCK)
				err(&s, "MDISK %s: FBA blocks 0-%d hold the IPL record and the volume label; start at %d or later",
				    w[1], FBA_FIRST_BLOCK - 1, FBA_FIRST_BLOCK);
			else if (fba && x + y > FBA_MAX_BLOCKS)
				err(&s, "MDISK %s: blocks %lu-%lu go beyond block %lu", w[1], x, x + y - 1,
				    (unsigned long)FBA_MAX_BLOCKS - 1);
			else if (!fba && t != 0x2311 && t != 0x2314 && t != 0x3330 && t != 0x3340 && t != 0x3350 &&
			         t != 0x3375 && t != 0x3380)
				err(&s, "MDISK %s: %s is not a disk (CKD 2311 2314 3330 3340 3350 3375 3380, FBA 3310 3370)",
				    w[1], w[2]);
			else {
				int k = u->n_mdisk;
				struct dir_mdisk *d = &u->mdisk[u->n_mdisk++];
				put16(&d->vaddr, a);
				put16(&d->devtype, t);
				put16(&d->start, (uint16_t)x);
				put16(&d->count, (uint16_t)y);
				u->mdisk_hi[k][0] = (uint8_t)(x >> 16);
				u->mdisk_hi[k][1] = (uint8_t)(y >> 16);
				md_line[n - 1][k] = s.line;
				field(d->volser, 6, w[5]);
				field(d->mode, 4, w[6]);
				for (int k = 7; k < nw; k++) { /* ALL: anyone may link in that mode */
					uint8_t h[32];
					if (eq(w[k], "ALL"))
						memset(h, 0xFF, sizeof h);
					else
						dir_hash_password(u->salt, u->userid, w[k], h);
					memcpy(d->pw_hash[k - 7], h, 8);
				}
			}
		} else if (eq(st, "LINK")) {
			if (u->n_link == DIR_MAX_LINK)
				err(&s, "LINK: more than %d links", DIR_MAX_LINK);
			else if (nw != 5 || !valid_id(w[1], 8) || !hex_addr(w[2], &a) || !hex_addr(w[3], &b) ||
			         strlen(w[4]) > 2)
				err(&s, "LINK: expected LINK userid vaddr vaddr mode");
			else {
				struct dir_link *l = &u->link[u->n_link++];
				field(l->userid, 8, w[1]);
				put16(&l->their_vaddr, a);
				put16(&l->my_vaddr, b);
				field(l->mode, 4, w[4]);
			}
		} else if (eq(st, "DEDICATE")) {
			if (u->n_dedicate == DIR_MAX_DEDICATE)
				err(&s, "DEDICATE: more than %d devices", DIR_MAX_DEDICATE);
			else if (nw != 3 || !hex_addr(w[1], &a) || !hex_addr(w[2], &b))
				err(&s, "DEDICATE: expected DEDICATE vaddr raddr");
			else {
				struct dir_dev *d = &u->dedicate[u->n_dedicate++];
				put16(&d->vaddr, a);
				put16(&d->raddr, b);
			}
		} else {
			err(&s, "unknown statement %s (TDISK PAGING SPOOL USER ACCOUNT OPTION CONSOLE SPOOL MDISK LINK DEDICATE)", st);
		}
	}
	fclose(f);
	tdisk_check(&s, td, users, n);
	fba_check(&s, td, users, n);
	if (!n && !s.errors) {
		s.line = 0;
		err(&s, "no USER statement");
	}
	return s.errors ? -1 : n;
}

/* Write the header and the users on cylinder DIR_CYL of the image. */
static int write_dir(const char *path, const struct dir_user *users, int n, const struct tdisks *td)
{
	struct ckd_img img;
	char e[512];
	if (ckd_img_open(&img, path, false, e, sizeof e)) {
		fprintf(stderr, "direct: %s\n", e);
		return 1;
	}
	const struct ckd_geom *g = ckd_geom_by_code(img.code, img.cyls);
	int rc = 1;
	uint8_t *trk = calloc(1, img.trksize);
	if (!g || !trk || img.cyls <= DIR_CYL) {
		fprintf(stderr, "direct: %s: %s\n", path,
		        !g ? "not a CKD type this tool knows" : !trk ? "out of memory" : "the volume is too small");
		goto out;
	}
	/* Conservatively fewer records than the device's capacity formula allows. */
	uint32_t per = g->r1max / (DIR_RECLEN + 256);
	if (per < 1)
		per = 1;
	/* A directory too big for cylinder DIR_CYL goes on over the next ones
	 * (track t of the directory is track DIR_CYL * heads + t of the volume). */
	uint32_t need = (uint32_t)n + 1, tracks = (need + per - 1) / per;
	if (tracks > (img.cyls - DIR_CYL) * img.heads) {
		fprintf(stderr, "direct: %s: %d users need %u tracks, cylinders %d-%u have %u\n", path, n, tracks,
		        DIR_CYL, img.cyls - 1, (img.cyls - DIR_CYL) * img.heads);
		goto out;
	}
	/* A directory written before has R1 of DIR_RECLEN bytes; anything else
	 * on the cylinder means it is in use. */
	for (uint32_t t = 0; t < tracks; t++) {
		if (ckd_img_read(&img, DIR_CYL * img.heads + t, trk, e, sizeof e)) {
			fprintf(stderr, "direct: %s\n", e);
			goto out;
		}
		const uint8_t *r1 = trk + CKD_HA_LEN + CKD_COUNT_LEN + 8;
		bool empty = !memcmp(r1, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8);
		if (!empty && (r1[4] != 1 || r1[5] != 0 || ckd_be16(r1 + 6) != DIR_RECLEN)) {
			fprintf(stderr, "direct: %s: cylinder %u is in use by something else\n", path,
			        DIR_CYL + t / img.heads);
			goto out;
		}
	}
	static uint8_t rec[DIR_RECLEN];
	uint32_t k = 0;
	for (uint32_t t = 0; t < tracks; t++) {
		memset(trk, 0, img.trksize);
		uint16_t cyl = (uint16_t)(DIR_CYL + t / img.heads), head = (uint16_t)(t % img.heads);
		uint8_t *p = trk;
		*p++ = 0;
		ckd_put16(p, cyl);
		ckd_put16(p + 2, head);
		p += 4;
		uint8_t r0[8] = {0};
		ckd_put16(r0, cyl);
		ckd_put16(r0 + 2, head);
		ckd_put16(r0 + 6, 8);
		memcpy(p, r0, 8);
		p += 16;
		for (uint32_t r = 1; r <= per && k < need; r++, k++) {
			memset(rec, 0, sizeof rec);
			if (k == 0) {
				struct dir_header *h = (struct dir_header *)rec;
				memcpy(h->magic, DIR_MAGIC, 8);
				put32(&h->users, (uint32_t)n);
				put32(&h->per_track, per);
				put32(&h->generation, 1);
				put32(&h->n_tdisk, td->n);
				memcpy(h->tdisk, td->area, sizeof h->tdisk);
				h->paging = td->paging;
				h->spool = td->spool;
			} else {
				memcpy(rec, &users[k - 1], sizeof users[k - 1]);
			}
			ckd_put16(p, cyl);
			ckd_put16(p + 2, head);
			p[4] = (uint8_t)r;
			p[5] = 0;
			ckd_put16(p + 6, DIR_RECLEN);
			memcpy(p + 8, rec, DIR_RECLEN);
			p += 8 + DIR_RECLEN;
		}
		memset(p, 0xFF, CKD_EOT_LEN);
		p += CKD_EOT_LEN;
		if (ckd_img_write(&img, DIR_CYL * img.heads + t, trk, (uint32_t)(p - trk), e, sizeof e)) {
			fprintf(stderr, "direct: %s\n", e);
			goto out;
		}
	}
	if (ckd_img_flush(&img)) {
		fprintf(stderr, "direct: %s: cannot flush the image\n", path);
		goto out;
	}
	if (tracks <= img.heads)
		printf("direct: %s: %d users on cylinder %d, tracks 0-%u\n", path, n, DIR_CYL, tracks - 1);
	else
		printf("direct: %s: %d users on cylinders %d-%u\n", path, n, DIR_CYL,
		       DIR_CYL + (tracks - 1) / img.heads);
	rc = 0;
out:
	free(trk);
	ckd_img_close(&img);
	return rc;
}

/* Rewrite SOURCE: the USER statement of userid gets a new password, or a
 * new user is appended. */
static int edit(const char *path, const char *userid, const char *pw, const char *stor, const char *classes)
{
	struct src s = {path, 0, 0};
	if (!valid_id(userid, 8) || !valid_id(pw, 8)) {
		err(&s, "user id and password: 1-8 letters, digits, @ # $");
		return 1;
	}
	uint32_t kb;
	if (stor && !storage(stor, &kb)) {
		err(&s, "storage '%s': expected a size like 512K or 4M", stor);
		return 1;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "direct: %s: %s\n", path, strerror(errno));
		return 1;
	}
	char *text = NULL;
	size_t tl = 0;
	FILE *o = open_memstream(&text, &tl);
	char line[512];
	bool found = false;
	while (fgets(line, sizeof line, f)) {
		char copy[512], *w[16];
		strcpy(copy, line);
		int nw = words(copy, w, 16);
		if (nw >= 6 && eq(w[0], "USER") && eq(w[1], userid)) {
			found = true;
			if (!stor) {
				fprintf(o, "USER %s %s", w[1], pw);
				for (int k = 3; k < nw; k++)
					fprintf(o, " %s", w[k]);
				fputc('\n', o);
				continue;
			}
		}
		fputs(line, o);
	}
	fclose(f);
	if (stor && !found)
		fprintf(o, "USER %s %s %s %s %s\n", userid, pw, stor, stor, classes ? classes : "G");
	fclose(o);
	int rc = 0;
	if (stor && found) {
		err(&s, "user %s exists already (passwd changes its password)", userid);
		rc = 1;
	} else if (!stor && !found) {
		err(&s, "no user %s", userid);
		rc = 1;
	} else {
		char tmp[4096];
		snprintf(tmp, sizeof tmp, "%s.new", path);
		FILE *w = fopen(tmp, "w");
		if (!w || fwrite(text, 1, tl, w) != tl || fclose(w) || rename(tmp, path)) {
			fprintf(stderr, "direct: %s: cannot rewrite: %s\n", path, strerror(errno));
			rc = 1;
		}
	}
	free(text);
	return rc;
}

/* Record r (DIR_RECLEN bytes) of track t of the directory (cylinder DIR_CYL
 * and on) into out: 0, or -1 (not there, or not such a record). */
static int dir_record(struct ckd_img *img, uint8_t *trk, uint32_t t, uint32_t r, uint8_t *out)
{
	char e[512];
	if (t >= (img->cyls - DIR_CYL) * img->heads ||
	    ckd_img_read(img, DIR_CYL * img->heads + t, trk, e, sizeof e))
		return -1;
	const uint8_t *p = trk + CKD_HA_LEN, *end = trk + img->trksize;
	while (p + CKD_COUNT_LEN <= end && memcmp(p, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8)) {
		uint32_t kl = p[5], dl = ckd_be16(p + 6);
		if (p + CKD_COUNT_LEN + kl + dl > end)
			return -1;
		if (p[4] == r && kl == 0 && dl == DIR_RECLEN) {
			memcpy(out, p + CKD_COUNT_LEN, DIR_RECLEN);
			return 0;
		}
		p += CKD_COUNT_LEN + kl + dl;
	}
	return -1;
}

/* `defaults IMAGE [SOURCE]`: the users of the directory on IMAGE whose
 * password is still a default one: their user id (what the shipped
 * dasd-images/user.direct gives every user), or the password SOURCE gives
 * them (the shipped text as it came, say).  Each user's hash on the volume
 * is compared with those passwords hashed with the user's own salt
 * (dirhash.c, as CP checks a LOGON).  Prints the user ids, one a line;
 * exit 0 when none is left, 1 when some are, 2 when IMAGE has no directory
 * or SOURCE cannot be read. */
static int defaults(const char *image, const char *source)
{
	static char ids[MAX_USERS][9], pws[MAX_USERS][9];
	int nsrc = 0;
	if (source) {
		FILE *f = fopen(source, "r");
		if (!f) {
			fprintf(stderr, "direct: %s: %s\n", source, strerror(errno));
			return 2;
		}
		char line[512], *w[16];
		while (fgets(line, sizeof line, f) && nsrc < MAX_USERS)
			if (words(line, w, 16) >= 3 && eq(w[0], "USER") && strlen(w[1]) <= 8 && strlen(w[2]) <= 8) {
				snprintf(ids[nsrc], sizeof ids[nsrc], "%s", w[1]);
				snprintf(pws[nsrc++], sizeof pws[0], "%s", w[2]);
			}
		fclose(f);
	}
	struct ckd_img img;
	char e[512];
	if (ckd_img_open(&img, image, true, e, sizeof e)) {
		fprintf(stderr, "direct: %s\n", e);
		return 2;
	}
	static uint8_t rec[DIR_RECLEN];
	uint8_t *trk = malloc(img.trksize);
	struct dir_header h;
	int rc = 2;
	if (!trk || img.cyls <= DIR_CYL || dir_record(&img, trk, 0, 1, rec)) {
		fprintf(stderr, "direct: %s: no user directory on cylinder %d\n", image, DIR_CYL);
		goto out;
	}
	memcpy(&h, rec, sizeof h);
	const uint8_t *hu = (const uint8_t *)&h.users, *hp = (const uint8_t *)&h.per_track;
	uint32_t n = (uint32_t)hu[0] << 24 | (uint32_t)hu[1] << 16 | (uint32_t)hu[2] << 8 | hu[3];
	uint32_t per = (uint32_t)hp[0] << 24 | (uint32_t)hp[1] << 16 | (uint32_t)hp[2] << 8 | hp[3];
	if (memcmp(h.magic, DIR_MAGIC, 8) || !per) {
		fprintf(stderr, "direct: %s: no user directory on cylinder %d\n", image, DIR_CYL);
		goto out;
	}
	rc = 0;
	for (uint32_t k = 1; k <= n; k++) {
		struct dir_user u;
		if (dir_record(&img, trk, k / per, k % per + 1, rec)) {
			fprintf(stderr, "direct: %s: directory record %u is missing\n", image, k);
			rc = 2;
			break;
		}
		memcpy(&u, rec, sizeof u);
		char id[9];
		snprintf(id, sizeof id, "%.8s", u.userid);
		id[strcspn(id, " ")] = 0;
		bool dflt = false;
		uint8_t hash[32];
		dir_hash_password(u.salt, u.userid, id, hash); /* NOLOG (all zero) never matches */
		dflt = !memcmp(hash, u.pw_hash, 32);
		for (int j = 0; j < nsrc && !dflt; j++)
			if (eq(ids[j], id) && !eq(pws[j], "NOLOG")) {
				dir_hash_password(u.salt, u.userid, pws[j], hash);
				dflt = !memcmp(hash, u.pw_hash, 32);
			}
		if (dflt) {
			printf("%s\n", id);
			rc = rc ? rc : 1;
		}
	}
out:
	free(trk);
	ckd_img_close(&img);
	return rc;
}

static int usage(void)
{
	fprintf(stderr, "usage: direct check SOURCE\n"
	                "       direct write SOURCE IMAGE\n"
	                "       direct add SOURCE USERID PASSWORD STORAGE [CLASSES]\n"
	                "       direct passwd SOURCE USERID PASSWORD\n"
	                "       direct defaults IMAGE [SOURCE]\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	static struct dir_user users[MAX_USERS];
	static struct tdisks td;
	const char *cmd = argv[1];
	if (!strcmp(cmd, "check") && argc == 3) {
		int n = parse(argv[2], users, MAX_USERS, &td);
		if (n < 0)
			return 1;
		printf("direct: %s: %d users, no errors\n", argv[2], n);
		return 0;
	}
	if (!strcmp(cmd, "write") && argc == 4) {
		int n = parse(argv[2], users, MAX_USERS, &td);
		return n < 0 ? 1 : write_dir(argv[3], users, n, &td);
	}
	if (!strcmp(cmd, "add") && (argc == 6 || argc == 7))
		return edit(argv[2], argv[3], argv[4], argv[5], argc == 7 ? argv[6] : NULL);
	if (!strcmp(cmd, "passwd") && argc == 5)
		return edit(argv[2], argv[3], argv[4], NULL, NULL);
	if (!strcmp(cmd, "defaults") && (argc == 3 || argc == 4))
		return defaults(argv[2], argc == 4 ? argv[3] : NULL);
	return usage();
}
