# quire: Markdown newsletters to feeds, an e-book and a mailbox.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

CC ?= cc
CFLAGS ?= -O2 -g
# The C++ compiler of common/*.cc (TOML through toml++), which also links
# every program, so that the C++ runtime (and a sanitizer's C++ part)
# comes in: the one that goes with CC unless CXX is given.
ifeq ($(origin CXX),default)
CXX = $(if $(findstring clang,$(CC)),$(subst clang,clang++,$(CC)),g++)
endif
CXXFLAGS_STD = -std=c++17
WERROR ?= -Werror
WARN = -Wall -Wextra $(WERROR)
PKG_CONFIG ?= pkg-config

# Library flags; override any of them on the command line.
CMARK_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libcmark-gfm)
CMARK_LIBS ?= $(shell $(PKG_CONFIG) --libs libcmark-gfm || echo -lcmark-gfm-extensions -lcmark-gfm)
XML_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libxml-2.0)
XML_LIBS ?= $(shell $(PKG_CONFIG) --libs libxml-2.0)
YAML_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags yaml-0.1)
YAML_LIBS ?= $(shell $(PKG_CONFIG) --libs yaml-0.1)
ZLIB_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags zlib)
ZLIB_LIBS ?= $(shell $(PKG_CONFIG) --libs zlib)
TOML_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags tomlplusplus)
TOML_LIBS ?= $(shell $(PKG_CONFIG) --libs tomlplusplus)
JANSSON_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags jansson)
JANSSON_LIBS ?= $(shell $(PKG_CONFIG) --libs jansson)
IDN_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libidn2)
IDN_LIBS ?= $(shell $(PKG_CONFIG) --libs libidn2)

# Builds go to $(O) so that a sanitizer build can sit beside the plain one.
O ?= build

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -pthread \
	-DQUIRE_VERSION='"$(VERSION)"' -Icommon $(WARN) \
	$(CMARK_CFLAGS) $(XML_CFLAGS) $(YAML_CFLAGS) $(ZLIB_CFLAGS) \
	$(TOML_CFLAGS) $(JANSSON_CFLAGS) $(IDN_CFLAGS) $(CFLAGS)
ALL_CXXFLAGS = $(CXXFLAGS_STD) -DQUIRE_VERSION='"$(VERSION)"' -Icommon \
	$(WARN) $(TOML_CFLAGS) $(CFLAGS) $(CXXFLAGS)
ALL_LDFLAGS = -pthread $(LDFLAGS)
ALL_LIBS = $(CMARK_LIBS) $(XML_LIBS) $(YAML_LIBS) $(ZLIB_LIBS) \
	$(TOML_LIBS) $(JANSSON_LIBS) $(IDN_LIBS)

COMMON_SRC = $(wildcard common/*.c)
COMMON_CXX = $(wildcard common/*.cc)
COMMON_OBJ = $(COMMON_SRC:common/%.c=$(O)/common/%.o) \
	$(COMMON_CXX:common/%.cc=$(O)/common/%.o)
FILTERS = $(basename $(notdir $(wildcard filters/*.c)))
BINS = $(FILTERS:%=$(O)/%)
MAN1 = $(wildcard filters/*.1)
MAN5 = common/quire-ir.5
MAN7 = $(wildcard common/*.7)

# Test programs: t/NAME.c becomes $(O)/t/NAME.
TESTPROGS = $(patsubst t/%.c,$(O)/t/%,$(wildcard t/*.c))

all: $(BINS)

tests: $(TESTPROGS)

$(O)/t/%: $(O)/t/%.o $(O)/libquire.a
	$(CXX) $(CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(O)/libquire.a $(ALL_LIBS)

$(O)/t/%.o: t/%.c common/quire.h $(wildcard common/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/common/%.o: common/%.c common/quire.h $(wildcard common/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/common/%.o: common/%.cc common/quire.h $(wildcard common/*.h)
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

$(O)/libquire.a: $(COMMON_OBJ)
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

$(O)/filters/%.o: filters/%.c common/quire.h $(wildcard common/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/%: $(O)/filters/%.o $(O)/libquire.a
	$(CXX) $(CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(O)/libquire.a $(ALL_LIBS)

# The sanitizer build, in its own folder.
SAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan:
	$(MAKE) O=build-asan CFLAGS="$(SAN_CFLAGS)" LDFLAGS="-fsanitize=address,undefined" all tests

check: all tests
	QUIRE_BIN=$(CURDIR)/$(O) prove t/

check-asan: asan
	QUIRE_BIN=$(CURDIR)/build-asan prove t/

# The test suite with every filter run under valgrind's memcheck (slow).
check-valgrind: all tests
	QUIRE_BIN=$(CURDIR)/$(O) QUIRE_VALGRIND=1 prove -j2 t/

# Fuzz targets (libFuzzer, clang): one per filter, whose main is renamed
# filter_main and driven by t/fuzz/fuzz-filter.c, one for the IR
# reader alone and one that checks html_read() against libxml2 alone
# (not in scripts/fuzz's default list: "scripts/fuzz 300 htmlmask").
# scripts/fuzz runs them.
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZERS = $(FILTERS:%=$(O)/fuzz-%) $(O)/fuzz-ir $(O)/fuzz-htmlmask
fuzz:
	$(MAKE) CC=clang CXX=clang++ O=build-fuzz CFLAGS="$(FUZZ_CFLAGS)" fuzzers

fuzzers: $(FUZZERS)

$(O)/fuzzobj/%.o: filters/%.c common/quire.h $(wildcard common/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Dmain=filter_main -c -o $@ $<

# Compiled with CC, linked with CXX (the C++ runtime of fm_toml.cc).
$(O)/fuzz-ir $(O)/fuzz-htmlmask: $(O)/fuzz-%: t/fuzz/fuzz-%.c $(O)/libquire.a
	@mkdir -p $(O)/fuzzobj
	$(CC) $(ALL_CFLAGS) -c -o $(O)/fuzzobj/fuzz-$*.o $<
	$(CXX) $(CFLAGS) -fsanitize=fuzzer -o $@ $(O)/fuzzobj/fuzz-$*.o \
		$(O)/libquire.a $(ALL_LIBS)

$(O)/fuzz-%: $(O)/fuzzobj/%.o t/fuzz/fuzz-filter.c $(O)/libquire.a
	$(CC) $(ALL_CFLAGS) -DFUZZ_ARGS='$(FUZZ_ARGS_$*)' \
		-c -o $(O)/fuzzobj/$*.drv.o t/fuzz/fuzz-filter.c
	$(CXX) $(CFLAGS) -fsanitize=fuzzer -o $@ $(O)/fuzzobj/$*.drv.o $< \
		$(O)/libquire.a $(ALL_LIBS)

# Arguments each filter's target passes (md2ir: URL resolution too).
FUZZ_ARGS_md2ir = "-b", "https://example.org/a/b",
FUZZ_ARGS_ir2epub = "-t", "Fuzz",

# The main job on the bundled sample issues; the outputs go to out/.
SEEDS = testdata/seeds/bpf-updates-05.md testdata/seeds/bpf-updates-13.md
demo: all
	@mkdir -p out
	$(O)/md2ir -b https://cilium.io -o out/seeds.ir $(SEEDS)
	@if [ -x $(O)/ir2atom ]; then set -x; $(O)/ir2atom -o out/seeds.atom out/seeds.ir; fi
	@if [ -x $(O)/ir2rss ]; then set -x; $(O)/ir2rss -o out/seeds.rss out/seeds.ir; fi
	@if [ -x $(O)/ir2epub ]; then set -x; $(O)/ir2epub -t "BPF Updates" -o out/seeds.epub out/seeds.ir; fi
	@if [ -x $(O)/ir2mbox ]; then set -x; $(O)/ir2mbox -o out/seeds.mbox out/seeds.ir; fi
	@ls -l out/seeds.*

lint-man:
	for m in $(MAN1) $(MAN5) $(MAN7); do \
		groff -mdoc -ww -z -Tutf8 $$m 2>&1 | sed "s|^|$$m: |"; \
	done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp -f $(BINS) $(DESTDIR)$(BINDIR)/
	cp -f $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp -f $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	[ -z "$(MAN7)" ] || cp -f $(MAN7) $(DESTDIR)$(MANDIR)/man7/

uninstall:
	cd $(DESTDIR)$(BINDIR) && rm -f $(FILTERS)
	cd $(DESTDIR)$(MANDIR)/man1 && rm -f $(notdir $(MAN1))
	rm -f $(DESTDIR)$(MANDIR)/man5/quire-ir.5
	cd $(DESTDIR)$(MANDIR)/man7 && rm -f $(notdir $(MAN7))

clean:
	rm -rf build build-asan build-clang build-fuzz build-novec out

.PHONY: all tests demo asan check-valgrind fuzz fuzzers check check-asan lint-man install uninstall clean
.SECONDARY:
