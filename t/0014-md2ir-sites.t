#!/bin/sh
# md2ir on the dialects and keys real sites use (issue 10) and YAML read
# as YAML (issue 13): each case of ../shared/cases with its right value
# (copies in testdata/sites/), and the mapping table of md2ir(1).
. "$(dirname "$0")/lib.sh"

S=$TD/sites
# f N FILE [md2ir options]: field N of FILE's IR line, decoded, lists
# joined by '|'.
f() {
	n=$1 file=$2
	shift 2
	md2ir -b https://example.org "$@" "$file" 2>"$T/ferr" |
	    "$QTEST" field "$n" | paste -sd '|' -
}

# Dates (cases 03, 04, 05).
is "$(f 1 "$S/03-date-one-digit-hour.md")" 2021-10-01T08:30:00Z "one-digit hour"
is "$(f 1 "$S/04-date-one-digit-day.md")" 2015-11-03T10:30:00Z "one-digit day"
is "$(f 1 "$S/05-date-slashes.md")" 2024-12-05T00:00:00Z "slashes"
is "$(f 1 "$S/32-astro-date-in-words.md")" 2022-07-15T00:00:00Z \
    "Astro's pubDate in words ('Jul 15 2022', as its blog starter writes it)"
is "$(f 1 "$S/04-date-one-digit-day.md" --timezone America/New_York)" 2015-11-03T15:30:00Z \
    "--timezone: a date without a zone is read in it"
is "$(f 1 "$S/03-date-one-digit-hour.md" --timezone America/New_York)" 2021-10-01T08:30:00Z \
    "--timezone: a date with a zone keeps it"
run md2ir --timezone Mars/Olympus "$S/05-date-slashes.md"
is "$rc" 2 "--timezone: an unknown zone is a usage error"
like "$(head -1 "$T/err")" "^md2ir: --timezone: 'Mars/Olympus' is not a zone" "--timezone: the message names it"
printf -- '---\ntitle: x\ndate: "2017-02-29\302\240"\n---\n' > "$T/nbsp.md"
printf -- '---\ntitle: x\ndate: "2017-02-28\302\24010:00"\n---\n' > "$T/nbsp2.md"
run md2ir "$T/nbsp.md"
is "$rc:$(cat "$T/err")" "1:md2ir: $T/nbsp.md:3: cannot read the date '2017-02-29U+00A0' (expected YYYY-MM-DD, optionally with a time and a zone)" \
    "an impossible date is refused; the invisible character is shown"
run md2ir "$T/nbsp2.md"
is "$(cat "$T/err")" "md2ir: $T/nbsp2.md:3: cannot read the date '2017-02-28U+00A010:00' (expected YYYY-MM-DD, optionally with a time and a zone): it holds U+00A0, a no-break space" \
    "a no-break space inside a date is named"

# Dialects (cases 07, 08, 25) and JSON.
is "$(f 3 "$S/07-toml-front-matter.md")|$(f 1 "$S/07-toml-front-matter.md")|$(f 9 "$S/07-toml-front-matter.md")" \
    "Newsletter 1|2018-03-15T00:00:00Z|embedded" "TOML: title, date, [taxonomies] tags"
is "$(f 3 "$S/08-pelican-metadata.md")|$(f 1 "$S/08-pelican-metadata.md")" \
    "Weekly digest 12|2013-06-07T18:46:00Z" "Pelican metadata: title and date"
is "$(f 8 "$S/08-pelican-metadata.md")/$(f 9 "$S/08-pelican-metadata.md")" "Weekly/weekly|digest" \
    "Pelican: Category, and Tags split at commas"
is "$(f 6 "$S/08-pelican-metadata.md")" "Hello and welcome to another issue of the weekly digest." \
    "Pelican: the body starts after the metadata"
is "$(f 4 "$S/08-pelican-metadata.md")" "https://example.org/weekly-digest-12.html" \
    "Pelican: ARTICLE_URL's default, {slug}.html, the slug from the title"
is "$(f 4 "$S/08-pelican-metadata.md" --permalink '/{category}/{slug}/')" "https://example.org/weekly/weekly-digest-12/" \
    "Pelican: a pattern given wins"
printf 'Title: Stra\303\237e \303\274ber \305\201\303\263d\305\272, \303\206r\303\270 & friends!\nDate: 2020-01-02\n\nx\n' >"$T/latin.md"
is "$(f 4 "$T/latin.md")" "https://example.org/strasse-uber-lodz-aero-friends.html" \
    "Pelican: Latin letters with marks in ASCII, as its slugify's unidecode writes them"
mkdir -p "$T/content/notes"
sed '/^Category:/d' "$S/08-pelican-metadata.md" > "$T/content/notes/digest.md"
is "$(f 8 "$T/content/notes/digest.md" -r "$T/content")" "notes" \
    "Pelican: without a Category line, the folder below the content root is the category"
is "$(f 3 "$S/25-six-dash-opener.md")|$(f 1 "$S/25-six-dash-opener.md")" \
    "A look into the book club|2024-02-22T00:00:00Z" "a six-dash opening line, as Hugo reads it"
printf '{\n  "title": "From JSON",\n  "date": "2020-05-06",\n  "tags": ["a", "b"],\n  "series": "s1"\n}\n\nThe body.\n' > "$T/json.md"
is "$(f 3 "$T/json.md")|$(f 1 "$T/json.md")|$(f 9 "$T/json.md")|$(f 14 "$T/json.md")|$(f 6 "$T/json.md")" \
    'From JSON|2020-05-06T00:00:00Z|a|b|{"series":"s1"}|The body.' "JSON front matter"

# Zola: [taxonomies] and [extra].
cat > "$T/zola.md" <<'EOF2'
+++
title = "Zola post"
date = 2021-03-04T05:06:07Z
updated = 2021-04-01
description = "What it says"
authors = ["Ann Example", "Bo Sample"]
[taxonomies]
tags = ["rust", "zola"]
categories = ["news"]
series = ["intro"]
[extra]
release = true
team = "Core"
+++
Body.
EOF2
is "$(f 1 "$T/zola.md")|$(f 11 "$T/zola.md")|$(f 6 "$T/zola.md")" \
    "2021-03-04T05:06:07Z|2021-04-01T00:00:00Z|What it says" "Zola: date, updated, description"
is "$(f 7 "$T/zola.md")" "Ann Example|Bo Sample" "Zola: authors"
is "$(f 9 "$T/zola.md")/$(f 8 "$T/zola.md")" "rust|zola/news" "Zola: taxonomies tags and categories"
is "$(f 14 "$T/zola.md")" '{"release":"true","team":"Core","taxonomies":{"series":["intro"]}}' \
    "Zola: [extra] keys and other taxonomies go to the extra field"
printf -- '+++\ntitle = "z"\ndate = 2020-01-01\naliases = ["a"]\n[extra]\naliases = "b"\nteam = "T"\n+++\nx\n' > "$T/zx.md"
is "$(f 14 "$T/zx.md")" '{"aliases":["a"],"team":"T","extra":{"aliases":"b"}}' \
    "an [extra] key that is there already stays under extra: the keys are unique"
printf -- '---\ntitle: y\ndate: 2020-01-01\nfoo: 1\nfoo: 2\n---\nx\n' > "$T/yd.md"
is "$(f 14 "$T/yd.md")" '{"foo":"1"}' "a YAML key given twice: the first one, so the JSON keys are unique"

# Keys real sites use.
cat > "$T/keys.md" <<'EOF2'
---
title: Keys
date: 2020-01-01
last_modified_at: 2020-02-02 10:00
by: Cy Placeholder
keywords: [one, two]
cover:
  image: /img/c.png
  alt: a cover
---
Body.
EOF2
is "$(f 11 "$T/keys.md")|$(f 7 "$T/keys.md")|$(f 9 "$T/keys.md")|$(f 10 "$T/keys.md")" \
    "2020-02-02T10:00:00Z|Cy Placeholder|one|two|https://example.org/img/c.png" \
    "last_modified_at, by, keywords, cover as a mapping"
printf -- '---\ntitle: P\npublishDate: 2020-03-03\nexpiryDate: 2030-01-01\n---\nx\n' > "$T/pub.md"
is "$(f 1 "$T/pub.md")|$(f 14 "$T/pub.md")" '2020-03-03T00:00:00Z|{"expiryDate":"2030-01-01"}' \
    "publishDate is the date when there is no date; expiryDate is kept"
printf -- '---\ntitle: P\ndate: 2020-01-01\npubDate: 2020-03-03\n---\nx\n' > "$T/two.md"
is "$(f 1 "$T/two.md")|$(f 14 "$T/two.md")" '2020-01-01T00:00:00Z|{"pubDate":"2020-03-03"}' \
    "date before pubDate, whatever the order written; the other is kept"
printf -- '---\npubDate: 2020-03-03\ntitle: P\ndate: 2020-01-01\n---\nx\n' > "$T/two2.md"
is "$(f 1 "$T/two2.md")" 2020-01-01T00:00:00Z "the table's order decides, not the file's"

# Authors (cases 19, 20) and Pelican's rules.
is "$(f 7 "$S/19-markdown-author.md")" "Sam Example, keeper of pointers <https://social.example.net/@sam>" \
    "Markdown in an author: its text, the link's URL as the author's URI"
is "$(f 7 "$S/20-author-commas.md")" "Ana Example, Bo Sample, and Cy Placeholder" \
    "a single author string is never split at commas"
printf -- '---\ntitle: "The *new* `API` [docs](https://x.example/d)"\ndate: 2020-01-01\nauthor: Ann <ann@example.org>\n---\nx\n' > "$T/mdt.md"
is "$(f 3 "$T/mdt.md")|$(f 7 "$T/mdt.md")" "The new API docs|Ann <ann@example.org>" \
    "a title's Markdown reduced to text; an address kept as written"
printf -- '---\ntitle: "1. A list? No, a title"\ndate: 2020-01-01\n---\nx\n' > "$T/list1.md"
is "$(f 3 "$T/list1.md")" "1. A list? No, a title" "a title that Markdown would read as a list is kept"
printf 'Title: Two authors\nDate: 2020-01-01\nAuthors: Ann Example, Bo Sample\n\nBody\n' > "$T/pa.md"
is "$(f 7 "$T/pa.md")" "Ann Example|Bo Sample" "Pelican Authors: split at commas, Pelican's rule"
printf 'Title: Two authors\nDate: 2020-01-01\nAuthors: Example, Ann; Sample, Bo\n\nBody\n' > "$T/pa2.md"
is "$(f 7 "$T/pa2.md")" "Example, Ann|Sample, Bo" "Pelican Authors: at semicolons when there is one"
printf 'Title: Draft\nDate: 2020-01-01\nStatus: draft\n\nBody\n' > "$T/pd.md"
run md2ir -v "$T/pd.md"
is "$rc:$(wc -c < "$T/out"):$(cat "$T/err")" "0:0:md2ir: $T/pd.md: a draft, skipped (-d includes drafts)" "Pelican Status: draft"

# An author table (Docusaurus authors.yml, Hugo data/authors/).
cat > "$T/authors.yml" <<'EOF2'
ann:
  name: Ann Example
  title: Maintainer
  url: https://ann.example.org
  image_url: https://ann.example.org/a.png
bo:
  name: Bo Sample
  email: bo@example.org
EOF2
printf -- '---\ntitle: T\ndate: 2020-01-01\nauthors: [ann, bo, Cy Placeholder]\n---\nx\n' > "$T/ta.md"
is "$(f 7 "$T/ta.md" --authors "$T/authors.yml")" "Ann Example <https://ann.example.org>|Bo Sample <bo@example.org>|Cy Placeholder" \
    "--authors: keys resolved, other names kept"
printf -- '---\ntitle: T\ndate: 2020-01-01\nauthors: ann\n---\nx\n' > "$T/ta1.md"
is "$(f 7 "$T/ta1.md" --authors "$T/authors.yml")" "Ann Example <https://ann.example.org>" "--authors: a single key"
mkdir -p "$T/data/authors"
printf 'name = "Ann From Hugo"\nlink = "https://hugo.example/ann"\n' > "$T/data/authors/ann.toml"
printf 'name: Bo From Hugo\n' > "$T/data/authors/bo.yaml"
is "$(f 7 "$T/ta.md" --authors "$T/data/authors")" "Ann From Hugo <https://hugo.example/ann>|Bo From Hugo|Cy Placeholder" \
    "--authors: a folder of one file an author (Hugo data/authors)"
run md2ir --authors "$T/nope.yml" "$T/ta.md"
is "$rc:$(cat "$T/err")" "1:md2ir: $T/nope.yml: No such file or directory" "--authors: a missing table is an error"
printf -- '---\ntitle: T\ndate: 2020-01-01\nauthors:\n  - name: Dee Inline\n    url: https://dee.example\n---\nx\n' > "$T/ti.md"
is "$(f 7 "$T/ti.md")" "Dee Inline <https://dee.example>" "an inline author mapping with a url"

# YAML read as YAML (hostile cases 29, 30, 31).
is "$(f 3 "$S/29-yaml-null-as-text.md")|$(f 6 "$S/29-yaml-null-as-text.md")|$(f 9 "$S/29-yaml-null-as-text.md")" \
    "|body|" "nulls are empty, never the text '~' or 'null'"
is "$(f 3 "$S/30-yaml-merge-key.md")|$(f 1 "$S/30-yaml-merge-key.md")|$(f 4 "$S/30-yaml-merge-key.md")" \
    "From merge|2020-01-01T00:00:00Z|https://example.org/merged/" "merge keys apply"
run md2ir "$S/31-yaml-key-over-1024.md"
is "$rc:$(cat "$T/err")" "1:md2ir: $S/31-yaml-key-over-1024.md:5: bad YAML: a key longer than 1024 characters, libyaml's limit for an implicit key (write '? ' before a longer key)" \
    "a key past 1,024 characters names libyaml's limit"
printf -- '---\ntitle: x\ndate: 2020-01-01\n? [a, b]\n: c\n---\nx\n' > "$T/ck.md"
md2ir "$T/ck.md" | "$QTEST" field 14 > "$T/ck.json"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d == {"[\"a\",\"b\"]": "c"}, d' "$T/ck.json" 2>/dev/null
ok $? "a complex key gives valid JSON in the extra field"
printf -- '---\ntitle: x\ndate: 2020-01-01\nTitle: y\n---\nx\n' > "$T/dup.md"
run md2ir "$T/dup.md"
is "$(cat "$T/err")" "md2ir: $T/dup.md:4: key 'Title' given twice" "a mapped key given twice is an error"
printf -- '---\ntitle: x\ndate: "2020-01-01\\e[2J"\n---\nx\n' > "$T/esc.md"
run md2ir "$T/esc.md"
is "$(cat "$T/err")" "md2ir: $T/esc.md:3: cannot read the date '2020-01-01U+001B[2J' (expected YYYY-MM-DD, optionally with a time and a zone): it holds an invisible character" \
    "no control character of the input reaches a message"
printf -- '---\ntitle: x\ndate: 2020-01-01\npath: "/a\\e[2Jb"\n---\nx\n' > "$T/e1.md"
cp "$T/e1.md" "$T/e2.md"
run md2ir -b https://example.org "$T/e1.md" "$T/e2.md"
is "$(cat "$T/err")" "md2ir: $T/e2.md: duplicate id 'https://example.org/a%1B[2Jb': an earlier issue of this run has it" \
    "a control character of a path is percent-encoded in the id, never echoed"

done_testing
