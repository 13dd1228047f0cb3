/*
 * fm_toml.cc: TOML front matter and configuration files, through
 * toml++ (Debian's libtomlplusplus), into the tree of fm.h.
 *
 * The only C++ of quire: one C function, fm_toml_parse, that catches
 * every exception.  Strings are strings; integers, floats, booleans
 * and dates are their text with plain set, dates in RFC 3339
 * ("2018-03-15", "2018-03-15T10:00:00Z", "2018-03-15T10:00:00" for a
 * local date-time, "10:00:00" for a local time).  toml++ keeps a
 * table's keys in sorted order, not as written, so a TOML map is in
 * key order.
 */
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include <toml++/toml.h>

extern "C" {
#include "quire.h"
}
#include "fm.h"

namespace {

struct tctx {
	struct fm_doc *doc;
	unsigned long  line0;
};

unsigned long
tline(const tctx &c, const toml::node &n)
{
	const auto &src = n.source();

	return src.begin.line > 0 ? c.line0 + src.begin.line - 1 : c.line0;
}

std::string
date_text(const toml::date &d)
{
	char b[32];

	std::snprintf(b, sizeof(b), "%04d-%02u-%02u", (int)d.year,
	    (unsigned)d.month, (unsigned)d.day);
	return b;
}

std::string
time_text(const toml::time &t)
{
	char b[48];

	if (t.nanosecond != 0)
		std::snprintf(b, sizeof(b), "%02u:%02u:%02u.%09lu",
		    (unsigned)t.hour, (unsigned)t.minute, (unsigned)t.second,
		    (unsigned long)t.nanosecond);
	else
		std::snprintf(b, sizeof(b), "%02u:%02u:%02u",
		    (unsigned)t.hour, (unsigned)t.minute, (unsigned)t.second);
	return b;
}

std::string
offset_text(const toml::time_offset &o)
{
	char b[16];
	int m = o.minutes;

	if (m == 0)
		return "Z";
	std::snprintf(b, sizeof(b), "%c%02d:%02d", m < 0 ? '-' : '+',
	    (m < 0 ? -m : m) / 60, (m < 0 ? -m : m) % 60);
	return b;
}

int conv(const tctx &c, const toml::node &n, struct fm_node *out,
    int depth);

int
set(const tctx &c, struct fm_node *out, const std::string &s, int plain,
    unsigned long line)
{
	return fm_set_str(c.doc, out, s.data(), s.size(), plain, line);
}

int
conv(const tctx &c, const toml::node &n, struct fm_node *out, int depth)
{
	unsigned long line = tline(c, n);
	size_t i;

	std::memset(out, 0, sizeof(*out));
	out->line = line;
	if (depth > FM_DEPTH) {
		msg_err(fm_doc_file(c.doc), line, "%s nested more than %d "
		    "deep", fm_doc_what(c.doc), FM_DEPTH);
		return -1;
	}
	if (const toml::table *t = n.as_table()) {
		out->type = FM_MAP;
		out->nv = t->size();
		if (out->nv == 0)
			return 0;
		if ((out->k = fm_nodes(c.doc, out->nv, line)) == NULL ||
		    (out->v = fm_nodes(c.doc, out->nv, line)) == NULL)
			return -1;
		i = 0;
		for (auto &&[k, v] : *t) {
			unsigned long kl = k.source().begin.line > 0 ?
			    c.line0 + k.source().begin.line - 1 : line;

			if (fm_set_str(c.doc, &out->k[i], k.data(), k.length(),
			    0, kl) < 0 || conv(c, v, &out->v[i], depth + 1) < 0)
				return -1;
			i++;
		}
		return 0;
	}
	if (const toml::array *a = n.as_array()) {
		out->type = FM_LIST;
		out->nv = a->size();
		if (out->nv == 0)
			return 0;
		if ((out->v = fm_nodes(c.doc, out->nv, line)) == NULL)
			return -1;
		i = 0;
		for (const toml::node &e : *a)
			if (conv(c, e, &out->v[i++], depth + 1) < 0)
				return -1;
		return 0;
	}
	if (auto s = n.value<std::string_view>(); s && n.is_string())
		return fm_set_str(c.doc, out, s->data(), s->size(), 0, line);
	if (auto v = n.as_integer())
		return set(c, out, std::to_string(v->get()), 1, line);
	if (auto v = n.as_floating_point()) {
		char b[64];

		std::snprintf(b, sizeof(b), "%.17g", v->get());
		return set(c, out, b, 1, line);
	}
	if (auto v = n.as_boolean())
		return set(c, out, v->get() ? "true" : "false", 1, line);
	if (auto v = n.as_date())
		return set(c, out, date_text(v->get()), 1, line);
	if (auto v = n.as_time())
		return set(c, out, time_text(v->get()), 1, line);
	if (auto v = n.as_date_time()) {
		const toml::date_time &dt = v->get();
		std::string s = date_text(dt.date) + "T" + time_text(dt.time);

		if (dt.offset)
			s += offset_text(*dt.offset);
		return set(c, out, s, 1, line);
	}
	out->type = FM_NULL;
	return 0;
}

} // namespace

extern "C" int
fm_toml_parse(struct fm_doc *doc, const char *text, size_t n,
    unsigned long line0)
{
	try {
		tctx c{ doc, line0 };
		toml::table t = toml::parse(std::string_view(text, n));
		struct fm_node *root;

		if ((root = fm_nodes(doc, 1, line0)) == NULL)
			return -1;
		if (conv(c, t, root, 0) < 0)
			return -1;
		fm_doc_set_root(doc, root);
		return 0;
	} catch (const toml::parse_error &e) {
		struct buf b = BUF_INIT;
		std::string_view d = e.description();
		unsigned long l = e.source().begin.line;

		fm_show(&b, d.data(), d.size(), 200);
		msg_err(fm_doc_file(doc), l > 0 ? line0 + l - 1 : line0,
		    "bad TOML: %s", b.p != NULL ? b.p : "parse error");
		buf_free(&b);
	} catch (const std::bad_alloc &) {
		msg_oom();
	} catch (const std::exception &e) {
		msg_err(fm_doc_file(doc), line0, "bad TOML: %s", e.what());
	} catch (...) {
		msg_err(fm_doc_file(doc), line0, "bad TOML");
	}
	return -1;
}
