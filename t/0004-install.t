#!/bin/sh
# make install honours PREFIX and DESTDIR; man pages are valid mdoc.
. "$(dirname "$0")/lib.sh"

run make -s -C "$TOP" install O="$BIN" PREFIX=/opt/q DESTDIR="$T/dest"
is "$rc" 0 "make install into DESTDIR"
for f in md2ir ir2atom ir2rss ir2epub ir2mbox; do
	[ -x "$T/dest/opt/q/bin/$f" ]
	ok $? "bin/$f installed"
	[ -f "$T/dest/opt/q/share/man/man1/$f.1" ]
	ok $? "man1/$f.1 installed"
done
[ -f "$T/dest/opt/q/share/man/man5/quire-ir.5" ]
ok $? "man5/quire-ir.5 installed"
[ -f "$T/dest/opt/q/share/man/man7/quire.7" ]
ok $? "man7/quire.7 installed"
is "$("$T/dest/opt/q/bin/md2ir" --version | cut -d' ' -f1-2)" "md2ir (quire)" "the installed md2ir runs"
is "$(find "$T/dest" -newer "$T" -path '*/usr/local/*' | wc -l)" 0 "nothing outside PREFIX"

for m in "$TOP"/filters/*.1 "$TOP"/common/*.5 "$TOP"/common/*.7; do
	out=$(groff -mdoc -ww -z -Tutf8 "$m" 2>&1)
	is "$out" "" "$(basename "$m"): groff -mdoc -ww is silent"
done

run make -s -C "$TOP" uninstall O="$BIN" PREFIX=/opt/q DESTDIR="$T/dest"
is "$rc:$(find "$T/dest" -type f | wc -l)" "0:0" "make uninstall removes every file"

done_testing
