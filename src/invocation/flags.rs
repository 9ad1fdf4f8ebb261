//! What eksctl's `create nodegroup` / `create cluster` flags look like to pflag, read off
//! eksctl's source (`pkg/ctl/create/{nodegroup,cluster}.go`, `pkg/ctl/cmdutils/*.go`,
//! `cmd/eksctl/main.go`). Only two facts matter for parsing: a flag's long name for a
//! shorthand, and whether it is boolean (a boolean never takes the next word as value).

/// Shorthands of both commands and the global flags.
pub fn long_for_short(short: char) -> Option<&'static str> {
    Some(match short {
        'c' => "cluster",
        'r' => "region",
        'p' => "profile",
        'f' => "config-file",
        'n' => "name",
        't' => "node-type",
        'N' => "nodes",
        'm' => "nodes-min",
        'M' => "nodes-max",
        'P' => "node-private-networking",
        'v' => "verbose",
        'C' => "color",
        'h' => "help",
        'd' => "dumpLogs",
        _ => return None,
    })
}

/// Boolean flags of both commands (pflag `Bool*`): `--x` means true, `--x=false` false.
const BOOLEAN: &[&str] = &[
    "help",
    "dumpLogs",
    "dry-run",
    "skip-outdated-addons-check",
    "update-auth-configmap",
    "with-oidc",
    "install-vpc-controllers",
    "fargate",
    "without-nodegroup",
    "enable-auto-mode",
    "write-kubeconfig",
    "set-kubeconfig-context",
    "auto-kubeconfig",
    "cfn-disable-rollback",
    "ssh-access",
    "enable-ssm",
    "node-private-networking",
    "disable-pod-imds",
    "managed",
    "spot",
    "enable-node-repair",
    "install-neuron-plugin",
    "install-nvidia-plugin",
    "asg-access",
    "external-dns-access",
    "full-ecr-access",
    "appmesh-access",
    "appmesh-preview-access",
    "alb-ingress-access",
];

pub fn is_boolean(long: &str) -> bool {
    BOOLEAN.contains(&long)
}

/// Flags eksctl refuses together with `-f` (`cannot use --<flag> when --config-file/-f is
/// set`): `defaultFlagsIncompatibleWithConfigFile` and
/// `commonNGFlagsIncompatibleWithConfigFile` in `pkg/ctl/cmdutils/configfile.go`.
/// The shim never adds one of these to an invocation that has `-f`.
const REFUSED_WITH_CONFIG_FILE: &[&str] = &[
    "name",
    "region",
    "version",
    "cluster",
    "support-type",
    "managed",
    "spot",
    "enable-node-repair",
    "instance-types",
    "nodes",
    "nodes-min",
    "nodes-max",
    "node-type",
    "node-volume-size",
    "node-volume-type",
    "max-pods-per-node",
    "node-ami",
    "node-ami-family",
    "ssh-access",
    "ssh-public-key",
    "enable-ssm",
    "node-private-networking",
    "node-security-groups",
    "node-labels",
    "node-zones",
    "asg-access",
    "external-dns-access",
    "full-ecr-access",
    "instance-name",
    "instance-prefix",
];

pub fn refused_with_config_file(long: &str) -> bool {
    REFUSED_WITH_CONFIG_FILE.contains(&long)
}

/// Every flag of `create nodegroup` and `create cluster` and the global ones, read off
/// eksctl's source. Another is an error to eksctl (`unknown flag`), so the shim leaves
/// such an invocation for eksctl to refuse.
const KNOWN: &[&str] = &[
    "alb-ingress-access",
    "appmesh-access",
    "appmesh-preview-access",
    "asg-access",
    "authenticator-role-arn",
    "auto-kubeconfig",
    "cfn-disable-rollback",
    "cfn-role-arn",
    "cluster",
    "color",
    "config-file",
    "disable-pod-imds",
    "dry-run",
    "dumpLogs",
    "enable-auto-mode",
    "enable-node-repair",
    "enable-ssm",
    "exclude",
    "external-dns-access",
    "fargate",
    "full-ecr-access",
    "help",
    "include",
    "install-neuron-plugin",
    "install-nvidia-plugin",
    "install-vpc-controllers",
    "instance-name",
    "instance-prefix",
    "instance-selector-cpu-architecture",
    "instance-selector-gpus",
    "instance-selector-memory",
    "instance-selector-neuron-devices",
    "instance-selector-vcpus",
    "instance-types",
    "kubeconfig",
    "managed",
    "max-pods-per-node",
    "name",
    "node-ami",
    "node-ami-family",
    "node-labels",
    "node-private-networking",
    "node-repair-max-parallel-count",
    "node-repair-max-parallel-percentage",
    "node-repair-max-unhealthy-count",
    "node-repair-max-unhealthy-percentage",
    "node-security-groups",
    "node-type",
    "node-volume-size",
    "node-volume-type",
    "node-zones",
    "nodegroup-name",
    "nodegroup-parallelism",
    "nodes",
    "nodes-max",
    "nodes-min",
    "only",
    "profile",
    "region",
    "set-kubeconfig-context",
    "skip-outdated-addons-check",
    "spot",
    "ssh-access",
    "ssh-public-key",
    "subnet-ids",
    "support-type",
    "tags",
    "timeout",
    "update-auth-configmap",
    "verbose",
    "version",
    "vpc-cidr",
    "vpc-from-kops-cluster",
    "vpc-nat-mode",
    "vpc-private-subnets",
    "vpc-public-subnets",
    "with-oidc",
    "without-nodegroup",
    "write-kubeconfig",
    "zones",
];

pub fn is_known(long: &str) -> bool {
    KNOWN.contains(&long)
}

/// Flags eksctl refuses together with `--dry-run` (pkg/ctl/cmdutils/configfile.go
/// @0.230.0, `validateDryRunOptions`): the shim never adds one to a dry run.
const REFUSED_WITH_DRY_RUN: &[&str] = &[
    "update-auth-configmap",
    "profile",
    "timeout",
    "cfn-role-arn",
    "cfn-disable-rollback",
    "install-nvidia-plugin",
    "install-neuron-plugin",
    "write-kubeconfig",
    "set-kubeconfig-context",
    "auto-kubeconfig",
    "kubeconfig",
];

pub fn refused_with_dry_run(long: &str) -> bool {
    REFUSED_WITH_DRY_RUN.contains(&long)
}

/// Flags only valid for managed nodegroups (`validateManagedNGFlags`,
/// pkg/ctl/cmdutils/configfile.go @0.230.0): refused beside `--managed=false`.
pub const MANAGED_ONLY: &[&str] = &[
    "spot",
    "instance-types",
    "enable-node-repair",
    "node-repair-max-parallel-count",
    "node-repair-max-parallel-percentage",
    "node-repair-max-unhealthy-count",
    "node-repair-max-unhealthy-percentage",
];
