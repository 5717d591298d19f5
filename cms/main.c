/* main.c — CMS from its IPL to the Ready line.
 *
 * After `IPL CMS` the nucleus (start.S) comes here.  It learns how much
 * storage the machine has (DIAGNOSE X'60': free storage is everything after
 * the nucleus), accesses the system disk 190 as S (read-only) and the
 * user's own 191 as A, runs PROFILE EXEC if there is one, and then reads
 * and executes commands for ever: after each, the Ready line ("R;", or
 * "R(rc);" when the command failed), with the CPU time it took as VM/370's
 * CMS showed it.
 *
 * HX and abends come back here by cms_longjmp to cms_cmdloop: whatever ran
 * is abandoned (a file it was writing is never closed, so the disk keeps
 * the state before it: cmsfs.h).
 */
#include "cmsfs.h"
#include "nucleus.h"
#include "cmd_spool.h"
#include "scr.h"

struct cms_jmp cms_cmdloop;
struct cms_settings cms_set = {.impex = true, .impcp = true, .redtype = 'L'};
static struct cms_clock last; /* at the previous Ready */

void cms_ready(int rc)
{
	struct cms_clock c;
	cms_clock(&c);
	char code[16] = "";
	if (rc)
		cms_format(code, sizeof code, "(%05d)", rc < 0 ? -rc : rc);
	if (rc < 0) /* VM/370: R(-0003) for an unknown command */
		cms_format(code, sizeof code, "(-%04d)", -rc);
	if (cms_set.redtype == 'S') {
		cms_say("R%s;", code);
	} else {
		uint32_t v = (c.vcpu_us - last.vcpu_us) / 10000, t = (c.tcpu_us - last.tcpu_us) / 10000;
		cms_say("R%s; T=%u.%02u/%u.%02u %02u:%02u:%02u", code, v / 100, v % 100, t / 100, t % 100, c.hour,
		        c.minute, c.second);
	}
	last = c;
}

/* A program check (or an SVC, which CMS does not define) in CMS itself:
 * VM/370 called it a system abend and went back to the command level. */
void cms_abend(int code, const uint8_t *psw)
{
	uint32_t at = (uint32_t)psw[5] << 16 | (uint32_t)psw[6] << 8 | psw[7];
	if (code & 0x1000)
		cms_msg("DMSABN148T", "SYSTEM ABEND 0D0 (SVC %d) CALLED FROM %06X", code & 0xFF, at);
	else
		cms_msg("DMSABN148T", "SYSTEM ABEND 0C%X CALLED FROM %06X", code & 0xF, at);
	cms_longjmp(&cms_cmdloop, 2);
}

/* ACCESS at IPL: a disk that is not there or not formatted is said, and
 * CMS goes on without it. */
static void access_at_ipl(uint16_t vaddr, char mode)
{
	char line[32];
	cms_format(line, sizeof line, "ACCESS %03X %c", vaddr, mode);
	if (cms_dev_type(vaddr))
		cms_command(line);
}

void cms_main(void)
{
	uint32_t size = cms_storage_size();
	cms_heap_init((uint32_t)(uintptr_t)_end, size);
	cms_clock(&last);
	cms_say("%s  %02u/%02u/%02u %02u:%02u", CMS_VERSION, last.month, last.day, last.year % 100, last.hour,
	        last.minute);
	cms_cmd_init();
	if (cms_setjmp(&cms_cmdloop) == 0) {
		access_at_ipl(0x190, 'S');
		access_at_ipl(0x191, 'A');
		struct cms_fileid prof;
		struct cms_fst f;
		fs_fileid(&prof, "PROFILE", "EXEC", "*");
		if (fs_state(&prof, &f) == 0)
			cms_command("EXEC PROFILE");
	}
	for (;;) {
		static char line[132];
		int rc = cms_setjmp(&cms_cmdloop);
		if (rc == 0) {
			cms_read_line(line, sizeof line);
			rc = cms_command(line);
		} else {
			fs_abandon_all(); /* what the command had open is closed unkept */
			cms_heap_free_zone(CMS_ZONE_EXEC); /* and the storage of the EXECs it ran given back */
			cms_module_reset();                /* the programs it ran, and their storage */
			cms_heap_free_zone(CMS_ZONE_PROG);
			sp_abandon();                      /* a half-punched deck never reaches anyone */
			scr_reset();      /* and a full screen it had is CP's again */
			rc = rc == 1 ? 0 : 256; /* HX: back at Ready; an abend: R(00256) */
		}
		cms_hi_pending = false;
		cms_typing_resume();
		cms_ready(rc);
	}
}
