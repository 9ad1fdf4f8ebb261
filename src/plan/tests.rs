use super::*;
use crate::config;

fn inv(kind: Intercepted, line: &[&str]) -> Invocation {
    Invocation::parse(kind, line.iter().map(OsString::from).collect())
}
fn ng(line: &[&str]) -> Invocation {
    inv(Intercepted::CreateNodegroup, line)
}
fn change() -> Change {
    Change {
        what: "w".into(),
        why: "y".into(),
    }
}
fn strs(args: &[OsString]) -> Vec<String> {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}
const CFG: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: eu-west-1}\n\
nodeGroups:\n- name: ng-1\n  availabilityZones: [eu-west-1a]\n  instanceType: m5.large\nmanagedNodeGroups:\n- name: mng-1\n";

fn cfg() -> config::LoadedConfig {
    config::parse(Some("cluster.yaml".into()), CFG.as_bytes().to_vec()).unwrap()
}

#[test]
fn no_edit_gives_back_the_same_argv() {
    let i = ng(&["-v", "4", "create", "ng", "-Pdc", "prod", "--", "x"]);
    let plan = Planner::new(&i, None).finish();
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.steps[0].args, i.args);
    assert!(plan.steps[0].config.is_none() && plan.is_unchanged());
}

#[test]
fn a_flag_is_appended_before_the_terminator() {
    let i = ng(&["create", "ng", "-c", "prod", "--", "x"]);
    let mut p = Planner::new(&i, None);
    p.set_flag("update-auth-configmap", None, change()).unwrap();
    assert_eq!(
        strs(&p.finish().steps[0].args),
        [
            "create",
            "ng",
            "-c",
            "prod",
            "--update-auth-configmap",
            "--",
            "x"
        ]
    );
}

#[test]
fn a_flag_already_there_is_replaced_in_place() {
    let i = ng(&[
        "create",
        "ng",
        "--update-auth-configmap=false",
        "-c",
        "prod",
        "--update-auth-configmap",
    ]);
    let mut p = Planner::new(&i, None);
    p.set_flag("update-auth-configmap", None, change()).unwrap();
    assert_eq!(
        strs(&p.finish().steps[0].args),
        ["create", "ng", "--update-auth-configmap", "-c", "prod"]
    );
}

#[test]
fn clustered_shorthands_keep_their_other_flags() {
    let i = ng(&["create", "ng", "-Pdc", "prod"]);
    let mut p = Planner::new(&i, None);
    p.set_flag("cluster", Some("other"), change()).unwrap();
    assert_eq!(
        strs(&p.finish().steps[0].args),
        [
            "create",
            "ng",
            "--node-private-networking",
            "--dumpLogs",
            "--cluster=other"
        ]
    );
}

#[test]
fn combinations_eksctl_refuses_are_never_built() {
    let i = ng(&["create", "ng", "-f", "c.yaml"]);
    let c = cfg();
    let mut p = Planner::new(&i, Some(&c));
    assert_eq!(
        p.set_flag("region", Some("x"), change()),
        Err(PlanError::RefusedWithConfigFile("region".into()))
    );
    assert_eq!(
        p.set_flag("cluster", Some("x"), change()),
        Err(PlanError::RefusedWithConfigFile("cluster".into()))
    );
    assert!(p.set_flag("update-auth-configmap", None, change()).is_ok());
    let dry = ng(&["create", "ng", "-c", "prod", "--dry-run"]);
    assert_eq!(
        Planner::new(&dry, None).set_flag("update-auth-configmap", None, change()),
        Err(PlanError::AuthFlagWithDryRun)
    );
}

#[test]
fn subnets_without_a_config_become_subnet_ids() {
    let i = ng(&["create", "ng", "-c", "prod"]);
    let mut p = Planner::new(&i, None);
    p.pin_subnets("ng-x", &["subnet-a".into(), "subnet-b".into()], change())
        .unwrap();
    assert_eq!(
        strs(&p.finish().steps[0].args),
        [
            "create",
            "ng",
            "-c",
            "prod",
            "--subnet-ids=subnet-a,subnet-b"
        ]
    );
}

#[test]
fn subnets_with_a_config_go_into_a_rewritten_copy() {
    for line in [
        &["create", "ng", "-f", "cluster.yaml"][..],
        &["create", "ng", "--config-file=-"],
        &["create", "ng", "-fcluster.yaml"],
    ] {
        let i = ng(line);
        let c = cfg();
        let mut p = Planner::new(&i, Some(&c));
        p.pin_subnets("ng-1", &["subnet-a".into()], change())
            .unwrap();
        let plan = p.finish();
        let step = &plan.steps[0];
        assert_eq!(
            strs(&step.args),
            ["create", "ng", "--config-file", CONFIG_PATH_SLOT],
            "{line:?}"
        );
        let copy = config::parse(None, step.config.clone().unwrap()).unwrap();
        assert_eq!(copy.model.node_groups[0].subnets, ["subnet-a"]);
        assert!(copy.model.node_groups[0].availability_zones.is_empty());
        assert_eq!(copy.tree["nodeGroups"][0]["instanceType"], "m5.large");
    }
    let i = ng(&["create", "ng", "-f", "cluster.yaml"]);
    let c = cfg();
    assert_eq!(
        Planner::new(&i, Some(&c)).pin_subnets("nope", &[], change()),
        Err(PlanError::NoSuchNodegroup("nope".into()))
    );
}

#[test]
fn a_split_create_cluster_runs_two_steps() {
    let i = inv(
        Intercepted::CreateCluster,
        &[
            "-v",
            "4",
            "create",
            "cluster",
            "-f",
            "cluster.yaml",
            "--profile",
            "ops",
        ],
    );
    let c = cfg();
    let mut p = Planner::new(&i, Some(&c));
    p.split_cluster_create(vec!["ng-1".into()], change());
    let plan = p.finish();
    assert_eq!(plan.steps.len(), 2);
    let first = config::parse(None, plan.steps[0].config.clone().unwrap()).unwrap();
    assert!(first.model.node_groups.is_empty());
    assert_eq!(first.model.managed_node_groups.len(), 1);
    assert_eq!(
        strs(&plan.steps[0].args),
        [
            "-v",
            "4",
            "create",
            "cluster",
            "--config-file",
            CONFIG_PATH_SLOT,
            "--profile",
            "ops"
        ]
    );
    assert_eq!(
        strs(&plan.steps[1].args),
        [
            "create",
            "nodegroup",
            "--config-file",
            "cluster.yaml",
            "--include=ng-1",
            "--update-auth-configmap",
            "--verbose=4",
            "--profile=ops"
        ]
    );
    assert!(
        plan.steps[1].config.is_none(),
        "step 2 reads the user's own file"
    );
}

#[test]
fn a_split_from_stdin_writes_both_configs() {
    let i = inv(
        Intercepted::CreateCluster,
        &["create", "cluster", "-f", "-"],
    );
    let c = cfg();
    let mut p = Planner::new(&i, Some(&c));
    p.split_cluster_create(vec!["ng-1".into()], change());
    let plan = p.finish();
    assert_eq!(
        plan.steps[1].config.as_deref(),
        Some(CFG.as_bytes()),
        "stdin's exact bytes"
    );
    assert_eq!(strs(&plan.steps[1].args)[3], CONFIG_PATH_SLOT);
}

#[test]
fn the_explanation_names_each_change_and_the_commands() {
    let i = ng(&["create", "ng", "-c", "my prod"]);
    let mut p = Planner::new(&i, None);
    p.set_flag(
        "update-auth-configmap",
        None,
        Change {
            what: "added --update-auth-configmap".into(),
            why: "CONFIG_MAP".into(),
        },
    )
    .unwrap();
    let text = render::explain(&p.finish(), "cluster.yaml");
    assert!(
        text.contains("1. added --update-auth-configmap\n     why: CONFIG_MAP"),
        "{text}"
    );
    assert!(
        text.contains("  eksctl create ng -c 'my prod' --update-auth-configmap\n"),
        "{text}"
    );
    let slot = render::command_line(&["-f".into(), CONFIG_PATH_SLOT.into()], "c.yaml");
    assert_eq!(slot, "eksctl -f <c.yaml, changed as above>");
}

#[test]
fn a_config_that_would_not_read_back_the_same_is_not_rewritten() {
    // Found by fuzzing (fuzz/fuzz_targets/config.rs): a tagged value beside a key that
    // ends in `:` does not survive the YAML library's round trip.
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fuzz-crash-config-roundtrip.yaml"
    ))
    .unwrap();
    let c = config::parse(Some("c.yaml".into()), raw).unwrap();
    let i = ng(&["create", "ng", "-f", "c.yaml"]);
    let mut p = Planner::new(&i, Some(&c));
    assert_eq!(
        p.pin_subnets("ng-1", &["subnet-a".into()], change()),
        Err(PlanError::NotRoundTrippable)
    );
    let plan = p.finish();
    assert!(plan.is_unchanged());
    assert_eq!(plan.steps[0].args, i.args);
}
