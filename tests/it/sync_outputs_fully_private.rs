//! `sync-outputs` on a fully-private cluster in a VPC the stack did not make: eksctl's
//! stack rebuild needs an explicit, non-main route table for every private Output subnet
//! (pkg/cfn/builder/vpc_existing.go:109-115,136-194@0.180.0), so a control plane subnet on
//! the main route table is left out, and `upgrade cluster` then succeeds.

use crate::common::moto::Moto;
use crate::common::*;
use crate::sync_outputs::{APPROVE, PLAN, STACK, eksctl, shim};
use serde_json::json;

#[test]
fn a_private_subnet_on_the_main_route_table_is_left_out_and_upgrade_then_succeeds() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({
        "cluster": "prod", "fully_private": true, "version": "1.29",
        "subnets": {"private-c": {"zone": "c", "route_table": "main"}},
        "control_plane": ["private-a", "new-private-b", "private-c", "public-a", "public-b"],
        "delete": ["private-b"],
    }));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();

    shim(&sb, &moto, PLAN).exits(0).prints(&format!(
        "{c} left out of SubnetsPrivate: the cluster is fully private in a VPC the stack did not make, and {c} has no explicit route table of its own",
        c = id("private-c")
    ));
    shim(&sb, &moto, APPROVE).exits(0);
    assert_eq!(
        moto.outputs(STACK)["SubnetsPrivate"],
        format!("{},{}", id("private-a"), id("new-private-b")).as_str()
    );

    let upgrade = ["upgrade", "cluster", "--name", "prod", "--approve"];
    eksctl(&sb, &moto, "0.200.0", &upgrade).exits(0);
    let call = sb.calls().into_iter().next_back().unwrap();
    assert_eq!(call["outcome"], "ok", "{call}");
}
