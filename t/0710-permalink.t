#!/bin/sh
# Layouts and identity (common/permalink.c): page bundles, the content
# root, permalink patterns, what is not a post, dates from paths.
. "$(dirname "$0")/lib.sh"

pl() { "$QTEST" permalink "$@"; }

# A site of our own below $T, so the file-system rules have files.
S=$T/site
mkdir -p "$S/content/posts/2024" "$S/content/posts/trip" \
    "$S/content/blog/2023/03/01" "$S/content/pages" "$S/content/_img" \
    "$S/content/2023-10-02-kwok"
for f in posts/2024/recap.md posts/trip/index.md posts/trip/notes.md \
    blog/2023/03/01/hello.md pages/about.md _img/README.md index.md \
    posts/_index.md 2023-10-02-kwok/index.md; do
	: > "$S/content/$f"
done
R=$S/content

# Page bundles: the folder names the post.
is "$(pl file="$R/posts/trip/index.md")" /trip/ "bundle: slug from its folder"
is "$(pl file="$R/posts/trip/index.md" root="$R")" /posts/trip/ \
    "bundle below the root: folders, then the bundle's name"
is "$(pl file="$R/posts/trip/index.md" what=facts)" "|trip|trip|1" \
    "bundle facts without a root"
is "$(cd "$R/posts/trip" && pl file=index.md)" /trip/ \
    "bundle named from the file system, not the path as given"
is "$(pl file=x/index.mdx)" /x/ "index.mdx is a bundle too"
is "$(pl file=x/index.markdown slug=other)" /other/ "front matter slug wins"

# The content root: folders stay in the path, whatever the cwd.
is "$(pl file="$R/posts/2024/recap.md" root="$R")" /posts/2024/recap/ \
    "posts/2024/recap.md below the root"
is "$(cd "$S" && pl file=content/posts/2024/recap.md root=content)" \
    /posts/2024/recap/ "relative path and root"
is "$(cd "$R/posts" && pl file=2024/recap.md root=..)" /posts/2024/recap/ \
    "root given as .."
is "$(cd "$R/posts" && pl file=./2024//../2024/recap.md root="$R/")" \
    /posts/2024/recap/ "./, // and .. normalised, absolute root"
is "$(pl file="$R/posts/2024/recap.md")" /recap/ "no root: the stem, as before"
is "$(pl file=/elsewhere/x.md root="$R")" \
    "error: not below the content root" "a file outside the root"
is "$(pl file="$R/blog/2023/03/01/hello.md" root="$R" slug=hi)" \
    /blog/2023/03/01/hi/ "slug replaces the last segment (Hugo)"

# Jekyll dated names, alone and below a root (the Rust blog).
is "$(pl file=_posts/2017-11-22-Rust-1.22.md)" /2017/11/22/Rust-1.22.html \
    "Jekyll's default form"
is "$(pl file=$T/r/inside-rust/2019-09-25-Welcome.md root=$T/r)" \
    /inside-rust/2019/09/25/Welcome.html "dated name below a folder"
is "$(pl file=2017-11-22-Rust-1.22.md what=date)" "2017-11-22T00:00:00Z name" \
    "date from a YYYY-MM-DD- name"
is "$(pl file=2017-13-22-x.md what=date)" none "no date from an impossible name"

# Dates from paths.
is "$(pl file="$R/blog/2023/03/01/hello.md" what=date)" 2023-03-01T00:00:00Z \
    "date from YYYY/MM/DD folders (React blog)"
is "$(pl file=1.0-Timeline.md fmpath=2014/12/12/1.0-Timeline what=date)" \
    2014-12-12T00:00:00Z "date from a Zola path"
is "$(pl file="$R/2023-10-02-kwok/index.md" what=date)" \
    "2023-10-02T00:00:00Z name" "date from a bundle folder's name"
is "$(pl file=x.md what=date)" none "no date anywhere"

# Front matter paths.
is "$(pl file=x.md fmpath=2014/12/12/1.0-Timeline)" /2014/12/12/1.0-Timeline/ \
    "Zola path: relative, the page is at /PATH/"
is "$(pl file=x.md fmpath=/blog/bpf-updates)" /blog/bpf-updates \
    "a rooted path as written (Gatsby, Jekyll permalink)"
is "$(pl file=x.md fmpath=2017/x.html)" /2017/x.html "a relative file path"
is "$(pl file=x.md fmpath=https://e.org/a)" https://e.org/a "an absolute URL"

# What is not a post.
is "$(pl file="$R/posts/_index.md")" \
    "skip: a section page (_index.md), not a post" "_index.md, no root"
is "$(pl file="$R/index.md" root="$R")" \
    "skip: the content root's own page (index.md), not a post" \
    "index.md at the content root"
is "$(pl file="$R/pages/about.md" root="$R")" \
    "skip: a page (pages/, Pelican's PAGE_PATHS), not a post" "Pelican pages/"
is "$(pl file="$R/posts/trip/notes.md" root="$R")" \
    "skip: a resource of the page bundle beside it (index.md), not a post" \
    "Markdown inside a leaf bundle"
like "$(pl file="$R/_img/README.md" root="$R")" "^skip: in a folder whose" \
    "below a _ folder"
is "$(pl file="$T/j/_drafts/x.md")" "skip: a draft (in _drafts)" "Jekyll _drafts"
is "$(pl file="$T/j/_posts/2020-01-02-x.md" root="$T/j")" \
    /_posts/2020/01/02/x.html "_posts is published"
is "$(pl file="$R/posts/trip/notes.md")" /notes/ \
    "without a root, no bundle-resource rule"
is "$(pl file="$R/pages/about.md")" /about/ "without a root, no pages/ rule"

# Jekyll patterns (https://jekyllrb.com/docs/permalinks/).
J="file=$T/_posts/2025-01-29-Jekyll-4.4.1-Released!.md"
is "$(pl "$J" pattern=/news/:year/:month/:day/:title/)" \
    "/news/2025/01/29/Jekyll-4.4.1-Released!/" ":title keeps case (pretty slug)"
is "$(pl "$J" pattern=/:slug)" /jekyll-4-4-1-released ":slug is the default slug"
is "$(pl "$J" slug=Own pattern=/:title/)" /Own/ "front matter slug for :title"
is "$(pl "$J" pattern=date)" "/2025/01/29/Jekyll-4.4.1-Released!.html" \
    "built-in date, no categories"
is "$(pl "$J" cats='News,Release,news' pattern=pretty)" \
    "/news/release/2025/01/29/Jekyll-4.4.1-Released!/" \
    "pretty: categories lower-cased, repeats dropped"
is "$(pl "$J" pattern=ordinal)" "/2025/029/Jekyll-4.4.1-Released!.html" "ordinal"
is "$(pl "$J" pattern=weekdate)" "/2025/W05/Wed/Jekyll-4.4.1-Released!.html" \
    "weekdate"
is "$(pl "$J" pattern=none)" "/Jekyll-4.4.1-Released!.html" "none"
is "$(pl "$J" date=2025-01-29T13:04:05Z pattern=/:short_year/:i_month/:i_day/:hour:minute:second/:short_month-:long_month/:long_day/:w_day)" \
    /25/1/29/130405/Jan-January/Wednesday/3 "the other date placeholders"
is "$(pl file=x.md date=2021-01-01 pattern=/:w_year/:week/)" /2020/53/ \
    "ISO week year: 2021-01-01 is in week 53 of 2020"
is "$(pl file=x.md date=2024-12-30 pattern=/:w_year/:week/)" /2025/01/ \
    "ISO week year: 2024-12-30 is in week 1 of 2025"
is "$(pl file=x.md date=2024-12-31 pattern=/:y_day/)" /366/ "y_day in a leap year"
is "$(pl "$J" date=2025-01-29T23:30:00Z tz=3600 pattern=/:year/:month/:day/)" \
    /2025/01/30/ "date tokens in the post's zone"
is "$(pl file=$T/b/2024/x.md root=$T/b pattern=/:path:output_ext)" \
    /2024/x.html ":path below the root"
is "$(pl "$J" pattern=/:bogus/)" \
    "error: an unknown token in the pattern (see Jekyll's permalink placeholders)" \
    "unknown token"

# Hugo patterns (https://gohugo.io/configuration/permalinks/).
K="file=$R/blog/2023/03/01/hello.md"
is "$(pl "$K" root="$R" title='SIG CLI Spotlight' date=2023-07-20 pattern=/:section/:year/:month/:day/:slug/)" \
    /blog/2023/07/20/sig-cli-spotlight/ ":section, date, :slug from the title"
is "$(pl "$K" root="$R" slug=Sig-CLI-2023 date=2023-07-20 pattern=/:section/:year/:month/:day/:slug/)" \
    /blog/2023/07/20/sig-cli-2023/ ":slug from front matter, lower-cased"
is "$(pl "$K" root="$R" title='Announcing Rust 1.22 (and 1.22.1)' date=2017-11-22 style=hugo pattern=/:year/:title/)" \
    /2017/announcing-rust-1.22-and-1.22.1/ ":title urlized"
is "$(pl "$K" root="$R" date=2023-07-20 pattern=/:sections/:filename/)" \
    /blog/2023/03/01/hello/ ":sections and :filename"
is "$(pl "$K" root="$R" date=2023-07-20 'pattern=/:sections[1:]/:contentbasename/')" \
    /2023/03/01/hello/ ":sections[1:]"
is "$(pl "$K" root="$R" date=2023-07-20 'pattern=/:sections[last]/:slugorfilename/')" \
    /01/hello/ ":sections[last], :slugorfilename"
is "$(pl "$K" root="$R" date=2023-07-20 'pattern=/:sections[:last]/x/')" \
    /blog/2023/03/x/ ":sections[:last]"
is "$(pl "$K" date=2023-07-02 pattern=/:monthname/:weekday/:weekdayname/:yearday/)" \
    /july/0/sunday/183/ "month and day names, lower-cased by Hugo"
is "$(pl file="$R/2023-10-02-kwok/index.md" title='Introducing KWOK' pattern=/:year/:slug/)" \
    /2023/kwok/ "date from the name: the rest is the slug (Hugo :filename)"
is "$(pl file="$R/posts/trip/index.md" root="$R" date=2020-01-01 pattern=/:section/:filename/)" \
    /posts/trip/ "a bundle's :filename is its folder"

# Pelican (ARTICLE_URL).
is "$(pl file=x.md title='The State of Rust 0.7' date=2013-07-05 'pattern=blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/')" \
    /blog/2013/07/05/the-state-of-rust-07/ "Pelican: slug from the title"
is "$(pl file=x.md title='T' cats='This Week in Rust' date=2013-07-05 'pattern={category}/{date:%b}/{slug}.html')" \
    /this-week-in-rust/Jul/t.html "Pelican: {category}, {date:%b}"
is "$(pl file=x.md title='T' date=2013-07-05 'pattern={lang}/{slug}')" \
    "error: an unknown field in the pattern (Pelican: {slug}, {category}, {date:%Y})" \
    "Pelican: unknown field"

# Slugs of each generator.
is "$(pl file=x.md title="Don’t Panic: Ünïcode & More!" style=hugo pattern=/:title/)" \
    "/dont-panic-ünïcode-more/" "Hugo urlize drops punctuation, keeps letters"
is "$(pl file="x.md" slug="Don’t Panic: Ünïcode & More!" style=jekyll pattern=/:slug/)" \
    "/don-t-panic-ünïcode-more/" "Jekyll slugify default"

# The zone the date tokens show.
o() { "$QTEST" permalink what=offset "$@"; }
is "$(o datestr='2013-05-06 02:12:52 +0200' zone=America/Los_Angeles pattern=/news/:year/:title/)" \
    -25200 "Jekyll: the site's zone (PDT), whatever the date's"
is "$(o datestr='2013-05-06 02:12:52 +0200' pattern=/news/:year/:title/)" \
    7200 "Jekyll without a site zone: the written one"
is "$(o datestr='2023-12-20T09:30:00-08:00' zone=Europe/Paris pattern=/:section/:slug/)" \
    -28800 "Hugo: the zone written in the date"
is "$(o datestr='2023-12-20 09:30' zone=America/New_York 'pattern={slug}')" \
    -18000 "no zone written: the site's (EST in December)"
is "$(o datestr='2023-07-20 09:30' zone=America/New_York)" -14400 \
    "the site's zone in summer (EDT)"
is "$(o datestr='2023-07-20T09:30:00Z' zone=America/New_York)" 0 "Z is UTC"
is "$(o datestr='2023-07-20 09:30 -0430')" -16200 "-hhmm"
is "$(o datestr='2023-07-20 09:30' zone=Not/AZone)" 0 "an unknown zone is not guessed"
is "$(o datestr=2023-07-20)" 0 "a date alone"
is "$("$QTEST" permalink file=_posts/2013-05-06-jekyll-1-0-0-released.markdown \
    date='2013-05-06 02:12:52 +0200' tz=-25200 pattern=/news/:year/:month/:day/:title/)" \
    /news/2013/05/05/jekyll-1-0-0-released/ \
    "Jekyll's own 1.0 post: 2013-05-06 +0200 is May 5th in Los Angeles"

# A front matter permalink wins over the pattern; Jekyll expands it.
is "$(pl file=_posts/2020-01-02-x.md fmpath=/:year/:title/ pattern=/a/:slug/)" \
    /2020/x/ "placeholders in a front matter permalink"
is "$(pl file=x.md fmpath=/odd:thing/ pattern=/a/:slug/)" /odd:thing/ \
    "a front matter path with an unknown token stays as written"

done_testing
