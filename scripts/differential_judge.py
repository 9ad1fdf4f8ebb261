"""The verdict on one case of scripts/differential.py: harmed, fixed or unchanged (as
its docstring defines them). The config eksctl read is compared with subnet IDs by the
world's names for them and the shim's intended edits undone.
"""

import json
import re

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


# The model records eksctl's drift failures as refusals too; they come after validation and
# are what a pin fixes (validateSubnetsAvailability, pkg/actions/nodegroup/create.go;
# ImportSubnetsFromIDList, pkg/vpc/vpc.go): not refusals of the command as written.
AFTER_VALIDATION = ("that the cluster was originally created on, have been deleted", "InvalidSubnetID.NotFound")


def refused(r):
    """eksctl refused the command as written, before any work, as the model records it."""
    return bool(r["calls"]) and any(c.get("outcome") == "refused" and
                                    not any(w in (c.get("error") or "") for w in AFTER_VALIDATION)
                                    for c in r["calls"])


def judge(case, direct, shim):
    harms = []
    # A command eksctl refuses must reach it unchanged: one run, the same argv, the same
    # config bytes (issue 22). Anything else turned a refusal into something else.
    if refused(direct):
        def runs(r):  # each run's own config file has a path of its own
            return [([a.replace(r["config_path"], "<config>") for a in c["argv"]], c.get("config"))
                    for c in r["calls"]]
        if runs(shim) != runs(direct)[:1]:
            harms.append(f"eksctl refuses the command as written ({(direct['calls'][0].get('error') or '')[:200]}), "
                         f"and the shim changed it: {[a for a, _ in runs(shim)]}")
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
