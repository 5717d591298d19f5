/* scr.h — the 3270 full screen for CMS programs (XEDIT, FILELIST), by
 * DIAGNOSE X'58' (cp/diag58.c is the contract): building a screen's data
 * stream, writing it, reading the user's answer, and the X'8E' ending by
 * which CP says it took the display.
 *
 * The 3270 data stream (3270 Data Stream Programmer's Reference, GA23-0059):
 * an outbound write is a WCC byte, then orders and text; a buffer address is
 * row * columns + column, sent in 12-bit form as two 6-bit codes through the
 * graphic table (so that every byte is printable EBCDIC).  A field starts at
 * an attribute position (SF order + attribute byte) and runs to the next
 * one.  The inbound answer to Read Modified is the AID (the key), the cursor
 * address, and for each field whose modified data tag is on: SBA, the
 * address of its first character, its text (nulls suppressed).  Clear and
 * the PA keys send only the AID (a "short read").
 */
#ifndef CMS_SCR_H
#define CMS_SCR_H

#include "cmslib.h"

/* ---- the I/O underneath (scr_io.c in the nucleus; the unit tests have
 * their own) ----
 * scr_diag58: one full-screen CCW for the virtual console by DIAGNOSE X'58'
 * (command X'29' write, X'2A' read, X'19' CP's area; ctl is the CCW's byte
 * 5; the CCW has SLI set).  Returns the condition code; csw gets the
 * ending's CSW: with cc 0 the I/O interruption's (scr_diag58 waits for it),
 * with cc 1 the CSW stored at 64 -- or the interruption's, when the I/O
 * ended in error there (unit check or exception, channel status).  An interruption pending before the
 * DIAGNOSE (an attention) is taken and the DIAGNOSE given again.
 * scr_wait_attn: waits for an attention from the console (the user pressed a
 * key) — one that came before the call and was not yet taken counts — and
 * takes it.  scr_attn_clear forgets one that came.
 * scr_interrupt: what con.c's interruption handler calls with a console
 * interruption that no I/O of its own awaits, while scr_active. */
int scr_diag58(uint8_t cmd, uint8_t ctl, void *data, uint16_t count, uint8_t csw[8]);
void scr_wait_attn(void);
void scr_attn_clear(void);
void scr_interrupt(const uint8_t *csw);

/* True while a program owns the display as a full screen (scr_open to
 * scr_close): the console's attentions are the screen's keys then, not the
 * user's wish to type an immediate command (con.c gives them to
 * scr_interrupt). */
extern bool scr_active;

/* ---- building a data stream ---- */
enum {
	SCR_SF = 0x1D,  /* Start Field: the attribute byte follows */
	SCR_SBA = 0x11, /* Set Buffer Address: two address bytes follow */
	SCR_IC = 0x13,  /* Insert Cursor */
	SCR_RA = 0x3C,  /* Repeat to Address: address, character */
	/* WCC: keyboard restore (bit 6, X'02') and reset MDT (bit 7, X'01'),
	 * as a graphic code */
	SCR_WCC = 0xC3,
	/* attribute bits before the graphic translation (GA23-0059 "Field
	 * Attributes"): protected, numeric, display (intensified, dark),
	 * modified data tag */
	SCR_PROT = 0x20,
	SCR_NUM = 0x10,
	SCR_HIGH = 0x08,
	SCR_DARK = 0x0C,
	SCR_MDT = 0x01,
	/* AIDs */
	SCR_ENTER = 0x7D,
	SCR_CLEAR = 0x6D,
	SCR_PA1 = 0x6C,
	SCR_PA2 = 0x6E,
	SCR_NOAID = 0x60,
};

/* The AID of PF key n (1..24). */
uint8_t scr_pf(int n);
/* The PF key an AID is (1..24), or 0. */
int scr_pfkey(uint8_t aid);

struct scr_ds {
	uint8_t *b;
	uint32_t n, cap;
	uint16_t rows, cols;
	bool overflow; /* something did not fit in cap (it was dropped) */
};

void scr_ds_init(struct scr_ds *d, uint8_t *buf, uint32_t cap, uint16_t rows, uint16_t cols);
void scr_byte(struct scr_ds *d, uint8_t b);
/* A buffer address's two bytes (12-bit form). */
void scr_addr(uint8_t out[2], uint16_t addr);
uint16_t scr_unaddr(const uint8_t in[2]); /* 12- or 14-bit form */
void scr_sba(struct scr_ds *d, int row, int col);
void scr_sf(struct scr_ds *d, uint8_t attr); /* attr: SCR_PROT | ... */
void scr_ic(struct scr_ds *d);
void scr_text(struct scr_ds *d, const char *s);            /* ASCII, to EBCDIC */
void scr_textn(struct scr_ds *d, const char *s, size_t n); /* at most n characters */
/* SBA to (row, col), SF attr, then text: a field whose attribute is at
 * (row, col) and whose text starts at (row, col + 1). */
void scr_field(struct scr_ds *d, int row, int col, uint8_t attr, const char *text);

/* ---- parsing a Read Modified answer ---- */
enum { SCR_MAXF = 160 };
struct scr_field {
	uint16_t addr; /* the buffer address of its first character */
	uint16_t len;
	char *text; /* ASCII, terminated (in the scr_input's storage) */
};
struct scr_input {
	uint8_t aid;
	uint16_t cursor;
	int nf;
	struct scr_field f[SCR_MAXF];
	char text[4096]; /* the fields' texts */
};
/* Parse n bytes of a Read Modified answer.  Returns 0, or -1 when it is
 * malformed (no AID; an address cut short). */
int scr_parse(const uint8_t *in, uint32_t n, struct scr_input *out);
/* The modified field whose first character is at (row, col), or NULL. */
const struct scr_field *scr_find(const struct scr_input *in, uint16_t cols, int row, int col);

/* ---- a full-screen session ---- */
enum { SCR_OK = 0, SCR_REDRAW = 1, SCR_ERROR = -1 };
struct scr {
	uint16_t rows, cols;
	bool alt; /* the screen is the alternate size (Erase/Write Alternate) */
	uint8_t in[4096];
	uint32_t nin;
};
/* Take the display: learn its size (an Erase/Write Alternate, then Read
 * Buffer: the positions it holds).  SCR_ERROR when the console is not a
 * display (or it is gone). */
int scr_open(struct scr *s);
/* Show a screen (its data stream starts with the WCC): Erase/Write (or
 * Alternate).  When CP has the display, waits for the attention that gives
 * it back and writes again.  SCR_OK, SCR_REDRAW (the size changed: build it
 * anew), SCR_ERROR. */
int scr_show(struct scr *s, const uint8_t *ds, uint32_t n);
/* The user's next key: waits for the attention, then Read Modified and
 * parses it into in.  SCR_REDRAW when CP took the display meanwhile (show
 * the screen again, then read again). */
int scr_get(struct scr *s, struct scr_input *in);
/* Give the display back to CP (X'19' with X'FE'): the outermost close
 * only (a program run from a full screen may open its own). */
void scr_close(struct scr *s);
/* After an abend or HX left a full screen open (main.c's command loop
 * calls it before Ready): the display back to CP, no screen active. */
void scr_reset(void);

/* ---- a list of items, one a row, each with a command area (scr_list.c:
 * FILELIST and RDRLIST) ----
 * Row 0 is the title (the owner's words, then "Files: n" and the last
 * command's return code), row 1 "Cmd" and the heading, then the items; the
 * ====> command line and the PF keys are the last two rows.  A command
 * typed on an item's row runs as expand makes it for that item (k counts
 * from 0 in the list); PF2 reloads, PF3 ends, PF7/PF8 page; a key for which
 * pf_row (may be NULL) gives a command runs it for the item on the
 * cursor's row. */
struct scr_list_ops {
	const char *heading; /* above the items */
	const char *pfkeys;  /* the bottom line */
	void (*title)(void *arg, char *out, size_t size);
	void (*row)(void *arg, int k, char *out, size_t size);
	void (*expand)(void *arg, int k, const char *cmd, char *out, size_t size);
	int (*reload)(void *arg); /* reads the list anew: how many items now */
	const char *(*pf_row)(int pf);
};
/* Shows the n items (loaded already) until PF3: SCR_OK, or SCR_ERROR when
 * the console is not a display (or it is gone, or no storage). */
int scr_list(const struct scr_list_ops *ops, void *arg, int n);

#endif
