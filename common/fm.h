/*
 * fm.h: front matter in every dialect, as one tree (fm.c and one file
 * a dialect: fm_yaml.c, fm_toml.cc, fm_json.c, fm_meta.c).
 *
 * A dialect parses its text into fm_node trees with the same shape:
 * the root of a post's front matter, and of a site configuration file,
 * is a map.  Everything above the dialects (md2ir's mapping table,
 * the site configuration, the extra field's JSON) works on this tree
 * alone, so adding a dialect means one new file and one row in
 * fm_dialects[] (fm.c).
 */
#ifndef FM_H
#define FM_H

#include "quire.h"

#ifdef __cplusplus
extern "C" {
#endif

enum fm_dialect {
	FM_NONE,		/* no front matter */
	FM_YAML,		/* between "---" lines (a longer dash run opens too) */
	FM_TOML,		/* between "+++" lines */
	FM_JSON,		/* an object opening the file */
	FM_META			/* Pelican / MultiMarkdown "Key: value" lines */
};

enum fm_type { FM_NULL, FM_STR, FM_LIST, FM_MAP };

struct fm_node {
	enum fm_type     type;
	unsigned long    line;	/* 1-based line in the file; 0 unknown */
	/* FM_STR: NUL-terminated UTF-8 text. */
	char            *s;
	size_t           n;
	/*
	 * Nonzero when the scalar was not a quoted string: a YAML plain
	 * scalar, a TOML or JSON number, boolean or date.  Dates from
	 * TOML come as RFC 3339 text ("2018-03-15", "2018-03-15T10:00:00Z").
	 */
	int              plain;
	/*
	 * FM_LIST: the items v[0..nv).  FM_MAP: keys k[0..nv) and values
	 * v[0..nv), in the order written; a key is usually FM_STR (YAML
	 * allows others).
	 */
	struct fm_node  *k, *v;
	size_t           nv;
};

/* Where the front matter of a file is. */
struct fm_split {
	enum fm_dialect  dialect;
	size_t           off, len;	/* the front matter text in src */
	unsigned long    line;		/* file line of its first byte */
	size_t           body;		/* offset of the body in src */
};

/*
 * Find the front matter at the start of src[0..n) (NUL-terminated,
 * CRLF already turned into LF).  Returns 0 and fills sp (dialect
 * FM_NONE when there is none), or -1 with *why set to a reason and
 * *line to the file line it concerns (an unclosed "---" block).
 */
int fm_split(const char *src, size_t n, struct fm_split *sp,
    const char **why, unsigned long *line);

/* A parsed front matter or configuration file; owns all its nodes. */
struct fm_doc;

/*
 * Parse text[0..n) of dialect d.  line0 is the file line of text[0],
 * file the name used in messages.  Returns 0 and *doc, or -1 after
 * printing "prog: file:line: reason" (syntax errors, limits: see each
 * dialect's file).
 */
int fm_parse(enum fm_dialect d, const char *text, size_t n,
    unsigned long line0, const char *file, struct fm_doc **doc);

/*
 * Read and parse a whole configuration file, its dialect chosen by its
 * suffix (.yaml/.yml YAML, .toml TOML, .json JSON).  Returns 0 and
 * *doc, or -1 after printing a message.
 */
int fm_load_file(const char *path, struct fm_doc **doc);

/* The root (a map, or FM_NULL when the text was empty); owned by doc. */
const struct fm_node *fm_root(const struct fm_doc *doc);

void fm_free(struct fm_doc *doc);

/* The value of key in map (ASCII case-insensitive), or NULL. */
const struct fm_node *fm_get(const struct fm_node *map, const char *key);

/* fm_get along a dotted path ("params.author"), or NULL. */
const struct fm_node *fm_path(const struct fm_node *map, const char *path);

/* Append node as JSON text (a complex key becomes its JSON text). */
void fm_json(struct buf *b, const struct fm_node *node);

/*
 * Append s[0..n) for a message: control characters, DEL and
 * invisible or bidirectional characters become "U+XXXX", invalid
 * UTF-8 bytes "\xNN", and the text is cut after max bytes with "...".
 * Nothing a terminal would act on is echoed from the input.
 */
void fm_show(struct buf *b, const char *s, size_t n, size_t max);

/* Limits every dialect applies while building the tree. */
#define FM_MAXTEXT	(1 << 20)	/* bytes of front matter text */
#define FM_DEPTH	64		/* nesting of lists and maps */
#define FM_MAXNODES	100000		/* keys and values, aliases expanded */
#define FM_MAXEXPAND	(4 << 20)	/* bytes of text, aliases expanded */

/* ---- the dialects' side (fm.c) ------------------------------------- */

/*
 * A new empty document; its nodes and strings come from its arena and
 * are freed with it.  file names it in messages.
 */
struct fm_doc *fm_doc_new(const char *file);
void fm_doc_set_root(struct fm_doc *doc, struct fm_node *root);
const char *fm_doc_file(const struct fm_doc *doc);
/* What the text is, for messages: "front matter" or "configuration". */
const char *fm_doc_what(const struct fm_doc *doc);

/*
 * n zeroed nodes from the arena, counted against FM_MAXNODES: NULL
 * (and a message naming line) once the document holds more.
 */
struct fm_node *fm_nodes(struct fm_doc *doc, size_t n, unsigned long line);

/*
 * Make node a string holding a copy of s[0..n), counted against
 * FM_MAXEXPAND: -1 (and a message naming line and the aliases) past
 * it.
 */
int fm_set_str(struct fm_doc *doc, struct fm_node *node, const char *s,
    size_t n, int plain, unsigned long line);

/*
 * A dialect's parser: parse text[0..n) into doc (fm_doc_set_root),
 * line0 being the file line of text[0]; 0, or -1 after a message.
 */
typedef int fm_parse_fn(struct fm_doc *doc, const char *text, size_t n,
    unsigned long line0);

fm_parse_fn fm_yaml_parse;	/* fm_yaml.c */
fm_parse_fn fm_toml_parse;	/* fm_toml.cc */
fm_parse_fn fm_json_parse;	/* fm_json.c */
fm_parse_fn fm_meta_parse;	/* fm_meta.c */

/*
 * The end of the metadata block of fm_meta.c at the start of src, or
 * 0 when src does not open with one (fm_meta.c says what opens it).
 */
size_t fm_meta_len(const char *src, size_t n);

/* The name of a dialect for messages ("YAML", "TOML", ...). */
const char *fm_dialect_name(enum fm_dialect d);

#ifdef __cplusplus
}
#endif

#endif
