/* proga.c — PROGA MODULE for tests/cli/cms_program.sh: what a CMS program
 * can do, each answer a line the test checks. */
#include "cmsprog.h"

static const char *const colours[] = {"RED", "GREEN", "BLUE"}; /* address constants: relocated */
static int counter = 40;                                         /* data */
static char zeros[4096];                                         /* storage after the image */

int main(int argc, char **argv)
{
	cms_printf("ARGS %d:", argc);
	for (int k = 0; k < argc; k++)
		cms_printf(" %s", argv[k]);
	char line[200] = "";
	int n = 0;
	for (int k = 0; k < argc; k++)
		n += cms_format(line + n, sizeof line - (size_t)n, "%s%s", k ? "," : "", argv[k]);
	cms_printf("LINE %s", line);
	cms_printf("COLOURS %s %s %s COUNTER %d ZEROS %d", colours[0], colours[1], colours[2], counter + 2,
	           zeros[100] + zeros[4095]);
	int a = cms_cmd("STATE PROGA MODULE"), b = cms_cmd("STATE NOSUCH FILE");
	cms_printf("STATE RC %d %d", a, b);
	/* INPUT DATA A: count its records, keep the first */
	uint8_t rec[100];
	uint32_t len, records = 0;
	char first[81] = "";
	int rc;
	while ((rc = cms_fsread("INPUT", "DATA", "A", rec, sizeof rec, &len)) == 0) {
		if (!records++) {
			cms_to_ascii(first, rec, len);
			first[len] = 0;
			for (int k = (int)len - 1; k >= 0 && first[k] == ' '; k--)
				first[k] = 0;
		}
		/* each record again, upper-cased, into OUTPUT DATA (V) */
		char t[81];
		cms_to_ascii(t, rec, len);
		uint32_t l = len;
		while (l && t[l - 1] == ' ')
			l--;
		for (uint32_t k = 0; k < l; k++)
			if (t[k] >= 'a' && t[k] <= 'z')
				t[k] = (char)(t[k] - 32);
		uint8_t e[81];
		cms_to_ebcdic(e, t, l);
		if (cms_fswrite("OUTPUT", "DATA", "A1", 'V', e, l ? l : 1))
			return 99;
	}
	cms_printf("READ %u RECORDS, RC %d: %s", (unsigned)records, rc, first);
	cms_printf("FINIS RC %d", cms_fsclose("OUTPUT", "DATA", "A1"));
	cms_printf("NOSUCH RC %d", cms_fsread("NOSUCH", "DATA", "A", rec, sizeof rec, &len));
	cms_type("TYPE A LINE:");
	char in[100];
	n = cms_read(in, sizeof in, false);
	cms_printf("GOT %d: %s", n, in);
	return 7;
}
