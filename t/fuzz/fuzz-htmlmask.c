/*
 * A libFuzzer target for common/htmlmask.c: the input, parsed by
 * html_read() and by libxml2 alone with each option set the filters
 * use, must give the same tree, serialised; abort() if not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "htmlmask.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* libxml2's complaints about the input, which is often not HTML. */
static void
quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static const int options[] = {
	HTML_READ_PASS, HTML_READ_XHTML, HTML_READ_TEXT
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *s = (const char *)data;
	htmlDocPtr a, b;
	xmlChar *da = NULL, *db = NULL;
	int na = 0, nb = 0;
	size_t k;
	long how;

	xmlSetGenericErrorFunc(NULL, quiet);
	if (n == 0 || memchr(data, '\0', n) != NULL)
		return 0;	/* the filters never parse these */
	for (k = 0; k < sizeof(options) / sizeof(options[0]); k++) {
		a = htmlReadMemory(s, (int)n, NULL, "UTF-8", options[k]);
		b = html_read(s, n, options[k], &how);
		if ((a == NULL) != (b == NULL))
			abort();
		if (a != NULL) {
			htmlDocDumpMemoryFormat(a, &da, &na, 0);
			htmlDocDumpMemoryFormat(b, &db, &nb, 0);
			if (na != nb || (na > 0 && memcmp(da, db, (size_t)na)))
				abort();
			xmlFree(da);
			xmlFree(db);
		}
		xmlFreeDoc(a);
		xmlFreeDoc(b);
	}
	return 0;
}
