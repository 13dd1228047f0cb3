/* msg.c: messages, usage, and allocation that never fails quietly. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quire.h"

const char *msg_prog = "quire";
int msg_closed_fds;
static const char *usage_line = "";

/*
 * Give each of fds 0, 1 and 2 that is closed /dev/null, so that no
 * file opened later (an output, a spool) takes its place and receives
 * messages or is read as input.  The ones that were closed are
 * remembered in msg_closed_fds: reading a closed standard input and
 * writing to a closed standard output are errors, not silence.
 */
static void
fds_init(void)
{
	int fd, nul;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		msg_closed_fds |= 1 << fd;
		nul = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (nul < 0)
			_exit(EXIT_DATA);	/* no /dev/null: nowhere to say it */
		if (nul != fd) {
			/* A lower fd was still closed; cannot happen in order. */
			dup2(nul, fd);
			close(nul);
		}
	}
}

void
msg_init(int argc, char *argv[], const char *usage)
{
	const char *p;

	fds_init();
	if (argc > 0 && argv[0] != NULL && argv[0][0] != '\0') {
		p = strrchr(argv[0], '/');
		msg_prog = p != NULL ? p + 1 : argv[0];
	}
	usage_line = usage;
	/* Long options every filter answers, before getopt sees them. */
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("%s (quire) %s\n", msg_prog, QUIRE_VERSION);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_DATA);
	}
	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		msg_help();
}

void
msg_usage(void)
{
	fprintf(stderr, "usage: %s %s\n", msg_prog, usage_line);
	exit(EXIT_USAGE);
}

void
msg_help(void)
{
	printf("usage: %s %s\n", msg_prog, usage_line);
	exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_DATA);
}

void
msg_verr(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", msg_prog);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%lu: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
msg_err(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_verr(file, line, fmt, ap);
	va_end(ap);
}

void
msg_oom(void)
{
	fprintf(stderr, "%s: out of memory\n", msg_prog);
	exit(EXIT_DATA);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		msg_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		msg_oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		msg_oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		msg_oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
