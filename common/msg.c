/* msg.c: messages, usage, and allocation that never fails quietly. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quire.h"

const char *msg_prog = "quire";
int msg_closed_fds;
static const char *usage_line = "";
static const struct msg_opt *opts;	/* the filter's, for -h */
int msg_level = MSG_SUMMARY;

/* The options every filter takes. */
static const struct msg_opt common_opts[] = {
	{ 'h', "help", NULL, "print this help and exit" },
	{ 'q', "quiet", NULL, "print errors only, not the summary of notes" },
	{ 'v', "verbose", NULL, "print every note, not only their summary" },
	{ 0, "version", NULL, "print the version and exit" },
	{ 0, NULL, NULL, NULL }
};

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
}

void
msg_usage(void)
{
	fprintf(stderr, "usage: %s %s\n", msg_prog, usage_line);
	exit(EXIT_USAGE);
}

/* One help line per option of o. */
static void
help_lines(const struct msg_opt *o)
{
	char left[64];

	for (; o != NULL && o->name != NULL; o++) {
		if (o->ch > 0 && o->ch < 256)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->ch,
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		printf("  %-28s %s\n", left, o->help);
	}
}

void
msg_help(void)
{
	printf("usage: %s %s\n", msg_prog, usage_line);
	if (opts != NULL) {
		printf("options:\n");
		help_lines(opts);
		help_lines(common_opts);
	}
	exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_DATA);
}

int
msg_getopt(int argc, char *argv[], const struct msg_opt *o)
{
	static struct option *lo;
	static char *so;
	static const struct msg_opt *built;
	const struct msg_opt *t[2];
	size_t n = 0, i, k, ns = 0;
	int c;

	if (built != o) {
		/* Build getopt_long's tables from ours, once per table. */
		free(lo);
		free(so);
		t[0] = o;
		t[1] = common_opts;
		for (k = 0; k < 2; k++)
			for (i = 0; t[k][i].name != NULL; i++)
				n++;
		lo = xcalloc(n + 1, sizeof(*lo));
		so = xcalloc(2 * n + 2, 1);
		so[ns++] = ':';
		n = 0;
		for (k = 0; k < 2; k++)
			for (i = 0; t[k][i].name != NULL; i++) {
				lo[n].name = t[k][i].name;
				lo[n].has_arg = t[k][i].arg != NULL ?
				    required_argument : no_argument;
				lo[n].val = t[k][i].ch != 0 ? t[k][i].ch :
				    'V' + 256;
				n++;
				if (t[k][i].ch > 0 && t[k][i].ch < 256) {
					so[ns++] = (char)t[k][i].ch;
					if (t[k][i].arg != NULL)
						so[ns++] = ':';
				}
			}
		built = o;
		opts = o;
	}
	for (;;) {
		c = getopt_long(argc, argv, so, lo, NULL);
		switch (c) {
		case 'h':
			msg_help();
		case 'V' + 256:
			printf("%s (quire) %s\n", msg_prog, QUIRE_VERSION);
			exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 :
			    EXIT_DATA);
		case 'q':
			msg_level = MSG_QUIET;
			continue;
		case 'v':
			msg_level = MSG_VERBOSE;
			continue;
		case ':':
			msg_err(NULL, 0, "option '%s' needs an argument",
			    argv[optind - 1]);
			msg_usage();
		case '?':
			if (optopt != 0)
				msg_err(NULL, 0, "unknown option '-%c'",
				    optopt);
			else
				msg_err(NULL, 0, "unknown option '%s'",
				    argv[optind - 1]);
			msg_usage();
		default:
			return c;
		}
	}
}

/* This thread's capture (msg_capture_begin), or NULL: stderr. */
static _Thread_local struct msg_capture *capture;

void
msg_verr(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	struct buf *b;

	if (capture != NULL) {
		b = &capture->text;
		buf_printf(b, "%s: ", msg_prog);
		if (file != NULL) {
			if (line > 0)
				buf_printf(b, "%s:%lu: ", file, line);
			else
				buf_printf(b, "%s: ", file);
		}
		buf_vprintf(b, fmt, ap);
		buf_addc(b, '\n');
		return;
	}
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
msg_note(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (msg_level < MSG_VERBOSE)
		return;
	va_start(ap, fmt);
	msg_verr(file, line, fmt, ap);
	va_end(ap);
}

/*
 * The notes counted for msg_summary(), by kind, in the order of each
 * kind's first note; only the thread that flushes captures (or works
 * without one) touches them.
 */
static struct counted {
	const struct msg_kind *k;
	unsigned long n;
} *counted;
static size_t ncounted;

static void
count(const struct msg_kind *k)
{
	size_t i;

	for (i = 0; i < ncounted; i++)
		if (counted[i].k == k) {
			counted[i].n++;
			return;
		}
	counted = xreallocarray(counted, ncounted + 1, sizeof(*counted));
	counted[ncounted].k = k;
	counted[ncounted++].n = 1;
}

void
msg_vknote(const struct msg_kind *k, const char *file, unsigned long line,
    const char *fmt, va_list ap)
{
	struct msg_capture *c = capture;

	if (c != NULL) {
		if (c->nnotes == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 8;
			c->notes = xreallocarray(c->notes, c->cap,
			    sizeof(*c->notes));
		}
		c->notes[c->nnotes++] = k;
	} else {
		count(k);
	}
	if (msg_level >= MSG_VERBOSE)
		msg_verr(file, line, fmt, ap);
}

void
msg_knote(const struct msg_kind *k, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vknote(k, file, line, fmt, ap);
	va_end(ap);
}

void
msg_summary(void)
{
	struct buf b = BUF_INIT, kinds = BUF_INIT;
	const struct msg_group *g;
	unsigned long total;
	size_t i, j, best;
	char *done;

	if (ncounted == 0 || msg_level != MSG_SUMMARY)
		goto forget;
	done = xcalloc(ncounted, 1);
	for (i = 0; i < ncounted; i++) {
		if (done[i])
			continue;
		/* Group of counted[i], whose first note came first. */
		g = counted[i].k->group;
		total = 0;
		for (j = i; j < ncounted; j++)
			if (counted[j].k->group == g)
				total += counted[j].n;
		buf_reset(&kinds);
		for (;;) {
			best = ncounted;
			for (j = i; j < ncounted; j++)
				if (!done[j] && counted[j].k->group == g &&
				    (best == ncounted ||
				    counted[j].n > counted[best].n))
					best = j;
			if (best == ncounted)
				break;
			done[best] = 1;
			buf_printf(&kinds, "%s%lu %s", kinds.n > 0 ? ", " : "",
			    counted[best].n, counted[best].n == 1 ?
			    counted[best].k->one : counted[best].k->many);
		}
		buf_printf(&b, "%s%lu %s (%s)", b.n > 0 ? "; " : "", total,
		    total == 1 ? g->one : g->many, kinds.p);
	}
	msg_err(NULL, 0, "%s; -v lists them", b.p);
	free(done);
	buf_free(&kinds);
	buf_free(&b);
forget:
	/* Counted afresh if main runs again (the fuzz target). */
	free(counted);
	counted = NULL;
	ncounted = 0;
}

struct msg_capture *
msg_capture_begin(struct msg_capture *c)
{
	struct msg_capture *prev = capture;

	capture = c;
	return prev;
}

void
msg_capture_end(void)
{
	capture = NULL;
}

void
msg_capture_mark(struct msg_capture *c)
{
	c->mark_text = c->text.n;
	c->mark_notes = c->nnotes;
}

void
msg_capture_cut(struct msg_capture *c)
{
	c->text.n = c->mark_text;
	if (c->text.p != NULL)
		c->text.p[c->text.n] = '\0';
	c->nnotes = c->mark_notes;
}

void
msg_capture_flush(struct msg_capture *c)
{
	size_t i;

	if (c->text.n > 0)
		fwrite(c->text.p, 1, c->text.n, stderr);
	for (i = 0; i < c->nnotes; i++)
		count(c->notes[i]);
	msg_capture_drop(c);
}

void
msg_capture_drop(struct msg_capture *c)
{
	buf_free(&c->text);
	free(c->notes);
	memset(c, 0, sizeof(*c));
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
