/*
 * qtest: a window on common/ for the shell tests.
 *
 *   qtest put line|text      stdin as one value, written as the IR does
 *   qtest put list           stdin lines as values of a list field
 *   qtest field N [file...]  field N (1-based) of each record, decoded;
 *                            list values one per line
 *   qtest date STRING        date_parse, printed in the IR form
 *   qtest fmt EPOCH          the IR, RFC 822 and asctime forms
 *   qtest url BASE REF       url_resolve
 *   qtest host URL           url_host
 *   qtest uuid NAME          uuid_v5 in the URL namespace
 *   qtest sha1 (stdin)       SHA-1 of stdin in hex
 *   qtest author STRING      ir_author_split, as "name|address"
 *   qtest lang STRING        ir_lang_ok: exit 0 for a good tag
 */
#include <stdlib.h>
#include <string.h>

#include "quire.h"

static int
put(const char *kind)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	char **v = NULL, *p, *nl;
	size_t n = 0;

	if (buf_slurp(&in, stdin) < 0)
		return 1;
	if (in.p == NULL)
		buf_adds(&in, "");
	if (strcmp(kind, "line") == 0) {
		ir_put_line(&out, in.p, in.n);
	} else if (strcmp(kind, "text") == 0) {
		ir_put_text(&out, in.p, in.n);
	} else if (strcmp(kind, "list") == 0) {
		for (p = in.p; *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			if (nl == NULL)
				nl = p + strlen(p);
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n++] = xstrndup(p, (size_t)(nl - p));
			if (*nl == '\0')
				break;
		}
		ir_put_list(&out, (const char *const *)v, n);
		while (n-- > 0)
			free(v[n]);
		free(v);
	} else {
		return 2;
	}
	fwrite(out.p ? out.p : "", 1, out.n, stdout);
	putchar('\n');
	buf_free(&in);
	buf_free(&out);
	return 0;
}

static int
field(int k, int argc, char *argv[])
{
	struct ir_reader *r = ir_reader_open(argc, argv);
	struct ir_record rec;
	const struct ir_list *l;
	size_t i;
	int rc;

	while ((rc = ir_read(r, &rec)) != 0) {
		if (rc < 0)
			continue;
		if (ir_field_kind(k) == IR_KIND_LIST) {
			l = k == IR_AUTHORS ? &rec.authors : k == IR_TAGS ?
			    &rec.tags : &rec.categories;
			for (i = 0; i < l->n; i++)
				printf("%s\n", l->v[i]);
		} else {
			fwrite(rec.f[k], 1, rec.len[k], stdout);
			putchar('\n');
		}
	}
	return ir_reader_close(r) > 0 ? 1 : 0;
}

int
main(int argc, char *argv[])
{
	char a[DATE_IR_LEN], b[DATE_822_LEN], c[DATE_ASC_LEN], u[UUID_LEN];
	struct buf out = BUF_INIT;
	unsigned char md[20];
	struct sha1 ctx;
	const char *h;
	int64_t t;
	size_t n;
	int i;

	msg_init(argc, argv, "put|field|date|fmt|url|host|uuid|sha1|author|lang ...");
	if (argc < 2)
		msg_usage();
	if (strcmp(argv[1], "put") == 0 && argc == 3)
		return put(argv[2]);
	if (strcmp(argv[1], "field") == 0 && argc >= 3) {
		i = atoi(argv[2]);
		if (i < 1 || i > IR_NFIELDS)
			msg_usage();
		return field(i - 1, argc - 3, argv + 3);
	}
	if (strcmp(argv[1], "date") == 0 && argc == 3) {
		if (date_parse(argv[2], &t) < 0) {
			puts("error");
			return 1;
		}
		date_fmt_ir(t, a);
		puts(a);
		return 0;
	}
	if (strcmp(argv[1], "fmt") == 0 && argc == 3) {
		t = strtoll(argv[2], NULL, 10);
		date_fmt_ir(t, a);
		date_fmt_822(t, b);
		date_fmt_asc(t, c);
		printf("%s\n%s\n%s\n", a, b, c);
		return 0;
	}
	if (strcmp(argv[1], "url") == 0 && argc == 4) {
		url_resolve(argv[2], argv[3], &out);
		puts(out.p);
		buf_free(&out);
		return 0;
	}
	if (strcmp(argv[1], "norm") == 0 && argc == 3) {
		url_normalize(&out, argv[2]);
		puts(out.p);
		buf_free(&out);
		return 0;
	}
	if (strcmp(argv[1], "host") == 0 && argc == 3) {
		h = url_host(argv[2], &n);
		printf("%.*s\n", h ? (int)n : 0, h ? h : "");
		return h == NULL;
	}
	if (strcmp(argv[1], "uuid") == 0 && argc == 3) {
		uuid_v5(argv[2], strlen(argv[2]), u);
		puts(u);
		return 0;
	}
	if (strcmp(argv[1], "author") == 0 && argc == 3) {
		const char *nm, *ad;
		size_t nn, na;

		ir_author_split(argv[2], &nm, &nn, &ad, &na);
		printf("%.*s|%s%.*s\n", (int)nn, nm, ad ? "" : "(none)",
		    (int)na, ad ? ad : "");
		return 0;
	}
	if (strcmp(argv[1], "lang") == 0 && argc == 3)
		return !ir_lang_ok(argv[2], strlen(argv[2]));
	if (strcmp(argv[1], "sha1") == 0) {
		struct buf in = BUF_INIT;

		buf_slurp(&in, stdin);
		sha1_init(&ctx);
		sha1_update(&ctx, in.p ? in.p : "", in.n);
		sha1_final(&ctx, md);
		for (i = 0; i < 20; i++)
			printf("%02x", md[i]);
		putchar('\n');
		buf_free(&in);
		return 0;
	}
	msg_usage();
}
