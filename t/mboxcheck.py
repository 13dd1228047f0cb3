#!/usr/bin/python3
"""mboxcheck: read an mbox written by ir2mbox back with Python's mailbox
and email packages (policy=email.policy.default) and compare every
message with the IR it was made from.

usage: mboxcheck.py [-t] [-f FROM] MBOX IR

Prints one '# ' line per problem and exits 1 if there is any; prints
'messages N' on success.  -t: the messages are text/plain only.
-f: the expected From header (as Python renders it).
"""
import email
import email.policy
import mailbox
import re
import sys
import uuid
from datetime import datetime, timezone

problems = []


def bad(where, what):
    problems.append('%s: %s' % (where, what))


def unescape_text(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\':
            i += 1
            out.append({'\\': '\\', 't': '\t', 'n': '\n'}[s[i]])
        else:
            out.append(c)
        i += 1
    return ''.join(out)


URL_ATTR = re.compile(r'\b(href|src|srcset|poster|cite)="[^"]*"')


def uri(s):
    """quire-ir(5), URLS: hosts in IDNA form, the rest percent-encoded."""
    from urllib.parse import quote, urlsplit
    host = urlsplit(s).hostname or ''
    if urlsplit(s).netloc and not host.isascii():
        s = s.replace(host, host.encode('idna').decode('ascii'), 1)
    return quote(s, safe="!#$%&'()*+,/:;=?@[]~")


def split_list(s):
    vals, cur, i = [], [], 0
    if s == '':
        return []
    while i < len(s):
        if s[i] == '\\':
            cur.append(s[i + 1])
            i += 2
            continue
        if s[i] == '|':
            vals.append(''.join(cur))
            cur = []
        else:
            cur.append(s[i])
        i += 1
    vals.append(''.join(cur))
    return vals


def host(url):
    """The host of an absolute URL, written independently of url.c."""
    m = re.match(r'^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)', url)
    if not m or not m.group(1):
        return None
    auth = m.group(1).rsplit('@', 1)[-1]
    if auth.startswith('['):
        return auth[:auth.index(']') + 1] if ']' in auth else None
    h = auth.split(':', 1)[0]
    return h or None


def read_ir(path):
    recs = []
    with open(path, encoding='utf-8', newline='\n') as f:
        for line in f:
            fields = line.rstrip('\n').split('\t')
            fields += [''] * (16 - len(fields))
            recs.append(fields)
    return recs


ENVELOPE = re.compile(r'^From (\S+) ((Mon|Tue|Wed|Thu|Fri|Sat|Sun) '
                      r'(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) '
                      r'[ 123]\d \d\d:\d\d:\d\d \d{4})$')


def main(argv):
    plain_only = False
    want_from = None
    while argv and argv[0].startswith('-'):
        if argv[0] == '-t':
            plain_only = True
            argv = argv[1:]
        elif argv[0] == '-f':
            want_from = argv[1]
            argv = argv[2:]
        else:
            break
    mbox_path, ir_path = argv
    recs = read_ir(ir_path)

    raw = open(mbox_path, 'rb').read()
    try:
        raw.decode('ascii')
    except UnicodeDecodeError as e:
        bad(mbox_path, 'non-ASCII byte at offset %d' % e.start)
    # Lines fold at 78, except one that holds a single token no fold can
    # break (a long URI or msg-id); no line ever passes 998.
    unbreakable = re.compile(rb'^(Archived-At:|Message-ID:)? ?<[^ ]*>$')
    for n, line in enumerate(raw.split(b'\n'), 1):
        if len(line) > 998 or (len(line) > 78 and
                               not unbreakable.match(line)):
            bad('%s:%d' % (mbox_path, n), 'line of %d characters' % len(line))
    if raw and not raw.endswith(b'\n\n'):
        bad(mbox_path, 'does not end with a newline and an empty line')

    box = mailbox.mbox(mbox_path, create=False)
    keys = box.keys()
    if len(keys) != len(recs):
        bad(mbox_path, '%d messages for %d issues' % (len(keys), len(recs)))
    seen_ids = set()
    for i, (key, rec) in enumerate(zip(keys, recs), 1):
        where = 'message %d' % i
        mb = box.get_message(key)
        envelope = 'From ' + mb.get_from()
        data = box.get_bytes(key)
        msg = email.message_from_bytes(data, policy=email.policy.default)

        date = datetime.strptime(rec[0], '%Y-%m-%dT%H:%M:%SZ').replace(
            tzinfo=timezone.utc)
        m = ENVELOPE.match(envelope)
        if not m:
            bad(where, 'bad envelope line %r' % envelope)
        elif datetime.strptime(m.group(2), '%a %b %d %H:%M:%S %Y').replace(
                tzinfo=timezone.utc) != date:
            bad(where, 'envelope date %r is not %s' % (m.group(2), rec[0]))

        for part in msg.walk():
            if part.defects:
                bad(where, 'defects %r' % part.defects)
            for name, value in part.items():
                if getattr(value, 'defects', None):
                    bad(where, 'header %s: defects %r' % (name, value.defects))

        title = rec[2]
        if title == '':
            # No title: the date stands in, as in the feeds.
            if msg['subject'] != rec[0][:10]:
                bad(where, 'Subject %r for an empty title, expected the '
                    'date %r' % (msg['subject'], rec[0][:10]))
        elif msg['subject'] != title:
            bad(where, 'Subject %r, expected %r' % (msg['subject'], title))
        if msg['date'] is None or msg['date'].datetime != date:
            bad(where, 'Date %r, expected %s' % (msg['date'], rec[0]))

        dom = host(rec[3]) or host(rec[1]) or 'quire.invalid'
        mid = '<%s@%s>' % (uuid.uuid5(uuid.NAMESPACE_URL, rec[1]), dom)
        if msg['message-id'] != mid:
            bad(where, 'Message-ID %r, expected %r' % (msg['message-id'], mid))
        if mid in seen_ids:
            bad(where, 'Message-ID %s used twice' % mid)
        seen_ids.add(mid)
        if msg['mime-version'] != '1.0':
            bad(where, 'MIME-Version %r' % msg['mime-version'])

        frm = msg['from']
        if frm is None or len(frm.addresses) != 1:
            bad(where, 'From %r is not one address' % frm)
        else:
            if m and frm.addresses[0].addr_spec != m.group(1):
                bad(where, 'From %s is not the envelope sender %s' %
                    (frm.addresses[0].addr_spec, m.group(1)))
            if want_from is not None and str(frm) != want_from:
                bad(where, 'From %r, expected %r' % (str(frm), want_from))
            names = [a.split(' <')[0] if a.endswith('>') else a
                     for a in split_list(rec[6])]
            # Python's address parser keeps the white space between two
            # adjacent encoded-words of a display name, which RFC 2047
            # section 6.2 says to ignore (mblaze does): a long non-ASCII
            # name comes back with spaces where the words were split.
            # Compare the names without white space.
            if want_from is None and names and \
                    ''.join(frm.addresses[0].display_name.split()) != \
                    ''.join(', '.join(names).split()):
                bad(where, 'From name %r, expected %r' %
                    (frm.addresses[0].display_name, ', '.join(names)))

        if re.match(r'^[a-z][a-z0-9+.-]*:', rec[3], re.I):
            if msg['archived-at'] is None:
                bad(where, 'no Archived-At')

        kws = []
        for k in split_list(rec[7]) + split_list(rec[8]):
            if k not in kws:
                kws.append(k)
        if kws and msg['keywords'] is None:
            bad(where, 'no Keywords')

        text = unescape_text(rec[15])
        html = unescape_text(rec[14])
        if plain_only:
            if msg.get_content_type() != 'text/plain':
                bad(where, 'type %s with -t' % msg.get_content_type())
            parts = [msg]
        else:
            if msg.get_content_type() != 'multipart/alternative':
                bad(where, 'type %s' % msg.get_content_type())
                continue
            parts = list(msg.iter_parts())
            types = [p.get_content_type() for p in parts]
            if types != ['text/plain', 'text/html']:
                bad(where, 'parts %r' % types)
                continue
        for p in parts:
            if p.get_content_charset() != 'utf-8' or \
                    p['content-transfer-encoding'] != 'quoted-printable':
                bad(where, '%s is not UTF-8 quoted-printable' %
                    p.get_content_type())
        # The text part is the body rendered for a terminal: no markup
        # of a script, the link post's link first, the permalink last.
        got = parts[0].get_content()
        # (Prose may name "<script>"; an element has attributes or an end.)
        # Code is indented by four spaces and shown as it is.
        prose = '\n'.join(l for l in got.split('\n')
                           if not l.startswith('    '))
        # Inline code may show markup too: only more than the code holds
        # is raw HTML that leaked.
        tag = re.compile(r'<(script|style|iframe)\s[^>]*=|'
                         r'</(script|style|iframe)>', re.I)
        import html as htmlmod
        code = htmlmod.unescape(' '.join(re.findall(
            r'(?s)<code[^>]*>(.*?)</code>', html)))
        if len(tag.findall(prose)) > len(tag.findall(code)):
            bad(where, 'markup in the text part')
        if rec[4] and not got.startswith('Link: ' + uri(rec[4]) + '\n'):
            bad(where, 'text part does not start with the link')
        if re.match(r'https?://', rec[3]) and \
                not got.endswith('\n-- \nRead online: %s\n' % uri(rec[3])):
            bad(where, 'text part does not end with the permalink')
        import html as htmlmod
        visible = htmlmod.unescape(re.sub(r'<[^>]*(>|$)', '', re.sub(
            r'(?is)<(script|style|template|title)\b.*?</\1\s*>', '', html)))
        if visible.strip() and not got.strip():
            bad(where, 'empty text part')
        if not plain_only:
            doc = parts[1].get_content()
            m2 = re.match(r'(?s)^<!DOCTYPE html>\n<html( lang="[^"]*")?'
                          r'( dir="(rtl|auto)")?>\n'
                          r'<head>\n<meta charset="utf-8">\n<title>(.*?)'
                          r'</title>\n</head>\n<body>\n(.*)</body>\n'
                          r'</html>\n$', doc)
            want = html if html == '' or html.endswith('\n') else html + '\n'
            if not m2:
                bad(where, 'HTML is not the expected document')
            elif URL_ATTR.sub('', m2.group(5)) != URL_ATTR.sub('', want):
                # URLs are absolute and URIs; the rest is field 15.
                bad(where, 'HTML body differs from field 15')
            elif re.search(r'(href|src)="[^"]*[ \x80-\U0010ffff]',
                           m2.group(5)):
                bad(where, 'a URL in the HTML part is not a URI')

    for p in problems:
        print('# ' + p)
    if problems:
        return 1
    print('messages %d' % len(keys))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
