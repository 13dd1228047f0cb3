/*
 * zip.h: a small, reproducible ZIP writer on zlib.
 *
 * Entries are written in the order they are added, each with the same
 * fixed time, no extra field and no data descriptor, so the same
 * entries give the same bytes.  The output need not be seekable: an
 * entry is compressed before its header is written, in memory
 * (zip_add()) or into a spill stream (zip_begin()).  No ZIP64: an
 * archive over 4 GiB or 65535 entries is refused.
 *
 * Memory does not grow with the number of entries: the central
 * directory goes to a spill stream (quire.h) as the entries are
 * written, so past 64 KiB of it (about a thousand entries) it is in a
 * temporary file in $TMPDIR, copied out by zip_close().
 *
 * Entries can be compressed ahead on other threads (zip_pack()) and
 * added in order (zip_add_packed()), with the bytes of one thread.
 */
#ifndef QUIRE_ZIP_H
#define QUIRE_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "quire.h"

/* How an entry's bytes are kept. */
enum zip_method { ZIP_STORE = 0, ZIP_DEFLATE = 8 };

struct zip;

/*
 * Start an archive on fp (not owned: the caller closes it); every
 * entry gets the time t (clamped to 1980-2107, two-second steps).
 */
struct zip *zip_open(FILE *fp, int64_t t);

/*
 * Add the entry name holding p[0..n), compressed and written before
 * zip_add() returns (p is not kept).  Returns 0, or -1 after a message
 * (too large, too many entries, a zlib failure or a write error); the
 * archive is then unusable except for zip_free().
 */
int zip_add(struct zip *z, const char *name, const void *p, size_t n,
    enum zip_method how);

/*
 * Entries deflated ahead, on any thread, then added in order: the
 * thread that deflates has its own stream, a zip_deflater from
 * zip_deflater_new() (about 270 KiB once used; freed by
 * zip_deflater_free(), NULL is fine), or for the caller's thread the
 * archive's own, zip_deflater(z), which must not be used between
 * zip_begin() and zip_end().
 */
struct zip_deflater;
struct zip_deflater *zip_deflater_new(void);
void zip_deflater_free(struct zip_deflater *d);
struct zip_deflater *zip_deflater(struct zip *z);

/* An entry deflated ahead; zero it (or BUF_INIT its data) to start. */
struct zip_packed {
	struct buf data;	/* the deflated bytes, owned */
	uint64_t   usize;	/* bytes before */
	uint32_t   crc;		/* CRC-32 of those */
	int        zerr;	/* zlib could not deflate them */
};

/*
 * Deflate p[0..n) into pk (its data is emptied and reused) with d, as
 * zip_add() deflates an entry: the same bytes.  Runs on any thread;
 * touches only d and pk.  A failure is kept in pk->zerr, for
 * zip_add_packed() to report.
 */
void zip_pack(struct zip_deflater *d, const void *p, size_t n,
    struct zip_packed *pk);

/*
 * Add the entry name, deflated by zip_pack(), after those added
 * before it: the bytes zip_add() gives it with ZIP_DEFLATE.  pk is
 * copied, not kept.  Returns 0, or -1 after a message, as zip_add().
 */
int zip_add_packed(struct zip *z, const char *name,
    const struct zip_packed *pk);

/*
 * Add the entry name whose bytes come in pieces: zip_begin(), then
 * zip_write() as often as needed (p[0..n) is not kept: the caller may
 * reuse it at once), then zip_end(); no other entry may be added in
 * between.  The pieces are compressed as they come, on the caller's thread, into a
 * spill stream; zip_end() writes the header and copies them out.  The
 * bytes are those zip_add() gives the whole entry, and neither the
 * entry nor its compressed bytes are ever held whole in memory: a
 * spill stream's 64 KiB and zlib's state.  Each returns 0, or -1 after
 * a message (as zip_add(), or a temporary file that cannot be made,
 * written or read); the archive is then unusable except for
 * zip_free().
 */
int zip_begin(struct zip *z, const char *name, enum zip_method how);
int zip_write(struct zip *z, const void *p, size_t n);
int zip_end(struct zip *z);

/*
 * Write the central directory and the end of the archive, and free
 * z.  Returns 0, or -1 after a message; z is freed either way.
 */
int zip_close(struct zip *z);

/* Free z without finishing the archive (after a failure). */
void zip_free(struct zip *z);

#endif
