"""irlib: what the Python checkers of t/ share about the IR (quire-ir(5))."""


def unlist(s):
    """The values of a list field: split at '|', with '\\|' and '\\\\'
    as escapes inside a value."""
    out, cur, i = [], "", 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            cur += s[i + 1]
            i += 2
            continue
        if s[i] == "|":
            out.append(cur)
            cur = ""
            i += 1
            continue
        cur += s[i]
        i += 1
    if s:
        out.append(cur)
    return out
