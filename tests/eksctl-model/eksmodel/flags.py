"""The command line as cobra and pflag read it.

Flag tables per command and version (pkg/ctl/create/nodegroup.go, cluster.go,
pkg/ctl/cmdutils/nodegroup_flags.go, cmdutils.go, configfile.go, cmd/eksctl/main.go;
read at every release 0.150.0 to 0.230.0): flags were only ever added,
  nodegroup-parallelism 0.186.0 (both commands), enable-auto-mode 0.195.0 (cluster),
  enable-node-repair 0.199.0, instance-selector-neuron-devices 0.205.0 (an int32 flag
  until 0.214.0), node-repair-max-* 0.217.0, support-type 0.217.0 (cluster),
and --update-auth-configmap changed from BoolVar to Bool in 0.167.0 (same syntax).

Parsing follows spf13/pflag 1.0.5 (flag.go parseArgs / parseLongArg /
parseSingleShortArg) and cobra 1.8 (command.go Find / stripFlags / argsMinusFirstX).
Booleans have NoOptDefVal "true", so `--managed false` is `--managed` plus a positional
"false"; `-Pfalse` is `-P -f alse`; `--` ends flags.
"""

import re

from .out import Refused

BOOL, STRING, INT, INT32, DURATION, SLICE, MAP, IPNET = (
    "bool", "string", "int", "int32", "duration", "stringSlice", "stringToString", "ipNet")


class Flag:
    def __init__(self, name, kind, default=None, short="", since=None, deprecated=None):
        self.name, self.kind, self.default, self.short = name, kind, default, short
        self.since, self.deprecated = since, deprecated

    def exists_in(self, version):
        return self.since is None or version.at_least(self.since)


def F(*a, **k):
    return Flag(*a, **k)


GLOBAL = [
    # cmd/eksctl/main.go: root persistent flags
    F("help", BOOL, False, "h"),
    F("verbose", INT, 3, "v"),
    F("color", STRING, "true", "C"),
    F("dumpLogs", BOOL, False, "d"),
]

# pkg/ctl/cmdutils/nodegroup_flags.go AddCommonCreateNodeGroupFlags
COMMON_NG = [
    F("node-type", STRING, "", "t"),
    F("nodes", INT, 2, "N"),
    F("nodes-min", INT, 2, "m"),
    F("nodes-max", INT, 2, "M"),
    F("node-volume-size", INT, 80),
    F("node-volume-type", STRING, "gp3"),
    F("max-pods-per-node", INT, 0),
    F("ssh-access", BOOL, False),
    F("ssh-public-key", STRING, ""),
    F("enable-ssm", BOOL, False),
    F("node-ami", STRING, ""),
    F("node-ami-family", STRING, ""),
    F("node-private-networking", BOOL, False, "P"),
    F("node-security-groups", SLICE, []),
    F("node-labels", MAP, {}),
    F("node-zones", SLICE, None),
    F("instance-prefix", STRING, ""),
    F("instance-name", STRING, ""),
    F("disable-pod-imds", BOOL, False),
    F("managed", BOOL, True),
    F("spot", BOOL, False),
    F("enable-node-repair", BOOL, False, since=199),
    F("node-repair-max-unhealthy-percentage", INT, 0, since=217),
    F("node-repair-max-unhealthy-count", INT, 0, since=217),
    F("node-repair-max-parallel-percentage", INT, 0, since=217),
    F("node-repair-max-parallel-count", INT, 0, since=217),
    F("instance-types", SLICE, None),
]

# AddCommonCreateNodeGroupAddonsFlags
ADDONS = [
    F("asg-access", BOOL, False),
    F("external-dns-access", BOOL, False),
    F("full-ecr-access", BOOL, False),
    F("appmesh-access", BOOL, False),
    F("appmesh-preview-access", BOOL, False),
    F("alb-ingress-access", BOOL, False),
    F("install-neuron-plugin", BOOL, True),
    F("install-nvidia-plugin", BOOL, True),
    F("nodegroup-parallelism", INT, 8, since=186),
]

# AddInstanceSelectorOptions
INSTANCE_SELECTOR = [
    F("instance-selector-vcpus", INT, 0),
    F("instance-selector-memory", STRING, ""),
    F("instance-selector-cpu-architecture", STRING, ""),
    F("instance-selector-gpus", INT, 0),
    F("instance-selector-neuron-devices", INT, 0, since=205),
]

# AddCommonFlagsForAWS(cmd, p, true)
AWS = [
    F("profile", STRING, "", "p"),
    F("cfn-role-arn", STRING, ""),
    F("cfn-disable-rollback", BOOL, False),
]

NODEGROUP = [
    F("cluster", STRING, "", "c"),
    F("tags", MAP, {}),
    F("region", STRING, "", "r"),
    F("version", STRING, "auto"),
    F("config-file", STRING, "", "f"),
    F("only", SLICE, None, deprecated="use --include"),
    F("include", SLICE, None),
    F("exclude", SLICE, None),
    F("update-auth-configmap", BOOL, True),
    F("timeout", DURATION, 25 * 60 * 10**9),
    F("subnet-ids", SLICE, None),
    F("dry-run", BOOL, False),
    F("skip-outdated-addons-check", BOOL, False),
    F("name", STRING, "", "n"),
] + COMMON_NG + ADDONS + INSTANCE_SELECTOR + AWS

VPC_CONTROLLER_DEPRECATION = (
    "you no longer need to install the VPC resource controller on Linux worker nodes to run Windows workloads "
    "in EKS clusters created after Oct 22, 2021. You can enable Windows IP address management on the EKS control "
    "plane via a Con\ufb01gMap setting (see https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html "
    "for details). eksctl will automatically patch the ConfigMap to enable Windows IP address management when a "
    "Windows nodegroup is created. For existing clusters, you can enable it manually and run `eksctl utils "
    "install-vpc-controllers` with the --delete \ufb02ag to remove the worker node installation of the VPC resource "
    "controller")

CLUSTER = [
    F("name", STRING, "", "n"),
    F("tags", MAP, {}),
    F("region", STRING, "", "r"),
    F("with-oidc", BOOL, False),
    F("zones", SLICE, None),
    F("support-type", STRING, "", since=217),
    F("version", STRING, ""),
    F("config-file", STRING, "", "f"),
    F("timeout", DURATION, 25 * 60 * 10**9),
    F("install-vpc-controllers", BOOL, False, deprecated=VPC_CONTROLLER_DEPRECATION),
    F("fargate", BOOL, False),
    F("dry-run", BOOL, False),
    F("nodegroup-name", STRING, ""),
    F("without-nodegroup", BOOL, False),
] + COMMON_NG + ADDONS + [
    F("vpc-cidr", IPNET, "192.168.0.0/16"),
    F("vpc-private-subnets", SLICE, None),
    F("vpc-public-subnets", SLICE, None),
    F("vpc-from-kops-cluster", STRING, ""),
    F("vpc-nat-mode", STRING, "Single"),
    F("enable-auto-mode", BOOL, False, since=195),
] + INSTANCE_SELECTOR + AWS + [
    F("kubeconfig", STRING, "~/.kube/config"),
    F("authenticator-role-arn", STRING, ""),
    F("set-kubeconfig-context", BOOL, True),
    F("auto-kubeconfig", BOOL, False),
    F("write-kubeconfig", BOOL, True),
]

VERSION_CMD = [F("output", STRING, "", "o")]  # pkg/ctl/misc/version.go @0.230.0

# pkg/ctl/upgrade/cluster.go @0.170.0..@0.230.0 (--force from 0.207.0), with
# AddCommonFlagsForAWS(cmd, p, false): --profile only.
UPGRADE_CLUSTER = [
    F("profile", STRING, "", "p"),
    F("name", STRING, "", "n"),
    F("region", STRING, "", "r"),
    F("version", STRING, ""),
    F("force", BOOL, False, since=207),
    F("config-file", STRING, "", "f"),
    F("approve", BOOL, False),
    F("timeout", DURATION, 65 * 60 * 10**9),
]

# pkg/ctl/create/iamidentitymapping.go @0.165.0..@0.230.0 (AddClusterFlagWithDeprecated,
# AddIAMIdentityMappingARNFlags, AddTimeoutFlag, AddCommonFlagsForAWS(..., false)).
CREATE_IAMIDENTITYMAPPING = [
    F("account", STRING, ""),
    F("arn", STRING, ""),
    F("role", STRING, "", deprecated="use --arn"),
    F("username", STRING, ""),
    F("group", SLICE, None),
    F("service-name", STRING, ""),
    F("namespace", STRING, ""),
    F("no-duplicate-arns", BOOL, False),
    F("cluster", STRING, "", "c"),
    F("name", STRING, "", "n", deprecated="use --cluster"),
    F("region", STRING, "", "r"),
    F("config-file", STRING, "", "f"),
    F("timeout", DURATION, 25 * 60 * 10**9),
    F("profile", STRING, "", "p"),
]

# pkg/ctl/utils/update_cluster_vpc_config.go @0.165.0..@0.230.0 (egress mode from 0.228.0).
UPDATE_CLUSTER_VPC_CONFIG = [
    F("cluster", STRING, "", "c"),
    F("region", STRING, "", "r"),
    F("config-file", STRING, "", "f"),
    F("approve", BOOL, False),
    F("private-access", BOOL, False),
    F("public-access", BOOL, False),
    F("public-access-cidrs", SLICE, None),
    F("control-plane-subnet-ids", SLICE, None),
    F("control-plane-security-group-ids", SLICE, None),
    F("control-plane-egress-mode", STRING, "", since=228),
    F("profile", STRING, "", "p"),
]

# pkg/ctl/utils/update_authentication_mode.go @0.167.0..@0.230.0 (no AWS client flags).
UPDATE_AUTHENTICATION_MODE = [
    F("authentication-mode", STRING, ""),
    F("cluster", STRING, "", "c"),
    F("region", STRING, "", "r"),
    F("config-file", STRING, "", "f"),
]

# pkg/ctl/create/fargate.go, pkg/ctl/cmdutils/fargate.go @0.170.0..@0.230.0.
CREATE_FARGATEPROFILE = [
    F("name", STRING, ""),
    F("namespace", STRING, ""),
    F("labels", MAP, None, "l"),
    F("tags", MAP, {}, "t"),
    F("cluster", STRING, "", "c"),
    F("region", STRING, "", "r"),
    F("config-file", STRING, "", "f"),
    F("timeout", DURATION, 25 * 60 * 10**9),
    F("profile", STRING, "", "p"),
]

# pkg/ctl/create/access_entry.go @0.167.0..@0.230.0.
CREATE_ACCESSENTRY = [
    F("principal-arn", STRING, ""),
    F("type", STRING, ""),
    F("kubernetes-groups", SLICE, None),
    F("kubernetes-username", STRING, ""),
    F("cluster", STRING, "", "c"),
    F("region", STRING, "", "r"),
    F("config-file", STRING, "", "f"),
    F("timeout", DURATION, 25 * 60 * 10**9),
    F("profile", STRING, "", "p"),
]

# pkg/ctl/update/cluster.go @0.170.0..@0.230.0: the deprecated alias.
UPDATE_CLUSTER = [
    F("profile", STRING, "", "p"),
    F("name", STRING, "", "n"),
    F("region", STRING, "", "r"),
    F("version", STRING, ""),
    F("config-file", STRING, "", "f"),
    F("approve", BOOL, False),
    F("dry-run", BOOL, True, deprecated="see --approve"),
    F("wait", BOOL, False, "w", deprecated="--wait is no longer respected; the cluster update always waits to complete"),
    F("timeout", DURATION, 35 * 60 * 10**9),
]


def table(command, version):
    base = {"nodegroup": NODEGROUP, "cluster": CLUSTER, "version": VERSION_CMD,
            "upgrade-cluster": UPGRADE_CLUSTER, "update-cluster": UPDATE_CLUSTER,
            "create-iamidentitymapping": CREATE_IAMIDENTITYMAPPING,
            "update-cluster-vpc-config": UPDATE_CLUSTER_VPC_CONFIG,
            "update-authentication-mode": UPDATE_AUTHENTICATION_MODE,
            "create-fargateprofile": CREATE_FARGATEPROFILE,
            "create-accessentry": CREATE_ACCESSENTRY}[command]
    flags = [f for f in base + GLOBAL if f.exists_in(version)]
    if command != "version" and version.between(205, 215):
        flags = [F(f.name, INT32, f.default, since=f.since) if f.name == "instance-selector-neuron-devices" else f
                 for f in flags]
    return flags


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
