/* A libFuzzer target for the IR reader alone: every record, every field. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quire.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Keeps the reads from being optimised away. */
volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static char *argv[] = { "-", NULL };
	struct ir_reader *r;
	struct ir_record rec;
	static FILE *devnull;
	FILE *in, *saved = stdin, *saved_err = stderr;
	char *copy, u[UUID_LEN];
	size_t i, k, sum = 0, len;
	int rc;

	msg_prog = "fuzz-ir";
	copy = malloc(n + 1);
	memcpy(copy, data, n);
	in = n > 0 ? fmemopen(copy, n, "r") : fopen("/dev/null", "r");
	if (in == NULL)
		abort();
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	stdin = in;
	stderr = devnull;
	r = ir_reader_open(1, argv);
	while ((rc = ir_read(r, &rec)) != 0) {
		if (rc < 0)
			continue;
		/* Touch every byte the reader hands out. */
		for (k = 0; k < IR_NFIELDS; k++)
			for (i = 0; i < rec.len[k]; i++)
				sum += (unsigned char)rec.f[k][i];
		for (i = 0; i < rec.tags.n; i++)
			sum += strlen(rec.tags.v[i]);
		for (i = 0; i < rec.authors.n; i++)
			sum += strlen(rec.authors.v[i]);
		for (i = 0; i < rec.categories.n; i++)
			sum += strlen(rec.categories.v[i]);
		ir_id_uuid(&rec, u);
		sum += strlen(ir_id_domain(&rec, &len) ? u : "");
	}
	ir_reader_close(r);
	stdin = saved;
	stderr = saved_err;
	fclose(in);
	free(copy);
	sink = sum;
	return 0;
}
