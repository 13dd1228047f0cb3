#!/bin/sh
# The whole Rust blog (585 posts) through md2ir, ir2atom and ir2rss,
# and every feed parser on the result.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feeds.sh"

[ -d "$TOP/../shared/corpus/rust-blog" ] ||
    skip_all "../shared/corpus/rust-blog is absent (a lone clone)"
cd "$TOP/../shared/corpus/rust-blog" || exit 1
md2ir -b https://blog.rust-lang.org [0-9]*.md inside-rust/[0-9]* >"$T/rust.ir"
ok $? "md2ir converts the rust blog"
n=$(wc -l <"$T/rust.ir")
is "$n" 585 "585 issues"

for fmt in atom rss; do
	run ir2$fmt -t "Rust Blog" -l https://blog.rust-lang.org/ \
	    -u https://blog.rust-lang.org/feed.$fmt -L en "$T/rust.ir"
	is "$rc" 0 "ir2$fmt: the rust blog converts"
	is "$(cat "$T/err")" "" "ir2$fmt: quiet on success"
	mv "$T/out" "$T/rust.$fmt"
	well_formed "$T/rust.$fmt"
	ok $? "ir2$fmt: xmllint finds the feed well-formed"
	feed_check $fmt "$T/rust.ir" "$T/rust.$fmt"
	ok $? "ir2$fmt: feedparser, bozo 0, reads back all 585 entries"
	is "$(sfeed <"$T/rust.$fmt" | wc -l)" "$n" "ir2$fmt: sfeed reads $n items"
	is "$(sfeed <"$T/rust.$fmt" | cut -f3)" "$(cut -f4 "$T/rust.ir")" \
	    "ir2$fmt: sfeed reads every link, in input order"
done

# The whole stream without a single option is a valid feed too.
ir2atom "$T/rust.ir" >"$T/bare.atom"
ok $? "ir2atom without options"
ir2rss "$T/rust.ir" >"$T/bare.rss"
ok $? "ir2rss without options"
well_formed "$T/bare.rss"
ok $? "ir2rss without options: well-formed"
is "$(sfeed <"$T/bare.rss" | wc -l)" "$n" "ir2rss without options: sfeed reads $n items"

# Summaries only: no content, and smaller.
ir2atom -s "$T/rust.ir" >"$T/s.atom"
is "$(grep -c '<content' "$T/s.atom")" 0 "ir2atom -s: no content element"
is "$(grep -c '<summary' "$T/s.atom")" "$n" "ir2atom -s: a summary per entry"
ir2rss -s "$T/rust.ir" >"$T/s.rss"
is "$(grep -c '<content:encoded' "$T/s.rss")" 0 "ir2rss -s: no content:encoded"
is "$(sfeed <"$T/s.rss" | wc -l)" "$n" "ir2rss -s: sfeed still reads $n items"

# One run of jing for the three Atom feeds (it names the bad one).
atom_valid "$T/rust.atom" "$T/bare.atom" "$T/s.atom"
ok $? "jing: the rust blog feed, without options and with -s, valid against RFC 4287"

done_testing
