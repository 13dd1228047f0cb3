/*
 * mdx.c: MDX in a post, for the line pass of sitemd.c: import and
 * export blocks (ESM), {/\* comments *\/}, and JSX components (tags
 * whose name starts with a capital letter).  Components in the table
 * mean something a reader can use (a link to a video, an image, an
 * aside); any other component is unwrapped, its children kept, or,
 * when it has none (<X />), removed; both with a note.
 */
#include <stdlib.h>
#include <string.h>

#include "sitemd.h"

/* The most a JSX tag may span, in bytes. */
#define JSX_MAX	8192

enum jsx_kind {
	J_LINK,		/* a link to src (or url, href, id), title as text */
	J_IMAGE,	/* an img of src and alt */
	J_ASIDE,	/* <aside class="name"> around the children */
	J_UNWRAP	/* the children, silently */
};

/*
 * Components of the MDX blogs quire has met.  arg: a URL pattern
 * for an id (J_LINK), the class (J_ASIDE).
 */
static const struct {
	const char    *name;
	enum jsx_kind  kind;
	const char    *arg;
} known[] = {
	{ "YouTubeIframe", J_LINK, "https://www.youtube.com/watch?v=%s" },
	{ "YouTube", J_LINK, "https://www.youtube.com/watch?v=%s" },
	{ "Youtube", J_LINK, "https://www.youtube.com/watch?v=%s" },
	{ "Vimeo", J_LINK, "https://vimeo.com/%s" },
	{ "Video", J_LINK, NULL },
	{ "Iframe", J_LINK, NULL },
	{ "IFrame", J_LINK, NULL },
	{ "Embed", J_LINK, NULL },
	{ "Tweet", J_LINK, "https://twitter.com/i/status/%s" },
	{ "Image", J_IMAGE, NULL },
	{ "Img", J_IMAGE, NULL },
	{ "Figure", J_IMAGE, NULL },
	{ "Gallery", J_UNWRAP, NULL },
	{ "ImageGallery", J_UNWRAP, NULL },
	{ "Intro", J_UNWRAP, NULL },
	{ "Fragment", J_UNWRAP, NULL },
	/* react.dev's: code and console samples, diagrams, exercises. */
	{ "Sandpack", J_UNWRAP, NULL },
	{ "TerminalBlock", J_UNWRAP, NULL },
	{ "ConsoleBlock", J_UNWRAP, NULL },
	{ "ConsoleBlockMulti", J_UNWRAP, NULL },
	{ "ConsoleLogLine", J_UNWRAP, NULL },
	{ "CodeStep", J_UNWRAP, NULL },
	{ "Diagram", J_UNWRAP, NULL },
	{ "DiagramGroup", J_UNWRAP, NULL },
	{ "Recipes", J_UNWRAP, NULL },
	{ "Challenges", J_UNWRAP, NULL },
	{ "Solution", J_UNWRAP, NULL },
	{ "Hint", J_UNWRAP, NULL },
	{ "YouWillLearn", J_ASIDE, "you-will-learn" },
	{ "Recap", J_ASIDE, "recap" },
	{ "LearnMore", J_ASIDE, "learn-more" },
	{ "Note", J_ASIDE, "note" },
	{ "Pitfall", J_ASIDE, "pitfall" },
	{ "DeepDive", J_ASIDE, "deep-dive" },
	{ "Callout", J_ASIDE, "callout" },
	{ "Admonition", J_ASIDE, "admonition" },
	{ "Warning", J_ASIDE, "warning" },
	{ "Tip", J_ASIDE, "tip" },
	{ "Info", J_ASIDE, "info" },
};

static int
word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n > k && memcmp(s, w, k) == 0 && strchr(" \t{*'\"", s[k]) !=
	    NULL;
}

int
mdx_esm_line(const char *s, size_t n)
{
	static const char *const exports[] = { "const ", "let ", "var ",
		"function ", "function*", "class ", "default ", "async ",
		"{", "*", "type ", "interface ", NULL };
	const char *p;
	size_t i, k;

	if (word(s, n, "import")) {
		p = s + 6;
		while (p < s + n && (*p == ' ' || *p == '\t'))
			p++;
		if (p < s + n && strchr("{*'\"", *p) != NULL)
			return 1;
		/* import Name from '...', import Name, {...} from ... */
		while (p < s + n && ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
			p++;
		while (p < s + n && *p == ' ')
			p++;
		return p < s + n && (*p == ',' || (s + n - p >= 5 &&
		    memcmp(p, "from ", 5) == 0));
	}
	if (n > 7 && memcmp(s, "export ", 7) == 0)
		for (i = 0; exports[i] != NULL; i++) {
			k = strlen(exports[i]);
			if (n - 7 >= k && memcmp(s + 7, exports[i], k) == 0)
				return 1;
		}
	return 0;
}

size_t
mdx_comment_at(const char *s, const char *end, const char **id, size_t *nid)
{
	const char *p = s + 3, *e, *q, *b, *t, *c;

	*id = NULL;
	*nid = 0;
	for (;;) {
		e = NULL;
		for (q = p; q + 1 < end; q++)
			if (q[0] == '*' && q[1] == '/') {
				e = q;
				break;
			}
		if (e == NULL)
			return 0;
		for (q = e + 2; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < end && *q == '}')
			break;
		p = e + 2;
	}
	c = q;
	/* An id: one word of letters, digits, '-' and '_'. */
	for (b = s + 3; b < e && (*b == ' ' || *b == '\t'); b++)
		;
	for (t = e; t > b && (t[-1] == ' ' || t[-1] == '\t'); t--)
		;
	*id = b;
	*nid = (size_t)(t - b);
	for (q = b; q < t; q++)
		if (!(((*q | 32) >= 'a' && (*q | 32) <= 'z') ||
		    (*q >= '0' && *q <= '9') || *q == '-' || *q == '_'))
			*nid = 0;
	return (size_t)(c + 1 - s);
}

/* At '{' in s[0..end): the '}' that closes it, or end. */
static const char *
brace_end(const char *s, const char *end)
{
	int depth = 0;

	for (; s < end; s++)
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			return s;
	return end;
}

/* The attributes of a tag, from its text s[0..n) after the name. */
static void
attrs(struct smd_args *a, const char *s, const char *end)
{
	const char *k, *v;
	size_t nk, nv;

	memset(a, 0, sizeof(*a));
	while (s < end && a->n < 16) {
		while (s < end && strchr(" \t\n/", *s) != NULL)
			s++;
		k = s;
		while (s < end && strchr(" \t\n=/>{", *s) == NULL)
			s++;
		nk = (size_t)(s - k);
		if (nk == 0) {
			if (s < end && *s == '{') {
				/* {...spread}: skipped. */
				s = brace_end(s, end);
				s += s < end;
				continue;
			}
			break;
		}
		v = NULL;
		nv = 0;
		if (s < end && *s == '=') {
			s++;
			if (s < end && (*s == '"' || *s == '\'')) {
				char q = *s++;

				v = s;
				while (s < end && *s != q)
					s++;
				nv = (size_t)(s - v);
				s++;
			} else if (s < end && *s == '{') {
				v = s + 1;
				s = brace_end(s, end);
				nv = (size_t)(s - v);
				s += s < end;
				/* {"x"} or {'x'} is the string x. */
				if (nv >= 2 && (*v == '"' || *v == '\'' ||
				    *v == '`') && v[nv - 1] == *v) {
					v++;
					nv -= 2;
				}
			}
		}
		a->key[a->n] = xstrndup(k, nk);
		a->val[a->n++] = xstrndup(v != NULL ? v : "", nv);
	}
}

/* Scan the tag at s: its length, and where its attributes are. */
static size_t
scan(const char *s, const char *end, int *close, int *selfclose,
    const char **name, size_t *nname, const char **at, const char **ate)
{
	const char *p = s + 1, *lim = end - s > JSX_MAX ? s + JSX_MAX : end;
	int depth = 0;
	char q = 0;

	*close = *p == '/';
	if (*close)
		p++;
	*name = p;
	while (p < lim && (((*p | 32) >= 'a' && (*p | 32) <= 'z') ||
	    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_'))
		p++;
	*nname = (size_t)(p - *name);
	if (p < lim && strchr(" \t\n/>", *p) == NULL)
		return 0;
	*at = p;
	for (; p < lim; p++) {
		if (q != 0) {
			if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '"' || *p == '\'' || (*p == '`' && depth > 0))
			q = *p;
		else if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (*p == '>' && depth == 0)
			break;
	}
	if (p >= lim)
		return 0;
	*selfclose = p > *at && p[-1] == '/';
	*ate = *selfclose ? p - 1 : p;
	return (size_t)(p + 1 - s);
}


size_t
mdx_jsx_at(struct sitemd *m, const char *s, const char *end,
    const char *indent, size_t nind)
{
	const char *name, *at, *ate, *v;
	struct smd_args a;
	struct buf url = BUF_INIT;
	unsigned long line = smd_fline(&m->o);
	size_t len, nname, i;
	int close, selfclose, k = -1;

	if ((len = scan(s, end, &close, &selfclose, &name, &nname, &at,
	    &ate)) == 0)
		return 0;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].name) == nname &&
		    memcmp(known[i].name, name, nname) == 0)
			k = (int)i;
	if (close) {
		if (k >= 0 && known[k].kind == J_ASIDE && m->nasides > 0) {
			m->nasides--;
			container_close(&m->o, indent, nind);
		}
		smd_skip(&m->o, s, len);
		return len;
	}
	attrs(&a, at, ate);
	switch (k >= 0 ? (int)known[k].kind : -1) {
	case J_LINK:
		if ((v = smd_arg(&a, "src", -1)) == NULL &&
		    (v = smd_arg(&a, "url", -1)) == NULL &&
		    (v = smd_arg(&a, "href", -1)) == NULL &&
		    (v = smd_arg(&a, "id", -1)) != NULL && known[k].arg != NULL) {
			buf_printf(&url, known[k].arg, v);
			v = url.p;
		}
		if (v == NULL || *v == '\0') {
			smd_note(m, SMD_JSX, line, "MDX component '%.*s' has "
			    "no source: removed", (int)nname, name);
			break;
		}
		smd_link(&m->o, v, smd_arg(&a, "title", -1) != NULL ?
		    smd_arg(&a, "title", -1) : v);
		m->expanded[SMD_JSX]++;
		break;
	case J_IMAGE:
		if ((v = smd_arg(&a, "src", -1)) == NULL) {
			smd_note(m, SMD_JSX, line, "MDX component '%.*s' has "
			    "no src: removed", (int)nname, name);
			break;
		}
		if (m->text) {
			smd_image(&m->o, v, smd_arg(&a, "alt", -1));
			m->expanded[SMD_JSX]++;
			break;
		}
		smd_emits(&m->o, "<img src=\"");
		smd_esc(&m->o, v, strlen(v));
		smd_emits(&m->o, "\" alt=\"");
		if ((v = smd_arg(&a, "alt", -1)) != NULL)
			smd_esc(&m->o, v, strlen(v));
		smd_emits(&m->o, "\" />");
		m->expanded[SMD_JSX]++;
		break;
	case J_ASIDE:
		if (selfclose)
			break;
		v = smd_arg(&a, "title", -1);
		container_open(&m->o, indent, nind, known[k].arg,
		    strlen(known[k].arg), v, v ? strlen(v) : 0);
		m->nasides++;
		m->expanded[SMD_JSX]++;
		break;
	case J_UNWRAP:
		m->expanded[SMD_JSX]++;
		break;
	default:
		smd_note(m, SMD_JSX, line, selfclose ? "MDX component '%.*s' "
		    "removed" : "MDX component '%.*s' unwrapped, its content "
		    "kept", (int)nname, name);
		break;
	}
	smd_args_free(&a);
	buf_free(&url);
	smd_skip(&m->o, s, len);
	return len;
}

/* React's names for HTML attributes that differ from HTML's. */
static const char *const react_names[][2] = {
	{ "className", "class" }, { "htmlFor", "for" }, { "tabIndex", "tabindex" },
	{ "srcSet", "srcset" }, { NULL, NULL }
};

/* Nonzero if v[0..n) is a JSX literal a reader can use as a value. */
static int
jsx_literal(const char *v, size_t n)
{
	size_t i = 0;

	if (n >= 2 && (*v == '"' || *v == '\'' || *v == '`') && v[n - 1] == *v)
		return memchr(v + 1, *v, n - 2) == NULL && (*v != '`' ||
		    memchr(v, '$', n) == NULL);
	if (n > 0 && v[0] == '-')
		i++;
	if (i == n)
		return 0;
	for (; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || v[i] == '.'))
			return 0;
	return 1;
}

size_t
mdx_html_at(struct sitemd *m, const char *s, const char *end)
{
	const char *name, *at, *ate, *p, *k, *v;
	unsigned long line = smd_fline(&m->o);
	size_t len, nname, nk, nv, i;
	int close, selfclose;

	if ((len = scan(s, end, &close, &selfclose, &name, &nname, &at,
	    &ate)) == 0 || close || nname == 0 ||
	    memchr(at, '{', (size_t)(ate - at)) == NULL)
		return 0;
	smd_emit(&m->o, s, (size_t)(at - s));
	for (p = at; p < ate; ) {
		while (p < ate && strchr(" \t\n", *p) != NULL)
			p++;
		k = p;
		while (p < ate && strchr(" \t\n=/>{", *p) == NULL)
			p++;
		if ((nk = (size_t)(p - k)) == 0) {
			if (p < ate && *p == '{') {
				/* {...spread}: nothing a reader can use. */
				p = brace_end(p, ate);
				p += p < ate;
				continue;
			}
			if (p < ate)
				p++;
			continue;
		}
		for (i = 0; react_names[i][0] != NULL; i++)
			if (strlen(react_names[i][0]) == nk &&
			    memcmp(react_names[i][0], k, nk) == 0)
				break;
		v = NULL;
		nv = 0;
		if (p < ate && *p == '=' && p + 1 < ate && p[1] == '{') {
			v = p + 2;
			p = brace_end(p + 1, ate);
			nv = (size_t)(p - v);
			p += p < ate;
			while (nv > 0 && strchr(" \t\n", *v) != NULL)
				v++, nv--;
			while (nv > 0 && strchr(" \t\n", v[nv - 1]) != NULL)
				nv--;
			if (nv == 4 && memcmp(v, "true", 4) == 0) {
				v = NULL;
			} else if (!jsx_literal(v, nv)) {
				smd_note(m, SMD_JSX_ATTR, line, "JSX expression "
				    "attribute '%.*s' of <%.*s> removed",
				    (int)nk, k, (int)nname, name);
				continue;
			} else if (*v == '"' || *v == '\'' || *v == '`') {
				v++;
				nv -= 2;
			}
			smd_emits(&m->o, " ");
			if (react_names[i][0] != NULL)
				smd_emits(&m->o, react_names[i][1]);
			else
				smd_emit(&m->o, k, nk);
			if (v != NULL) {
				smd_emits(&m->o, "=\"");
				smd_esc(&m->o, v, nv);
				smd_emits(&m->o, "\"");
			}
			continue;
		}
		/* A plain attribute: as written, React's name made HTML's. */
		smd_emits(&m->o, " ");
		if (react_names[i][0] != NULL)
			smd_emits(&m->o, react_names[i][1]);
		else
			smd_emit(&m->o, k, nk);
		if (p < ate && *p == '=') {
			v = p++;
			if (p < ate && (*p == '"' || *p == '\'')) {
				const char *q = memchr(p + 1, *p,
				    (size_t)(ate - p - 1));

				p = q != NULL ? q + 1 : ate;
			} else {
				while (p < ate && strchr(" \t\n", *p) == NULL)
					p++;
			}
			smd_emit(&m->o, v, (size_t)(p - v));
		}
	}
	smd_emits(&m->o, selfclose ? " />" : ">");
	m->expanded[SMD_JSX]++;
	smd_skip(&m->o, s, len);
	return len;
}

void
mdx_end(struct sitemd *m)
{
	while (m->nasides > 0) {
		m->nasides--;
		container_close(&m->o, "", 0);
	}
}
