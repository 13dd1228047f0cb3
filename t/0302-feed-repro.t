#!/bin/sh
# Same input, same bytes: two runs, another time zone and locale, and
# SOURCE_DATE_EPOCH, which only an empty stream may use.
. "$(dirname "$0")/lib.sh"

# The Rust blog when ../shared/corpus is beside the clone; the seeds alone
# otherwise.
if [ -d "$TOP/../shared/corpus/rust-blog" ]; then
	cd "$TOP/../shared/corpus" || exit 1
	md2ir -b https://blog.rust-lang.org rust-blog/[0-9]*.md \
	    rust-blog/inside-rust/[0-9]* >"$T/rust.ir"
	ok $? "md2ir converts the rust blog"
else
	echo "# ../shared/corpus is absent: the seeds alone"
	md2ir -b https://cilium.io "$TD"/seeds/*.md >"$T/rust.ir"
	ok $? "md2ir converts the seeds"
fi
cat "$TD/feeds/hostile.ir" >>"$T/rust.ir"

# The locales to try: de_DE.UTF-8 (installed, or else compiled here
# with localedef into $T and found through LOCPATH), C and POSIX.
locales="C POSIX"
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	locales="de_DE.UTF-8 $locales"
elif mkdir -p "$T/locale" &&
    localedef -i de_DE -f UTF-8 "$T/locale/de_DE.UTF-8" 2>/dev/null &&
    [ "$(LOCPATH=$T/locale LC_ALL=de_DE.UTF-8 date -u -d @0 +%a)" = Do ]; then
	export LOCPATH="$T/locale"
	locales="de_DE.UTF-8 $locales"
else
	echo "# no de_DE.UTF-8 locale here; trying $locales"
fi

for fmt in atom rss; do
	set -- -c "$TD/feeds/site.yaml" "$T/rust.ir"
	ir2$fmt "$@" >"$T/one.$fmt"
	ok $? "ir2$fmt: first run"
	ir2$fmt "$@" >"$T/two.$fmt"
	same_file "$T/two.$fmt" "$T/one.$fmt" "ir2$fmt: two runs are byte-identical"
	for l in $locales; do
		TZ=Asia/Tokyo LC_ALL=$l ir2$fmt "$@" >"$T/tz.$fmt"
		same_file "$T/tz.$fmt" "$T/one.$fmt" \
		    "ir2$fmt: TZ=Asia/Tokyo LC_ALL=$l gives the same bytes"
	done
	SOURCE_DATE_EPOCH=1700000000 ir2$fmt "$@" >"$T/sde.$fmt"
	same_file "$T/sde.$fmt" "$T/one.$fmt" \
	    "ir2$fmt: SOURCE_DATE_EPOCH does not change a feed with issues"
	TZ=Asia/Tokyo LC_ALL=POSIX ir2$fmt -o "$T/o.$fmt" "$@"
	same_file "$T/o.$fmt" "$T/one.$fmt" "ir2$fmt: -o writes the same bytes"
done

# The whole pipe from Markdown, under Tokyo time and the first locale.
set -- $locales
for fmt in atom rss; do
	(cd "$TD/.." && TZ=Asia/Tokyo LC_ALL=$1 md2ir -b https://cilium.io \
	    testdata/seeds/bpf-updates-05.md testdata/seeds/bpf-updates-13.md |
	    TZ=Asia/Tokyo LC_ALL=$1 ir2$fmt) >"$T/tokyo.$fmt"
	same_file "$T/tokyo.$fmt" "$TD/golden/seeds.$fmt" \
	    "md2ir | ir2$fmt under TZ=Asia/Tokyo LC_ALL=$1 matches the golden"
done

done_testing
