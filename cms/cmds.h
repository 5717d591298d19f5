/* cmds.h — the commands of the nucleus (cmd.c's table), one function each,
 * given the words of the line (struct cms_args, cms.h). */
#ifndef CMS_CMDS_H
#define CMS_CMDS_H

#include "cms.h"
#include "cmsfs.h"

cms_cmd_fn cms_cmd_access, cms_cmd_release, cms_cmd_format;                  /* cmd_disk.c */
cms_cmd_fn cms_cmd_listfile, cms_cmd_type, cms_cmd_state, cms_cmd_erase;     /* cmd_file.c */
cms_cmd_fn cms_cmd_rename, cms_cmd_copyfile;                                 /* cmd_copy.c */
cms_cmd_fn cms_cmd_query, cms_cmd_set;                                       /* cmd_query.c */
cms_cmd_fn cms_cmd_cp;                                                       /* cmd.c */
cms_cmd_fn cms_cmd_print, cms_cmd_punch, cms_cmd_readcard;                  /* cmd_spool.c */
cms_cmd_fn cms_cmd_sendfile, cms_cmd_receive, cms_cmd_disk;                 /* cmd_spool_send.c */
cms_cmd_fn cms_cmd_rdrlist, cms_cmd_peek;                                    /* cmd_spool_list.c */
cms_cmd_fn cms_cmd_help;                                                     /* cmd_help.c */
cms_cmd_fn cms_cmd_xedit, cms_cmd_edit, cms_cmd_filelist;                    /* xedit_scr.c, edit.c, filelist.c */
const char *cms_cmd_fullname(const char *name); /* a command's full name from an abbreviation, or NULL */

/* EXEC (cmd_exec.c): whether NAME EXEC is on an accessed disk; run it. */
bool cms_exec_exists(const char *name);
int cms_exec(const char *name, const char *args);

/* blk.c: the virtual device at vaddr as numbered 4K blocks (cmsfs.h), or
 * NULL (and a message said why). */
struct cms_blkdev *cms_blk_open(uint16_t vaddr);

/* Parse a file identifier from words w[0..n-1] (fn ft [fm]); fm defaults to
 * def ("*" or "A1").  RC_BADNAME with the message said. */
int cms_parse_fileid(struct cms_fileid *id, char **w, int n, const char *def, const char *msgid);

/* cmd_file.c: the words of a command line before its options (the first word
 * starting with '('), returned, and the options with their parentheses
 * taken off into o[0..*nopt-1]; -1 after "msgid Too many options" when
 * there are more than max. */
enum { CMS_MAX_WORDS = 32 }; /* words of a command line (cmd.c): o of this size never overflows */
int cms_split_options(struct cms_args *a, char **o, int max, int *nopt, const char *msgid);

/* cmd_file.c: every file a pattern matches, in an array from cms_alloc
 * (the caller frees it). */
int cms_match(const struct cms_fileid *pattern, struct cms_fst **out, int *n);

#endif
