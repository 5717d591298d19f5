/* module.c — programs: MODULE files, loaded and run, and SVC 202, by which
 * a program asks CMS for things (docs/cms-programs.md).
 *
 * A MODULE is a program in a file: its image and what must be done to it
 * where it lands.  VM/370 loaded a MODULE at the address it was generated
 * for; ours are relocatable, the way OS/360 load modules were: the image is
 * linked at 0, and a relocation dictionary lists the fullwords that hold
 * addresses (A-type constants), to which the load address is added.  So
 * CMS can put a program wherever its free storage has room, and HX or an
 * abend gives that storage back (the zone CMS_ZONE_PROG, heap.c).
 *
 * The file (RECFM F, LRECL 1024; tools/cmsfs makes one from the ELF the
 * cross-compiler links, cms/prog/):
 *
 *   +0   C'S37MOD01' (EBCDIC)    +16  entry point, from the image's start
 *   +8   image length            +20  relocation count
 *   +12  storage length          +24  checksum: the image's bytes summed
 *        (image, then zeros)     +28  zero
 *   +32  the image, then the relocation offsets (a fullword each), then
 *        zeros to the end of the last record
 *
 * A program is called (cms_run_prog, start.S) as a C function with the
 * s390 ABI -- R2 the tokenized PLIST, R3 the extended PLIST, R14 the
 * return, R15 CMS's stack -- and, as VM/370 called one, R1 the PLIST and
 * R0 the extended PLIST.  The tokenized PLIST: the command name and each
 * word of the line, upper-cased, cut or padded to 8 EBCDIC characters,
 * then eight X'FF' (the fence).  The extended PLIST: three addresses into
 * the line as typed (EBCDIC) -- its start, the start of the arguments,
 * their end -- and a zero word.  The return code comes back in R2.
 *
 * SVC 202 (cms_svc): R1 a PLIST whose first 8 bytes name what is wanted
 * (EBCDIC).  TYPLIN, WAITRD, RDBUF, WRBUF and FINIS are functions with
 * VM/370's parameter lists (below); any other name is a command, run as if
 * typed with the PLIST's tokens.  The return code comes back in R15.  As in
 * VM/370, when the SVC instruction is followed by a fullword whose first
 * byte is zero (DC AL4(error)), a non-zero return code goes there and zero
 * past it.
 */
#include "cmds.h"
#include "cmsfs.h"
#include "nucleus.h"

enum { MOD_LRECL = 1024, MOD_HDR = 32, FENCE_MAX = 32 };

static const char mod_magic[] = "S37MOD01";

static uint32_t get24(const uint8_t *p)
{
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

/* 8 EBCDIC bytes as an ASCII word, trailing blanks gone. */
static void token(char out[9], const uint8_t *p)
{
	cms_e2a(out, p, 8);
	out[8] = 0;
	for (int k = 7; k >= 0 && (out[k] == ' ' || out[k] == 0); k--)
		out[k] = 0;
}

bool cms_in_storage(uint32_t at, uint32_t len)
{
	uint32_t top = cms_storage_size();
	return at < top && len <= top - at;
}

bool cms_module_exists(const char *name)
{
	struct cms_fileid id;
	struct cms_fst st;
	return strlen(name) <= 8 && !fs_fileid(&id, name, "MODULE", "*") && !fs_state(&id, &st);
}

/* ---- loading ---- */

/* The file, read whole into storage of zone PROG; NULL (said) when it
 * cannot be. */
static uint8_t *read_module(const struct cms_fileid *id, uint32_t *len)
{
	struct cms_fst st;
	if (fs_state(id, &st))
		return NULL;
	if (st.recfm != 'F' || st.lrecl != MOD_LRECL || !st.records) {
		cms_msg("DMSMOD104S", "%s %s %s is not a module: RECFM F, LRECL %d expected", id->fn, id->ft,
		        st.id.fm, MOD_LRECL);
		return NULL;
	}
	uint8_t *buf = cms_alloc_in(st.records * MOD_LRECL, CMS_ZONE_PROG);
	if (!buf) {
		cms_msg("DMSMOD109S", "Virtual storage capacity exceeded");
		return NULL;
	}
	struct cms_file *f;
	int rc = fs_open_read(&st.id, &f);
	uint32_t n = 0, got;
	while (!rc && n < st.records && !(rc = fs_read(f, buf + n * MOD_LRECL, MOD_LRECL, &got)))
		n++;
	if (!rc || rc == RC_EOF)
		fs_close(f);
	if ((rc && rc != RC_EOF) || n != st.records) {
		cms_msg("DMSMOD105S", "Error reading %s %s %s", id->fn, id->ft, st.id.fm);
		cms_free(buf);
		return NULL;
	}
	*len = n * MOD_LRECL;
	return buf;
}

/* The program's storage: its image, relocated to where it is, and zeros
 * after it.  NULL (said) when the file is not a sound module. */
static uint32_t load_len; /* the storage of the program load() loaded last */

static uint8_t *load(const struct cms_fileid *id, uint32_t *entry)
{
	uint32_t flen;
	uint8_t *f = read_module(id, &flen);
	if (!f)
		return NULL;
	uint8_t magic[8];
	cms_a2e(magic, mod_magic, 8);
	uint32_t ilen = cms_get32(f + 8), slen = cms_get32(f + 12), ent = cms_get32(f + 16), nrel = cms_get32(f + 20);
	const char *why = NULL;
	if (memcmp(f, magic, 8))
		why = "no module header";
	else if (ilen > flen - MOD_HDR || nrel > (flen - MOD_HDR - ilen) / 4)
		why = "shorter than its header says";
	else if (slen < ilen || ent >= ilen || (ent & 1))
		why = "lengths or entry point out of range";
	uint32_t sum = 0;
	for (uint32_t k = 0; !why && k < ilen; k++)
		sum += f[MOD_HDR + k];
	if (!why && sum != cms_get32(f + 24))
		why = "checksum wrong";
	const uint8_t *rel = f + MOD_HDR + ilen;
	for (uint32_t k = 0; !why && k < nrel; k++) {
		uint32_t off = cms_get32(rel + 4 * k);
		if (off > ilen - 4 || (off & 1))
			why = "a relocation outside the image";
	}
	if (why) {
		cms_msg("DMSMOD104S", "%s %s is not a sound module: %s", id->fn, id->ft, why);
		cms_free(f);
		return NULL;
	}
	uint8_t *p = cms_alloc_in(slen ? slen : 2, CMS_ZONE_PROG); /* (zeroed: the storage after the image) */
	if (!p) {
		cms_msg("DMSMOD109S", "Virtual storage capacity exceeded");
		cms_free(f);
		return NULL;
	}
	memcpy(p, f + MOD_HDR, ilen);
	uint32_t base = (uint32_t)(uintptr_t)p;
	for (uint32_t k = 0; k < nrel; k++) {
		uint8_t *w = p + cms_get32(rel + 4 * k);
		cms_put32(w, cms_get32(w) + base);
	}
	cms_free(f);
	*entry = base + ent;
	load_len = slen;
	return p;
}

/* ---- running ---- */

static int depth;              /* programs under way (one may call another by SVC 202) */
static uint32_t run_lo, run_hi; /* the storage of the innermost one */
static bool redirected;         /* its resumption goes to cms_poll_trampoline */

extern uint8_t cms_prog_psw[8];  /* start.S */
void cms_poll_trampoline(void); /* start.S */
void cms_prog_poll(void);

/* The user typed while a program runs.  CMS reads such a line at its own
 * safe points (cms_poll) -- but a program computing in its own code
 * reaches none, and HX must still end it.  So when the interruption came
 * in the program's code, its resumption is made to go through cms_poll
 * first (start.S, cms_poll_trampoline): the I/O old PSW's address is
 * changed, the program's PSW kept. */
void cms_module_attn(void)
{
	volatile uint8_t *old = (volatile uint8_t *)56;
	uint32_t at = (uint32_t)old[5] << 16 | (uint32_t)old[6] << 8 | old[7];
	uint32_t sp = *(volatile uint32_t *)(0x200 + 60); /* its R15 (start.S's SAVE_IO) */
	if (!depth || redirected || at < run_lo || at >= run_hi || sp < 0x2000 || sp > 0x10000)
		return;
	for (int k = 0; k < 8; k++)
		cms_prog_psw[k] = old[k];
	cms_prog_psw[1] &= (uint8_t)~0x02; /* (not a wait) */
	uint32_t t = (uint32_t)(uintptr_t)cms_poll_trampoline;
	old[0] = 0; /* disabled until the trampoline has kept what it needs */
	old[5] = (uint8_t)(t >> 16);
	old[6] = (uint8_t)(t >> 8);
	old[7] = (uint8_t)t;
	redirected = true;
}

void cms_prog_poll(void)
{
	redirected = false;
	cms_poll();
}

int cms_module(const char *name, const char *typed)
{
	struct cms_fileid id;
	if (fs_fileid(&id, name, "MODULE", "*"))
		return RC_NOTFOUND;
	uint32_t entry;
	uint8_t *prog = load(&id, &entry);
	if (!prog)
		return RC_ERR;
	/* the tokenized PLIST: the line's words, upper-cased, 8 characters each */
	char words[256];
	cms_format(words, sizeof words, "%s", typed);
	cms_upper(words);
	char *w[FENCE_MAX];
	int n = cms_words(words, w, FENCE_MAX - 1);
	uint8_t *plist = cms_alloc_in(8 * (n + 1) + 8, CMS_ZONE_PROG);
	uint32_t tlen = (uint32_t)strlen(typed);
	uint8_t *line = cms_alloc_in(tlen + 4 + 16, CMS_ZONE_PROG); /* the line, to a fullword, then the EPLIST */
	if (!plist || !line) {
		cms_free(prog);
		cms_free(plist);
		cms_free(line);
		cms_msg("DMSMOD109S", "Virtual storage capacity exceeded");
		return RC_NOSTORE;
	}
	for (int k = 0; k < n; k++) {
		char t[8];
		size_t l = strlen(w[k]);
		memset(t, ' ', 8);
		memcpy(t, w[k], l < 8 ? l : 8);
		cms_a2e(plist + 8 * k, t, 8);
	}
	memset(plist + 8 * n, 0xFF, 8);
	/* the extended PLIST: the line as typed, its arguments after the name */
	uint8_t *ep = line + ((tlen + 1 + 3) & ~3u);
	cms_a2e(line, typed, tlen);
	uint32_t s = 0;
	while (s < tlen && typed[s] == ' ')
		s++;
	uint32_t a = s;
	while (a < tlen && typed[a] != ' ')
		a++;
	uint32_t at = (uint32_t)(uintptr_t)line;
	cms_put32(ep, at + s);
	cms_put32(ep + 4, at + a);
	cms_put32(ep + 8, at + tlen);
	cms_put32(ep + 12, 0);
	uint32_t lo = run_lo, hi = run_hi;
	run_lo = (uint32_t)(uintptr_t)prog;
	run_hi = run_lo + load_len;
	depth++;
	int rc = cms_run_prog(entry, plist, ep);
	depth--;
	run_lo = lo;
	run_hi = hi;
	if (!depth)
		cms_fscb_close_all(); /* what it left open, kept (as VM/370 closes at the end of a command) */
	cms_free(line);
	cms_free(plist);
	cms_free(prog);
	return rc;
}

void cms_module_reset(void)
{
	depth = 0;
	redirected = false;
	run_lo = run_hi = 0;
	cms_fscb_forget();
}

/* ---- SVC 202 ---- */

/* TYPLIN: CL8'TYPLIN', AL1(0), AL3(text), C'B', AL3(length): a line on the
 * console (EBCDIC; a length over 130 is cut). */
static int typlin(const uint8_t *p)
{
	uint32_t at = get24(p + 9), len = get24(p + 13);
	if (len > 130)
		len = 130;
	if (!cms_in_storage(at, len))
		return RC_BADOPT;
	char text[131];
	cms_e2a(text, (const uint8_t *)(uintptr_t)at, len);
	text[len] = 0;
	cms_puts(text);
	return 0;
}

/* WAITRD: CL8'WAITRD', AL1(1), AL3(buffer), C'U' (upper-cased) or C'V' (as
 * typed), AL3(buffer length; 0: 130): the next line (the program stack's,
 * or the user's), EBCDIC; its length in R0. */
static int waitrd(const uint8_t *p, uint32_t *r0)
{
	uint32_t at = get24(p + 9), size = get24(p + 13);
	if (!size || size > 130)
		size = 130;
	if (!cms_in_storage(at, size))
		return RC_BADOPT;
	char text[131];
	int n = cms_read_line(text, (int)size + 1);
	if (p[12] == 0xE4) /* C'U' */
		cms_upper(text);
	cms_a2e((uint8_t *)(uintptr_t)at, text, (size_t)n);
	*r0 = (uint32_t)n;
	return 0;
}

/* A command: the PLIST's tokens up to the fence, as a line. */
static int command(const uint8_t *p)
{
	char line[FENCE_MAX * 9 + 1];
	size_t n = 0;
	static const uint8_t fence[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	for (int k = 0; k < FENCE_MAX; k++, p += 8) {
		if (!cms_in_storage((uint32_t)(uintptr_t)p, 8) || !memcmp(p, fence, 8))
			break;
		char t[9];
		token(t, p);
		n += (size_t)cms_format(line + n, sizeof line - n, "%s%s", n ? " " : "", t);
	}
	line[n] = 0;
	return cms_command(line);
}

void cms_svc(struct cms_svc_frame *f)
{
	uint32_t pl = f->gpr[1] & 0xFFFFFF;
	int rc;
	char name[9] = "";
	if (!cms_in_storage(pl, 16)) {
		rc = RC_BADOPT;
	} else {
		const uint8_t *p = (const uint8_t *)(uintptr_t)pl;
		token(name, p);
		if (!strcmp(name, "TYPLIN"))
			rc = typlin(p);
		else if (!strcmp(name, "WAITRD"))
			rc = waitrd(p, &f->gpr[0]);
		else if (!strcmp(name, "RDBUF") || !strcmp(name, "WRBUF") || !strcmp(name, "FINIS"))
			rc = cms_in_storage(pl, CMS_FSCB_LEN) ? cms_fscb(name, (uint8_t *)(uintptr_t)pl) : RC_BADOPT;
		else
			rc = command(p);
	}
	f->gpr[15] = (uint32_t)rc;
	/* SVC 202 followed by DC AL4(error): rc 0 past it, else there */
	uint32_t next = (uint32_t)f->psw[5] << 16 | (uint32_t)f->psw[6] << 8 | f->psw[7];
	if (cms_in_storage(next, 4) && *(const uint8_t *)(uintptr_t)next == 0) {
		uint32_t to = rc ? get24((const uint8_t *)(uintptr_t)next + 1) : next + 4;
		f->psw[5] = (uint8_t)(to >> 16);
		f->psw[6] = (uint8_t)(to >> 8);
		f->psw[7] = (uint8_t)to;
	}
}
