use super::*;

fn ctx() -> Context {
    Context {
        cluster: Some("prod".into()),
        region: Some("eu-west-1".into()),
        nodegroup: Some("ng-1".into()),
    }
}
fn codes(text: &str) -> Vec<&'static str> {
    let mut a = Analyzer::new();
    a.feed_text(text.as_bytes());
    a.advice(&ctx()).into_iter().map(|a| a.code).collect()
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
    }
    assert!(seen.len() >= 60, "only {} kinds", seen.len());
    let _ = compiled();
}

#[test]
fn placeholders_are_filled_from_captures_then_context() {
    let mut a = Analyzer::new();
    a.feed(br#"Error: subnet with ID "subnet-123" is not in the attached VPC with ID "vpc-9""#);
    let advice = a.advice(&ctx());
    assert_eq!(advice[0].code, "subnet-not-in-cluster-vpc");
    assert!(
        advice[0].advice.contains("Values=vpc-9 --region eu-west-1"),
        "{}",
        advice[0].advice
    );
    let unknown = fill("{cluster} {nope}", &Context::default(), &BTreeMap::new());
    assert_eq!(unknown, "<cluster> <nope>");
}

#[test]
fn generic_kinds_only_when_nothing_specific() {
    assert_eq!(
        codes("[✖]  AWS::EC2::Foo/Bar: CREATE_FAILED – \"something new\""),
        ["stack-resource-failed"]
    );
    assert_eq!(
        codes("[✖]  AWS::EC2::EIP/NATIP: CREATE_FAILED – \"Error Code: AddressLimitExceeded\""),
        ["elastic-ip-limit"]
    );
}

#[test]
fn unknown_text_gives_no_advice_and_keeps_the_last_error() {
    let mut a = Analyzer::new();
    a.feed_text(b"2026-01-01 10:00:00 [i]  building cluster stack\nError: something nobody has seen before\n");
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
