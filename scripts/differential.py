#!/usr/bin/env python3
"""Differential test of the shim against the eksctl model: does the shim ever turn a
command eksctl runs into one that fails, or into one that means something else?

For every case (config x cluster state x eksctl version x delivery) the same command
runs twice, each time on a freshly built, identical world in the AWS emulator:
  direct   the eksctl model alone (tests/eksctl-model/eksctl.py)
  shim     the shim installed as `eksctl` first on PATH, the model later on PATH
and the two are compared:
  harmed   the direct run succeeds and the shim run fails; or the config eksctl read
           through the shim means something else (config_json compared after undoing
           the shim's intended edits: nodegroup `subnets`/`availabilityZones`, and
           nodegroups a split step leaves out); or the shim run creates stacks the
           direct run would not.
  fixed    the direct run fails and the shim run succeeds.
  unchanged otherwise.
Subnet IDs differ between two builds of a world: they are compared by the world's names
for them (private-a, new-private-b, ...).

Usage:
  SHIM_BIN=/path/to/eksctl-shim scripts/differential.py [--sample N] [--seed S]
      [--workers W] [--versions 0.170.0,0.230.0] [--deliveries flags,file,stdin,procsub]
      [--no-examples] [--only SUBSTR] [-v]
The full matrix is large (hours); --sample N runs a fixed subset (the same N cases for
the same seed).
"""

import argparse
import json
import os
import random
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "tests", "eksctl-model", "eksctl.py")
AWS_DIR = os.path.join(ROOT, "tests", "aws")
EXAMPLES = os.environ.get("EKSCTL_SHIM_CORPUS") or os.path.join(ROOT, "..", "shared", "corpus")
VERSIONS = ["0.165.0", "0.170.0", "0.175.0", "0.176.0", "0.180.0", "0.182.0", "0.230.0"]
DELIVERIES = ["flags", "file", "stdin", "procsub"]

STATES = {
    "clean": {},
    "all-private-gone": {"moved": True, "delete": ["private-a", "private-b"]},
    "some-private-gone": {"moved": True, "delete": ["private-a"]},
    "public-gone": {"delete": ["public-a", "public-b"]},
    "config-map": {"auth_mode": "CONFIG_MAP"},
    "api": {"auth_mode": "API"},
    "no-access-config": {"auth_mode": None},
    "outdated-stack": {"cluster_sg_output": False, "moved": True, "delete": ["private-a"]},
}

HEAD = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: {cluster}\n  region: {region}\n"

# (name, command, config body after metadata, flags equivalent or None, extra args)
# {private-a} etc. are replaced by the world's subnet IDs.
SYNTHETIC = [
    ("mng-private", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n",
     ["--name", "m1", "-P"], []),
    ("mng-public", "nodegroup", "managedNodeGroups:\n- name: m1\n", ["--name", "m1"], []),
    ("self-private", "nodegroup", "nodeGroups:\n- name: s1\n  privateNetworking: true\n",
     ["--name", "s1", "-P", "--managed=false"], []),
    ("self-public", "nodegroup", "nodeGroups:\n- name: s1\n", ["--name", "s1", "--managed=false"], []),
    ("mixed", "nodegroup", "nodeGroups:\n- name: s1\n  privateNetworking: true\n"
                           "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n", None, []),
    ("two-include-new", "nodegroup", "managedNodeGroups:\n- name: old\n  privateNetworking: true\n"
                                     "- name: new\n  privateNetworking: true\n", None, ["--include", "new"]),
    ("labels-yes", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n"
                                "  labels: {backup: \"yes\", team: \"on\", tier: \"n\"}\n", None, []),
    ("merge-keys", "nodegroup", "managedNodeGroups:\n- name: m1\n  <<: &p {privateNetworking: true}\n"
                                "- name: m2\n  <<: *p\n", None, []),
    ("zones", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n"
                           "  availabilityZones: [{region}a, {region}b]\n",
     ["--name", "m1", "-P", "--node-zones", "{region}a,{region}b"], []),
    ("alias-keys-zones", "nodegroup", "vpc:\n  subnets:\n    private:\n      one: {{id: {private-a}}}\n"
                                      "      two: {{id: {private-b}}}\n"
                                      "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n"
                                      "  availabilityZones: [{region}a]\n", None, []),
    ("int-keys", "nodegroup", "vpc:\n  subnets:\n    private:\n      1: {{id: {private-a}}}\n"
                              "      2: {{id: {private-b}}}\n"
                              "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n", None, []),
    ("efa", "nodegroup", "nodeGroups:\n- name: e1\n  privateNetworking: true\n  efaEnabled: true\n"
                         "  instanceType: c5n.18xlarge\n", None, []),
    ("pinned-old", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n"
                                "  subnets: [{private-a}]\n", ["--name", "m1", "-P", "--subnet-ids", "{private-a}"], []),
    ("config-vpc-subnets", "nodegroup", "vpc:\n  subnets:\n    private:\n      {region}a: {{id: {private-a}}}\n"
                                        "      {region}b: {{id: {private-b}}}\n"
                                        "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n", None, []),
    ("update-auth-flag", "nodegroup", "nodeGroups:\n- name: s1\n  privateNetworking: true\n",
     ["--name", "s1", "-P", "--managed=false", "--update-auth-configmap"], ["--update-auth-configmap"]),
    ("dry-run", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n",
     ["--name", "m1", "-P", "--dry-run"], ["--dry-run"]),
    ("cluster-config-map", "cluster", "accessConfig: {{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n- name: s1\n"
                                      "  instanceType: m5.large\nmanagedNodeGroups:\n- name: m1\n", None, []),
    ("cluster-config-map-dry-run", "cluster", "accessConfig: {{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n"
                                              "- name: s1\nmanagedNodeGroups:\n- name: m1\n", None, ["--dry-run"]),
    ("cluster-config-map-without-ng", "cluster", "accessConfig: {{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n"
                                                 "- name: s1\n", None, ["--without-nodegroup"]),
    ("cluster-default", "cluster", "managedNodeGroups:\n- name: m1\n", ["--nodegroup-name", "m1"], []),
]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Worker:
    """One moto server and one sandbox (shim and model on PATH)."""

    def __init__(self, shim_bin):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="eksctl-diff-")
        self.log = open(os.path.join(self.dir, "moto.log"), "wb")
        self.moto = subprocess.Popen([sys.executable, os.path.join(AWS_DIR, "moto_server.py"), str(self.port)],
                                     stdout=self.log, stderr=self.log)
        self.endpoint = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        for d in ("shim", "real", "home"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        os.symlink(shim_bin, os.path.join(self.dir, "shim", "eksctl"))
        real = os.path.join(self.dir, "real", "eksctl")
        with open(real, "w") as f:
            f.write(f"#!/bin/sh\nexec '{sys.executable}' '{MODEL}' \"$@\"\n")
        os.chmod(real, 0o755)

    def reset(self):
        req = urllib.request.Request(self.endpoint + "/moto-api/reset", method="POST")
        urllib.request.urlopen(req).read()

    def world(self, spec):
        out = subprocess.run([sys.executable, os.path.join(AWS_DIR, "world.py"), self.endpoint],
                             input=json.dumps(spec).encode(), capture_output=True)
        if out.returncode != 0:
            raise RuntimeError("world.py: " + out.stderr.decode()[-2000:])
        return json.loads(out.stdout)

    def env(self, version, record, shim):
        path = [os.path.join(self.dir, "shim")] if shim else []
        path += [os.path.join(self.dir, "real"), "/usr/bin", "/bin"]
        return {"PATH": ":".join(path), "HOME": os.path.join(self.dir, "home"), "EKSCTL_STANDIN_VERSION": version,
                "EKSCTL_STANDIN_RECORD": record, "AWS_ENDPOINT_URL": self.endpoint,
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-west-2",
                "AWS_EC2_METADATA_DISABLED": "true", "EKSCTL_MODEL_CACHE": os.environ.get("EKSCTL_MODEL_CACHE") or
                os.path.join(os.path.expanduser("~"), ".cache", "eksctl-shim")}

    def effects(self, names):
        import boto3
        kw = dict(endpoint_url=self.endpoint, region_name="us-west-2", aws_access_key_id="testing",
                  aws_secret_access_key="testing")
        out = set()
        regions = {"us-west-2"} | set(names.get("_regions", []))
        for region in regions:
            kw["region_name"] = region
            cfn = boto3.client("cloudformation", **kw)
            for s in cfn.list_stacks()["StackSummaries"]:
                if s["StackStatus"] == "DELETE_COMPLETE" or s["StackName"] in names.get("_pre_stacks", set()):
                    continue
                subnets = ""
                try:
                    body = cfn.get_template(StackName=s["StackName"])["TemplateBody"]
                    body = json.loads(body) if isinstance(body, str) else body
                    for r in (body.get("Resources") or {}).values():
                        props = ((r.get("Metadata") or {}).get("eksctl-model") or {}).get("Properties") or {}
                        ids = props.get("Subnets") or props.get("VPCZoneIdentifier")
                        if ids:
                            subnets = ",".join(sorted(names.get(i, "?") for i in ids))
                except Exception:
                    pass
                out.add((region, s["StackName"], s["StackStatus"], subnets))
        return out

    def stop(self):
        self.moto.kill()
        self.moto.wait()
        self.log.close()


def fill(text, ids, cluster, region):
    out = text.replace("{cluster}", cluster).replace("{region}", region)
    for k, v in ids.items():
        if isinstance(v, str):
            out = out.replace("{" + k + "}", v)
    return out.replace("{{", "{").replace("}}", "}")


def build_cases(with_examples, versions):
    entries = []
    for name, command, body, flags, extra in SYNTHETIC:
        entries.append({"name": name, "command": command, "yaml": HEAD + body, "flags": flags, "extra": extra,
                        "cluster": "diff", "region": "us-west-2"})
    if with_examples:
        d = os.path.join(EXAMPLES, "eksctl-examples")
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not f.endswith(".yaml"):
                continue
            text = open(os.path.join(d, f)).read()
            m = re.search(r"^metadata:\s*\n(?:\s+.*\n)*?\s+name:\s*(\S+)", text, re.M)
            r = re.search(r"^metadata:\s*\n(?:\s+.*\n)*?\s+region:\s*(\S+)", text, re.M)
            if not m or not r:
                continue
            entries.append({"name": "example/" + f, "command": "nodegroup", "yaml": text.replace("{", "{{").replace(
                "}", "}}"), "flags": None, "extra": [], "cluster": m.group(1).strip("\"'"),
                "region": r.group(1).strip("\"'")})
    cases = []
    for e in entries:
        states = ["absent"] if e["command"] == "cluster" else list(STATES)
        for st in states:
            for v in versions:
                for d in DELIVERIES:
                    if d == "flags" and not e["flags"]:
                        continue
                    cases.append((e, st, v, d))
    return cases


def argv_for(case, ids, path):
    e, st, v, d = case
    cluster, region = e["cluster"], e["region"]
    base = ["create", e["command"]]
    if d == "flags":
        fl = [fill(a, ids, cluster, region) for a in e["flags"]]
        if e["command"] == "nodegroup":
            return base + ["--cluster", cluster, "--region", region] + fl, None
        return base + ["--name", cluster, "--region", region] + fl, None
    extra = [fill(a, ids, cluster, region) for a in e["extra"]]
    if d == "file":
        return base + ["-f", path] + extra, None
    if d == "stdin":
        return base + ["-f", "-"] + extra, path
    return base + ["-f", "PROCSUB"] + extra, None


def run_one(worker, case, shim, verbose):
    e, st, v, d = case
    cluster, region = e["cluster"], e["region"]
    worker.reset()
    ids = {}
    if st != "absent":
        spec = dict(STATES[st], cluster=cluster, region=region)
        ids = worker.world(spec)
    names = {v_: k for k, v_ in ids.items() if isinstance(v_, str) and v_.startswith("subnet-")}
    names["_regions"] = [region]
    work = tempfile.mkdtemp(dir=worker.dir)
    cfg = os.path.join(work, "c.yaml")
    with open(cfg, "w") as f:
        f.write(fill(e["yaml"], ids, cluster, region))
    pre = worker.effects(names)
    names["_pre_stacks"] = {s[1] for s in pre}
    record = os.path.join(work, "record")
    argv, stdin_path = argv_for(case, ids, cfg)
    env = worker.env(v, record, shim)
    if "PROCSUB" in argv:
        i = argv.index("PROCSUB")
        script = "eksctl " + " ".join(shlex.quote(a) for a in argv[:i]) + f" <(cat {shlex.quote(cfg)}) " + \
                 " ".join(shlex.quote(a) for a in argv[i + 1:])
        proc = subprocess.run(["bash", "-c", script], env=env, capture_output=True, cwd=work, timeout=300)
    else:
        stdin = open(stdin_path, "rb").read() if stdin_path else b""
        proc = subprocess.run(["eksctl", *argv], env=env, input=stdin, capture_output=True, cwd=work, timeout=300,
                              executable=os.path.join(worker.dir, "shim" if shim else "real", "eksctl"))
    calls = []
    try:
        calls = [json.loads(line) for line in open(os.path.join(record, "calls.jsonl"))]
    except FileNotFoundError:
        pass
    calls = [c for c in calls if c["argv"][:1] != ["version"]]
    return {"rc": proc.returncode, "stdout": proc.stdout.decode(errors="replace"),
            "stderr": proc.stderr.decode(errors="replace"), "calls": calls, "effects": worker.effects(names),
            "names": names, "argv": argv}


SUBNET = re.compile(r"subnet-[0-9a-f]+")


def normalise(tree, names):
    """config_json with subnet IDs by world name and the shim's intended edits undone."""
    def walk(t):
        if isinstance(t, dict):
            return {k: walk(v) for k, v in t.items()}
        if isinstance(t, list):
            return [walk(v) for v in t]
        if isinstance(t, str):
            return SUBNET.sub(lambda m: names.get(m.group(0), m.group(0)), t)
        return t
    t = walk(tree or {})
    for key in ("nodeGroups", "managedNodeGroups"):
        for ng in t.get(key) or []:
            if isinstance(ng, dict):
                ng.pop("subnets", None)
                ng.pop("availabilityZones", None)
    return t


def same_meaning(direct_cfg, shim_cfg, direct_names, shim_names):
    a, b = normalise(direct_cfg, direct_names), normalise(shim_cfg, shim_names)
    for key in ("nodeGroups", "managedNodeGroups"):
        ga = {ng.get("name"): ng for ng in a.pop(key, None) or [] if isinstance(ng, dict)}
        gb = {ng.get("name"): ng for ng in b.pop(key, None) or [] if isinstance(ng, dict)}
        for n, ng in gb.items():
            if n not in ga:
                return f"{key} {n} only through the shim"
            if ng != ga[n]:
                return f"{key}[{n}] differs: direct {json.dumps(ga[n], sort_keys=True)} vs shim " \
                       f"{json.dumps(ng, sort_keys=True)}"
    if a != b:
        diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        return f"fields differ: {diff}: direct {json.dumps({k: a.get(k) for k in diff})} vs shim " \
               f"{json.dumps({k: b.get(k) for k in diff})}"
    return None


def intended_stacks(case, direct):
    """The stacks the command asks for: its nodegroups after --include/--exclude (and
    --without-nodegroup), none for --dry-run; plus the cluster stack for create cluster."""
    e = case[0]
    cluster = e["cluster"]
    argv = direct["argv"]
    if "--dry-run" in argv:
        return set()
    cfg = (direct["calls"][-1].get("config_json") if direct["calls"] else None) or {}
    names = [ng.get("name") for key in ("nodeGroups", "managedNodeGroups") for ng in cfg.get(key) or []
             if isinstance(ng, dict)]
    def globs(flag):
        out = []
        for i, a in enumerate(argv):
            if a == flag and i + 1 < len(argv):
                out += argv[i + 1].split(",")
            elif a.startswith(flag + "="):
                out += a.split("=", 1)[1].split(",")
        return out
    import fnmatch
    inc, exc = globs("--include"), globs("--exclude")
    names = [n for n in names if (not inc or any(fnmatch.fnmatchcase(n, g) for g in inc))
             and not any(fnmatch.fnmatchcase(n, g) for g in exc)]
    out = set()
    if e["command"] == "cluster":
        out.add(f"eksctl-{cluster}-cluster")
        if "--without-nodegroup" in argv:
            names = []
    return out | {f"eksctl-{cluster}-nodegroup-{n}" for n in names}


def ok(r):
    return r["rc"] == 0 and r["calls"] and all(c.get("outcome") == "ok" for c in r["calls"])


def judge(case, direct, shim):
    harms = []
    if ok(direct) and not ok(shim):
        last = (shim["stderr"].strip().splitlines() or [""])
        harms.append(f"direct run succeeds, shim run fails (exit {shim['rc']}): "
                     f"{next((l for l in reversed(last) if l.startswith('Error:')), last[-1])[:300]}")
    if direct["calls"] and shim["calls"]:
        dc = direct["calls"][-1].get("config_json")
        for c in shim["calls"]:
            if c.get("config_json") is None and dc is not None:
                if c.get("outcome") == "refused" and c.get("error"):
                    harms.append(f"eksctl read no config through the shim: {c['error'][:200]}")
                continue
            why = same_meaning(dc, c.get("config_json"), direct["names"], shim["names"])
            if why:
                harms.append("the config eksctl read means something else: " + why[:600])
    extra_names = {s[1] for s in shim["effects"]} - {s[1] for s in direct["effects"]}
    if ok(direct):
        unasked = extra_names
    else:
        # the direct run failed: the shim may create what the command asked for, no more
        unasked = {n for n in extra_names if n not in intended_stacks(case, direct)}
    if unasked:
        harms.append(f"the shim run created what the direct run would not: {sorted(unasked)}")
    if harms:
        return "harmed", harms
    if not ok(direct) and ok(shim):
        return "fixed", []
    return "unchanged", []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--versions", default=",".join(VERSIONS))
    ap.add_argument("--deliveries", default=",".join(DELIVERIES))
    ap.add_argument("--no-examples", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    shim_bin = os.environ.get("SHIM_BIN")
    if not shim_bin or not os.access(shim_bin, os.X_OK):
        sys.exit("differential: set SHIM_BIN to the built eksctl-shim binary")
    cases = build_cases(not args.no_examples, args.versions.split(","))
    cases = [c for c in cases if c[3] in args.deliveries.split(",")]
    if args.only:
        cases = [c for c in cases if args.only in f"{c[0]['name']} {c[1]} {c[2]} {c[3]}"]
    if args.sample and args.sample < len(cases):
        cases = random.Random(args.seed).sample(cases, args.sample)
    print(f"differential: {len(cases)} cases, {args.workers} workers", file=sys.stderr)
    workers = [Worker(os.path.abspath(shim_bin)) for _ in range(args.workers)]
    free = list(workers)
    import threading
    lock = threading.Lock()
    results = []

    def do(case):
        with lock:
            w = free.pop()
        try:
            direct = run_one(w, case, False, args.verbose)
            shim = run_one(w, case, True, args.verbose)
            verdict, harms = judge(case, direct, shim)
        except Exception as e:  # a broken case is reported, not hidden
            verdict, harms, direct, shim = "error", [repr(e)[:500]], None, None
        finally:
            with lock:
                free.append(w)
        e, st, v, d = case
        line = f"{verdict:9} {e['name']} | {st} | {v} | {d}"
        print(line, file=sys.stderr, flush=True)
        if args.verbose and harms:
            for h in harms:
                print("          " + h, file=sys.stderr)
        return case, verdict, harms, direct, shim

    try:
        with ThreadPoolExecutor(max_workers=args.workers) as ex:
            results = list(ex.map(do, cases))
    finally:
        for w in workers:
            w.stop()
    counts = {}
    for _, verdict, _, _, _ in results:
        counts[verdict] = counts.get(verdict, 0) + 1
    print(f"\ncases: {len(results)}  fixed by the shim: {counts.get('fixed', 0)}  unchanged: "
          f"{counts.get('unchanged', 0)}  harmed: {counts.get('harmed', 0)}"
          + (f"  errors: {counts['error']}" if counts.get("error") else ""))
    for case, verdict, harms, direct, shim in results:
        if verdict in ("harmed", "error"):
            e, st, v, d = case
            print(f"\n{verdict.upper()}: {e['name']} | state {st} | eksctl {v} | delivery {d}")
            if shim:
                print(f"  command: eksctl {' '.join(shlex.quote(a) for a in shim['argv'])}")
            for h in harms:
                print("  - " + h)
    sys.exit(1 if counts.get("harmed") or counts.get("error") else 0)


if __name__ == "__main__":
    main()
