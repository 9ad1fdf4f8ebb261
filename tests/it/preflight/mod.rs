//! The pre-flight end to end: the built binary invoked as `eksctl`, a moto server with a
//! cluster as eksctl left it and then changed outside eksctl, and the model eksctl at a
//! version of the matrix. What matters is what the model received.

use crate::common::moto::Moto;
use crate::common::run::Run;
use crate::common::*;
use serde_json::{Value, json};

/// `eksctl ARGS` through the shim, as eksctl VERSION, against this moto.
fn eksctl(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str]) -> Run {
    sb.eksctl_run(args).version(version).aws(moto)
}

fn s(ids: &Value, key: &str) -> String {
    ids[key].as_str().unwrap().to_string()
}

#[test]
fn moto_patch_returns_access_config_and_vpc_like_the_real_api() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "a", "auth_mode": "CONFIG_MAP"}));
    moto.world(json!({"cluster": "b", "auth_mode": null}));
    let script = format!(
        "import boto3, json\ne = boto3.client('eks', endpoint_url='{}', region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t')\n\
         print(json.dumps([e.describe_cluster(name=n)['cluster'] for n in 'ab'], default=str))",
        moto.endpoint()
    );
    let out = run(std::process::Command::new(python()).args(["-c", &script]));
    let clusters: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        clusters[0]["accessConfig"],
        json!({"bootstrapClusterCreatorAdminPermissions": true, "authenticationMode": "CONFIG_MAP"})
    );
    assert!(clusters[1].get("accessConfig").is_none());
    assert!(
        clusters[0]["resourcesVpcConfig"]["vpcId"]
            .as_str()
            .unwrap()
            .starts_with("vpc-")
    );
}

#[test]
fn all_private_subnets_deleted_pins_the_control_plane_subnets_on_0_180() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids =
        moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "-n",
        "ng-1",
        "-P",
    ];
    let ran = eksctl(&sb, &moto, "0.180.0", &args).go();
    ran.exits(0);
    let want = format!(
        "--subnet-ids={},{}",
        s(&ids, "new-private-a"),
        s(&ids, "new-private-b")
    );
    // The command as given, with the control plane's private subnets pinned; the command
    // said for by hand names the region the run took from the environment.
    assert_eq!(
        argv(&sb.main_call()),
        [&args[..], &[want.as_str()]].concat()
    );
    ran.says("[subnet-drift]")
        .says(&s(&ids, "private-a"))
        .says(&format!(
            "  eksctl create nodegroup --region=us-west-2 --cluster prod -n ng-1 -P {want}\n"
        ))
        // eksctl's stdout reaches the user
        .prints("created 1 managed nodegroup(s) in cluster \"prod\"");
}

#[test]
fn some_subnets_deleted_on_a_new_eksctl_changes_nothing() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a"]}));
    let args = ["create", "ng", "--cluster", "prod", "-P"];
    let ran = eksctl(&sb, &moto, "0.190.0", &args).go();
    ran.exits(0);
    assert_eq!(argv(&sb.main_call()), args);
    ran.says("warning [subnet-drift]");
}

#[test]
fn any_subnet_deleted_on_0_170_is_an_error_and_strict_refuses() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "delete": ["public-b"]}));
    let args = ["create", "ng", "--cluster", "prod"];
    eksctl(&sb, &moto, "0.170.0", &args)
        .go()
        .says("error   [subnet-drift]")
        .says("InvalidSubnetID.NotFound");
    assert_eq!(
        argv(&sb.main_call()),
        args,
        "fix mode runs it unchanged: no safe rewrite exists"
    );

    let strict = Sandbox::new();
    eksctl(&strict, &moto, "0.170.0", &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3);
    assert!(strict.last_call().is_none(), "eksctl create was not run");
}

#[test]
fn subnets_the_user_named_that_are_gone_are_not_rewritten() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids =
        moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let named = format!("{},{}", s(&ids, "private-a"), s(&ids, "new-private-a"));
    let args = [
        "create",
        "ng",
        "--cluster",
        "prod",
        "-P",
        "--subnet-ids",
        &named,
    ];
    let ran = eksctl(&sb, &moto, "0.200.0", &args).go();
    assert_eq!(argv(&sb.main_call()), args);
    ran.says("[named-subnet-gone]");
}

#[test]
fn auth_modes_for_create_nodegroup() {
    let moto = Moto::start();
    for (name, mode) in [
        ("cm", json!("CONFIG_MAP")),
        ("both", json!("API_AND_CONFIG_MAP")),
        ("api", json!("API")),
        ("old", Value::Null),
    ] {
        moto.world(json!({"cluster": name, "auth_mode": mode}));
    }
    let plain = |cluster| {
        vec![
            "create",
            "nodegroup",
            "--cluster",
            cluster,
            "--managed=false",
        ]
    };
    let received = |cluster, extra: &[&str]| {
        let sb = Sandbox::new();
        let mut args = plain(cluster);
        args.extend_from_slice(extra);
        let ran = eksctl(&sb, &moto, "0.230.0", &args).go();
        (argv(&sb.main_call()), ran)
    };
    // eksctl already writes aws-auth on CONFIG_MAP: the command is left as it is
    // (adding --update-auth-configmap changes nothing but a deprecation warning).
    let (cm, ran) = received("cm", &[]);
    assert_eq!(cm, plain("cm"), "{}", ran.stderr());
    // A cluster that needs nothing gets no finding, not even an informational one.
    ran.never_says("[auth-configmap]").never_says("info    [");
    for cluster in ["both", "api", "old"] {
        assert_eq!(received(cluster, &[]).0, plain(cluster));
    }
    let (api_flag, ran) = received("api", &["--update-auth-configmap"]);
    assert_eq!(
        api_flag.last().unwrap(),
        "--update-auth-configmap",
        "left as the user wrote it"
    );
    ran.says("[auth-flag-on-api]");
}

const CLUSTER_YAML: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: fresh\n  region: us-west-2\n\
accessConfig:\n  authenticationMode: CONFIG_MAP\nnodeGroups:\n  - name: ng-1\n    instanceType: m5.large\nmanagedNodeGroups:\n  - name: mng-1\n";

/// A sandbox with CLUSTER_YAML as cluster.yaml, an empty moto, and
/// `eksctl create cluster -f cluster.yaml` as eksctl VERSION against it.
fn create_cluster(version: &str) -> (Sandbox, Moto, Run) {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    std::fs::write(sb.path("cluster.yaml"), CLUSTER_YAML).unwrap();
    let run = eksctl(
        &sb,
        &moto,
        version,
        &["create", "cluster", "-f", "cluster.yaml"],
    );
    (sb, moto, run)
}

#[test]
fn create_cluster_on_config_map_runs_in_two_steps_on_0_170() {
    let (sb, _moto, run) = create_cluster("0.170.0");
    run.go().exits(0).says("step 2 of 2");
    let calls = sb.eksctl_calls();
    assert_eq!(calls.len(), 2, "{calls:#?}");
    let first = argv(&calls[0]);
    assert_eq!(first[..3], ["create", "cluster", "--config-file"]);
    let first_config: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(calls[0]["config"].as_str().unwrap()).unwrap();
    assert!(first_config.get("nodeGroups").is_none(), "{first_config:?}");
    assert_eq!(first_config["managedNodeGroups"][0]["name"], "mng-1");
    assert_eq!(calls[0]["config_mode"], "0o600");
    assert!(
        !std::path::Path::new(&first[3]).exists(),
        "the temporary config is gone"
    );
    assert_eq!(
        argv(&calls[1]),
        [
            "create",
            "nodegroup",
            "--config-file",
            "cluster.yaml",
            "--include=ng-1",
        ]
    );
}

#[test]
fn create_cluster_on_0_180_is_one_step_unchanged() {
    let (sb, _moto, run) = create_cluster("0.180.0");
    let ran = run.go();
    ran.exits(0);
    assert_eq!(
        argv(&sb.main_call()),
        ["create", "cluster", "-f", "cluster.yaml"]
    );
    assert_eq!(ran.stderr(), "", "nothing to say");
}

#[test]
fn a_step_that_fails_stops_the_plan_and_says_what_is_left() {
    let (sb, _moto, run) = create_cluster("0.170.0");
    run.env("EKSCTL_MODEL_EXIT", "1")
        .go()
        .exits(1)
        .says("failed (exit 1); not run:\neksctl-shim:   eksctl create nodegroup --config-file cluster.yaml --include=ng-1\n");
    assert_eq!(sb.eksctl_calls().len(), 1);
}

#[test]
fn drift_with_a_config_file_rewrites_a_private_copy() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids =
        moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let yaml = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\n\
nodeGroups:\n- name: ng-1\n  privateNetworking: true\n  labels: {team: a}\n";
    std::fs::write(sb.path("prod.yaml"), yaml).unwrap();
    eksctl(&sb, &moto, "0.200.0", &["create", "ng", "-f", "prod.yaml"])
        .go()
        .exits(0);
    let call = sb.main_call();
    let a = argv(&call);
    assert_eq!(a[..3], ["create", "ng", "--config-file"]);
    assert_ne!(a[3], "prod.yaml");
    let got: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(call["config"].as_str().unwrap()).unwrap();
    assert_eq!(
        got["nodeGroups"][0]["subnets"],
        serde_yaml_ng::to_value([s(&ids, "new-private-a"), s(&ids, "new-private-b")]).unwrap()
    );
    assert_eq!(got["nodeGroups"][0]["labels"]["team"], "a");
    assert_eq!(
        std::fs::read_to_string(sb.path("prod.yaml")).unwrap(),
        yaml,
        "the user's file is untouched"
    );
    assert!(!std::path::Path::new(&a[3]).exists());
}

mod fail_open_and_warn_mode;
