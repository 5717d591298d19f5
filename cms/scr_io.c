/* scr_io.c — the I/O under scr.c in the nucleus: DIAGNOSE X'58' and the
 * console's interruptions while a program owns the display (scr.h).
 *
 * While scr_active, con.c hands the console's interruptions that no I/O of
 * its own awaits to scr_interrupt: an attention is a key the user pressed on
 * our screen (or the display given back after CP had it), and a DIAGNOSE
 * X'58' that CP accepted (cc 0) ends by an interruption with channel end
 * and device end (cp/diag58.c).  Both are noted here with interruptions
 * disabled and awaited in an enabled wait, as con.c waits for its own I/O.
 */
#include "nucleus.h"
#include "scr.h"

static volatile bool attn, ended;
static uint8_t end_csw[8];

void scr_interrupt(const uint8_t *csw)
{
	if ((csw[4] & US_ATTN) && !(csw[4] & US_UC)) /* (X'8E' is CP's "the screen is mine", not a key) */
		attn = true;
	if (csw[4] & (US_CE | US_DE | US_UC) || csw[5]) {
		for (int k = 0; k < 8; k++)
			end_csw[k] = csw[k];
		ended = true;
	}
}

void scr_attn_clear(void)
{
	attn = false;
}

void scr_wait_attn(void)
{
	for (;;) {
		uint8_t m = cms_disable();
		if (attn) {
			attn = false;
			cms_enable(m);
			return;
		}
		cms_wait();
		cms_enable(m);
	}
}

int scr_diag58(uint8_t cmd, uint8_t ctl, void *data, uint16_t count, uint8_t csw[8])
{
	static struct ccw c;
	ccw_set(&c, cmd, data, CCW_SLI, count);
	c.zero = ctl; /* the CCW's byte 5: CP's control byte for DIAGNOSE X'58' */
	for (;;) {
		struct cms_dregs d = {.r2 = (uint32_t)(uintptr_t)&c, .r4 = CMS_CONSOLE};
		uint8_t m = cms_disable();
		ended = false;
		int cc = cms_diag58(&d);
		if (cc == 1) {
			for (int k = 0; k < 8; k++)
				csw[k] = ((volatile uint8_t *)64)[k];
			cms_enable(m);
			/* a status that was pending (an attention): noted, and the
			 * DIAGNOSE given again; an error ends it */
			if (!(csw[4] & (US_UC | US_UX)) && !csw[5] && (csw[4] & US_ATTN) &&
			    !(csw[4] & US_DE)) {
				attn = true;
				continue;
			}
			return cc;
		}
		if (cc != 0) {
			cms_enable(m);
			return cc;
		}
		for (;;) { /* (cms_wait enables; each look at ended is disabled) */
			cms_disable();
			if (ended)
				break;
			cms_wait();
		}
		for (int k = 0; k < 8; k++)
			csw[k] = end_csw[k];
		cms_enable(m);
		/* CP ends a write or read the display does later by an
		 * interruption whatever its ending: an error there is told as
		 * the condition code 1 of one found at once */
		if ((csw[4] & (US_UC | US_UX)) || csw[5])
			return 1;
		return cc;
	}
}
