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
