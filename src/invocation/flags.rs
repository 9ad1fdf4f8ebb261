//! eksctl's flags of `create nodegroup` / `create cluster` and the global ones, as one
//! table read off eksctl's source (`pkg/ctl/create/{nodegroup,cluster}.go`,
//! `pkg/ctl/cmdutils/{cmdutils,nodegroup_flags,configfile}.go`, `cmd/eksctl/main.go`,
//! 0.165.0 to 0.230.0): the router, the parser and the planner all read it. A flag that
//! is not here is unknown to the shim; eksctl may be newer and know it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
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
    pub kind: Kind,
    attrs: u8,
}

impl Flag {
    pub fn has(&self, attr: u8) -> bool {
        self.attrs & attr != 0
    }
}

const fn flag(long: &'static str, short: Option<char>, kind: Kind, attrs: u8) -> Flag {
    Flag {
        long,
        short,
        kind,
        attrs,
    }
}

pub const FLAGS: &[Flag] = &[
    flag("help", Some('h'), Kind::Bool, 0),
    flag("account", None, Kind::Value, NOT_CREATE),
    flag("alb-ingress-access", None, Kind::Bool, 0),
    flag("approve", None, Kind::Bool, NOT_CREATE),
    flag("arn", None, Kind::Value, NOT_CREATE),
    // `create iamidentitymapping`'s deprecated `--role` (= `--arn`) and `--service-name`
    // (pkg/ctl/cmdutils/iam_flags.go, create/iamidentitymapping.go @0.230.0).
    flag("role", None, Kind::Value, NOT_CREATE),
    flag("service-name", None, Kind::Value, NOT_CREATE),
    flag("appmesh-access", None, Kind::Bool, 0),
    flag("appmesh-preview-access", None, Kind::Bool, 0),
    flag("asg-access", None, Kind::Bool, REFUSED_WITH_CONFIG),
    flag(
        "authentication-mode",
        None,
        Kind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("authenticator-role-arn", None, Kind::Value, 0),
    flag("auto-kubeconfig", None, Kind::Bool, REFUSED_WITH_DRY_RUN),
    flag(
        "cfn-disable-rollback",
        None,
        Kind::Bool,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag(
        "cfn-role-arn",
        None,
        Kind::Value,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag("cluster", Some('c'), Kind::Value, REFUSED_WITH_CONFIG),
    flag("color", Some('C'), Kind::Value, CARRIED),
    flag("config-file", Some('f'), Kind::Value, 0),
    flag(
        "control-plane-egress-mode",
        None,
        Kind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "control-plane-security-group-ids",
        None,
        Kind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "control-plane-subnet-ids",
        None,
        Kind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("disable-pod-imds", None, Kind::Bool, 0),
    flag("dry-run", None, Kind::Bool, 0),
    flag("dumpLogs", Some('d'), Kind::Bool, CARRIED),
    flag("enable-auto-mode", None, Kind::Bool, 0),
    flag(
        "enable-node-repair",
        None,
        Kind::Bool,
        REFUSED_WITH_CONFIG | MANAGED_ONLY,
    ),
    flag("enable-ssm", None, Kind::Bool, REFUSED_WITH_CONFIG),
    flag("exclude", None, Kind::List, 0),
    flag("external-dns-access", None, Kind::Bool, REFUSED_WITH_CONFIG),
    flag("fargate", None, Kind::Bool, 0),
    flag("force", None, Kind::Bool, NOT_CREATE),
    flag("full-ecr-access", None, Kind::Bool, REFUSED_WITH_CONFIG),
    flag("group", None, Kind::List, NOT_CREATE),
    flag("include", None, Kind::List, 0),
    flag(
        "install-neuron-plugin",
        None,
        Kind::Bool,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag(
        "install-nvidia-plugin",
        None,
        Kind::Bool,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag("install-vpc-controllers", None, Kind::Bool, 0),
    flag("instance-name", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("instance-prefix", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("instance-selector-cpu-architecture", None, Kind::Value, 0),
    flag("instance-selector-gpus", None, Kind::Value, 0),
    flag("instance-selector-memory", None, Kind::Value, 0),
    flag("instance-selector-neuron-devices", None, Kind::Value, 0),
    flag("instance-selector-vcpus", None, Kind::Value, 0),
    flag(
        "instance-types",
        None,
        Kind::List,
        REFUSED_WITH_CONFIG | MANAGED_ONLY,
    ),
    flag("kubeconfig", None, Kind::Value, REFUSED_WITH_DRY_RUN),
    flag(
        "kubernetes-groups",
        None,
        Kind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "kubernetes-username",
        None,
        Kind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("labels", Some('l'), Kind::Value, NOT_CREATE),
    flag("managed", None, Kind::Bool, REFUSED_WITH_CONFIG),
    flag("max-pods-per-node", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("name", Some('n'), Kind::Value, REFUSED_WITH_CONFIG),
    flag("namespace", None, Kind::Value, NOT_CREATE),
    flag("no-duplicate-arns", None, Kind::Bool, NOT_CREATE),
    flag("node-ami", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("node-ami-family", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("node-labels", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag(
        "node-private-networking",
        Some('P'),
        Kind::Bool,
        REFUSED_WITH_CONFIG,
    ),
    flag(
        "node-repair-max-parallel-count",
        None,
        Kind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-repair-max-parallel-percentage",
        None,
        Kind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-repair-max-unhealthy-count",
        None,
        Kind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-repair-max-unhealthy-percentage",
        None,
        Kind::Value,
        MANAGED_ONLY,
    ),
    flag(
        "node-security-groups",
        None,
        Kind::List,
        REFUSED_WITH_CONFIG,
    ),
    flag("node-type", Some('t'), Kind::Value, REFUSED_WITH_CONFIG),
    flag("node-volume-size", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("node-volume-type", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("node-zones", None, Kind::List, REFUSED_WITH_CONFIG),
    flag("nodegroup-name", None, Kind::Value, 0),
    flag("nodegroup-parallelism", None, Kind::Value, CARRIED),
    flag("nodes", Some('N'), Kind::Value, REFUSED_WITH_CONFIG),
    flag("nodes-max", Some('M'), Kind::Value, REFUSED_WITH_CONFIG),
    flag("nodes-min", Some('m'), Kind::Value, REFUSED_WITH_CONFIG),
    flag("only", None, Kind::List, 0),
    flag(
        "private-access",
        None,
        Kind::Bool,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "principal-arn",
        None,
        Kind::Value,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "profile",
        Some('p'),
        Kind::Value,
        REFUSED_WITH_DRY_RUN | CARRIED,
    ),
    flag(
        "public-access",
        None,
        Kind::Bool,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag(
        "public-access-cidrs",
        None,
        Kind::List,
        NOT_CREATE | REFUSED_WITH_CONFIG,
    ),
    flag("region", Some('r'), Kind::Value, REFUSED_WITH_CONFIG),
    flag(
        "set-kubeconfig-context",
        None,
        Kind::Bool,
        REFUSED_WITH_DRY_RUN,
    ),
    flag("skip-outdated-addons-check", None, Kind::Bool, 0),
    flag("spot", None, Kind::Bool, REFUSED_WITH_CONFIG | MANAGED_ONLY),
    flag("ssh-access", None, Kind::Bool, REFUSED_WITH_CONFIG),
    flag("ssh-public-key", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("subnet-ids", None, Kind::List, 0),
    flag("support-type", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("tags", None, Kind::Value, 0),
    flag("timeout", None, Kind::Value, REFUSED_WITH_DRY_RUN | CARRIED),
    flag("type", None, Kind::Value, NOT_CREATE),
    flag(
        "update-auth-configmap",
        None,
        Kind::Bool,
        REFUSED_WITH_DRY_RUN,
    ),
    flag("verbose", Some('v'), Kind::Value, CARRIED),
    flag("version", None, Kind::Value, REFUSED_WITH_CONFIG),
    flag("username", None, Kind::Value, NOT_CREATE),
    flag("vpc-cidr", None, Kind::Value, 0),
    flag("vpc-from-kops-cluster", None, Kind::Value, 0),
    flag("vpc-nat-mode", None, Kind::Value, 0),
    flag("vpc-private-subnets", None, Kind::List, 0),
    flag("vpc-public-subnets", None, Kind::List, 0),
    flag("wait", Some('w'), Kind::Bool, NOT_CREATE),
    flag("with-oidc", None, Kind::Bool, 0),
    flag("without-nodegroup", None, Kind::Bool, 0),
    flag("write-kubeconfig", None, Kind::Bool, REFUSED_WITH_DRY_RUN),
    flag("zones", None, Kind::List, 0),
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
    get(long).is_some_and(|f| f.kind == Kind::Bool)
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
