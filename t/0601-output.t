#!/bin/sh
# -o FILE on every filter: replaced only on success, keeps its mode,
# survives bad input and a killed run; stdout on a full disk is an error.
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
printf -- '---\ntitle: ok\ndate: 2020-01-01\n---\nbody\n' > ok.md
md2ir -b https://example.org ok.md > ok.ir
printf '2017-01-01T00:00:00Z\t\tT\n' > bad.ir
printf 'no front matter\n' > bad.md
args() { [ "$1" = ir2epub ] && echo "-t Book"; }
leftovers() { ls -a | grep -c '^\.target\.' ; }

for p in md2ir ir2atom ir2rss ir2epub ir2mbox; do
	good=ok.ir bad=bad.ir
	[ "$p" = md2ir ] && good=ok.md bad=bad.md
	echo old > target
	chmod 640 target
	# shellcheck disable=SC2046
	run "$p" $(args "$p") -o target $bad
	is "$rc:$(cat target)" "1:old" "$p: bad input leaves the old file"
	is "$(leftovers)" 0 "$p: no temporary file left after a failure"
	# shellcheck disable=SC2046
	run "$p" $(args "$p") -o target $good
	is "$rc:$(cat "$T/out")" "0:" "$p: -o succeeds, nothing on stdout"
	if [ "$(cat target)" = old ]; then r=1; else r=0; fi
	ok $r "$p: the file was replaced"
	is "$(stat -c %a target)" 640 "$p: the old file's mode is kept"
	is "$(leftovers)" 0 "$p: no temporary file left after success"

	# Killed while reading: the old file stays, the temporary goes.
	echo old > target
	rm -f fifo
	mkfifo fifo
	# shellcheck disable=SC2046
	"$p" $(args "$p") -o target fifo 2>/dev/null &
	pid=$!
	exec 3>fifo
	cat $good >&3
	sleep 0.3
	kill -TERM $pid
	st=0
	wait $pid 2>/dev/null || st=$?
	exec 3>&-
	is "$st:$(cat target)" "143:old" "$p: killed by SIGTERM, the old file stays"
	is "$(leftovers)" 0 "$p: killed by SIGTERM, no temporary file left"

	# Standard output on a full disk.
	if [ -w /dev/full ]; then
		# shellcheck disable=SC2046
		run sh -c '"$@" > /dev/full' sh "$p" $(args "$p") $good
		is "$rc" 1 "$p: a full disk on stdout: exit 1"
		like "$(cat "$T/err")" "^$p: .*(write error|No space left on device)" "$p: a full disk on stdout: message"
	fi
done

done_testing
