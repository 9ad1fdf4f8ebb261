//! The authentication-mode, cluster-state, stack-reference, Outposts and skip checks.

use super::*;

fn with_mode(mode: Option<&str>) -> Facts {
    let mut f = facts("0.230.0", all_live());
    f.cluster.as_mut().unwrap().authentication_mode = mode.map(str::to_string);
    f
}

#[test]
fn config_map_needs_nothing_eksctl_writes_aws_auth_itself() {
    let unmanaged = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod --managed=false",
    );
    // A cluster that needs nothing gets no finding, not even an informational one
    // (issue 25).
    let f = run(&unmanaged, None, &with_mode(Some("CONFIG_MAP")));
    assert!(f.is_empty(), "{f:?}");
    assert!(
        run(&ng_private(), None, &with_mode(Some("CONFIG_MAP"))).is_empty(),
        "managed: EKS maps the role itself"
    );
    assert!(run(&unmanaged, None, &with_mode(Some("API_AND_CONFIG_MAP"))).is_empty());
    assert!(run(&unmanaged, None, &with_mode(Some("API"))).is_empty());
    assert!(
        run(&unmanaged, None, &with_mode(None)).is_empty(),
        "never without accessConfig"
    );
    let dry = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod --managed=false --dry-run",
    );
    assert!(
        run(&dry, None, &with_mode(Some("CONFIG_MAP"))).is_empty(),
        "eksctl refuses the flag with --dry-run"
    );
    let given = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod --managed=false --update-auth-configmap=false",
    );
    assert!(
        run(&given, None, &with_mode(Some("CONFIG_MAP"))).is_empty(),
        "the user's own choice stands"
    );
}

#[test]
fn update_auth_configmap_on_api_is_an_error() {
    for (mode, line) in [
        (Some("API"), "--update-auth-configmap"),
        (None, "--update-auth-configmap=false"),
    ] {
        let i = inv(
            Intercepted::CreateNodegroup,
            &format!("create ng -c prod {line}"),
        );
        let f = run(&i, None, &with_mode(mode));
        assert_eq!(codes(&f), ["auth-flag-on-api"], "{mode:?}");
        assert_eq!(f[0].fix, None);
        let mut old = with_mode(mode);
        old.eksctl_version = EksctlVersion::parse("0.166.0");
        assert!(
            !codes(&run(&i, None, &old)).contains(&"auth-flag-on-api"),
            "no such refusal before 0.167"
        );
    }
}

#[test]
fn an_api_cluster_with_eksctl_0_166_leaves_self_managed_nodes_out() {
    let unmanaged = inv(
        Intercepted::CreateNodegroup,
        "create ng -c prod --managed=false",
    );
    let mut fx = with_mode(Some("API"));
    fx.eksctl_version = EksctlVersion::parse("0.166.0");
    assert_eq!(codes(&run(&unmanaged, None, &fx)), ["auth-api-old-eksctl"]);
}

const CLUSTER_CFG: &[u8] = b"metadata: {name: new, region: eu-west-1}\naccessConfig: {authenticationMode: CONFIG_MAP}\nnodeGroups:\n- name: ng-1\nmanagedNodeGroups:\n- name: mng-1\n";

#[test]
fn create_cluster_on_config_map_is_split_on_0_167_to_0_175() {
    let cfg = config::parse(None, CLUSTER_CFG.to_vec()).unwrap();
    let i = inv(Intercepted::CreateCluster, "create cluster -f c.yaml");
    let new = |v: &str| Facts {
        eksctl_version: EksctlVersion::parse(v),
        ..Default::default()
    };
    let f = run(&i, Some(&cfg.model), &new("0.170.0"));
    assert_eq!(codes(&f), ["auth-access-entry"]);
    assert_eq!(
        f[0].fix,
        Some(Fix::SplitCreateCluster {
            self_managed: vec!["ng-1".into()]
        })
    );
    for v in ["0.166.0", "0.176.0", "0.180.0"] {
        assert!(run(&i, Some(&cfg.model), &new(v)).is_empty(), "{v}");
    }
    let dry = inv(
        Intercepted::CreateCluster,
        "create cluster -f c.yaml --dry-run",
    );
    assert!(
        run(&dry, Some(&cfg.model), &new("0.170.0")).is_empty(),
        "a dry run creates nothing"
    );
    let without = inv(
        Intercepted::CreateCluster,
        "create cluster -f c.yaml --without-nodegroup",
    );
    assert!(
        run(&without, Some(&cfg.model), &new("0.170.0")).is_empty(),
        "no nodegroups are created"
    );
    let api = config::parse(
        None,
        String::from_utf8_lossy(CLUSTER_CFG)
            .replace("CONFIG_MAP", "API")
            .into_bytes(),
    )
    .unwrap();
    assert!(run(&i, Some(&api.model), &new("0.170.0")).is_empty());
}

#[test]
fn cluster_state_findings() {
    let mut fx = facts("0.230.0", all_live());
    fx.cluster.as_mut().unwrap().status = Some("UPDATING".into());
    let f = run(&ng_private(), None, &fx);
    assert_eq!(
        (codes(&f), f[0].severity),
        (vec!["cluster-not-active"], Severity::Warning)
    );
    fx.cluster.as_mut().unwrap().status = Some("CREATING".into());
    assert_eq!(run(&ng_private(), None, &fx)[0].severity, Severity::Error);
    fx.cluster = None;
    assert_eq!(codes(&run(&ng_private(), None, &fx)), ["cluster-not-found"]);
    let mut fx = facts("0.230.0", all_live());
    fx.cluster_stack = None;
    assert_eq!(codes(&run(&ng_private(), None, &fx)), ["stack-missing"]);
    let existing = facts("0.230.0", all_live());
    let create = inv(Intercepted::CreateCluster, "create cluster --name prod");
    assert_eq!(codes(&run(&create, None, &existing)), ["cluster-exists"]);
}

#[test]
fn a_failed_nodegroup_stack_of_the_same_name() {
    let mut fx = facts("0.230.0", all_live());
    fx.nodegroup_stacks = vec![
        StackSummary {
            name: "eksctl-prod-nodegroup-ng-1".into(),
            status: "ROLLBACK_COMPLETE".into(),
            reason: None,
        },
        StackSummary {
            name: "eksctl-prod-nodegroup-ng-2".into(),
            status: "CREATE_COMPLETE".into(),
            reason: None,
        },
    ];
    let f = run(&ng_private(), None, &fx);
    assert_eq!(codes(&f), ["failed-nodegroup-stack"]);
    assert!(
        f[0].remediation
            .contains("eksctl delete nodegroup --cluster prod --name ng-1")
    );
}

#[test]
fn outputs_naming_a_vanished_vpc_or_security_group() {
    let mut fx = facts("0.230.0", all_live());
    fx.stack_vpc_exists = Some(false);
    fx.missing_security_groups = vec!["sg-1".into()];
    let f = run(&ng_private(), None, &fx);
    assert_eq!(codes(&f), ["stack-vpc-gone", "stack-sg-gone"]);
    assert_eq!(f[1].resources, ["sg-1"]);
}

#[test]
fn managed_nodegroups_on_outposts() {
    let mut fx = facts("0.230.0", all_live());
    fx.cluster.as_mut().unwrap().on_outposts = true;
    let f = run(&ng_private(), None, &fx);
    assert_eq!(codes(&f), ["outposts-managed"]);
    assert_eq!(f[0].fix, Some(Fix::Unmanaged));
    let spot = inv(Intercepted::CreateNodegroup, "create ng -c prod --spot");
    assert_eq!(
        run(&spot, None, &fx)[0].fix,
        None,
        "--managed=false beside --spot is refused"
    );
}

#[test]
fn skipped_codes_are_not_reported() {
    let fx = facts("0.180.0", without(&["subnet-p-a", "subnet-p-b"]));
    let i = ng_private();
    let subject = Subject::new(&i, None, "prod".into());
    assert!(all(&subject, &fx, &[Code::SubnetDrift]).is_empty());
}
