/* spin.c — SPIN MODULE for tests/cli/cms_program.sh: computes for ever,
 * without a word to CMS; only HX ends it. */
#include "cmsprog.h"

volatile unsigned spins;

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cms_type("SPINNING");
	for (;;)
		spins++;
}
