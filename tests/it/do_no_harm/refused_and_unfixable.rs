//! Commands eksctl refuses, or that no rewrite can fix, are handed on as given; what the
//! shim reports about them (helpers of `mod.rs`).

use super::*;

#[test]
fn public_nodegroups_are_not_pinned_to_subnets_eksctl_refuses() {
    // The public subnets are gone and the control plane has none: nothing fits.
    let c = Case::new(
        json!({"cluster": "prod", "moved": true, "delete": ["public-a", "public-b"]}),
        "0.200.0",
    );
    let args = ["create", "nodegroup", "--cluster", "prod", "--name", "pub"];
    let ran = c.run(&args);
    assert_eq!(argv(&c.sb.main_call()), args);
    ran.says("No existing public subnet");
}

#[test]
fn the_7720_stack_update_is_an_error_strict_mode_refuses() {
    let c = Case::new(json!({"cluster": "prod", "moved": true, "delete": ALL_PRIVATE_GONE, "cluster_sg_output": false}), "0.200.0")
        .env("EKSCTL_SHIM_MODE", "strict");
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "-P",
        "--name",
        "ng-1",
    ];
    let ran = c.run(&args);
    ran.exits(3);
    assert!(c.sb.last_call().is_none(), "eksctl was not run");
    ran.says("[stack-update-drift]").says("--region us-west-2");
}

#[test]
fn alias_keys_are_pinned_on_0_180_only_for_nodegroups_with_zones() {
    let c = Case::new(json!({"cluster": "prod"}), "0.180.0");
    let cfg = |zones: &str| {
        format!(
            "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {{name: prod, region: us-west-2}}\nvpc:\n  id: {}\n  subnets:\n    private:\n      1: {{id: {}}}\n      2: {{id: {}}}\nmanagedNodeGroups:\n- name: ng-1\n  privateNetworking: true\n{zones}",
            c.id("vpc"),
            c.id("private-a"),
            c.id("private-b")
        )
    };
    c.file("zoned.yaml", &cfg("  availabilityZones: [us-west-2a]\n"));
    let call = c.succeeded(&c.run(&["create", "nodegroup", "-f", "zoned.yaml"]));
    assert_eq!(created(&call)[0].1, [c.id("private-a")]);

    let c2 = Case::new(json!({"cluster": "prod"}), "0.180.0");
    let text = cfg("")
        .replace(&c.id("vpc"), &c2.id("vpc"))
        .replace(&c.id("private-a"), &c2.id("private-a"))
        .replace(&c.id("private-b"), &c2.id("private-b"));
    c2.file("plain.yaml", &text);
    let call = c2.succeeded(&c2.run(&["create", "nodegroup", "-f", "plain.yaml"]));
    assert_eq!(
        argv(&call),
        ["create", "nodegroup", "-f", "plain.yaml"],
        "no false alarm without zones"
    );
}

#[test]
fn config_map_nodegroups_run_as_given() {
    let c = Case::new(
        json!({"cluster": "cm", "auth_mode": "CONFIG_MAP"}),
        "0.230.0",
    );
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "cm",
        "--managed=false",
        "--name",
        "ng-1",
    ];
    let call = c.succeeded(&c.run(&args));
    assert_eq!(argv(&call), args);
}

/// Cluster `op` on Outposts (managed nodegroups unsupported), eksctl 0.230.0.
pub(super) fn outposts_cluster() -> Case {
    Case::new(
        json!({"cluster": "op", "outposts": true, "auth_mode": "CONFIG_MAP"}),
        "0.230.0",
    )
}

#[test]
fn managed_only_flags_on_outposts_are_not_rewritten() {
    let c = outposts_cluster();
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "op",
        "--spot",
        "--name",
        "ng-1",
    ];
    let ran = c.run(&args);
    assert_eq!(argv(&c.sb.main_call()), args);
    ran.says("[outposts-managed]");
}

#[test]
fn a_command_eksctl_refuses_is_never_rewritten() {
    let c = Case::new(drifted(), "0.200.0");
    // `--nodes` with no value: appending `--subnet-ids=...` would become its value.
    let args = ["create", "nodegroup", "--cluster", "prod", "-P", "--nodes"];
    let ran = c.run(&args);
    assert_eq!(argv(&c.sb.main_call()), args);
    ran.says("flag needs an argument: --nodes");
    assert_eq!(c.sb.main_call()["outcome"], "refused");
}

#[test]
fn deleted_subnets_in_the_configs_vpc_subnets_are_reported() {
    let c = Case::new(
        json!({"cluster": "prod", "delete": ["private-a"]}),
        "0.200.0",
    );
    c.file("ng.yaml", &format!("apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {{name: prod, region: us-west-2}}\nvpc:\n  subnets:\n    private:\n      us-west-2a: {{id: {}}}\nmanagedNodeGroups:\n- {{name: ng-1, privateNetworking: true}}\n", c.id("private-a")));
    c.run(&["create", "nodegroup", "-f", "ng.yaml"])
        .says("[config-subnet-gone]");
}

/// `create cluster -f` refuses the cluster's own network flags (`--zones`, ...): the
/// split of a CONFIG_MAP creation must not happen, so eksctl refuses the argv as given.
#[test]
fn create_cluster_with_a_flag_eksctl_refuses_beside_f_is_not_split() {
    let (c, ran) = create_config_map_cluster(&["--zones", "us-west-2a,us-west-2b"]);
    assert_eq!(c.sb.eksctl_calls().len(), 1, "one eksctl run");
    let call = c.sb.main_call();
    assert_eq!(
        argv(&call),
        [
            "create",
            "cluster",
            "-f",
            "cluster.yaml",
            "--zones",
            "us-west-2a,us-west-2b"
        ]
    );
    assert_eq!(call["outcome"], "refused");
    ran.says("cannot use --zones when --config-file/-f is set");
}

/// `--version` is refused on a managed nodegroup; `--managed=false` (the Outposts fix)
/// would turn the refused command into one that creates a nodegroup.
#[test]
fn a_refused_version_flag_on_outposts_is_not_made_valid() {
    let c = outposts_cluster();
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "op",
        "--version",
        "1.30",
        "--name",
        "ng-1",
    ];
    let ran = c.run(&args);
    let call = c.sb.main_call();
    assert_eq!(argv(&call), args);
    assert_eq!(call["outcome"], "refused");
    ran.says("--version is only valid with unmanaged nodegroups");
}

/// `--subnet-ids` with `--node-zones` is refused (only one of subnets or zones); the
/// subnet pin (which drops `--node-zones`) must not make it valid.
#[test]
fn subnet_ids_beside_node_zones_are_handed_on_unchanged() {
    let c = Case::new(drifted(), "0.200.0");
    let gone = c.id("private-a");
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "-P",
        "--subnet-ids",
        &gone,
        "--node-zones",
        "us-west-2a",
    ];
    c.run(&args);
    let call = c.sb.main_call();
    assert_eq!(argv(&call), args);
    assert_eq!(call["outcome"], "refused");
}
