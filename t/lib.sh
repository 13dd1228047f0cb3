# t/lib.sh: a small TAP library for the shell tests.  Source it first.
#
# QUIRE_BIN names the folder of the filters under test (default:
# build/ beside t/).  Every test runs under LC_ALL=C.UTF-8 TZ=UTC in a
# temporary folder $T that is removed at the end.

set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${QUIRE_BIN:-$TOP/build}
TD=$TOP/testdata
QTEST=$BIN/t/qtest		# t/qtest.c: common/ from the shell
PY=/usr/bin/python3		# Debian's, which has the Debian modules
export LC_ALL=C.UTF-8 TZ=UTC
unset SOURCE_DATE_EPOCH
T=$(mktemp -d "${TMPDIR:-/tmp}/quire-t.XXXXXX")
trap 'rm -rf "$T"' EXIT
PATH=$BIN:$PATH
export PATH

# QUIRE_VALGRIND=1 runs every filter called by name under memcheck;
# done_testing fails the script if any run reported an error or a leak.
if [ "${QUIRE_VALGRIND:-0}" = 1 ]; then
	mkdir -p "$T/vg" "$T/vgbin"
	for f in "$BIN"/md2ir "$BIN"/ir2*; do
		[ -x "$f" ] || continue
		cat > "$T/vgbin/${f##*/}" <<EOF2
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite,indirect \\
    --log-file="$T/vg/${f##*/}.%p" "$f" "\$@"
EOF2
		chmod +x "$T/vgbin/${f##*/}"
	done
	PATH=$T/vgbin:$PATH
fi

_n=0
_fail=0

# ok STATUS DESCRIPTION: passes when STATUS is 0.
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_fail=$((_fail + 1))
	fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"
	fi
}

# like GOT PATTERN DESCRIPTION: GOT matches the grep -E pattern.
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:     %s\n#   pattern: %s\n' "$1" "$2"
	fi
}

# same_file GOT EXPECTED DESCRIPTION: byte-identical files.
same_file() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u "$2" "$1" 2>&1 | head -40 | sed 's/^/#   /'
	fi
}

# run CMD...: run it with stdout in $T/out, stderr in $T/err; sets $rc.
run() {
	rc=0
	"$@" >"$T/out" 2>"$T/err" || rc=$?
}

# golden GOT NAME DESCRIPTION: compare with testdata/golden/NAME;
# with QUIRE_REGEN=1 write the golden instead (review before commit).
golden() {
	if [ "${QUIRE_REGEN:-0}" = 1 ]; then
		mkdir -p "$TD/golden/$(dirname "$2")"
		cp "$1" "$TD/golden/$2"
	fi
	same_file "$1" "$TD/golden/$2" "$3"
}

# skip_all REASON: no test can run here.
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# done_testing: print the plan and exit non-zero if anything failed.
done_testing() {
	if [ "${QUIRE_VALGRIND:-0}" = 1 ]; then
		if cat "$T"/vg/* 2>/dev/null | grep -q .; then
			ok 1 "valgrind: memcheck reported errors"
			cat "$T"/vg/* | head -40 | sed 's/^/#   /'
		else
			ok 0 "valgrind: memcheck clean on $(ls "$T/vg" | wc -l) runs"
		fi
	fi
	echo "1..$_n"
	[ "$_fail" -eq 0 ]
}
