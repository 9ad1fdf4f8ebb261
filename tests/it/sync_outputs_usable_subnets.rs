//! `sync-outputs` (and the repair that runs it) adds a control plane subnet to an Output
//! only where every later `create nodegroup` of that kind can use it, as the eksctl model
//! judges it: a public one must map public IPs on launch unless the endpoint has private
//! access (`ValidateLegacySubnetsForNodeGroups`, pkg/vpc/vpc.go:609-620@0.200.0).

use crate::common::moto::Moto;
use crate::common::*;
use crate::sync_outputs::{APPROVE, PLAN, STACK, eksctl, shim};
use serde_json::{Value, json};

/// The audit's H2: the control plane moved to public-a and a new public subnet in zone
/// c (routed to the internet gateway, MapPublicIpOnLaunch off, the console's default);
/// then public-b was deleted.
fn moved_to_a_legacy_public_subnet(moto: &Moto, extra: Value) -> Value {
    let mut spec = json!({
        "cluster": "prod",
        "subnets": {"public-c": {"zone": "c", "route_table": "public"}},
        "control_plane": ["private-a", "private-b", "public-a", "public-c"],
        "delete": ["public-b"],
    });
    spec.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    moto.world(spec)
}

const CREATE_PUBLIC_NG: &[&str] = &["create", "ng", "--cluster", "prod", "-n", "ng-1"];

#[test]
fn a_public_subnet_without_public_ips_is_left_out_and_public_nodegroups_still_work() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moved_to_a_legacy_public_subnet(&moto, json!({}));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    eksctl(&sb, &moto, "0.200.0", CREATE_PUBLIC_NG).exits(0);

    shim(&sb, &moto, PLAN).prints(&format!(
        "{} left out of SubnetsPublic: it does not map public IPs on launch",
        id("public-c")
    ));
    shim(&sb, &moto, APPROVE).exits(0);
    assert_eq!(
        moto.outputs(STACK)["SubnetsPublic"],
        id("public-a").as_str()
    );

    let again = ["create", "ng", "--cluster", "prod", "-n", "ng-2"];
    eksctl(&sb, &moto, "0.200.0", &again).exits(0);
    assert_eq!(sb.calls().last().unwrap()["outcome"], "ok");
}

/// With private endpoint access eksctl only warns about such a subnet: it is added.
#[test]
fn with_private_endpoint_access_it_is_added_as_eksctl_only_warns() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moved_to_a_legacy_public_subnet(&moto, json!({"endpoint_private_access": true}));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    shim(&sb, &moto, APPROVE).exits(0);
    assert_eq!(
        moto.outputs(STACK)["SubnetsPublic"],
        format!("{},{}", id("public-a"), id("public-c")).as_str()
    );
    eksctl(&sb, &moto, "0.200.0", CREATE_PUBLIC_NG)
        .exits(0)
        .prints("\"MapPublicIpOnLaunch\" disabled");
}

/// The repair runs the same plan: eksctl 0.170 fails on the deleted subnet, the repair
/// takes it out and leaves public-c out, and the public nodegroup is then created.
#[test]
fn the_repair_leaves_it_out_too() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moved_to_a_legacy_public_subnet(&moto, json!({}));
    sb.eksctl_run(CREATE_PUBLIC_NG)
        .version("0.170.0")
        .aws(&moto)
        .env("EKSCTL_SHIM_REPAIR", "outputs")
        .go()
        .exits(0)
        .says("left out of SubnetsPublic");
    assert_eq!(
        moto.outputs(STACK)["SubnetsPublic"],
        ids["public-a"].as_str().unwrap()
    );
    assert_eq!(sb.main_call()["outcome"], "ok");
}
