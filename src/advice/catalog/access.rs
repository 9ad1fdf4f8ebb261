//! Who may use the cluster's Kubernetes API: authentication mode, access entries, aws-auth.

use super::{FailureKind, Family, kind};

const F: Family = Family::KubernetesAccess;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "access-entry-on-config-map",
        "an access entry was created on a cluster whose authentication mode is CONFIG_MAP",
        &[r"authentication mode must be set to one of \[API, API_AND_CONFIG_MAP\]"],
        "eksctl 0.167-0.175 puts access entries into self-managed nodegroup stacks whatever the mode (eksctl #7695). Create the cluster without the self-managed nodegroups, then `eksctl create nodegroup --cluster {cluster} --region {region}{--profile} ... --update-auth-configmap` (eksctl-shim runs both steps for you); or use eksctl 0.176.0 or later; or switch the cluster to API_AND_CONFIG_MAP (`eksctl utils update-authentication-mode --cluster {cluster} --region {region}{--profile} --authentication-mode API_AND_CONFIG_MAP`). Delete the failed nodegroup stack first.",
    ),
    kind(
        F,
        "update-auth-configmap-on-api",
        "--update-auth-configmap was given for a cluster that uses access entries only",
        &[r"--update-auth-configmap is not supported when authenticationMode is set to API"],
        "Drop --update-auth-configmap: on an API cluster eksctl authorises nodes with an access entry.",
    ),
    kind(
        F,
        "access-entries-disabled",
        "access entries were asked for on a CONFIG_MAP cluster",
        &[r"access entries API is not currently enabled"],
        "Enable them: `eksctl utils update-authentication-mode --cluster {cluster} --region {region}{--profile} --authentication-mode API_AND_CONFIG_MAP`.",
    ),
    kind(
        F,
        "access-entries-need-api-mode",
        "accessEntries in a config whose authentication mode is CONFIG_MAP",
        &[
            r"authenticationMode must be set to either \S+ or \S+ to use access entries",
            r"remoteNetworkConfig requires authenticationMode to be either",
        ],
        "Set accessConfig.authenticationMode to API_AND_CONFIG_MAP (or API), or remove what needs access entries (accessConfig.accessEntries, remoteNetworkConfig).",
    ),
    kind(
        F,
        "config-map-without-creator-admin",
        "self-managed nodegroups need eksctl to reach the Kubernetes API, but the creator gets no admin access",
        &[r"cannot create self-managed nodegroups when "],
        "Keep accessConfig.bootstrapClusterCreatorAdminPermissions true; or, with API_AND_CONFIG_MAP or API, add an access entry for the identity eksctl runs as (accessConfig.accessEntries). Or create the self-managed nodegroups later with `eksctl create nodegroup`.",
    ),
    kind(
        F,
        "no-kubernetes-write-access",
        "eksctl cannot write to the cluster's Kubernetes API, which creating nodegroups needs",
        &[r"write access to Kubernetes resources is required when creating nodegroups"],
        "Give the identity eksctl runs as access to the cluster: `eksctl create accessentry --cluster {cluster} --region {region}{--profile} --principal-arn <your ARN> --type STANDARD` with the AmazonEKSClusterAdminPolicy, run by someone who has it; `aws sts get-caller-identity{--profile}` shows your ARN.",
    ),
    kind(
        F,
        "auth-mode-update-unsupported",
        "EKS only moves CONFIG_MAP to API_AND_CONFIG_MAP to API, one step at a time",
        &[r"Unsupported authentication mode update from (?P<from>\w+) to (?P<to>\w+)"],
        "Go through API_AND_CONFIG_MAP first: `eksctl utils update-authentication-mode --cluster {cluster} --region {region}{--profile} --authentication-mode API_AND_CONFIG_MAP`, then to {to}; `eksctl utils migrate-to-access-entry` does both.",
    ),
    kind(
        F,
        "auth-mode-rejected",
        "EKS refused the cluster's authentication mode",
        &[r"InvalidParameterException.*(?i:authentication ?mode)"],
        "The line says which value EKS refused and why. The values are CONFIG_MAP, API_AND_CONFIG_MAP (eksctl's default) and API; an EKS local cluster on Outposts takes only CONFIG_MAP, and a mode can only move toward API one step at a time. Set accessConfig.authenticationMode accordingly; `aws eks describe-cluster --name {cluster} --region {region}{--profile} --query cluster.accessConfig` shows the current one.",
    ).generic(),
    kind(
        F,
        "outposts-auth-mode",
        "an EKS local cluster on Outposts only accepts CONFIG_MAP",
        &[
            r"Local Amazon EKS cluster only supports bootstrapClusterCreatorAdminPermissions=true and authenticationMode=CONFIG_MAP",
            r"accessConfig\.AuthenticationMode must be set to \S+ on Outposts",
            r"accessConfig\.BootstrapClusterCreatorAdminPermissions can't be set to false on Outposts",
        ],
        "Set accessConfig.authenticationMode: CONFIG_MAP and leave bootstrapClusterCreatorAdminPermissions true (eksctl 0.176.0 and later default to it on Outposts).",
    ),
    kind(
        F,
        "outposts-instance-store-auth",
        "Outposts clusters with EC2 instance store need access entries",
        &[r"Outpost clusters with EC2 instance store require accessConfig\.authenticationMode"],
        "Set accessConfig.authenticationMode to API_AND_CONFIG_MAP or API for this kind of Outposts cluster.",
    ),
    kind(
        F,
        "access-entry-policy-arn",
        "an access entry's policy has no valid ARN",
        &[
            r"accessEntries\[\d+\]\.\S*policyARN must be set",
            r"\.policyARN must be (?:set to a valid AWS ARN|a cluster-access-policy resource)",
        ],
        "Give every accessPolicies entry a policyARN (arn:aws:eks::aws:cluster-access-policy/...). Nodes need no hand-written entries: eksctl makes them.",
    ),
    kind(
        F,
        "access-entry-exists",
        "an access entry for that principal already exists",
        &[
            r"access entry resource is already in use",
            r"ResourceInUseException.*access entry",
        ],
        "Delete the old entry (`aws eks delete-access-entry --cluster-name {cluster} --region {region}{--profile} --principal-arn <arn>`) or leave it out of the config.",
    ),
];
