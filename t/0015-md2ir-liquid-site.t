#!/bin/sh
# Liquid that reads the site's configuration: {{ site.KEY }} (any key of
# Jekyll's _config.yml, across a line break too), "path" | relative_url
# with the site's baseurl; a for loop is not run and goes with its body,
# with a note; an unknown key is removed with a note.
. "$(dirname "$0")/lib.sh"

cd "$TD/trial" || exit 1
run md2ir -c _config.yml liquid-site.md
is "$(cat "$T/err")" "md2ir: 3 constructs removed or replaced (3 Liquid tags); -v lists them" "one line sums the notes up"
run md2ir -v -c _config.yml liquid-site.md
is "$rc" 0 "converts"
html=$(cut -f15 "$T/out")
like "$html" 'href="https://www.example.org/project/docs/themes/#assets"' "relative_url: baseurl, then the site"
like "$html" 'href="https://code.example.org/project/issues/12"' "site.repository, split over two lines"
is "$(printf '%s' "$html" | grep -c '{{\|{%')" 0 "no template syntax left"
is "$(cat "$T/err")" "md2ir: liquid-site.md:9: Liquid 'site.missing_key' is not a key of the site's configuration; removed
md2ir: liquid-site.md:11: Liquid tag 'assign' is not expanded: removed
md2ir: liquid-site.md:12: Liquid loop 'for' is not run: removed with its body" "-v: one note each"

done_testing
