/*
 * container.c: fenced containers, ":::name [title]" ... ":::"
 * (Docusaurus admonitions, VuePress, markdown-it-container, pandoc's
 * fenced divs "::: {.name}"), for the line pass of sitemd.c.  A
 * container becomes <aside class="name"> (or a <div> for the names the
 * table calls wrappers), its title as its heading, its content left
 * as Markdown for cmark-gfm.  A closing fence closes the innermost
 * container whose opening fence it is at least as long as.
 */
#include <string.h>

#include "sitemd.h"

/* Known names: the element and the title when the fence gives none. */
static const struct {
	const char *name;
	const char *elem;		/* "aside" or "div" */
	const char *title;		/* NULL: none */
} known[] = {
	{ "note", "aside", "Note" },
	{ "tip", "aside", "Tip" },
	{ "info", "aside", "Info" },
	{ "important", "aside", "Important" },
	{ "caution", "aside", "Caution" },
	{ "warning", "aside", "Warning" },
	{ "danger", "aside", "Danger" },
	{ "details", "aside", NULL },
	/* V8's blog wraps tables and algorithms: no aside. */
	{ "table-wrapper", "div", NULL },
	{ "ecmascript-algorithm", "div", NULL },
};

static int
lookup(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].name) == n && strncmp(known[i].name, s,
		    n) == 0)
			return (int)i;
	return -1;
}

static void
start_line(struct smd_out *o)
{
	if (o->b.n > 0 && o->b.p[o->b.n - 1] != '\n')
		smd_emits(o, "\n");
}

void
container_open(struct smd_out *o, const char *indent, size_t nind,
    const char *name, size_t nname, const char *title, size_t ntitle)
{
	int k = lookup(name, nname);
	const char *elem = k >= 0 ? known[k].elem : "aside";

	if (ntitle == 0 && k >= 0 && known[k].title != NULL) {
		title = known[k].title;
		ntitle = strlen(title);
	}
	start_line(o);
	if (o->text) {
		/* For a text reader: the title in bold, then the content. */
		if (ntitle > 0) {
			smd_emit(o, indent, nind);
			smd_emits(o, "**");
			smd_emit(o, title, ntitle);
			smd_emits(o, "**\n");
		}
		smd_emits(o, "\n");
		return;
	}
	smd_emit(o, indent, nind);
	smd_emits(o, "<");
	smd_emits(o, elem);
	smd_emits(o, " class=\"");
	smd_esc(o, name, nname);
	smd_emits(o, "\">\n");
	if (ntitle > 0) {
		smd_emit(o, indent, nind);
		smd_emits(o, "<h4>");
		smd_esc(o, title, ntitle);
		smd_emits(o, "</h4>\n");
	}
	smd_emits(o, "\n");
}

void
container_close(struct smd_out *o, const char *indent, size_t nind)
{
	start_line(o);
	smd_emits(o, "\n");
	if (o->text)
		return;
	smd_emit(o, indent, nind);
	smd_emits(o, "</aside>\n");
}

/* The closing tag for the element of the container named. */
static void
close_elem(struct smd_out *o, const char *indent, size_t nind, int div)
{
	if (!div) {
		container_close(o, indent, nind);
		return;
	}
	start_line(o);
	smd_emits(o, "\n");
	if (o->text)
		return;
	smd_emit(o, indent, nind);
	smd_emits(o, "</div>\n");
}

int
container_line(struct sitemd *m, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *name, *title;
	size_t ind, colons, nname, ntitle;
	int k, div;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	ind = (size_t)(p - s);
	for (colons = 0; p < end && *p == ':'; p++)
		colons++;
	if (colons < 3)
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == ':'))
		end--;
	if (p == end) {
		/* A closing fence. */
		if (m->ncstack == 0 || colons < (m->cstack[m->ncstack - 1] &
		    0x3f)) {
			if (m->ncstack > 0)
				return 0;
			smd_note(m, SMD_CONTAINER, smd_fline(&m->o),
			    "':::' without an open container removed");
			return 1;
		}
		m->ncstack--;
		close_elem(&m->o, s, ind, m->cstack[m->ncstack] & 0x80);
		return 1;
	}
	if (*p == '{') {
		/* Pandoc: ::: {.name #id} */
		const char *q = memchr(p, '.', (size_t)(end - p));

		if (q == NULL)
			return 0;
		name = q + 1;
		for (q = name; q < end && strchr(" }#.", *q) == NULL; q++)
			;
		nname = (size_t)(q - name);
		title = q;
		ntitle = 0;
	} else {
		name = p;
		while (p < end && strchr(" \t[{", *p) == NULL)
			p++;
		nname = (size_t)(p - name);
		if (p < end && *p == '[') {
			/* Docusaurus: :::tip[Title] */
			title = p + 1;
			p = memchr(title, ']', (size_t)(end - title));
			ntitle = p != NULL ? (size_t)(p - title) : 0;
		} else {
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			title = p;
			ntitle = (size_t)(end - p);
		}
	}
	if (nname == 0 || m->ncstack >= (int)sizeof(m->cstack))
		return 0;
	k = lookup(name, nname);
	div = k >= 0 && strcmp(known[k].elem, "div") == 0;
	m->cstack[m->ncstack++] = (unsigned char)((colons > 0x3f ? 0x3f :
	    colons) | (div ? 0x80 : 0) | (m->lastclose == NULL ||
	    m->lastclose < s ? 0x40 : 0));
	m->cseen = 0;
	container_open(&m->o, s, ind, name, nname, title, ntitle);
	m->expanded[SMD_CONTAINER]++;
	return 1;
}

void
container_blank(struct sitemd *m)
{
	if (m->ncstack > 0 && (m->cstack[m->ncstack - 1] & 0x40) &&
	    m->cseen) {
		m->ncstack--;
		close_elem(&m->o, "", 0, m->cstack[m->ncstack] & 0x80);
		m->cseen = 0;
	}
}

void
container_end(struct sitemd *m)
{
	while (m->ncstack > 0 && (m->cstack[m->ncstack - 1] & 0x40)) {
		m->ncstack--;
		close_elem(&m->o, "", 0, m->cstack[m->ncstack] & 0x80);
	}
	if (m->ncstack > 0)
		smd_note(m, SMD_CONTAINER, smd_fline(&m->o), "%d ':::' "
		    "container%s not closed; closed at the end", m->ncstack,
		    m->ncstack > 1 ? "s" : "");
	while (m->ncstack > 0) {
		m->ncstack--;
		close_elem(&m->o, "", 0, m->cstack[m->ncstack] & 0x80);
	}
}
