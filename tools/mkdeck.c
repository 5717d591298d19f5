/* mkdeck.c — turn a bare S/370 program into a self-loading card deck.
 *
 * usage: mkdeck [-o ORIGIN] PROGRAM.bin [TEXT] > DECK
 *
 * PROGRAM.bin is a core image linked at ORIGIN (hex, default 2000), which is
 * also its entry point.  The deck is binary: 80-byte EBCDIC cards, as a card
 * reader with the `ebcdic` option reads them.  TEXT, if given, is a host text
 * file whose lines become data cards after the program (code page 037,
 * padded with blanks, longer lines cut at 80), for the program to read.
 *
 * How the deck loads itself (GA22-7000 "Initial Program Loading": IPL reads
 * 24 bytes to location 0 as by a Read with command chaining, then goes on
 * with the CCW at 8, and loads the PSW at 0 when the chain ends):
 *
 *   card 1       0-7   IPL PSW: BC mode, every mask off, key 0, IA = ORIGIN
 *                8-15  CCW  Read X'02' into LOADER, CC, count 80
 *               16-23  CCW  TIC to LOADER
 *   loader card  ten CCWs: nine Reads of the next program cards, each into
 *                its place ORIGIN + 80*n with CC; the tenth reads the next
 *                loader card into the 80 bytes right after this one, with
 *                CC, so the chain runs straight on into the CCWs it just read
 *   program cards nine after each loader card; the last program Read has no
 *                CC: the chain, and the IPL, ends there
 *   text cards   not read by the IPL
 *
 * LOADER is X'400'; the loader cards must end below ORIGIN.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CARD = 80, LOADER = 0x400, PER_LOADER = 9 };

/* Code page 037 for the printable ASCII characters X'20'-X'7E'. */
static const uint8_t cp037[95] = {
    0x40, 0x5A, 0x7F, 0x7B, 0x5B, 0x6C, 0x50, 0x7D, 0x4D, 0x5D, 0x5C, 0x4E, 0x6B, 0x60, 0x4B, 0x61, /* sp-/ */
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x5E, 0x4C, 0x7E, 0x6E, 0x6F, /* 0-? */
    0x7C, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, /* @-O */
    0xD7, 0xD8, 0xD9, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xBA, 0xE0, 0xBB, 0xB0, 0x6D, /* P-_ */
    0x79, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, /* `-o */
    0x97, 0x98, 0x99, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xC0, 0x4F, 0xD0, 0xA1,       /* p-~ */
};

static void put_ccw(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
	p[0] = cmd;
	p[1] = (uint8_t)(addr >> 16);
	p[2] = (uint8_t)(addr >> 8);
	p[3] = (uint8_t)addr;
	p[4] = flags;
	p[5] = 0;
	p[6] = (uint8_t)(count >> 8);
	p[7] = (uint8_t)count;
}

static void put_card(const uint8_t *card)
{
	if (fwrite(card, 1, CARD, stdout) != CARD) {
		perror("mkdeck: write");
		exit(1);
	}
}

static uint8_t *read_file(const char *name, size_t *len)
{
	FILE *f = fopen(name, "rb");
	if (!f) {
		perror(name);
		exit(1);
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf) {
		fprintf(stderr, "mkdeck: out of memory\n");
		exit(1);
	}
	*len = n;
	return buf;
}

static void text_cards(const char *name)
{
	FILE *f = fopen(name, "r");
	if (!f) {
		perror(name);
		exit(1);
	}
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		uint8_t card[CARD];
		memset(card, 0x40, CARD);
		for (int k = 0; k < CARD && line[k] && line[k] != '\n' && line[k] != '\r'; k++) {
			unsigned char ch = (unsigned char)line[k];
			card[k] = ch >= 0x20 && ch < 0x7F ? cp037[ch - 0x20] : 0x6F; /* '?' */
		}
		put_card(card);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	uint32_t origin = 0x2000;
	int a = 1;
	if (a + 1 < argc && !strcmp(argv[a], "-o")) {
		origin = (uint32_t)strtoul(argv[a + 1], NULL, 16);
		a += 2;
	}
	if (a >= argc || argc - a > 2) {
		fprintf(stderr, "usage: mkdeck [-o ORIGIN] PROGRAM.bin [TEXT] > DECK\n");
		return 2;
	}
	size_t len;
	uint8_t *prog = read_file(argv[a], &len);
	size_t ncards = (len + CARD - 1) / CARD;
	size_t nloaders = (ncards + PER_LOADER - 1) / PER_LOADER;
	if (ncards == 0 || origin % 8 || LOADER + nloaders * CARD > origin ||
	    origin + ncards * CARD > 0xFFFFFF) {
		fprintf(stderr, "mkdeck: %zu program cards do not fit between X'%X' and origin X'%X'\n",
		        ncards, LOADER, origin);
		return 1;
	}

	uint8_t card[CARD] = {0};
	card[6] = (uint8_t)(origin >> 8); /* IPL PSW: IA in bytes 5-7 */
	card[5] = (uint8_t)(origin >> 16);
	card[7] = (uint8_t)origin;
	put_ccw(card + 8, 0x02, LOADER, 0x40, CARD); /* Read, CC */
	put_ccw(card + 16, 0x08, LOADER, 0, 1);      /* TIC */
	put_card(card);

	for (size_t l = 0; l < nloaders; l++) {
		memset(card, 0, CARD);
		size_t first = l * PER_LOADER;
		for (size_t k = 0; k < PER_LOADER && first + k < ncards; k++) {
			int last = first + k + 1 == ncards;
			put_ccw(card + 8 * k, 0x02, origin + (uint32_t)((first + k) * CARD), last ? 0 : 0x40,
			        CARD);
		}
		if (l + 1 < nloaders)
			put_ccw(card + 8 * PER_LOADER, 0x02, LOADER + (uint32_t)((l + 1) * CARD), 0x40, CARD);
		put_card(card);
		for (size_t k = 0; k < PER_LOADER && first + k < ncards; k++) {
			memset(card, 0, CARD);
			size_t off = (first + k) * CARD;
			memcpy(card, prog + off, len - off < CARD ? len - off : CARD);
			put_card(card);
		}
	}
	if (a + 1 < argc)
		text_cards(argv[a + 1]);
	free(prog);
	return fflush(stdout) ? 1 : 0;
}
