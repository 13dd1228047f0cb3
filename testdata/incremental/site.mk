# A site rebuilt post by post (GNU make 4): one IR file per post, one IR
# file a year merged from those, the feeds, and a book and a mailbox a
# year.  Every step writes through md2ir's or a filter's -o, or through
# cmp, so an output whose bytes did not change keeps its mtime, and make
# stops there: editing one post runs md2ir on that post only, merges its
# year's IR only and rebuilds that year's book and mailbox, and the
# feeds when the post is among the newest twenty.

# No built-in rules: with them, make would look for a dozen other files
# for each post (RCS, SCCS, ...) at every run.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

BASE  = https://example.org
TITLE = Example Weekly
POSTS := $(sort $(wildcard posts/*.md))
IRS   := $(POSTS:posts/%.md=ir/%.ir)

all: public/feed.atom public/feed.rss books ir/pruned

# One post, one IR file: one line, or none for a draft.  Ids are checked
# for duplicates downstream (each filter refuses an IR with two issues
# of the same id), since md2ir sees one post at a time here.
ir/%.ir: posts/%.md
	@mkdir -p $(@D)
	md2ir -q -b $(BASE) -o $@ $<

# The list of per-post IR files, compared at every run and rewritten
# only when a post was added or removed, so that a deleted post leaves
# the outputs.  Names are passed in files, not on one command line that
# a large site would make too long.
ifneq ($(file <ir/list),$(IRS))
$(shell mkdir -p ir)
$(file >ir/list,$(IRS))
endif

# The year of each post, from the date that starts its IR line:
# ir/years.mk names the IR files of each year, and make reads it again
# when its bytes changed (a post added, removed or moved to another
# year).  The same pass refuses two posts of one id (md2ir sees one post
# at a time; each filter, one year).  A step whose output may keep its
# bytes (and so its mtime) touches a stamp, so that make knows it is
# done.  GNU make remakes an included makefile even under -n or -q, so
# this step deletes nothing: ir/pruned does, below.
-include ir/years.mk
ir/years.mk: ir/years.stamp ;
ir/years.stamp: $(IRS) ir/list
	awk '{ for (i = 1; i <= NF; i++) { if ((getline l <$$i) > 0) { \
	    split(l, f, "\t"); y = substr(l, 1, 4); files[y] = files[y] " " $$i; \
	    if (f[2] in id) { printf "%s:1: duplicate id %s (also in %s)\n", \
	    $$i, f[2], id[f[2]] >"/dev/stderr"; bad = 1 }; id[f[2]] = $$i }; \
	    close($$i) } } \
	    END { for (y in files) print "YEARS += " y "\nyears/" y ".stamp:" files[y]; \
	    exit bad }' ir/list >ir/years.mk.new || { rm -f ir/years.mk.new; exit 1; }
	LC_ALL=C sort -o ir/years.mk.new ir/years.mk.new
	@cmp -s ir/years.mk.new ir/years.mk && rm -f ir/years.mk.new || \
	    mv -f ir/years.mk.new ir/years.mk
	@touch $@

# A year's IR, oldest first: each per-post file is sorted (it has one
# line, the date first), so sort -m merges them without sorting.  256
# files merged at a time rather than 16: a third of the time on a big
# year (it needs as many open files; lower it if ulimit -n is under 300).
years/%.ir: years/%.stamp ;
years/%.stamp: ir/years.mk
	@mkdir -p $(@D)
	$(file >ir/list-$*,$(filter ir/%.ir,$^))
	tr ' \n' '\0\0' <ir/list-$* | LC_ALL=C sort -m --batch-size=256 --files0-from=- >years/$*.ir.new
	@rm -f ir/list-$*
	@cmp -s years/$*.ir.new years/$*.ir && rm -f years/$*.ir.new || \
	    mv -f years/$*.ir.new years/$*.ir
	@touch $@

# The newest twenty, newest first, from the newest years: a file
# rewritten only when they changed, so that editing an older post leaves
# the feeds alone.
feed.ir: feed.stamp ;
feed.stamp: $(YEARS:%=years/%.ir)
	for y in $(shell printf '%s\n' $(YEARS) | LC_ALL=C sort -r); do \
	    tac years/$$y.ir; done | head -n 20 >feed.ir.new
	@cmp -s feed.ir.new feed.ir && rm -f feed.ir.new || mv -f feed.ir.new feed.ir
	@touch $@

public/feed.atom: feed.ir site.yaml
	@mkdir -p $(@D)
	ir2atom -c site.yaml -u $(BASE)/feed.atom -o $@ feed.ir

public/feed.rss: feed.ir site.yaml
	@mkdir -p $(@D)
	ir2rss -c site.yaml -u $(BASE)/feed.rss -o $@ feed.ir

# A book and a mailbox a year, oldest issue first.
books: $(YEARS:%=public/book-%.epub) $(YEARS:%=public/issues-%.mbox)

# When the years changed: the IR files of deleted posts go, and the
# files of a year left without posts.
ir/pruned: ir/years.mk
	@rm -f $(filter-out $(IRS),$(wildcard ir/*.ir))
	@for f in years/*.ir; do [ -e "$$f" ] || continue; \
	    y=$$(basename "$$f" .ir); grep -q "^YEARS += $$y$$" ir/years.mk || \
	    rm -f "$$f" years/$$y.stamp public/book-$$y.epub public/issues-$$y.mbox; done
	@touch $@

public/book-%.epub: years/%.ir site.yaml
	@mkdir -p $(@D)
	ir2epub -q -c site.yaml -t "$(TITLE), $*" -o $@ $<

public/issues-%.mbox: years/%.ir site.yaml
	@mkdir -p $(@D)
	ir2mbox -q -c site.yaml -o $@ $<

.PHONY: all books
