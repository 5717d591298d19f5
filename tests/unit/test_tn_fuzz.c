/* test_tn_fuzz.c — malformed input to the TN3270 server's protocol layers
 * (tests/fuzz/tn_fuzz.h runs them as the listener does): random byte
 * strings built from telnet and TN3270 pieces and plain noise, every
 * truncation and many one-byte mutations of real sessions, with fixed
 * seeds.  Each input must end as an open, ready or closed session with the
 * invariants of tn_fuzz.h kept (no crash, a record only in 3270 mode and
 * within TN_RECORD_MAX, one ready at most, and the rest listed in
 * tn_fuzz.h), the same way every time; once the listener would close a
 * session it stays closed and the layers say nothing more.  A test breaks
 * each kind of invariant on purpose to show that it is caught.  The corpus of the
 * AFL++ harness (tests/fuzz/tn_corpus) is replayed with the outcome each
 * file is known for. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* The harness's invariants, checked here too; a test below breaks each
 * kind on purpose and counts that it is caught (expect_broken). */
static int expect_broken, broken;
static void fuzz_broken(const char *what, const char *file, int line)
{
	if (expect_broken) {
		broken++;
		return;
	}
	fail_msg("tn_fuzz: %s broken at %s:%d", what, file, line);
}
#define tn_fuzz_check(cond) ((cond) ? (void)0 : fuzz_broken(#cond, __FILE__, __LINE__))
#include "../fuzz/tn_fuzz.h"

static uint64_t rng;
static uint32_t next(void)
{
	rng ^= rng << 13; /* xorshift64 */
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

/* Pieces of real conversations: the generator strings them together with
 * noise in between, so that the deep states are reached. */
static const struct {
	const char *b;
	size_t n;
} pieces[] = {
#define P(lit)                                                                                               \
	{                                                                                                    \
		lit, sizeof lit - 1                                                                          \
	}
    P("\xff\xfb\x18"),
    P("\xff\xfc\x18"),
    P("\xff\xfa\x18\x00IBM-3278-2\xff\xf0"),
    P("\xff\xfa\x18\x00IBM-3279-4-E\xff\xf0"),
    P("\xff\xfa\x18\x00IBM-DYNAMIC\xff\xf0"),
    P("\xff\xfa\x18\x00VT100\xff\xf0"),
    P("\xff\xfb\x19\xff\xfd\x19\xff\xfb\x00\xff\xfd\x00"),
    P("\xff\xfb\x28"),
    P("\xff\xfc\x28"),
    P("\xff\xfa\x28\x02\x07IBM-3278-2-E\x01"
      "00C0\xff\xf0"),
    P("\xff\xfa\x28\x02\x07IBM-3278-2-E\xff\xf0"),
    P("\xff\xfa\x28\x02\x07IBM-3278-2-E\x01"
      "00C1\xff\xf0"),
    P("\xff\xfa\x28\x02\x07IBM-3287-1\x00PRT\xff\xf0"),
    P("\xff\xfa\x28\x03\x07\x00\x02\x04\xff\xf0"),
    P("\xff\xfa\x28\x03\x07\xff\xf0"),
    P("\xff\xfa\x28\x03\x04\x02\xff\xf0"),
    P("\xff\xfa\x28\x03\x04\xff\xf0"),
    P("\x00\x00\x00\x00\x01\x7d\x40\x40\xff\xef"),
    P("\x02\x00\x00\x00\x01\x00\xff\xef"),
    P("\x7d\x40\x40\x11\x40\xc1\xc1\xff\xff\xff\xef"),
    P("\xff\xef"),
    P("\xff\xff"),
    P("\xff\xf0"),
    P("\xff\xfa"),
    P("\xff\xfc\x00"),
    P("\xff\xfe\x19"),
    P("\xff\xfb\x06"),
    P("\xff\xf4"),
    P("hello\r\n"),
#undef P
};

/* Valid openings: TN3270E up to 3270 mode, TN3270 up to 3270 mode. */
static const char open_e[] = "\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2-E\xff\xf0\xff\xfb\x28"
                             "\xff\xfa\x28\x02\x07IBM-3278-2-E\x01"
                             "00C0\xff\xf0\xff\xfa\x28\x03\x07\x02\x04\xff\xf0"
                             "\xff\xfa\x28\x03\x04\xff\xf0";
static const char open_p[] = "\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2\xff\xf0\xff\xfc\x28"
                             "\xff\xfb\x19\xff\xfd\x19\xff\xfb\x00\xff\xfd\x00";

static size_t generate(uint8_t *buf, size_t max)
{
	size_t n = 0;
	buf[n++] = (uint8_t)next();
	size_t want = next() % max;
	uint32_t how = next() % 4;
	if (how) { /* most inputs start as a real session, cut anywhere */
		const char *o = how == 1 ? open_p : open_e;
		size_t l = how == 1 ? sizeof open_p - 1 : sizeof open_e - 1;
		buf[0] = (uint8_t)((buf[0] & ~1u) | (how != 1));
		if (next() % 4)
			l = next() % (l + 1);
		memcpy(buf + n, o, l);
		n += l;
	}
	while (n < want) {
		uint32_t r = next() % 8;
		if (r < 5) {
			size_t k = next() % (sizeof pieces / sizeof pieces[0]);
			size_t l = pieces[k].n;
			if (next() % 8 == 0)
				l = next() % (l + 1); /* cut short */
			if (n + l > max)
				break;
			memcpy(buf + n, pieces[k].b, l);
			n += l;
		} else {
			size_t l = 1 + next() % 16;
			bool iac = next() % 4 == 0; /* noise with IAC in it, or data */
			for (size_t j = 0; j < l && n < max; j++) {
				buf[n] = (uint8_t)next();
				if (buf[n] == 0xFF && !iac)
					buf[n] = 0x40;
				n++;
			}
		}
	}
	return n;
}

/* Run twice: the same result and the same bytes sent; a closed session
 * stays closed when more input follows. */
static enum tn_fuzz_result run_checked(const uint8_t *in, size_t n)
{
	struct tn_fuzz a, b;
	enum tn_fuzz_result r1 = tn_fuzz_run(&a, in, n);
	enum tn_fuzz_result r2 = tn_fuzz_run(&b, in, n);
	assert_int_equal(r1, r2);
	assert_int_equal(a.sent, b.sent);
	assert_int_equal(a.records, b.records);
	return r1;
}

static void random_inputs(void **state)
{
	(void)state;
	static uint8_t buf[2048];
	int seen[3] = {0};
	for (uint64_t seed = 1; seed <= 20000; seed++) {
		rng = seed * 0x9E3779B97F4A7C15ull;
		size_t n = generate(buf, sizeof buf);
		seen[run_checked(buf, n) + 1]++;
	}
	print_message("closed %d, open %d, ready %d\n", seen[0], seen[1], seen[2]);
	/* the generator reaches every outcome, and 3270 mode often */
	assert_true(seen[0] > 1000);
	assert_true(seen[1] > 300);
	assert_true(seen[2] > 300);
}

static void truncations_and_mutations(void **state)
{
	(void)state;
	/* a TN3270E session and a TN3270 one, each with records */
	static const char e[] = "\x05\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2-E\xff\xf0\xff\xfb\x28"
	                        "\xff\xfa\x28\x02\x07IBM-3278-2-E\x01"
	                        "00C0\xff\xf0\xff\xfa\x28\x03\x07\x02\x04\xff\xf0"
	                        "\xff\xfa\x28\x03\x04\xff\xf0\x00\x00\x00\x00\x00\x7d\x40\x40\xff\xef";
	static const char p[] = "\x0c\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2\xff\xf0\xff\xfb\x19\xff\xfd\x19"
	                        "\xff\xfb\x00\xff\xfd\x00\x7d\x40\x40\x11\x40\xc1\xc8\xff\xff\xff\xef";
	const struct {
		const char *b;
		size_t n;
	} whole[] = {{e, sizeof e - 1}, {p, sizeof p - 1}};
	uint8_t buf[256];
	for (size_t w = 0; w < 2; w++) {
		struct tn_fuzz f;
		assert_int_equal(tn_fuzz_run(&f, (const uint8_t *)whole[w].b, whole[w].n), TN_FUZZ_READY);
		assert_int_equal(f.records, 1);
		/* every prefix: never closed (nothing wrong yet), ready only at the end */
		for (size_t n = 0; n < whole[w].n; n++) {
			enum tn_fuzz_result r = run_checked((const uint8_t *)whole[w].b, n);
			assert_true(r != TN_FUZZ_CLOSED);
		}
		/* every byte replaced by a few values, every chunk size */
		for (size_t k = 1; k < whole[w].n; k++) {
			static const uint8_t vals[] = {0x00, 0x01, 0x02, 0x28, 0xef, 0xf0, 0xfa, 0xfe, 0xff};
			for (size_t v = 0; v < sizeof vals; v++) {
				memcpy(buf, whole[w].b, whole[w].n);
				buf[k] = vals[v];
				run_checked(buf, whole[w].n);
			}
		}
		/* however the bytes are cut into reads, the same session */
		for (unsigned c = whole[w].b[0] & 1; c < 256; c += 2) {
			memcpy(buf, whole[w].b, whole[w].n);
			buf[0] = (uint8_t)c;
			assert_int_equal(run_checked(buf, whole[w].n), TN_FUZZ_READY);
		}
	}
}

/* The invariants can fail: a ready TN3270E session's state broken one
 * field at a time, malformed server messages, output after close. */
static void invariants_catch_errors(void **state)
{
	(void)state;
	static const char e[] = "\x05\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2-E\xff\xf0\xff\xfb\x28"
	                        "\xff\xfa\x28\x02\x07IBM-3278-2-E\x01"
	                        "00C0\xff\xf0\xff\xfa\x28\x03\x07\x02\xff\xf0"
	                        "\x00\x00\x00\x00\x00\x7d\x40\x40\xff\xef";
	static struct tn_fuzz f, g;
	assert_int_equal(tn_fuzz_run(&f, (const uint8_t *)e, sizeof e - 1), TN_FUZZ_READY);
	assert_int_equal(f.records, 1);
	assert_int_equal(f.tn.e_funcs, 1 << TN_F_RESPONSES);
	expect_broken = 1;
	broken = 0;
	tn_fuzz_invariants(&f);
	assert_int_equal(broken, 0); /* the real state is consistent */
	for (int k = 0; k < 9; k++) {
		g = f;
		switch (k) {
		case 0:
			g.tn.len = TN_RECORD_MAX + 1;
			break;
		case 1:
			g.tn.e_funcs |= 1 << TN_F_BIND_IMAGE;
			break;
		case 2:
			g.tn.e_device = false;
			break;
		case 3:
			g.tn.records_in++;
			break;
		case 4:
			g.ready = 2;
			break;
		case 5:
			g.tp.len = TEL_LINE_MAX;
			break;
		case 6:
			g.lines++;
			break;
		case 7:
			g.tn.refused = true;
			break;
		case 8:
			g.tn.ready = false;
			break;
		}
		broken = 0;
		tn_fuzz_invariants(&g);
		if (!broken)
			fail_msg("broken state %d not caught", k);
	}
	static const struct {
		const char *b;
		size_t n;
	} bad_subs[] = {
	    {"\x02\x04IBM-3278-2@00C0\x01"
	     "00C0",
	     22},                           /* IS with an "@" type */
	    {"\x02\x04IBM-3278-2\x01", 13}, /* IS without a name */
	    {"\x02\x06\x05\x09", 4},        /* an undefined reason */
	    {"\x03\x04\x00", 3},            /* FUNCTIONS IS BIND-IMAGE */
	    {"\x03\x07\x02\x02", 4},        /* RESPONSES twice */
	    {"\x08\x03", 2},                /* SEND FUNCTIONS */
	};
	for (size_t k = 0; k < sizeof bad_subs / sizeof bad_subs[0]; k++) {
		broken = 0;
		tn_fuzz_check_e_sub((const uint8_t *)bad_subs[k].b, bad_subs[k].n);
		if (!broken)
			fail_msg("bad server message %zu not caught", k);
	}
	broken = 0;
	tn_fuzz_check_e_sub((const uint8_t *)"\x02\x06\x05\x05", 4); /* TYPE-NAME-ERROR is fine */
	assert_int_equal(broken, 0);
	g = f;
	g.peer = NULL;
	g.closed = true;
	broken = 0;
	tn_fuzz_send(&g, "x", 1); /* output after close */
	assert_int_equal(broken, 1);
	g.closed = false;
	g.tn.error = true;
	broken = 0;
	tn_fuzz_line(&g, "x", 1); /* input after malformed input */
	assert_true(broken > 0);
	expect_broken = 0;
}

/* The AFL++ corpus: each file's known outcome. */
static void corpus(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum tn_fuzz_result r;
		unsigned records;
	} known[] = {
	    {"tn3270.bin", TN_FUZZ_READY, 2},         {"tn3270e.bin", TN_FUZZ_READY, 1},
	    {"tn3270e_reject.bin", TN_FUZZ_READY, 1}, {"linemode.bin", TN_FUZZ_OPEN, 0},
	    {"probe.bin", TN_FUZZ_READY, 1},          {"tn3270e_typename.bin", TN_FUZZ_READY, 1},
	};
	char dir[512];
	snprintf(dir, sizeof dir, "%s", __FILE__);
	char *slash = strrchr(dir, '/');
	assert_non_null(slash);
	snprintf(slash, sizeof dir - (size_t)(slash - dir), "/../fuzz/tn_corpus");
	static uint8_t buf[1 << 16];
	int found = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *de; (de = readdir(d));) {
		if (de->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		FILE *fp = fopen(path, "rb");
		assert_non_null(fp);
		size_t n = fread(buf, 1, sizeof buf, fp);
		fclose(fp);
		struct tn_fuzz f;
		enum tn_fuzz_result r = tn_fuzz_run(&f, buf, n);
		for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
			if (strcmp(known[k].name, de->d_name))
				continue;
			if (r != known[k].r || f.records != known[k].records)
				fail_msg("%s: result %d with %u records, expected %d with %u", de->d_name, r,
				         f.records, known[k].r, known[k].records);
			found++;
		}
	}
	closedir(d);
	assert_int_equal(found, sizeof known / sizeof known[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(random_inputs),
	    cmocka_unit_test(truncations_and_mutations),
	    cmocka_unit_test(invariants_catch_errors),
	    cmocka_unit_test(corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
