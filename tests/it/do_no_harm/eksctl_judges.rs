//! eksctl judges every rewrite (issue 22; shared/eksctl-audit-v2.md H1, H3, H5, H4): the
//! shim changes a command only after eksctl's own `--dry-run` (here the model's, which
//! validates and reads AWS as eksctl does) accepted the command as written, and the
//! rewritten one where it can be asked. Each test is a config or command line eksctl
//! refuses, or an eksctl that cannot be asked, and checks that the user's command reached
//! eksctl unchanged and created nothing.

use super::*;

/// A new CONFIG_MAP cluster at eksctl 0.170 with both kinds of nodegroup: the shim would
/// split it. `nodegroups` and `extra` are spliced into the config.
fn config_map_cluster(top: &str, nodegroups: &str) -> String {
    format!(
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: fresh\n  region: us-west-2\naccessConfig:\n  authenticationMode: CONFIG_MAP\n{top}{nodegroups}"
    )
}

const MIXED: &str = "nodeGroups:\n  - name: ng-1\n    instanceType: m5.large\nmanagedNodeGroups:\n  - name: mng-1\n";

/// Configs eksctl 0.170 refuses before creating anything, which the split used to turn
/// into a cluster made by step 1 and a failed step 2 (audit v2 H1).
fn refused_cluster_configs() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "a self-managed nodegroup name eksctl refuses",
            config_map_cluster("", "nodeGroups:\n  - name: ng_1\n    instanceType: m5.large\nmanagedNodeGroups:\n  - name: mng-1\n"),
            "ng_1",
        ),
        (
            "a custom AMI without overrideBootstrapCommand",
            config_map_cluster("", "nodeGroups:\n  - name: ng-1\n    ami: ami-0123456789abcdef0\n    amiFamily: AmazonLinux2\nmanagedNodeGroups:\n  - name: mng-1\n"),
            "overrideBootstrapCommand is required",
        ),
        (
            "one name for a self-managed and a managed nodegroup",
            config_map_cluster("", "nodeGroups:\n  - name: workers\nmanagedNodeGroups:\n  - name: workers\n"),
            "is not unique",
        ),
        (
            "bootstrapClusterCreatorAdminPermissions false",
            config_map_cluster("", MIXED).replace(
                "authenticationMode: CONFIG_MAP\n",
                "authenticationMode: CONFIG_MAP\n  bootstrapClusterCreatorAdminPermissions: false\n",
            ),
            "cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP",
        ),
        (
            "a fully-private cluster with a public nodegroup",
            config_map_cluster("privateCluster:\n  enabled: true\n", MIXED),
            "privateNetworking must be enabled for a fully-private cluster",
        ),
        (
            "Outposts with a VPC eksctl would create",
            config_map_cluster(
                "outpost:\n  controlPlaneOutpostARN: arn:aws:outposts:us-west-2:123456789012:outpost/op-0123456789abcdef0\n",
                "nodeGroups:\n  - name: ng-1\n",
            ),
            "cannot create nodegroups on Outposts when the VPC is created by eksctl",
        ),
    ]
}

#[test]
fn a_create_cluster_eksctl_refuses_is_never_split() {
    for (what, config, refusal) in refused_cluster_configs() {
        let c = Case::new(json!({"cluster": "other"}), "0.170.0");
        c.file("cluster.yaml", &config);
        let args = ["create", "cluster", "-f", "cluster.yaml"];
        let ran = c.run(&args);
        let calls = c.sb.eksctl_calls();
        assert_eq!(calls.len(), 1, "{what}: one run, as given: {calls:#?}");
        assert_eq!(argv(&calls[0]), args, "{what}");
        assert_eq!(
            calls[0]["outcome"], "refused",
            "{what}: {}",
            calls[0]["error"]
        );
        assert!(
            calls[0]["created"]["clusters"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{what}: nothing created"
        );
        let asked = c.sb.judging_calls();
        assert_eq!(
            argv(&asked[0]),
            ["create", "cluster", "-f", "cluster.yaml", "--dry-run"],
            "{what}"
        );
        ran.exits(1)
            .says("[auth-access-entry]")
            .says("not changed: eksctl --dry-run refuses the command as written")
            .says(refusal)
            .never_says("fixed   [");
    }
}

#[test]
fn a_create_cluster_eksctl_accepts_is_split_after_it_said_so() {
    let c = Case::new(json!({"cluster": "other"}), "0.170.0");
    c.file("cluster.yaml", &config_map_cluster("", MIXED));
    c.file(
        "aws-config",
        "[profile dev]\nregion = us-west-2\naws_access_key_id = testing\naws_secret_access_key = testing\n",
    );
    let config = c.sb.path("aws-config");
    let ran = c
        .eksctl(&[
            "create",
            "cluster",
            "-f",
            "cluster.yaml",
            "--profile",
            "dev",
        ])
        .env("AWS_CONFIG_FILE", &config)
        .go();
    ran.exits(0)
        .says("eksctl --dry-run accepts the command as written");
    let asked = c.sb.judging_calls();
    assert_eq!(asked.len(), 1, "the split's second step cannot be asked");
    assert_eq!(
        argv(&asked[0]),
        ["create", "cluster", "-f", "cluster.yaml", "--dry-run"],
        "--profile is refused beside --dry-run"
    );
    assert_eq!(
        asked[0]["env"]["AWS_PROFILE"], "dev",
        "the profile, as eksctl reads it"
    );
    assert_eq!(asked[0]["outcome"], "ok");
    assert_eq!(c.sb.eksctl_calls().len(), 2, "split in two");
}

/// eksctl 0.180, every private subnet of the stack deleted: nodegroups without subnets
/// of their own would be pinned.
fn drifted_0_180() -> Case {
    Case::new(drifted(), "0.180.0")
}

#[test]
fn an_efa_nodegroup_over_two_zones_is_never_pinned_into_one() {
    let c = drifted_0_180();
    c.file("efa.yaml", "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nmanagedNodeGroups:\n  - {name: efa-1, privateNetworking: true, efaEnabled: true, instanceType: c5n.18xlarge, availabilityZones: [us-west-2a, us-west-2b]}\n  - {name: ng-ok, privateNetworking: true}\n");
    for args in [
        vec!["create", "nodegroup", "-f", "efa.yaml"],
        // Excluded, it is still validated by eksctl: the other one must not be created.
        vec![
            "create",
            "nodegroup",
            "-f",
            "efa.yaml",
            "--exclude",
            "efa-1",
        ],
    ] {
        let before = c.sb.eksctl_calls().len();
        let ran = c.run(&args);
        let calls = c.sb.eksctl_calls();
        let call = &calls[before];
        assert_eq!(argv(call), args);
        assert_eq!(call["outcome"], "refused", "{}", call["error"]);
        assert!(call["created"]["nodegroups"].as_array().unwrap().is_empty());
        ran.never_says("fixed   [");
    }
}

#[test]
fn a_pin_runs_once_eksctl_accepted_the_command_as_written_and_as_rewritten() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("ng.yaml", PRIVATE_NG);
    let call = c.succeeded(&c.run(&["create", "nodegroup", "-f", "ng.yaml"]));
    assert_eq!(
        created(&call)[0].1,
        [c.id("new-private-a"), c.id("new-private-b")]
    );
    // Both questions are asked at once: in either order.
    let mut asked = c.sb.judging_calls();
    asked.sort_by_key(|a| argv(a).contains(&"-".to_string()));
    assert_eq!(asked.len(), 2);
    assert_eq!(
        argv(&asked[0]),
        ["create", "nodegroup", "-f", "ng.yaml", "--dry-run"]
    );
    assert_ne!(asked[0]["outcome"], "ok", "the drift, after validation");
    assert!(
        asked[0]["error"]
            .as_str()
            .unwrap()
            .contains("that the cluster was originally created on, have been deleted"),
        "{}",
        asked[0]["error"]
    );
    assert_eq!(
        argv(&asked[1]),
        ["create", "nodegroup", "--config-file", "-", "--dry-run"]
    );
    assert_eq!(asked[1]["outcome"], "ok", "{}", asked[1]["error"]);
}

#[test]
fn an_eksctl_that_cannot_be_asked_changes_nothing_and_strict_refuses() {
    for (how, timeout) in [("crash", "10"), ("hang", "1.5")] {
        let c = Case::new(drifted(), "0.200.0")
            .env("EKSCTL_MODEL_JUDGING", how)
            .env("EKSCTL_SHIM_TIMEOUT", timeout);
        c.file("ng.yaml", PRIVATE_NG);
        let args = ["create", "nodegroup", "-f", "ng.yaml"];
        let ran = c.eksctl(&args).go_within(Duration::from_secs(60));
        ran.exits(1)
            .says("not changed: eksctl could not judge the change")
            .says("the change, to make by hand if it fits:")
            .never_says("fixed   [");
        let call = c.sb.main_call();
        assert_eq!(argv(&call), args, "{how}");
        assert!(
            call["error"]
                .as_str()
                .unwrap_or_default()
                .contains("have been deleted"),
            "{how}: fails as the finding said: {}",
            call["error"]
        );

        let strict = Case::new(drifted(), "0.200.0")
            .env("EKSCTL_MODEL_JUDGING", how)
            .env("EKSCTL_SHIM_TIMEOUT", timeout)
            .env("EKSCTL_SHIM_MODE", "strict");
        strict.file("ng.yaml", PRIVATE_NG);
        strict
            .eksctl(&args)
            .go_within(Duration::from_secs(60))
            .exits(3)
            .says("refusing to run eksctl");
        assert!(strict.sb.last_call().is_none(), "{how}: eksctl was not run");
    }
}

#[test]
fn an_explicit_managed_on_outposts_is_never_turned_into_a_self_managed_nodegroup() {
    let c = super::refused_and_unfixable::outposts_cluster();
    for flag in ["--managed", "--managed=true"] {
        let args = [
            "create",
            "nodegroup",
            "--cluster",
            "op",
            flag,
            "--name",
            "ng-1",
        ];
        let before = c.sb.eksctl_calls().len();
        c.run(&args)
            .says("[outposts-managed]")
            .never_says("fixed   [");
        let call = &c.sb.eksctl_calls()[before];
        assert_eq!(argv(call), args);
        assert_eq!(call["outcome"], "refused");
    }
    // Without the flag eksctl's default is managed: the shim adds --managed=false once
    // eksctl said that is what stops it.
    let ran = c.run(&["create", "nodegroup", "--cluster", "op", "--name", "ng-2"]);
    ran.exits(0).says("fixed   [outposts-managed]");
    assert!(argv(&c.sb.eksctl_calls().pop().unwrap()).contains(&"--managed=false".to_string()));
}

#[test]
fn the_repair_never_changes_the_stack_for_a_command_that_changes_nothing() {
    let c = Case::new(
        json!({"cluster": "prod", "join_outputs": true, "new_zone_c": true, "version": "1.28",
               "delete": ["stack-private-a"],
               "control_plane": ["stack-private-b", "new-private-a", "new-private-c", "stack-public-a", "stack-public-b"]}),
        "0.176.0",
    )
    .env("EKSCTL_SHIM_REPAIR", "outputs");
    let before = c.moto.outputs("eksctl-prod-cluster");
    c.run(&["upgrade", "cluster", "--name", "prod"])
        .says("this command changes nothing, so the stack is left as it is")
        .says("eksctl-shim sync-outputs --cluster prod --region us-west-2 --approve")
        .never_says("repairing the stack's subnet Outputs first");
    assert_eq!(c.moto.outputs("eksctl-prod-cluster"), before);
}

/// `eksctl-shim plan --output json -- create nodegroup -f ng.yaml` in this case, read.
fn plan_json(c: &Case) -> Value {
    let ran = c
        .prepare(c.sb.shim_run([
            "plan",
            "--output",
            "json",
            "--",
            "create",
            "nodegroup",
            "-f",
            "ng.yaml",
        ]))
        .go();
    serde_json::from_str(&ran.stdout()).unwrap()
}

#[test]
fn plan_shows_what_eksctl_said_and_how_long_it_took() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("ng.yaml", PRIVATE_NG);
    let doc = plan_json(&c);
    assert_eq!(doc["gate"]["verdict"], "accepted", "{doc:#}");
    assert!(doc["gate"]["took_ms"].as_u64().is_some());
    assert_eq!(doc["gate"]["asked"].as_array().unwrap().len(), 2);
    assert_eq!(doc["decision"], "run");
    // A clean cluster asks nothing.
    let clean = Case::new(json!({"cluster": "prod"}), "0.200.0");
    clean.file("ng.yaml", PRIVATE_NG);
    let doc = plan_json(&clean);
    assert_eq!(doc["gate"], Value::Null);
    assert!(clean.sb.judging_calls().is_empty());
}
