/* nucleus.h — what only the nucleus's own modules share (cms.h is for
 * every CMS module): the machine-level pieces of start.S, con.c, diag.c. */
#ifndef CMS_NUCLEUS_H
#define CMS_NUCLEUS_H

#include "../cp/ccw.h" /* the CCW, its flags, unit status, ccw_set: shared with CP */
#include "cms.h"

/* ---- start.S ---- */
void cms_wait(void);           /* an enabled wait until an I/O interruption (call it disabled) */
uint8_t cms_disable(void);     /* I/O interruptions off; the old mask */
void cms_enable(uint8_t mask); /* the mask back */
struct cms_jmp {
	uint32_t r[10]; /* r6-r15 */
};
int cms_setjmp(struct cms_jmp *j) __attribute__((returns_twice));
void cms_longjmp(struct cms_jmp *j, int v) __attribute__((noreturn));
extern char _end[]; /* the end of the nucleus (cms.ld): free storage from here */

/* ---- diagx.S ---- */
struct cms_dregs {
	uint32_t r2, r3, r4, r5, r15, cc, save;
};
int cms_diag08(struct cms_dregs *d);
int cms_diag0C(struct cms_dregs *d);
int cms_diag14(struct cms_dregs *d);
int cms_diag18(struct cms_dregs *d);
int cms_diag20(struct cms_dregs *d);
int cms_diag24(struct cms_dregs *d);
int cms_diag58(struct cms_dregs *d);
int cms_diag60(struct cms_dregs *d);

/* ---- con.c: devices and interruptions ---- */
/* START I/O of the program at prog on dev, and its end awaited: the CSW
 * (unit and channel status, residual count) in csw.  Returns SIO's
 * condition code (0: csw is the ending's). */
int cms_io(uint16_t dev, const struct ccw *prog, uint8_t csw[8]);
/* The I/O handler (start.S): one interruption's CSW for dev. */
void cms_io_interrupt(uint16_t dev, const uint8_t *csw);
/* Wait for the next interruption from dev that ends I/O (device end, or a
 * unit check; the CSW to csw) — for DIAGNOSE X'58', whose ending comes as an
 * interruption.  Attentions from the console are taken apart (con.c). */
void cms_wait_io(uint16_t dev, uint8_t csw[8]);
void cms_expect_io(uint16_t dev); /* before starting I/O that cms_wait_io awaits */
enum { CMS_CONSOLE = 0x009 };
void cms_typing_resume(void); /* the end of HT: at the Ready line */

/* ---- main.c ---- */
void cms_abend(int code, const uint8_t *psw) __attribute__((noreturn));
void cms_ready(int rc); /* the Ready line */
extern struct cms_jmp cms_cmdloop; /* where HX and abends go back to */

/* ---- heap.c ---- */
void cms_heap_init(uint32_t from, uint32_t to);
uint32_t cms_heap_free(void);
void cms_heap_free_zone(uint8_t z); /* every block of zone z given back (after HX: cmslib.h) */

/* ---- cmd.c ---- */
void cms_cmd_init(void);


/* ---- programs: MODULE files and SVC 202 (module.c, module_fs.c) ---- */
struct cms_svc_frame { /* what start.S saved at an SVC 202 */
	uint32_t gpr[16];
	uint8_t psw[8];
};
bool cms_module_exists(const char *name);             /* NAME MODULE on an accessed disk */
bool cms_in_storage(uint32_t at, uint32_t len);       /* an address range inside the machine's storage */
int cms_module(const char *name, const char *typed);  /* load and run it: its return code */
int cms_run_prog(uint32_t entry, void *plist, void *eplist); /* start.S */
void cms_svc(struct cms_svc_frame *f);
void cms_module_reset(void);                          /* HX, an abend: no program runs any more */
void cms_module_attn(void);                           /* the console's attention came (con.c) */
enum { CMS_FSCB_LEN = 44 };
int cms_fscb(const char *fn, uint8_t *fscb);          /* RDBUF, WRBUF, FINIS */
void cms_fscb_close_all(void);                        /* a program ended: its files closed, kept */
void cms_fscb_forget(void);                           /* HX: they were abandoned (fs_abandon_all) */

#endif
