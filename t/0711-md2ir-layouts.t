#!/bin/sh
# md2ir's layout rules (md2ir(1), LAYOUTS): page bundles, -r, permalink
# patterns, dates from paths, what is not a post, scheduled posts.
. "$(dirname "$0")/lib.sh"

L=$TD/layouts
f() { cut -f"$1" "$T/out"; }

# 01: page bundles take their slug from their folder.
run md2ir -b https://example.org "$L"/01-page-bundle/*/index.md
is "$rc" 0 "two page bundles: exit 0"
is "$(f 4 | tr '\n' ' ')" \
    "https://example.org/first-trip/ https://example.org/second-trip/ " \
    "bundles: /first-trip/ and /second-trip/"
is "$(f 2 | sort -u | wc -l)" 2 "bundles: two ids"

# 02: below a content root the folders stay in the path.
run md2ir -b https://example.org -r "$L/02-nested-dirs" \
    "$L"/02-nested-dirs/*/recap.md
is "$rc" 0 "two recap.md below -r: exit 0"
is "$(f 4 | tr '\n' ' ')" \
    "https://example.org/2023/recap/ https://example.org/2024/recap/ " \
    "-r: /2023/recap/ and /2024/recap/"
run md2ir -b https://example.org "$L"/02-nested-dirs/*/recap.md
is "$rc" 1 "without -r the two recap.md collide, as before"
like "$(cat "$T/err")" "duplicate id" "the collision is named"

# The id depends on where the file sits below the root, not on the
# current directory or the other files of the run.
one=$(cd "$L/02-nested-dirs/2024" && md2ir -r .. recap.md | cut -f2)
two=$(cd "$L" && md2ir -r ./02-nested-dirs//2023/.. 02-nested-dirs/2024/recap.md |
    cut -f2)
three=$(md2ir -r "$L/02-nested-dirs" "$L/02-nested-dirs/2023/recap.md" \
    "$L/02-nested-dirs/2024/recap.md" | tail -1 | cut -f2)
is "$one" "$two" "same id from another directory and a messy root"
is "$one" "$three" "same id with other files in the run"
run md2ir -r "$L/01-page-bundle" "$L/02-nested-dirs/2024/recap.md"
is "$rc" 1 "a file outside the content root: exit 1"
like "$(cat "$T/err")" "2024/recap.md: not below the content root" \
    "outside the root: named"
run md2ir -r "$T/nowhere" "$L/02-nested-dirs/2024/recap.md"
is "$rc" 2 "-r of a missing folder is a usage error"

# 09: a section page is skipped with a note; -o still writes the post.
run md2ir -v -o "$T/o.ir" "$L"/09-section-index/_index.md \
    "$L"/09-section-index/hello.md
is "$rc" 0 "_index.md and a post: exit 0"
is "$(cat "$T/err")" \
    "md2ir: $L/09-section-index/_index.md: a section page (_index.md), not a post: skipped" \
    "-v: one note for the section page"
run md2ir -o "$T/o.ir" "$L"/09-section-index/_index.md \
    "$L"/09-section-index/hello.md
is "$rc:$(cat "$T/err")" "0:md2ir: 1 file skipped (1 section page); -v lists them" \
    "by default: one line sums the skips up"
is "$(cut -f3 "$T/o.ir")" Hello "-o: the real post is written"

run md2ir "$L"/09-section-index/missing/_index.md
is "$rc" 1 "a missing _index.md is an error, not a skip"
like "$(cat "$T/err")" "_index.md: No such file" "a missing file: named"

# A site of our own: Hugo, Jekyll, React, Zola and Pelican layouts.
S=$T/site
mkdir -p "$S/blog/2023/kwok" "$S/blog/2024/12/05" "$S/pages" "$S/_drafts" \
    "$S/_img" "$S/_posts"
post() {	# post FILE FRONT-MATTER-LINES...
	_f=$S/$1
	shift
	{ echo ---; for l in "$@"; do echo "$l"; done; echo ---; echo; echo Text.; } > "$_f"
}
post blog/2023/kwok/index.md "title: Introducing KWOK" "date: 2023-03-01" \
    "slug: introducing-kwok"
post blog/2023/kwok/notes.md "title: Notes" "date: 2023-03-02"
post blog/2023/sig-cli.md "title: SIG CLI Spotlight" \
    "date: 2023-07-20T09:30:00-08:00" "slug: sig-cli-spotlight-2023"
post blog/2024/12/05/react-19.md "title: React v19"
post blog/_index.md "title: Blog"
post index.md "title: Home"
post pages/about.md "title: About" "date: 2020-01-01"
post _drafts/idea.md "title: Idea" "date: 2020-01-01"
: > "$S/_img/README.md"
post _posts/2013-05-06-jekyll-1-0-0-released.md "title: Jekyll 1.0" \
    "date: \"2013-05-06 02:12:52 +0200\""
post zola.md "title: 1.0 Timeline" "path: 2014/12/12/1.0-Timeline"

run md2ir -r "$S" "$S"/index.md "$S"/blog/_index.md "$S"/pages/about.md \
    "$S"/_drafts/idea.md "$S"/_img/README.md "$S"/blog/2023/kwok/notes.md
is "$(cat "$T/err")" "md2ir: 6 files skipped (1 index page, 1 section page, 1 page, 1 draft, 1 hidden file, 1 page bundle resource); -v lists them" \
    "six files that are not posts: one line, by kind"
run md2ir -v -r "$S" "$S"/index.md "$S"/blog/_index.md "$S"/pages/about.md \
    "$S"/_drafts/idea.md "$S"/_img/README.md "$S"/blog/2023/kwok/notes.md
is "$rc" 0 "six files that are not posts: exit 0"
is "$(wc -l < "$T/out")" 0 "six files that are not posts: no output"
is "$(wc -l < "$T/err")" 6 "six files that are not posts: -v, one note each"
like "$(cat "$T/err")" "pages/about.md: a page \(pages/, Pelican's PAGE_PATHS\), not a post: skipped" \
    "Pelican pages/ named"
like "$(cat "$T/err")" "idea.md: a draft \(in _drafts\): skipped \(-d includes drafts\)" \
    "Jekyll _drafts named"
run md2ir -d -r "$S" "$S"/_drafts/idea.md
is "$(f 3)" Idea "-d includes _drafts"

run md2ir -r "$S" --permalink '/:section/:year/:month/:day/:slug/' \
    "$S"/blog/2023/kwok/index.md "$S"/blog/2023/sig-cli.md
is "$(f 4 | tr '\n' ' ')" \
    "/blog/2023/03/01/introducing-kwok/ /blog/2023/07/20/sig-cli-spotlight-2023/ " \
    "Hugo pattern (k8s): the day as written, -08:00"
run md2ir -r "$S" "$S"/blog/2024/12/05/react-19.md
is "$(f 1)" 2024-12-05T00:00:00Z "date from YYYY/MM/DD folders (React)"
is "$(f 4)" /blog/2024/12/05/react-19/ "React layout, default path"
run md2ir -r "$S/blog" --permalink /blog/:path "$S"/blog/2024/12/05/react-19.md
is "$(f 4)" /blog/2024/12/05/react-19 "React layout, /blog/:path"
run md2ir "$S"/zola.md
is "$(f 1),$(f 4)" 2014-12-12T00:00:00Z,/2014/12/12/1.0-Timeline/ \
    "Zola path: the date and /PATH/"
run md2ir --permalink /news/:year/:month/:day/:title/ \
    "$S"/_posts/2013-05-06-jekyll-1-0-0-released.md
is "$(f 4)" /news/2013/05/06/jekyll-1-0-0-released/ \
    "Jekyll pattern, no site zone: the day as written"
run md2ir --timezone America/Los_Angeles --permalink /news/:year/:month/:day/:title/ \
    "$S"/_posts/2013-05-06-jekyll-1-0-0-released.md
is "$(f 4)" /news/2013/05/05/jekyll-1-0-0-released/ \
    "Jekyll pattern in the site's zone: May 6th +0200 is May 5th in Los Angeles"
post _posts/2014-05-06-two.md "title: Two"
run md2ir --timezone America/Los_Angeles --permalink /news/:year/:month/:day/:title/ \
    "$S"/_posts/2014-05-06-two.md
is "$(f 1),$(f 4)" 2014-05-06T07:00:00Z,/news/2014/05/06/two/ \
    "a day from the name is midnight in the site's zone"
run md2ir --permalink /news/:unknown/ "$S"/zola.md
is "$rc" 0 "a front matter path wins over a bad pattern"
run md2ir --permalink /news/:unknown/ "$S"/blog/2023/sig-cli.md
is "$rc" 1 "an unknown token: exit 1"
like "$(cat "$T/err")" "sig-cli.md: an unknown token in the pattern" \
    "an unknown token: named"

# A page with neither title nor date: a helper page (Zola's
# releases/latest.md), skipped; a title without a date is still an error.
printf -- '---\ntemplate: latest.html\n---\n' > "$S/latest.md"
run md2ir -v "$S"/latest.md
is "$rc,$(wc -l < "$T/out")" 0,0 "no title, no date: skipped, exit 0"
like "$(cat "$T/err")" "latest.md: a page with neither a title nor a date" \
    "no title, no date: named"
post undated.md "title: Undated"
run md2ir "$S"/undated.md
is "$rc" 1 "a title without a date is still an error"
like "$(cat "$T/err")" "undated.md: no date" "no date: named"

# Scheduled posts, against --now or SOURCE_DATE_EPOCH, never the clock.
post future.md "title: Future" "date: 2020-01-01" "publishDate: 2999-01-01"
post expired.md "title: Gone" "date: 2020-01-01" "expiryDate: 2021-01-01"
post later.md "title: Later" "date: 2023-06-01"
post unpub.md "title: Unpublished" "date: 2020-01-01" "unpublishDate: 2021-01-01"
post ahead.md "title: Ahead" "date: 2024-06-01"
run md2ir "$S"/future.md "$S"/expired.md "$S"/later.md
is "$rc,$(wc -l < "$T/out")" 0,3 "no --now: every post, whatever the clock"
run md2ir --now 2024-01-01 "$S"/future.md "$S"/expired.md "$S"/later.md
is "$(cat "$T/err")" "md2ir: 2 files skipped (1 scheduled post, 1 expired post); -v lists them" \
    "scheduled and expired: one line"
run md2ir -v --now 2024-01-01 "$S"/future.md "$S"/expired.md "$S"/later.md
is "$rc,$(f 3 | tr '\n' ' ')" "0,Later " "--now 2024-01-01: future and expired skipped"
like "$(cat "$T/err")" "future.md: scheduled: its publish date is in the future: skipped" \
    "scheduled: named"
like "$(cat "$T/err")" "expired.md: expired: its expiry date has passed: skipped" \
    "expired: named"
run md2ir --now 2024-01-01 "$S"/unpub.md
is "$rc,$(wc -l < "$T/out")" 0,0 "unpublishDate, Hugo's other name for expiryDate"
run env SOURCE_DATE_EPOCH=1700000000 md2ir "$S"/future.md "$S"/later.md
is "$(f 3 | tr '\n' ' ')" "Later " "SOURCE_DATE_EPOCH (2023-11-14): future skipped"
run md2ir --now 2024-01-01 "$S"/ahead.md
is "$rc,$(wc -l < "$T/out")" 0,0 "a date after now is a publish date after now (Hugo, Jekyll)"
run md2ir "$S"/ahead.md
is "$rc,$(wc -l < "$T/out")" 0,1 "... but only when now is given"
run md2ir --now 2024-13-01 "$S"/later.md
is "$rc" 2 "--now with a bad date: usage error"

# 12: Eleventy's permalink: false writes no file, a template permalink
# is not a path, and its dates of the file are refused with a reason.
E=$L/12-eleventy
run md2ir -b https://example.org -r "$E" "$E"/posts/not-written-cased.md
is "$rc:$(wc -l < "$T/out")" "0:0" "Eleventy: permalink: False too"
run md2ir -v -b https://example.org -r "$E" "$E"/posts/not-written.md "$E"/posts/templated.md
is "$rc:$(f 4)" "0:https://example.org/posts/templated/" \
    "Eleventy: permalink: false is not written; a template permalink gives way to the default path"
is "$(cat "$T/err")" "md2ir: $E/posts/not-written.md:4: permalink: false, a page its generator does not write: skipped
md2ir: $E/posts/templated.md:4: permalink '/blog/{{ title | slugify }}/' is a template: the default path is taken" \
    "each with its note"
run md2ir -b https://example.org -r "$E" "$E"/posts/last-modified.md
is "$rc:$(cat "$T/err")" "1:md2ir: $E/posts/last-modified.md:3: 'date: Last Modified' is Eleventy's date of the file (its time stamp or its git history), which would change the output from one checkout to the next: give the date" \
    "Eleventy: 'Last Modified' is refused, with the reason"

# 11: with no pattern, the generator the site file names gives the path:
# Hugo keeps a dated file name whole and lower-cases, blanks made
# hyphens; Zola takes the date from the name and the path from the rest;
# neither has Jekyll's /YYYY/MM/DD/name.html.
G=$L/11-generator-defaults
cd "$G/hugo" || exit 1
run md2ir -c hugo.toml content/posts/*.md
is "$rc:$(f 4 | tr '\n' ' ')" "0:https://orchard.example.net/posts/2024-01-02-pruning-day/ https://orchard.example.net/posts/apple-varieties/ https://orchard.example.net/posts/pressing-cider/ " \
    "Hugo: the dated name whole, the name and the slug lower-cased"
run md2ir -v -c hugo.toml content/about.md content/posts/cider.md
is "$rc:$(wc -l < "$T/out"):$(cat "$T/err")" "0:1:md2ir: content/about.md: a page without a date, not a post: skipped" \
    "Hugo: a page without a date is skipped with a note, not an error"
cd "$G/zola" || exit 1
run md2ir -c config.toml content/blog/2020-05-0*.md content/blog/*/index.md
is "$rc:$(f 1 | tr '\n' ' '):$(f 4 | tr '\n' ' ')" "0:2020-05-06T00:00:00Z 2020-05-07T00:00:00Z 2020-05-08T00:00:00Z :https://orchard.example.org/blog/blossom/ https://orchard.example.org/blog/pollen/ https://orchard.example.org/blog/grafting/ " \
    "Zola: the date from the name (after it '-' or '_', a bundle's folder too), the path from the rest"
run md2ir -c config.toml content/blog/press.md content/blog/2020-10-02-Late_Fruit.md
is "$rc:$(f 4 | tr '\n' ' ')" "0:https://orchard.example.org/blog/uber-presse/ https://orchard.example.org/blog/late-fruit/ " \
    "Zola: the slug and the name slugified (slugify.paths on): lower case, marks spelled in ASCII, '_' a hyphen"
run md2ir -v -c config.toml content/colophon.md
is "$rc:$(cat "$T/err")" "0:md2ir: content/colophon.md: a page without a date, not a post: skipped" \
    "Zola: a page without a date is skipped with a note"
cd "$G/jekyll" || exit 1
run md2ir -b https://orchard.example.com _posts/2020-05-06-harvest-notes.md
is "$rc:$(f 3):$(f 4)" "0:Harvest Notes:https://orchard.example.com/2020/05/06/harvest-notes.html" \
    "Jekyll: a dated post without a title takes its name's words"
run md2ir -b https://orchard.example.com --permalink pretty trees/apple/_posts/2020-07-08-picking.md
is "$rc:$(f 4):$(f 8)" "0:https://orchard.example.com/trees/apple/news/2020/07/08/picking/:trees|apple|news" \
    "Jekyll: the folders above _posts are the first categories, the front matter's follow, once each"
run md2ir -v -c _config.yml about.md _posts/2015-07-30-plain-time.md
is "$rc:$(wc -l < "$T/out"):$(cat "$T/err")" "0:1:md2ir: about.md: a page without a date, not a post: skipped" \
    "Jekyll: a page outside _posts without a date is skipped with a note"
printf -- '---\ntitle: Undated\n---\nx\n' > "$T/undated.md"
mkdir "$T/_posts" && cp "$T/undated.md" "$T/_posts/undated.md"
run md2ir -c _config.yml "$T/_posts/undated.md"
like "$rc:$(cat "$T/err")" "^1:md2ir: .*/_posts/undated.md: no date" "Jekyll: a post of _posts without a date is still an error"
printf -- '---\ntitle: Hello World\ndate: 2020-01-02\n---\nx\n' >"$T/stdin.md"
run md2ir -c _config.yml --permalink date - <"$T/stdin.md"
is "$rc:$(f 4)" "0:https://orchard.example.com/2020/01/02/Hello-World.html" \
    "Jekyll on standard input: :title is the title, there being no file name"
printf -- '---\ndate: 2020-01-02\n---\nx\n' >"$T/stdin2.md"
run md2ir -c _config.yml --permalink date - <"$T/stdin2.md"
is "$rc:$(cat "$T/err")" "1:md2ir: <stdin>: :title needs a title" "... and without a title, an error, not /2020/01/02/.html"
printf 'Title: !!!\nDate: 2020-01-02\n\nx\n' >"$T/bang.md"
run md2ir -b https://example.org "$T/bang.md"
is "$rc:$(cat "$T/err")" "1:md2ir: $T/bang.md: {slug} needs a title or a slug (of a letter or a digit)" \
    "Pelican: a title that makes no slug is an error, not /.html"
run md2ir -c _config.yml _posts/2015-07-30-plain-time.md _posts/2015-07-30-quoted-time.md
is "$rc:$(f 1 | tr '\n' ' '):$(f 4 | tr '\n' ' ')" "0:2015-07-30T16:00:00Z 2015-07-30T08:00:00Z :https://orchard.example.com/2015/07/31/plain-time.html https://orchard.example.com/2015/07/30/quoted-time.html " \
    "Jekyll: a YAML timestamp without a zone is UTC, shown in the site's zone; a quoted one is in the site's zone"
cd "$TOP" || exit 1

done_testing
