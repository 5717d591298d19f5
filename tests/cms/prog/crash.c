/* crash.c — CRASH MODULE for tests/cli/cms_program.sh: 300K of storage
 * after its image, then a fixed-point divide exception.  CMS abends it
 * (DMSABN148T) and gives its storage back: four runs in a 1M machine
 * would not fit otherwise. */
#include "cmsprog.h"

static char big[300 * 1024];
volatile int divisor;

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (unsigned k = 0; k < sizeof big; k += 4096)
		big[k] = 1;
	cms_type("CRASHING");
	return 100 / divisor;
}
