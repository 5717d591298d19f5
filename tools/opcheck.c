/* opcheck — does every instruction of a guest object exist on our machine?
 *
 *   s390x-linux-gnu-objdump -d OBJ | opcheck [--no-s37x] NAME
 *
 * Guest code (cp/, cms/) is C compiled by Debian's s390x cross-compiler for
 * ESA/390 (DESIGN.md rule 3).  That compiler may choose any instruction of
 * its target, and our CPU has only S/370 plus the S37X extension.  This check
 * makes the build fail at once, naming the instruction, instead of leaving a
 * user to meet an operation exception at run time.  It reads the disassembly
 * and looks every instruction's opcode up in the machine's own opcode table
 * (s370/optab.c): one table, so the check cannot drift from the CPU.
 *
 * Only the raw bytes objdump prints are used, not its mnemonics, which it does
 * not know for the S/370 I/O instructions (it prints ".long 0x9c00...").
 * With --no-s37x the S37X instructions are refused too (code that must run on
 * a real 370).  An assembler program that keeps its constants in its text
 * marks where they begin with the label data_in_text.  Exit status 0 all known, 1 an unknown opcode, 2 bad input.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"

/* The instruction bytes of one objdump line "  1e:\tb2 52 00 2c \tmsr ...";
 * returns how many (0 for any other line). */
static int line_bytes(const char *line, unsigned char *b, int max)
{
	const char *p = strchr(line, ':');
	if (!p || p[1] != '\t')
		return 0;
	for (const char *q = line; q < p; q++)
		if (!strchr(" 0123456789abcdef", *q))
			return 0; /* a label line "00000000 <f>:" has no tab after the colon */
	p += 2;
	int n = 0;
	while (n < max) {
		unsigned v;
		int used;
		if (sscanf(p, "%2x%n", &v, &used) != 1 || used != 2 || (p[2] != ' ' && p[2] != '\t'))
			break;
		b[n++] = (unsigned char)v;
		p += 3;
		if (p[-1] == '\t')
			break;
	}
	return n;
}

/* One instruction's bytes: 1 when the machine cannot run it (and says so). */
static int check(const char *name, const char *func, char *line, const unsigned char *b, int n, bool s37x)
{
	unsigned char six[6] = {0};
	memcpy(six, b, (size_t)(n < 6 ? n : 6));
	const struct opdef *d = cpu_opdef_at(six);
	int len = cpu_insn_length(b[0]);
	const char *why = NULL;
	if (!d->mnem || !d->mnem[0])
		why = "is not in the s370 opcode table";
	else if (!s37x && (d->flags & OPF_S37X))
		why = "is an S37X instruction (not on a real 370)";
	else if (len != n)
		why = "has a length objdump and the opcode table disagree on";
	if (!why)
		return 0;
	line[strcspn(line, "\n")] = 0;
	fprintf(stderr, "opcheck: %s: in %s: opcode %02X%02X %s:\n    %s\n", name, func, b[0], b[1], why, line);
	return 1;
}

int main(int argc, char **argv)
{
	bool s37x = true;
	int a = 1;
	if (a < argc && !strcmp(argv[a], "--no-s37x")) {
		s37x = false;
		a++;
	}
	if (a + 1 != argc) {
		fprintf(stderr, "usage: objdump -d OBJ | opcheck [--no-s37x] NAME\n");
		return 2;
	}
	const char *name = argv[a];
	char line[512], func[256] = "?";
	unsigned long lines = 0, insns = 0, bad = 0;
	unsigned char pend[16];
	int npend = 0;
	bool in_data = false; /* after a label data_in_text: constants, not instructions */
	while (fgets(line, sizeof line, stdin)) {
		lines++;
		char *lt = strchr(line, '<');
		if (line[0] != ' ' && lt && strstr(line, ">:")) { /* "00000000 <cp_main>:" */
			snprintf(func, sizeof func, "%.*s", (int)(strcspn(lt + 1, ">")), lt + 1);
			if (!strcmp(func, "data_in_text"))
				in_data = true; /* to the end of the section */
			continue;
		}
		if (!strncmp(line, "Disassembly of section", 22))
			in_data = false;
		if (in_data)
			continue;
		unsigned char lb[8];
		int n = line_bytes(line, lb, 8);
		if (n < 2)
			continue;
		bool zeros = true;
		for (int k = 0; k < n; k++)
			zeros = zeros && !lb[k];
		bool data = strstr(line, "\t.") != NULL; /* ".long 0x...": bytes objdump does not know */
		if (zeros && data && !npend)
			continue; /* padding between objects */
		if (!data && !npend) { /* an instruction objdump decoded: one line, one instruction */
			bad += check(name, func, line, lb, n, s37x);
			insns++;
			continue;
		}
		/* bytes objdump printed as data (S/370 opcodes it lacks, like ISK or
		 * SIO): split them by the opcode table's lengths, across lines */
		for (int k = 0; k < n && npend < (int)sizeof pend; k++)
			pend[npend++] = lb[k];
		while (npend >= 2 && npend >= cpu_insn_length(pend[0])) {
			int len = cpu_insn_length(pend[0]);
			bad += check(name, func, line, pend, len, s37x);
			insns++;
			memmove(pend, pend + len, (size_t)(npend - len));
			npend -= len;
		}
	}
	if (!lines) {
		fprintf(stderr, "opcheck: %s: no disassembly on standard input\n", name);
		return 2;
	}
	if (bad) {
		fprintf(stderr, "opcheck: %s: %lu of %lu instructions cannot run on s370\n", name, bad, insns);
		return 1;
	}
	return 0;
}
