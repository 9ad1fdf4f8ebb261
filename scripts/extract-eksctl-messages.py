#!/usr/bin/env python3
"""Enumerate the messages eksctl can print on the paths of `create cluster` and
`create nodegroup`, from eksctl's own source, for every release the shim supports.

Reads a git mirror of github.com/eksctl-io/eksctl (release tags, no work tree needed)
and writes tests/data/advice/eksctl-messages.jsonl: one line per distinct message, with
the call that makes it (fmt.Errorf, errors.New, logger.Critical, logger.Warning), its
format string, the files it is in and the releases that have it. Only literal format
strings are recorded (`fmt.Errorf(msg)` has nothing to record); non-literal call sites are
counted in the summary printed at the end.

The expectation of each message (`expect`: `kind:<code>`, `family:<name>`, `wrapper` or
`none`, and `why`), and the sample values it is tried with when the defaults would not
read like eksctl (`args`), are written by hand in the data file; this script keeps them
when it rewrites the file, and leaves `expect` empty for messages it has not seen before
(the tests then fail until someone decides).

Usage: scripts/extract-eksctl-messages.py MIRROR [--first 0.165] [--last 0.230] [--out FILE]
The tests never run this: they read the committed data.
"""

import argparse
import json
import os
import re
import subprocess
import sys

PACKAGES = [
    "pkg/ctl/create",
    "pkg/ctl/cmdutils",
    "pkg/actions/nodegroup",
    "pkg/actions/cluster",
    "pkg/cfn",
    "pkg/vpc",
    "pkg/eks",
    "pkg/apis/eksctl.io/v1alpha5",
    "pkg/accessentry",
    "pkg/nodebootstrap",
    "pkg/ami",
]
CALLS = {
    "fmt.Errorf": "errorf",
    "errors.New": "new",
    "logger.Critical": "critical",
    "logger.Warning": "warning",
    "logger.Info": "info",
}
CALL_RE = re.compile(r"\b(fmt\.Errorf|errors\.New|logger\.Critical|logger\.Warning|logger\.Info)\(")
# Info lines are routine; only those that speak of a failure or a cleanup are recorded.
INFO_WORTH = re.compile(r"(?i)error|fail|cleanup|troubleshoot|unable|cannot|could not")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
           "\\": "\\", "'": "'", '"': '"'}


def skip_blank(src, i):
    """Skips spaces and comments."""
    while i < len(src):
        if src[i] in " \t\r\n":
            i += 1
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = len(src) if j < 0 else j + 1
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            i = len(src) if j < 0 else j + 2
        else:
            break
    return i


def string_literal(src, i):
    """A Go string literal at i: (value, index after it), or None."""
    if i >= len(src):
        return None
    if src[i] == "`":
        j = src.find("`", i + 1)
        return (src[i + 1:j].replace("\r", ""), j + 1) if j > 0 else None
    if src[i] != '"':
        return None
    out, i = [], i + 1
    while i < len(src) and src[i] != '"':
        c = src[i]
        if c == "\n":
            return None
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = src[i + 1]
        if e in ESCAPES:
            out.append(ESCAPES[e])
            i += 2
        elif e == "x":
            out.append(chr(int(src[i + 2:i + 4], 16)))
            i += 4
        elif e == "u":
            out.append(chr(int(src[i + 2:i + 6], 16)))
            i += 6
        elif e == "U":
            out.append(chr(int(src[i + 2:i + 10], 16)))
            i += 10
        elif e in "01234567":
            out.append(chr(int(src[i + 1:i + 4], 8)))
            i += 4
        else:
            return None
    return "".join(out), i + 1


def first_argument(src, i, ends=",)"):
    """The first argument at i if it is a (concatenation of) string literal(s), or
    fmt.Sprintf of one; `ends` are the characters that may follow it."""
    i = skip_blank(src, i)
    if src.startswith("fmt.Sprintf(", i):
        i += len("fmt.Sprintf(")
    parts = []
    while True:
        i = skip_blank(src, i)
        lit = string_literal(src, i)
        if lit is None:
            return None
        parts.append(lit[0])
        i = lit[1]
        while i < len(src) and src[i] in " \t":
            i += 1
        if i >= len(src) or src[i] in ends:
            return "".join(parts)
        i = skip_blank(src, i)
        if i < len(src) and src[i] == "+":
            i += 1
            continue
        if i >= len(src) or src[i] in ends:
            return "".join(parts)
        return None


def assigned_literals(src, name, before):
    """The literals a name is given in the file: `name := fmt.Sprintf("...")`,
    `name = "..."`, `const name = "..."`, the nearest before the call first."""
    found = []
    for m in re.finditer(r"\b" + re.escape(name) + r"\s*:?=\s*", src):
        lit = first_argument(src, m.end(), ends=",)\n;")
        if lit is not None:
            found.append((abs(before - m.start()), m.start() < before, lit))
    local = [f for f in found if f[1] and f[0] < 3000]
    return [lit for _, _, lit in sorted(local or found)]


def messages(src):
    """(call, format) of every literal call site, and of a name given a literal in the
    same file (`msg := fmt.Sprintf("..."); logger.Warning(msg)`); (call, None) for the others."""
    for m in CALL_RE.finditer(src):
        call = CALLS[m.group(1)]
        fmt = first_argument(src, m.end())
        if fmt is not None:
            if call != "info" or INFO_WORTH.search(fmt):
                yield call, fmt
            continue
        if call == "info":
            continue
        j = skip_blank(src, m.end())
        ident = IDENT.match(src, j)
        end = skip_blank(src, ident.end()) if ident else j
        lits = assigned_literals(src, ident.group(0), m.start()) if ident and src[end] in ",)" else []
        if not lits:
            yield call, None
        for lit in lits:
            yield call, lit


def blob_texts(mirror, shas):
    proc = subprocess.Popen(["git", "-C", mirror, "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    proc.stdin.write("".join(s + "\n" for s in shas).encode())
    proc.stdin.close()
    for sha in shas:
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        yield sha, data.decode("utf-8", "replace")
    proc.wait()


def wanted(path):
    return (path.endswith(".go") and not path.endswith("_test.go")
            and "/fakes/" not in path and "/mocks/" not in path and "/fake/" not in path)


def minor(tag):
    return int(tag.split(".")[1])


def ranges(minors):
    """[165, 166, 167, 170] -> '0.165-0.167,0.170'."""
    out, run = [], []
    for m in sorted(minors):
        if run and m != run[-1] + 1:
            out.append(run)
            run = []
        run.append(m)
    if run:
        out.append(run)
    return ",".join(f"0.{r[0]}" if len(r) == 1 else f"0.{r[0]}-0.{r[-1]}" for r in out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mirror")
    ap.add_argument("--first", default="0.165")
    ap.add_argument("--last", default="0.230")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "tests/data/advice/eksctl-messages.jsonl"))
    args = ap.parse_args()
    lo, hi = minor("v" + args.first + ".0"), minor("v" + args.last + ".0")

    tags = subprocess.run(["git", "-C", args.mirror, "tag", "--list", "v0.*.0"],
                          capture_output=True, text=True, check=True).stdout.split()
    tags = sorted((t for t in tags if re.fullmatch(r"v0\.\d+\.0", t) and lo <= minor(t) <= hi),
                  key=minor)
    if len(tags) != hi - lo + 1:
        sys.exit(f"expected {hi - lo + 1} release tags, found {len(tags)}")

    files_of_tag = {}
    for tag in tags:
        tree = subprocess.run(["git", "-C", args.mirror, "ls-tree", "-r", tag, "--", *PACKAGES],
                              capture_output=True, text=True, check=True).stdout
        files_of_tag[tag] = [(line.split()[2], line.split("\t", 1)[1])
                             for line in tree.splitlines() if wanted(line.split("\t", 1)[1])]
    shas = sorted({sha for files in files_of_tag.values() for sha, _ in files})
    parsed = {sha: list(messages(text)) for sha, text in blob_texts(args.mirror, shas)}

    found, non_literal = {}, {}
    for tag in tags:
        for sha, path in files_of_tag[tag]:
            for call, fmt in parsed[sha]:
                if fmt is None:
                    non_literal.setdefault(call, set()).add((path, tag))
                    continue
                entry = found.setdefault((call, fmt), {"files": {}, "minors": set()})
                entry["files"][path] = minor(tag)
                entry["minors"].add(minor(tag))

    old = {}
    if os.path.exists(args.out):
        with open(args.out) as f:
            for line in f:
                if line.strip():
                    e = json.loads(line)
                    old[(e["call"], e["format"])] = e
    rows = []
    for (call, fmt), entry in found.items():
        last = max(entry["files"].values())
        files = sorted(p for p, m in entry["files"].items() if m == last)
        prev = old.get((call, fmt), {})
        row = {"call": call, "format": fmt, "file": ",".join(files),
               "versions": ranges(entry["minors"]),
               "expect": prev.get("expect", ""), "why": prev.get("why", "")}
        if "args" in prev:
            row["args"] = prev["args"]
        rows.append(row)
    rows.sort(key=lambda r: (r["file"], r["format"], r["call"]))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    gone = [k for k in old if k not in found]
    print(f"{len(tags)} releases ({tags[0]} .. {tags[-1]}), {len(shas)} file versions read")
    print(f"{len(rows)} distinct messages written to {os.path.relpath(args.out)}"
          f" ({sum(1 for r in rows if not r['expect'])} without an expectation)")
    for call, sites in sorted(non_literal.items()):
        print(f"{call}: {len({p for p, _ in sites})} call sites with a non-literal message (not recorded)")
    if gone:
        print(f"{len(gone)} messages of the old file are no longer found: dropped")


if __name__ == "__main__":
    main()
