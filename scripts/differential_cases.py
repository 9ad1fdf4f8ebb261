"""The matrix of scripts/differential.py: configs (the script's own, SYNTHETIC, and, when
they are there, eksctl's examples) x cluster states (world specs for tests/aws/world.py)
x eksctl versions x deliveries, and the command line of one case.
"""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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
] + [
    # Configs and command lines eksctl refuses before any work, mined from its validation
    # code (pkg/apis/eksctl.io/v1alpha5/validation.go, pkg/ctl/create/cluster.go,
    # pkg/accessentry/service.go, pkg/ctl/cmdutils/configfile.go; shared/eksctl-audit-v2.md
    # H1, H3, H5): the shim must hand each to eksctl unchanged.
    ("refused-cluster-ng-name", "cluster", "accessConfig: {{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n"
                                          "- name: ng_1\nmanagedNodeGroups:\n- name: m1\n", None, []),
    ("refused-cluster-ami", "cluster", "accessConfig: {{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n- name: s1\n"
                                      "  ami: ami-0123456789abcdef0\n  amiFamily: AmazonLinux2\n"
                                      "managedNodeGroups:\n- name: m1\n", None, []),
    ("refused-cluster-same-name", "cluster", "accessConfig: {{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n"
                                            "- name: w\nmanagedNodeGroups:\n- name: w\n", None, []),
    ("refused-cluster-bootstrap-false", "cluster", "accessConfig: {{authenticationMode: CONFIG_MAP, "
                                                  "bootstrapClusterCreatorAdminPermissions: false}}\nnodeGroups:\n"
                                                  "- name: s1\nmanagedNodeGroups:\n- name: m1\n", None, []),
    ("refused-cluster-private", "cluster", "privateCluster: {{enabled: true}}\naccessConfig: "
                                          "{{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n- name: s1\n"
                                          "managedNodeGroups:\n- name: m1\n", None, []),
    ("refused-cluster-outposts", "cluster", "outpost: {{controlPlaneOutpostARN: "
                                           "\"arn:aws:outposts:us-west-2:123456789012:outpost/op-0123456789abcdef0\"}}\n"
                                           "accessConfig: {{authenticationMode: CONFIG_MAP}}\nnodeGroups:\n- name: s1\n",
     None, []),
    ("refused-efa-two-zones", "nodegroup", "managedNodeGroups:\n- name: e1\n  privateNetworking: true\n"
                                          "  efaEnabled: true\n  instanceType: c5n.18xlarge\n"
                                          "  availabilityZones: [{region}a, {region}b]\n- name: m1\n"
                                          "  privateNetworking: true\n", None, ["--exclude", "e1"]),
    ("refused-ng-name", "nodegroup", "managedNodeGroups:\n- name: m_1\n  privateNetworking: true\n",
     ["--name", "m_1", "-P"], []),
    ("refused-ami-no-family", "nodegroup", "nodeGroups:\n- name: s1\n  privateNetworking: true\n"
                                          "  ami: ami-0123456789abcdef0\n", None, []),
    ("refused-bad-int", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n",
     ["--name", "m1", "-P", "--nodes", "two"], []),
    # Values pflag refuses (strconv.ParseInt for -v, time.ParseDuration for --timeout,
    # stringToString for --node-labels): eksctl refuses before any check.
    ("refused-bad-verbose", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n",
     ["--name", "m1", "-P", "-v", "foo"], []),
    ("refused-timeout-unit", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n",
     ["--name", "m1", "-P", "--timeout", "30"], []),
    ("refused-node-labels", "nodegroup", "managedNodeGroups:\n- name: m1\n  privateNetworking: true\n",
     ["--name", "m1", "-P", "--node-labels", "role"], []),
    ("explicit-managed", "nodegroup", "managedNodeGroups:\n- name: m1\n", ["--name", "m1", "--managed"], []),
]


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
