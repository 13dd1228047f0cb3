/*
 * shortcode.c: Hugo shortcodes, {{< name args >}} and {{% name args %}},
 * for the template pass of sitemd.c.  The built-ins write what Hugo's
 * own templates write for a reader (figure, a link for an embedded
 * video, post or gist, a code block for highlight, an aside for an
 * alert); any other shortcode is removed, its inner content kept,
 * with one note.  {{</\* x *\/>}} is Hugo's way to show a shortcode as
 * text, and becomes {{< x >}}.
 */
#include <stdlib.h>
#include <string.h>

#include "sitemd.h"

/* The most a shortcode's own text may span, in bytes. */
#define SC_MAX	4096

struct sc {
	char            d;		/* '<' or '%' */
	int             close;		/* {{< /name >}} */
	char            name[64];
	struct smd_args a;
	size_t          len;		/* bytes of the whole shortcode */
	unsigned long   line;
};

typedef void sc_fn(struct sitemd *, struct sc *, const char *, const char *);

static sc_fn sc_figure, sc_video, sc_social, sc_gist, sc_ref, sc_param,
    sc_aside, sc_details;

/*
 * The built-ins.  paired: the shortcode takes content up to its
 * closing tag (highlight is handled apart, since its content is
 * code).  arg: a value the function reads (a URL pattern, a class).
 */
static const struct sc_builtin {
	const char *name;
	sc_fn      *fn;
	const char *arg;
} builtins[] = {
	{ "figure", sc_figure, NULL },
	{ "youtube", sc_video, "https://www.youtube.com/watch?v=%s" },
	{ "vimeo", sc_video, "https://vimeo.com/%s" },
	{ "instagram", sc_video, "https://www.instagram.com/p/%s/" },
	{ "x", sc_social, "https://x.com/%s/status/%s" },
	{ "tweet", sc_social, "https://twitter.com/%s/status/%s" },
	{ "twitter", sc_social, "https://twitter.com/%s/status/%s" },
	{ "gist", sc_gist, NULL },
	{ "ref", sc_ref, NULL },
	{ "relref", sc_ref, NULL },
	{ "param", sc_param, NULL },
	{ "details", sc_details, NULL },
	/* Docsy's and common themes' callouts: an aside. */
	{ "alert", sc_aside, "alert" },
	{ "note", sc_aside, "note" },
	{ "notice", sc_aside, "notice" },
	{ "warning", sc_aside, "warning" },
	{ "tip", sc_aside, "tip" },
	{ "callout", sc_aside, "callout" },
	{ "admonition", sc_aside, "admonition" },
	{ "pageinfo", sc_aside, "pageinfo" },
};

/* Parse the shortcode at s; 0 when it is not one. */
static size_t
parse(const char *s, const char *end, struct sc *sc)
{
	const char *p = s + 3, *lim, *n0, *a0, *a1;
	size_t nn;

	memset(sc, 0, sizeof(*sc));
	sc->d = s[2];
	lim = end - s > SC_MAX ? s + SC_MAX : end;
	while (p < lim && strchr(" \t\n", *p) != NULL)
		p++;
	if (p < lim && *p == '/') {
		sc->close = 1;
		p++;
		while (p < lim && strchr(" \t\n", *p) != NULL)
			p++;
	}
	n0 = p;
	while (p < lim && (((*p | 32) >= 'a' && (*p | 32) <= 'z') ||
	    (*p >= '0' && *p <= '9') || strchr("_-./", *p) != NULL))
		p++;
	nn = (size_t)(p - n0);
	if (nn == 0 || nn >= sizeof(sc->name))
		return 0;
	memcpy(sc->name, n0, nn);
	a0 = p;
	while (p + 2 < lim) {
		if (*p == '"' || *p == '`') {
			char q = *p++;

			while (p < lim && *p != q)
				p += *p == '\\' && q == '"' ? 2 : 1;
			p++;
			continue;
		}
		if (p[0] == (sc->d == '<' ? '>' : '%') && p[1] == '}' &&
		    p[2] == '}')
			break;
		p++;
	}
	if (p + 2 >= lim)
		return 0;
	a1 = p;
	while (a1 > a0 && strchr(" \t\n/", a1[-1]) != NULL)
		a1--;
	smd_args_parse(&sc->a, a0, (size_t)(a1 - a0));
	return (size_t)(p + 3 - s);
}

/* Where the closing shortcode of name starts, at or after s; or NULL. */
static const char *
find_close(const char *s, const char *end, const char *name, size_t *len)
{
	struct sc c;
	const char *p;
	size_t k;

	for (p = s; (p = memchr(p, '{', (size_t)(end - p))) != NULL; p++) {
		if (end - p < 3 || p[1] != '{' || (p[2] != '<' && p[2] != '%'))
			continue;
		if ((k = parse(p, end, &c)) > 0 && c.close &&
		    strcmp(c.name, name) == 0) {
			smd_args_free(&c.a);
			*len = k;
			return p;
		}
		smd_args_free(&c.a);
	}
	return NULL;
}

/* Hugo's figure: <figure><a><img></a><figcaption><h4>...</figure>. */
static void
sc_figure(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *src = smd_arg(&sc->a, "src", 0), *v;
	const char *title = smd_arg(&sc->a, "title", -1);
	const char *cap = smd_arg(&sc->a, "caption", -1);
	const char *attr = smd_arg(&sc->a, "attr", -1);
	const char *lnk = smd_arg(&sc->a, "link", -1);
	struct smd_out *o = &m->a;
	static const char *const dims[] = { "width", "height", NULL };
	int i;

	(void)arg;
	(void)inner;
	if (src == NULL) {
		smd_note(m, SMD_SHORTCODE, sc->line, "shortcode 'figure' "
		    "without src removed");
		return;
	}
	if (o->text) {
		/* The image, its caption as a paragraph below. */
		smd_image(o, src, (v = smd_arg(&sc->a, "alt", -1)) != NULL ? v :
		    cap != NULL ? cap : title);
		if (title != NULL || cap != NULL) {
			smd_emits(o, "\n\n");
			smd_emits(o, title != NULL ? title : cap);
			if (title != NULL && cap != NULL) {
				smd_emits(o, ": ");
				smd_emits(o, cap);
			}
		}
		m->expanded[SMD_SHORTCODE]++;
		return;
	}
	smd_emits(o, "<figure");
	if ((v = smd_arg(&sc->a, "class", -1)) != NULL) {
		smd_emits(o, " class=\"");
		smd_esc(o, v, strlen(v));
		smd_emits(o, "\"");
	}
	smd_emits(o, ">");
	if (lnk != NULL) {
		smd_emits(o, "<a href=\"");
		smd_esc(o, lnk, strlen(lnk));
		smd_emits(o, "\">");
	}
	smd_emits(o, "<img src=\"");
	smd_esc(o, src, strlen(src));
	smd_emits(o, "\" alt=\"");
	if ((v = smd_arg(&sc->a, "alt", -1)) != NULL ||
	    (v = cap) != NULL || (v = title) != NULL)
		smd_esc(o, v, strlen(v));
	smd_emits(o, "\"");
	for (i = 0; dims[i] != NULL; i++)
		if ((v = smd_arg(&sc->a, dims[i], -1)) != NULL) {
			smd_emits(o, " ");
			smd_emits(o, dims[i]);
			smd_emits(o, "=\"");
			smd_esc(o, v, strlen(v));
			smd_emits(o, "\"");
		}
	smd_emits(o, " />");
	if (lnk != NULL)
		smd_emits(o, "</a>");
	if (title != NULL || cap != NULL || attr != NULL) {
		smd_emits(o, "<figcaption>");
		if (title != NULL) {
			smd_emits(o, "<h4>");
			smd_esc(o, title, strlen(title));
			smd_emits(o, "</h4>");
		}
		if (cap != NULL || attr != NULL) {
			smd_emits(o, "<p>");
			if (cap != NULL)
				smd_esc(o, cap, strlen(cap));
			if (cap != NULL && attr != NULL)
				smd_emits(o, " ");
			if (attr != NULL) {
				if ((v = smd_arg(&sc->a, "attrlink", -1)) !=
				    NULL)
				{
					smd_emits(o, "<a href=\"");
					smd_esc(o, v, strlen(v));
					smd_emits(o, "\">");
					smd_esc(o, attr, strlen(attr));
					smd_emits(o, "</a>");
				}
				else
					smd_esc(o, attr, strlen(attr));
			}
			smd_emits(o, "</p>");
		}
		smd_emits(o, "</figcaption>");
	}
	smd_emits(o, "</figure>");
	m->expanded[SMD_SHORTCODE]++;
}

/* An embedded video or post: a link to it, its title as the text. */
static void
sc_video(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *id = smd_arg(&sc->a, "id", 0);
	const char *title = smd_arg(&sc->a, "title", -1);
	struct buf url = BUF_INIT;

	(void)inner;
	if (id == NULL) {
		smd_note(m, SMD_SHORTCODE, sc->line, "shortcode '%s' without "
		    "an id removed", sc->name);
		return;
	}
	if (url_has_scheme(id))
		buf_adds(&url, id);
	else
		buf_printf(&url, arg, id);
	smd_link(&m->a, url.p, title != NULL ? title : url.p);
	buf_free(&url);
	m->expanded[SMD_SHORTCODE]++;
}

static void
sc_social(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *user = smd_arg(&sc->a, "user", 0);
	const char *id = smd_arg(&sc->a, "id", 1);
	struct buf url = BUF_INIT;

	(void)inner;
	if (user == NULL || id == NULL) {
		smd_note(m, SMD_SHORTCODE, sc->line, "shortcode '%s' without "
		    "user and id removed", sc->name);
		return;
	}
	buf_printf(&url, arg, user, id);
	smd_link(&m->a, url.p, url.p);
	buf_free(&url);
	m->expanded[SMD_SHORTCODE]++;
}

static void
sc_gist(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *user = smd_arg(&sc->a, NULL, 0);
	const char *id = smd_arg(&sc->a, NULL, 1);
	const char *file = smd_arg(&sc->a, NULL, 2);
	struct buf url = BUF_INIT;

	(void)arg;
	(void)inner;
	if (user == NULL || id == NULL) {
		smd_note(m, SMD_SHORTCODE, sc->line, "shortcode 'gist' without "
		    "user and id removed");
		return;
	}
	buf_printf(&url, "https://gist.github.com/%s/%s", user, id);
	smd_link(&m->a, url.p, file != NULL ? file : url.p);
	buf_free(&url);
	m->expanded[SMD_SHORTCODE]++;
}

/* A ref whose post the run cannot find (smd_unfound). */
static const struct msg_kind unfound = { &smd_unfound, "ref shortcode",
	"ref shortcodes" };

/* ref, relref: the URL of the post the path names. */
static void
sc_ref(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *path = smd_arg(&sc->a, "path", 0);
	char *url = NULL;
	int found = 0;

	(void)arg;
	(void)inner;
	if (path != NULL && m->post_url != NULL)
		url = m->post_url(m->arg, path, &found);
	if (url == NULL) {
		smd_note(m, SMD_SHORTCODE, sc->line, "shortcode '%s': no post "
		    "for '%s'; the path is kept", sc->name, path ? path : "");
		if (path != NULL)
			smd_emits(&m->a, path);
		return;
	}
	if (!found)
		smd_knote(m, SMD_SHORTCODE, &unfound, sc->line, "shortcode "
		    "'%s': no post '%s' here: linked as %s", sc->name,
		    path, url);
	smd_emits(&m->a, url);
	free(url);
	m->expanded[SMD_SHORTCODE]++;
}

static void
sc_param(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *name = smd_arg(&sc->a, "name", 0);
	char *v = NULL;

	(void)arg;
	(void)inner;
	if (name != NULL && m->param != NULL)
		v = m->param(m->arg, name);
	if (v == NULL) {
		smd_note(m, SMD_SHORTCODE, sc->line, "shortcode 'param': no "
		    "value for '%s'", name ? name : "");
		return;
	}
	smd_esc(&m->a, v, strlen(v));
	free(v);
	m->expanded[SMD_SHORTCODE]++;
}

/* An aside: opening and closing shortcodes each come here. */
static void
sc_aside(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *t = smd_arg(&sc->a, "title", -1);

	(void)inner;
	if (sc->close) {
		container_close(&m->a, "", 0);
		return;
	}
	container_open(&m->a, "", 0, arg, strlen(arg), t, t ? strlen(t) : 0);
	m->expanded[SMD_SHORTCODE]++;
}

static void
sc_details(struct sitemd *m, struct sc *sc, const char *arg, const char *inner)
{
	const char *t = smd_arg(&sc->a, "summary", -1);

	(void)arg;
	(void)inner;
	if (!smd_line_start(&m->a))
		smd_emits(&m->a, "\n");
	if (sc->close) {
		if (!m->text)
			smd_emits(&m->a, "\n</details>\n");
		return;
	}
	if (m->text) {
		smd_emits(&m->a, "**");
		smd_emits(&m->a, t ? t : "Details");
		smd_emits(&m->a, "**\n\n");
		m->expanded[SMD_SHORTCODE]++;
		return;
	}
	smd_emits(&m->a, "<details>\n<summary>");
	smd_esc(&m->a, t ? t : "Details", strlen(t ? t : "Details"));
	smd_emits(&m->a, "</summary>\n\n");
	m->expanded[SMD_SHORTCODE]++;
}

/* highlight: its content as a fenced code block of that language. */
static size_t
highlight(struct sitemd *m, struct sc *sc, const char *s, const char *end)
{
	const char *body = s + sc->len, *close;
	const char *lang = smd_arg(&sc->a, "lang", 0);
	size_t clen, f;

	if ((m->miss & SMD_MISS_HIGHLIGHT) || (close = find_close(body, end,
	    "highlight", &clen)) == NULL) {
		m->miss |= SMD_MISS_HIGHLIGHT;
		smd_note(m, SMD_SHORTCODE, sc->line, "shortcode 'highlight' "
		    "is not closed; removed");
		smd_skip(&m->a, s, sc->len);
		return sc->len;
	}
	f = smd_fence_open(&m->a, body, (size_t)(close - body),
	    lang != NULL ? lang : "", lang != NULL ? strcspn(lang, " \t\n`") :
	    0);
	smd_skip(&m->a, s, sc->len);
	if (body < close && *body != '\n')
		smd_emits(&m->a, "\n");
	smd_copy(&m->a, body, (size_t)(close - body));
	smd_fence_close(&m->a, f);
	smd_skip(&m->a, close, clen);
	m->expanded[SMD_SHORTCODE]++;
	return (size_t)(close + clen - s);
}

size_t
shortcode_at(struct sitemd *m, const char *s, const char *end)
{
	const char *p = s + 3, *q, *lim;
	const char *close = s[2] == '<' ? "*/>}}" : "*/%}}";
	struct sc sc;
	size_t i, k;

	/* {{</\* x *\/>}}: the shortcode as text. */
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
		lim = end - s > SC_MAX ? s + SC_MAX : end;
		for (q = p + 2; q + 5 <= lim; q++)
			if (memcmp(q, close, 5) == 0) {
				smd_emit(&m->a, s, 3);
				smd_emit(&m->a, p + 2, (size_t)(q - p - 2));
				smd_emit(&m->a, close + 2, 3);
				smd_skip(&m->a, s, (size_t)(q + 5 - s));
				return (size_t)(q + 5 - s);
			}
		return 0;
	}
	if ((k = parse(s, end, &sc)) == 0)
		return 0;
	sc.len = k;
	sc.line = smd_fline(&m->a);
	if (strcmp(sc.name, "highlight") == 0 && !sc.close) {
		k = highlight(m, &sc, s, end);
		smd_args_free(&sc.a);
		return k;
	}
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(sc.name, builtins[i].name) == 0)
			break;
	if (i < sizeof(builtins) / sizeof(builtins[0])) {
		if (!sc.close || builtins[i].fn == sc_aside ||
		    builtins[i].fn == sc_details)
			builtins[i].fn(m, &sc, builtins[i].arg, NULL);
	} else if (!sc.close) {
		smd_note(m, SMD_SHORTCODE, sc.line, "shortcode '%s' is not "
		    "known: removed, its content kept", sc.name);
	}
	smd_skip(&m->a, s, k);
	smd_args_free(&sc.a);
	return k;
}
