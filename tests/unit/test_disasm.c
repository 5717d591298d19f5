/* test_disasm.c — the disassembler: instruction bytes to assembler text, every format. */
#include <stdio.h>
#include <string.h>

#include "testcpu.h"

static const struct {
	const char *hex;
	const char *text;
} cases[] = {
    /* RR */
    {"1812", "LR    1,2"},
    {"07FE", "BCR   15,14"},
    {"0A0C", "SVC   12"},
    {"0AFF", "SVC   255"},
    {"0410", "SPM   1"},
    {"05EF", "BALR  14,15"},
    /* RX: D2(X2,B2), decimal; base and index 0 left out */
    {"5810C004", "L     1,4(0,12)"},
    {"5A123004", "A     1,4(2,3)"},
    {"41100010", "LA    1,16"},
    {"47F0AFFF", "BC    15,4095(0,10)"},
    {"43E50000", "IC    14,0(5,0)"},
    /* RS */
    {"90ECD00C", "STM   14,12,12(13)"},
    {"89100004", "SLL   1,4"},
    {"8810F001", "SRL   1,1(15)"},
    {"BF1F2000", "ICM   1,15,0(2)"},
    {"B7000028", "LCTL  0,0,40"},
    /* RSI: relative, halfwords times two */
    {"8413FFFC", "BRXH  1,3,*-8"},
    /* SI: D1(B1),X'I2' */
    {"92401000", "MVI   0(1),X'40'"},
    {"95FF0000", "CLI   0,X'FF'"},
    {"AC04F010", "STNSM 16(15),X'04'"},
    /* S */
    {"82001000", "LPSW  0(1)"},
    {"B2050010", "STCK  16"},
    {"B202F000", "STIDP 0(15)"},
    {"93002000", "TS    0(2)"},
    /* SS: lengths shown as operand lengths (coded + 1) */
    {"D207A010A000", "MVC   16(8,10),0(10)"},
    {"D5FF10002000", "CLC   0(256,1),0(2)"},
    {"DC0010000000", "TR    0(1,1),0"},
    {"F27310002008", "PACK  0(8,1),8(4,2)"},
    {"FA10C000C002", "AP    0(2,12),2(1,12)"},
    {"F03210000004", "SRP   0(4,1),4,2"},
    {"E50110002000", "TPROT 0(1),0(2)"},
    /* RI */
    {"A7840006", "BRC   8,*+12"},
    {"A7F40000", "BRC   15,*"},
    {"A7E5FFFE", "BRAS  14,*-4"},
    {"A7160010", "BRCT  1,*+32"},
    {"A718FFFB", "LHI   1,-5"},
    {"A72A7FFF", "AHI   2,32767"},
    {"A7108000", "TMH   1,X'8000'"},
    /* RIL */
    {"C01000000800", "LARL  1,*+4096"},
    {"C0F4FFFFFFFF", "BRCL  15,*-2"},
    {"C0E580000000", "BRASL 14,*-4294967296"},
    /* RRE */
    {"B9980012", "ALCR  1,2"},
    {"B2520034", "MSR   3,4"},
    {"B2220010", "IPM   1"},
    /* I/O: bit 15 selects the second instruction of the pair */
    {"9C000280", "SIO   640"},
    {"9C010280", "SIOF  640"},
    {"9E010280", "HDV   640"},
    {"9D000191", "TIO   401"},
    /* unassigned: shown as data */
    {"0000", "DC    X'0000'"},
    {"B2FF0000", "DC    X'B2FF0000'"},
    {"FF0000000000", "DC    X'FF0000000000'"},
};

static void hex_to_bytes(const char *hex, uint8_t *b)
{
	memset(b, 0, 6);
	for (int k = 0; hex[2 * k]; k++) {
		unsigned v;
		sscanf(hex + 2 * k, "%2x", &v);
		b[k] = (uint8_t)v;
	}
}

static void every_format(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		uint8_t b[6];
		char out[80];
		hex_to_bytes(cases[k].hex, b);
		int n = cpu_disasm(b, 0x1000, out, sizeof out);
		if (strcmp(out, cases[k].text))
			fail_msg("%s: got \"%s\", expected \"%s\"", cases[k].hex, out, cases[k].text);
		assert_int_equal(n, (int)strlen(cases[k].text));
	}
}

/* A short buffer is never overrun and stays terminated. */
static void short_buffer(void **state)
{
	(void)state;
	uint8_t b[6];
	hex_to_bytes("D207A010A000", b);
	char out[8];
	memset(out, 'x', sizeof out);
	int n = cpu_disasm(b, 0, out, 6);
	assert_int_equal(n, (int)strlen("MVC   16(8,10),0(10)"));
	assert_string_equal(out, "MVC  ");
	assert_int_equal(out[6], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_format),
	    cmocka_unit_test(short_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
