# Feeds rebuilt when an issue or site.yaml changes (GNU make).
BASE  = https://example.org
POSTS = $(wildcard posts/*.md)

all: public/feed.atom public/feed.rss

# One IR file for both feeds.  md2ir -o replaces it only when every post
# converted, so a broken post stops make here.  The posts/ folder is a
# prerequisite too, so that adding or removing a post rebuilds.
issues.ir: $(POSTS) posts
	md2ir -b $(BASE) -o $@ $(POSTS)

# Newest twenty first; LC_ALL=C so that sort orders the same everywhere.
public/feed.atom: issues.ir site.yaml
	@mkdir -p $(@D)
	LC_ALL=C sort -r issues.ir | head -20 | ir2atom -c site.yaml -u $(BASE)/feed.atom -o $@

public/feed.rss: issues.ir site.yaml
	@mkdir -p $(@D)
	LC_ALL=C sort -r issues.ir | head -20 | ir2rss -c site.yaml -u $(BASE)/feed.rss -o $@
