//! `upgrade-too-few-zones` counts the subnets of `Subnets*Extended` (a VPC extended for
//! Outposts nodegroups) as eksctl does: each is a key of its own in the kind's map
//! (pkg/vpc/vpc.go:323-328@0.176.0), and `HasSufficientSubnets` counts keys.

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

#[test]
fn one_zone_plus_an_extended_subnet_is_enough_as_eksctl_counts_it() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({
        "cluster": "prod", "version": "1.29",
        "subnets": {"outpost-private": {"zone": "c", "route_table": "private"}},
        "extra_outputs": {"SubnetsPrivateExtended": ["outpost-private"]},
        "control_plane": ["private-a", "outpost-private", "public-a", "public-b"],
        "delete": ["private-b"],
    }));
    let args = ["upgrade", "cluster", "--name", "prod", "--approve"];
    sb.eksctl_run(&args)
        .version("0.200.0")
        .aws(&moto)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .never_says("[upgrade-too-few-zones]")
        .exits(0);
    let call = sb.last_call().unwrap();
    assert_eq!(call["outcome"], "ok", "{call}");
}
