/* tape.c — 3420 and 3480 tape drives on AWS and HET images (tape.h).
 *
 * Commands (the IBM 3803/3420 tape subsystem reference; status as GA22-7000
 * "Unit Status Conditions"):
 *   X'01' Write             one block of the CCW's data (data chaining joins)
 *   X'02' Read              the next block; a tape mark: unit exception
 *   X'0C' Read Backward     the previous block, last byte first
 *   X'04' Sense             24 bytes (below)
 *   (X'E4' Sense ID: the 3420 has none; rejected, as Hercules does)
 *   X'03' No operation
 *   X'07' Rewind            X'0F' Rewind Unload (the drive is then empty)
 *   X'1F' Write Tape Mark   X'17' Erase Gap (nothing to do on an image)
 *   X'37' Forward Space Block   X'27' Backspace Block: a tape mark passed
 *                           gives unit exception
 *   X'3F' Forward Space File    X'2F' Backspace File: up to and past the
 *                           next tape mark
 *   other X'x3'             Mode Set (density, 7-track modes): accepted
 * A backward command that reaches load point ends with unit check (sense
 * byte 1 load point, no other cause).  Reading or spacing forward past the
 * recorded data is an equipment check with sense byte 7 X'60' (Hercules'
 * "end of tape" of an image).  Writing, Write Tape Mark and Erase Gap on a
 * tape mounted without its ring are rejected (command reject, byte 1 file
 * protected).  A command the 3420 does not have is rejected at once
 * (initial status: unit check alone; sense byte 4 X'01').  An empty drive
 * (`*`, or after Rewind Unload) answers every command but Sense the same
 * way with intervention required; `devinit` mounts a tape and the drive,
 * ready, presents device end.  Past `maxsize` bytes the end-of-tape
 * reflector has passed: Write and Write Tape Mark end with unit exception
 * and sense byte 4 X'20'.
 *
 * Sense bytes (24), as Hercules 3.13 reports them for a 3420: 0 as every
 * device (device.h); 1 X'40' tape unit status A (ready), X'20' status B
 * (not ready), X'08' at load point, X'02' file protected (no ring, or no
 * tape); the drive's fixed bytes 5 X'C0', 6 X'03', 13 X'80', 14 X'01',
 * 16 X'01', 19-20 X'FFFF'.
 *
 * The 3480 (the IBM 3480 subsystem reference; as Hercules 3.13 answers) runs
 * the same commands and adds Sense ID (FF 3480 31 3480 31), Read Block ID
 * (X'22'), Locate Block (X'4F'), Synchronize (X'43', a write-type no-op),
 * Mode Set (X'DB', one byte), Read Device Characteristics (X'64', 64
 * bytes), Sense Path Group ID (X'34'), Read Buffered Log (X'24') and
 * Unassign (X'C7'); Assign, Data Security Erase and the 7-track control
 * commands are refused.  Its sense byte 2 is X'20', byte 7 X'20', and
 * byte 3 the error recovery action: X'27' command reject, X'30' file
 * protected, X'31' blank tape (a data check there), X'39' load point,
 * X'43' not ready.
 *
 * The statement (Hercules): ADDR 3420|3480 FILE|* [ro|noring|ring|readonly=0|1]
 * [awstape] [compress=0|1] [method=1|2] [level=1..9] [chunksize=n]
 * [maxsize=n|maxsizeK=n|maxsizeM=n].  A name ending in .het is HET
 * (compressed with zlib by default), any other is AWS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "tape.h"

enum { SENSE_LEN = 24 };

/* Sense byte 1 (3420: tape unit status and position). */
enum {
	SNS1_TUA = 0x40,    /* tape unit status A: selected and ready */
	SNS1_TUB = 0x20,    /* tape unit status B: not ready */
	SNS1_LOADPT = 0x08, /* at load point */
	SNS1_FPROT = 0x02,  /* file protected: no write ring */
};
#define SNS4_EOT 0x20    /* the end-of-tape reflector has passed */
#define SNS4_BADCMD 0x01 /* with command reject: not a 3420 command (Hercules) */
#define SNS7_EOD 0x60    /* with equipment check: past the recorded data (Hercules) */

/* The conditions a command can end in, and their sense bytes by model. */
enum cond { C_FPROT, C_BADCMD, C_INTREQ, C_EOD, C_BOT, C_DATA, C_EQUIP, C_NCOND };

struct sense_rule {
	uint8_t s0;  /* byte 0 */
	uint8_t idx; /* one more byte (0: none) ... */
	uint8_t val; /* ... and its value: 3420 bytes 4 and 7, 3480 byte 3 (error recovery action) */
};

struct tape_model {
	const char *type;
	uint16_t devtype;
	uint8_t model;
	const uint8_t *senseid; /* 7 bytes, NULL: no Sense ID */
	struct sense_rule rule[C_NCOND];
	uint8_t fixed[24];   /* bytes every sense carries (0: none) */
	uint8_t notready_b1; /* sense byte 1 with no tape mounted */
	const uint8_t *rdc;  /* 64 bytes of Read Device Characteristics, NULL: none */
};

static const uint8_t senseid_3480[7] = {0xFF, 0x34, 0x80, 0x31, 0x34, 0x80, 0x31};
static const uint8_t rdc_3480[64] = {
    0x34, 0x80, 0x31,        0x34, 0x80, 0x31, 0x00, 0x00, 0x02,        0xC0,
    0x80, 0x80, [24] = 0x34, 0x80, 0x31, 0x34, 0x80, 0x31, [40] = 0x41, 0x80,
};

static const struct tape_model models[] = {
    {
        .type = "3420",
        .devtype = 0x3420,
        .model = 0x06,
        .rule =
            {
                [C_FPROT] = {SNS0_CMDREJ, 0, 0},
                [C_BADCMD] = {SNS0_CMDREJ, 4, SNS4_BADCMD},
                [C_INTREQ] = {SNS0_INTREQ, 0, 0},
                [C_EOD] = {SNS0_EQUIP, 7, SNS7_EOD},
                [C_BOT] = {0, 0, 0},
                [C_DATA] = {SNS0_DATA, 0, 0},
                [C_EQUIP] = {SNS0_EQUIP, 0, 0},
            },
        .fixed = {[5] = 0xC0, [6] = 0x03, [13] = 0x80, [14] = 0x01, [16] = 0x01, [19] = 0xFF, [20] = 0xFF},
        .notready_b1 = SNS1_TUB | SNS1_FPROT,
    },
    {
        .type = "3480",
        .devtype = 0x3480,
        .model = 0x31,
        .senseid = senseid_3480,
        .rule =
            {
                [C_FPROT] = {SNS0_CMDREJ, 3, 0x30},
                [C_BADCMD] = {SNS0_CMDREJ, 3, 0x27},
                [C_INTREQ] = {SNS0_INTREQ, 3, 0x43},
                [C_EOD] = {SNS0_DATA, 3, 0x31},
                [C_BOT] = {0, 3, 0x39},
                [C_DATA] = {SNS0_DATA, 3, 0x23},
                [C_EQUIP] = {SNS0_EQUIP, 0, 0},
            },
        .fixed = {[2] = 0x20, [7] = 0x20},
        .notready_b1 = SNS1_TUA | SNS1_FPROT,
        .rdc = rdc_3480,
    },
};

struct tape {
	const struct tape_model *m;
	const struct tape_fmt *fmt;
	struct tape_img *img; /* NULL: no tape mounted */
	struct tape_opts o;
	char *path;
	bool eot;
	uint8_t *buf; /* one block */
};

static struct tape *tape_of(struct device *d)
{
	return d->priv;
}

/* Unit check for condition c: the model's sense bytes for it. */
static int check(struct device *d, enum cond c)
{
	const struct sense_rule *r = &tape_of(d)->m->rule[c];
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = r->s0;
	if (r->idx)
		d->sense[r->idx] = r->val;
	if (c == C_BOT)
		d->sense[1] = SNS1_LOADPT;
	return US_CE | US_DE | US_UC;
}

static int host_failed(struct device *d, struct tape *t)
{
	char msg[300];
	snprintf(msg, sizeof msg, "%04X: tape %s: %s", d->devnum, t->path, t->fmt->message(t->img));
	chan_print(d->cs, msg);
	return check(d, C_EQUIP);
}

static int write_status(struct device *d, struct tape *t, int rc)
{
	if (rc)
		return host_failed(d, t);
	t->eot = t->o.maxsize && t->fmt->used(t->img) >= t->o.maxsize;
	return US_CE | US_DE | (t->eot ? US_UE : 0);
}

/* What a forward move found, as ending status. */
static int forward_status(struct device *d, struct tape *t, long n)
{
	if (n == TAPE_TM)
		return US_CE | US_DE | US_UE;
	if (n == TAPE_EOD)
		return check(d, C_EOD);
	if (n == TAPE_BAD)
		return check(d, C_DATA);
	if (n == TAPE_IOERR)
		return host_failed(d, t);
	return US_CE | US_DE;
}

static int backward_status(struct device *d, struct tape *t, long n)
{
	if (n == TAPE_BOT)
		return check(d, C_BOT);
	return forward_status(d, t, n);
}

static int do_read(struct device *d, struct tape *t, bool back)
{
	long n = back ? t->fmt->read_back(t->img, t->buf) : t->fmt->read(t->img, t->buf);
	if (n < 0)
		return back ? backward_status(d, t, n) : forward_status(d, t, n);
	if (back) /* the channel stores downward: the block's last byte comes first */
		for (long k = 0; k < n / 2; k++) {
			uint8_t x = t->buf[k];
			t->buf[k] = t->buf[n - 1 - k];
			t->buf[n - 1 - k] = x;
		}
	chan_write(d, t->buf, (uint32_t)n);
	return US_CE | US_DE;
}

static int space_file(struct device *d, struct tape *t, bool back)
{
	for (;;) {
		long n = back ? t->fmt->read_back(t->img, NULL) : t->fmt->read(t->img, NULL);
		if (n == TAPE_TM)
			return US_CE | US_DE;
		if (n < 0) /* load point (no tape mark before it), blank tape, errors */
			return backward_status(d, t, n);
	}
}

static void fill_sense(struct device *d, struct tape *t)
{
	d->sense[1] &= SNS1_LOADPT;
	if (!t->img) { /* not ready: intervention required, whatever came before */
		d->sense[0] |= SNS0_INTREQ;
		d->sense[1] = t->m->notready_b1;
	} else {
		d->sense[1] |= SNS1_TUA;
		if (t->fmt->position(t->img) == 0)
			d->sense[1] |= SNS1_LOADPT;
		if (t->o.ro)
			d->sense[1] |= SNS1_FPROT;
		if (t->eot)
			d->sense[4] |= SNS4_EOT;
	}
	for (int k = 0; k < SENSE_LEN; k++)
		if (t->m->fixed[k])
			d->sense[k] = t->m->fixed[k];
}

/* Initial status: the command is not executed (unit check alone). */
static int refuse(struct device *d, enum cond c)
{
	check(d, c);
	return US_UC;
}

/* 3480: commands that answer from the control unit, tape or not:
 * Read Buffered Log (X'24', 32 bytes, nothing logged), Sense Path Group
 * ID (X'34', 12 bytes, no group), Read Device Characteristics (X'64'),
 * Unassign (X'C7', its 11 bytes taken). */
static int buffer_command(struct device *d, struct tape *t, uint8_t cmd)
{
	uint8_t b[64] = {0};
	if (cmd == 0xC7) {
		chan_read(d, b, 11);
		return US_CE | US_DE;
	}
	if (cmd == 0x64)
		memcpy(b, t->m->rdc, 64);
	chan_write(d, b, cmd == 0x64 ? 64 : cmd == 0x24 ? 32 : 12);
	return US_CE | US_DE;
}

/* 3480 Read Block ID (X'22'): the channel and the device block ID, each
 * X'01' and the 24-bit block number (as Hercules forms them). */
static int read_block_id(struct device *d, struct tape *t)
{
	uint32_t n = t->fmt->position(t->img);
	uint8_t b[8] = {0x01, (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
	memcpy(b + 4, b, 4);
	chan_write(d, b, sizeof b);
	return US_CE | US_DE;
}

/* 3480 Locate Block (X'4F'): to the block whose ID (low 22 bits) is given. */
static int locate_block(struct device *d, struct tape *t)
{
	uint8_t b[4];
	if (chan_read(d, b, sizeof b) < sizeof b)
		return US_CE | US_DE;
	uint32_t n = ((uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]) & 0x3FFFFF;
	t->fmt->rewind(t->img);
	while (t->fmt->position(t->img) < n)
		if (t->fmt->read(t->img, NULL) == TAPE_EOD)
			return check(d, C_EOD);
	return US_CE | US_DE;
}

static void unload(struct tape *t)
{
	if (t->img)
		t->fmt->close(t->img);
	t->img = NULL;
	t->eot = false;
}

static int tape_ccw(struct device *d, uint8_t cmd)
{
	struct tape *t = tape_of(d);
	if (cmd == 0x04) {
		fill_sense(d, t);
		return dev_sense(d);
	}
	if (cmd == 0xE4 && t->m->senseid)
		return dev_sense_id(d);
	bool is3480 = t->m->rdc != NULL;
	bool known = ccw_is_control(cmd) || cmd == 0x01 || cmd == 0x02 || cmd == 0x0C;
	if (is3480)
		known = (known && cmd != 0x97 && cmd != 0x4B && cmd != 0xB7) || cmd == 0x22 || cmd == 0x24 ||
		        cmd == 0x34 || cmd == 0x64;
	if (!known)
		return refuse(d, C_BADCMD);
	if (is3480 && (cmd == 0x24 || cmd == 0x34 || cmd == 0x64 || cmd == 0xC7))
		return buffer_command(d, t, cmd);
	if (!t->img)
		return refuse(d, C_INTREQ);
	bool writes = cmd == 0x01 || cmd == 0x1F || cmd == 0x17 || (is3480 && cmd == 0x43);
	if (writes && t->o.ro)
		return check(d, C_FPROT);
	switch (cmd) {
	case 0x01: {
		uint32_t n = chan_read_avail(d, t->buf, TAPE_MAXBLK);
		return write_status(d, t, t->fmt->write(t->img, t->buf, n));
	}
	case 0x02:
		return do_read(d, t, false);
	case 0x0C:
		return do_read(d, t, true);
	case 0x03:
	case 0x17:
		return US_CE | US_DE;
	case 0x07:
		t->fmt->rewind(t->img);
		t->eot = false;
		return US_CE | US_DE;
	case 0x0F:
		unload(t);
		return US_CE | US_DE;
	case 0x1F:
		return write_status(d, t, t->fmt->write_tm(t->img));
	case 0x37:
		return forward_status(d, t, t->fmt->read(t->img, NULL));
	case 0x27:
		return backward_status(d, t, t->fmt->read_back(t->img, NULL));
	case 0x22:
		return read_block_id(d, t);
	case 0x4F:
		if (is3480)
			return locate_block(d, t);
		break;
	case 0xDB:
		if (is3480) { /* Mode Set: one byte of modes, taken and ignored */
			uint8_t mode;
			chan_read(d, &mode, 1);
		}
		return US_CE | US_DE;
	case 0x3F:
		return space_file(d, t, false);
	case 0x2F:
		return space_file(d, t, true);
	}
	return US_CE | US_DE; /* Mode Set and other settings */
}

static void tape_query(struct device *d, char *buf, size_t n)
{
	struct tape *t = tape_of(d);
	if (!t->img)
		snprintf(buf, n, "* (no tape mounted)");
	else
		snprintf(buf, n, "%s [%s] block %u%s%s", t->path, t->fmt->name, t->fmt->position(t->img),
		         t->o.ro ? " ro" : "", t->eot ? " eot" : "");
}

static void free_tape(struct tape *t)
{
	unload(t);
	free(t->path);
	free(t->buf);
	free(t);
}

static void tape_close(struct device *d)
{
	if (d->priv)
		free_tape(d->priv);
	d->priv = NULL;
}

static bool num_opt(const char *o, const char *name, unsigned long long *v)
{
	size_t l = strlen(name);
	if (strncasecmp(o, name, l) || o[l] != '=')
		return false;
	char *end;
	*v = strtoull(o + l + 1, &end, 10);
	return *end == 0 && o[l + 1];
}

static int parse_args(struct tape *t, bool *aws, int argc, char **argv, char *err, size_t errlen)
{
	for (int a = 0; a < argc; a++) {
		const char *o = argv[a];
		unsigned long long v;
		if (!strcasecmp(o, "ro") || !strcasecmp(o, "noring"))
			t->o.ro = true;
		else if (!strcasecmp(o, "ring"))
			t->o.ro = false;
		else if (!strcasecmp(o, "awstape"))
			*aws = true;
		else if (num_opt(o, "readonly", &v) && v <= 1)
			t->o.ro = v;
		else if (num_opt(o, "compress", &v) && v <= 1)
			t->o.compress = v;
		else if (num_opt(o, "method", &v) && v >= 1 && v <= 2)
			t->o.method = (int)v;
		else if (num_opt(o, "level", &v) && v >= 1 && v <= 9)
			t->o.level = (int)v;
		else if (num_opt(o, "chunksize", &v) && v >= 4096 && v <= 65535)
			t->o.chunk = (uint32_t)v;
		else if (num_opt(o, "maxsize", &v))
			t->o.maxsize = v;
		else if (num_opt(o, "maxsizeK", &v))
			t->o.maxsize = v << 10;
		else if (num_opt(o, "maxsizeM", &v))
			t->o.maxsize = v << 20;
		else if (a == 0 && o[0] != '-' && !strchr(o, '=')) {
			if (strcmp(o, "*"))
				t->path = strdup(o);
		} else {
			snprintf(err, errlen,
			         "bad operand %s (expected FILE or *, then ro, noring, ring, readonly=0|1, "
			         "awstape, "
			         "compress=0|1, method=1|2, level=1-9, chunksize=4096-65535, maxsize[K|M]=n)",
			         o);
			return -1;
		}
	}
	return 0;
}

static int tape_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	struct tape *t = calloc(1, sizeof *t);
	if (t)
		t->buf = malloc(TAPE_MAXBLK);
	if (!t || !t->buf) {
		free(t);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	t->o = (struct tape_opts){.compress = true, .method = 1, .level = 4, .chunk = 65535};
	bool aws = false;
	if (parse_args(t, &aws, argc, argv, err, errlen)) {
		free_tape(t);
		return -1;
	}
	if (t->path) {
		size_t l = strlen(t->path);
		t->fmt =
		    !aws && l > 4 && !strcasecmp(t->path + l - 4, ".het") ? &tape_het_fmt : &tape_aws_fmt;
		char why[200];
		t->img = t->fmt->open(t->path, &t->o, why, sizeof why);
		if (!t->img) {
			snprintf(err, errlen, "%s: %s", t->path, why);
			free_tape(t);
			return -1;
		}
	} else {
		t->fmt = &tape_aws_fmt;
	}
	d->priv = t;
	d->sense_len = SENSE_LEN;
	t->m = &models[0];
	for (size_t k = 0; k < sizeof models / sizeof *models; k++)
		if (!strcasecmp(d->type, models[k].type))
			t->m = &models[k];
	d->senseid_len = 0;
	if (t->m->senseid) {
		memcpy(d->senseid, t->m->senseid, 7);
		d->senseid_len = 7;
	}
	d->devtype = t->m->devtype;
	d->devmodel = t->m->model;
	return 0;
}

static const char *const tape_types[] = {"3420", "3480", NULL};

const struct dev_ops tape_ops = {
    .types = tape_types,
    .desc = "magnetic tape on an AWS or HET image (FILE|* [ro|noring|ring] [compress=0|1] [method=1|2] "
            "[level=n] [chunksize=n] [maxsize=n])",
    .init = tape_init,
    .close = tape_close,
    .ccw = tape_ccw,
    .query = tape_query,
};
