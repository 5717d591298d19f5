/* chan_ccw.c — running a channel program (GA22-7000 "Input/Output
 * Operations": "Channel Command Word", "Chaining", "Channel Indirect Data
 * Addressing", "Conclusion of Input/Output Operations").
 *
 * The channel works in absolute storage with the key of the CAW: a store
 * needs a matching key (or key 0), a fetch too when the block is
 * fetch-protected.  It fetches a CCW when the program needs it: the first at
 * SIO, the next on command chaining after device end, or on data chaining
 * when the count runs out.  The ending status goes into a CSW kept in the
 * subchannel until an interruption, TIO or CLRIO takes it.
 *
 * CSW (GA22-7000 "Channel Status Word"):
 *     byte 0  key (bits 0-3)       bytes 1-3  address of the last CCW used + 8
 *     byte 4  unit status          byte 5     channel status
 *     bytes 6-7 residual count of the last CCW used
 */
#include <stdlib.h>
#include <string.h>

#include "chan_int.h"

enum { CCW_FLAGS_RESERVED = 0x03 }; /* bits 38-39 must be zero */

static struct storage *st_of(struct device *d)
{
	return d->cs->cpu->st;
}

/* Storage access by the channel: 0, CS_PGM (invalid address) or CS_PROT.
 * The range lies in one 2K block. */
static uint8_t access_check(struct device *d, uint32_t a, uint32_t n, bool store)
{
	struct storage *st = st_of(d);
	if (a >= st->size || n > st->size - a)
		return CS_PGM;
	uint8_t *k = &st->keys[a >> BLOCK_SHIFT];
	uint8_t key = d->sub.key;
	if (key && (*k >> 4) != key && (store || (*k & SK_F)))
		return CS_PROT;
	*k |= (uint8_t)(SK_R | (store ? SK_C : 0));
	return 0;
}

/* ---- interruption bookkeeping ---- */

bool chan_has_interrupt(const struct device *d)
{
	const struct chan_sub *s = &d->sub;
	return s->state == SUB_PENDING || (s->state == SUB_WORKING && s->pci_pending) ||
	       (s->state == SUB_IDLE && s->dev_status);
}

void chan_pending_update(struct device *d)
{
	struct chan_subsys *cs = d->cs;
	int at = -1;
	for (int k = 0; k < cs->npend; k++)
		if (cs->pend[k] == d)
			at = k;
	bool want = chan_has_interrupt(d);
	if (want && at < 0) {
		if (cs->npend == cs->pend_cap) {
			int cap = cs->pend_cap ? cs->pend_cap * 2 : 16;
			struct device **p = realloc(cs->pend, sizeof *p * (size_t)cap);
			if (!p)
				abort(); /* a few pointers: out of memory is fatal */
			cs->pend = p;
			cs->pend_cap = cap;
		}
		cs->pend[cs->npend++] = d;
		d->sub.pend_seq = ++cs->seq;
	} else if (!want && at >= 0) {
		cs->pend[at] = cs->pend[--cs->npend];
	}
	__atomic_store_n(&cs->npend_hint, cs->npend, __ATOMIC_RELEASE);
	if (want && cs->cpu)
		cpu_wake(cs->cpu);
}

void chan_build_csw(const struct device *d, uint8_t unit, uint8_t chst, uint8_t csw[8])
{
	const struct chan_sub *s = &d->sub;
	csw[0] = (uint8_t)(s->key << 4);
	csw[1] = (uint8_t)(s->ccw_addr >> 16);
	csw[2] = (uint8_t)(s->ccw_addr >> 8);
	csw[3] = (uint8_t)s->ccw_addr;
	csw[4] = unit;
	csw[5] = chst;
	csw[6] = (uint8_t)(s->count >> 8);
	csw[7] = (uint8_t)s->count;
}

/* The operation is over for the channel: the CSW waits in the subchannel.
 * A PCI not yet presented is merged into it. */
void chan_end_program(struct device *d, uint8_t unit)
{
	struct chan_sub *s = &d->sub;
	uint8_t chst = s->chan_status;
	if (s->pci_pending)
		chst |= CS_PCI;
	s->pci_pending = false;
	s->wait_de = false;
	chan_build_csw(d, unit, chst, s->csw);
	s->state = SUB_PENDING;
	if ((unit & US_CE) && !(unit & US_DE))
		s->dev_working = true; /* device end follows */
	chan_pending_update(d);
}

static void raise_pci(struct device *d)
{
	d->sub.pci_pending = true;
	chan_pending_update(d);
}

/* ---- CCW and IDAW fetch ---- */

/* Fetch the doubleword at a into b; 0 or the channel status of the failure. */
static uint8_t fetch_ccw(struct device *d, uint32_t a, uint8_t b[8])
{
	uint8_t e = access_check(d, a, 8, false);
	if (!e)
		memcpy(b, st_of(d)->mem + a, 8);
	return e;
}

/* Load the IDAW at s->idaw_next (the first one when first). */
static uint8_t load_idaw(struct device *d, bool first)
{
	struct chan_sub *s = &d->sub;
	uint8_t e = access_check(d, s->idaw_next, 4, false);
	if (e)
		return e;
	uint32_t w = be32(st_of(d)->mem + s->idaw_next);
	bool backward = ccw_is_read_backward(s->cmd);
	/* 24-bit IDAW: bits 0-7 zero; after the first, a block boundary
	 * (the block's last byte when reading backward). */
	if (w & 0xFF000000u)
		return CS_PGM;
	if (!first && (w & (BLOCK_SIZE - 1)) != (backward ? BLOCK_SIZE - 1 : 0))
		return CS_PGM;
	s->idaw_next += 4;
	s->data = w;
	s->idaw_left = backward ? (w & (BLOCK_SIZE - 1)) + 1 : BLOCK_SIZE - (w & (BLOCK_SIZE - 1));
	return 0;
}

/* Take the data fields of CCW b (the address, count and flags). */
static uint8_t load_data_fields(struct device *d, const uint8_t b[8])
{
	struct chan_sub *s = &d->sub;
	s->flags = b[4];
	s->count = be16(b + 6);
	s->data = (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	s->idaw_left = 0;
	if (s->flags & CCW_FLAGS_RESERVED)
		return CS_PGM; /* invalid CCW format */
	if (s->count == 0)
		return CS_PGM; /* invalid count */
	if (s->flags & CCW_IDA) {
		if (s->data & 3)
			return CS_PGM; /* invalid IDAW address specification */
		s->idaw_next = s->data;
		if (!((s->flags & CCW_SKIP) && (ccw_is_read(s->cmd) || ccw_is_sense(s->cmd))))
			return load_idaw(d, true);
	}
	return 0;
}

/* Fetch the CCW at s->ccw_addr, following one TIC.  For command chaining
 * (command true) the command code is taken and checked; for data chaining
 * it is ignored.  On failure the channel status is set and false returned,
 * s->ccw_addr then being what the CSW shows. */
static bool next_ccw(struct device *d, bool command)
{
	struct chan_sub *s = &d->sub;
	uint8_t b[8];
	uint32_t tic = 0;
	bool after_tic = false;
	for (;;) {
		uint32_t a = s->ccw_addr;
		uint8_t e = (a & 7) ? CS_PGM : fetch_ccw(d, a, b);
		if (e) {
			s->chan_status |= e;
			/* via TIC: the TIC's address + 8; else the failing address + 8 */
			s->ccw_addr = after_tic ? tic + 8 : ((a & 7) ? a : a + 8);
			return false;
		}
		s->ccw_addr = (a + 8) & AMASK;
		if ((b[0] & 0x0F) != 0x08)
			break;
		/* Transfer in channel: not as the first CCW, not after a TIC. */
		if (after_tic || (command && s->first)) {
			s->chan_status |= CS_PGM;
			return false;
		}
		after_tic = true;
		tic = a;
		s->ccw_addr = (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	}
	if (command) {
		s->cmd = b[0];
		if ((b[0] & 0x0F) == 0) {
			s->flags = b[4];
			s->count = be16(b + 6);
			s->chan_status |= CS_PGM; /* invalid command code */
			return false;
		}
	}
	uint8_t e = load_data_fields(d, b);
	if (e) {
		s->chan_status |= e;
		return false;
	}
	if (s->flags & CCW_PCI)
		raise_pci(d);
	return true;
}

/* ---- data transfer ---- */

static bool transfer_stopped(const struct device *d)
{
	const struct chan_sub *s = &d->sub;
	return s->state != SUB_WORKING || s->wait_de ||
	       (s->chan_status & (CS_PGM | CS_PROT | CS_CDC | CS_CCC | CS_ICC | CS_CHAIN));
}

/* Move up to len bytes; to_storage for read-type commands. */
static uint32_t transfer(struct device *d, uint8_t *buf, uint32_t len, bool to_storage, bool avail)
{
	struct chan_sub *s = &d->sub;
	uint32_t done = 0;
	if (transfer_stopped(d))
		return 0;
	if (len)
		s->immediate = false; /* data transfer began: past initial selection */
	while (done < len) {
		if (s->count == 0) {
			if (!(s->flags & CCW_CD)) {
				if (!avail)
					s->want_more = true;
				break;
			}
			if (!next_ccw(d, false)) /* data chaining */
				break;
			continue;
		}
		uint32_t n = len - done < s->count ? len - done : s->count;
		if (to_storage && (s->flags & CCW_SKIP)) { /* skip: count only */
			s->count = (uint16_t)(s->count - n);
			done += n;
			continue;
		}
		bool back = ccw_is_read_backward(s->cmd);
		if (s->flags & CCW_IDA) {
			if (s->idaw_left == 0) {
				uint8_t e = load_idaw(d, false);
				if (e) {
					s->chan_status |= e;
					break;
				}
			}
			if (n > s->idaw_left)
				n = s->idaw_left;
		}
		uint32_t room =
		    back ? (s->data & (BLOCK_SIZE - 1)) + 1 : BLOCK_SIZE - (s->data & (BLOCK_SIZE - 1));
		if (n > room)
			n = room;
		uint32_t lo = back ? s->data + 1 - n : s->data;
		uint8_t e = access_check(d, lo, n, to_storage);
		if (e) {
			s->chan_status |= e;
			break;
		}
		uint8_t *m = st_of(d)->mem;
		if (back) {
			for (uint32_t k = 0; k < n; k++)
				m[s->data - k] = buf[done + k];
			s->data = (s->data - n) & AMASK;
		} else {
			if (to_storage)
				memcpy(m + s->data, buf + done, n);
			else
				memcpy(buf + done, m + s->data, n);
			s->data = (s->data + n) & AMASK;
		}
		if (s->flags & CCW_IDA)
			s->idaw_left -= n;
		s->count = (uint16_t)(s->count - n);
		done += n;
	}
	return done;
}

uint32_t chan_read(struct device *d, void *buf, uint32_t len)
{
	return transfer(d, buf, len, false, false);
}
uint32_t chan_read_avail(struct device *d, void *buf, uint32_t max)
{
	return transfer(d, buf, max, false, true);
}
uint32_t chan_write(struct device *d, const void *buf, uint32_t len)
{
	return transfer(d, (uint8_t *)(uintptr_t)buf, len, true, false);
}
uint32_t chan_count(const struct device *d)
{
	return d->sub.count;
}
uint8_t chan_flags(const struct device *d)
{
	return d->sub.flags;
}
bool chan_chained(const struct device *d)
{
	return !d->sub.first;
}
bool chan_is_ipl_read(const struct device *d)
{
	return d->sub.ipl && d->sub.first;
}

/* ---- command ending and chaining ---- */

/* The current command ended with unit status st.  Returns true when the
 * channel chains to the next command. */
static bool command_end(struct device *d, uint8_t st)
{
	struct chan_sub *s = &d->sub;
	if (s->wait_de) { /* the device end that command chaining waited for */
		s->wait_de = false;
		st |= US_CE;
	}
	if (!(st & US_CE)) { /* initial status: the command was not executed */
		chan_end_program(d, st);
		return false;
	}
	/* Incorrect length: count left, more data chained, or the device
	 * wanted more.  SLI suppresses it unless data chaining was specified;
	 * a command that moved no data (immediate) never has it, nor does an
	 * operation a program or protection check cut short. */
	bool il = s->count != 0 || (s->flags & CCW_CD) || s->want_more;
	bool sli = (s->flags & CCW_SLI) && !(s->flags & CCW_CD);
	if (il && !sli && !s->immediate && !s->chan_status)
		s->chan_status |= CS_IL;
	bool chain =
	    (s->flags & CCW_CC) && !(s->flags & CCW_CD) && !s->chan_status && !(st & (US_UC | US_UE));
	if (!chain) {
		chan_end_program(d, st);
		return false;
	}
	if (!(st & US_DE)) { /* chaining waits for device end */
		s->wait_de = true;
		return false;
	}
	if (st & US_SM) /* status modifier: skip one CCW */
		s->ccw_addr = (s->ccw_addr + 8) & AMASK;
	s->first = false;
	return true;
}

/* Fetch and execute commands until the program ends or a device takes time;
 * loaded: the current CCW is already in the subchannel (the IPL's implied CCW). */
void chan_exec(struct device *d, bool loaded)
{
	struct chan_sub *s = &d->sub;
	for (;; loaded = false) {
		if (!loaded && !next_ccw(d, true)) {
			chan_end_program(d, 0);
			return;
		}
		s->issued = true;
		s->want_more = false;
		s->immediate = true;
		int st = d->ops->ccw(d, s->cmd);
		if (st == DEV_LATER)
			return;
		if (!command_end(d, (uint8_t)st))
			return;
	}
}

void chan_end(struct device *d, uint8_t st)
{
	struct chan_sub *s = &d->sub;
	if (s->state == SUB_WORKING) {
		if (command_end(d, st))
			chan_exec(d, false);
		return;
	}
	/* Device end after a channel end already taken: status of the device. */
	if (s->dev_working) {
		s->dev_working = false;
		s->dev_status |= st;
		chan_pending_update(d);
	}
}

void chan_unsolicited(struct device *d, uint8_t st)
{
	d->sub.dev_status |= st;
	chan_pending_update(d);
}
