//! The advice against eksctl's failure texts:
//! - every message eksctl's create paths can print, read off its source for the releases
//!   the shim supports, gets the kind or family recorded for it (and why);
//! - AWS error codes, in eksctl's errors, stack events and the aws CLI's words;
//! - in-repo fixtures of whole failures get their expected kinds, also reworded;
//! - negative controls (kubectl, terraform, aws CLI, a successful eksctl run) get none;
//! - the shared corpus of real texts, when it is beside the repository.

mod aws_codes;
mod coverage;
mod fixtures;
mod messages;
mod shared;

use eksctl_shim::advice::{self, Advice};
use messages::{INNER, Message, analyse, instantiate, outcome, printed};

fn known_kind(code: &str) -> bool {
    advice::kinds().any(|k| k.code == code && k.role != advice::catalog::Role::Family)
}

fn known_family(code: &str) -> bool {
    advice::catalog::Family::ALL
        .iter()
        .any(|f| f.code() == code)
}

#[test]
fn every_message_has_a_considered_expectation() {
    let all = messages::load();
    assert!(all.len() > 800, "only {} messages", all.len());
    for m in &all {
        let ok = match m.expect.split_once(':') {
            Some(("kind", k)) => known_kind(k),
            Some(("family", f)) => known_family(f),
            None => matches!(m.expect.as_str(), "wrapper" | "none"),
            _ => false,
        };
        assert!(
            ok,
            "{:?} has no valid expectation: {:?}",
            m.format, m.expect
        );
        assert!(
            m.expect.starts_with("kind:") || !m.why.is_empty(),
            "{:?}: say why it is {}",
            m.format,
            m.expect
        );
        assert!(
            !m.versions.is_empty() && m.file.starts_with("pkg/"),
            "{m:?}"
        );
    }
}

/// Every command advised that names a region also names the run's profile, and no name
/// the run knows is left as `<cluster>`, `<region>` or `<nodegroup>`.
fn check_filled(advice: &[Advice]) -> Result<(), String> {
    for a in advice {
        for name in ["<cluster>", "<region>", "<nodegroup>", "<profile>"] {
            if a.advice.contains(name) {
                return Err(format!("{}: {name} left in {}", a.code, a.advice));
            }
        }
        for command in a.advice.split('`').skip(1).step_by(2) {
            if command.contains("--region") && !command.contains("--profile ops") {
                return Err(format!("{}: no --profile in `{command}`", a.code));
            }
        }
    }
    Ok(())
}

#[test]
fn every_message_gets_the_advice_recorded_for_it() {
    let mut wrong = vec![];
    for m in messages::load() {
        let text = printed(&m);
        let advice = analyse(&text);
        if let Err(e) = check_filled(&advice) {
            wrong.push(e);
        }
        if m.expect == "wrapper" {
            continue;
        }
        let got = outcome(&advice);
        if got != m.expect {
            wrong.push(format!(
                "{}: expected {}, got {got}: {text}",
                m.file, m.expect
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} messages:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The message around a known cause: `%w` is the cause; a bare wrapper's every verb is.
fn wrapping(m: &Message) -> String {
    let text = if m.format.contains("%w") {
        instantiate(&m.format.replace("%w", INNER), &m.args)
    } else {
        instantiate(&m.format, &vec![INNER.to_string(); 8])
    };
    messages::as_printed(&m.call, &text)
}

#[test]
fn a_wrapped_cause_is_said_first() {
    let mut wrong = vec![];
    for m in messages::load() {
        let wraps = m.expect == "wrapper" || m.format.contains("%w");
        if !wraps || !messages::is_failure(&m) {
            continue;
        }
        let text = wrapping(&m);
        let got = outcome(&analyse(&text));
        if got != "kind:subnet-not-found" {
            wrong.push(format!("{got}: {text}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} messages:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_reference_states_the_share_recognised() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md");
    let text = std::fs::read_to_string(path).unwrap();
    let section = coverage::section(&coverage::share(&messages::load()));
    let want = crate::common::replace_section(&text, "advice-coverage", &section);
    if std::env::var_os("EKSCTL_SHIM_UPDATE_README").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    assert!(
        text == want,
        "docs/reference.md's advice coverage is stale: run EKSCTL_SHIM_UPDATE_README=1 cargo test --test it advice_corpus"
    );
}

#[test]
fn aws_error_codes_are_recognised_wherever_they_appear() {
    aws_codes::every_code_gets_its_kind_wherever_it_appears();
}

#[test]
fn every_fixture_gets_its_kinds() {
    fixtures::every_fixture_gets_its_kinds();
}

#[test]
fn reworded_fixtures_get_the_same_kinds() {
    fixtures::reworded_fixtures_get_the_same_kinds();
}

#[test]
fn unrelated_and_successful_logs_get_no_advice() {
    fixtures::controls_get_no_advice();
}

#[test]
fn the_shared_corpus_if_present() {
    shared::every_corpus_entry_is_recognised();
}

/// For whoever updates the messages from a new eksctl: `EKSCTL_SHIM_REVIEW=<file>` writes
/// what the advice makes of every message (index, call, outcome, text) to review.
#[test]
fn review_listing_on_request() {
    let Some(out) = std::env::var_os("EKSCTL_SHIM_REVIEW") else {
        return;
    };
    let mut s = String::new();
    for (i, m) in messages::load().iter().enumerate() {
        let text = printed(m);
        let got = outcome(&analyse(&text));
        s.push_str(&format!(
            "{i}\t{}\t{got}\t{}\n",
            m.call,
            text.replace('\n', "\\n")
        ));
    }
    std::fs::write(out, s).unwrap();
}
