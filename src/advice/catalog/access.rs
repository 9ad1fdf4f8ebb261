use super::{Kind, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "access-entry-on-config-map",
        "an access entry was created on a cluster whose authentication mode is CONFIG_MAP",
        &[r"authentication mode must be set to one of \[API, API_AND_CONFIG_MAP\]"],
        "eksctl 0.167-0.175 puts access entries into self-managed nodegroup stacks whatever the mode (eksctl #7695). Create the cluster without the self-managed nodegroups, then `eksctl create nodegroup --cluster {cluster} --region {region} ... --update-auth-configmap` (eksctl-shim runs both steps for you); or use eksctl 0.176.0 or later; or switch the cluster to API_AND_CONFIG_MAP (`eksctl utils update-authentication-mode --cluster {cluster} --authentication-mode API_AND_CONFIG_MAP`). Delete the failed nodegroup stack first.",
    ),
    kind(
        "update-auth-configmap-on-api",
        "--update-auth-configmap was given for a cluster that uses access entries only",
        &[r"--update-auth-configmap is not supported when authenticationMode is set to API"],
        "Drop --update-auth-configmap: on an API cluster eksctl authorises nodes with an access entry.",
    ),
    kind(
        "access-entries-disabled",
        "access entries were asked for on a CONFIG_MAP cluster",
        &[r"access entries API is not currently enabled"],
        "Enable them: `eksctl utils update-authentication-mode --cluster {cluster} --region {region} --authentication-mode API_AND_CONFIG_MAP`.",
    ),
    kind(
        "access-entries-need-api-mode",
        "accessEntries in a config whose authentication mode is CONFIG_MAP",
        &[
            r"authenticationMode must be set to either API_AND_CONFIG_MAP or API to use access entries",
        ],
        "Set accessConfig.authenticationMode to API_AND_CONFIG_MAP (or API), or remove accessConfig.accessEntries.",
    ),
    kind(
        "config-map-without-creator-admin",
        "self-managed nodegroups on CONFIG_MAP need the creator's admin access",
        &[
            r"cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP and bootstrapClusterCreatorAdminPermissions is false",
        ],
        "Keep accessConfig.bootstrapClusterCreatorAdminPermissions true, or use API_AND_CONFIG_MAP.",
    ),
    kind(
        "auth-mode-update-unsupported",
        "EKS only moves CONFIG_MAP to API_AND_CONFIG_MAP to API, one step at a time",
        &[r"Unsupported authentication mode update from (?P<from>\w+) to (?P<to>\w+)"],
        "Go through API_AND_CONFIG_MAP first: `eksctl utils update-authentication-mode --cluster {cluster} --authentication-mode API_AND_CONFIG_MAP`, then to {to}; `eksctl utils migrate-to-access-entry` does both.",
    ),
    kind(
        "access-entry-policy-arn",
        "an access entry's policy has no valid ARN",
        &[r"accessEntries\[\d+\]\.\S*policyARN must be set"],
        "Give every accessPolicies entry a policyARN (arn:aws:eks::aws:cluster-access-policy/...). Nodes need no hand-written entries: eksctl makes them.",
    ),
    kind(
        "access-entry-exists",
        "an access entry for that principal already exists",
        &[
            r"access entry resource is already in use",
            r"ResourceInUseException.*access entry",
        ],
        "Delete the old entry (`aws eks delete-access-entry --cluster-name {cluster} --principal-arn <arn>`) or leave it out of the config.",
    ),
];
