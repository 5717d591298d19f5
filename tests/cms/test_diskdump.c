/* test_diskdump.c — the DISK DUMP card format (cms/cmd_spool_dd.c): files
 * of fixed and variable records go to cards and come back exactly; a deck
 * with a card damaged, missing, repeated, out of order or cut short is
 * refused (and the caller writes nothing: it abandons the file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_spool.h"

enum { MAXCARDS = 4000, MAXRECS = 600 };

struct deck {
	uint8_t c[MAXCARDS][DD_CARD];
	int n;
};

static int put_card(void *ctx, const uint8_t *card)
{
	struct deck *d = ctx;
	if (d->n == MAXCARDS)
		return 99;
	memcpy(d->c[d->n++], card, DD_CARD);
	return 0;
}

struct recs {
	uint8_t *r[MAXRECS];
	uint32_t len[MAXRECS];
	int n;
};

static int put_rec(void *ctx, const uint8_t *rec, uint32_t len)
{
	struct recs *s = ctx;
	if (s->n == MAXRECS)
		return 98;
	s->r[s->n] = malloc(len ? len : 1);
	memcpy(s->r[s->n], rec, len);
	s->len[s->n++] = len;
	return 0;
}

static void free_recs(struct recs *s)
{
	for (int k = 0; k < s->n; k++)
		free(s->r[k]);
	s->n = 0;
}

static struct dd_file file(const char *fn, const char *ft, const char *fm, char recfm, uint32_t lrecl,
                           uint32_t records)
{
	struct dd_file f;
	memset(&f, 0, sizeof f);
	strcpy(f.id.fn, fn);
	strcpy(f.id.ft, ft);
	strcpy(f.id.fm, fm);
	f.recfm = recfm;
	f.lrecl = lrecl;
	f.records = records;
	f.year = 2026;
	f.month = 11;
	f.day = 26;
	f.hour = 21;
	f.minute = 5;
	f.second = 9;
	return f;
}

/* Decode a deck: DD_DONE, or the error (the text into err). */
static int load(struct deck *d, struct dd_file *hdr, struct recs *out, char *err)
{
	int rc = dd_parse_header(d->c[0], hdr, err);
	if (rc)
		return rc;
	struct dd_dec dec;
	assert_int_equal(dd_dec_begin(&dec, hdr, put_rec, out), DD_OK);
	rc = DD_OK;
	for (int k = 1; k < d->n && rc == DD_OK; k++)
		rc = dd_dec_card(&dec, d->c[k]);
	if (rc == DD_OK)
		rc = dd_dec_eof(&dec);
	strcpy(err, dec.err);
	dd_dec_free(&dec);
	return rc;
}

/* A fixed file of 80-byte records, every byte value somewhere. */
static struct deck *fixed_deck(int nrec, uint32_t lrecl, uint8_t *data)
{
	struct deck *d = calloc(1, sizeof *d);
	struct dd_file f = file("PROFILE", "EXEC", "A1", 'F', lrecl, (uint32_t)nrec);
	for (uint32_t k = 0; k < (uint32_t)nrec * lrecl; k++)
		data[k] = (uint8_t)(k * 7 + k / 13);
	struct dd_enc e;
	assert_int_equal(dd_enc_begin(&e, &f, put_card, d), DD_OK);
	for (int k = 0; k < nrec; k++)
		assert_int_equal(dd_enc_record(&e, data + (uint32_t)k * lrecl, lrecl), DD_OK);
	assert_int_equal(dd_enc_end(&e), DD_OK);
	return d;
}

static void fixed_round_trip(void **state)
{
	(void)state;
	static uint8_t data[300 * 80];
	struct deck *d = fixed_deck(300, 80, data);
	/* 300 * 80 bytes: 353 data cards of 68 (the last one 56), a header, an end */
	assert_int_equal(d->n, 1 + 353 + 1);
	assert_true(dd_is_header(d->c[0]));
	assert_int_equal(d->c[1][4], 0xC4);
	assert_int_equal(d->c[353][5], 24000 - 352 * 68);
	struct dd_file h;
	struct recs r = {0};
	char err[100] = "";
	assert_int_equal(load(d, &h, &r, err), DD_DONE);
	assert_string_equal(h.id.fn, "PROFILE");
	assert_string_equal(h.id.ft, "EXEC");
	assert_string_equal(h.id.fm, "A1");
	assert_int_equal(h.recfm, 'F');
	assert_int_equal(h.lrecl, 80);
	assert_int_equal(h.records, 300);
	assert_int_equal(h.year, 2026);
	assert_int_equal(h.second, 9);
	assert_int_equal(r.n, 300);
	for (int k = 0; k < 300; k++) {
		assert_int_equal(r.len[k], 80);
		assert_memory_equal(r.r[k], data + k * 80, 80);
	}
	free_recs(&r);
	free(d);
}

static void variable_round_trip(void **state)
{
	(void)state;
	/* lengths 1 .. 65535, with a 0-free pattern; a record as long as a card's data, one just over */
	static const uint32_t lens[] = {1, 2, 67, 68, 69, 70, 136, 255, 1000, 65535, 3, 5000};
	enum { N = sizeof lens / sizeof lens[0] };
	static uint8_t buf[65535];
	struct deck *d = calloc(1, sizeof *d);
	struct dd_file f = file("DATA", "FILE", "B2", 'V', 65535, N);
	struct dd_enc e;
	assert_int_equal(dd_enc_begin(&e, &f, put_card, d), DD_OK);
	for (int k = 0; k < N; k++) {
		for (uint32_t j = 0; j < lens[k]; j++)
			buf[j] = (uint8_t)(j + 31 * (uint32_t)k);
		assert_int_equal(dd_enc_record(&e, buf, lens[k]), DD_OK);
	}
	assert_int_equal(dd_enc_end(&e), DD_OK);
	struct dd_file h;
	struct recs r = {0};
	char err[100] = "";
	assert_int_equal(load(d, &h, &r, err), DD_DONE);
	assert_int_equal(h.recfm, 'V');
	assert_string_equal(h.id.fm, "B2");
	assert_int_equal(r.n, N);
	for (int k = 0; k < N; k++) {
		assert_int_equal(r.len[k], lens[k]);
		for (uint32_t j = 0; j < lens[k]; j++)
			buf[j] = (uint8_t)(j + 31 * (uint32_t)k);
		assert_memory_equal(r.r[k], buf, lens[k]);
	}
	free_recs(&r);
	free(d);
}

static void empty_file(void **state)
{
	(void)state;
	struct deck *d = calloc(1, sizeof *d);
	struct dd_file f = file("EMPTY", "FILE", "", 'V', 0, 0);
	struct dd_enc e;
	assert_int_equal(dd_enc_begin(&e, &f, put_card, d), DD_OK);
	assert_int_equal(dd_enc_end(&e), DD_OK);
	assert_int_equal(d->n, 2);
	struct dd_file h;
	struct recs r = {0};
	char err[100];
	assert_int_equal(load(d, &h, &r, err), DD_DONE);
	assert_string_equal(h.id.fm, "");
	assert_int_equal(r.n, 0);
	free(d);
}

/* Every kind of damage is an error, with the reason said. */
static void damaged_decks(void **state)
{
	(void)state;
	static uint8_t data[40 * 80];
	struct deck *good = fixed_deck(40, 80, data);
	struct deck *d = calloc(1, sizeof *d);
	struct dd_file h;
	struct recs r = {0};
	char err[100];
	assert_int_equal(good->n, 1 + 48 + 1);

	/* a byte of a data card changed */
	*d = *good;
	d->c[10][30] ^= 0x01;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "data card 10 is damaged (its CRC is wrong)");
	free_recs(&r);

	/* a data card missing */
	*d = *good;
	memmove(d->c[5], d->c[6], (size_t)(d->n - 6) * DD_CARD);
	d->n--;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "data card 6 came where 5 was expected");
	free_recs(&r);

	/* two cards swapped */
	*d = *good;
	memcpy(d->c[3], good->c[4], DD_CARD);
	memcpy(d->c[4], good->c[3], DD_CARD);
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	free_recs(&r);

	/* a card repeated */
	*d = *good;
	memmove(d->c[8], d->c[7], (size_t)(d->n - 7) * DD_CARD);
	d->n++;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "data card 7 came where 8 was expected");
	free_recs(&r);

	/* the last data cards and the end card missing */
	*d = *good;
	d->n -= 3;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "the deck ends after 46 data cards without its end card");
	free_recs(&r);

	/* only the end card missing */
	*d = *good;
	d->n--;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	free_recs(&r);

	/* the last data card missing (the end card's counts catch it) */
	*d = *good;
	memcpy(d->c[d->n - 2], d->c[d->n - 1], DD_CARD);
	d->n--;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "47 data cards came, the end card says 48");
	free_recs(&r);

	/* the header damaged; the header's record count wrong (its CRC made right) */
	*d = *good;
	d->c[0][9] ^= 0x40;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "the header card is damaged (its CRC is wrong)");
	*d = *good;
	d->c[0][35] = 41;
	uint32_t c = dd_crc(0, d->c[0], 76);
	d->c[0][76] = (uint8_t)(c >> 24), d->c[0][77] = (uint8_t)(c >> 16), d->c[0][78] = (uint8_t)(c >> 8);
	d->c[0][79] = (uint8_t)c;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "40 records came, the deck says 41");
	free_recs(&r);

	/* the end card damaged; a card after it; a text card in the deck */
	*d = *good;
	d->c[d->n - 1][12] ^= 0x01;
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "the end card is damaged (its CRC is wrong)");
	free_recs(&r);
	*d = *good;
	memcpy(d->c[d->n], d->c[3], DD_CARD);
	d->n++;
	struct dd_dec dec;
	assert_int_equal(dd_parse_header(d->c[0], &h, err), DD_OK);
	assert_int_equal(dd_dec_begin(&dec, &h, put_rec, &r), DD_OK);
	int rc = DD_OK;
	for (int k = 1; k < d->n - 1; k++)
		rc = dd_dec_card(&dec, d->c[k]);
	assert_int_equal(rc, DD_DONE);
	assert_int_equal(dd_dec_card(&dec, d->c[d->n - 1]), DD_ERR);
	assert_string_equal(dec.err, "a card after the end card");
	dd_dec_free(&dec);
	free_recs(&r);
	*d = *good;
	memset(d->c[20], 0x40, DD_CARD);
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "card 21 is no DISK DUMP card");
	free_recs(&r);

	/* not a DISK DUMP deck at all */
	memset(d->c[0], 0x40, DD_CARD);
	assert_false(dd_is_header(d->c[0]));
	assert_int_equal(dd_parse_header(d->c[0], &h, err), DD_ERR);
	free(d);
	free(good);
}

/* Wrong input to the encoder, a failing card function, and a V record
 * longer than the header's lrecl on the way back. */
static void encoder_and_limits(void **state)
{
	(void)state;
	struct deck *d = calloc(1, sizeof *d);
	struct dd_file f = file("A", "B", "A1", 'F', 80, 1);
	struct dd_enc e;
	uint8_t rec[200] = {0};
	assert_int_equal(dd_enc_begin(&e, &f, put_card, d), DD_OK);
	assert_int_equal(dd_enc_record(&e, rec, 79), DD_ERR); /* F records are lrecl bytes */
	d->n = MAXCARDS;                                      /* the card function fails */
	assert_int_equal(dd_enc_record(&e, rec, 80), DD_PUTERR);
	assert_int_equal(e.putrc, 99);

	d->n = 0;
	struct dd_file v = file("A", "B", "A1", 'V', 10, 1);
	assert_int_equal(dd_enc_begin(&e, &v, put_card, d), DD_OK);
	assert_int_equal(dd_enc_record(&e, rec, 11), DD_OK); /* the encoder does not police lrecl */
	assert_int_equal(dd_enc_end(&e), DD_OK);
	struct dd_file h;
	struct recs r = {0};
	char err[100];
	assert_int_equal(load(d, &h, &r, err), DD_ERR);
	assert_string_equal(err, "record 1 has the length 11");
	free(d);
}

static void crc(void **state)
{
	(void)state;
	/* the common CRC-32 of "123456789" */
	assert_int_equal(dd_crc(0, (const uint8_t *)"123456789", 9), 0xCBF43926u);
	/* in pieces, the same */
	assert_int_equal(dd_crc(dd_crc(0, (const uint8_t *)"1234", 4), (const uint8_t *)"56789", 5),
	                 0xCBF43926u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(crc),
	    cmocka_unit_test(fixed_round_trip),
	    cmocka_unit_test(variable_round_trip),
	    cmocka_unit_test(empty_file),
	    cmocka_unit_test(damaged_decks),
	    cmocka_unit_test(encoder_and_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
