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

The matrix is in differential_cases.py, running a case in differential_worker.py,
the verdict in differential_judge.py.
"""

import argparse
import os
import random
import shlex
import sys
from concurrent.futures import ThreadPoolExecutor

from differential_cases import DELIVERIES, VERSIONS, build_cases
from differential_judge import judge
from differential_worker import Worker, run_one


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
