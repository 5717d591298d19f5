/* cmd_spool.h — what the spool commands' files share (cmd_spool*.c):
 *
 *   cmd_spool_dd.c    the DISK DUMP card format: a file as 80-byte cards and
 *                     back (no device: the host unit test runs it)
 *   cmd_spool_io.c    the virtual unit record devices: the punch (00D) and
 *                     printer (00E) by Write CCWs, the reader (00C) by
 *                     DIAGNOSE X'14', CP's SPOOL/CLOSE by DIAGNOSE X'08'
 *   cmd_spool.c       PRINT, PUNCH, READCARD
 *   cmd_spool_send.c  SENDFILE, RECEIVE, DISK DUMP/LOAD
 *   cmd_spool_list.c  RDRLIST, PEEK
 *   cmd_spool_scr.c   RDRLIST's full screen (scr.h)
 *
 * docs/cms-spool.md describes the commands and the DISK DUMP format.
 */
#ifndef CMS_CMD_SPOOL_H
#define CMS_CMD_SPOOL_H

#include "cms.h"
#include "cmsfs.h"

/* ==== the DISK DUMP format (cmd_spool_dd.c) ====
 *
 * Every card is 80 bytes; the first four are X'02' and "DSK" (EBCDIC), the
 * fifth the kind: 'H' header, 'D' data, 'E' end.  Numbers are big-endian
 * binary, names EBCDIC padded with blanks.  The record stream is the
 * file's records one after the other: F records lrecl bytes each, V records
 * a 2-byte length and that many bytes (the file's own layout on disk).
 *
 *   header  5 version (1)  8 fn  16 ft  24 fm (letter, digit)  26 recfm
 *           28 lrecl  32 records  36 date: year(2) month day hour min sec
 *           76 CRC-32 of bytes 0-75
 *   data    5 bytes of the stream on this card (1-68)  6 sequence number
 *           (the first data card is 1)  10 the bytes (the rest zeros)
 *           78 the low half of the CRC-32 of bytes 0-77
 *   end     6 data cards  10 records  14 bytes of the stream
 *           18 CRC-32 of the whole stream  22 fn  30 ft
 *           76 CRC-32 of bytes 0-75
 *
 * Unused bytes are zero.  The CRC is the common CRC-32 (reflected,
 * polynomial X'EDB88320', starting with all ones, inverted at the end).
 */
enum {
	DD_CARD = 80,
	DD_DATA = 68, /* stream bytes a data card carries */
	DD_MAXREC = 65535,
	DD_OK = 0,
	DD_DONE = 1,    /* the end card came and everything matched */
	DD_ERR = -1,    /* the deck is not right: dd_dec.err says why */
	DD_PUTERR = -2, /* the record or card function failed: its rc in .putrc */
};

/* What the header says of the file.  id.fm is "" when the card had no
 * mode. */
struct dd_file {
	struct cms_fileid id;
	char recfm; /* 'F' or 'V' */
	uint32_t lrecl, records;
	uint16_t year;
	uint8_t month, day, hour, minute, second;
};

uint32_t dd_crc(uint32_t crc, const uint8_t *p, size_t n); /* crc: 0 to start */

/* Whether a card is a DISK DUMP header card (the kind and the mark only). */
bool dd_is_header(const uint8_t *card);

/* Writing: dd_enc_begin punches the header, dd_enc_record takes each
 * record (F: exactly lrecl bytes), dd_enc_end punches what is left and the
 * end card.  put gets every card; a nonzero return stops (DD_PUTERR). */
struct dd_enc {
	struct dd_file f;
	int (*put)(void *ctx, const uint8_t *card);
	void *ctx;
	uint8_t card[DD_CARD];
	uint32_t n, seq, bytes, records, crc;
	int putrc;
};
int dd_enc_begin(struct dd_enc *e, const struct dd_file *f, int (*put)(void *ctx, const uint8_t *card),
                 void *ctx);
int dd_enc_record(struct dd_enc *e, const uint8_t *rec, uint32_t len);
int dd_enc_end(struct dd_enc *e);

/* Reading: dd_parse_header checks a header card (DD_ERR with the reason in
 * err, a buffer of at least 80).  dd_dec_begin prepares to decode the
 * cards after that header (a record buffer from cms_alloc: DD_ERR when
 * there is no storage); dd_dec_card takes each following card: DD_OK (more
 * wanted), DD_DONE (the end card, all checks passed), DD_ERR; put gets each
 * record as it is complete.  The reader's end before DD_DONE is an error
 * too: dd_dec_eof says it.  dd_dec_free gives the buffer back. */
int dd_parse_header(const uint8_t *card, struct dd_file *f, char *err);
struct dd_dec {
	struct dd_file f;
	int (*put)(void *ctx, const uint8_t *rec, uint32_t len);
	void *ctx;
	uint8_t *rec;
	uint32_t have, need, seq, bytes, records, crc;
	uint8_t lenbuf[2];
	int nlen;
	bool done;
	int putrc;
	char err[100];
};
int dd_dec_begin(struct dd_dec *d, const struct dd_file *f,
                 int (*put)(void *ctx, const uint8_t *rec, uint32_t len), void *ctx);
int dd_dec_card(struct dd_dec *d, const uint8_t *card);
int dd_dec_eof(struct dd_dec *d);
void dd_dec_free(struct dd_dec *d);

/* ==== the devices (cmd_spool_io.c; the nucleus only) ==== */
enum { SP_READER = 0x00C, SP_PUNCH = 0x00D, SP_PRINTER = 0x00E, SP_RECMAX = 65536 };

/* A record of a file being printed, punched or dumped (one command at a
 * time uses it: it is big, so there is one). */
#define sp_rec cms_rec /* (the nucleus's one record buffer: cms.h) */

/* A CP command, its answer captured into resp (may be NULL: dropped).
 * Returns CP's return code. */
int sp_cp(char *resp, size_t rmax, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* One card to the punch: 0, or nonzero after a message (msgid's). */
int sp_punch(const uint8_t *card, const char *msgid);
/* One line to the printer: ccw the Write command (X'09' write and space a
 * line; X'01' write only), pre a carriage control command before it (X'0B'
 * space, X'8B' skip to channel 1...; 0: none). */
int sp_print(uint8_t pre, uint8_t ccw, const uint8_t *line, uint32_t len, const char *msgid);
/* CLOSE of the punch or printer (CP's message on the console), naming the
 * spool file fn ft.  The file's spool id, or 0 (unknown). */
uint16_t sp_close(uint16_t dev, const char *fn, const char *ft);
/* After HX: a punch or printer file a command left unclosed is purged, a
 * punch SENDFILE spooled to another user spooled back (sp_redirected says
 * when it is). */
void sp_abandon(void);
void sp_redirected(bool on);
/* The same, CP's answer kept in resp (not shown: console output is where
 * HX takes effect, and SENDFILE has the punch to reset first); sp_show
 * shows such an answer. */
uint16_t sp_close_quiet(uint16_t dev, const char *fn, const char *ft, char *resp, size_t rmax);
void sp_show(char *resp);

/* The reader, by DIAGNOSE X'14' (a block of the spool file at a time): the
 * records of one reader file, each as its card (80 bytes, blanks after a
 * short record) with the CCW command that wrote it. */
struct sp_rdr {
	uint8_t *page; /* 4K, on a 4K boundary */
	void *mem;
	uint16_t spoolid;
	uint16_t next; /* SPOOL RDR CONT went on to this file: it goes back */
	uint32_t off, used;
	bool eof;
};
enum { SP_RDR_EMPTY = 1, SP_RDR_NOFILE = 2 };
/* Open the next reader file, or file want (nonzero: its spool id, brought
 * to the front first).  0; SP_RDR_EMPTY (no file to read); SP_RDR_NOFILE
 * (want is no file of the reader); RC_ERR after a message. */
int sp_rdr_open(struct sp_rdr *r, uint16_t want, const char *msgid);
/* The next record: 0 (card, *len its own length, *cmd), RC_EOF, RC_ERR. */
int sp_rdr_next(struct sp_rdr *r, uint8_t *card, uint32_t *len, uint8_t *cmd);
/* Done: keep (the file stays in the reader as it was) or taken (CLOSE: CP
 * purges it unless the reader is spooled HOLD). */
void sp_rdr_close(struct sp_rdr *r, bool keep);

/* A reader file's description (DIAGNOSE X'14' X'0FFF'). */
struct sp_desc {
	uint16_t id;
	char cls, devtype; /* 'P' punch, 'L' printer, 'R' reader */
	bool held;
	uint16_t copies;
	uint32_t records;
	char origin[9], fn[9], ft[9], dist[9], date[13];
};
/* The reader file after spool id after (0: the first): 0, or 1 when there
 * is none. */
int sp_rdr_desc(uint16_t after, struct sp_desc *out);
/* The description of file id: 0, or 1 when the reader has none of it. */
int sp_rdr_find(uint16_t id, struct sp_desc *out);

/* ==== shared by the commands ==== */
/* Where a reader file's deck goes (READCARD, RECEIVE, DISK LOAD): fn, ft,
 * fm "" take the deck's own (its :READ card or DISK DUMP header). */
struct sp_target {
	char fn[9], ft[9], fm[3];
	bool replace;           /* an existing file is replaced (else: refused, the reader file kept) */
	const char *pfx;        /* the messages' "DMSxxx" */
	uint16_t spoolid;       /* the reader file being loaded */
	struct cms_fileid dflt; /* the name of cards before any :READ card */
	char origin[9];         /* who sent it ("" unknown) */
};
/* The next reader file (or file want) into files: a DISK DUMP deck as DISK
 * LOAD, else (unless dd_only) cards as READCARD.  The reader file is taken
 * when everything was loaded, else left in the reader.  The return code. */
int sp_receive(uint16_t want, struct sp_target *t, bool dd_only);
/* cmd_spool.c: the cards of the open reader file r from first on; the
 * DISK DUMP deck whose header card is first (cmd_spool_send.c). */
int sp_load_cards(struct sp_rdr *r, const uint8_t *first, const struct sp_target *t);
int sp_load_dd(struct sp_rdr *r, const uint8_t *first, const struct sp_target *t);
/* fn ft [fm] words with '*' or '=' for "the deck's" into t. */
int sp_target_of(struct sp_target *t, char **w, int n, const char *pfx);
/* cmd_spool.c: fn ft [fm] words of a file that exists (else a message with
 * pfx's id and RC_NOTFOUND, RC_BADNAME ...). */
int sp_find_file(char **w, int n, const char *pfx, struct cms_fst *out);
/* The id a deck's file gets: t's parts, else the deck's (from); the mode A
 * and the deck's digit unless t has them. */
void sp_name_file(struct cms_fileid *out, const struct sp_target *t, const struct cms_fileid *from);
/* Open the new file id: refused (a message, RC_NOTFOUND) when it exists and
 * t->replace is false. */
int sp_open_out(const struct cms_fileid *id, const struct sp_target *t, char recfm, uint32_t lrecl,
                struct cms_file **out);
/* PUNCH's work: the file's records as cards (the :READ card first when
 * header).  0, or a message and the punch's file purged. */
int sp_punch_file(const struct cms_fst *f, bool header, const char *pfx);
/* The file f opened to be read; pfx104E "Error reading" (sp_read_error)
 * when it cannot be: the file system's return code. */
int sp_open_file(const struct cms_fst *f, const char *pfx, struct cms_file **in);
void sp_read_error(const struct cms_fst *f, const char *pfx);
/* "Invalid option" with pfx's id (pfx003E): RC_BADOPT. */
int sp_bad_option(const char *pfx, const char *opt);
/* A spool id word: 1-9999, or 0 when it is not one. */
uint16_t sp_spoolid(const char *w);
/* Whether a reader card is a :READ control card; its fn ft fm into id
 * (fm "" when absent). */
bool sp_read_card(const uint8_t *card, struct cms_fileid *id);
/* The :READ control card PUNCH puts first (VM/370's header card). */
void sp_make_read_card(uint8_t *card, const struct cms_fst *f, const char *label);

/* cmd_spool_list.c: a reader file's line of RDRLIST, and the title above. */
void sp_desc_line(char *out, size_t n, const struct sp_desc *d);
extern const char sp_desc_title[];
/* cmd_spool_scr.c: RDRLIST on a full screen; 0 when it was shown (nonzero:
 * no display, or nothing to show). */
int sp_rdrlist_screen(void);

#endif
