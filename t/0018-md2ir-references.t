#!/bin/sh
# A reference to another post (Jekyll's post_url and link, Hugo's ref
# and relref) gives the URL that post is published at: its own front
# matter's date in the site's zone, slug and categories, as the
# generator links it; a page bundle by its folder; a fragment kept.  A
# reference whose file is not there, or is no post md2ir could convert,
# keeps the URL its name gives, and what md2ir would say of that file
# is not said; a reference whose file is not there is noted.
. "$(dirname "$0")/lib.sh"

R=$TD/layouts/10-references
links() { awk -F '\t' '{ print $15 }' "$T/out" | grep -o 'href="[^"]*"'; }

# Jekyll: the launch was written at 02:00 +01:00 on 2 March, which is
# 1 March in the site's zone, and it is filed under its category.
cd "$R/jekyll" || exit 1
run md2ir -c _config.yml _posts/2020-04-01-follow-up.md
is "$rc:$(cat "$T/err")" "0:md2ir: 2 links to posts not here (2 Liquid links); -v lists them" \
    "Jekyll: exit 0, the missing and the broken post noted, nothing of what the broken one would say"
launch=https://tides.example.org/news/2020/03/01/launch/
is "$(links)" "href=\"$launch\"
href=\"$launch\"
href=\"$launch#notes\"
href=\"https://tides.example.org/2019/05/05/lost/\"
href=\"https://tides.example.org/2020/02/01/broken/\"" \
    "post_url and link give the post's permalink; a missing or broken post the one its name gives"
run md2ir -v -c _config.yml _posts/2020-04-01-follow-up.md
is "$(cat "$T/err")" "md2ir: _posts/2020-04-01-follow-up.md:8: Liquid 'post_url': no post '2019-05-05-lost' here: linked as https://tides.example.org/2019/05/05/lost/
md2ir: _posts/2020-04-01-follow-up.md:9: Liquid 'post_url': no post '2020-02-01-broken' here: linked as https://tides.example.org/2020/02/01/broken/" \
    "-v: the note names the file, the line and the URL given"
run md2ir -v -c _config.yml _posts/2020-05-02-more-links.md
is "$(links)" "href=\"https://tides.example.org/about/\"
href=\"https://tides.example.org/trees/2020/05/01/pruning/\"
href=\"https://tides.example.org/2020/01/15/deep/\"
href=\"https://tides.example.org/1970/01/01/hugo.toml/\"
href=\"https://tides.example.org/docs/tides/reading/#ebb\"
href=\"https://tides.example.org/notes/knots.html\"" \
    "a page by its front matter's permalink; post_url through a category folder and below _posts; a collection's document by the collection's permalink, else Jekyll's default"
like "$(cat "$T/err")" "^md2ir: _posts/2020-05-02-more-links.md:8: Liquid 'link': no post '../hugo/hugo.toml' here" \
    "a reference above the site is not looked up, and is noted"
run md2ir -c _config.yml _posts/2020-03-02-launch.markdown
is "$(cut -f4 "$T/out")" "$launch" "the launch is published where the links point"
run md2ir -j 1 -c _config.yml _posts/*
cp "$T/out" "$T/j1"
cp "$T/err" "$T/e1"
like "$(cat "$T/e1")" "2020-02-01-broken.md" "the broken post itself is still an error when converted"
run md2ir -j 4 -c _config.yml _posts/*
same_file "$T/out" "$T/j1" "-j 4 writes the bytes of -j 1"
same_file "$T/err" "$T/e1" "-j 4 says what -j 1 says"

# Hugo: the slug from the front matter, the date from it too; a
# relative reference is found beside the post, a bundle by its folder;
# a page of another section gets that section's path, not the post's
# dated pattern; a name found nowhere nearer is looked up below the
# content root, as Hugo looks in "the rest of the site".
cd "$R/hugo" || exit 1
run md2ir -c hugo.toml content/posts/thaw.md
is "$rc:$(cat "$T/err")" "0:md2ir: 1 link to a post not here (1 ref shortcode); -v lists them" \
    "Hugo: exit 0, the page not here noted"
frost=https://almanac.example.net/2021/11/frost/
is "$(links)" "href=\"$frost\"
href=\"$frost\"
href=\"https://almanac.example.net/2022/06/the-trip-north/\"
href=\"$frost#ice\"
href=\"https://almanac.example.net/about/team/\"" \
    "ref and relref give the post's permalink; a page not there, its section's path"
run md2ir -c hugo.toml content/news/harvest.md
is "$rc:$(cat "$T/err"):$(links)" "0::href=\"https://almanac.example.net/2022/06/the-trip-north/\"
href=\"$frost\"" "a name found nowhere nearer is looked up in the rest of the site"
run md2ir -v -c hugo.toml content/news/extras.md
is "$(links)" "href=\"https://almanac.example.net/news/extras/#ice\"
href=\"https://almanac.example.net/about/\"
href=\"https://almanac.example.net/posts/sketch/\"" \
    "'#anchor' is the post itself; a section by its _index.md"
is "$(cat "$T/err")" "md2ir: content/news/extras.md:8: shortcode 'ref': no post '/posts/sketch' here: linked as https://almanac.example.net/posts/sketch/" \
    "a draft is no post here: noted, as Hugo refuses the ref"
run md2ir -c hugo.toml content/posts/first-frost.md content/posts/trip/index.md
is "$(cut -f4 "$T/out")" "$frost
https://almanac.example.net/2022/06/the-trip-north/" \
    "the posts are published where the links point"

done_testing
