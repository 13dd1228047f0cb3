/*
 * mailtest: a window on common/mail.c for t/0500-mail-escapers.t.
 *
 *   mailtest text NAME      stdin as the unstructured field NAME
 *   mailtest phrase NAME    stdin as a phrase in the field NAME
 *   mailtest keywords       stdin lines as the phrases of Keywords
 *   mailtest addr STRING    mail_addr_parse: "name|addr" or "invalid"
 *   mailtest domain STRING  mail_domain_ok: "ok" or "bad"
 *   mailtest clean          stdin through mail_hdr_clean
 *   mailtest qp             stdin quoted-printable
 *   mailtest mboxrd         stdin mboxrd-quoted
 */
#include <stdlib.h>
#include <string.h>

#include "mail.h"

int
main(int argc, char *argv[])
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct mail_hdr h;
	char *name, *addr, *p, *nl;
	int rc = 0;

	if (argc < 2)
		return 2;
	msg_init(argc, argv, "command [arg]");
	if (strcmp(argv[1], "addr") == 0 && argc == 3) {
		if (mail_addr_parse(argv[2], &name, &addr) < 0) {
			puts("invalid");
		} else {
			printf("%s|%s\n", name != NULL ? name : "", addr);
			free(name);
			free(addr);
		}
		return 0;
	}
	if (strcmp(argv[1], "domain") == 0 && argc == 3) {
		puts(mail_domain_ok(argv[2], strlen(argv[2])) ? "ok" : "bad");
		return 0;
	}
	if (buf_slurp(&in, stdin) < 0)
		return 1;
	buf_add(&in, "", 0);
	if (strcmp(argv[1], "text") == 0 && argc == 3) {
		mail_hdr_begin(&h, &out, argv[2]);
		mail_hdr_text(&h, in.p, in.n);
		mail_hdr_end(&h);
	} else if (strcmp(argv[1], "phrase") == 0 && argc == 3) {
		mail_hdr_begin(&h, &out, argv[2]);
		mail_hdr_phrase(&h, in.p, in.n);
		mail_hdr_end(&h);
	} else if (strcmp(argv[1], "keywords") == 0) {
		mail_hdr_begin(&h, &out, "Keywords");
		for (p = in.p; *p != '\0'; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				nl = p + strlen(p);
			if (p != in.p)
				mail_hdr_token(&h, ",", 1, 0);
			mail_hdr_phrase(&h, p, (size_t)(nl - p));
			if (*nl == '\0')
				break;
		}
		mail_hdr_end(&h);
	} else if (strcmp(argv[1], "clean") == 0) {
		mail_hdr_clean(&out, in.p, in.n);
	} else if (strcmp(argv[1], "qp") == 0) {
		mail_qp_encode(&out, in.p, in.n);
	} else if (strcmp(argv[1], "mboxrd") == 0) {
		mail_mboxrd_quote(&out, in.p, in.n);
	} else {
		rc = 2;
	}
	if (out.n > 0)
		fwrite(out.p, 1, out.n, stdout);
	buf_free(&in);
	buf_free(&out);
	return rc;
}
