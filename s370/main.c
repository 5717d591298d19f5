/* main.c — placeholder until the console lands. */
#include <stdio.h>

#include "cpu.h"

int main(void)
{
	puts("s370: console not built yet");
	return 0;
}
