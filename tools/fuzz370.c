/* fuzz370.c — differential fuzzing of the s370 CPU against Hercules 3.13.
 *
 *   fuzz370 gen  SEED N FILE      write a batch of N random streams (seeds SEED..SEED+N-1)
 *   fuzz370 diff SEED N OURS HERC compare two result dumps of that batch (savecore of the
 *                                 results area); print each differing stream; a difference
 *                                 that docs/divergences.md explains is counted as "known"
 *                                 with its label (fz_known); exit 1 if any other remains
 *   fuzz370 show SEED             print the stream of seed SEED: environment and disassembly
 *   fuzz370 layout N              print "START END" (hex) of the results area of a batch of N
 *
 * Parts: fuzz_driver.c (the driver program), fuzz_gen.c (the streams), fuzz_known.c (the
 * divergences docs/divergences.md explains), fuzz370.h (layout and shared types); this file
 * has the commands.
 *
 * Options before the command: --s37x (streams may use the S/370 instruction extension;
 * Hercules 3.13 from Debian has no S37X module, so run-fuzz.sh leaves it off: S37X
 * opcodes are still drawn, rarely, for their operation exception); --all (also generate
 * the cases excluded below because they diverge for a documented reason).  Streams
 * depend on the seed and on these options.
 *
 * A batch is one bare S/370 program, the same bytes on both machines.  A driver in low
 * storage runs the streams one after the other.  For each stream it resets the storage
 * keys (of the first 64K; of all storage after a stream that ran SSK), sets those of the
 * stream's blocks, copies its code, data and translation tables to fixed real addresses,
 * loads its control registers, floating-point and general registers and starts it with
 * LPSW.  A stream ends with SVC 255 (or earlier with any SVC or a program interruption);
 * both new PSWs lead back to the driver, which stores the old PSW, the interruption
 * information at X'88'-X'9F', GR0-15, FPR0-6, CR0-15, the keys of the two data blocks and
 * the 4K data area into the stream's results slot.  At the end the driver writes "DONE"
 * and loads a disabled wait PSW.  Both machines run it; the results areas are saved with
 * savecore and compared slot by slot.
 *
 * Real storage (MAINSIZE 8 on both machines: addresses 8M-16M raise addressing):
 *
 *   000-1FF  assigned locations; new PSWs: SVC and program -> driver, others -> wait
 *   200-2CF  snapshot being built          300-3DF  the current stream's header
 *   3E0-3EB  driver variables              400-7FF  driver code, literals, final wait PSW
 *   800-FFF  code (DAT off, or 2K pages)   1000-1FFF 4K frame whose upper half holds the
 *                                                    code when pages are 4K
 *   2000-2FFF data area                    3000-3FFF segment and page tables
 *   10000-   stream records (REC_SIZE each), then the results area (SLOT_SIZE each)
 *
 * The code always runs at (virtual) address X'800', so branch targets inside a stream are
 * written as absolute displacements D(0,0).  With DAT on, the data area is at a random
 * virtual address and only the code and data pages are mapped (some data pages invalid,
 * sometimes a short segment table); the format is one of the four of CR0.  Registers hold
 * a few pointers into the data area and random values; the data area holds 16-byte cells
 * of packed decimal (mostly valid), zoned digits, HFP values, edit patterns, integers,
 * text and random bytes, and operands are aimed at cells of the kind they need.  A
 * stream has 1-23 instructions drawn uniformly from every row of s370/optab.c but the
 * excluded ones.
 *
 * Exclusions, by construction (each would make the two machines differ legitimately):
 *  - the interval timer (location X'50') is updated by both machines at host-time moments:
 *    block 0 is fetch-protected (key 0, F) and never mapped, so no stream can read it, and
 *    the results area does not include it;
 *  - TOD clock, CPU timer and model values: SCK, STCK, SPT, STPT, STIDP, STIDC are never
 *    generated; external subclass masks in CR0 stay 0 and LCTL never loads CR0 or CR1, so
 *    no timer or clock-comparator interruption can happen at a time-dependent moment;
 *  - I/O (SIO, TIO, HIO, TCH), DIAGNOSE, SIGP, SPX and LPSW are never generated: their
 *    results depend on the configuration or would leave the test environment; LCTL is
 *    never the target of EXECUTE (whose R1 could widen its range to CR0 and CR1);
 *  - branches are forward only and their register targets are set by an LA right before,
 *    so a stream cannot loop; EX targets are never branches;
 *  - a stream with DAT off never runs with PSW key 0 (the driver and records, key 0 with
 *    fetch protection, are then out of its reach); with key 0 and DAT on, SSM is not
 *    generated and STNSM keeps the DAT bit, so translation stays on;
 *  - reference bits: "the record of references provided by the reference bit is not
 *    necessarily accurate" (GA22-7000 "Reference Recording"; Hercules sets it for a
 *    whole 4K frame): the driver stores ISK of the data blocks with R masked off, RRB
 *    and (EC-mode) ISK are not generated (M1 in docs/divergences.md);
 *  - STCKC is not generated: clock-comparator bits beyond the clock's resolution (M5);
 *  - MVCIN operands never overlap, nor do the pattern and source of ED/EDMK: the result is
 *    unpredictable then (M9, M12);
 *  - translation-exception address: its byte-index bits are unpredictable (GA22-7000
 *    "Assigned Storage Locations", 144-147); diff compares it without them;
 *  - without --all: code blocks are never fetch-protected and the code page's entry is
 *    always valid, a DAT-off stream's CR0 always holds a valid format (access exceptions
 *    in instruction fetch: D1); page tables are never short (H2); bits 13-14 of a 4K-page
 *    entry are never set (H6); IPM is not drawn (H3).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz370.h"

/* ---- Commands ----------------------------------------------------------------------- */

static int cmd_gen(uint64_t seed, int n, const char *file)
{
	uint32_t size = results_start(n);
	uint8_t *mem = calloc(1, size);
	if (!mem)
		return 2;
	fz_build_driver(mem, n);
	static struct stream s;
	bool ssk = true; /* reset all keys before the first stream and after any SSK */
	for (int k = 0; k < n; k++) {
		fz_generate(&s, seed + (uint64_t)k);
		uint8_t *r = mem + RECORDS + (uint32_t)k * REC_SIZE;
		fz_write_record(&s, r);
		r[0xD4] = ssk;
		ssk = false;
		for (int j = 0; j < s.n; j++)
			ssk |= s.in[j].b[0] == 0x08;
		for (int j = 0; j < MAX_EXT; j++)
			ssk |= s.ext[j].b[0] == 0x08;
	}
	FILE *f = fopen(file, "wb");
	if (!f || fwrite(mem, 1, size, f) != size || fclose(f)) {
		perror(file);
		return 2;
	}
	free(mem);
	return 0;
}

static uint8_t *load(const char *file, size_t want)
{
	FILE *f = fopen(file, "rb");
	uint8_t *p = calloc(1, want);
	if (!f || !p) {
		perror(file);
		exit(2);
	}
	size_t got = fread(p, 1, want, f);
	fclose(f);
	if (got != want) {
		fprintf(stderr, "fuzz370: %s: %zu bytes, expected %zu\n", file, got, want);
		exit(2);
	}
	return p;
}

static void diff_words(FILE *f, const char *what, const uint8_t *a, const uint8_t *b, int n, int step)
{
	for (int k = 0; k < n; k++) {
		if (!memcmp(a + k * step, b + k * step, (size_t)step))
			continue;
		fprintf(f, "    %s%d: ours ", what, step == 8 ? 2 * k : k);
		for (int j = 0; j < step; j++)
			fprintf(f, "%02X", a[k * step + j]);
		fprintf(f, " hercules ");
		for (int j = 0; j < step; j++)
			fprintf(f, "%02X", b[k * step + j]);
		fprintf(f, "\n");
	}
}

static void hex(FILE *f, const uint8_t *p, int n)
{
	for (int k = 0; k < n; k++)
		fprintf(f, "%02X%s", p[k], k % 4 == 3 && k + 1 < n ? " " : "");
}

/* The translation-exception address at X'90' identifies the segment and page; the bits of the
 * byte index are unpredictable (GA22-7000 "Translation-Exception Address"): compare
 * without them.  The page size is that of CR0 as the stream ended. */
static void mask_tea(const struct stream *s, uint8_t *slot)
{
	(void)s;
	bool k4 = ((r32(slot + 0x70) >> 22) & 3) == 2;
	uint8_t *tea = slot + 0xB0 + 8;
	tea[2] &= k4 ? 0xF0 : 0xF8;
	tea[3] = 0;
}

static int cmd_diff(uint64_t seed, int n, const char *fours, const char *fherc)
{
	size_t size = results_end(n) - results_start(n);
	uint8_t *a = load(fours, size), *b = load(fherc, size);
	int failed = 0, passed = 0, nknown = 0;
	static struct stream s;
	for (int k = 0; k < n; k++) {
		uint8_t *x = a + RES_HDR + (size_t)k * SLOT_SIZE, *y = b + RES_HDR + (size_t)k * SLOT_SIZE;
		fz_generate(&s, seed + (uint64_t)k);
		mask_tea(&s, x);
		mask_tea(&s, y);
		bool ran_x = x[0x4B] != 0, ran_y = y[0x4B] != 0;
		if (!ran_x && !ran_y)
			break; /* neither machine got this far */
		if (!memcmp(x, y, SLOT_SIZE)) {
			passed++;
			continue;
		}
		char why_buf[256];
		const char *why = fz_known(&s, x, y, why_buf, sizeof why_buf);
		if (why) {
			nknown++;
			printf("KNOWN stream %llu: %s\n", (unsigned long long)s.seed, why);
			continue;
		}
		failed++;
		printf("FAIL stream %llu (batch %llu, #%d)\n", (unsigned long long)s.seed,
		       (unsigned long long)seed, k);
		fz_show(&s, stdout);
		printf("  ours:     %s ", x[0x4B] == 1 ? "SVC" : x[0x4B] == 2 ? "PGM" : "---");
		hex(stdout, x + 0x40, 8);
		printf("  info ");
		hex(stdout, x + 0xB0, 24);
		printf("\n  hercules: %s ", y[0x4B] == 1 ? "SVC" : y[0x4B] == 2 ? "PGM" : "---");
		hex(stdout, y + 0x40, 8);
		printf("  info ");
		hex(stdout, y + 0xB0, 24);
		printf("\n");
		diff_words(stdout, "GR", x, y, 16, 4);
		diff_words(stdout, "FPR", x + 0x50, y + 0x50, 4, 8);
		diff_words(stdout, "CR", x + 0x70, y + 0x70, 16, 4);
		if (memcmp(x + 0xC8, y + 0xC8, 2))
			printf("    data keys: ours %02X %02X hercules %02X %02X\n", x[0xC8], x[0xC9],
			       y[0xC8], y[0xC9]);
		int shown = 0;
		for (int j = 0; j < DATA_LEN && shown < 4; j++) {
			if (x[0x100 + j] == y[0x100 + j])
				continue;
			int j0 = j & ~15;
			printf("    data +%03X: ours ", j0);
			hex(stdout, x + 0x100 + j0, 16);
			printf("\n               herc ");
			hex(stdout, y + 0x100 + j0, 16);
			printf("\n");
			j = j0 + 15;
			shown++;
		}
	}
	bool done_a = r32(a) == 0xC4D6D5C5, done_b = r32(b) == 0xC4D6D5C5;
	if (!done_a || !done_b) {
		printf("FAIL batch %llu did not complete (ours %s, hercules %s)\n", (unsigned long long)seed,
		       done_a ? "done" : "unfinished", done_b ? "done" : "unfinished");
		failed++;
	}
	printf("batch %llu: %d passed, %d known, %d failed\n", (unsigned long long)seed, passed, nknown,
	       failed);
	free(a);
	free(b);
	return failed ? 1 : 0;
}

static void usage(void)
{
	fprintf(stderr,
	        "usage: fuzz370 [--s37x] gen SEED N FILE | diff SEED N OURS HERC | show SEED | layout N\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int a = 1;
	for (; a < argc && !strncmp(argv[a], "--", 2); a++) {
		if (!strcmp(argv[a], "--s37x"))
			opt_s37x = true;
		else if (!strcmp(argv[a], "--all"))
			opt_all = true;
		else
			usage();
	}
	if (a >= argc)
		usage();
	fz_init();
	const char *cmd = argv[a++];
	int left = argc - a;
	if (!strcmp(cmd, "gen") && left == 3) {
		int n = atoi(argv[a + 1]);
		if (n < 1 || results_end(n) > MAIN_SIZE) {
			fprintf(stderr, "fuzz370: N must be 1-%d\n",
			        (MAIN_SIZE - RECORDS) / (REC_SIZE + SLOT_SIZE) - 1);
			return 2;
		}
		return cmd_gen(strtoull(argv[a], NULL, 0), n, argv[a + 2]);
	}
	if (!strcmp(cmd, "diff") && left == 4)
		return cmd_diff(strtoull(argv[a], NULL, 0), atoi(argv[a + 1]), argv[a + 2], argv[a + 3]);
	if (!strcmp(cmd, "show") && left == 1) {
		static struct stream s;
		fz_generate(&s, strtoull(argv[a], NULL, 0));
		fz_show(&s, stdout);
		return 0;
	}
	if (!strcmp(cmd, "layout") && left == 1) {
		int n = atoi(argv[a]);
		printf("%X %X\n", results_start(n), results_end(n) - 1);
		return 0;
	}
	usage();
	return 2;
}
