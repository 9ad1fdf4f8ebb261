//! The advice for deleted subnets that eksctl <= 0.176 looks up (`upgrade-subnet-gone`,
//! `fargate-subnet-gone`): `sync-outputs` only for the Outputs it edits (SubnetsPrivate,
//! SubnetsPublic); a deleted subnet of a local zone Output (or of legacy `Subnets`) is
//! named with its Output, and the way out is eksctl 0.177+ or a hand edit
//! (pkg/vpc/vpc.go:317-322,341-346@0.176.0 looks those up too).

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

#[test]
fn a_deleted_local_zone_subnet_is_named_with_its_output_and_sync_outputs_is_not_advised() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({
        "cluster": "prod", "local_zone_outputs": true, "delete": ["local-private"],
    }));
    let named = format!(
        "SubnetsLocalZonePrivate ({})",
        ids["local-private"].as_str().unwrap()
    );
    let upgrade = ["upgrade", "cluster", "--name", "prod"];
    let fargate = [
        "create",
        "fargateprofile",
        "--cluster",
        "prod",
        "--name",
        "fp",
        "--namespace",
        "apps",
    ];
    for (args, code) in [
        (&upgrade[..], "[upgrade-subnet-gone]"),
        (&fargate[..], "[fargate-subnet-gone]"),
    ] {
        let ran = sb.eksctl_run(args).version("0.176.0").aws(&moto).go();
        ran.says(code)
            .says("Use eksctl 0.177 or later, which skips deleted subnets")
            .says(&named)
            .says("sync-outputs does not do")
            .exits(1)
            .says("InvalidSubnetID.NotFound");
        // The finding, said before eksctl ran, advises no sync-outputs.
        let finding = ran.stderr().split("\nError: ").next().unwrap().to_string();
        assert!(!finding.contains("`eksctl-shim sync-outputs"), "{finding}");
    }
    // What the advice was before: sync-outputs, which has nothing to change here.
    sb.shim_run(&["sync-outputs", "--cluster", "prod"])
        .aws(&moto)
        .go()
        .prints("nothing to change");
}
