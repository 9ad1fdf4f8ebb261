use super::*;

fn ng(line: &str) -> Invocation {
    Invocation::parse(
        Intercepted::CreateNodegroup,
        line.split_whitespace().map(OsString::from).collect(),
    )
}
fn parse(command: Intercepted, line: &str) -> Invocation {
    Invocation::parse(
        command,
        line.split_whitespace().map(OsString::from).collect(),
    )
}
fn cluster(line: &str) -> Invocation {
    Invocation::parse(
        Intercepted::CreateCluster,
        line.split_whitespace().map(OsString::from).collect(),
    )
}

#[test]
fn nodegroup_flags_in_every_form() {
    for line in [
        "create nodegroup --cluster prod --region eu-west-1 --profile ops --name ng-1",
        "create ng -c prod -r eu-west-1 -p ops -n ng-1",
        "create ng -cprod -reu-west-1 -pops ng-1",
        "-v 4 create --color=false ng --cluster=prod --region=eu-west-1 --profile=ops ng-1",
    ] {
        let inv = ng(line);
        assert_eq!(inv.cluster.as_deref(), Some("prod"), "{line}");
        assert_eq!(inv.region.as_deref(), Some("eu-west-1"), "{line}");
        assert_eq!(inv.profile.as_deref(), Some("ops"), "{line}");
        assert_eq!(inv.nodegroup_name.as_deref(), Some("ng-1"), "{line}");
        assert!(inv.refused.is_empty(), "{line}: {:?}", inv.refused);
    }
}

#[test]
fn update_auth_configmap_has_three_states() {
    assert_eq!(
        ng("create ng -c x").update_auth_configmap,
        AuthConfigMapFlag::Absent
    );
    assert_eq!(
        ng("create ng -c x --update-auth-configmap").update_auth_configmap,
        AuthConfigMapFlag::True
    );
    assert_eq!(
        ng("create ng -c x --update-auth-configmap=true").update_auth_configmap,
        AuthConfigMapFlag::True
    );
    assert_eq!(
        ng("create ng -c x --update-auth-configmap=false").update_auth_configmap,
        AuthConfigMapFlag::False
    );
    assert_eq!(
        ng("create ng -c x --update-auth-configmap=0").update_auth_configmap,
        AuthConfigMapFlag::False
    );
    // A boolean does not take the next word: `false` here is a (second) name.
    assert_eq!(
        ng("create ng -c x --update-auth-configmap false").update_auth_configmap,
        AuthConfigMapFlag::True
    );
}

#[test]
fn managed_defaults_to_true_and_private_networking_to_false() {
    let inv = ng("create ng -c x");
    assert!(inv.managed && !inv.private_networking && !inv.dry_run);
    let inv = ng("create ng -c x --managed=false -P --dry-run");
    assert!(!inv.managed && inv.private_networking && inv.dry_run);
}

#[test]
fn config_file_and_stdin() {
    assert_eq!(
        ng("create ng -f a.yaml").config,
        Some(ConfigSource::File("a.yaml".into()))
    );
    assert_eq!(
        ng("create ng --config-file=-").config,
        Some(ConfigSource::Stdin)
    );
    assert_eq!(ng("create ng -f -").config, Some(ConfigSource::Stdin));
}

#[test]
fn include_exclude_and_subnets_are_lists() {
    let inv = ng("create ng -f a.yaml --include=ng-*,x --include y --exclude z");
    assert_eq!(inv.include, ["ng-*", "x", "y"]);
    assert_eq!(inv.exclude, ["z"]);
    assert!(inv.refused.is_empty());
    let inv = ng("create ng -c c --subnet-ids subnet-1,subnet-2 --subnet-ids=subnet-3");
    assert_eq!(inv.subnet_ids, ["subnet-1", "subnet-2", "subnet-3"]);
}

#[test]
fn cluster_name_for_create_cluster() {
    assert_eq!(
        cluster("create cluster --name a").cluster.as_deref(),
        Some("a")
    );
    assert_eq!(cluster("create cluster a").cluster.as_deref(), Some("a"));
    assert_eq!(cluster("create cluster -f c.yaml").cluster, None);
    assert!(cluster("create cluster --without-nodegroup").without_nodegroup);
}

#[test]
fn combinations_eksctl_refuses_are_recognised() {
    for line in [
        "create ng -f a.yaml --region x",
        "create ng -f a.yaml --cluster x",
        "create ng -f a.yaml --name x",
        "create ng -f a.yaml ng-1",
        "create ng -f a.yaml --managed=false",
        "create ng -f a.yaml --nodes 3",
        "create ng -c x --include a",
        "create ng -c x --exclude a",
        "create ng -c x --dry-run --update-auth-configmap",
        "create ng -c x a b",
        "create ng -c x --name a b",
        "create ng -c x --managed=maybe",
        "create ng -c x --cluster",
        "create ng -c x --version 1.32 --nodes",
    ] {
        assert!(!ng(line).refused.is_empty(), "{line}");
    }
    // Unknown to the shim is not refused by eksctl: a newer eksctl may know it.
    for line in ["create ng -c x --frobnicate", "create ng -c x -Z"] {
        let i = ng(line);
        assert!(i.refused.is_empty() && !i.unknown.is_empty(), "{line}");
    }
    assert!(
        ng("create ng -f a.yaml --update-auth-configmap --subnet-ids s")
            .refused
            .is_empty()
    );
}

/// Each loader's own `flagsIncompatibleWithConfigFile` (command_flags.rs cites them).
#[test]
fn what_is_refused_beside_f_depends_on_the_command() {
    let parse = |command, line: &str| {
        Invocation::parse(
            command,
            line.split_whitespace().map(OsString::from).collect(),
        )
    };
    let entry = |line| parse(Intercepted::CreateAccessEntry, line);
    for line in [
        "create accessentry -f c.yaml --region eu-west-1",
        "create accessentry -f c.yaml --cluster prod",
        "create accessentry -f c.yaml prod",
    ] {
        assert!(entry(line).refused.is_empty(), "{line}");
    }
    for line in [
        "create accessentry -f c.yaml --principal-arn arn:aws:iam::1:role/x",
        "create accessentry -f c.yaml --kubernetes-groups a",
    ] {
        assert!(!entry(line).refused.is_empty(), "{line}");
    }
    let fargate = |line| parse(Intercepted::CreateFargateProfile, line);
    for line in [
        "create fargateprofile -f c.yaml --namespace apps",
        "create fargateprofile -f c.yaml --name fp",
        "create fargateprofile -f c.yaml --region eu-west-1",
        "create fargateprofile -f c.yaml fp",
    ] {
        assert!(!fargate(line).refused.is_empty(), "{line}");
    }
    assert!(
        fargate("create fargateprofile -f c.yaml --profile ops")
            .refused
            .is_empty()
    );
}

/// `create cluster`'s own flags beside -f, and the flags that need -f.
#[test]
fn create_cluster_refuses_its_network_flags_beside_f_and_some_flags_without_it() {
    for line in [
        "create cluster -f c.yaml --zones us-west-2a,us-west-2b",
        "create cluster -f c.yaml --vpc-private-subnets subnet-1,subnet-2",
        "create cluster -f c.yaml --tags a=b",
        "create cluster -f c.yaml --fargate",
        "create cluster --name x --install-vpc-controllers",
        "create cluster --name x --include ng-1",
    ] {
        assert!(!cluster(line).refused.is_empty(), "{line}");
    }
    for line in [
        "create cluster --name x --zones us-west-2a,us-west-2b --tags a=b",
        "create cluster -f c.yaml --install-vpc-controllers",
    ] {
        assert!(
            cluster(line).refused.is_empty(),
            "{line}: {:?}",
            cluster(line).refused
        );
    }
}

/// Each create command has flags the other lacks: eksctl stops on them (`unknown flag`).
#[test]
fn a_flag_of_the_other_create_command_is_unknown() {
    assert_eq!(
        cluster("create cluster -f c.yaml --include ng-1").unknown,
        ["include"]
    );
    assert_eq!(
        cluster("create cluster --name x --subnet-ids s-1").unknown,
        ["subnet-ids"]
    );
    assert_eq!(
        ng("create ng --cluster x --zones us-west-2a").unknown,
        ["zones"]
    );
    assert_eq!(
        ng("create ng --cluster x --with-oidc").unknown,
        ["with-oidc"]
    );
}

/// The loaders' flag rules (refusals.rs cites them).
#[test]
fn managed_dry_run_and_zone_rules_are_eksctl_s() {
    for line in [
        "create ng --cluster x --managed=false --spot",
        "create ng --cluster x --managed=false --instance-types m5.large",
        "create ng --cluster x --version 1.30",
        "create ng --cluster x --dry-run --profile ops",
        "create ng --cluster x --dry-run --timeout 10m",
        "create ng --cluster x --subnet-ids s-1 --node-zones us-west-2a",
        "create cluster --name x --managed=false --spot",
        "create cluster --name x --dry-run --kubeconfig k",
        "create cluster -f c.yaml --dry-run --authenticator-role-arn r",
        "create cluster --name x --node-zones us-west-2a",
        "create cluster --name x --zones us-west-2a,us-west-2b --node-zones us-west-2c",
    ] {
        let i = if line.contains(" ng ") {
            ng(line)
        } else {
            cluster(line)
        };
        assert!(!i.refused.is_empty(), "{line}");
    }
    for line in [
        "create ng --cluster x --managed=false --version 1.30",
        "create ng --cluster x --spot --instance-types m5.large,m5a.large",
        "create ng -f c.yaml --dry-run --include ng-1",
        "create cluster --name x --zones us-west-2a,us-west-2b --node-zones us-west-2a",
        "create cluster --name x --version 1.30",
    ] {
        let i = if line.contains(" ng ") {
            ng(line)
        } else {
            cluster(line)
        };
        assert!(i.refused.is_empty(), "{line}: {:?}", i.refused);
    }
}

/// Help asked in any form pflag takes: eksctl prints it and does nothing, so nothing is
/// checked or changed.
#[test]
fn help_in_any_form_is_left_to_eksctl() {
    for line in [
        "create ng --cluster x -Ph",
        "create ng --cluster x --help=1",
        "create ng --cluster x -h=true",
    ] {
        assert!(!ng(line).refused.is_empty(), "{line}");
    }
    assert!(ng("create ng --cluster x --help=false").refused.is_empty());
}

/// `--include` and `--only` share one variable: a flag's first use replaces it.
#[test]
fn include_and_only_replace_each_other_as_pflag_does() {
    assert_eq!(
        ng("create ng -f c.yaml --include a --only b").include,
        ["b"]
    );
    assert_eq!(
        ng("create ng -f c.yaml --include a --only b --include c").include,
        ["b", "c"]
    );
    assert_eq!(
        ng("create ng -f c.yaml --include a,b --include c").include,
        ["a", "b", "c"]
    );
}

#[test]
fn iamidentitymapping_takes_the_last_of_cluster_and_its_deprecated_name() {
    let parse = |line: &str| {
        Invocation::parse(
            Intercepted::CreateIamIdentityMapping,
            line.split_whitespace().map(OsString::from).collect(),
        )
        .cluster
    };
    assert_eq!(
        parse("create iamidentitymapping --cluster a --name b").as_deref(),
        Some("b")
    );
    assert_eq!(
        parse("create iamidentitymapping --name b --cluster a").as_deref(),
        Some("a")
    );
    assert_eq!(parse("create iamidentitymapping c").as_deref(), Some("c"));
}

#[test]
fn access_entries_and_authentication_modes_arrived_in_0_167() {
    use super::command_flags::command_since;
    assert_eq!(command_since(Intercepted::CreateAccessEntry), Some(167));
    assert_eq!(
        command_since(Intercepted::UpdateAuthenticationMode),
        Some(167)
    );
    assert_eq!(command_since(Intercepted::CreateNodegroup), None);
}

/// Audit v2 C1: `create fargateprofile -n` is no flag of eksctl's (its `--name` has no
/// shorthand), so the shim does not read it as one.
#[test]
fn a_shorthand_the_command_does_not_have_is_unknown() {
    let fargate = |line| parse(Intercepted::CreateFargateProfile, line);
    assert_eq!(
        fargate("create fargateprofile --cluster prod -n fp").unknown,
        ["-n"]
    );
    // `-l` takes the rest of the word: `n=x` is its value, not a flag.
    assert!(
        fargate("create fargateprofile --cluster prod -ln=x")
            .unknown
            .is_empty()
    );
    assert!(
        fargate("create fargateprofile --cluster prod --name fp -l a=b")
            .unknown
            .is_empty()
    );
    assert!(ng("create ng -c prod -n ng-1").unknown.is_empty());
}

/// Audit v2 C1: the metadata loaders refuse a cluster name flag beside a name argument
/// (`validateMetadataWithoutConfigFile`), an empty flag value excepted.
#[test]
fn a_cluster_flag_beside_a_name_argument_is_refused_by_the_metadata_loaders() {
    let mapping = |line| parse(Intercepted::CreateIamIdentityMapping, line);
    let vpc = |line| parse(Intercepted::UpdateClusterVpcConfig, line);
    assert_eq!(
        mapping("create iamidentitymapping --cluster a b --arn x").refused,
        ["--cluster=a and argument b cannot be used at the same time"]
    );
    assert_eq!(
        vpc("utils update-cluster-vpc-config --cluster a b --private-access").refused,
        ["--cluster=a and argument b cannot be used at the same time"]
    );
    assert!(
        vpc("utils update-cluster-vpc-config --cluster= b --private-access")
            .refused
            .is_empty()
    );
    assert!(vpc("utils update-cluster-vpc-config b").refused.is_empty());
}
