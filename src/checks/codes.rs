//! Every check code, defined once (as eksup's `define_codes!` does): the enum, its text,
//! its summary. The reference's table (docs/reference.md), `--help` and `EKSCTL_SHIM_SKIP` validation read it.

macro_rules! define_codes {
    ($($variant:ident = $text:literal [$scope:ident] : $summary:literal;)*) => {
        /// A finding's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }

            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }

            /// The commands whose pre-flight can report it.
            pub fn scope(self) -> Scope {
                match self {
                    $(Code::$variant => Scope::$scope,)*
                }
            }
        }
    };
}

define_codes! {
    ClusterNotFound = "cluster-not-found" [Create]: "the cluster does not exist in the region";
    ClusterNotActive = "cluster-not-active" [Create]: "the cluster is being created, deleted or has failed (warning while UPDATING)";
    ClusterExists = "cluster-exists" [Create]: "`create cluster` for a cluster that already exists";
    StackMissing = "stack-missing" [Create]: "no eksctl CloudFormation stack for the cluster";
    FailedNodegroupStack = "failed-nodegroup-stack" [Create]: "a nodegroup stack of the same name is in a failed state (eksctl would skip it and exit 0)";
    StackVpcGone = "stack-vpc-gone" [Create]: "the VPC in the stack's Outputs no longer exists";
    StackSgGone = "stack-sg-gone" [Create]: "a security group in the stack's Outputs no longer exists";
    SharedSgMissing = "shared-sg-missing" [Create]: "the stack has no SharedNodeSecurityGroup output: eksctl's compatibility check fails";
    SubnetDrift = "subnet-drift" [Create]: "subnets in the stack's Outputs were deleted outside eksctl";
    NamedSubnetGone = "named-subnet-gone" [Create]: "subnets the user named no longer exist";
    ConfigSubnetGone = "config-subnet-gone" [Create]: "subnets in the config's vpc.subnets no longer exist";
    AliasSubnetKeys = "alias-subnet-keys" [Create]: "eksctl 0.177-0.181 false alarm on `vpc.subnets` alias keys with availabilityZones (#7785)";
    StackUpdateDrift = "stack-update-drift" [Create]: "eksctl will update a stack that references deleted subnets, which fails (#7720)";
    StackUpdateRebuild = "stack-update-rebuild" [Create]: "eksctl will update the cluster stack first, and its rebuild fails as `upgrade cluster`'s would (a kind of subnet in one zone, a subnet resource for a zone the stack made none for)";
    AuthFlagOnApi = "auth-flag-on-api" [Create]: "--update-auth-configmap on an API-mode cluster fails (eksctl >= 0.167)";
    AuthApiOldEksctl = "auth-api-old-eksctl" [Create]: "eksctl <= 0.166 on an API-only cluster: self-managed nodes get aws-auth only and never join";
    AuthAccessEntry = "auth-access-entry" [Create]: "eksctl 0.167-0.175 `create cluster` access entries on CONFIG_MAP (#7695): two steps";
    OutpostsManaged = "outposts-managed" [Create]: "managed nodegroups on Outposts";
    UpgradeSubnetGone = "upgrade-subnet-gone" [Upgrade]: "eksctl <= 0.176 `upgrade cluster` fails on deleted subnets in the stack's Outputs, plan mode too";
    UpgradeTooFewZones = "upgrade-too-few-zones" [Upgrade]: "`upgrade cluster` rebuilds the stack and fails when a kind of subnet is left in one zone (after upgrading the control plane)";
    UpgradeZoneResource = "upgrade-zone-resource" [Upgrade]: "`upgrade cluster` adds a subnet resource for an Output subnet in a zone the stack made none for, and the stack update fails";
    IdentityMappingOnApi = "identity-mapping-on-api" [IdentityMapping]: "`create iamidentitymapping` on an API-only cluster writes aws-auth, which EKS ignores: it succeeds and has no effect";
    EndpointAccessReset = "endpoint-access-reset" [VpcConfig]: "`utils update-cluster-vpc-config -f` without vpc.clusterEndpoints resets the API endpoint to public-only access";
    AuthModeStep = "auth-mode-step" [AuthMode]: "`utils update-authentication-mode` to a mode EKS refuses: it moves CONFIG_MAP to API_AND_CONFIG_MAP to API, one step at a time";
    AuthModeToApi = "auth-mode-to-api" [AuthMode]: "`utils update-authentication-mode` to API: whatever is mapped only in aws-auth loses access (information the shim cannot check)";
    FargateSubnetGone = "fargate-subnet-gone" [Fargate]: "eksctl <= 0.176 `create fargateprofile` fails on deleted subnets in the stack's Outputs, which the profile never uses";
    AccessEntryExists = "access-entry-exists" [AccessEntry]: "`create accessentry` for a principal that has an entry eksctl did not make: its stack fails (409) and rolls back";
    AccessEntrySkipped = "access-entry-skipped" [AccessEntry]: "`create accessentry` for a principal whose eksctl stack failed, or whose entry was deleted outside eksctl: eksctl skips it and creates nothing";
    ControlPlaneSubnetGone = "control-plane-subnet-gone" [Upgrade]: "the control plane lists deleted subnets: EKS fails its version upgrade (SubnetNotFound)";
}

/// Codes no check reports any more, still taken by `EKSCTL_SHIM_SKIP` and `check --skip`
/// (and skipping nothing), so a job that skipped one keeps working: `auth-configmap`,
/// CONFIG_MAP's note that eksctl writes aws-auth itself (a cluster that needs nothing
/// gets no finding: issue 25).
pub const RETIRED: &[&str] = &["auth-configmap"];

/// Which intercepted commands a code belongs to (`check` runs the `Create` ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `create nodegroup`, `create cluster`, and `eksctl-shim check`.
    Create,
    /// `upgrade cluster`, `update cluster`.
    Upgrade,
    /// `create iamidentitymapping`.
    IdentityMapping,
    /// `utils update-cluster-vpc-config`.
    VpcConfig,
    /// `utils update-authentication-mode`.
    AuthMode,
    /// `create fargateprofile`.
    Fargate,
    /// `create accessentry`.
    AccessEntry,
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = String;

    /// A code by its text; the error names the code probably meant, and lists the valid
    /// ones.
    fn from_str(s: &str) -> Result<Code, String> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let valid = || Code::ALL.iter().map(|c| c.as_str());
                let meant = crate::spelling::closest(s, valid())
                    .map(|c| format!("did you mean {c}? "))
                    .unwrap_or_default();
                format!(
                    "unknown check code {s:?}; {meant}valid codes: {}",
                    valid().collect::<Vec<_>>().join(", ")
                )
            })
    }
}
