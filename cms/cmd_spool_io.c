/* cmd_spool_io.c — the virtual unit record devices as the spool commands
 * use them (the user directory gives every user a reader 00C, a punch 00D
 * and a printer 00E; cp/spool_dev.c is CP's side).
 *
 *   punch    a Write (X'01') of 80 bytes a card
 *   printer  a Write with its carriage motion (X'09' write and space one
 *            line ...), after an immediate carriage command when the file
 *            has ASA carriage control
 *   reader   DIAGNOSE X'14' (cp/diag14.c): the spool file a 4K block at a
 *            time, each record with the CCW command that wrote it.  Unlike
 *            Read CCWs, which take the file for good at its end, the file
 *            stays the reader's until CLOSE: a command that finds it cannot
 *            load the file (it exists, the deck is damaged) leaves it in the
 *            reader (CLOSE 00C HOLD, then CHANGE RDR id NOHOLD puts it back as
 *            it was).  The blocks say their file's spool id, so a reader
 *            left open by an interrupted command is noticed.
 *   CP       SPOOL, CLOSE, CHANGE by DIAGNOSE X'08'.
 */
#include "cmd_spool.h"
#include "nucleus.h"


int sp_cp(char *resp, size_t rmax, const char *fmt, ...)
{
	static char cmd[160], drop[512];
	va_list ap;
	va_start(ap, fmt);
	cms_vformat(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (!resp) {
		resp = drop;
		rmax = sizeof drop;
	}
	return cms_cp(cmd, resp, rmax);
}

/* One channel program on a unit record device: 0, or a message. */
static int run(uint16_t dev, const struct ccw *prog, const char *msgid, const char *what)
{
	uint8_t csw[8];
	int cc = cms_io(dev, prog, csw);
	if (cc == 3) {
		cms_msg(msgid, "The virtual %s %03X does not exist", what, dev);
		return RC_ERR;
	}
	if (cc == 2) {
		cms_msg(msgid, "The virtual %s %03X is busy", what, dev);
		return RC_ERR;
	}
	if (csw[4] & US_UC) {
		cms_msg(msgid, "The virtual %s %03X is not ready (the spool area may be full)", what, dev);
		return RC_ERR;
	}
	if (csw[5] & ~0x40) { /* incorrect length aside (SLI is set anyway) */
		cms_msg(msgid, "Channel error on the virtual %s %03X (channel status %02X)", what, dev,
		        csw[5]);
		return RC_ERR;
	}
	return 0;
}

/* What a command interrupted by HX leaves: a punch or printer file written
 * but not closed (it would become part of the user's next one, or reach a
 * reader half made), and SENDFILE's punch still spooled to someone. */
static bool punch_open, printer_open, punch_sent;

void sp_redirected(bool on)
{
	punch_sent = on;
}

void sp_abandon(void)
{
	if (punch_open)
		sp_cp(NULL, 0, "CLOSE %03X PURGE", SP_PUNCH);
	if (printer_open)
		sp_cp(NULL, 0, "CLOSE %03X PURGE", SP_PRINTER);
	if (punch_sent)
		sp_cp(NULL, 0, "SPOOL %03X OFF", SP_PUNCH);
	punch_open = printer_open = punch_sent = false;
}

int sp_punch(const uint8_t *card, const char *msgid)
{
	static uint8_t buf[80];
	static struct ccw w;
	cms_poll(); /* HX while a long file is punched: taken here, between two cards */
	memcpy(buf, card, 80);
	ccw_set(&w, 0x01, buf, CCW_SLI, 80);
	punch_open = true;
	return run(SP_PUNCH, &w, msgid, "punch");
}

int sp_print(uint8_t pre, uint8_t ccw, const uint8_t *line, uint32_t len, const char *msgid)
{
	static uint8_t buf[256];
	static struct ccw prog[2];
	cms_poll(); /* (HX between two lines) */
	if (len > sizeof buf)
		len = sizeof buf;
	if (!len) { /* a Write moves at least one byte: an empty line is a blank */
		buf[0] = 0x40;
		len = 1;
	} else {
		memcpy(buf, line, len);
	}
	struct ccw *c = prog;
	if (pre)
		ccw_set(c++, pre, buf, CCW_CC | CCW_SLI, 1);
	ccw_set(c, ccw, buf, CCW_SLI, (uint16_t)len);
	printer_open = true;
	return run(SP_PRINTER, prog, msgid, "printer");
}

/* "PUN FILE 0012 TO ..." or "PRT FILE ...": the number. */
static uint16_t file_number(const char *resp)
{
	for (const char *p = resp; *p; p++) {
		if (memcmp(p, " FILE ", 6))
			continue;
		uint32_t n = 0;
		const char *q = p + 6;
		while (*q >= '0' && *q <= '9' && n < 100000)
			n = n * 10 + (uint32_t)(*q++ - '0');
		if (q > p + 6 && n <= 9999)
			return (uint16_t)n;
	}
	return 0;
}

void sp_show(char *resp)
{
	for (char *p = resp; *p;) {
		char *nl = p;
		while (*nl && *nl != '\n')
			nl++;
		char c = *nl;
		*nl = 0;
		if (*p)
			cms_puts(p);
		p = c ? nl + 1 : nl;
	}
}

uint16_t sp_close_quiet(uint16_t dev, const char *fn, const char *ft, char *resp, size_t rmax)
{
	if (dev == SP_PUNCH)
		punch_open = false;
	if (dev == SP_PRINTER)
		printer_open = false;
	if (fn && ft)
		sp_cp(resp, rmax, "CLOSE %03X NAME %s %s", dev, fn, ft);
	else
		sp_cp(resp, rmax, "CLOSE %03X", dev);
	return file_number(resp);
}

uint16_t sp_close(uint16_t dev, const char *fn, const char *ft)
{
	static char resp[512];
	uint16_t id = sp_close_quiet(dev, fn, ft, resp, sizeof resp);
	sp_show(resp);
	return id;
}

/* ---- the reader ---- */

static int diag14(uint32_t rx, uint32_t ry, uint32_t sub)
{
	struct cms_dregs d = {.r2 = rx, .r4 = ry, .r5 = sub};
	int cc = cms_diag14(&d);
	if (cc == 3)
		return 3 + (int)d.r5; /* 7 no such device, 11 not a spooled reader */
	return cc;
}

/* The next block of the open file: 0, 1 at its end, 2 no file, or more:
 * the reader is missing. */
static int next_block(struct sp_rdr *r)
{
	int cc = diag14((uint32_t)(uintptr_t)r->page, SP_READER, 0x0000);
	if (cc == 0) {
		r->off = 8;
		r->used = (uint32_t)(r->page[4] << 8 | r->page[5]);
		if (r->used > 4096 || r->used < 8)
			r->used = 8;
	}
	return cc;
}

static void keep_file(uint16_t id)
{
	sp_cp(NULL, 0, "CLOSE %03X HOLD", SP_READER);
	if (id)
		sp_cp(NULL, 0, "CHANGE RDR %u NOHOLD", id);
}

int sp_rdr_open(struct sp_rdr *r, uint16_t want, const char *msgid)
{
	memset(r, 0, sizeof *r);
	if (want) {
		struct sp_desc dsc;
		if (sp_rdr_find(want, &dsc))
			return SP_RDR_NOFILE;
		if (dsc.held) {
			cms_msg(msgid, "Reader file %04u is held: CP CHANGE RDR %u NOHOLD first", want, want);
			return RC_ERR;
		}
		diag14(want, SP_READER, 0x000C); /* to the front */
	}
	r->mem = cms_alloc(8192);
	if (!r->mem) {
		cms_msg(msgid, "Not enough storage for a reader buffer");
		return RC_NOSTORE;
	}
	r->page = (uint8_t *)(((uintptr_t)r->mem + 4095) & ~(uintptr_t)4095);
	for (int tries = 0;; tries++) {
		int cc = diag14(0, SP_READER, 0x0014); /* a file left open: from its start */
		if (cc < 3)
			cc = next_block(r);
		if (cc >= 3) {
			cms_msg(msgid, "%s",
			        cc == 7 ? "There is no virtual reader 00C"
			                : "Device 00C is not a spooled reader");
			sp_rdr_close(r, true);
			return RC_ERR;
		}
		if (cc == 2) {
			cms_free(r->mem);
			r->mem = NULL;
			return want ? SP_RDR_NOFILE : SP_RDR_EMPTY;
		}
		if (cc == 1) { /* a file without a single record (its id unknown) */
			r->eof = true;
			return 0;
		}
		r->spoolid = (uint16_t)(r->page[0] << 8 | r->page[1]);
		if (!want || r->spoolid == want)
			return 0;
		if (tries) {
			cms_msg(msgid, "The reader gives file %04u, not %04u", r->spoolid, want);
			sp_rdr_close(r, true);
			return RC_ERR;
		}
		keep_file(r->spoolid); /* another file was open: back to the queue */
		diag14(want, SP_READER, 0x000C);
	}
}

int sp_rdr_next(struct sp_rdr *r, uint8_t *card, uint32_t *len, uint8_t *cmd)
{
	while (!r->eof) {
		if (r->off + 3 <= r->used) {
			const uint8_t *p = r->page + r->off;
			uint32_t n = (uint32_t)(p[0] << 8 | p[1]);
			if (r->off + 3 + n > r->used)
				n = r->used - r->off - 3; /* (never: CP writes whole records) */
			r->off += 3 + n;
			if (!n && (p[2] & 0x03) == 0x03)
				continue; /* a printer's carriage motion alone: no line */
			*cmd = p[2];
			uint32_t k = n < 256 ? n : 256;
			memcpy(card, p + 3, k);
			if (k < 80)
				memset(card + k, 0x40, 80 - k);
			*len = k;
			return 0;
		}
		int cc = next_block(r);
		if (cc == 1 || cc == 2) {
			r->eof = true;
		} else if (cc) {
			return RC_ERR;
		} else if (r->spoolid && (uint16_t)(r->page[0] << 8 | r->page[1]) != r->spoolid) {
			/* SPOOL RDR CONT: CP went on with the next file (and took this
			 * one); that one is not this command's */
			r->next = (uint16_t)(r->page[0] << 8 | r->page[1]);
			r->eof = true;
		}
	}
	return RC_EOF;
}

void sp_rdr_close(struct sp_rdr *r, bool keep)
{
	if (r->next)
		keep_file(r->next);
	else if (keep)
		keep_file(r->spoolid);
	else
		sp_cp(NULL, 0, "CLOSE %03X", SP_READER);
	cms_free(r->mem);
	r->mem = NULL;
}

/* ---- descriptions ---- */

static void text(char *out, const uint8_t *p, size_t n)
{
	cms_e2a(out, p, n);
	out[n] = 0;
	while (n && out[n - 1] == ' ')
		out[--n] = 0;
}

int sp_rdr_desc(uint16_t after, struct sp_desc *out)
{
	static uint8_t d[256] __attribute__((aligned(8)));
	if (diag14((uint32_t)(uintptr_t)d, after, 0x0FFF) != 0)
		return 1;
	memset(out, 0, sizeof *out);
	out->id = (uint16_t)(d[0] << 8 | d[1]);
	out->cls = (char)cp_e2a[d[2]];
	out->devtype = (char)cp_e2a[d[3]];
	out->held = d[4] != 0;
	out->copies = (uint16_t)(d[6] << 8 | d[7]);
	out->records = (uint32_t)d[8] << 24 | (uint32_t)d[9] << 16 | (uint32_t)d[10] << 8 | d[11];
	text(out->origin, d + 12, 8);
	text(out->fn, d + 20, 8);
	text(out->ft, d + 28, 8);
	text(out->dist, d + 36, 8);
	text(out->date, d + 44, 12);
	return 0;
}

int sp_rdr_find(uint16_t id, struct sp_desc *out)
{
	uint16_t after = 0;
	for (int k = 0; k < 10000 && !sp_rdr_desc(after, out); k++) {
		if (out->id == id)
			return 0;
		after = out->id;
	}
	return 1;
}
