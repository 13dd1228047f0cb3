/*
 * liquid.c: Jekyll's Liquid in a post, for the template pass of
 * sitemd.c.  Tags {% name args %} (with Liquid's {%- -%} trimming
 * marks) and the outputs {{ site.url }} and {{ site.baseurl }}; other
 * {{ ... }} outputs are left as they are.  The built-ins: highlight
 * (a fenced code block), raw (its content literal), comment (gone),
 * link and post_url (the post's URL), for (not run: removed with its
 * body); every other tag is dropped with a note, the text between a
 * block's tags kept.
 */
#include <stdlib.h>
#include <string.h>

#include "sitemd.h"

/* The most a tag's own text may span, in bytes. */
#define LQ_MAX	2048

struct tag {
	char            name[32];
	const char     *args;
	size_t          nargs, len;
	unsigned long   line;
};

typedef size_t lq_fn(struct sitemd *, struct tag *, const char *,
    const char *);

static lq_fn lq_highlight, lq_raw, lq_comment, lq_link, lq_end, lq_for;

/* The built-ins; a NULL function drops the tag without a note. */
static const struct lq_builtin {
	const char *name;
	lq_fn      *fn;
} builtins[] = {
	{ "highlight", lq_highlight },
	{ "raw", lq_raw },
	{ "comment", lq_comment },
	{ "link", lq_link },
	{ "post_url", lq_link },
	{ "for", lq_for },
	/* Closing tags of blocks whose opening tag had its note. */
	{ "endif", lq_end }, { "endfor", lq_end }, { "endunless", lq_end },
	{ "endcase", lq_end }, { "endcapture", lq_end },
	{ "endraw", lq_end }, { "endhighlight", lq_end },
	{ "else", lq_end }, { "elsif", lq_end }, { "when", lq_end },
};

/* Parse the tag at s ("{%"); 0 when it is not one. */
static size_t
parse(const char *s, const char *end, struct tag *t)
{
	const char *p = s + 2, *lim, *n0, *a1;
	size_t nn;

	memset(t, 0, sizeof(*t));
	lim = end - s > LQ_MAX ? s + LQ_MAX : end;
	if (p < lim && *p == '-')
		p++;
	while (p < lim && strchr(" \t\n", *p) != NULL)
		p++;
	n0 = p;
	while (p < lim && (((*p | 32) >= 'a' && (*p | 32) <= 'z') ||
	    (*p >= '0' && *p <= '9') || *p == '_'))
		p++;
	nn = (size_t)(p - n0);
	if (nn == 0 || nn >= sizeof(t->name))
		return 0;
	memcpy(t->name, n0, nn);
	t->args = p;
	for (; p + 1 < lim; p++) {
		if (*p == '"' || *p == '\'') {
			char q = *p;

			for (p++; p < lim && *p != q; p++)
				;
			if (p >= lim)
				return 0;
			continue;
		}
		if (p[0] == '%' && p[1] == '}')
			break;
	}
	if (p + 1 >= lim)
		return 0;
	a1 = p;
	if (a1 > t->args && a1[-1] == '-')
		a1--;
	while (a1 > t->args && strchr(" \t\n", a1[-1]) != NULL)
		a1--;
	while (t->args < a1 && strchr(" \t\n", *t->args) != NULL)
		t->args++;
	t->nargs = (size_t)(a1 - t->args);
	t->len = (size_t)(p + 2 - s);
	return t->len;
}

/* The tag {% name %} at or after s: where it starts, or NULL. */
static const char *
find_tag(const char *s, const char *end, const char *name, size_t *len)
{
	struct tag t;
	const char *p;

	for (p = s; (p = memchr(p, '{', (size_t)(end - p))) != NULL; p++)
		if (end - p >= 2 && p[1] == '%' && parse(p, end, &t) > 0 &&
		    strcmp(t.name, name) == 0) {
			*len = t.len;
			return p;
		}
	return NULL;
}

/* The block's end tag, or NULL (remembered, so no search repeats). */
static const char *
block_end(struct sitemd *m, const char *s, const char *end, const char *name,
    unsigned bit, size_t *len)
{
	const char *e;

	if (m->miss & bit)
		return NULL;
	if ((e = find_tag(s, end, name, len)) == NULL)
		m->miss |= bit;
	return e;
}

static size_t
lq_highlight(struct sitemd *m, struct tag *t, const char *s, const char *end)
{
	const char *body = s + t->len, *close;
	size_t clen, f, k;

	if ((close = block_end(m, body, end, "endhighlight",
	    SMD_MISS_ENDHIGHLIGHT, &clen)) ==
	    NULL) {
		smd_note(m, SMD_LIQUID, t->line, "Liquid 'highlight' is not "
		    "closed; removed");
		smd_skip(&m->a, s, t->len);
		return t->len;
	}
	f = smd_fence_open(&m->a, body, (size_t)(close - body), t->args,
	    strcspn(t->args, " \t\n`%"));
	smd_skip(&m->a, s, t->len);
	if (body < close && *body != '\n')
		smd_emits(&m->a, "\n");
	/* The code is literal, but for {% raw %} markers in it. */
	while (body < close) {
		const char *r = body, *e;
		struct tag x;

		while ((r = memchr(r, '{', (size_t)(close - r))) != NULL &&
		    !(close - r >= 2 && r[1] == '%' && parse(r, close, &x) > 0 &&
		    (strcmp(x.name, "raw") == 0 || strcmp(x.name, "endraw") ==
		    0)))
			r++;
		e = r != NULL ? r : close;
		smd_copy(&m->a, body, (size_t)(e - body));
		if (r == NULL)
			break;
		smd_skip(&m->a, r, x.len);
		body = r + x.len;
	}
	smd_fence_close(&m->a, f);
	smd_skip(&m->a, close, clen);
	m->expanded[SMD_LIQUID]++;
	k = (size_t)(close + clen - s);
	return k;
}

static size_t
lq_raw(struct sitemd *m, struct tag *t, const char *s, const char *end)
{
	const char *body = s + t->len, *close;
	size_t clen;

	smd_skip(&m->a, s, t->len);
	if ((close = block_end(m, body, end, "endraw", SMD_MISS_ENDRAW, &clen)) == NULL)
		close = end, clen = 0;
	smd_copy(&m->a, body, (size_t)(close - body));
	smd_skip(&m->a, close, clen);
	m->expanded[SMD_LIQUID]++;
	return (size_t)(close + clen - s);
}

static size_t
lq_comment(struct sitemd *m, struct tag *t, const char *s, const char *end)
{
	const char *close;
	size_t clen;

	smd_note(m, SMD_LIQUID, t->line, "Liquid comment removed");
	if ((close = block_end(m, s + t->len, end, "endcomment",
	    SMD_MISS_ENDCOMMENT, &clen)) ==
	    NULL)
		close = s + t->len, clen = 0;
	smd_skip(&m->a, s, (size_t)(close + clen - s));
	return (size_t)(close + clen - s);
}

/*
 * A loop is not run: its body, which names the loop's variable, would
 * reach the reader as template syntax.  It goes with a note.
 */
static size_t
lq_for(struct sitemd *m, struct tag *t, const char *s, const char *end)
{
	const char *close;
	size_t clen;

	smd_note(m, SMD_LIQUID, t->line, "Liquid loop 'for' is not run: "
	    "removed with its body");
	if ((close = block_end(m, s + t->len, end, "endfor", SMD_MISS_ENDFOR, &clen)) ==
	    NULL)
		close = s + t->len, clen = 0;
	smd_skip(&m->a, s, (size_t)(close + clen - s));
	return (size_t)(close + clen - s);
}

/* A link or post_url whose post the run cannot find (smd_unfound). */
static const struct msg_kind unfound = { &smd_unfound, "Liquid link",
	"Liquid links" };

static size_t
lq_link(struct sitemd *m, struct tag *t, const char *s, const char *end)
{
	char *ref = xstrndup(t->args, strcspn(t->args, " \t\n")), *url = NULL;
	int found = 0;

	(void)end;
	if (*ref != '\0' && m->post_url != NULL)
		url = m->post_url(m->arg, ref, &found);
	if (url == NULL) {
		smd_note(m, SMD_LIQUID, t->line, "Liquid '%s': no post for "
		    "'%s'; the name is kept", t->name, ref);
		smd_emits(&m->a, ref);
	} else {
		if (!found)
			smd_knote(m, SMD_LIQUID, &unfound, t->line, "Liquid "
			    "'%s': no post '%s' here: linked as %s",
			    t->name, ref, url);
		smd_emits(&m->a, url);
		m->expanded[SMD_LIQUID]++;
	}
	free(ref);
	free(url);
	smd_skip(&m->a, s, t->len);
	return t->len;
}

static size_t
lq_end(struct sitemd *m, struct tag *t, const char *s, const char *end)
{
	(void)end;
	smd_skip(&m->a, s, t->len);
	return t->len;
}

/*
 * {{ site.url }}, {{ site.baseurl }}, {{ site.KEY }} (a key of the site's
 * configuration, -c): their values; 0 for the rest.
 */
static size_t
output(struct sitemd *m, const char *s, const char *end)
{
	const char *p = s + 2, *lim = end - s > LQ_MAX ? s + LQ_MAX : end;
	const char *e, *e2, *v;
	char *key, *own = NULL;
	struct buf lit = BUF_INIT;
	size_t n;

	while (p < lim && (*p == ' ' || *p == '\n' || *p == '-'))
		p++;
	for (e = p; e + 1 < lim && !(e[0] == '}' && e[1] == '}'); e++)
		if (*e == '{' || (*e == '\n' && e[1] == '\n'))
			return 0;
	if (e + 1 >= lim)
		return 0;
	n = (size_t)(e - p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\n' ||
	    p[n - 1] == '-'))
		n--;
	if (n == 8 && memcmp(p, "site.url", 8) == 0)
		v = m->site_url;
	else if (n == 12 && memcmp(p, "site.baseurl", 12) == 0)
		v = m->baseurl;
	else if (n > 2 && (*p == '"' || *p == '\'') &&
	    (e2 = memchr(p + 1, *p, n - 1)) != NULL) {
		/* "path" | relative_url, "path" | absolute_url (Jekyll's). */
		const char *f = e2 + 1, *fe = p + n;

		while (f < fe && (*f == ' ' || *f == '|'))
			f++;
		if (fe - f == 12 && memcmp(f, "relative_url", 12) == 0)
			url_join(m->baseurl != NULL ? m->baseurl : "",
			    own = xstrndup(p + 1, (size_t)(e2 - p - 1)), &lit);
		else if (fe - f == 12 && memcmp(f, "absolute_url", 12) == 0 &&
		    m->site_url != NULL)
			url_join(m->site_url, own = xstrndup(p + 1,
			    (size_t)(e2 - p - 1)), &lit);
		else
			return 0;
		v = lit.p != NULL ? lit.p : "";
	} else if (n > 5 && memcmp(p, "site.", 5) == 0 &&
	    strcspn(p + 5, " |}") >= n - 5 && m->site_value != NULL) {
		/* Any other key of the site's configuration. */
		key = xstrndup(p + 5, n - 5);
		v = own = m->site_value(m->arg, key);
		free(key);
		if (v == NULL) {
			smd_note(m, SMD_LIQUID, smd_fline(&m->a), "Liquid "
			    "'%.*s' is not a key of the site's configuration; "
			    "removed", (int)n, p);
			smd_skip(&m->a, s, (size_t)(e + 2 - s));
			return (size_t)(e + 2 - s);
		}
	} else
		return 0;
	if (v == NULL) {
		smd_note(m, SMD_LIQUID, smd_fline(&m->a), "Liquid '%.*s' has "
		    "no value (md2ir -b sets it); removed", (int)n, p);
	} else {
		smd_emits(&m->a, v);
		m->expanded[SMD_LIQUID]++;
	}
	free(own);
	buf_free(&lit);
	smd_skip(&m->a, s, (size_t)(e + 2 - s));
	return (size_t)(e + 2 - s);
}

size_t
liquid_at(struct sitemd *m, const char *s, const char *end)
{
	struct tag t;
	size_t i;

	if (s[1] == '{')
		return output(m, s, end);
	if (parse(s, end, &t) == 0)
		return 0;
	t.line = smd_fline(&m->a);
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(t.name, builtins[i].name) == 0)
			return builtins[i].fn(m, &t, s, end);
	smd_note(m, SMD_LIQUID, t.line, "Liquid tag '%s' is not expanded: "
	    "removed", t.name);
	smd_skip(&m->a, s, t.len);
	return t.len;
}
