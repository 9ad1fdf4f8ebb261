//! `check --all` reads a region once and derives each cluster's facts from it; `check
//! --cluster` asks about one cluster. The two must find the same: a fact derived in one
//! place and forgotten in the other would pass a nightly `--all` on a cluster that
//! `--cluster` fails (issue 24). Each world below meets a different check; each cluster's
//! findings and status from `--all` are compared whole with its own `--cluster` report.

use serde_json::{Value, json};

use crate::common::moto::Moto;
use crate::common::*;

fn worlds() -> Vec<(&'static str, Value)> {
    vec![
        ("clean", json!({})),
        (
            "drift",
            json!({"moved": true, "delete": ["private-a", "private-b"]}),
        ),
        ("one-zone", json!({"delete": ["private-a"]})),
        ("sg-gone", json!({"delete_sg": true})),
        ("no-stack", json!({"stack": false})),
        (
            "no-vpc-id",
            json!({"no_vpc_id": true, "moved": true, "delete": ["private-a", "private-b"]}),
        ),
        ("config-map", json!({"auth_mode": "CONFIG_MAP"})),
        ("outposts", json!({"outposts": true})),
        ("no-shared-sg", json!({"shared_sg_output": false})),
        (
            "failed-ng",
            json!({"failed_nodegroup_stacks": {"ng-1": "AWS::AutoScaling::AutoScalingGroup/NodeGroup: quota"}}),
        ),
        ("updating-stack", json!({"stack_failed": true})),
    ]
}

/// The report of each cluster, by name, without what names the run rather than the cluster.
fn reports(doc: &Value) -> std::collections::BTreeMap<String, Value> {
    doc["clusters"]
        .as_array()
        .unwrap_or_else(|| panic!("no clusters: {doc}"))
        .iter()
        .map(|c| (c["cluster"].as_str().unwrap().to_string(), c.clone()))
        .collect()
}

#[test]
fn check_all_finds_what_check_cluster_finds() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    for (name, world) in worlds() {
        let mut world = world;
        world["cluster"] = json!(name);
        moto.world(world);
    }
    let mut met = std::collections::BTreeSet::new();
    // Before and after eksctl 0.177 changed how the stack is loaded and rebuilt.
    for version in ["0.176.0", "0.190.0"] {
        let run = |args: &[&str]| {
            let ran = sb
                .shim_run(
                    [
                        "check",
                        "--for",
                        "all",
                        "--region",
                        "us-west-2",
                        "-o",
                        "json",
                    ]
                    .iter()
                    .chain(args),
                )
                .version(version)
                .aws(&moto)
                .go();
            serde_json::from_slice::<Value>(&ran.out.stdout)
                .unwrap_or_else(|e| panic!("{e}: {}\n{}", ran.stdout(), ran.stderr()))
        };
        let all = reports(&run(&["--all"]));
        for (name, _) in worlds() {
            let one = reports(&run(&["--cluster", name]));
            let (one, from_all) = (&one[name], &all[name]);
            assert_eq!(
                one, from_all,
                "cluster {name}, eksctl {version}: --cluster and --all disagree"
            );
            for f in one["findings"].as_array().unwrap() {
                met.insert(f["code"].as_str().unwrap().to_string());
            }
        }
    }
    // The worlds meet the checks they are there for: an agreement on nothing proves nothing.
    for code in [
        "subnet-drift",
        "upgrade-subnet-gone",
        "upgrade-too-few-zones",
        "control-plane-subnet-gone",
        "fargate-subnet-gone",
        "stack-sg-gone",
        "stack-missing",
        "outposts-managed",
        "shared-sg-missing",
    ] {
        assert!(met.contains(code), "no world met {code}: {met:?}");
    }
}
