"""The decoded ClusterConfig as the model works with it: the JSON tree eksctl decoded
(config.py) plus views of its nodegroups (api.NodeGroupBase fields the model uses).
Field names are the JSON names of pkg/apis/eksctl.io/v1alpha5/types.go; a key in another
case is ignored, as runtime.Decode ignores it.
"""

import random
import re
import string


class NG:
    """One node pool (nodes.ToNodePools: self-managed first, then managed)."""

    def __init__(self, raw, managed, index):
        self.raw = raw
        self.managed = managed
        self.index = index

    def _get(self, key, default=None):
        v = self.raw.get(key)
        return default if v is None else v

    @property
    def path(self):
        return f"{'managedNodeGroups' if self.managed else 'nodeGroups'}[{self.index}]"

    name = property(lambda s: s._get("name", ""), lambda s, v: s.raw.__setitem__("name", v))
    private = property(lambda s: bool(s._get("privateNetworking", False)))
    zones = property(lambda s: list(s._get("availabilityZones", [])))
    local_zones = property(lambda s: list(s._get("localZones", [])) if not s.managed else [])
    outpost_arn = property(lambda s: s._get("outpostARN", ""))
    efa = property(lambda s: s._get("efaEnabled", None) is True)
    instance_role_arn = property(lambda s: (s._get("iam", {}) or {}).get("instanceRoleARN") or "")
    ami_family = property(lambda s: s._get("amiFamily", ""))

    @property
    def subnets(self):
        return list(self._get("subnets", []))

    @subnets.setter
    def subnets(self, value):
        if value or "subnets" in self.raw:
            self.raw["subnets"] = list(value)


def pools(tree):
    out = []
    for i, raw in enumerate(tree.get("nodeGroups") or []):
        out.append(NG(raw if raw is not None else {}, False, i))
    for i, raw in enumerate(tree.get("managedNodeGroups") or []):
        out.append(NG(raw if raw is not None else {}, True, i))
    return out


def all_names(tree):
    """ClusterConfig.GetAllNodeGroupNames."""
    return [ng.name for ng in pools(tree)]


_INVALID = re.compile(r"[^a-zA-Z0-9\-]+")


def invalid_name(name):
    """api.IsInvalidNameArg (validation.go)."""
    return bool(_INVALID.search(name))


def err_invalid_name(name):
    return f"validation for {name} failed, name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*"


def generated_nodegroup_name():
    """names.ForNodeGroup when neither flag nor argument: ng-<8 hex>."""
    return "ng-" + "".join(random.choice("0123456789abcdef") for _ in range(8))


def generated_cluster_name():
    """names.ForCluster: an adjective-noun-timestamp name."""
    import time
    adj = random.choice(["attractive", "beautiful", "exciting", "fabulous", "hilarious", "scrumptious"])
    noun = random.choice(["sculpture", "painting", "party", "mushroom", "unicorn", "wardrobe"])
    return f"{adj}-{noun}-{int(time.time())}"


def glob_regex(expr):
    """gobwas/glob as eksctl compiles --include/--exclude (no separators): * ? [..] [!..] {a,b}."""
    out, i, depth = [], 0, 0
    while i < len(expr):
        c = expr[i]
        if c == "\\" and i + 1 < len(expr):
            out.append(re.escape(expr[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = expr.find("]", i + 1)
            if j < 0:
                raise ValueError("unexpected end of input")
            body = expr[i + 1:j]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(c))
        i += 1
    if depth:
        raise ValueError("unexpected end of input")
    return re.compile("^" + "".join(out) + "$")


class Filter:
    """filter.NodeGroupFilter (pkg/ctl/cmdutils/filter)."""

    def __init__(self):
        self.include, self.exclude = [], []
        self.raw_include, self.raw_exclude = [], []
        self.exclude_all = False
        self.only_local = False
        self.local, self.remote = set(), set()

    def append_globs(self, include, exclude, names):
        for e in include or []:
            try:
                self.include.append(glob_regex(e))
            except ValueError as err:
                raise ValueError(f'parsing glob filter "{e}": {err}')
            self.raw_include.append(e)
        if self.include and not any(g.match(n) for g in self.include for n in names):
            raise ValueError(f"no nodegroups match include glob filter specification: \"{','.join(self.raw_include)}\"")
        for e in exclude or []:
            try:
                self.exclude.append(glob_regex(e))
            except ValueError as err:
                raise ValueError(f'parsing glob filter "{e}": {err}')
            self.raw_exclude.append(e)

    def _delegate_match(self, name):
        if self.exclude_all:
            return False
        if self.include:
            if not any(g.match(name) for g in self.include):
                return False
        if any(g.match(name) for g in self.exclude):
            return False
        return True

    def match(self, name):
        if self.only_local and name not in (self.local - self.remote):
            return False
        return self._delegate_match(name)

    def log_info(self, log, names):
        names = sorted(set(names))
        included = {n for n in names if self.match(n)}
        excluded = set(names) - included

        def msg(subset, status):
            lst = ", ".join(sorted(subset))
            if len(subset) == 1:
                log.info(f"{len(subset)} nodegroup ({lst}) was {status} (based on the include/exclude rules)")
            else:
                log.info(f"{len(subset)} nodegroups ({lst}) were {status} (based on the include/exclude rules)")
        if self.include:
            log.info(f"combined include rules: {', '.join(self.raw_include)}")
            if not included:
                log.info("no nodegroups present in the current set were included by the filter")
        if included:
            msg(included, "included")
        if self.exclude:
            log.info(f"combined exclude rules: {', '.join(self.raw_exclude)}")
            if not excluded:
                log.info("no nodegroups present in the current set were excluded by the filter")
        if excluded:
            msg(excluded, "excluded")


def apply_filter(tree, flt, log):
    """cmdutils.ApplyFilter: keep the nodegroups the filter matches; returns the log fn."""
    names = all_names(tree)
    for key in ("nodeGroups", "managedNodeGroups"):
        if tree.get(key) is not None:
            tree[key] = [ng for ng in tree[key] if ng is not None and flt.match(ng.get("name") or "")]
    return lambda: flt.log_info(log, names)


def random_id(n=8):
    return "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(n))
