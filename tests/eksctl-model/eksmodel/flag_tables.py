"""eksctl's flags, per command and version, as cobra and pflag get them (parsed by
flags.py).

Flag tables per command and version (pkg/ctl/create/nodegroup.go, cluster.go,
pkg/ctl/cmdutils/nodegroup_flags.go, cmdutils.go, configfile.go, cmd/eksctl/main.go;
read at every release 0.150.0 to 0.230.0): flags were only ever added,
  nodegroup-parallelism 0.186.0 (both commands), enable-auto-mode 0.195.0 (cluster),
  enable-node-repair 0.199.0, instance-selector-neuron-devices 0.205.0 (an int32 flag
  until 0.214.0), node-repair-max-* 0.217.0, support-type 0.217.0 (cluster),
and --update-auth-configmap changed from BoolVar to Bool in 0.167.0 (same syntax).
The other commands' tables cite their files and releases where they are defined.
"""

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
