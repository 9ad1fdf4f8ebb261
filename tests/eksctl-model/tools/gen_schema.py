"""Writes eksmodel/schema.json: for every eksctl release from 0.150.0 to 0.230.0, the
JSON fields of the Go types in pkg/apis/eksctl.io/v1alpha5, merged into one table where
each field carries the first and last release that has it.

Development-time only. Needs a git mirror of eksctl (the `fetch` tool's copy):
    python3 tools/gen_schema.py /work/.mirror/eksctl-io+eksctl/repo
It runs tools/schemagen (Go, stdlib only) on each release's package directory.
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = "pkg/apis/eksctl.io/v1alpha5"


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, check=True).stdout


def extract(repo, tag, gen):
    with tempfile.TemporaryDirectory() as d:
        for f in git(repo, "ls-tree", "--name-only", f"{tag}:{PKG}").decode().split():
            if f.endswith(".go") and not f.endswith("_test.go"):
                with open(os.path.join(d, f), "wb") as out:
                    out.write(git(repo, "show", f"{tag}:{PKG}/{f}"))
        return json.loads(subprocess.run([gen, d], capture_output=True, check=True).stdout)


def main():
    repo = sys.argv[1]
    gen = os.path.join(tempfile.mkdtemp(), "schemagen")
    subprocess.run(["go", "build", "-o", gen, "."], cwd=os.path.join(HERE, "schemagen"), check=True,
                   env={**os.environ, "GO111MODULE": "off"})
    versions = [f"0.{minor}.0" for minor in range(150, 231)]
    merged = {}
    for v in versions:
        types = extract(repo, "v" + v, gen)
        for name, t in types.items():
            m = merged.setdefault(name, {"kind": t["kind"], "variants": []})
            shape = {k: t.get(k) for k in ("kind", "type", "custom")}
            fields = {(f["json"], f["go"], f["type"], f.get("inline", False)) for f in t.get("fields") or []}
            m.setdefault("_seen", []).append((v, shape, fields))
    out = {"versions": [versions[0], versions[-1]], "types": {}}
    for name, m in merged.items():
        seen = m["_seen"]
        entry = {"since": seen[0][0], "until": seen[-1][0]}
        shapes = {json.dumps(s, sort_keys=True) for _, s, _ in seen}
        if len(shapes) != 1:
            entry["shapes"] = [{"since": v, **s} for v, s, _ in seen]
        entry.update(seen[-1][1])
        if seen[-1][1]["kind"] == "struct":
            ranges = {}
            order = []
            for v, _, fields in seen:
                for f in sorted(fields):
                    if f not in ranges:
                        ranges[f] = [v, v]
                        order.append(f)
                    ranges[f][1] = v
            entry["fields"] = [
                {"json": f[0], "go": f[1], "type": f[2], **({"inline": True} if f[3] else {}),
                 "since": ranges[f][0], "until": ranges[f][1]}
                for f in order
            ]
        out["types"][name] = {k: v for k, v in entry.items() if v is not None}
    dest = os.path.join(HERE, "..", "eksmodel", "schema.json")
    with open(dest, "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {dest}: {len(out['types'])} types")


if __name__ == "__main__":
    main()
