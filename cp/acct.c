/* acct.c — accounting records: what each user used, for the bill.
 *
 * VM/370 wrote an 80-column card for every session at LOGOFF and for every
 * dedicated device when it left the machine, and punched them (later:
 * spooled them to the accounting virtual machine's reader).  The layouts are
 * those of the VM/370 Release 6 System Programmer's Guide, "Accounting
 * Records": columns 1-28 are characters (EBCDIC, as on any card), the rest
 * binary fullwords, the last two columns the record's type.
 *
 *   type 01, a session (LOGOFF, FORCE, SHUTDOWN):
 *     1-8   user id                 33-36  processor time, ms (CP's work for
 *     9-16  account number                 it included: here the same as 37)
 *     17-28 date and time of the    37-40  virtual processor time, ms
 *           record, mmddyyhhmmss    41-44  page reads     45-48 page writes
 *     29-32 seconds connected       49-52  SIOs for non-spooled I/O
 *                                   53-56  cards punched  57-60 lines printed
 *                                   61-64  cards read     65-78 reserved
 *     79-80 "01"
 *
 *   type 02, a dedicated device (DETACH, LOGOFF):
 *     1-28 as above; 29-32 seconds it was attached; 33 device class, 34 type,
 *     35 model, 36 feature (VM/370's codes, diag.c's table); 79-80 "02"
 *
 * CP keeps the records in a queue in storage, the oldest dropped (and
 * counted) when it is full.  QUERY ACCOUNT (class A) shows them decoded;
 * acct_next hands them out one by one, oldest first — for a reader file of
 * the accounting user once spooling takes them.
 */
#include "cp.h"
#include "dirfmt.h"

enum { ACCT_MAX = 64 }; /* records kept */
static uint8_t queue[ACCT_MAX][80];
static uint32_t head, count, dropped; /* the oldest at queue[head] */
static uint64_t attached_at[512];     /* per real device (its index): the TOD clock at ATTACH */

/* Microseconds to milliseconds and seconds without 64-bit division (CP has
 * none): the TOD clock's bit 51 is a microsecond. */
static uint32_t tod_ms(uint64_t tod)
{
	uint64_t eighths = tod >> 15; /* units of 8 microseconds: 125 of them a millisecond */
	return eighths > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)eighths / 125;
}
static uint32_t tod_sec(uint64_t tod)
{
	uint64_t u64 = tod >> 18; /* units of 64 microseconds: 15625 a second */
	return u64 > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)u64 / 15625;
}

void acct_logon(struct user *u, const char account[8])
{
	u->acct.logon_tod = cp_tod();
	cp_field(u->acct.account, account, 8);
	u->acct.punched = u->acct.printed = u->acct.read = 0;
}

void acct_spool(struct user *u, char kind, uint32_t n)
{
	if (kind == 'P')
		u->acct.punched += n;
	else if (kind == 'L')
		u->acct.printed += n;
	else if (kind == 'R')
		u->acct.read += n;
}

static void put_word(uint8_t *card, int column, uint32_t x)
{
	cp_put32(card + column - 1, x);
}

/* Columns 1-28: user id, account, mmddyyhhmmss (EBCDIC); and the type in 79-80. */
static void card_start(uint8_t card[80], const struct user *u, const char *type)
{
	char text[29];
	struct cp_time t;
	cp_time(&t);
	memset(card, 0, 80);
	cp_format(text, sizeof text, "%-8s%-8s%02u%02u%02u%02u%02u%02u", u->id, u->acct.account, t.month,
	          t.day, t.year % 100, t.hour, t.min, t.sec);
	cp_to_ebcdic(card, text, 28);
	cp_to_ebcdic(card + 78, type, 2);
}

static void enqueue(const uint8_t card[80])
{
	if (count == ACCT_MAX) { /* full: the oldest goes */
		head = (head + 1) % ACCT_MAX;
		count--;
		dropped++;
	}
	memcpy(queue[(head + count) % ACCT_MAX], card, 80);
	count++;
}

void acct_logoff(struct user *u)
{
	uint8_t card[80];
	card_start(card, u, "01");
	const struct vm *v = u->vm;
	uint32_t cpu = v ? tod_ms(v->cpu_tod) : 0;
	put_word(card, 29, tod_sec(cp_tod() - u->acct.logon_tod));
	put_word(card, 33, cpu); /* CP does not time its own work per user: the same as the virtual time */
	put_word(card, 37, cpu);
	put_word(card, 41, v ? v->count.pageins : 0);
	put_word(card, 45, v ? v->count.pageouts : 0);
	put_word(card, 49,
	         v ? v->count.mdisk_progs : 0); /* channel programs on minidisks and dedicated devices */
	put_word(card, 53, u->acct.punched);
	put_word(card, 57, u->acct.printed);
	put_word(card, 61, u->acct.read);
	enqueue(card);
}

void acct_attach(struct rdev *d)
{
	uint32_t k = (uint32_t)(d - cp_rdevs);
	if (k < sizeof attached_at / sizeof attached_at[0])
		attached_at[k] = cp_tod();
}

/* VM/370's class and type codes (the same table DIAGNOSE X'24' answers with). */
static void class_type(uint16_t type, uint8_t *cls, uint8_t *code)
{
	static const struct {
		uint16_t type;
		uint8_t cls, code;
	} codes[] = {
	    {0x3215, 0x80, 0x00}, {0x3277, 0x40, 0x04}, {0x3278, 0x40, 0x01}, {0x2540, 0x20, 0x82},
	    {0x3505, 0x20, 0x84}, {0x2501, 0x20, 0x81}, {0x1403, 0x10, 0x41}, {0x3211, 0x10, 0x42},
	    {0x3525, 0x10, 0x84}, {0x3420, 0x08, 0x10}, {0x3480, 0x08, 0x01}, {0x2314, 0x04, 0x40},
	    {0x3330, 0x04, 0x10}, {0x3350, 0x04, 0x08}, {0x3310, 0x01, 0x01}, {0x3370, 0x01, 0x01},
	};
	*cls = *code = 0;
	for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
		if (codes[k].type == type) {
			*cls = codes[k].cls;
			*code = codes[k].code;
		}
}

void acct_detach(struct user *u, struct rdev *d)
{
	uint8_t card[80];
	card_start(card, u, "02");
	uint32_t k = (uint32_t)(d - cp_rdevs);
	uint64_t since = k < sizeof attached_at / sizeof attached_at[0] && attached_at[k] ? attached_at[k]
	                                                                                  : u->acct.logon_tod;
	if (k < sizeof attached_at / sizeof attached_at[0])
		attached_at[k] = 0;
	put_word(card, 29, tod_sec(cp_tod() - since));
	class_type(d->type, &card[32], &card[33]);
	card[34] = d->model;
	enqueue(card);
}

bool acct_next(uint8_t card[80])
{
	if (!count)
		return false;
	memcpy(card, queue[head], 80);
	head = (head + 1) % ACCT_MAX;
	count--;
	return true;
}

/* QUERY ACCOUNT: each record waiting, decoded, oldest first, then the
 * count.  The records stay queued (acct_next takes them). */
void acct_query(struct user *u)
{
	for (uint32_t n = 0; n < count; n++) {
		const uint8_t *c = queue[(head + n) % ACCT_MAX];
		char text[29], type[3];
		for (int k = 0; k < 28; k++)
			text[k] = (char)cp_e2a[c[k]];
		text[28] = 0;
		type[0] = (char)cp_e2a[c[78]];
		type[1] = (char)cp_e2a[c[79]];
		type[2] = 0;
		char id[9], acct[9], when[13];
		memcpy(id, text, 8);
		id[8] = 0;
		memcpy(acct, text + 8, 8);
		acct[8] = 0;
		memcpy(when, text + 16, 12);
		when[12] = 0;
		if (!strcmp(type, "01"))
			user_printf(
			    u,
			    "ACCT 01 %s %s %s CONNECT=%u CPU=%u VCPU=%u PAGE-IN=%u PAGE-OUT=%u SIO=%u "
			    "PUN=%u PRT=%u RDR=%u",
			    id, acct, when, cp_get32(c + 28), cp_get32(c + 32), cp_get32(c + 36),
			    cp_get32(c + 40), cp_get32(c + 44), cp_get32(c + 48), cp_get32(c + 52),
			    cp_get32(c + 56), cp_get32(c + 60));
		else
			user_printf(u, "ACCT %s %s %s %s SECONDS=%u CLASS=%02X TYPE=%02X MODEL=%02X", type,
			            id, acct, when, cp_get32(c + 28), c[32], c[33], c[34]);
	}
	user_printf(u, "%u ACCOUNTING RECORD%s WAITING%s", count, count == 1 ? "" : "S",
	            dropped ? "; SOME LOST" : "");
}
