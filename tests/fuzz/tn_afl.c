/* tn_afl.c — AFL++ harness for the TN3270 server's input path (telnet,
 * TN3270, TN3270E; see tn_fuzz.h for the input format).
 *
 * Built by the tn-afl target when afl-clang-fast is installed (see
 * docs/tn3270.md, "Fuzzing"); run for an hour with the tn-afl-hour target:
 *
 *     afl-fuzz -i tests/fuzz/tn_corpus -o OUT -V 3600 -- BUILD/bench/tn_afl
 *
 * Without AFL it is a replayer: each file named on the command line (or
 * stdin) is run once and its result printed, which is how a crash AFL found
 * is looked at under a debugger.
 */
#include <unistd.h>

#include "tn_fuzz.h"

#ifndef __AFL_FUZZ_TESTCASE_LEN
/* plain build: read the whole input */
static size_t slurp(FILE *f, uint8_t *buf, size_t max)
{
	size_t n = 0, r;
	while (n < max && (r = fread(buf + n, 1, max - n, f)) > 0)
		n += r;
	return n;
}
#else
__AFL_FUZZ_INIT();
#endif

static uint8_t input[1 << 20];

int main(int argc, char **argv)
{
	struct tn_fuzz f;
#ifdef __AFL_FUZZ_TESTCASE_LEN
	(void)argc, (void)argv;
	__AFL_INIT();
	unsigned char *buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(100000)) {
		size_t n = (size_t)__AFL_FUZZ_TESTCASE_LEN;
		tn_fuzz_run(&f, buf, n);
	}
	return 0;
#else
	if (argc < 2) {
		size_t n = slurp(stdin, input, sizeof input);
		printf("stdin: %d\n", (int)tn_fuzz_run(&f, input, n));
		return 0;
	}
	for (int a = 1; a < argc; a++) {
		FILE *fp = fopen(argv[a], "rb");
		if (!fp) {
			perror(argv[a]);
			return 2;
		}
		size_t n = slurp(fp, input, sizeof input);
		fclose(fp);
		int r = (int)tn_fuzz_run(&f, input, n);
		printf("%s: %s, %zu bytes sent, %u records, %u lines\n", argv[a],
		       r < 0 ? "closed"
		       : r   ? "ready"
		             : "open",
		       f.sent, f.records, f.lines);
	}
	return 0;
#endif
}
