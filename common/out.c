/*
 * out.c: output that replaces its target only on success, the way
 * sort -o and sed -i --follow-symlinks do.
 *
 * A regular target (or a missing one) is written to a temporary file
 * in its folder, renamed over it by out_close(): a failed or killed
 * run leaves the target as it was.  The temporary file has no name
 * while it is written (O_TMPFILE) where the file system allows it, so
 * kill -9 leaves nothing behind; elsewhere it gets a short name that
 * never passes NAME_MAX.  A symbolic link is followed: its target is
 * replaced, the link stays.  A target that is not a regular file (a
 * character device, a FIFO, /dev/stdout) is written to directly.  A
 * new content byte-identical to the old leaves the file untouched,
 * mtime included, so make(1) sees no change.
 *
 * Every output is a stdio stream over our own write function, which
 * keeps the errno of the first failed write: "write error: No space
 * left on device" however much stdio buffered.  One output per process.
 */
#define _GNU_SOURCE		/* fopencookie, O_TMPFILE, linkat */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quire.h"

#ifndef O_TMPFILE
#define O_TMPFILE 0
#endif

enum out_how { HOW_STDOUT, HOW_DIRECT, HOW_REPLACE };

static struct out {
	enum out_how  how;
	int           fd;
	int           werr;		/* errno of the first failed write */
	char         *target;		/* the file replaced (links followed) */
	char         *dir;		/* its folder, "." for none */
	int           anon;		/* the temporary file has no name */
	int           exists;		/* target was a regular file */
	struct stat   st;		/* of the target, when it exists */
} o;

/* The visible temporary name, if any; what the signal handler removes. */
static char *tmppath;
static volatile sig_atomic_t tmp_live;

/* On a fatal signal, remove the temporary file and die of the signal. */
static void
on_signal(int sig)
{
	if (tmp_live)
		unlink(tmppath);
	signal(sig, SIG_DFL);
	raise(sig);
}

static ssize_t
cookie_write(void *c, const char *p, size_t n)
{
	size_t done = 0;
	ssize_t k;

	(void)c;
	if (o.werr != 0) {
		errno = o.werr;
		return -1;
	}
	while (done < n) {
		k = write(o.fd, p + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			o.werr = k < 0 ? errno : ENOSPC;
			errno = o.werr;
			return done > 0 ? (ssize_t)done : -1;
		}
		done += (size_t)k;
	}
	return (ssize_t)done;
}

static FILE *
stream(void)
{
	static const cookie_io_functions_t io = { NULL, cookie_write, NULL,
	    NULL };
	/* One output per process, closed before the next: one buffer. */
	static char obuf[OUT_BUFSIZ];
	FILE *fp;

	if ((fp = fopencookie(&o, "w", io)) == NULL)
		msg_oom();
	setvbuf(fp, obuf, _IOFBF, sizeof(obuf));
	return fp;
}

/*
 * Follow the symbolic links of path (at most 40) to the name of the
 * file it stands for, which need not exist.  Returns a new string.
 */
static char *
follow(const char *path)
{
	char *cur = xstrdup(path), *lnk, *slash, *next;
	struct stat st;
	ssize_t k;
	size_t cap;
	int i;

	for (i = 0; i < 40; i++) {
		/* /proc/self/fd/N and /dev/fd/N are opened, not read as links. */
		if (strncmp(cur, "/proc/", 6) == 0 ||
		    strncmp(cur, "/dev/fd/", 8) == 0)
			break;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		cap = st.st_size > 0 ? (size_t)st.st_size + 1 : PATH_MAX;
		lnk = xmalloc(cap);
		if ((k = readlink(cur, lnk, cap - 1)) < 0) {
			free(lnk);
			break;
		}
		lnk[k] = '\0';
		if (lnk[0] == '/' || (slash = strrchr(cur, '/')) == NULL) {
			next = lnk;
		} else {
			next = xmalloc((size_t)(slash - cur) + 2 + (size_t)k);
			sprintf(next, "%.*s/%s", (int)(slash - cur), cur, lnk);
			free(lnk);
		}
		free(cur);
		cur = next;
	}
	return cur;
}

/* Nonzero if path names the process's standard output. */
static int
is_stdout_name(const char *path)
{
	return strcmp(path, "/dev/stdout") == 0 ||
	    strcmp(path, "/dev/fd/1") == 0 ||
	    strcmp(path, "/proc/self/fd/1") == 0;
}

/* Make the temporary file in o.dir; 0, or -1 after a message. */
static int
make_temp(const char *path, mode_t mode)
{
	static const char x[] = "/.quire-XXXXXX";

	o.anon = 0;
	if (O_TMPFILE != 0) {
		o.fd = open(o.dir, O_TMPFILE | O_RDWR | O_CLOEXEC, mode);
		if (o.fd >= 0) {
			o.anon = 1;
			return 0;
		}
	}
	/* No O_TMPFILE here: a short visible name, removed on failure. */
	tmppath = xmalloc(strlen(o.dir) + sizeof(x));
	sprintf(tmppath, "%s%s", o.dir, x);
	if ((o.fd = mkstemp(tmppath)) < 0) {
		msg_err(path, 0, "cannot create a temporary file beside it: %s",
		    strerror(errno));
		return -1;
	}
	tmp_live = 1;
	fchmod(o.fd, mode);
	return 0;
}

FILE *
out_open(const char *path)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGPIPE };
	const char *slash;
	size_t i;
	mode_t mask, mode;

	memset(&o, 0, sizeof(o));
	o.fd = -1;
	if (path != NULL && strcmp(path, "-") != 0)
		o.target = follow(path);
	if (o.target == NULL || is_stdout_name(o.target)) {
		free(o.target);
		o.target = NULL;
		if (msg_closed_fds & 2) {
			msg_err(NULL, 0, "standard output is closed");
			return NULL;
		}
		/* stdout's own fd, which a test harness may have replaced. */
		fflush(stdout);
		o.how = HOW_STDOUT;
		o.fd = fileno(stdout);
		return stream();
	}
	if (stat(o.target, &o.st) == 0 && (!S_ISREG(o.st.st_mode) ||
	    strncmp(o.target, "/proc/", 6) == 0 ||
	    strncmp(o.target, "/dev/fd/", 8) == 0)) {
		if (S_ISDIR(o.st.st_mode)) {
			msg_err(path, 0, "is a directory");
			goto fail;
		}
		/*
		 * A device, a FIFO or another fd of ours (/dev/stderr): write
		 * to it, never rename over it.
		 */
		o.how = HOW_DIRECT;
		if ((o.fd = open(o.target, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
			msg_err(path, 0, "%s", strerror(errno));
			goto fail;
		}
		return stream();
	}
	o.how = HOW_REPLACE;
	o.exists = S_ISREG(o.st.st_mode) && o.st.st_nlink > 0;
	if ((slash = strrchr(o.target, '/')) == NULL)
		o.dir = xstrdup(".");
	else if (slash == o.target)
		o.dir = xstrdup("/");
	else
		o.dir = xstrndup(o.target, (size_t)(slash - o.target));
	if (slash != NULL && slash[1] == '\0') {
		msg_err(path, 0, "is a directory");
		goto fail;
	}
	/* The old file's permissions (never set-id), else 0666 less umask. */
	mask = umask(0);
	umask(mask);
	mode = o.exists ? o.st.st_mode & 0777 : 0666 & ~mask;
	if (make_temp(path, mode) < 0)
		goto fail;
	if (o.exists) {
		/* Keep the owner and group where we may; no set-id bits. */
		if (fchown(o.fd, o.st.st_uid, o.st.st_gid) != 0)
			(void)fchown(o.fd, (uid_t)-1, o.st.st_gid);
		fchmod(o.fd, o.st.st_mode & 0777);
	}
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_signal);
	return stream();
fail:
	free(o.target);
	free(o.dir);
	o.target = o.dir = NULL;
	return NULL;
}

/* Nonzero if the temporary file holds the same bytes as the target. */
static int
same_bytes(void)
{
	char a[65536], b[65536];
	struct stat st;
	off_t off = 0;
	ssize_t ka, kb;
	int fd, same = 0;

	if (!o.exists || fstat(o.fd, &st) != 0 || st.st_size != o.st.st_size)
		return 0;
	if ((fd = open(o.target, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	for (;;) {
		ka = pread(o.fd, a, sizeof(a), off);
		kb = read(fd, b, sizeof(b));
		if (ka < 0 || kb < 0 || ka != kb || memcmp(a, b, (size_t)ka) != 0)
			break;
		if (ka == 0) {
			same = 1;
			break;
		}
		off += ka;
	}
	close(fd);
	return same;
}

/* Give the anonymous temporary file a short name in o.dir; 0 or errno. */
static int
name_temp(void)
{
	static const char x[] = "/.quire-XXXXXX";
	char proc[64];
	int fd, e;

	tmppath = xmalloc(strlen(o.dir) + sizeof(x));
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", o.fd);
	for (;;) {
		/* mkstemp finds a free name; linkat cannot replace it. */
		sprintf(tmppath, "%s%s", o.dir, x);
		if ((fd = mkstemp(tmppath)) < 0)
			return errno;
		close(fd);
		unlink(tmppath);
		if (linkat(o.fd, "", AT_FDCWD, tmppath, AT_EMPTY_PATH) == 0 ||
		    linkat(AT_FDCWD, proc, AT_FDCWD, tmppath,
		    AT_SYMLINK_FOLLOW) == 0) {
			tmp_live = 1;
			return 0;
		}
		if ((e = errno) != EEXIST)
			return e;
	}
}

int
out_close(FILE *fp, int ok)
{
	int err, ret;

	errno = 0;
	if (fflush(fp) != 0 || ferror(fp))
		err = o.werr ? o.werr : errno ? errno : EIO;
	else
		err = o.werr;
	fclose(fp);
	if (o.how == HOW_STDOUT || o.how == HOW_DIRECT) {
		if (o.how == HOW_DIRECT)
			close(o.fd);
		if (ok && err != 0)
			msg_err(o.target, 0, "write error: %s", strerror(err));
		free(o.target);
		o.target = NULL;
		return ok && err == 0 ? 0 : -1;
	}
	if (ok && err == 0 && same_bytes()) {
		/* Nothing changed: the file and its mtime stay as they were. */
		ok = 2;
	} else if (ok && err == 0) {
		if (fsync(o.fd) != 0 && errno != EINVAL)
			err = errno;
		if (err == 0 && o.anon)
			err = name_temp();
		if (err == 0 && rename(tmppath, o.target) != 0)
			err = errno;
		if (err == 0)
			tmp_live = 0;
	}
	if (ok && err != 0)
		msg_err(o.target, 0, "write error: %s; left as it was",
		    strerror(err));
	if (tmp_live)
		unlink(tmppath);
	tmp_live = 0;
	close(o.fd);
	ret = ok && err == 0 ? 0 : -1;
	free(tmppath);
	free(o.target);
	free(o.dir);
	tmppath = o.target = o.dir = NULL;
	return ret;
}

/* Nonzero if name ends in a Markdown suffix: what md2ir reads. */
static int
is_markdown_name(const char *name)
{
	static const char *const sfx[] = { ".md", ".markdown", ".mdown",
	    ".mkd", ".mkdn", ".mdx" };
	size_t i, n = strlen(name), k;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		k = strlen(sfx[i]);
		if (n > k && strcasecmp(name + n - k, sfx[i]) == 0)
			return 1;
	}
	return 0;
}

int
out_refuse_input(const char *path, int argc, char *argv[])
{
	struct stat so, si;
	const char *dot;
	int i;

	if (path == NULL || strcmp(path, "-") == 0 || stat(path, &so) != 0 ||
	    !S_ISREG(so.st_mode))
		return 0;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0 || stat(argv[i], &si) != 0)
			continue;
		if (si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
			msg_err(path, 0, "-o names an input file; refusing to "
			    "replace it");
			return -1;
		}
	}
	/*
	 * A glob after -o ("md2ir -o posts/" "*.md"): the shell made the
	 * first post the output.  No filter writes Markdown, and an output
	 * named with an input's suffix is such a slip too.
	 */
	dot = strrchr(path, '.');
	for (i = 0; dot != NULL && strchr(dot, '/') == NULL && i < argc; i++) {
		const char *d = strrchr(argv[i], '.');

		if (d != NULL && strcmp(d, dot) == 0 && strchr(d, '/') == NULL)
			break;
	}
	if (is_markdown_name(path) || (dot != NULL && i < argc)) {
		msg_err(path, 0, "-o would replace an existing file named like "
		    "an input (a glob after -o?); refusing");
		return -1;
	}
	return 0;
}

FILE *
out_spool(char **iobuf)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	fd = O_TMPFILE != 0 ? open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600) :
	    -1;
	if (fd < 0) {
		path = xmalloc(strlen(dir) + 16);
		sprintf(path, "%s/quire-XXXXXX", dir);
		if ((fd = mkstemp(path)) >= 0)
			unlink(path);
		free(path);
	}
	if (iobuf != NULL)
		*iobuf = NULL;
	if (fd < 0 || (fp = fdopen(fd, "w+b")) == NULL) {
		msg_err(NULL, 0, "cannot create a temporary file in %s: %s",
		    dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (iobuf != NULL) {
		*iobuf = xmalloc(OUT_BUFSIZ);
		setvbuf(fp, *iobuf, _IOFBF, OUT_BUFSIZ);
	}
	return fp;
}
