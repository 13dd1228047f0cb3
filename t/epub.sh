# t/epub.sh: helpers for the ir2epub tests; source after lib.sh.

# epubcheck FILE: run EPUBCheck (Debian's /usr/bin/epubcheck is the jar
# itself, which runs only where binfmt_misc knows jars).
epubcheck() {
	if /usr/bin/epubcheck --version >/dev/null 2>&1; then
		/usr/bin/epubcheck "$@"
	else
		java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
		    -jar /usr/share/java/epubcheck.jar "$@"
	fi
}

[ -r /usr/share/java/epubcheck.jar ] && command -v java >/dev/null ||
    skip_all "epubcheck (Debian package epubcheck) is not installed"

# epub_clean FILE DESCRIPTION: EPUBCheck finds nothing at all to report.
epub_clean() {
	epubcheck "$1" >"$T/check" 2>&1
	_v=$(grep -E '^Messages:' "$T/check")
	is "$_v" "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" "$2"
	if [ "$_v" != "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" ]; then
		grep -E '^(FATAL|ERROR|WARNING)' "$T/check" | head -20 | sed 's/^/#   /'
	fi
}

# zipls FILE: one line per entry, in order: name, method, extra length.
zipls() {
	"$PY" - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for i in z.infolist():
        print(i.filename, 'stored' if i.compress_type == 0 else 'deflated',
              len(i.extra), '%04d-%02d-%02d' % i.date_time[:3])
PY
}

# zipcat FILE NAME: the bytes of one entry.
zipcat() {
	"$PY" -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"
}
