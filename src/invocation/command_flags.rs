//! The flags of the other intercepted commands (upgrade and update cluster, the `utils`
//! updates, iamidentitymapping, fargateprofile, accessentry), as lists of names in the one
//! flag table of `flags.rs`, each read off eksctl's source at the versions cited.

/// `eksctl upgrade cluster`'s flags beside the global ones (pkg/ctl/upgrade/cluster.go
/// @0.170.0, @0.180.0, @0.230.0; `--force` from 0.207.0; AddCommonFlagsForAWS without
/// the CloudFormation options: `--profile` only).
pub const UPGRADE_CLUSTER: &[&str] = &[
    "profile",
    "name",
    "region",
    "version",
    "force",
    "config-file",
    "approve",
    "timeout",
];
/// `eksctl update cluster`, the deprecated alias (pkg/ctl/update/cluster.go, same
/// versions): no `--force`; `--dry-run` and `--wait` (deprecated, still accepted).
pub const UPDATE_CLUSTER: &[&str] = &[
    "profile",
    "name",
    "region",
    "version",
    "config-file",
    "approve",
    "dry-run",
    "wait",
    "timeout",
];
/// `eksctl create iamidentitymapping` (pkg/ctl/create/iamidentitymapping.go @0.165.0,
/// @0.170.0, @0.230.0: AddClusterFlagWithDeprecated, AddIAMIdentityMappingARNFlags,
/// AddTimeoutFlag, AddCommonFlagsForAWS without the CloudFormation options).
pub const CREATE_IAMIDENTITYMAPPING: &[&str] = &[
    "account",
    "arn",
    "role",
    "username",
    "group",
    "service-name",
    "namespace",
    "no-duplicate-arns",
    "cluster",
    "name",
    "region",
    "config-file",
    "timeout",
    "profile",
];
/// `eksctl utils update-cluster-vpc-config` (pkg/ctl/utils/update_cluster_vpc_config.go
/// @0.165.0, @0.170.0, @0.200.0, @0.230.0; `--control-plane-egress-mode` from 0.228.0).
pub const UPDATE_CLUSTER_VPC_CONFIG: &[&str] = &[
    "cluster",
    "region",
    "config-file",
    "approve",
    "private-access",
    "public-access",
    "public-access-cidrs",
    "control-plane-subnet-ids",
    "control-plane-security-group-ids",
    "control-plane-egress-mode",
    "profile",
];
/// `eksctl utils update-authentication-mode` (pkg/ctl/utils/update_authentication_mode.go
/// @0.167.0, @0.200.0, @0.230.0: no AWS client flags, so no `--profile`).
pub const UPDATE_AUTHENTICATION_MODE: &[&str] =
    &["authentication-mode", "cluster", "region", "config-file"];
/// `eksctl create fargateprofile` (pkg/ctl/create/fargate.go, pkg/ctl/cmdutils/fargate.go
/// @0.170.0, @0.176.0, @0.230.0). Its `-t` is `--tags`, which the shared table reads as
/// `--node-type`: such a command goes to eksctl unchecked (said), never misread.
pub const CREATE_FARGATEPROFILE: &[&str] = &[
    "name",
    "namespace",
    "labels",
    "tags",
    "cluster",
    "region",
    "config-file",
    "timeout",
    "profile",
];
/// `eksctl create accessentry` (pkg/ctl/create/access_entry.go @0.167.0, @0.170.0,
/// @0.230.0).
pub const CREATE_ACCESSENTRY: &[&str] = &[
    "principal-arn",
    "type",
    "kubernetes-groups",
    "kubernetes-username",
    "cluster",
    "region",
    "config-file",
    "timeout",
    "profile",
];
/// eksctl's root persistent flags (cmd/eksctl/main.go).
const GLOBAL: &[&str] = &["help", "verbose", "color", "dumpLogs"];

/// Is `long` a flag of `command` (as the shim's tables know eksctl)? Which list applies
/// is the command's row in `command_spec`.
pub fn is_known_for(command: crate::proxy::route::Intercepted, long: &str) -> bool {
    use crate::command_spec::Flags;
    let Some(flag) = super::flags::get(long) else {
        return false;
    };
    match crate::command_spec::spec(command).flags {
        Flags::Create { without } => {
            !flag.has(super::flags::NOT_CREATE) && !without.contains(&long)
        }
        Flags::Listed(names) => names.contains(&long) || GLOBAL.contains(&long),
    }
}

/// Does `command` give `long` the shorthand of the shared table? `create fargateprofile`'s
/// `--name` is the profile's and has none (`fs.StringVar(profileName, "name", ...)`,
/// pkg/ctl/cmdutils/fargate.go:40@0.230.0, the same at 0.176.0): eksctl refuses `-n` with
/// "unknown shorthand flag: 'n'" (audit v2 C1).
pub fn has_shorthand(command: crate::proxy::route::Intercepted, long: &str) -> bool {
    !(command == crate::proxy::route::Intercepted::CreateFargateProfile && long == "name")
}

/// Is `long` refused beside `-f` by `command`'s loader (its
/// `flagsIncompatibleWithConfigFile`)?
pub fn refused_with_config_file(command: crate::proxy::route::Intercepted, long: &str) -> bool {
    use crate::proxy::route::Intercepted;
    match command {
        // NewCreateAccessEntryLoader replaces the common set with its own three, so
        // `--cluster`, `--region` and a name argument pass beside -f (the file's
        // metadata wins): pkg/ctl/cmdutils/access_entry.go @0.170.0, @0.200.0, @0.230.0.
        Intercepted::CreateAccessEntry => matches!(
            long,
            "principal-arn" | "kubernetes-groups" | "kubernetes-username"
        ),
        // NewCreateFargateProfileLoader adds the profile's own flags to the common set
        // (pkg/ctl/cmdutils/fargate.go @0.230.0).
        Intercepted::CreateFargateProfile => {
            matches!(long, "name" | "namespace" | "labels")
                || super::flags::refused_with_config_file(long)
        }
        // NewCreateClusterLoader adds the cluster's own flags (clusterFlagsIncompatible
        // WithConfigFile, pkg/ctl/cmdutils/configfile.go @0.165.0, @0.176.0, @0.230.0;
        // `--enable-auto-mode` exists from 0.195.0, unknown and refused before).
        Intercepted::CreateCluster => {
            matches!(
                long,
                "tags"
                    | "zones"
                    | "fargate"
                    | "vpc-private-subnets"
                    | "vpc-public-subnets"
                    | "vpc-cidr"
                    | "vpc-nat-mode"
                    | "vpc-from-kops-cluster"
                    | "enable-auto-mode"
            ) || super::flags::refused_with_config_file(long)
        }
        _ => super::flags::refused_with_config_file(long),
    }
}

/// Is `long` refused without `-f` by `command`'s loader: the common
/// `defaultFlagsIncompatibleWithoutConfigFile`, and `--install-vpc-controllers` of
/// `create cluster` (pkg/ctl/cmdutils/configfile.go @0.165.0, @0.230.0).
pub fn refused_without_config_file(command: crate::proxy::route::Intercepted, long: &str) -> bool {
    matches!(long, "only" | "include" | "exclude" | "only-missing")
        || (command == crate::proxy::route::Intercepted::CreateCluster
            && long == "install-vpc-controllers")
}

/// `create nodegroup`'s flags that `create cluster` does not have, and the other way
/// round (pkg/ctl/create/nodegroup.go, cluster.go @0.170.0, @0.230.0): eksctl stops on
/// them with `unknown flag`.
pub const CREATE_NODEGROUP_ONLY: &[&str] = &[
    "cluster",
    "exclude",
    "include",
    "only",
    "skip-outdated-addons-check",
    "subnet-ids",
    "update-auth-configmap",
];
pub const CREATE_CLUSTER_ONLY: &[&str] = &[
    "authenticator-role-arn",
    "auto-kubeconfig",
    "enable-auto-mode",
    "fargate",
    "install-vpc-controllers",
    "kubeconfig",
    "nodegroup-name",
    "set-kubeconfig-context",
    "support-type",
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

/// Is `long` refused beside `--dry-run` (validateDryRunOptions: the common list, plus
/// `--update-auth-configmap` for create nodegroup and the kubeconfig flags and
/// `--install-vpc-controllers` for create cluster; configfile.go @0.230.0:62-69,
/// 225-240, 513-523)?
pub fn refused_with_dry_run(command: crate::proxy::route::Intercepted, long: &str) -> bool {
    use crate::proxy::route::Intercepted;
    match command {
        Intercepted::CreateNodegroup => {
            long == "update-auth-configmap" || super::flags::refused_with_dry_run(long)
        }
        Intercepted::CreateCluster => {
            matches!(long, "authenticator-role-arn" | "install-vpc-controllers")
                || super::flags::refused_with_dry_run(long)
        }
        _ => false,
    }
}

/// The eksctl release that added a command: an older eksctl says `unknown command`
/// (pkg/ctl/create/access_entry.go and pkg/ctl/utils/update_authentication_mode.go are
/// absent at 0.165.0 and 0.166.0, there at 0.167.0; audit v2 C1).
pub fn command_since(command: crate::proxy::route::Intercepted) -> Option<u32> {
    use crate::proxy::route::Intercepted;
    match command {
        Intercepted::CreateAccessEntry | Intercepted::UpdateAuthenticationMode => Some(167),
        _ => None,
    }
}

/// The eksctl release that added a flag, for the flags added in the versions the shim
/// knows (pkg/ctl/... at each release); an older eksctl stops on them with `unknown flag`.
pub const SINCE: &[(&str, u32)] = &[
    // `create accessentry --type` (pkg/ctl/create/access_entry.go @0.170.0; absent @0.169.0).
    ("type", 170),
    ("nodegroup-parallelism", 186),
    ("enable-auto-mode", 195),
    ("enable-node-repair", 199),
    ("instance-selector-neuron-devices", 205),
    ("force", 207),
    ("node-repair-max-parallel-count", 217),
    ("node-repair-max-parallel-percentage", 217),
    ("node-repair-max-unhealthy-count", 217),
    ("node-repair-max-unhealthy-percentage", 217),
    ("support-type", 217),
    ("control-plane-egress-mode", 228),
];
