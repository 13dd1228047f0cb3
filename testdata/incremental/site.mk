# A site rebuilt post by post (GNU make 4): one IR file per post, the
# combined IR merged from them, and the feeds, the book and the mailbox
# made from that.  Every step writes through md2ir's or a filter's -o,
# or through cmp, so an output whose bytes did not change keeps its
# mtime, and make stops there: editing one post runs md2ir on that post
# only and leaves every output that did not change as it was.

# No built-in rules: with them, make would look for a dozen other files
# for each post (RCS, SCCS, ...) at every run.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

BASE  = https://example.org
POSTS := $(sort $(wildcard posts/*.md))
IRS   := $(POSTS:posts/%.md=ir/%.ir)

all: public/feed.atom public/feed.rss public/book.epub public/issues.mbox

# One post, one IR file: one line, or none for a draft.  Ids are checked
# for duplicates downstream (each filter refuses an IR with two issues
# of the same id), since md2ir sees one post at a time here.
ir/%.ir: posts/%.md
	@mkdir -p $(@D)
	md2ir -q -b $(BASE) -o $@ $<

# The list of per-post IR files, compared at every run and rewritten
# only when a post was added or removed: issues.ir depends on it, so
# that a deleted post leaves the outputs.
ifneq ($(file <ir/list),$(IRS))
$(shell mkdir -p ir)
$(file >ir/list,$(IRS))
endif

# The combined IR, oldest first: each per-post file is sorted (it has
# one line, the date first), so sort -m merges them without sorting;
# the names go through --files0-from, not through one command line
# that a large site would make too long.  256 files merged at a time
# rather than 16: a third of the time on 10,000 posts (it needs as many
# open files; lower it if ulimit -n is under 300).  The IR files of
# deleted posts go.
issues.ir: $(IRS) ir/list
	tr ' \n' '\0\0' <ir/list | LC_ALL=C sort -m --batch-size=256 --files0-from=- >$@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv -f $@.new $@
	@rm -f $(filter-out $(IRS),$(wildcard ir/*.ir))

# The newest twenty, newest first: the last lines of issues.ir, in a
# file rewritten only when they changed, so that editing an older post
# leaves the feeds alone.
feed.ir: issues.ir
	tail -n 20 issues.ir | tac >$@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv -f $@.new $@

public/feed.atom: feed.ir site.yaml
	@mkdir -p $(@D)
	ir2atom -c site.yaml -u $(BASE)/feed.atom -o $@ feed.ir

public/feed.rss: feed.ir site.yaml
	@mkdir -p $(@D)
	ir2rss -c site.yaml -u $(BASE)/feed.rss -o $@ feed.ir

# The book and the mailbox: every issue, oldest first.
public/book.epub: issues.ir site.yaml
	@mkdir -p $(@D)
	ir2epub -q -c site.yaml -o $@ issues.ir

public/issues.mbox: issues.ir site.yaml
	@mkdir -p $(@D)
	ir2mbox -q -c site.yaml -o $@ issues.ir

.PHONY: all
