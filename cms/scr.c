/* scr.c — the 3270 full screen for CMS programs by DIAGNOSE X'58'
 * (scr.h; cp/diag58.c is CP's side of the contract). */
#include "cms.h"
#include "scr.h"

bool scr_active;
static int depth; /* scr_open's not yet closed: FILELIST runs XEDIT, which opens the screen again */

enum {
	SWITCHED = 0x8E, /* attention, channel end, device end, unit check: CP took the display */
	CCW_WRITE = 0x29,
	CCW_READ = 0x2A,
	CCW_CPAREA = 0x19,
	CTL_EW = 0x80,
	CTL_EWA = 0xC0,
	CTL_RM = 0x80,
	CTL_RB = 0x00,
	CTL_GIVEBACK = 0xFE,
};

/* The 3270's graphic codes for 6-bit values (GA23-0059, "Buffer
 * Addressing"): buffer addresses and attribute bytes go through it. */
static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

/* PF1-PF24's AIDs. */
static const uint8_t pf_aid[24] = {
    0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C,
    0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C,
};

uint8_t scr_pf(int n)
{
	return n >= 1 && n <= 24 ? pf_aid[n - 1] : 0;
}

int scr_pfkey(uint8_t aid)
{
	for (int k = 0; k < 24; k++)
		if (pf_aid[k] == aid)
			return k + 1;
	return 0;
}

/* ---- building ---- */

void scr_ds_init(struct scr_ds *d, uint8_t *buf, uint32_t cap, uint16_t rows, uint16_t cols)
{
	d->b = buf;
	d->n = 0;
	d->cap = cap;
	d->rows = rows;
	d->cols = cols;
	d->overflow = false;
}

void scr_byte(struct scr_ds *d, uint8_t b)
{
	if (d->n < d->cap)
		d->b[d->n++] = b;
	else
		d->overflow = true;
}

void scr_addr(uint8_t out[2], uint16_t addr)
{
	out[0] = code6[addr >> 6 & 0x3F];
	out[1] = code6[addr & 0x3F];
}

uint16_t scr_unaddr(const uint8_t in[2])
{
	if (!(in[0] & 0xC0)) /* 14-bit binary form */
		return (uint16_t)((in[0] & 0x3F) << 8 | in[1]);
	return (uint16_t)((in[0] & 0x3F) << 6 | (in[1] & 0x3F));
}

void scr_sba(struct scr_ds *d, int row, int col)
{
	uint8_t a[2];
	scr_addr(a, (uint16_t)(row * d->cols + col));
	scr_byte(d, SCR_SBA);
	scr_byte(d, a[0]);
	scr_byte(d, a[1]);
}

void scr_sf(struct scr_ds *d, uint8_t attr)
{
	scr_byte(d, SCR_SF);
	scr_byte(d, code6[attr & 0x3F]);
}

void scr_ic(struct scr_ds *d)
{
	scr_byte(d, SCR_IC);
}

void scr_textn(struct scr_ds *d, const char *s, size_t n)
{
	for (size_t k = 0; k < n && s[k]; k++) {
		uint8_t e = cp_a2e[(uint8_t)s[k]];
		/* a byte below X'40' would be an order: show it as a blank */
		scr_byte(d, e < 0x40 ? 0x40 : e);
	}
}

void scr_text(struct scr_ds *d, const char *s)
{
	scr_textn(d, s, (size_t)-1);
}

void scr_field(struct scr_ds *d, int row, int col, uint8_t attr, const char *text)
{
	scr_sba(d, row, col);
	scr_sf(d, attr);
	if (text)
		scr_text(d, text);
}

/* ---- parsing ---- */

int scr_parse(const uint8_t *in, uint32_t n, struct scr_input *out)
{
	out->nf = 0;
	out->cursor = 0;
	if (n < 1)
		return -1;
	out->aid = in[0];
	if (n == 1) /* a short read: Clear, PA1-PA3 */
		return 0;
	if (n < 3)
		return -1;
	out->cursor = scr_unaddr(in + 1);
	uint32_t k = 3, t = 0;
	while (k < n) {
		if (in[k] != SCR_SBA || k + 3 > n)
			return -1;
		if (out->nf == SCR_MAXF)
			return -1;
		struct scr_field *f = &out->f[out->nf++];
		f->addr = scr_unaddr(in + k + 1);
		f->text = out->text + t;
		k += 3;
		uint32_t len = 0;
		for (; k < n && in[k] != SCR_SBA; k++) {
			if (!in[k] || t + 1 >= sizeof out->text)
				continue; /* nulls, or beyond what a screen holds */
			out->text[t++] = (char)cp_e2a[in[k]];
			len++;
		}
		out->text[t++] = 0;
		f->len = (uint16_t)len;
		if (t >= sizeof out->text)
			return -1;
	}
	return 0;
}

const struct scr_field *scr_find(const struct scr_input *in, uint16_t cols, int row, int col)
{
	uint16_t a = (uint16_t)(row * cols + col);
	for (int k = 0; k < in->nf; k++)
		if (in->f[k].addr == a)
			return &in->f[k];
	return NULL;
}

/* ---- the session ---- */

/* An Erase/Write (Alternate) of ds; CP's display taken back when it has it. */
static int erase_write(const uint8_t *ds, uint8_t ctl, uint32_t n)
{
	uint8_t csw[8];
	for (;;) {
		int cc = scr_diag58(CCW_WRITE, ctl, (void *)ds, (uint16_t)n, csw);
		if (cc == 0)
			return SCR_OK;
		if (cc != 1 || csw[4] != SWITCHED)
			return SCR_ERROR; /* unit check: not a display, gone, or a stream CP refused */
		/* CP shows the user something first: the display comes back with
		 * an attention when he has read it (Enter, PA2 or Clear) */
		scr_attn_clear();
		scr_wait_attn();
	}
}

int scr_open(struct scr *s)
{
	s->rows = 24;
	s->cols = 80;
	s->alt = false;
	s->nin = 0;
	if (!cms_fullscreen())
		return SCR_ERROR;
	scr_active = true;
	depth++;
	scr_attn_clear();
	/* The alternate size: an empty screen of it, and Read Buffer returns
	 * the AID, the cursor address and one byte for each position. */
	uint8_t wcc = SCR_WCC;
	if (erase_write(&wcc, CTL_EWA, 1) != SCR_OK) {
		scr_active = --depth > 0;
		return SCR_ERROR;
	}
	uint8_t csw[8];
	if (scr_diag58(CCW_READ, CTL_RB, s->in, sizeof s->in, csw) == 0) {
		uint32_t got = sizeof s->in - (uint32_t)(csw[6] << 8 | csw[7]);
		uint32_t pos = got > 3 ? got - 3 : 0;
		if (pos == 32 * 80 || pos == 43 * 80 || pos == 27 * 132) {
			s->cols = pos == 27 * 132 ? 132 : 80;
			s->rows = (uint16_t)(pos / s->cols);
			s->alt = true;
		}
	}
	return SCR_OK;
}

int scr_show(struct scr *s, const uint8_t *ds, uint32_t n)
{
	int rc = erase_write(ds, s->alt ? CTL_EWA : CTL_EW, n);
	if (rc == SCR_ERROR && s->alt) { /* CP's idea of the alternate size is not the client's */
		s->alt = false;
		s->rows = 24;
		s->cols = 80;
		return SCR_REDRAW;
	}
	return rc;
}

int scr_get(struct scr *s, struct scr_input *in)
{
	for (;;) {
		scr_wait_attn();
		uint8_t csw[8];
		int cc = scr_diag58(CCW_READ, CTL_RM, s->in, sizeof s->in, csw);
		if (cc == 1 && csw[4] == SWITCHED)
			return SCR_REDRAW;
		if (cc != 0)
			return SCR_ERROR;
		s->nin = sizeof s->in - (uint32_t)(csw[6] << 8 | csw[7]);
		if (scr_parse(s->in, s->nin, in) != 0) { /* nothing usable: as if Enter with nothing typed */
			in->aid = SCR_ENTER;
			in->nf = 0;
		}
		if (in->aid != SCR_NOAID) /* (no key: the answer to a screen written since) */
			return SCR_OK;
	}
}

void scr_reset(void)
{
	if (scr_active) {
		depth = 1;
		scr_close(NULL);
	}
	depth = 0;
}

void scr_close(struct scr *s)
{
	(void)s;
	if (depth > 0 && --depth > 0)
		return; /* an outer program's screen comes next */
	uint8_t csw[8], dummy = 0;
	scr_diag58(CCW_CPAREA, CTL_GIVEBACK, &dummy, 1, csw);
	scr_active = false;
	scr_attn_clear();
}
