/* cmd_spool_dd.c — the DISK DUMP card format (cmd_spool.h has the layout;
 * docs/cms-spool.md tells it for people).
 *
 * VM/370's DISK DUMP punched a file as 80-byte cards carrying its identity,
 * its format and its bytes, so that DISK LOAD (and READCARD) at the other
 * end made the same file again (CMS Command and Macro Reference, "DISK").
 * This format is our own design with the same purpose: a header card, data
 * cards carrying 68 bytes of the record stream each, and an end card.  A
 * missing, repeated, reordered or damaged card is found: every card has a
 * CRC, the data cards a sequence number, and the end card the counts and
 * the CRC of the whole stream, so a deck is loaded exactly or not at all.
 *
 * Nothing here touches a device: cards go to and come from functions the
 * caller gives, so tests/cms/test_diskdump.c runs it on the host.
 */
#include "cmd_spool.h"

static const uint8_t mark[4] = {0x02, 0xC4, 0xE2, 0xD2}; /* X'02' "DSK" */
enum { K_HEADER = 0xC8, K_DATA = 0xC4, K_END = 0xC5 };   /* EBCDIC H D E */
enum { VERSION = 1 };

uint32_t dd_crc(uint32_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
	}
	return ~crc;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A name into n EBCDIC bytes, blanks after it. */
static void put_name(uint8_t *p, const char *s, size_t n)
{
	size_t k = 0;
	for (; k < n && s[k]; k++)
		p[k] = cp_a2e[(uint8_t)s[k]];
	for (; k < n; k++)
		p[k] = 0x40;
}

/* n EBCDIC bytes back to a name (the blanks at the end dropped): false when
 * it is empty or has a character a file name may not have. */
static bool get_name(char *out, const uint8_t *p, size_t n)
{
	size_t len = n;
	while (len && p[len - 1] == 0x40)
		len--;
	for (size_t k = 0; k < len; k++) {
		char c = (char)cp_e2a[p[k]];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '#' ||
		          c == '@' || c == '+' || c == '-' || c == '_' || c == ':';
		if (!ok)
			return false;
		out[k] = c;
	}
	out[len] = 0;
	return len > 0;
}

static void start_card(uint8_t *card, uint8_t kind)
{
	memset(card, 0, DD_CARD);
	memcpy(card, mark, 4);
	card[4] = kind;
}

bool dd_is_header(const uint8_t *card)
{
	return !memcmp(card, mark, 4) && card[4] == K_HEADER;
}

/* ---- writing ---- */

static int emit(struct dd_enc *e, const uint8_t *card)
{
	int rc = e->put(e->ctx, card);
	if (rc) {
		e->putrc = rc;
		return DD_PUTERR;
	}
	return DD_OK;
}

int dd_enc_begin(struct dd_enc *e, const struct dd_file *f, int (*put)(void *ctx, const uint8_t *card),
                 void *ctx)
{
	memset(e, 0, sizeof *e);
	e->f = *f;
	e->put = put;
	e->ctx = ctx;
	uint8_t card[DD_CARD];
	start_card(card, K_HEADER);
	card[5] = VERSION;
	put_name(card + 8, f->id.fn, 8);
	put_name(card + 16, f->id.ft, 8);
	put_name(card + 24, f->id.fm, 2);
	card[26] = cp_a2e[(uint8_t)f->recfm];
	put32(card + 28, f->lrecl);
	put32(card + 32, f->records);
	card[36] = (uint8_t)(f->year >> 8);
	card[37] = (uint8_t)f->year;
	card[38] = f->month;
	card[39] = f->day;
	card[40] = f->hour;
	card[41] = f->minute;
	card[42] = f->second;
	put32(card + 76, dd_crc(0, card, 76));
	return emit(e, card);
}

/* The data card being filled is punched. */
static int flush(struct dd_enc *e)
{
	if (!e->n)
		return DD_OK;
	e->seq++;
	e->card[5] = (uint8_t)e->n;
	put32(e->card + 6, e->seq);
	uint32_t c = dd_crc(0, e->card, 78);
	e->card[78] = (uint8_t)(c >> 8);
	e->card[79] = (uint8_t)c;
	e->n = 0;
	return emit(e, e->card);
}

/* Bytes of the stream onto data cards. */
static int stream(struct dd_enc *e, const uint8_t *p, uint32_t len)
{
	e->crc = dd_crc(e->crc, p, len);
	e->bytes += len;
	while (len) {
		if (!e->n)
			start_card(e->card, K_DATA);
		uint32_t take = DD_DATA - e->n < len ? DD_DATA - e->n : len;
		memcpy(e->card + 10 + e->n, p, take);
		e->n += take;
		p += take;
		len -= take;
		if (e->n == DD_DATA) {
			int rc = flush(e);
			if (rc)
				return rc;
		}
	}
	return DD_OK;
}

int dd_enc_record(struct dd_enc *e, const uint8_t *rec, uint32_t len)
{
	if (e->f.recfm == 'V') {
		if (len > DD_MAXREC)
			return DD_ERR;
		uint8_t l[2] = {(uint8_t)(len >> 8), (uint8_t)len};
		int rc = stream(e, l, 2);
		if (rc)
			return rc;
	} else if (len != e->f.lrecl) {
		return DD_ERR;
	}
	e->records++;
	return stream(e, rec, len);
}

int dd_enc_end(struct dd_enc *e)
{
	int rc = flush(e);
	if (rc)
		return rc;
	uint8_t card[DD_CARD];
	start_card(card, K_END);
	put32(card + 6, e->seq);
	put32(card + 10, e->records);
	put32(card + 14, e->bytes);
	put32(card + 18, e->crc);
	put_name(card + 22, e->f.id.fn, 8);
	put_name(card + 30, e->f.id.ft, 8);
	put32(card + 76, dd_crc(0, card, 76));
	return emit(e, card);
}

/* ---- reading ---- */

static int fail(char *err, const char *fmt, uint32_t a, uint32_t b)
{
	cms_format(err, 100, fmt, (unsigned)a, (unsigned)b);
	return DD_ERR;
}

int dd_parse_header(const uint8_t *card, struct dd_file *f, char *err)
{
	memset(f, 0, sizeof *f);
	if (!dd_is_header(card))
		return fail(err, "the first card is no DISK DUMP header card", 0, 0);
	if (get32(card + 76) != dd_crc(0, card, 76))
		return fail(err, "the header card is damaged (its CRC is wrong)", 0, 0);
	if (card[5] != VERSION)
		return fail(err, "the header card is of version %u, not %u", card[5], VERSION);
	if (!get_name(f->id.fn, card + 8, 8) || !get_name(f->id.ft, card + 16, 8))
		return fail(err, "the header card's file name or type is invalid", 0, 0);
	char fm[3];
	if (card[24] == 0x40) {
		f->id.fm[0] = 0;
	} else if (!get_name(fm, card + 24, 2) || fm[0] < 'A' || fm[0] > 'Z' ||
	           (fm[1] && (fm[1] < '0' || fm[1] > '6'))) {
		return fail(err, "the header card's file mode is invalid", 0, 0);
	} else {
		memcpy(f->id.fm, fm, 3);
	}
	f->recfm = (char)cp_e2a[card[26]];
	f->lrecl = get32(card + 28);
	f->records = get32(card + 32);
	if (f->recfm != 'F' && f->recfm != 'V')
		return fail(err, "the header card's record format is invalid", 0, 0);
	if (f->lrecl > DD_MAXREC || (f->recfm == 'F' && !f->lrecl))
		return fail(err, "the header card's record length %u is invalid", f->lrecl, 0);
	f->year = (uint16_t)(card[36] << 8 | card[37]);
	f->month = card[38];
	f->day = card[39];
	f->hour = card[40];
	f->minute = card[41];
	f->second = card[42];
	return DD_OK;
}

int dd_dec_begin(struct dd_dec *d, const struct dd_file *f,
                 int (*put)(void *ctx, const uint8_t *rec, uint32_t len), void *ctx)
{
	memset(d, 0, sizeof *d);
	d->f = *f;
	d->put = put;
	d->ctx = ctx;
	d->rec = cms_alloc(f->lrecl ? f->lrecl : 1);
	if (!d->rec)
		return fail(d->err, "no storage for a record of %u bytes", f->lrecl, 0);
	d->need = f->recfm == 'F' ? f->lrecl : 0;
	return DD_OK;
}

void dd_dec_free(struct dd_dec *d)
{
	cms_free(d->rec);
	d->rec = NULL;
}

static int record_done(struct dd_dec *d)
{
	if (d->records == d->f.records)
		return fail(d->err, "more records than the %u the header card says", d->f.records, 0);
	d->records++;
	int rc = d->put(d->ctx, d->rec, d->have);
	if (rc) {
		d->putrc = rc;
		return DD_PUTERR;
	}
	d->have = 0;
	if (d->f.recfm == 'V')
		d->need = 0;
	return DD_OK;
}

/* Stream bytes into records. */
static int take(struct dd_dec *d, const uint8_t *p, uint32_t n)
{
	while (n) {
		if (d->f.recfm == 'V' && !d->need) { /* the length comes first */
			d->lenbuf[d->nlen++] = *p++;
			n--;
			if (d->nlen < 2)
				continue;
			d->nlen = 0;
			d->need = (uint32_t)(d->lenbuf[0] << 8 | d->lenbuf[1]);
			if (!d->need || d->need > d->f.lrecl)
				return fail(d->err, "record %u has the length %u", d->records + 1, d->need);
			continue;
		}
		uint32_t k = d->need - d->have < n ? d->need - d->have : n;
		memcpy(d->rec + d->have, p, k);
		d->have += k;
		p += k;
		n -= k;
		if (d->have == d->need) {
			int rc = record_done(d);
			if (rc)
				return rc;
		}
	}
	return DD_OK;
}

static int end_card(struct dd_dec *d, const uint8_t *card)
{
	if (get32(card + 76) != dd_crc(0, card, 76))
		return fail(d->err, "the end card is damaged (its CRC is wrong)", 0, 0);
	if (get32(card + 6) != d->seq)
		return fail(d->err, "%u data cards came, the end card says %u", d->seq, get32(card + 6));
	if (get32(card + 14) != d->bytes || get32(card + 18) != d->crc)
		return fail(d->err, "the data differ from what the end card says (%u bytes, %u expected)",
		            d->bytes, get32(card + 14));
	if (d->have || d->nlen || get32(card + 10) != d->records || d->records != d->f.records)
		return fail(d->err, "%u records came, the deck says %u", d->records, d->f.records);
	struct dd_file e;
	if (!get_name(e.id.fn, card + 22, 8) || !get_name(e.id.ft, card + 30, 8) ||
	    strcmp(e.id.fn, d->f.id.fn) || strcmp(e.id.ft, d->f.id.ft))
		return fail(d->err, "the end card names another file than the header card", 0, 0);
	d->done = true;
	return DD_DONE;
}

int dd_dec_card(struct dd_dec *d, const uint8_t *card)
{
	if (d->done)
		return fail(d->err, "a card after the end card", 0, 0);
	if (memcmp(card, mark, 4))
		return fail(d->err, "card %u is no DISK DUMP card", d->seq + 2, 0);
	if (card[4] == K_END)
		return end_card(d, card);
	if (card[4] != K_DATA)
		return fail(d->err, "card %u is no data card", d->seq + 2, 0);
	uint32_t c = dd_crc(0, card, 78);
	if (card[78] != (uint8_t)(c >> 8) || card[79] != (uint8_t)c)
		return fail(d->err, "data card %u is damaged (its CRC is wrong)", d->seq + 1, 0);
	if (get32(card + 6) != d->seq + 1)
		return fail(d->err, "data card %u came where %u was expected", get32(card + 6), d->seq + 1);
	uint32_t n = card[5];
	if (!n || n > DD_DATA)
		return fail(d->err, "data card %u says it holds %u bytes", d->seq + 1, n);
	d->seq++;
	d->bytes += n;
	d->crc = dd_crc(d->crc, card + 10, n);
	return take(d, card + 10, n);
}

int dd_dec_eof(struct dd_dec *d)
{
	if (d->done)
		return DD_DONE;
	return fail(d->err, "the deck ends after %u data cards without its end card", d->seq, 0);
}
