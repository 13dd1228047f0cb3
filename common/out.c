/*
 * out.c: output that replaces its target only on success.  The output
 * goes to a temporary file in the target's folder, renamed over the
 * target by out_close(); a failed or killed run leaves the target as
 * it was.  One output file per process.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quire.h"

static char *target;
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

FILE *
out_open(const char *path)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGPIPE };
	const char *slash, *base;
	struct stat st;
	size_t i;
	mode_t mask;
	FILE *fp;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	if (*base == '\0') {
		msg_err(path, 0, "is a directory");
		return NULL;
	}
	target = xstrdup(path);
	tmppath = xmalloc(strlen(path) + 16);
	snprintf(tmppath, strlen(path) + 16, "%.*s.%s.XXXXXX",
	    (int)(base - path), path, base);
	if ((fd = mkstemp(tmppath)) < 0) {
		msg_err(path, 0, "cannot create a temporary file beside it: %s",
		    strerror(errno));
		return NULL;
	}
	tmp_live = 1;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_signal);
	/* The new file gets the old one's mode, else 0666 less umask. */
	if (stat(path, &st) == 0) {
		fchmod(fd, st.st_mode & 07777);
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((fp = fdopen(fd, "wb")) == NULL) {
		msg_err(path, 0, "%s", strerror(errno));
		close(fd);
		unlink(tmppath);
		tmp_live = 0;
		return NULL;
	}
	return fp;
}

int
out_close(FILE *fp, int ok)
{
	int err = 0;

	errno = 0;
	if (fflush(fp) != 0 || ferror(fp))
		err = errno ? errno : EIO;
	if (fp == stdout) {
		if (ok && err != 0)
			msg_err(NULL, 0, "write error: %s", strerror(err));
		return ok && err == 0 ? 0 : -1;
	}
	if (ok && err == 0 && fsync(fileno(fp)) != 0 && errno != EINVAL)
		err = errno;
	if (fclose(fp) != 0 && err == 0)
		err = errno ? errno : EIO;
	if (ok && err == 0 && rename(tmppath, target) != 0)
		err = errno;
	if (ok && err != 0)
		msg_err(target, 0, "write error: %s; left as it was",
		    strerror(err));
	if (!ok || err != 0)
		unlink(tmppath);
	tmp_live = 0;
	free(tmppath);
	free(target);
	tmppath = target = NULL;
	return ok && err == 0 ? 0 : -1;
}
