/* panel_input.h — the panel's command line: editing, history, completion.
 *
 * Keys are ncurses key codes (ordinary characters, KEY_LEFT, KEY_UP ...).
 * Editing: Left/Right, Home/End (^A/^E), Backspace, Delete, ^U (erase to
 * the start), ^K (erase to the end); Up/Down walk the history of entered
 * lines; Tab completes a command name from the command table.
 */
#ifndef S370_PANEL_INPUT_H
#define S370_PANEL_INPUT_H

#include <stdbool.h>
#include <stddef.h>

enum { PANEL_EDIT_MAX = 1000, PANEL_HISTORY = 200 };

struct panel_edit {
	char buf[PANEL_EDIT_MAX + 1];
	size_t len, cur;
	char *hist[PANEL_HISTORY]; /* oldest first */
	int nhist;
	int hpos;                       /* index into hist while walking it; nhist = the new line */
	char saved[PANEL_EDIT_MAX + 1]; /* the new line while walking the history */
};

void panel_edit_init(struct panel_edit *e);
void panel_edit_free(struct panel_edit *e);
void panel_edit_set(struct panel_edit *e, const char *text); /* replace the line, cursor at the end */
/* One key: true when it was Enter (the line is in buf; the caller takes it
 * and calls panel_edit_accept()).  Keys it does not know are ignored. */
bool panel_edit_key(struct panel_edit *e, int key);
/* The line was taken: into the history (not blank, not a repeat), then empty. */
void panel_edit_accept(struct panel_edit *e);
/* Tab: complete the command name under the cursor from names[] (NULL-ended).
 * Returns the number of candidates; with several, msg lists them. */
int panel_edit_complete(struct panel_edit *e, const char *const *names, char *msg, size_t msglen);

#endif
