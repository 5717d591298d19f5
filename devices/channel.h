/* channel.h — what a device may call (see device.h for the contract).
 *
 * All calls but chan_post() need the channel-subsystem lock, which every
 * device op already runs under.
 */
#ifndef DEVICES_CHANNEL_H
#define DEVICES_CHANNEL_H

#include "device.h"

/* ---- data transfer for the current CCW ----
 *
 * chan_read() moves up to len bytes of the program's data from storage to
 * buf (Write and Control commands); chan_write() moves len bytes from buf to
 * storage (Read, Read Backward, Sense; under the skip flag the count runs
 * down but storage is left alone).  Both follow data chaining and IDAWs, and
 * return the number of bytes moved.  Fewer than len means the count ran out
 * (the channel then reports incorrect length unless the CCW has SLI: the
 * device wanted more) or a program or protection check stopped the transfer
 * (the channel reports it; the device just ends).  A device that leaves
 * bytes of the count unused also gets incorrect length (unless SLI).
 *
 * chan_read_avail() is chan_read() for devices whose record is as long as
 * the program makes it (a console or printer line): asking for more than
 * the count holds is not incorrect length.
 */
uint32_t chan_read(struct device *d, void *buf, uint32_t len);
uint32_t chan_read_avail(struct device *d, void *buf, uint32_t max);
uint32_t chan_write(struct device *d, const void *buf, uint32_t len);
uint32_t chan_count(const struct device *d); /* residual count of the current CCW */
uint8_t chan_flags(const struct device *d);  /* CCW_* flags of the current CCW */
/* The current command was reached by command chaining (not the first of
 * the program): what DASD searches and Read IPL need to know. */
bool chan_chained(const struct device *d);
/* The current command is the implied Read (X'02') of an IPL (a DASD reads
 * cylinder 0, head 0, record 1 for it). */
bool chan_is_ipl_read(const struct device *d);

/* CCW flags, byte 4 of a format-0 CCW (GA22-7000 "Channel Command Word"). */
enum {
	CCW_CD = 0x80,   /* bit 32 chain data */
	CCW_CC = 0x40,   /* bit 33 chain command */
	CCW_SLI = 0x20,  /* bit 34 suppress length indication */
	CCW_SKIP = 0x10, /* bit 35 skip: no data stored */
	CCW_PCI = 0x08,  /* bit 36 program-controlled interruption */
	CCW_IDA = 0x04,  /* bit 37 indirect data addressing */
};

/* ---- ending ---- */

/* The command that returned DEV_LATER (or the channel end that came
 * without device end) ends now with this unit status. */
void chan_end(struct device *d, uint8_t unit_status);
/* Status the device raises by itself: US_ATTN, or US_DE on becoming ready. */
void chan_unsolicited(struct device *d, uint8_t unit_status);

/* ---- time: one event queue for all devices ---- */

typedef void chan_event_fn(struct device *d, long arg);
/* Call fn(d, arg) after delay_us microseconds of host time (0: at the next
 * instruction boundary), on the CPU thread with the lock held. */
void chan_schedule(struct device *d, uint64_t delay_us, chan_event_fn *fn, long arg);
/* Remove d's pending events with this fn (NULL: all of d's events). */
void chan_cancel(struct device *d, chan_event_fn *fn);

/* From any thread, without the lock: run fn(d, arg, data) soon under the
 * lock (the data is copied; fn gets it NUL-terminated).  Wakes the CPU. */
typedef void chan_post_fn(struct device *d, long arg, const char *data, size_t len);
void chan_post(struct chan_subsys *cs, uint16_t devnum, chan_post_fn *fn, long arg, const void *data,
               size_t len);

/* ---- the operator's console, for integrated console devices ---- */

/* Print one line on the operator's console (no newline in text). */
void chan_print(struct chan_subsys *cs, const char *text);
/* The code page configured by CODEPAGE (codepage.h). */
const struct codepage *chan_codepage(struct chan_subsys *cs);
/* The device that takes "/text" lines from the console (one at a time). */
void chan_set_console(struct chan_subsys *cs, struct device *d, chan_post_fn *input);

struct device *chan_find(struct chan_subsys *cs, uint16_t devnum);

#endif
