//! `sync-outputs` on a stack whose subnet resources are not named `Subnet<Kind><AZ>`:
//! eksctl's IPv6 builder names them `PrivateSubnet<AZ>` (pkg/cfn/builder/vpc_ipv6.go:
//! 55-70,183-208@0.180.0). The zone-resource rule recognises them: the Output is synced,
//! not emptied of every subnet and blocked as "gone".

use crate::common::moto::Moto;
use crate::common::*;
use crate::sync_outputs::{APPROVE, PLAN, STACK, shim};
use serde_json::json;

#[test]
fn an_ipv6_stack_s_subnet_resources_are_recognised() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({
        "cluster": "prod", "join_outputs": true, "ipv6": true,
        "delete": ["stack-private-a"],
        "control_plane": ["stack-private-b", "new-private-a", "stack-public-a", "stack-public-b"],
    }));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    let new = format!("{},{}", id("stack-private-b"), id("new-private-a"));
    shim(&sb, &moto, PLAN)
        .exits(0)
        .never_says("is left as it is")
        .never_prints("left out of")
        .prints(&format!("new: {new}"));
    shim(&sb, &moto, APPROVE).exits(0);
    assert_eq!(moto.outputs(STACK)["SubnetsPrivate"], new.as_str());
}
