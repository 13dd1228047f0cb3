/*
 * arena.h: a per-issue arena allocator for cmark-gfm (cmark_mem).
 *
 * cmark-gfm makes and frees hundreds of thousands of small blocks per
 * issue (nodes, text chunks, buffers); with the arena they are carved
 * from a few large chunks and all given back at once when the issue is
 * done, and the tree need not be walked to be freed.  Blocks of 16 KiB
 * or more (long buffers: the rendered HTML) go to malloc(3) directly,
 * so that growing them costs no copies in the arena.
 *
 * One arena per thread (thread-local state: md2ir -j runs one issue a
 * thread).  Out of memory: msg_oom() (cmark-gfm cannot take NULL).
 */
#ifndef QUIRE_ARENA_H
#define QUIRE_ARENA_H

#include <setjmp.h>

#include <cmark-gfm.h>

/*
 * Start this thread's arena; returns the allocator to give
 * cmark_parser_new_with_mem().  Everything allocated through it (the
 * parser, the tree, the string cmark_render_html() returns) stays
 * valid until arena_end(), and must not be passed to free(3).
 */
cmark_mem *arena_begin(void);

/* Give back everything allocated since arena_begin(). */
void arena_end(void);

/*
 * Bound the bytes cmark-gfm may allocate for this thread's issue, in
 * all (freeing gives nothing back to the count; arena_end() zeroes
 * it), while armed: the allocation that would pass budget does not
 * return but longjmp()s to *bail with the value 1, the arena left as
 * it was, and disarmed.  The caller's setjmp() frame must still be
 * live; what cmark-gfm held is the arena's, so arena_end() frees it
 * all (the parser must not be used again).  On posts cmark-gfm
 * allocates up to a few hundred bytes a byte of Markdown (2 KiB for
 * text dense with e-mail autolinks); the bound catches its quadratic
 * paths (a table header tried line after line, link titles copied at
 * every reference) long before they exhaust memory.
 * arena_disarm() stops the bound; armed or not, the count goes on.
 */
void arena_arm(jmp_buf *bail, size_t budget);
void arena_disarm(void);

#endif
