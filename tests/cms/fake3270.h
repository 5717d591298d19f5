/* fake3270.h — a 3270 display behind DIAGNOSE X'58', for the editor's
 * screen tests: scr_diag58 and scr_wait_attn as cms/scr_io.c gives them in
 * the nucleus, over a buffer of positions that the data stream the program
 * writes fills (SBA, SF, IC, text) and that a script of the user's keys
 * types into (setting the fields' modified data tags), so that Read
 * Modified answers what a real display would.  CP taking the display (the
 * X'8E' ending) is simulated on request.  Included by one test file. */
#ifndef TESTS_CMS_FAKE3270_H
#define TESTS_CMS_FAKE3270_H

#include "scr.h"

enum { FK_MAXPOS = 43 * 80 };

/* One key the user presses, after typing. */
struct fk_type {
	int row, col;
	const char *text;
	bool eof; /* Erase EOF after the text */
};
struct fk_step {
	uint8_t aid;
	struct fk_type t[4];
	int check_row; /* before typing: this row of the screen shown must read check (0: no check); a check
	                  ending in '*' is what the row starts with */
	const char *check;
	bool switched;  /* CP takes the display between the key and the Read Modified */
	int cp_takes;   /* and keeps it for this many Erase/Writes (each waits for the display back: a step of
	                   aid 0) */
	int cursor_row; /* before typing: the program put the cursor on this row (0: no check) */
};

static struct {
	int rows, cols, alt_rows;
	uint8_t ch[FK_MAXPOS]; /* EBCDIC, 0 = null */
	bool isattr[FK_MAXPOS];
	uint8_t attr[FK_MAXPOS]; /* the attribute's bits (SCR_PROT ...) */
	uint16_t cursor;
	int writes, ewa;
	int cp_takes;    /* the next writes that find the display CP's */
	bool reject_alt; /* CP's alternate size is smaller than the client's: a full Erase/Write Alternate is
	                    refused */
	bool closed;
	const struct fk_step *step;
	int nsteps, done_steps;
	uint8_t in[4096];
	int nin;
	bool switched;
} fk;

static void fk_reset(const struct fk_step *steps, int n, int alt_rows)
{
	memset(&fk, 0, sizeof fk);
	fk.rows = 24;
	fk.cols = 80;
	fk.alt_rows = alt_rows;
	fk.step = steps;
	fk.nsteps = n;
}

/* Row r of the screen as ASCII, attribute positions and nulls blank, trailing blanks gone. */
static const char *fk_row(int r)
{
	static char out[140];
	int n = 0;
	for (int c = 0; c < fk.cols; c++) {
		int p = r * fk.cols + c;
		out[n++] = fk.isattr[p] || !fk.ch[p] ? ' ' : (char)cp_e2a[fk.ch[p]];
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
	return out;
}

static void fk_write(const uint8_t *ds, int n, bool erase)
{
	int size = fk.rows * fk.cols, pos = 0;
	if (erase) {
		memset(fk.ch, 0, sizeof fk.ch);
		memset(fk.isattr, 0, sizeof fk.isattr);
		memset(fk.attr, 0, sizeof fk.attr);
		fk.cursor = 0;
	}
	for (int k = 1; k < n; k++) { /* (byte 0: the WCC) */
		uint8_t b = ds[k];
		if (b == SCR_SBA) {
			assert_true(k + 2 < n);
			pos = scr_unaddr(ds + k + 1);
			assert_true(pos < size);
			k += 2;
		} else if (b == SCR_SF) {
			assert_true(k + 1 < n);
			fk.isattr[pos] = true;
			fk.attr[pos] = ds[++k] & 0x3F;
			fk.ch[pos] = 0;
			pos = (pos + 1) % size;
		} else if (b == SCR_IC) {
			fk.cursor = (uint16_t)pos;
		} else {
			assert_true(b >= 0x40); /* an order we do not know */
			fk.isattr[pos] = false;
			fk.ch[pos] = b;
			pos = (pos + 1) % size;
		}
	}
}

/* The attribute position of the field holding p. */
static int fk_field_of(int p)
{
	int size = fk.rows * fk.cols;
	for (int k = 0; k < size; k++) {
		int q = (p - k + size) % size;
		if (fk.isattr[q])
			return q;
	}
	return -1;
}

static void fk_type_text(const struct fk_type *t)
{
	int size = fk.rows * fk.cols, p = t->row * fk.cols + t->col;
	int a = fk_field_of(p);
	if (a < 0 || a == p || (fk.attr[a] & SCR_PROT))
		fail_msg("typing at row %d col %d: not an unprotected field (row: '%s')", t->row, t->col,
		         fk_row(t->row));
	for (const char *s = t->text; *s; s++, p = (p + 1) % size) {
		if (fk.isattr[p])
			fail_msg("typing at row %d col %d: '%s' runs past the field", t->row, t->col,
			         t->text);
		fk.ch[p] = cp_a2e[(uint8_t)*s];
	}
	if (t->eof)
		for (; !fk.isattr[p]; p = (p + 1) % size)
			fk.ch[p] = 0;
	if (*t->text || t->eof) /* (the cursor moved there only: nothing typed) */
		fk.attr[a] |= SCR_MDT;
	fk.cursor = (uint16_t)p;
}

/* The Read Modified answer for a key. */
static void fk_inbound(uint8_t aid)
{
	int size = fk.rows * fk.cols, n = 0;
	uint8_t a2[2];
	fk.in[n++] = aid;
	scr_addr(a2, fk.cursor);
	fk.in[n++] = a2[0];
	fk.in[n++] = a2[1];
	if (aid == SCR_CLEAR || aid == SCR_PA1 || aid == SCR_PA2) {
		fk.nin = 1;
		return;
	}
	for (int p = 0; p < size; p++) {
		if (!fk.isattr[p] || !(fk.attr[p] & SCR_MDT))
			continue;
		fk.in[n++] = SCR_SBA;
		scr_addr(a2, (uint16_t)((p + 1) % size));
		fk.in[n++] = a2[0];
		fk.in[n++] = a2[1];
		for (int q = (p + 1) % size; !fk.isattr[q]; q = (q + 1) % size)
			if (fk.ch[q])
				fk.in[n++] = fk.ch[q];
	}
	fk.nin = n;
}

int scr_diag58(uint8_t cmd, uint8_t ctl, void *data, uint16_t count, uint8_t csw[8])
{
	memset(csw, 0, 8);
	csw[4] = 0x0C;
	switch (cmd) {
	case 0x29: {
		bool erase = ctl & 0x80;
		if (erase && fk.cp_takes > 0) {
			fk.cp_takes--;
			csw[4] = 0x8E;
			return 1;
		}
		if (erase && (ctl & 0x40) && fk.reject_alt && count > 1) {
			csw[4] = 0x0E; /* unit check: operation check (an address beyond CP's screen) */
			return 1;
		}
		if (erase) {
			fk.ewa = (ctl & 0x40) != 0;
			fk.rows = fk.ewa ? fk.alt_rows : 24;
		}
		fk.writes++;
		assert_true(count <= 4096); /* what CP carries */
		fk_write(data, count, erase);
		return 0;
	}
	case 0x2A: {
		if (ctl & 0x80) {
			if (fk.switched) {
				fk.switched = false;
				csw[4] = 0x8E;
				return 1;
			}
			int n = fk.nin < count ? fk.nin : count;
			memcpy(data, fk.in, (size_t)n);
			csw[6] = (uint8_t)((count - n) >> 8);
			csw[7] = (uint8_t)(count - n);
			return 0;
		}
		/* Read Buffer: AID, cursor, the positions (no fields after an empty Erase/Write) */
		int n = 3 + fk.rows * fk.cols;
		uint8_t *d = data;
		memset(d, 0, (size_t)(n < count ? n : count));
		d[0] = SCR_NOAID;
		if (n > count)
			n = count;
		csw[6] = (uint8_t)((count - n) >> 8);
		csw[7] = (uint8_t)(count - n);
		return 0;
	}
	case 0x19:
		fk.closed = ctl == 0xFE;
		return 0;
	default:
		fail_msg("scr_diag58: command %02X", cmd);
	}
	return 3;
}

void scr_attn_clear(void) {}

void scr_wait_attn(void)
{
	if (fk.done_steps == fk.nsteps)
		fail_msg("the program waited for a key after the script's last (row 1: '%s')", fk_row(1));
	const struct fk_step *s = &fk.step[fk.done_steps++];
	size_t cl = s->check ? strlen(s->check) : 0;
	if (cl && s->check[cl - 1] == '*') /* the row starts so */
		assert_int_equal(strncmp(fk_row(s->check_row), s->check, cl - 1), 0);
	else if (s->check)
		assert_string_equal(fk_row(s->check_row), s->check);
	if (s->cursor_row)
		assert_int_equal(fk.cursor / fk.cols, s->cursor_row);
	if (!s->aid) /* a step that only gives the display back (after CP had it) */
		return;
	if (fk.writes == 0)
		fail_msg("a key before the program wrote its screen");
	for (int k = 0; k < 4 && s->t[k].text; k++)
		fk_type_text(&s->t[k]);
	fk_inbound(s->aid);
	fk.switched = s->switched;
	fk.cp_takes += s->cp_takes;
}

#endif
