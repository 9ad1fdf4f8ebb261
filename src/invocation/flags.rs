//! eksctl's flags of `create nodegroup` / `create cluster` and the global ones, as one
//! table read off eksctl's source (`pkg/ctl/create/{nodegroup,cluster}.go`,
//! `pkg/ctl/cmdutils/{cmdutils,nodegroup_flags,configfile}.go`, `cmd/eksctl/main.go`,
//! 0.165.0 to 0.230.0): the router, the parser and the planner all read it. A flag that
//! is not here is unknown to the shim; eksctl may be newer and know it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// pflag `Bool`: `--x` means true, `--x=false` false; never takes the next word.
    Bool,
    Value,
    /// pflag `StringSlice`: comma-separated, repeatable.
    List,
}

/// Refused beside `-f` (`cannot use --<flag> when --config-file/-f is set`:
/// `defaultFlagsIncompatibleWithConfigFile`, `commonNGFlagsIncompatibleWithConfigFile`).
pub const REFUSED_WITH_CONFIG: u8 = 1;
/// Refused beside `--dry-run` (`validateDryRunOptions`).
pub const REFUSED_WITH_DRY_RUN: u8 = 2;
/// Means the same to `create nodegroup -f` as to `create cluster`: carried to step 2 of
/// a split create (`AddCommonCreateNodeGroupAddonsFlags`, the global flags, AWS and
/// CloudFormation options).
pub const CARRIED: u8 = 4;
/// Only valid for managed nodegroups (`validateManagedNGFlags`): refused beside
/// `--managed=false`.
pub const MANAGED_ONLY: u8 = 8;
/// Not a flag of `create nodegroup` / `create cluster` (only of `upgrade|update cluster`).
pub const NOT_CREATE: u8 = 16;

#[derive(Debug, Clone, Copy)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: ValueKind,
    attrs: u8,
}

impl Flag {
    pub fn has(&self, attr: u8) -> bool {
        self.attrs & attr != 0
    }
}

const fn flag(long: &'static str, short: Option<char>, kind: ValueKind, attrs: u8) -> Flag {
    Flag {
        long,
        short,
        kind,
        attrs,
    }
}

pub const FLAGS: &[Flag] = &[
    flag("help", Some('h'), ValueKind::Bool, 0),
    flag("account", None, ValueKind::Value, NOT_CREATE),
    flag("alb-ingress-access", None, ValueKind::Bool, 0),
    flag("approve", None, ValueKind::Bool, NOT_CREATE),
    flag("arn", None, ValueKind::Value, NOT_CREATE),
    // `create iamidentitymapping`'s deprecated `--role` (= `--arn`) and `--service-name`
    // (pkg/ctl/cmdutils/iam_flags.go, create/iamidentitymapping.go @0.230.0).
    flag("role", None, ValueKind::Value, NOT_CREATE),
    flag("service-name", None, ValueKind::Value, NOT_CREATE),
    flag("appmesh-access", None, ValueKind::Bool, 0),
    flag("appmesh-preview-access", None, ValueKind::Bool, 0),
    flag("asg-access", None, ValueKind::Bool, REFUSED_WITH_CONFIG),
    flag(
        "authentication-mode",
        None,
        ValueKind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("authenticator-role-arn", None, ValueKind::Value, 0),
    flag(
        "auto-kubeconfig",
        None,
        ValueKind::Bool,
        REFUSED_WITH_DRY_RUN,
    ),
    flag(
        "cfn-disable-rollback",
        None,
        ValueKind::Bool,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag(
        "cfn-role-arn",
        None,
        ValueKind::Value,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag("cluster", Some('c'), ValueKind::Value, REFUSED_WITH_CONFIG),
    flag("color", Some('C'), ValueKind::Value, CARRIED),
    flag("config-file", Some('f'), ValueKind::Value, 0),
    flag(
        "control-plane-egress-mode",
        None,
        ValueKind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "control-plane-security-group-ids",
        None,
        ValueKind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "control-plane-subnet-ids",
        None,
        ValueKind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("disable-pod-imds", None, ValueKind::Bool, 0),
    flag("dry-run", None, ValueKind::Bool, 0),
    flag("dumpLogs", Some('d'), ValueKind::Bool, CARRIED),
    flag("enable-auto-mode", None, ValueKind::Bool, 0),
    flag(
        "enable-node-repair",
        None,
        ValueKind::Bool,
        REFUSED_WITH_CONFIG | MANAGED_ONLY,
    ),
    flag("enable-ssm", None, ValueKind::Bool, REFUSED_WITH_CONFIG),
    flag("exclude", None, ValueKind::List, 0),
    flag(
        "external-dns-access",
        None,
        ValueKind::Bool,
        REFUSED_WITH_CONFIG,
    ),
    flag("fargate", None, ValueKind::Bool, 0),
    flag("force", None, ValueKind::Bool, NOT_CREATE),
    flag(
        "full-ecr-access",
        None,
        ValueKind::Bool,
        REFUSED_WITH_CONFIG,
    ),
    flag("group", None, ValueKind::List, NOT_CREATE),
    flag("include", None, ValueKind::List, 0),
    flag(
        "install-neuron-plugin",
        None,
        ValueKind::Bool,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag(
        "install-nvidia-plugin",
        None,
        ValueKind::Bool,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag("install-vpc-controllers", None, ValueKind::Bool, 0),
    flag("instance-name", None, ValueKind::Value, REFUSED_WITH_CONFIG),
    flag(
        "instance-prefix",
        None,
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag(
        "instance-selector-cpu-architecture",
        None,
        ValueKind::Value,
        0,
    ),
    flag("instance-selector-gpus", None, ValueKind::Value, 0),
    flag("instance-selector-memory", None, ValueKind::Value, 0),
    flag(
        "instance-selector-neuron-devices",
        None,
        ValueKind::Value,
        0,
    ),
    flag("instance-selector-vcpus", None, ValueKind::Value, 0),
    flag(
        "instance-types",
        None,
        ValueKind::List,
        REFUSED_WITH_CONFIG | MANAGED_ONLY,
    ),
    flag("kubeconfig", None, ValueKind::Value, REFUSED_WITH_DRY_RUN),
    flag(
        "kubernetes-groups",
        None,
        ValueKind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "kubernetes-username",
        None,
        ValueKind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("labels", Some('l'), ValueKind::Value, NOT_CREATE),
    flag("managed", None, ValueKind::Bool, REFUSED_WITH_CONFIG),
    flag(
        "max-pods-per-node",
        None,
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag("name", Some('n'), ValueKind::Value, REFUSED_WITH_CONFIG),
    flag("namespace", None, ValueKind::Value, NOT_CREATE),
    flag("no-duplicate-arns", None, ValueKind::Bool, NOT_CREATE),
    flag("node-ami", None, ValueKind::Value, REFUSED_WITH_CONFIG),
    flag(
        "node-ami-family",
        None,
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag("node-labels", None, ValueKind::Value, REFUSED_WITH_CONFIG),
    flag(
        "node-private-networking",
        Some('P'),
        ValueKind::Bool,
        REFUSED_WITH_CONFIG,
    ),
    flag(
        "node-repair-max-parallel-count",
        None,
        ValueKind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-repair-max-parallel-percentage",
        None,
        ValueKind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-repair-max-unhealthy-count",
        None,
        ValueKind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-repair-max-unhealthy-percentage",
        None,
        ValueKind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-security-groups",
        None,
        ValueKind::List,
        REFUSED_WITH_CONFIG,
    ),
    flag(
        "node-type",
        Some('t'),
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag(
        "node-volume-size",
        None,
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag(
        "node-volume-type",
        None,
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag("node-zones", None, ValueKind::List, REFUSED_WITH_CONFIG),
    flag("nodegroup-name", None, ValueKind::Value, 0),
    flag("nodegroup-parallelism", None, ValueKind::Value, CARRIED),
    flag("nodes", Some('N'), ValueKind::Value, REFUSED_WITH_CONFIG),
    flag(
        "nodes-max",
        Some('M'),
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag(
        "nodes-min",
        Some('m'),
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag("only", None, ValueKind::List, 0),
    flag(
        "private-access",
        None,
        ValueKind::Bool,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "principal-arn",
        None,
        ValueKind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "profile",
        Some('p'),
        ValueKind::Value,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag(
        "public-access",
        None,
        ValueKind::Bool,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "public-access-cidrs",
        None,
        ValueKind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("region", Some('r'), ValueKind::Value, REFUSED_WITH_CONFIG),
    flag(
        "set-kubeconfig-context",
        None,
        ValueKind::Bool,
        REFUSED_WITH_DRY_RUN,
    ),
    flag("skip-outdated-addons-check", None, ValueKind::Bool, 0),
    flag(
        "spot",
        None,
        ValueKind::Bool,
        REFUSED_WITH_CONFIG | MANAGED_ONLY,
    ),
    flag("ssh-access", None, ValueKind::Bool, REFUSED_WITH_CONFIG),
    flag(
        "ssh-public-key",
        None,
        ValueKind::Value,
        REFUSED_WITH_CONFIG,
    ),
    flag("subnet-ids", None, ValueKind::List, 0),
    flag("support-type", None, ValueKind::Value, REFUSED_WITH_CONFIG),
    flag("tags", None, ValueKind::Value, 0),
    flag(
        "timeout",
        None,
        ValueKind::Value,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag("type", None, ValueKind::Value, NOT_CREATE),
    flag(
        "update-auth-configmap",
        None,
        ValueKind::Bool,
        REFUSED_WITH_DRY_RUN,
    ),
    flag("verbose", Some('v'), ValueKind::Value, CARRIED),
    flag("version", None, ValueKind::Value, REFUSED_WITH_CONFIG),
    flag("username", None, ValueKind::Value, NOT_CREATE),
    flag("vpc-cidr", None, ValueKind::Value, 0),
    flag("vpc-from-kops-cluster", None, ValueKind::Value, 0),
    flag("vpc-nat-mode", None, ValueKind::Value, 0),
    flag("vpc-private-subnets", None, ValueKind::List, 0),
    flag("vpc-public-subnets", None, ValueKind::List, 0),
    flag("wait", Some('w'), ValueKind::Bool, NOT_CREATE),
    flag("with-oidc", None, ValueKind::Bool, 0),
    flag("without-nodegroup", None, ValueKind::Bool, 0),
    flag(
        "write-kubeconfig",
        None,
        ValueKind::Bool,
        REFUSED_WITH_DRY_RUN,
    ),
    flag("zones", None, ValueKind::List, 0),
];

pub fn get(long: &str) -> Option<&'static Flag> {
    FLAGS.iter().find(|f| f.long == long)
}

pub fn long_for_short(short: char) -> Option<&'static str> {
    FLAGS
        .iter()
        .find(|f| f.short == Some(short))
        .map(|f| f.long)
}

pub fn is_known(long: &str) -> bool {
    get(long).is_some()
}

pub fn is_boolean(long: &str) -> bool {
    get(long).is_some_and(|f| f.kind == ValueKind::Bool)
}

pub fn refused_with_config_file(long: &str) -> bool {
    get(long).is_some_and(|f| f.has(REFUSED_WITH_CONFIG))
}

pub fn refused_with_dry_run(long: &str) -> bool {
    get(long).is_some_and(|f| f.has(REFUSED_WITH_DRY_RUN))
}

/// Flags with `attr`, by long name.
pub fn with(attr: u8) -> impl Iterator<Item = &'static str> {
    FLAGS.iter().filter(move |f| f.has(attr)).map(|f| f.long)
}
