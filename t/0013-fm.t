#!/bin/sh
# Front matter in every dialect as one tree (common/fm*.c), through
# t/qtest.c: "qtest fm FILE" prints the dialect, the body's first line
# and the tree as JSON.
. "$(dirname "$0")/lib.sh"

F=$TD/fm
fm() { "$QTEST" fm "$1" 2>&1; }
tree() { fm "$1" | sed -n 3p; }
err() { "$QTEST" fm "$1" 2>&1 >/dev/null; }

# Dialects: each gives the same tree shape.
is "$(fm "$F/toml.md" | head -1)" TOML "+++ opens TOML"
is "$(tree "$F/toml.md")" '{"date":"2018-03-15","taxonomies":{"tags":["embedded"]},"title":"Newsletter 1"}' \
    "TOML through toml++: a date as RFC 3339 text, a table as a map"
is "$(fm "$F/pelican.md" | head -2 | tr '\n' '|')" \
    "metadata|Hello and welcome to another issue of the weekly digest.|" \
    "Pelican metadata, the body after the blank line"
is "$(tree "$F/pelican.md")" '{"title":"Weekly digest 12","date":"2013-06-07 18:46","tags":"weekly, digest","category":"Weekly"}' \
    "Pelican keys lower-cased, values as written"
is "$(fm "$F/six-dash.md" | head -1)" YAML "a run of six dashes opens YAML, as Hugo reads it"
is "$(tree "$F/six-dash.md")" '{"title":"A look into the book club","date":"2024-02-22"}' "six-dash front matter read"

printf '{\n  "title": "J",\n  "date": "2020-01-02",\n  "tags": ["a", "b"], "n": 3, "x": null\n}\nBody here\n' > "$T/j.md"
is "$(fm "$T/j.md" | tr '\n' '|')" 'JSON|Body here|{"title":"J","date":"2020-01-02","tags":["a","b"],"n":"3","x":null}|' \
    "JSON front matter: keys in order, the body after the object"
printf '{ "title": "J",\n"title": "K" }\nbody\n' > "$T/jd.md"
like "$(fm "$T/jd.md")" "^qtest: $T/jd.md:2: bad JSON: duplicate object key" "JSON: a duplicate key is refused, with its line"
printf '{{< figure src="a.png" >}}\nbody\n' > "$T/sc.md"
is "$(fm "$T/sc.md" | head -1)" none "a shortcode opening the body is no JSON"
printf '{/*intro*/}\n# Intro\n' > "$T/mdx.md"
is "$(fm "$T/mdx.md" | head -1)" none "an MDX comment opening the body is no JSON"

printf 'Note: this is a note\nand more\n\nbody\n' > "$T/note.md"
is "$(fm "$T/note.md" | head -1)" none "a 'Note:' first line without title or date is no metadata"
printf 'Title: T\nDate: 2020-01-01\nSummary: one\n    two\nhttp://x\n' > "$T/cont.md"
is "$(fm "$T/cont.md" | tr '\n' '|')" 'metadata|http://x|{"title":"T","date":"2020-01-01","summary":"one\ntwo"}|' \
    "metadata: a continuation line, and a line of neither kind starts the body"

printf '+++\ntitle = "x"\n[extra]\nwhen = 2018-03-15T10:00:00+01:00\nn = 1.5\nb = true\n+++\nbody\n' > "$T/t.md"
is "$(tree "$T/t.md")" '{"extra":{"b":"true","n":"1.5","when":"2018-03-15T10:00:00+01:00"},"title":"x"}' \
    "TOML: a date-time with its offset, numbers and booleans as text"
printf '+++\ntitle = "x"\nbad =\n+++\nbody\n' > "$T/tb.md"
like "$(fm "$T/tb.md")" "^qtest: $T/tb.md:3: bad TOML: " "bad TOML names its line in the file"
printf '+++\ntitle = "x"\n' > "$T/tu.md"
is "$(fm "$T/tu.md")" "qtest: $T/tu.md:1: TOML front matter is not closed by a '+++' line" "unclosed TOML"

# YAML read as YAML (issue 13).
is "$(tree "$F/yaml-null.md")" '{"title":null,"date":"2020-01-04","summary":null,"tags":[null,null,""]}' \
    "YAML nulls are nulls, a quoted empty string is a string"
is "$(tree "$F/yaml-merge.md")" '{"base":{"title":"From merge","date":"2020-01-01"},"slug":"merged","title":"From merge","date":"2020-01-01"}' \
    "a merge key applies"
printf -- '---\na: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 0\n---\n' > "$T/m2.md"
is "$(tree "$T/m2.md")" '{"a":{"x":"1","y":"1"},"b":{"y":"2","z":"2"},"c":{"x":"0","y":"1","z":"2"}}' \
    "a list of merges: explicit keys win, then the earlier mapping"
printf -- '---\n<<: just text\n---\n' > "$T/m3.md"
is "$(err "$T/m3.md")" "qtest: $T/m3.md:2: merge key '<<': the value must be a mapping or a list of mappings" "a merge of a scalar is refused"
printf -- '---\n? [a, b]\n: 1\n? {k: v}\n: 2\n---\n' > "$T/ck.md"
out=$(tree "$T/ck.md")
is "$out" '{"[\"a\",\"b\"]":"1","{\"k\":\"v\"}":"2"}' "complex keys become their JSON text"
printf '%s' "$out" | "$PY" -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null
ok $? "complex keys give valid JSON"
is "$(err "$F/yaml-long-key.md")" \
    "qtest: $F/yaml-long-key.md:5: bad YAML: a key longer than 1024 characters, libyaml's limit for an implicit key (write '? ' before a longer key)" \
    "a key past libyaml's 1,024 characters names the limit"

# Hostile YAML: bounded, whatever the quoting.
"$PY" -c "n=80000; print('---\ntitle: it\"s\nx: ' + '['*n + ']'*n + '\ny: end\"s\ndate: 2020-01-01\n---\nbody')" > "$T/q.md"
is "$(err "$T/q.md")" "qtest: $T/q.md:3: front matter nested more than 64 deep" \
    "a quote inside a plain scalar does not hide deep nesting (hostile 01)"
"$PY" -c "print('---\nt: \"' + ']'*60 + '\"\nx: ' + ('['*60 + ' \"' + ']'*60 + '\" ')*40 + ']'*2400 + '\n---\nbody')" > "$T/q2.md"
like "$(err "$T/q2.md")" "^qtest: $T/q2.md:3: front matter nested more than 64 deep" \
    "closing brackets inside quoted strings do not hide nesting"
"$PY" -c "print('---\ntitle: alias\ndate: 2020-01-01\nbig: &a \"' + 'x'*100000 + '\"\nlol: [' + ','.join(['*a']*5000) + ']\n---\nbody')" > "$T/a.md"
is "$(err "$T/a.md")" "qtest: $T/a.md:4: front matter expands past 4194304 bytes (aliases)" \
    "aliases do not amplify (hostile 02)"
printf -- '---\nt: "a\\e[31mb\\a"\n---\n' > "$T/esc.md"
is "$(tree "$T/esc.md")" '{"t":"a[31mb"}' "control characters never reach the JSON"

# Configuration files: the dialect from the suffix.
printf 'title: Site\nparams:\n  author: Ann\n' > "$T/c.yaml"
printf 'title = "Site"\n[params]\nauthor = "Ann"\n' > "$T/c.toml"
printf '{"title": "Site", "params": {"author": "Ann"}}\n' > "$T/c.json"
for x in yaml json; do
	is "$("$QTEST" fmfile "$T/c.$x" 2>&1)" '{"title":"Site","params":{"author":"Ann"}}' "fm_load_file reads .$x"
done
# toml++ keeps a table's keys sorted.
is "$("$QTEST" fmfile "$T/c.toml" 2>&1)" '{"params":{"author":"Ann"},"title":"Site"}' "fm_load_file reads .toml"
printf '{"title": "Site"} junk\n' > "$T/cj.json"
is "$("$QTEST" fmfile "$T/cj.json" 2>&1)" "qtest: $T/cj.json:1: bad JSON: text after the object" "a .json file: nothing may follow the object"
printf 'x\n' > "$T/c.ini"
is "$("$QTEST" fmfile "$T/c.ini" 2>&1)" "qtest: $T/c.ini: unknown kind of file: the name must end in .yaml, .yml, .toml or .json" "an unknown suffix is refused"
printf -- '- a\n' > "$T/l.yaml"
is "$("$QTEST" fmfile "$T/l.yaml" 2>&1)" "qtest: $T/l.yaml:1: configuration is not a mapping of keys to values" \
    "messages about a configuration file do not call it front matter"

done_testing
