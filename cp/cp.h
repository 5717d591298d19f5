/* cp.h — what CP's modules share.
 *
 * CP is the control program of s370: S/370 code that runs on the emulated
 * machine in supervisor state and gives every terminal user a virtual
 * machine.  It knows the machine only as the architecture defines it
 * (DESIGN.md rule 1): low storage (lowcore.h), privileged instructions, and
 * devices reached by channel programs.  docs/cp.md is the guided tour.
 *
 *   start.S    first instructions, interruption entry stubs, wait
 *   main.c     cp_main: start-up, then the loop that serves the terminals
 *   io.c       real devices: the device table, SIO, I/O interruptions
 *   console.c  the operator's console (3215): messages
 *   display.c  local 3270 displays: the logo screen, a user's console
 *   diag.c     DIAGNOSE: the guest's calls to CP (diag_io.c: X'18' and X'20', synchronous I/O)
 *   diag58.c   DIAGNOSE X'58': a guest's full screen on its user's display
 *   cmd_set.c  SET, SLEEP: what reaches a user's console; PF keys
 *   linemode.c 3215 consoles over telnet: LOGON and a user's console, line by line
 *   user.c     LOGON, LOGOFF, DISCONNECT: the users and their terminals
 *   userdir.c  the user directory on the system volume (dirfmt.h)
 *   vm.c       a user's virtual machine: storage and devices
 *   link.c     LINK, DETACH: sharing minidisks
 *   cmd_define.c  DEFINE; ATTACH and DETACH of real devices
 *   tdisk.c    temporary disks: the space, handed out cleared
 *   spool.c    spool files on the system volume: blocks, checkpoint, warm start
 *   spool_dev.c  a machine's spooled reader, punch and printer (their CCWs)
 *   spool_cmd.c  SPOOL CLOSE PURGE ORDER CHANGE TAG TRANSFER; QUERY RDR PRT PUN FILES
 *   spool_real.c START, DRAIN: the real printer and punch; decks in the real reader
 *   diag14.c   DIAGNOSE X'14': reading the reader's files block by block
 *   display_cmd.c  DISPLAY, STORE, SYSTEM: the guest seen and changed from CP
 *   frames.c   real storage frames
 *   shadow.c   shadow page tables: a guest with DAT on (vmrun.c runs it)
 *   heap.c     CP's own structures (consoles, machines) from frames, as users come and go
 *   dasd.c     reading CKD records; volume labels
 *   cmd.c      CP commands
 *   cmd_oper.c FORCE, WARNING, SHUTDOWN, VARY, EXTERNAL; QUERY SYSTEM, ALL: operating CP
 *   acct.c     accounting records (VM/370's 80-byte cards)
 *   trace.c    TRACE: trap and emulate made visible (with PER for instructions and branches)
 *   clock.c    the time of day
 *   timer.c    deadlines (the clock comparator)
 *   sha256.c   password hashes
 *   lib.c      memory and string functions, the message formatter
 *   ebcdic.c   code page 037
 */
#ifndef CP_H
#define CP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ccw.h" /* the CCW, its flags, unit status, ccw_set */

#define CP_VERSION "0.1"
#define LOGON_DELAY_MS 2000 /* a refused LOGON is answered this much later */

/* ---- start.S ---- */
void cp_wait(void);              /* enabled wait until an interruption has been handled */
uint32_t cp_storage_size(void);  /* bytes of real storage, found by touching it */
void cp_dat_on(uint32_t storage_bytes); /* cpspace.c: CP's own address space (V=R), and DAT on */
void cp_halt(uint32_t code);     /* disabled wait with code in the PSW: CP stops */

/* ---- lib.c ---- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char cp_toupper(char c);
void cp_upper(char *s);                          /* in place, a-z only */
void cp_field(char *dst, const char *src, size_t n); /* a blank-padded field of n, trimmed; dst holds n+1 */
bool cp_hex(const char *s, int maxdigits, uint32_t *out); /* 1..maxdigits hexadecimal digits */
/* printf-like into buf (always terminated): %s %c %d %u %x %X with a width
 * and a 0 flag, %%. Returns the length written. */
int cp_vformat(char *buf, size_t size, const char *fmt, va_list ap);
int cp_format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- ebcdic.c ---- */
extern const uint8_t cp_a2e[256], cp_e2a[256];
void cp_to_ebcdic(uint8_t *out, const char *in, size_t n);

/* ---- io.c: real devices ---- */

enum rdev_class { RDEV_NONE, RDEV_CONSOLE, RDEV_DISPLAY, RDEV_DASD, RDEV_TAPE, RDEV_READER,
                  RDEV_PUNCH, RDEV_PRINTER, RDEV_OTHER };

/* A real device, as CP found it at IPL by Sense ID. */
struct rdev {
	uint16_t addr;          /* channel and unit: X'0CUU' */
	uint16_t type;          /* X'3215', X'3278', X'3350' ... (Sense ID bytes 4-5) */
	uint8_t model;
	enum rdev_class cls;
	volatile bool busy;     /* a channel program is running */
	volatile uint8_t unit, chan;   /* status of the last ending */
	volatile uint8_t pending;      /* unsolicited status not yet handled (ATTN, DE) */
	bool queued;                   /* ... and the device is on the main loop's list (io_next_pending) */
	struct term *term;             /* a display's or line-mode console's terminal (display.c, linemode.c) */
	uint8_t csw[8];                /* the CSW of the last ending (io_run) */
	uint8_t sense[32];
	char volser[7];         /* DASD: the volume serial from its label, or "" */
	struct user *owner;     /* ATTACHed to (dedicated to) this user, or NULL */
	bool offline;           /* VARY OFFLINE: CP gives it to no one (cmd_oper.c) */
};
extern struct rdev cp_rdevs[];
/* A fixed-block disk (3310, 3370): 512-byte blocks, Define Extent and Locate. */
static inline bool dasd_fba(uint16_t type) { return type == 0x3310 || type == 0x3370; }
extern int cp_nrdevs;

void io_probe(void);                             /* find the devices: fills cp_rdevs */
struct rdev *io_find(uint16_t addr);
struct rdev *io_next_pending(void);              /* the next device with status for the main loop, or NULL */
/* Run a channel program to its end; returns the unit status of the ending
 * (with the sense bytes in d->sense after a unit check), or -1 when the
 * device is not operational. */
int io_run(struct rdev *d, const struct ccw *prog);
int io_start(struct rdev *d, const struct ccw *prog); /* and return: the ending comes in d->pending */
void cp_io_interrupt(void);                      /* from start.S */
void cp_program_check(void);                     /* from start.S */

/* ---- dasd.c: CP's own reads of real CKD disks ---- */
int dasd_read(struct rdev *d, uint16_t cyl, uint16_t head, uint8_t r, void *buf, uint16_t len);
/* That program's four CCWs (Seek, Search ID Equal, TIC, Read Data with flags)
 * into prog, its arguments into seek and search; the search names count_cyl
 * (a minidisk's counts carry its own cylinder numbers, its seek the real). */
void dasd_read_ccws(struct ccw prog[4], uint8_t seek[6], uint8_t search[5], uint16_t cyl, uint16_t head,
                    uint16_t count_cyl, uint8_t r, void *buf, uint16_t len, uint8_t flags);
void dasd_init_volumes(void);                   /* every DASD's volume serial */
struct rdev *dasd_find_volume(const char *volser);
int dasd_heads(uint16_t type);                  /* tracks per cylinder of a CKD type; 0: not one CP knows */
int dasd_pages_per_track(uint16_t type);        /* 4K records a track holds; 0: not one CP knows */
/* Read or write 4K record r of per_track on cyl/head (format: write the
 * whole track's counts first); io_run's unit status, d->chan the channel's. */
int dasd_page_io(struct rdev *d, uint16_t cyl, uint16_t head, uint8_t r, int per_track, void *buf, bool write,
                 bool format);

/* ---- frames.c: real storage frames (4K) for virtual machines ---- */
struct vm;
void frames_init(uint32_t storage_bytes);
uint32_t frames_alloc(uint32_t n);              /* n contiguous frames: the real address, 0 if none */
uint32_t frames_get(void);                      /* one frame, cleared: its real address, 0 if none */
void frames_set_owner(uint32_t frame, struct vm *v, uint32_t page); /* frame (a number) holds v's page */
bool frames_owner(uint32_t frame, struct vm **v, uint32_t *page);  /* whose page it holds; false: none */
void frames_reserve(uint32_t n);                /* frames_get leaves n free for CP (paging.c steals instead) */
uint32_t frames_first(void);                    /* the frame numbers VMs use: first ... */
uint32_t frames_limit(void);                    /* ... and one past the last */

/* ---- heap.c: CP's structures, taken from frames as users come and go ---- */
struct pool {
	uint32_t size;                  /* of an object: POOL(type) */
	uint16_t slab_frames;           /* frames cut into objects at a time (chosen at first use) */
	void *free;                     /* objects not in use, linked through their first word */
	uint32_t in_use, slabs;         /* for INDICATE LOAD */
};
#define POOL(type) {sizeof(type), 0, NULL, 0, 0}
void *pool_get(struct pool *p);                 /* an object, cleared; NULL when storage is full */
void pool_put(struct pool *p, void *obj);       /* back to its pool (NULL: nothing) */

/* ---- paging.c: demand paging to the paging area ---- */
struct paging_stats {
	uint32_t pageins, pageouts, steals; /* since IPL */
	uint32_t slots, slots_free;         /* the paging area */
};
/* The paging area: count cylinders from start of d; NULL, or why not (a message). */
const char *paging_init(struct rdev *d, uint16_t start, uint16_t count);
bool page_in(struct vm *v, uint32_t page);          /* the page into a frame (read, or zeros); false: none */
void page_release(struct vm *v, uint32_t page);     /* its frame and slot go: it reads as zeros again */
bool page_evict(uint32_t frame);                    /* the guest page in frame goes out, the frame is free */
uint8_t page_key(struct vm *v, uint32_t block);     /* the guest's storage key of a 2K block, with R and C */
void page_set_key(struct vm *v, uint32_t block, uint8_t key); /* SSK (R and C as given) */
uint8_t page_rrb(struct vm *v, uint32_t block);     /* RRB: the condition code; R reset */
void paging_stats(struct paging_stats *out);
void paging_start(void);                            /* at IPL: the directory's PAGING area */
void frames_free(uint32_t addr, uint32_t n);
uint32_t frames_free_count(void);
uint32_t frames_total(void);

/* ---- console.c ---- */
void con_init(uint16_t prefer);
void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
struct rdev *con_device(void);

/* ---- clock.c ---- */
struct cp_time {
	uint32_t year, month, day, hour, min, sec;
	const char *weekday;
};
uint64_t cp_tod(void);               /* STORE CLOCK */
void cp_time(struct cp_time *t);     /* the TOD clock as a date and time */
uint32_t cp_ms_until(uint64_t tod);  /* milliseconds until the TOD clock reaches tod */
/* "hh:mm:ss WEEKDAY mm/dd/yy" into buf (at least 32 bytes) */
void cp_time_text(char *buf, size_t size);

/* ---- timer.c: deadlines on the clock comparator ---- */
void timer_init(void);
int timer_add(uint32_t ms, void (*fn)(void *), void *arg); /* an id, or -1 when full */
void timer_cancel(int id);
bool timer_run(void);     /* call what is due; true when something ran */
void cp_ext_interrupt(void);

/* ---- userdir.c: the directory on the system volume (dirfmt.h) ---- */
struct dir_user;
enum { DIR_FOUND, DIR_NOT_FOUND, DIR_IO_ERROR };
void dir_init(struct rdev *system_volume);
int dir_find(const char *userid, struct dir_user *out);
bool dir_password_ok(const struct dir_user *u, const char *password);
void dir_warn_defaults(void);                    /* at IPL: users whose password is their user id */
struct dir_tdisk;
int dir_tdisks(struct dir_tdisk *out, int max);  /* the T-disk areas; -1: unreadable */
bool dir_paging(struct dir_tdisk *out);           /* the paging area; false: none */
bool dir_spool(struct dir_tdisk *out);            /* the spool area; false: none */
struct rdev *dir_volume(void);                   /* the system volume */

/* ---- vm.c: a user's virtual machine ---- */
enum vdev_kind { VDEV_CONSOLE, VDEV_SPOOL, VDEV_MDISK, VDEV_DEDICATED };
struct vdev {
	uint16_t vaddr, type;
	enum vdev_kind kind;
	char spool_kind, spool_class;    /* SPOOL: R, P, L (G: a display no one has dialed); the class */
	char volser[7];                  /* MDISK: its volume, */
	struct rdev *real;               /* found at LOGON (NULL: not mounted), */
	uint32_t start, count;           /* its cylinders there (FBA: its 512-byte blocks) */
	bool write;                      /* linked read/write */
	bool tdisk;                      /* MDISK: a temporary disk (DEFINE T3350 ...: cmd_define.c) */
	uint16_t raddr;                  /* DEDICATE: the real device */
	bool int_pending;                /* an I/O interruption waits for the guest */
	uint8_t csw[8];                  /* ... with this CSW */
	uint8_t sense[24];               /* the sense bytes of its last unit check */
	bool busy;                       /* CONSOLE: a Read waits for the user */
	uint32_t read_ccw;               /* CONSOLE: the Read CCW's guest address */
	/* CONSOLE: a DIAGNOSE X'58' chain waits for the real display (diag58.c) */
	bool fs_io;
	uint8_t fs_n, fs_cmd, fs_flags;  /* ... CCWs done; the command and flags of the one under way, */
	uint16_t fs_count;               /* ... its count, */
	uint32_t fs_at, fs_addr;         /* ... its address and its data's */
};
enum { VM_MAX_DEV = 32 };
/* What run_guest loads and saves (start.S knows the offsets). */
struct guest {
	uint32_t gpr[16];                /* 0 */
	uint8_t psw[8];                  /* 64: the real PSW */
	uint32_t cr1;                    /* 72: the segment table */
	uint32_t cr0;                    /* 76: CR0 (CP's, with the page size of the shadow tables) */
};
enum vm_state { VM_STOPPED, VM_RUNNING, VM_READING };
/* The privileged instructions CP simulates, for the counters. */
enum { VMOP_LPSW, VMOP_SSM, VMOP_STNSM, VMOP_STOSM, VMOP_SIO, VMOP_TIO, VMOP_HIO, VMOP_TCH, VMOP_STIDP,
       VMOP_ISK, VMOP_SSK, VMOP_LCTL, VMOP_STCTL, VMOP_DIAG, VMOP_TIMER, VMOP_LRA, VMOP_PTLB, VMOP_RRB,
       VMOP_OTHER, VM_OPS };
extern const char *const vm_op_names[VM_OPS];
/* Each machine's tables are a few contiguous frames (vm.c, get_tables),
 * sized by its storage: the segment table (a multiple of 16 entries), the
 * page tables (16 entries of 2 bytes per 64K segment), the storage keys
 * (one per 2K block), the fix counts (one per page) and the paging slots
 * (2 bytes per page: paging.c) -- 7 bytes a page: one frame for a machine
 * of 2M, eight for the largest (16M). */
enum { DIAG_COUNTED = 9 };            /* the DIAGNOSE codes INDICATE USER counts (diag.c) */
enum { VM_MAX_PAGES = 4096 };
struct vm {
	struct user *user;               /* whose machine it is */
	char *ahead;                     /* a line typed before its console Read (vio_console_attention), or NULL */
	uint8_t trace, trace_out;        /* TRACE (trace.c): the events traced (TRACE_*), where to (TRACE_TERM...) */
	bool trace_norun;                /* ... NORUN: the machine stops after each trace line */
	bool ext_key;                    /* EXTERNAL (cmd_oper.c): the interrupt key's X'0040' is pending */
	bool cons_spool;                 /* SPOOL CONSOLE START: its console's lines are spooled (spool_dev.c) */
	bool runs_enabled;               /* it has loaded a PSW enabled for I/O that was not a wait (vmrun.c):
	                                    a line typed while it computes is an attention (vio.c) */
	uint32_t pages;                  /* its storage: this many 4K pages, each in a frame of its own */
	uint32_t tables, ntables;        /* the real address of its tables (above), and their frames */
	uint16_t *pt;                    /* its page table entries, page by page: where each page really is */
	uint8_t *fixed;                  /* per page: channel programs using it now (the page must stay put) */
	uint16_t *slot;                  /* per page: its slot in the paging area, 0 none (paging.c) */
	uint32_t cr1;
	struct guest g;                  /* its registers, as the guest last left them */
	uint8_t psw[8];                  /* its PSW, as the guest sees it (BC or EC) */
	uint32_t cr[16];                 /* its control registers */
	uint8_t *keys;                   /* its storage keys, one per 2K block */
	uint64_t ckc;                    /* its clock comparator */
	uint64_t cpt, cpt_set;           /* its CPU timer as set, and cpu_tod then (it counts its own time) */
	uint64_t cpu_tod;                /* the time it has run (TOD units) */
	int timer_id;                    /* CP's timer for its nearest deadline, or -1 */
	uint64_t timer_at;               /* ... due then (TOD clock) */
	uint64_t it_tod;                 /* interval timer (vtimer.c): the TOD clock of its last update (REAL) */
	uint32_t it_rem;                 /* ... time not yet counted at location 80, thirds of a TOD unit */
	bool it_pending;                 /* ... its interruption (X'0080') waits to be taken */
	uint32_t nkeys;
	enum vm_state state, resume;     /* resume: the state BEGIN goes back to */
	uint8_t queue;                   /* sched.c: 1 interactive, 2 (or 0, not yet) CPU-bound */
	uint64_t q1_left;                /* ... CPU time it may still use in Q1 (TOD units) */
	uint16_t share;                  /* ... SET SHARE: its relative share of Q2's CPU (100 normal) */
	uint8_t favored;                 /* ... SET FAVORED: this percentage of the CPU first (0: not favored) */
	uint32_t pass;                   /* ... Q2 CPU used, in microseconds per 100 of share (fair share) */
	uint32_t fav_used, fav_window;   /* ... microseconds it ran in the current second, and since when (ms) */
	bool dispatched;                 /* ... in the dispatch list (else eligible, or waiting) */
	uint32_t ws;                     /* ... its projected working set: pages resident when it last left */
	uint64_t stay;                   /* ... CPU time (TOD units) left of its stay in the dispatch list (Q2) */
	uint32_t held;                   /* ... times it was held in the eligible list (storage full) */
	uint32_t faults_in;              /* ... its page faults when it entered the dispatch list */
	uint32_t instructions, privops;  /* turns run, privileged instructions simulated */
	/* what CP did for the machine, by kind (INDICATE USER: trap and emulate made visible) */
	struct {
		uint32_t op[VM_OPS];         /* privileged instructions simulated, by vm_op_names */
		uint32_t pgm, svc, io, ext;  /* interruptions reflected into the guest */
		uint32_t slices;             /* time slices that ended with the guest still running */
		uint32_t cons_progs, mdisk_progs, ccws; /* channel programs run; CCWs translated */
		uint32_t idaws, fixes;       /* IDAWs CP wrote (data split at page boundaries); pages fixed for I/O */
		uint32_t diag[DIAG_COUNTED]; /* DIAGNOSEs by code (diag.c) */
		uint32_t faults, pageins, pageouts; /* page faults (paging.c); pages read from and written to slots */
		uint32_t to_q1;              /* lines its user gave it: times it was made interactive (sched.c) */
	} count;
	struct vdev dev[VM_MAX_DEV];
	int ndev;
};
struct user;
struct dir_user;
struct vm *vm_create(struct user *u, const struct dir_user *dir, const char **why);
struct vdev *vm_dev(struct vm *v, uint16_t vaddr);
struct vdev *vm_console(struct vm *v);             /* its virtual console, or NULL */
/* DEFINE STORAGE: the machine gets kb of storage (whole 64K segments), and a
 * system reset; false and *why when it cannot have that much now. */
bool vm_define_storage(struct vm *v, uint32_t kb, const char **why);

/* ---- link.c: LINK, DETACH, QUERY LINKS ---- */
void link_cmd(struct user *u, const char *id, uint16_t from, uint16_t to, const char *mode, const char *pw);
void detach_cmd(struct user *u, uint16_t vaddr);
void links_query(struct user *u);

/* ---- vmrun.c: trap and emulate ---- */
int run_guest(struct guest *g);  /* start.S: 1 program, 2 SVC, 3 I/O, 4 external */
void vm_init(void);                  /* the translation format in CR0 */
void vm_map(struct vm *v);
bool vm_run(struct user *u);
bool vm_runnable(struct user *u);
/* The guest's storage seen from CP.  vm_addr: CP's address of n bytes at
 * guest address a, which must lie within one 4K page (NULL when they do not,
 * or are outside the machine).  vm_fetch/vm_store copy any length, across
 * pages; false when some byte is outside the machine (nothing is stored then). */
uint8_t *vm_addr(struct vm *v, uint32_t a, uint32_t n);
bool vm_fetch(struct vm *v, uint32_t a, void *buf, uint32_t n);
bool vm_store(struct vm *v, uint32_t a, const void *buf, uint32_t n);
bool vm_deliver_io(struct vm *v);
void vm_reflect_program(struct vm *v, uint16_t code, uint8_t ilc);
/* Reflect an interruption: the guest's PSW to old_at, its new PSW from new_at
 * (code and ILC where the PSW mode puts them; code_at: the EC mode's place, 0 none). */
void vm_reflect(struct vm *v, uint32_t old_at, uint32_t new_at, uint32_t code_at, uint16_t code, uint8_t ilc);
void vm_stop(struct user *u, const char *fmt, uint32_t a, uint32_t b); /* CP READ, with a message */

/* The guest's PSW (BC or EC mode, as the guest chose it). */
static inline uint32_t cp_get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static inline void cp_put32(uint8_t *p, uint32_t x)
{
	p[0] = (uint8_t)(x >> 24);
	p[1] = (uint8_t)(x >> 16);
	p[2] = (uint8_t)(x >> 8);
	p[3] = (uint8_t)x;
}
static inline bool vm_ec(const struct vm *v) { return v->psw[1] & 0x08; }
static inline uint8_t vm_cc(const struct vm *v) { return vm_ec(v) ? (v->psw[2] >> 4) & 3 : (v->psw[4] >> 4) & 3; }
static inline void vm_set_cc(struct vm *v, uint8_t cc)
{
	if (vm_ec(v))
		v->psw[2] = (uint8_t)((v->psw[2] & 0xCF) | cc << 4);
	else
		v->psw[4] = (uint8_t)((v->psw[4] & 0xCF) | cc << 4);
}
static inline uint32_t vm_ia(const struct vm *v) { return cp_get32(v->psw + 4) & 0xFFFFFF; }
static inline void vm_set_ia(struct vm *v, uint32_t ia)
{
	v->psw[5] = (uint8_t)(ia >> 16);
	v->psw[6] = (uint8_t)(ia >> 8);
	v->psw[7] = (uint8_t)ia;
}

/* ---- shadow.c: shadow page tables for a guest with DAT on ---- */
struct shadow_counts {
	uint32_t now, spaces, reused;     /* spaces held now; made; cleared for another address space */
	uint32_t filled, purges, dropped; /* entries filled at a fault; guest PTLBs; entries dropped (frame gone) */
	uint32_t reflected;               /* the guest's own translation exceptions */
};
/* The guest's own DAT on its own tables (its CR0, CR1): 0 and *ra its real
 * address, or the program interruption code (X'10', X'11', X'12', X'05');
 * for_lra: with X'10'/X'11' *ra is the table entry's address, bit 0 set when
 * a length was exceeded (LOAD REAL ADDRESS). */
int shadow_translate(struct vm *v, uint32_t va, uint32_t *ra, bool for_lra);
uint32_t shadow_cr1(struct vm *v);   /* the real CR1 for the guest's address space now; 0: no frames */
bool shadow_two_k(struct vm *v);     /* the guest uses 2K pages: so must the real CR0 */
int shadow_fault(struct vm *v, uint32_t va); /* a real translation exception: 0 filled, -1 no frame, or the guest's code */
void shadow_purge(struct vm *v);     /* the guest's PTLB */
void shadow_frame_gone(struct vm *v, uint32_t frame); /* the frame (real address) no longer holds v's page */
void shadow_free(struct vm *v);      /* the machine's storage goes */
void shadow_counts(const struct vm *v, struct shadow_counts *out, uint32_t *entries);
void shadow_indicate(struct user *u, const struct vm *v); /* INDICATE USER's lines */

/* ---- vtimer.c: the guest's timers ---- */
bool vtimer_simulate(struct user *u, const uint8_t *b, uint8_t ilc); /* B204-B209: SCK SCKC STCKC SPT STPT */
uint16_t vtimer_pending(struct vm *v);         /* the external interruption code due and enabled, or 0 */
uint16_t vtimer_take(struct vm *v);            /* the same, to be reflected now (clears the interval timer's) */
void vtimer_reset(struct vm *v);               /* initial CPU reset: the timers */
void vtimer_arm(struct vm *v);                 /* in a wait: a CP timer at the guest's nearest deadline */
void vtimer_ran(struct vm *v, uint64_t tod);   /* the guest ran this long (TOD units) */
uint64_t vtimer_slice(struct vm *v);           /* how long (TOD units) the next dispatch may run at most */

/* ---- diag.c: DIAGNOSE, the guest's calls to CP ---- */
bool diag_execute(struct user *u, const uint8_t *b, uint8_t ilc);
void diag_indicate(struct user *u, const struct vm *v);   /* INDICATE USER: the DIAGNOSEs by code */
/* diag_io.c: X'18' standard DASD I/O, X'20' general I/O (synchronous) */
void diag_dasd_io(struct user *u, unsigned rx, unsigned ry);
void diag_general_io(struct user *u, unsigned rx, unsigned ry);

/* ---- vio.c: the virtual machine's I/O ---- */
int vio_instruction(struct user *u, uint8_t op, uint16_t dev);   /* SIO TIO HIO TCH: the CC */
/* Run the guest's channel program at guest address at on d (a console or a
 * linked minidisk), protection key key: its ending becomes d->csw, with
 * d->int_pending set (a console Read may leave it for later: d->busy). */
void vio_start(struct user *u, struct vdev *d, uint8_t key, uint32_t at);
void vio_console_input(struct user *u, const char *line);       /* a line for a waiting Read */
bool vio_console_attention(struct user *u, const char *line);   /* a guest in an enabled wait: attention, the line kept */
/* The ending of an operation on d, for the guest: its CSW (key, the CCW
 * address + 8, unit and channel status, residual count), an I/O
 * interruption pending. */
void vio_put_csw(struct vdev *d, uint8_t key, uint32_t ccw_next, uint8_t unit, uint8_t chan, uint16_t resid);
void vio_forget(struct vm *v);                                    /* the machine goes: a line kept for it too */
int vm_ipl(struct user *u, uint16_t vaddr, char *msg, size_t size);
void vm_destroy(struct vm *v);
void vm_query(struct user *u, struct vm *v);
void vm_indicate(struct user *u, struct user *of);
void vm_reset(struct vm *v, bool clear);

/* ---- display_cmd.c: DISPLAY, STORE, SYSTEM ---- */
void display_cmd(struct user *u, char *w, char *w2);
void store_cmd(struct user *u, char *w, char **more, int nmore);
void system_cmd(struct user *u, const char *w);

/* ---- user.c: the users logged on ---- */
struct term;
/* What a user has SET (cmd_set.c); LOGON sets the defaults. */
enum { EMSG_ON, EMSG_CODE, EMSG_TEXT, EMSG_OFF };
enum { TIMER_ON, TIMER_OFF, TIMER_REAL };
struct settings {
	bool msg, wng, run;              /* SET MSG, SET WNG, SET RUN: ON or OFF */
	uint8_t emsg;                    /* SET EMSG: EMSG_ON (code and text), _CODE, _TEXT, _OFF */
	uint8_t timer;                   /* SET TIMER: the interval timer counts virtual time, none, real time */
	char (*pf)[64];                  /* SET PFnn: what each PF key enters (24 of them; NULL: none set yet) */
	uint32_t pf_delayed;             /* SET PFnn DELAYED: bit nn-1 (the text goes to the input area) */
};
/* acct.c: what a user's accounting record needs that the machine does not keep */
struct acct_user {
	uint64_t logon_tod;              /* the TOD clock at LOGON: connect time */
	char account[9];                 /* the directory's ACCOUNT */
	uint32_t punched, printed, read; /* spool cards punched, lines printed, cards read (acct_spool) */
};
struct user {
	bool used;
	char id[9];
	char classes[9];
	uint32_t storage_kb;
	struct term *term;               /* NULL: disconnected */
	struct vm *vm;
	struct settings set;
	/* DIAGNOSE 8 (diag.c) sees each line user_printf writes first while it
	 * runs the guest's command; true: it took the line (NULL: none) */
	bool (*capture)(struct user *u, const char *line);
	struct acct_user acct;           /* what the accounting record at LOGOFF counts (acct.c) */
};
enum { MAX_USERS = 1024 }; /* slots; each user's console state and machine come from heap.c */
extern struct user cp_users[MAX_USERS];
struct user *user_find(const char *id);
/* LOGON from terminal t: a message for the terminal when it fails (NULL: done). */
const char *user_logon(struct term *t, const char *id, const char *password);
void user_logoff(struct user *u);
void user_disconnect(struct user *u);
void user_printf(struct user *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* MSG, WARNING from another user: false when u refuses it (SET MSG OFF, SET WNG OFF) */
bool user_message(struct user *u, const char *from, const char *kind, const char *text);
void user_input(struct user *u, char *line);    /* a line typed at the user's console */
void user_attention(struct user *u);            /* PA1: stop the machine, CP READ */

/* ---- terminals: a 3270 display (display.c) or a line-mode 3215 (linemode.c) ----
 * What CP does with a terminal is the same for both kinds: the ops say how. */
struct term_ops {
	void (*line)(struct term *t, const char *text);   /* a line of output for the user */
	void (*attach)(struct term *t, struct user *u);   /* the user's console from now on */
	void (*detach)(struct term *t, const char *msg);  /* back to the logon prompt, msg shown */
	void (*set_more)(struct term *t, int seconds);    /* TERMINAL MORE (NULL: not a display) */
	void (*status)(struct term *t);                   /* the machine's state changed (NULL: none shown) */
};
struct term {
	const struct term_ops *ops;
	struct rdev *d;
	struct user *u; /* logged on here, or NULL */
};
static inline void term_line(struct term *t, const char *text) { t->ops->line(t, text); }
static inline void term_attach(struct term *t, struct user *u) { t->ops->attach(t, u); }
static inline void term_detach(struct term *t, const char *msg) { t->ops->detach(t, msg); }
static inline uint16_t term_addr(const struct term *t) { return t->d->addr; }
static inline void term_status(struct term *t)
{
	if (t->ops->status)
		t->ops->status(t);
}

void disp_init(void);                              /* a terminal for every display */
void disp_event(struct rdev *d, uint8_t status);   /* status it presented by itself */
void disp_update(void);                            /* paint the consoles whose output changed */
void line_init(void);                              /* a terminal for every line-mode console */
void line_event(struct rdev *d, uint8_t status);

/* ---- cmd.c: CP commands ---- */
void cmd_execute(struct user *u, char *line);
char *cmd_word(char **p);                       /* the next blank-separated word, split off in place */
bool cmd_abbrev(const char *w, const char *name); /* w abbreviates name (capitals: the shortest form) */
bool cmd_allowed(struct user *u, const char *cmd, const char *classes); /* or says it is not */
bool cmd_vaddr(const char *w, uint16_t *out);   /* a device address, 1-3 hex digits */

/* ---- cmd_oper.c: operating CP: FORCE WARNING SHUTDOWN VARY EXTERNAL; QUERY SYSTEM, ALL ---- */
void oper_force(struct user *u, char *rest);    /* (A) FORCE userid */
void oper_warning(struct user *u, char *rest);  /* (A, B) WARNING userid|ALL text */
void oper_broadcast(struct user *u, const char *kind, char *to, const char *text); /* ... and MSG ALL */
void oper_shutdown(struct user *u);             /* (A) SHUTDOWN */
void oper_vary(struct user *u, char *rest);     /* (B) VARY ONLINE|OFFLINE raddr */
void oper_external(struct user *u, char *rest); /* (G) EXTERNAL: the interrupt key */
bool oper_query(struct user *u, const char *w, char *rest); /* QUERY SYSTEM, ALL, ACCOUNT; false: not one */

/* ---- acct.c: accounting records (VM/370's 80-byte cards) ---- */
void acct_logon(struct user *u, const char account[8]); /* LOGON: the clock starts */
void acct_logoff(struct user *u);               /* LOGOFF: a type 01 record */
void acct_attach(struct rdev *d);               /* ATTACH: the device's clock starts */
void acct_detach(struct user *u, struct rdev *d); /* a dedicated device leaves u: a type 02 record */
void acct_spool(struct user *u, char kind, uint32_t n); /* n cards punched (P), lines printed (L), cards read (R) */
bool acct_next(uint8_t card[80]);               /* the oldest record kept, taken off the queue; false: none */
void acct_query(struct user *u);                /* QUERY ACCOUNT: the records waiting, decoded */

/* ---- trace.c: TRACE, trap and emulate made visible ---- */
enum { TRACE_SVC = 1, TRACE_PROG = 2, TRACE_EXT = 4, TRACE_IO = 8, TRACE_PRIV = 16, TRACE_INSTR = 32,
       TRACE_BRANCH = 64, TRACE_CCW = 128 };
enum { TRACE_TERM = 1, TRACE_PRINT = 2 };
void trace_cmd(struct user *u, char *rest);     /* TRACE events [TERMINAL|PRINTER|BOTH] [RUN|NORUN], TRACE END */
void trace_query(struct user *u);               /* QUERY TRACE */
void trace_end(struct user *u);                 /* TRACE END, or LOGOFF */
/* The calls from vmrun.c, one per event (each does nothing unless the machine is traced): */
void trace_reflect(struct vm *v, uint32_t old_at, uint16_t code); /* an interruption reflected */
void trace_priv(struct user *u, uint32_t ia, const uint8_t *b); /* a privileged instruction simulated */
uint8_t trace_io(struct user *u, uint32_t ia, const uint8_t *b, uint8_t cc); /* SIO TIO HIO TCH: cc passes */
bool trace_dispatch(struct user *u);            /* before the guest runs: PER set up; false: it stopped */
uint16_t trace_per(struct user *u, uint16_t code, uint8_t ilc); /* a PER event: the code left for CP */

/* ---- sched.c: which machine runs next ---- */
struct user *sched_next(void);                  /* a runnable machine's user, interactive first; NULL none */
void sched_interactive(struct vm *v);           /* its user gave it a line: Q1 */
void sched_ran(struct vm *v, uint64_t tod);     /* it ran this long (TOD units) */
void sched_logon(struct vm *v);                 /* a new machine: share 100, not favored */
void sched_logoff(struct vm *v);                /* it goes: out of the dispatch list */
void sched_set(struct user *u, const char *what, char *rest); /* SET SHARE|FAVORED userid ... (class A) */
void sched_indicate(struct user *u, const struct vm *v); /* INDICATE USER: its CPU time and share */
void sched_lists(uint32_t *dispatched, uint32_t *eligible);   /* INDICATE LOAD: how many in each list */

/* ---- load.c: INDICATE LOAD ---- */
void load_idle(uint64_t tod);                   /* the main loop waited this long (TOD units) */
void load_stack_paint(void);                    /* at start-up: the stack's unused part marked (INDICATE LOAD) */
void indicate_load(struct user *u);

/* ---- cmd_define.c: DEFINE; the operator's ATTACH and DETACH of real devices ---- */
void define_cmd(struct user *u, char *rest);
void attach_cmd(struct user *u, char *rest);
void detach_real_cmd(struct user *u, char *raddr, char *from, char *rest);
void define_release(struct user *u, struct vdev *d); /* d leaves u's machine (DETACH): a real device is free */
const char *define_cp_uses(struct rdev *d);          /* why CP cannot give d to a user, or NULL */
void define_logoff(struct user *u);                  /* ... all of them (LOGOFF) */
void define_query_dasd(struct user *u);              /* QUERY DASD: the real disks, who has them */
const char *rdev_kind(const struct rdev *r);         /* DASD, TAPE, RDR, PUN, PRT, GRAF, CONS or DEV */

/* ---- spool.c: spool files on the system volume (spool_dev.c: the guest's
 * unit record devices; spool_cmd.c: the commands; spool_real.c: the real
 * printer, punch and reader) ---- */
enum { SPOOL_MAX_FILES = 256 };
enum { SPF_OPEN = 1, SPF_HOLD = 2, SPF_SYSHOLD = 4, SPF_READING = 8 };
struct spool_file {
	uint16_t id;                 /* spool id 1-9999; 0: the slot is free */
	char queue;                  /* R: its owner's reader; P, L: the real punch's, printer's queue */
	char devtype;                /* what wrote it: P a punch, L a printer, R the real reader */
	char cls;                    /* its class, A-Z or 0-9 */
	uint8_t flags;               /* SPF_*: OPEN, not yet closed (in no checkpoint) */
	uint16_t copies;
	uint16_t first, last, nblocks; /* its chain of blocks (numbers + 1; 0: none yet) */
	uint32_t records;
	uint32_t seq;                /* its place in its queue (ORDER) */
	char owner[9], origin[9];    /* whose queue it is in; who made it */
	char fn[9], ft[9], dist[9];  /* CLOSE NAME fn ft, DIST */
	char date[12];               /* "mm/dd hh:mm", when it was opened */
	char tag[137];               /* TAG */
};
struct spool_cursor {            /* a place in a file being read */
	struct spool_file *f;
	uint16_t block;              /* +1; 0: not started */
	uint32_t off, recno;
};
extern struct spool_file spool_files[SPOOL_MAX_FILES];
void spool_start(void);                          /* at IPL: the area, the warm start */
bool spool_ready(void);                          /* there is a spool area */
void spool_copy(char *dst, const char *src, size_t n); /* at most n characters, then zeros to dst[n] */
bool spool_checkpoint(void);
struct spool_file *spool_find(uint16_t id);
struct spool_file *spool_create(const char *origin, char devtype, char cls); /* open; NULL: no room */
bool spool_put(struct spool_file *f, uint8_t cmd, const uint8_t *data, uint16_t n); /* a record */
void spool_close(struct spool_file *f);          /* complete: in the checkpoint */
void spool_purge(struct spool_file *f);
int spool_get(struct spool_cursor *c, uint8_t *cmd, uint8_t *data, uint16_t max); /* a record; -1 end */
bool spool_get_block(struct spool_cursor *c, uint8_t *out); /* the next 4K block; false: end */
uint32_t spool_new_seq(void);
void spool_space(uint32_t *blocks, uint32_t *free_blocks);
/* spool_dev.c */
void spool_dev_run(struct user *u, struct vdev *d, uint8_t key, uint32_t at); /* SIO on a spooled device */
void spool_logoff(struct user *u);               /* its open files closed, its devices' state gone */
void spool_detach(struct user *u, struct vdev *d); /* DETACH: the same for one device */
struct spool_dev;
struct spool_dev *spool_dev_of(struct vm *v, uint16_t vaddr, bool make);
/* Close a printer's or punch's file (purge: thrown away; hold 1, 0, -1: as SPOOL said;
 * fn, ft, dist NULL: none given): its id, 0 when none was open. */
uint16_t spool_dev_close_out(struct user *u, struct vdev *d, bool purge, int hold, const char *fn, const char *ft,
                             const char *dist);
void spool_dev_reader_done(struct spool_dev *s, bool keep); /* the reader's file: purged or kept */
/* SPOOL's options of a device (-1, NULL: unchanged) */
void spool_dev_set(struct spool_dev *s, int cont, int hold, int copies, const char *to, int for_, int noeof);
void spool_dev_get(const struct spool_dev *s, bool *cont, bool *hold, int *copies, const char **to, bool *for_,
                   bool *noeof);
const char *spool_dev_tag(struct spool_dev *s, const char *text); /* TAG DEV: set (text) and get */
struct spool_file *spool_dev_file(struct spool_dev *s);
struct spool_cursor *spool_dev_cursor(struct user *u, struct vdev *d, bool open); /* the reader's file */
uint32_t *spool_dev_diag_after(struct spool_dev *s);
/* SPOOL CONSOLE START|STOP: the console's lines, typed and shown, into a
 * printer spool file (spool_console_line: user.c, vio.c call it) */
void spool_console_start(struct user *u, struct vdev *con, struct spool_dev *s, bool on);
bool spool_console_started(const struct spool_dev *s);
void spool_console_line(struct user *u, const char *text);
void spool_to_front(struct spool_file *f);       /* first in its owner's queue */
/* spool_cmd.c: SPOOL CLOSE PURGE ORDER CHANGE TAG TRANSFER; QUERY RDR PRT PUN FILES */
bool spool_cmd(struct user *u, const char *w, char *rest);   /* false: not a spooling command */
bool spool_query(struct user *u, const char *w, char *rest); /* false: not a spooling QUERY */
/* diag14.c: DIAGNOSE X'14', input spool file manipulation */
void diag14(struct user *u, unsigned rx, unsigned ry, uint8_t ilc);
/* spool_real.c: START, DRAIN; the real reader's cards into spool files */
void spool_real_event(struct rdev *d, uint8_t status);
void spool_real_poll(void);                      /* started printers and punches write their queues */
bool spool_real_cmd(struct user *u, const char *w, char *rest); /* START, DRAIN; false: neither */

/* ---- tdisk.c: temporary disks (DEFINE T3350 vaddr CYL n) ---- */
/* n cylinders of T-disk space on a volume of type, cleared: NULL and where,
 * or why not (the text of a message). */
const char *tdisk_get(uint16_t type, uint16_t cyls, struct rdev **real, uint16_t *start);
bool tdisk_volume(const struct rdev *d);        /* d holds T-disk space (so it is CP's) */
void tdisk_query(struct user *u);               /* the space, and how much is free */

/* ---- cmd_set.c: SET, SLEEP ---- */
void set_cmd(struct user *u, char *rest);
void sleep_cmd(struct user *u, char *rest);
void set_logon(struct user *u);                 /* LOGON: the defaults, a console state of its own */
void set_logoff(struct user *u);                /* LOGOFF: what SET took (the PF key texts) goes back */
const char *set_pf_text(const struct user *u, int n); /* what PFn enters ("" nothing) */
void set_query(struct user *u);                 /* QUERY SET */
void set_query_pf(struct user *u, const char *w); /* QUERY PF, QUERY PFnn */
/* A CP message (S37xxxnnnE text: severity E, W, S or T) as SET EMSG wants
 * it shown: false to show nothing, else out holds the line (other lines
 * pass unchanged). */
bool set_emsg_filter(uint8_t emsg, const char *line, char *out, size_t size);
/* The console's state between the terminal and CP (display.c, user.c):
 * SLEEP (asleep until an attention or the time), and with SET RUN ON the
 * CP READ that PA1 puts up while the machine goes on running. */
bool set_asleep(const struct user *u);
bool set_wake(struct user *u);                  /* an attention: true when it woke the session */
bool set_cp_read(const struct user *u);         /* RUN ON: a CP READ is up, the machine runs */
void set_enter_cp_read(struct user *u);
bool set_take_cp_read(struct user *u);          /* the line typed is for CP: true (the CP READ ends) */

/* ---- diag58.c: DIAGNOSE X'58', the virtual 3270 (display.c shows it) ---- */
bool diag58(struct user *u, const uint8_t *b, uint8_t ilc);
void diag58_attention(struct user *u);          /* the user pressed a key for the guest's screen */
/* The display ended the write or read disp_fs_write/disp_fs_read started
 * (FS_LATER): its unit status, sense byte 0 after a unit check, a read's
 * data (got bytes at in). */
void diag58_io_end(struct user *u, int st, uint8_t sense, const uint8_t *in, uint32_t got);
/* display.c's side: the guest's data stream on the user's display.  Each
 * returns the unit status of the operation (sense byte 0 in *sense after a
 * unit check); X'8E' when the screen is CP's now (the guest must Erase/Write);
 * FS_LATER when the display has it now and diag58_io_end tells its end. */
enum { FS_SWITCHED = US_ATTN | US_CE | US_DE | US_UC, FS_LATER = 0x100 };
void disp_fs_cancel(struct term *t);            /* the machine was reset: nobody waits for its I/O */
bool disp_client_gone(struct term *t);          /* a display whose client has gone (LOGON: user.c) */
int disp_fs_write(struct term *t, uint8_t cmd, const uint8_t *ds, uint32_t n, bool pa1_to_guest, uint8_t *sense);
int disp_fs_read(struct term *t, uint8_t cmd, uint8_t *buf, uint32_t size, uint32_t *got, uint8_t *sense);
int disp_fs_lines(struct term *t, uint8_t ctl, const uint8_t *data, uint32_t n); /* X'19' */

#endif
