/* hello.c — HELLO MODULE on the system disk (S): a CMS program in C, the
 * example docs/cms-programs.md walks through.  It greets whoever is named
 * on its command line (HELLO ALICE BOB), or asks for a name, then shows
 * that it can ask CMS for things: QUERY DISK A through SVC 202. */
#include "cmsprog.h"

int main(int argc, char **argv)
{
	char name[80];
	if (argc < 2) {
		cms_type("What is your name?");
		if (cms_read(name, sizeof name, false) <= 0)
			return 4;
		cms_printf("Hello, %s!", name);
	}
	for (int k = 1; k < argc; k++)
		cms_printf("Hello, %s!", argv[k]);
	return cms_cmd("QUERY DISK A");
}
