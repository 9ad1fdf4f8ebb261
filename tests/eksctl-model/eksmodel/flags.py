"""The command line as cobra and pflag read it, against a table of flag_tables.py.

Parsing follows spf13/pflag 1.0.5 (flag.go parseArgs / parseLongArg /
parseSingleShortArg) and cobra 1.8 (command.go Find / stripFlags / argsMinusFirstX).
Booleans have NoOptDefVal "true", so `--managed false` is `--managed` plus a positional
"false"; `-Pfalse` is `-P -f alse`; `--` ends flags.
"""

import re

from .flag_tables import BOOL, DURATION, GLOBAL, INT, INT32, IPNET, MAP, SLICE
from .out import Refused


class Parsed:
    def __init__(self, flags):
        self.flags = {f.name: f for f in flags}
        self.short = {f.short: f for f in flags if f.short}
        self.values = {f.name: f.default for f in flags}
        self.changed = []  # names in the order they were set
        self.args = []
        self.stderr_notes = []  # what pflag writes through cobra to stderr (deprecations)

    def is_changed(self, name):
        return name in self.changed

    def get(self, name):
        return self.values.get(name)


def _flag_name(f):
    return f"-{f.short}, --{f.name}" if f.short else f"--{f.name}"


def _parse_int(s, bits):
    """strconv.ParseInt(s, 0, bits): base prefixes 0x 0o 0b and leading 0, underscores."""
    err_syntax = f'strconv.ParseInt: parsing {_q(s)}: invalid syntax'
    t = s
    sign = 1
    if t[:1] in "+-" and t:
        sign = -1 if t[0] == "-" else 1
        t = t[1:]
    base, digits = 10, t
    low = t.lower()
    if low.startswith("0x"):
        base, digits = 16, t[2:]
    elif low.startswith("0o"):
        base, digits = 8, t[2:]
    elif low.startswith("0b"):
        base, digits = 2, t[2:]
    elif t.startswith("0") and len(t) > 1:
        base, digits = 8, t[1:]
    if not digits or "__" in digits or digits.startswith("_") and base == 10 or digits.endswith("_"):
        raise ValueError(err_syntax)
    if "_" in digits and base == 10 and not t.startswith("0"):
        raise ValueError(err_syntax)  # underscores only with a base prefix (Go's underscoreOK)
    try:
        v = sign * int(digits.replace("_", ""), base)
    except ValueError:
        raise ValueError(err_syntax)
    if not -(1 << (bits - 1)) <= v < (1 << (bits - 1)):
        raise ValueError(f'strconv.ParseInt: parsing {_q(s)}: value out of range')
    return v


def _q(s):
    from .out import go_quote
    return go_quote(s)


_DUR_UNITS = {"ns": 1, "us": 10**3, "\u00b5s": 10**3, "\u03bcs": 10**3, "ms": 10**6, "s": 10**9,
              "m": 60 * 10**9, "h": 3600 * 10**9}


def _parse_duration(s):
    """time.ParseDuration, with its error texts."""
    orig = s
    if s in ("0", "+0", "-0"):
        return 0
    neg = s.startswith("-")
    if s[:1] in "+-":
        s = s[1:]
    if not s:
        raise ValueError(f"time: invalid duration {_q(orig)}")
    total = 0
    while s:
        m = re.match(r"(\d*)(\.(\d*))?", s)
        if not m or (m.group(1) == "" and not m.group(3)):
            raise ValueError(f"time: invalid duration {_q(orig)}")
        s = s[m.end():]
        u = re.match(r"[^\d.]*", s).group(0)
        if not u:
            raise ValueError(f"time: missing unit in duration {_q(orig)}")
        if u not in _DUR_UNITS:
            raise ValueError(f"time: unknown unit {_q(u)} in duration {_q(orig)}")
        s = s[len(u):]
        whole = int(m.group(1) or "0")
        frac = m.group(3) or ""
        total += whole * _DUR_UNITS[u] + (int(frac) * _DUR_UNITS[u] // 10**len(frac) if frac else 0)
    return -total if neg else total


def _read_csv(s):
    """pflag readAsCSV: encoding/csv of one record ("" is an empty list)."""
    import csv
    import io
    if s == "":
        return []
    try:
        return next(csv.reader(io.StringIO(s), strict=True))
    except (csv.Error, StopIteration) as e:
        raise ValueError(f"parse error on line 1: {e}")


def _set(p, f, value):
    """pflag FlagSet.Set: the typed Set, then Changed; errors as pflag words them."""
    try:
        if f.kind == BOOL:
            if value in ("1", "t", "T", "TRUE", "true", "True"):
                v = True
            elif value in ("0", "f", "F", "FALSE", "false", "False"):
                v = False
            else:
                raise ValueError(f"strconv.ParseBool: parsing {_q(value)}: invalid syntax")
        elif f.kind == INT:
            v = _parse_int(value, 64)
        elif f.kind == INT32:
            v = _parse_int(value, 32)
        elif f.kind == DURATION:
            v = _parse_duration(value)
        elif f.kind == SLICE:
            items = _read_csv(value)
            v = items if not p.is_changed(f.name) else (p.values[f.name] or []) + items
        elif f.kind == MAP:
            # pflag string_to_string.go Set: one "=" is one pair (commas kept), else CSV
            n = value.count("=")
            if n == 0:
                raise ValueError(f"{value} must be formatted as key=value")
            items = [value.strip('"')] if n == 1 else _read_csv(value)
            v = {} if not p.is_changed(f.name) else dict(p.values[f.name] or {})
            for kv in items:
                k, sep, val = kv.partition("=")
                if not sep:
                    raise ValueError(f"{kv} must be formatted as key=value")
                v[k] = val
        elif f.kind == IPNET:
            import ipaddress
            try:
                v = str(ipaddress.ip_network(value.strip(), strict=False))
            except ValueError:
                raise ValueError(f"invalid CIDR address: {value.strip()}")
        else:
            v = value
    except ValueError as e:
        raise Refused(f"invalid argument {_q(value)} for {_q(_flag_name(f))} flag: {e}")
    p.values[f.name] = v
    if f.name not in p.changed:
        p.changed.append(f.name)
    if f.deprecated:
        p.stderr_notes.append(f"Flag --{f.name} has been deprecated, {f.deprecated}\n")


def parse(flags, args):
    """pflag parseArgs with interspersed positionals. Raises Refused with pflag's text.

    Returns Parsed; `help` set means cobra would print the help."""
    p = Parsed(flags)
    args = list(args)
    while args:
        s = args.pop(0)
        if len(s) == 0 or s[0] != "-" or len(s) == 1:
            p.args.append(s)
            continue
        if s[1] == "-":
            if len(s) == 2:
                p.args.extend(args)
                break
            name = s[2:]
            if name[0] in "-=":
                raise Refused(f"bad flag syntax: {s}")
            name, eq, value = name.partition("=")
            f = p.flags.get(name)
            if f is None:
                if name == "help":
                    p.values["help"] = True
                    return p
                raise Refused(f"unknown flag: --{name}")
            if eq:
                pass
            elif f.kind == BOOL:
                value = "true"
            elif args:
                value = args.pop(0)
            else:
                raise Refused(f"flag needs an argument: {s}")
            _set(p, f, value)
        else:
            shorthands = s[1:]
            while shorthands:
                c, shorthands = shorthands[0], shorthands[1:]
                f = p.short.get(c)
                if f is None:
                    if c == "h":
                        p.values["help"] = True
                        return p
                    raise Refused(f"unknown shorthand flag: '{c}' in -{c + shorthands}")
                if shorthands[:1] == "=" :
                    value, shorthands = shorthands[1:], ""
                elif f.kind == BOOL:
                    value = "true"
                elif shorthands:
                    value, shorthands = shorthands, ""
                elif args:
                    value = args.pop(0)
                else:
                    raise Refused(f"flag needs an argument: '{c}' in -{c}")
                _set(p, f, value)
    return p


def _takes_value(flags_by, s):
    f = flags_by.get(s)
    return f is not None and f.kind != BOOL


def route(args):
    """cobra's Find from the root: the command words and the args left for the leaf.

    stripFlags at each level knows only the root's persistent flags (help and dumpLogs
    are the booleans); an unknown `--flag` without `=` is taken to have a value."""
    long = {f.name: f for f in GLOBAL}
    short = {f.short: f for f in GLOBAL}

    def no_opt(name, by):
        f = by.get(name)
        return f is not None and f.kind == BOOL

    def strip(a):
        words = []
        i = 0
        while i < len(a):
            s = a[i]
            i += 1
            if s == "--":
                break
            if (s.startswith("--") and "=" not in s and not no_opt(s[2:], long)) or \
               (s.startswith("-") and not s.startswith("--") and "=" not in s and len(s) == 2 and not no_opt(s[1:], short)):
                if len(a) - i <= 1:
                    break
                i += 1
                continue
            if s and not s.startswith("-"):
                words.append(s)
        return words

    def minus_first(a, x):
        pos = 0
        while pos < len(a):
            s = a[pos]
            if s == "--":
                break
            if (s.startswith("--") and "=" not in s and not no_opt(s[2:], long)) or \
               (s.startswith("-") and not s.startswith("--") and "=" not in s and len(s) == 2 and not no_opt(s[1:], short)):
                pos += 2
                continue
            if not s.startswith("-") and s == x:
                return a[:pos] + a[pos + 1:]
            pos += 1
        return a

    path = []
    rest = list(args)
    tree = {"create": {"nodegroup": {}, "ng": {}, "cluster": {}, "iamidentitymapping": {}, "fargateprofile": {},
                       "accessentry": {}},
            "version": {},
            "upgrade": {"cluster": {}}, "update": {"cluster": {}},
            "utils": {"update-cluster-vpc-config": {}, "update-authentication-mode": {}}}
    node = tree
    while True:
        words = strip(rest)
        if not words or words[0] not in node:
            break
        w = words[0]
        path.append(w)
        rest = minus_first(rest, w)
        node = node[w]
    return path, rest
