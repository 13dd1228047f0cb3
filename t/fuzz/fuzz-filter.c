/*
 * A libFuzzer target around one whole filter: the filter's source is
 * compiled with main renamed to filter_main (see the Makefile's fuzz
 * rules), the input becomes its standard input, and its output goes to
 * /dev/null.  FUZZ_ARGS, when set at build time, are extra arguments
 * (md2ir gets -b so that URL resolution is fuzzed too).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int filter_main(int, char *[]);

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static FILE *devnull;
	char *argv[] = { "fuzz", FUZZ_ARGS NULL };
	FILE *in, *saved_in = stdin, *saved_out = stdout, *saved_err = stderr;
	char *copy;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	/* fmemopen refuses a size of 0; give it one byte it cannot read. */
	copy = malloc(n + 1);
	memcpy(copy, data, n);
	in = n > 0 ? fmemopen(copy, n, "r") : fopen("/dev/null", "r");
	if (in == NULL)
		abort();
	stdin = in;
	stdout = devnull;
	/* Messages are expected; sanitizer reports go to fd 2 still. */
	stderr = devnull;
	optind = 1;
	filter_main((int)(sizeof(argv) / sizeof(argv[0])) - 1, argv);
	stdin = saved_in;
	stdout = saved_out;
	stderr = saved_err;
	fclose(in);
	free(copy);
	return 0;
}
