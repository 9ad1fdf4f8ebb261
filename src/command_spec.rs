//! What the shim knows of each intercepted command beyond the words the router finds it
//! by (`COMMANDS`, src/proxy/route.rs, which the small proxy binary compiles alone): the
//! codes its checks report and the checks, the flags eksctl gives it, which loader rules
//! apply, what it can put in plan mode, the facts the pre-flight reads for it, and what
//! may be rewritten. One row per command, in one exhaustive `match`: a command added to
//! `Intercepted` and forgotten here does not compile. The parser, the pre-flight, the
//! checks, `check --for`, `plan` and the docs' command table read it
//! (`tests/it/command_table.rs` holds the texts to it).

use crate::checks::codes::{Code, Scope};
use crate::checks::{self, Check};
use crate::invocation::command_flags as flags;
use crate::proxy::route::{COMMANDS, CommandRow, Intercepted};

#[derive(Debug)]
pub struct CommandSpec {
    pub command: Intercepted,
    /// What the shim checks before eksctl runs, in one line (docs/usage.md's table).
    pub summary: &'static str,
    /// The codes its checks report (the reference's check codes, `check --for`,
    /// `EKSCTL_SHIM_SKIP` completion) ...
    pub scope: Scope,
    /// ... and the checks, run in this order.
    pub checks: &'static [Check],
    /// The codes it can meet, when fewer than its scope's (`create cluster` runs create's
    /// checks, most of which look at nodegroups added to a cluster that is there).
    pub meets: Option<&'static [Code]>,
    /// The flags eksctl gives the command at the versions the lists cite.
    pub flags: Flags,
    /// It creates nodegroups, from flags or the config's `nodeGroups`/`managedNodeGroups`:
    /// create's loader rules apply (`refusals::of_create`, the config's nodegroup rules)
    /// and the nodegroup checks and rewrites read them.
    pub creates_nodegroups: bool,
    /// `--approve` decides between plan mode and a real run (eksctl's `AddApproveFlag`).
    pub plan_mode: PlanMode,
    /// It upgrades the control plane and rebuilds the cluster stack: the upgrade checks
    /// read the stack's template, and the control plane's subnets are compared after.
    pub upgrades_control_plane: bool,
    /// What the pre-flight reads of the cluster.
    pub reads: Reads,
    /// The rewrites the shim may make to it, in words (docs/usage.md); empty: none.
    pub rewrites: &'static [&'static str],
}

/// How the shim knows a command's flags: create's rows of the one flag table
/// (src/invocation/flags.rs) less the other create command's own, or a list of names in
/// it (src/invocation/command_flags.rs, each cited).
#[derive(Debug, Clone, Copy)]
pub enum Flags {
    /// The create flags of the shared table, without these (the other command's own).
    Create { without: &'static [&'static str] },
    /// These, beside eksctl's global flags.
    Listed(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanMode {
    /// No plan mode: the command runs when eksctl runs it.
    None,
    /// A plan unless `--approve` (`AddApproveFlag`, pkg/ctl/cmdutils/cmdutils.go @0.230.0).
    Approve,
    /// The same, and `--dry-run` (deprecated) is the plan flag too (`update cluster`).
    ApproveOrDryRun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads {
    /// The VPC's subnets and the stacks besides the cluster (else the cluster alone: does
    /// it exist, its mode, its version).
    pub network: bool,
    /// The cluster's access entries (EKS ListAccessEntries).
    pub access_entries: bool,
    /// When the cluster is not found, the caller's account (STS), to say which account
    /// was asked: a command that fails anyway then.
    pub account_when_missing: bool,
}

const CLUSTER_ONLY: Reads = Reads {
    network: false,
    access_entries: false,
    account_when_missing: false,
};
const NETWORK: Reads = Reads {
    network: true,
    ..CLUSTER_ONLY
};

/// The row of `command`.
pub fn spec(command: Intercepted) -> &'static CommandSpec {
    match command {
        Intercepted::CreateNodegroup => &CREATE_NODEGROUP,
        Intercepted::CreateCluster => &CREATE_CLUSTER,
        Intercepted::UpgradeCluster => &UPGRADE_CLUSTER,
        Intercepted::UpdateCluster => &UPDATE_CLUSTER,
        Intercepted::CreateIamIdentityMapping => &CREATE_IAMIDENTITYMAPPING,
        Intercepted::UpdateClusterVpcConfig => &UPDATE_CLUSTER_VPC_CONFIG,
        Intercepted::UpdateAuthenticationMode => &UPDATE_AUTHENTICATION_MODE,
        Intercepted::CreateFargateProfile => &CREATE_FARGATEPROFILE,
        Intercepted::CreateAccessEntry => &CREATE_ACCESSENTRY,
    }
}

/// Every row, in the router's order.
pub fn all() -> impl Iterator<Item = &'static CommandSpec> {
    COMMANDS.iter().map(|row| spec(row.command))
}

impl CommandSpec {
    /// The router's row: the words the command is found by.
    /// The codes its checks can report.
    pub fn codes(&self) -> impl Iterator<Item = Code> + '_ {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.scope() == self.scope && self.meets.is_none_or(|m| m.contains(c)))
    }

    pub fn words(&self) -> &'static CommandRow {
        COMMANDS
            .iter()
            .find(|row| row.command == self.command)
            .expect("every intercepted command has a row in COMMANDS (tests/it/command_table.rs)")
    }
}

static CREATE_NODEGROUP: CommandSpec = CommandSpec {
    command: Intercepted::CreateNodegroup,
    summary: "the cluster and its stack, drift in the stack's subnet Outputs judged by the \
              installed eksctl's version, the stack update eksctl makes first, auth-mode \
              traps, Outposts",
    scope: Scope::Create,
    // Not `cluster-exists` nor `auth-access-entry`: those are `create cluster`'s.
    meets: Some(&[
        Code::ClusterNotFound,
        Code::ClusterNotActive,
        Code::StackMissing,
        Code::FailedNodegroupStack,
        Code::StackVpcGone,
        Code::StackSgGone,
        Code::SharedSgMissing,
        Code::SubnetDrift,
        Code::NamedSubnetGone,
        Code::ConfigSubnetGone,
        Code::AliasSubnetKeys,
        Code::StackUpdateDrift,
        Code::StackUpdateRebuild,
        Code::AuthFlagOnApi,
        Code::AuthApiOldEksctl,
        Code::OutpostsManaged,
    ]),
    checks: checks::CREATE_CHECKS,
    flags: Flags::Create {
        without: flags::CREATE_CLUSTER_ONLY,
    },
    creates_nodegroups: true,
    plan_mode: PlanMode::None,
    upgrades_control_plane: false,
    reads: Reads {
        account_when_missing: true,
        ..NETWORK
    },
    rewrites: &[
        "pins the nodegroup to existing subnets when the stack's are deleted",
        "makes an Outposts nodegroup self-managed",
    ],
};

static CREATE_CLUSTER: CommandSpec = CommandSpec {
    command: Intercepted::CreateCluster,
    summary: "that the cluster does not exist; the eksctl 0.167-0.175 access-entry trap",
    scope: Scope::Create,
    meets: Some(&[
        Code::ClusterExists,
        Code::AuthAccessEntry,
        Code::OutpostsManaged,
    ]),
    checks: checks::CREATE_CHECKS,
    flags: Flags::Create {
        without: flags::CREATE_NODEGROUP_ONLY,
    },
    creates_nodegroups: true,
    plan_mode: PlanMode::None,
    upgrades_control_plane: false,
    reads: CLUSTER_ONLY,
    rewrites: &[
        "splits it in two: the cluster with its managed nodegroups, then the self-managed ones",
    ],
};

static UPGRADE_CLUSTER: CommandSpec = CommandSpec {
    command: Intercepted::UpgradeCluster,
    summary: "what `eksctl upgrade cluster` loads and rebuilds from the cluster stack",
    scope: Scope::Upgrade,
    meets: None,
    checks: checks::UPGRADE_CHECKS,
    flags: Flags::Listed(flags::UPGRADE_CLUSTER),
    creates_nodegroups: false,
    plan_mode: PlanMode::Approve,
    upgrades_control_plane: true,
    reads: NETWORK,
    rewrites: &[],
};

static UPDATE_CLUSTER: CommandSpec = CommandSpec {
    command: Intercepted::UpdateCluster,
    summary: "as `upgrade cluster`, of which it is eksctl's deprecated alias",
    flags: Flags::Listed(flags::UPDATE_CLUSTER),
    plan_mode: PlanMode::ApproveOrDryRun,
    ..UPGRADE_CLUSTER
};

static CREATE_IAMIDENTITYMAPPING: CommandSpec = CommandSpec {
    command: Intercepted::CreateIamIdentityMapping,
    summary: "the cluster's authentication mode (on `API` aws-auth is ignored)",
    scope: Scope::IdentityMapping,
    meets: None,
    checks: checks::IDENTITY_MAPPING_CHECKS,
    flags: Flags::Listed(flags::CREATE_IAMIDENTITYMAPPING),
    creates_nodegroups: false,
    plan_mode: PlanMode::None,
    upgrades_control_plane: false,
    reads: CLUSTER_ONLY,
    rewrites: &[],
};

static UPDATE_CLUSTER_VPC_CONFIG: CommandSpec = CommandSpec {
    command: Intercepted::UpdateClusterVpcConfig,
    summary: "endpoint access a config file resets to eksctl's defaults; subnets the stack \
              still lists after the control plane moves off them",
    scope: Scope::VpcConfig,
    meets: None,
    checks: checks::VPC_CONFIG_CHECKS,
    flags: Flags::Listed(flags::UPDATE_CLUSTER_VPC_CONFIG),
    creates_nodegroups: false,
    plan_mode: PlanMode::Approve,
    upgrades_control_plane: false,
    // The after-run note reads the stack's Outputs.
    reads: NETWORK,
    rewrites: &[],
};

static UPDATE_AUTHENTICATION_MODE: CommandSpec = CommandSpec {
    command: Intercepted::UpdateAuthenticationMode,
    summary: "the mode asked against the cluster's: EKS takes one step forward only",
    scope: Scope::AuthMode,
    meets: None,
    checks: checks::AUTH_MODE_CHECKS,
    flags: Flags::Listed(flags::UPDATE_AUTHENTICATION_MODE),
    creates_nodegroups: false,
    plan_mode: PlanMode::None,
    upgrades_control_plane: false,
    reads: CLUSTER_ONLY,
    rewrites: &[],
};

static CREATE_FARGATEPROFILE: CommandSpec = CommandSpec {
    command: Intercepted::CreateFargateProfile,
    summary: "deleted subnets in the stack's Outputs, which eksctl <= 0.176 fails on",
    scope: Scope::Fargate,
    meets: None,
    checks: checks::FARGATE_CHECKS,
    flags: Flags::Listed(flags::CREATE_FARGATEPROFILE),
    creates_nodegroups: false,
    plan_mode: PlanMode::None,
    upgrades_control_plane: false,
    reads: NETWORK,
    rewrites: &[],
};

static CREATE_ACCESSENTRY: CommandSpec = CommandSpec {
    command: Intercepted::CreateAccessEntry,
    summary: "the cluster's access entries and eksctl's access entry stacks",
    scope: Scope::AccessEntry,
    meets: None,
    checks: checks::ACCESS_ENTRY_CHECKS,
    flags: Flags::Listed(flags::CREATE_ACCESSENTRY),
    creates_nodegroups: false,
    plan_mode: PlanMode::None,
    upgrades_control_plane: false,
    reads: Reads {
        access_entries: true,
        ..CLUSTER_ONLY
    },
    rewrites: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_its_own_command_and_every_router_row_has_one() {
        for row in COMMANDS {
            assert_eq!(spec(row.command).command, row.command);
            assert_eq!(spec(row.command).words().command, row.command);
        }
    }

    #[test]
    fn the_codes_a_command_meets_are_of_its_scope() {
        for spec in all() {
            for code in spec.meets.unwrap_or_default() {
                assert_eq!(code.scope(), spec.scope, "{code} of {:?}", spec.command);
            }
        }
    }

    #[test]
    fn every_code_is_met_by_a_command() {
        for code in Code::ALL {
            assert!(
                all().any(|s| s.codes().any(|c| c == *code)),
                "{code}: no command meets it"
            );
        }
    }

    #[test]
    fn the_create_rules_are_those_of_the_two_create_commands() {
        let creating: Vec<_> = all()
            .filter(|s| s.creates_nodegroups)
            .map(|s| s.words().words())
            .collect();
        assert_eq!(creating, ["create nodegroup", "create cluster"]);
    }
}
