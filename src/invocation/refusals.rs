//! Refusals of `create nodegroup` / `create cluster` beyond the flag sets beside `-f`:
//! what eksctl's loaders reject before doing any work, read at 0.170.0 and 0.230.0
//! (pkg/ctl/cmdutils/configfile.go, pkg/apis/eksctl.io/v1alpha5/validation.go). A command
//! eksctl refuses is handed on unchanged, so a rule here can only make the shim do less.

use super::argv::FlagUse;
use super::command_flags::refused_with_dry_run;
use super::flags::{self, MANAGED_ONLY};
use crate::proxy::route::Intercepted;

/// What the create command's loader sees.
pub struct CreateCall<'a> {
    pub command: Intercepted,
    pub flags: &'a [FlagUse],
    pub with_config_file: bool,
    pub managed: bool,
    pub dry_run: bool,
}

/// The reasons eksctl refuses the call, in eksctl's words.
pub fn of_create(call: &CreateCall) -> Vec<String> {
    let mut out = vec![];
    let given = |name: &str| call.flags.iter().any(|f| f.name == name);
    let first =
        |pred: &dyn Fn(&str) -> bool| call.flags.iter().map(|f| f.name.as_str()).find(|n| pred(n));
    // validateDryRunOptions, with and without -f (configfile.go @0.230.0:478).
    if call.dry_run {
        if let Some(name) = first(&|n| refused_with_dry_run(call.command, n)) {
            out.push(format!(
                "cannot use --{name} with --dry-run as this option cannot be represented in ClusterConfig"
            ));
        }
    }
    if call.with_config_file {
        return out;
    }
    // validateManagedNGFlags (both creates) and validateUnmanagedNGFlags (create
    // nodegroup), flags only: configfile.go @0.230.0:648-668, @0.170.0:471, 558.
    if !call.managed {
        if let Some(name) = first(&|n| flags::get(n).is_some_and(|f| f.has(MANAGED_ONLY))) {
            out.push(format!(
                "--{name} is only valid with managed nodegroups (--managed)"
            ));
        }
    } else if call.command == Intercepted::CreateNodegroup && given("version") {
        out.push("--version is only valid with unmanaged nodegroups".into());
    }
    let list = |name: &str| super::list_values(call.flags, name);
    match call.command {
        // validateZonesAndNodeZones (configfile.go @0.230.0:461-476).
        Intercepted::CreateCluster if given("node-zones") => {
            let zones = list("zones");
            if zones.is_empty() {
                out.push("zones must be defined if node-zones is provided and must be a superset of node-zones".into());
            } else if let Some(z) = list("node-zones").iter().find(|z| !zones.contains(z)) {
                out.push(format!(
                    "node-zones must be a subset of zones; {z:?} was not found in zones"
                ));
            }
        }
        // ValidateNodeGroup: "only one of subnets or availabilityZones" (validation.go
        // @0.230.0:795, @0.170.0:604); the flags fill both fields.
        Intercepted::CreateNodegroup if given("subnet-ids") && given("node-zones") => {
            out.push(
                "only one of nodeGroups[0].subnets or nodeGroups[0].availabilityZones should be set"
                    .into(),
            );
        }
        _ => {}
    }
    out
}
