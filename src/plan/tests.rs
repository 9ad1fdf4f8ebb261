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
fn strs(args: &[Arg]) -> Vec<String> {
    args.iter()
        .map(|a| match a {
            Arg::Word(w) => w.to_string_lossy().into_owned(),
            Arg::ConfigPath => SLOT.into(),
        })
        .collect()
}
const SLOT: &str = "<config>";
fn words(args: &[OsString]) -> Vec<Arg> {
    args.iter().cloned().map(Arg::Word).collect()
}
const CFG: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: eu-west-1}\n\
nodeGroups:\n- name: ng-1\n  availabilityZones: [eu-west-1a]\n  instanceType: m5.large\nmanagedNodeGroups:\n- name: mng-1\n";

fn cfg() -> config::LoadedConfig {
    config::parse(Some("cluster.yaml".into()), CFG.as_bytes().to_vec()).unwrap()
}

#[test]
fn no_edit_gives_back_the_same_argv() {
    let i = ng(&["-v", "4", "create", "ng", "-Pdc", "prod", "--", "x"]);
    let plan = Planner::new(&i, None, None).finish();
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.steps[0].args, words(&i.args));
    assert!(plan.steps[0].config.is_none() && plan.is_unchanged());
}

#[test]
fn a_flag_is_appended_before_the_terminator() {
    let i = ng(&["create", "ng", "-c", "prod", "--", "x"]);
    let mut p = Planner::new(&i, None, None);
    p.set_flag("managed", Some("false"), change()).unwrap();
    assert_eq!(
        strs(&p.finish().steps[0].args),
        ["create", "ng", "-c", "prod", "--managed=false", "--", "x"]
    );
}

#[test]
fn a_flag_already_there_is_replaced_in_place() {
    let i = ng(&["create", "ng", "--managed=true", "-c", "prod", "--managed"]);
    let mut p = Planner::new(&i, None, None);
    p.set_flag("managed", Some("false"), change()).unwrap();
    assert_eq!(
        strs(&p.finish().steps[0].args),
        ["create", "ng", "--managed=false", "-c", "prod"]
    );
}

#[test]
fn clustered_shorthands_keep_their_other_flags() {
    let i = ng(&["create", "ng", "-Pdc", "prod"]);
    let mut p = Planner::new(&i, None, None);
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
    let mut p = Planner::new(&i, None, Some(&c));
    assert_eq!(
        p.set_flag("region", Some("x"), change()),
        Err(PlanError::RefusedWithConfigFile("region".into()))
    );
    assert_eq!(
        p.set_flag("cluster", Some("x"), change()),
        Err(PlanError::RefusedWithConfigFile("cluster".into()))
    );
    assert!(p.set_flag("subnet-ids", Some("subnet-a"), change()).is_ok());
    let dry = ng(&["create", "ng", "-c", "prod", "--dry-run"]);
    assert_eq!(
        Planner::new(&dry, None, None).set_flag("update-auth-configmap", None, change()),
        Err(PlanError::RefusedWithDryRun("update-auth-configmap".into()))
    );
}

#[test]
fn subnets_without_a_config_become_subnet_ids() {
    let i = ng(&[
        "create",
        "ng",
        "-c",
        "prod",
        "--node-zones",
        "a,b",
        "--node-zones=c",
    ]);
    let mut p = Planner::new(&i, None, None);
    p.pin_subnets(None, &["subnet-a".into(), "subnet-b".into()], change())
        .unwrap();
    assert_eq!(
        strs(&p.finish().steps[0].args),
        [
            "create",
            "ng",
            "-c",
            "prod",
            "--subnet-ids=subnet-a,subnet-b"
        ],
        "eksctl refuses --node-zones beside --subnet-ids"
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
        let mut p = Planner::new(&i, None, Some(&c));
        p.pin_subnets(Some("ng-1"), &["subnet-a".into()], change())
            .unwrap();
        let plan = p.finish();
        let step = &plan.steps[0];
        assert_eq!(
            strs(&step.args),
            ["create", "ng", "--config-file", SLOT],
            "{line:?}"
        );
        let copy = config::parse(None, step.config.clone().unwrap()).unwrap();
        assert_eq!(copy.model.node_groups[0].subnets, ["subnet-a"]);
        assert!(copy.model.node_groups[0].availability_zones.is_empty());
        assert_eq!(copy.meaning["nodeGroups"][0]["instanceType"], "m5.large");
        assert_eq!(
            String::from_utf8(step.config.clone().unwrap()).unwrap(),
            CFG.replace("  availabilityZones: [eu-west-1a]\n", "")
                .replace(
                    "  instanceType: m5.large\n",
                    "  instanceType: m5.large\n  subnets: [\"subnet-a\"]\n"
                ),
            "only the changed lines differ"
        );
    }
    let i = ng(&["create", "ng", "-f", "cluster.yaml"]);
    let c = cfg();
    assert_eq!(
        Planner::new(&i, None, Some(&c)).pin_subnets(Some("nope"), &[], change()),
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
    let mut p = Planner::new(&i, None, Some(&c));
    p.split_cluster_create(vec!["ng-1".into()], change())
        .unwrap();
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
            SLOT,
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
    let input = config::ConfigInput {
        source: ConfigSource::Stdin,
        raw: CFG.as_bytes().to_vec(),
        consumed: true,
        error: None,
    };
    let mut p = Planner::new(&i, Some(&input), Some(&c));
    p.split_cluster_create(vec!["ng-1".into()], change())
        .unwrap();
    let plan = p.finish();
    assert_eq!(
        plan.steps[1].config.as_deref(),
        Some(CFG.as_bytes()),
        "stdin's exact bytes"
    );
    assert_eq!(strs(&plan.steps[1].args)[3], SLOT);
}

#[test]
fn the_explanation_names_each_change_and_the_commands() {
    let i = ng(&["create", "ng", "-c", "my prod"]);
    let mut p = Planner::new(&i, None, None);
    p.set_flag(
        "managed",
        Some("false"),
        Change {
            what: "added --managed=false".into(),
            why: "Outposts".into(),
        },
    )
    .unwrap();
    let text = render::explain(&p.finish(), "cluster.yaml", None);
    assert!(
        text.contains("1. added --managed=false\n     why: Outposts"),
        "{text}"
    );
    assert!(
        text.contains("  eksctl create ng -c 'my prod' --managed=false\n"),
        "{text}"
    );
    let slot = render::command_line(&[Arg::Word("-f".into()), Arg::ConfigPath], "c.yaml");
    assert_eq!(slot, "eksctl -f <c.yaml, changed as above>");
}

#[test]
fn the_fuzzers_round_trip_config_is_edited_in_place() {
    // Found by fuzzing (fuzz/fuzz_targets/config.rs) when rewrites re-emitted YAML: a
    // tagged value beside a key that ends in `:`. Text edits leave it as written.
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fuzz-crash-config-roundtrip.yaml"
    ))
    .unwrap();
    let c = match config::parse(Some("c.yaml".into()), raw) {
        Ok(c) => c,
        Err(_) => return, // a tag the shim does not read as eksctl does: never rewritten
    };
    let i = ng(&["create", "ng", "-f", "c.yaml"]);
    let mut p = Planner::new(&i, None, Some(&c));
    if p.pin_subnets(Some("ng-1"), &["subnet-a".into()], change())
        .is_ok()
    {
        let copy = p.finish().steps[0].config.clone().unwrap();
        let back = config::parse(None, copy).unwrap();
        assert_eq!(back.model.node_groups[0].subnets, ["subnet-a"]);
    }
}

#[test]
fn quoted_yaml_1_1_words_keep_their_meaning() {
    let text = "metadata: {name: prod}\nnodeGroups:\n- name: ng-1\n  labels: {spot: \"yes\", team: \"on\", n: \"n\", big: \"1_000\", oct: \"010\"}\n";
    let c = config::parse(Some("c.yaml".into()), text.as_bytes().to_vec()).unwrap();
    let i = ng(&["create", "ng", "-f", "c.yaml"]);
    let mut p = Planner::new(&i, None, Some(&c));
    p.pin_subnets(Some("ng-1"), &["subnet-a".into()], change())
        .unwrap();
    let copy = String::from_utf8(p.finish().steps[0].config.clone().unwrap()).unwrap();
    assert_eq!(copy, format!("{text}  subnets: [\"subnet-a\"]\n"));
}

#[test]
fn an_edit_that_would_change_other_nodegroups_is_refused() {
    // Both nodegroups are the same anchored mapping: editing one edits both.
    let text = "metadata: {name: prod}\nnodeGroups:\n- &ng {name: ng-1}\n- *ng\n";
    let c = config::parse(Some("c.yaml".into()), text.as_bytes().to_vec()).unwrap();
    let i = ng(&["create", "ng", "-f", "c.yaml"]);
    let mut p = Planner::new(&i, None, Some(&c));
    assert!(matches!(
        p.pin_subnets(Some("ng-1"), &["subnet-a".into()], change()),
        Err(PlanError::Rewrite(_))
    ));
    assert!(p.finish().is_unchanged());
}

#[test]
fn a_pipe_read_by_the_shim_is_handed_on_even_unchanged() {
    let i = ng(&["create", "ng", "-f", "/dev/fd/63"]);
    let input = config::ConfigInput {
        source: ConfigSource::File("/dev/fd/63".into()),
        raw: CFG.as_bytes().to_vec(),
        consumed: true,
        error: None,
    };
    let plan = Planner::new(&i, Some(&input), None).finish();
    // Back on a pipe at the same descriptor: the argv as given.
    assert_eq!(
        strs(&plan.steps[0].args),
        ["create", "ng", "-f", "/dev/fd/63"]
    );
    assert_eq!(plan.steps[0].config.as_deref(), Some(CFG.as_bytes()));
    assert_eq!(plan.steps[0].config_fd, Some(63));
    assert!(plan.is_unchanged());
    // A FIFO's path names no descriptor: a private copy.
    let fifo = ng(&["create", "ng", "-f", "ng.fifo"]);
    let input = config::ConfigInput {
        source: ConfigSource::File("ng.fifo".into()),
        ..input
    };
    let plan = Planner::new(&fifo, Some(&input), None).finish();
    assert_eq!(
        strs(&plan.steps[0].args),
        ["create", "ng", "--config-file", SLOT]
    );
    assert_eq!(plan.steps[0].config_fd, None);
}

/// A SUBNET_DRIFT finding pinning `name` to `subnet`, as the check makes it.
fn pin_finding(name: &str, subnet: &str) -> crate::checks::Finding {
    use crate::checks::{Code, Finding, Fix, Severity};
    Finding::new(Code::SubnetDrift, Severity::Error, "m", "r").fix(Fix::PinSubnets {
        nodegroup: Some(name.into()),
        subnets: vec![subnet.into()],
    })
}

/// What planning the pins one at a time gives (what `fixes::plan` did before it
/// pinned a run of them in one rewrite).
fn one_by_one(
    i: &Invocation,
    c: &config::LoadedConfig,
    findings: &[crate::checks::Finding],
) -> fixes::Planned {
    let mut p = Planner::new(i, None, Some(c));
    let (mut unfixed, mut refused) = (vec![], vec![]);
    for f in findings {
        let Some(crate::checks::Fix::PinSubnets { nodegroup, subnets }) = &f.fix else {
            unreachable!()
        };
        let what = format!(
            "created nodegroup {:?} in subnets {}",
            nodegroup.as_deref().unwrap(),
            subnets.join(", ")
        );
        let why = format!("[{}] above", f.code);
        if let Err(e) = p.pin_subnets(nodegroup.as_deref(), subnets, Change { what, why }) {
            refused.push((f.code, e));
            unfixed.push(f.code);
        }
    }
    fixes::Planned {
        plan: p.finish(),
        unfixed,
        refused,
    }
}

fn same(a: &fixes::Planned, b: &fixes::Planned) {
    assert_eq!(a.plan, b.plan);
    assert_eq!(a.unfixed, b.unfixed);
    assert_eq!(a.refused, b.refused);
}

#[test]
fn pins_planned_in_one_rewrite_give_what_one_by_one_gives() {
    let mut text = String::from("metadata: {name: prod}\nmanagedNodeGroups:\n");
    for n in 0..50 {
        text.push_str(&format!(
            "- name: ng-{n}\n  availabilityZones: [eu-west-1a] # zone\n  labels: {{n: \"{n}\"}}\n"
        ));
    }
    let c = config::parse(Some("c.yaml".into()), text.into_bytes()).unwrap();
    let i = ng(&["create", "ng", "-f", "c.yaml"]);
    let all: Vec<_> = (0..50)
        .map(|n| pin_finding(&format!("ng-{n}"), &format!("subnet-{n}")))
        .collect();
    let planned = fixes::plan(&i, None, Some(&c), &all);
    assert_eq!(planned.plan.changes.len(), 50);
    same(&planned, &one_by_one(&i, &c, &all));
    // One pin refused in the run: the others stand, as one by one.
    let mut with_unknown = all.clone();
    with_unknown.insert(7, pin_finding("no-such", "subnet-x"));
    let planned = fixes::plan(&i, None, Some(&c), &with_unknown);
    assert_eq!(planned.refused.len(), 1);
    same(&planned, &one_by_one(&i, &c, &with_unknown));
}

#[test]
fn with_anchors_pins_are_planned_one_by_one() {
    // Pinning ng-1 alone removes the anchor ng-2's zones refer to: refused. Pinning ng-2
    // then works. In one rewrite both would verify, which is not what one by one gives.
    let text = "metadata: {name: prod}\nmanagedNodeGroups:\n- name: ng-1\n  availabilityZones: &z [a]\n- name: ng-2\n  availabilityZones: *z\n";
    let c = config::parse(Some("c.yaml".into()), text.as_bytes().to_vec()).unwrap();
    let i = ng(&["create", "ng", "-f", "c.yaml"]);
    let both = [
        pin_finding("ng-1", "subnet-1"),
        pin_finding("ng-2", "subnet-2"),
    ];
    let planned = fixes::plan(&i, None, Some(&c), &both);
    assert_eq!(planned.refused.len(), 1);
    assert_eq!(planned.plan.changes.len(), 1);
    same(&planned, &one_by_one(&i, &c, &both));
}

/// Every command the shim prints names the region and profile it is about: taken from
/// the environment, they are added to the by-hand command; a config names its region.
#[test]
fn the_by_hand_command_names_the_region_and_profile_the_run_used() {
    let facts = crate::facts::Facts {
        region: Some("eu-west-1".into()),
        profile: Some("ops".into()),
        ..Default::default()
    };
    let i = ng(&["create", "ng", "-c", "prod", "--", "x"]);
    let mut p = Planner::new(&i, None, None);
    p.set_flag(
        "managed",
        Some("false"),
        Change {
            what: "added --managed=false".into(),
            why: "Outposts".into(),
        },
    )
    .unwrap();
    let text = render::explain(&p.finish(), "c.yaml", Some(&facts));
    assert!(
        text.contains(
            "  eksctl create ng --region=eu-west-1 --profile=ops -c prod --managed=false -- x\n"
        ),
        "{text}"
    );
    let given = render::with_place(
        &[
            Arg::Word("-f".into()),
            Arg::ConfigPath,
            Arg::Word("--profile=dev".into()),
        ],
        Some(&facts),
    );
    assert_eq!(
        render::command_line(&given, "c.yaml"),
        "eksctl -f <c.yaml, changed as above> --profile=dev"
    );
}
