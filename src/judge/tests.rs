use std::ffi::OsString;
use std::time::Duration;

use super::answer::{Answer, Ended, verdict};
use super::question::{Expect, Question, questions};
use super::*;
use crate::checks::Fix;
use crate::config::ConfigInput;
use crate::invocation::{ConfigSource, Intercepted, Invocation};
use crate::plan::{Arg, Plan, Step};

fn inv(kind: Intercepted, line: &[&str]) -> Invocation {
    Invocation::parse(kind, line.iter().map(OsString::from).collect())
}

fn words(args: &[OsString]) -> Vec<String> {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

fn one_step(args: Vec<Arg>, config: Option<&str>) -> Plan {
    Plan {
        steps: vec![Step {
            args,
            config: config.map(|c| c.as_bytes().to_vec()),
            config_fd: None,
            label: "eksctl".into(),
        }],
        changes: vec![],
        rewritten: None,
    }
}

fn pin() -> Fix {
    Fix::PinSubnets {
        nodegroup: Some("ng-1".into()),
        subnets: vec!["subnet-1".into()],
    }
}

fn w(s: &str) -> Arg {
    Arg::Word(s.into())
}

#[test]
fn a_pin_asks_the_command_as_written_and_as_rewritten_with_dry_run_and_without_the_profile() {
    let i = inv(
        Intercepted::CreateNodegroup,
        &[
            "create",
            "nodegroup",
            "-f",
            "ng.yaml",
            "--profile",
            "prod",
            "--timeout=30m",
        ],
    );
    let plan = one_step(
        vec![
            w("create"),
            w("nodegroup"),
            w("--config-file"),
            Arg::ConfigPath,
            w("--profile"),
            w("prod"),
            w("--timeout=30m"),
        ],
        Some("rewritten: yes\n"),
    );
    let fix = pin();
    let q = questions(&i, None, &plan, &[&fix]).unwrap();
    assert_eq!(q.len(), 3);
    assert_eq!(
        words(&q[0].args),
        ["create", "nodegroup", "-f", "ng.yaml", "--dry-run"]
    );
    assert_eq!(q[0].stdin, None, "eksctl reads the user's file itself");
    assert_eq!(
        q[0].expect,
        Expect::FailsOnlyOn(vec!["subnets-all-deleted"])
    );
    // The values of the flags left out are asked with them kept.
    assert_eq!(
        words(&q[1].args),
        [
            "create",
            "nodegroup",
            "-f",
            "ng.yaml",
            "--timeout=30m",
            "--dry-run"
        ]
    );
    assert_eq!(
        q[1].expect,
        Expect::RefusedOnlyBesideDryRun(vec!["timeout".into()])
    );
    assert_eq!(
        words(&q[2].args),
        ["create", "nodegroup", "--config-file", "-", "--dry-run"]
    );
    assert_eq!(q[2].stdin.as_deref(), Some(&b"rewritten: yes\n"[..]));
    assert_eq!(q[2].expect, Expect::Accepted);
}

/// A value pflag refuses (`--timeout 30`) fails before any rule of eksctl's: the question
/// that keeps the flag sees it, and the rewrite does not run (found by the differential
/// suite's `refused-timeout-unit`).
#[test]
fn a_flag_value_eksctl_cannot_parse_stops_the_rewrite() {
    let i = inv(
        Intercepted::CreateNodegroup,
        &["create", "ng", "--cluster", "c", "--timeout", "30"],
    );
    let plan = one_step(
        vec![
            w("create"),
            w("ng"),
            w("--cluster"),
            w("c"),
            w("--timeout"),
            w("30"),
            w("--subnet-ids=subnet-1"),
        ],
        None,
    );
    let fix = pin();
    let q = questions(&i, None, &plan, &[&fix]).unwrap();
    let parse = "Error: invalid argument \"30\" for \"--timeout\" flag: time: missing unit in duration \"30\"\n";
    let (v, _) = verdict(&q, &[ended(1, DRIFT), ended(1, parse), ended(0, "")]);
    assert_eq!(
        v,
        Verdict::Refused {
            said: parse["Error: ".len()..].trim_end().into()
        }
    );
    let beside = "Error: cannot use --timeout with --dry-run as this option cannot be represented in ClusterConfig\n";
    let (v, _) = verdict(&q, &[ended(1, DRIFT), ended(1, beside), ended(0, "")]);
    assert_eq!(v, Verdict::Accepted);
    let (v, _) = verdict(&q, &[ended(1, DRIFT), ended(0, ""), ended(0, "")]);
    assert_eq!(
        v,
        Verdict::Accepted,
        "a version that takes it beside --dry-run"
    );
}

#[test]
fn a_config_read_from_stdin_is_given_back_on_stdin() {
    let i = inv(Intercepted::CreateNodegroup, &["create", "ng", "-f", "-"]);
    let input = ConfigInput {
        source: ConfigSource::Stdin,
        raw: b"from: stdin\n".to_vec(),
        consumed: true,
        error: None,
    };
    let plan = one_step(
        vec![w("create"), w("ng"), w("--config-file"), Arg::ConfigPath],
        Some("x"),
    );
    let fix = pin();
    let q = questions(&i, Some(&input), &plan, &[&fix]).unwrap();
    assert_eq!(
        words(&q[0].args),
        ["create", "ng", "--config-file", "-", "--dry-run"]
    );
    assert_eq!(q[0].stdin.as_deref(), Some(&b"from: stdin\n"[..]));
}

#[test]
fn a_split_asks_only_the_command_as_written_and_needs_it_accepted() {
    let i = inv(
        Intercepted::CreateCluster,
        &[
            "create",
            "cluster",
            "-f",
            "c.yaml",
            "--write-kubeconfig=false",
        ],
    );
    let plan = Plan {
        steps: vec![
            Step {
                args: vec![w("create"), w("cluster")],
                config: None,
                config_fd: None,
                label: "1".into(),
            },
            Step {
                args: vec![w("create"), w("nodegroup")],
                config: None,
                config_fd: None,
                label: "2".into(),
            },
        ],
        changes: vec![],
        rewritten: None,
    };
    let fix = Fix::SplitCreateCluster {
        self_managed: vec!["ng".into()],
    };
    let q = questions(&i, None, &plan, &[&fix]).unwrap();
    assert_eq!(q.len(), 2, "as written, and its flag values");
    assert_eq!(
        words(&q[0].args),
        ["create", "cluster", "-f", "c.yaml", "--dry-run"]
    );
    assert_eq!(q[0].expect, Expect::Accepted);
    assert_eq!(
        q[1].expect,
        Expect::RefusedOnlyBesideDryRun(vec!["write-kubeconfig".into()])
    );
}

fn ended(code: i32, stderr: &str) -> Answer {
    Answer {
        ended: Ended::Code(code),
        stderr: stderr.as_bytes().to_vec(),
    }
}

fn asked_pin() -> Vec<Question> {
    let i = inv(
        Intercepted::CreateNodegroup,
        &["create", "ng", "--cluster", "c"],
    );
    let plan = one_step(
        vec![
            w("create"),
            w("ng"),
            w("--cluster"),
            w("c"),
            w("--subnet-ids=subnet-1"),
        ],
        None,
    );
    let fix = pin();
    questions(&i, None, &plan, &[&fix]).unwrap()
}

const DRIFT: &str = "Error: all private subnets from vpc-1, that the cluster was originally created on, have been deleted; to create private nodegroups within vpc-1 please manually set valid private subnets via nodeGroup.SubnetIDs\n";

#[test]
fn the_drift_error_after_validation_and_an_accepted_rewrite_let_the_pin_run() {
    let (v, asked) = verdict(&asked_pin(), &[ended(1, DRIFT), ended(0, "")]);
    assert_eq!(v, Verdict::Accepted);
    assert_eq!(asked[0].code, Some(1));
    assert!(
        asked[0]
            .said
            .as_deref()
            .unwrap()
            .starts_with("all private subnets")
    );
}

#[test]
fn any_other_refusal_of_the_command_as_written_stops_the_rewrite() {
    let refused = "Error: couldn't create node group filter from command line options: nodeGroups[0].efaEnabled nodegroups must have only one subnet or one availability zone\n";
    let (v, _) = verdict(&asked_pin(), &[ended(1, refused), ended(0, "")]);
    assert_eq!(
        v,
        Verdict::Refused { said: "couldn't create node group filter from command line options: nodeGroups[0].efaEnabled nodegroups must have only one subnet or one availability zone".into() }
    );
}

#[test]
fn a_command_eksctl_accepts_as_written_is_not_changed() {
    let (v, _) = verdict(&asked_pin(), &[ended(0, ""), ended(0, "")]);
    assert_eq!(v, Verdict::NotNeeded);
}

#[test]
fn a_refused_rewrite_is_not_run() {
    let (v, _) = verdict(
        &asked_pin(),
        &[
            ended(1, DRIFT),
            ended(1, "Error: subnet subnet-1 is specified as private\n"),
        ],
    );
    assert_eq!(
        v,
        Verdict::RewriteRefused {
            said: "subnet subnet-1 is specified as private".into()
        }
    );
}

#[test]
fn an_answer_that_cannot_be_read_is_never_a_pass() {
    for a in [
        ended(1, "panic: runtime error\n"),
        Answer {
            ended: Ended::TimedOut(Duration::from_secs(30)),
            stderr: vec![],
        },
        Answer {
            ended: Ended::Signal(libc::SIGKILL),
            stderr: vec![],
        },
        Answer {
            ended: Ended::Failed("ENOENT".into()),
            stderr: vec![],
        },
    ] {
        let (v, _) = verdict(&asked_pin(), &[a.clone(), ended(0, "")]);
        assert!(matches!(v, Verdict::CouldNotAsk { .. }), "{a:?} gave {v:?}");
        let (v, _) = verdict(&asked_pin(), &[ended(1, DRIFT), a.clone()]);
        assert!(
            matches!(v, Verdict::CouldNotAsk { .. }),
            "{a:?} (rewrite) gave {v:?}"
        );
    }
}

#[test]
fn ctrl_c_while_asking_is_an_interruption() {
    let sigint = Answer {
        ended: Ended::Signal(libc::SIGINT),
        stderr: vec![],
    };
    let (v, _) = verdict(&asked_pin(), &[ended(1, DRIFT), sigint]);
    assert_eq!(v, Verdict::Interrupted);
}

#[test]
fn the_last_error_line_is_eksctls_word() {
    let err = "2026-01-01 [ℹ]  eksctl version 0.200.0\nError: first\nError: the last one  \n";
    assert_eq!(
        super::answer::said(err.as_bytes()).as_deref(),
        Some("the last one")
    );
    assert_eq!(super::answer::said(b"no error here\n"), None);
}

#[test]
fn every_failure_a_fix_waits_for_is_a_kind_of_the_catalog() {
    let codes: Vec<&str> = crate::advice::kinds().map(|k| k.code).collect();
    let i = inv(
        Intercepted::CreateNodegroup,
        &["create", "ng", "--cluster", "c"],
    );
    let plan = one_step(vec![w("create"), w("ng")], None);
    for fix in [pin(), Fix::Unmanaged] {
        let q = questions(&i, None, &plan, &[&fix]).unwrap();
        let Expect::FailsOnlyOn(kinds) = &q[0].expect else {
            panic!("{fix:?}")
        };
        for k in kinds {
            assert!(codes.contains(k), "{k} is not in the catalog");
        }
    }
    assert_eq!(
        crate::advice::kinds_in(b"Managed Nodegroups are not supported on Outposts; please rerun the command with --managed=false"),
        ["outposts-managed-nodegroup"]
    );
}

#[test]
fn a_verdict_s_word_is_its_json_tag() {
    let said = || "x".to_string();
    for v in [
        Verdict::Accepted,
        Verdict::Refused { said: said() },
        Verdict::NotNeeded,
        Verdict::RewriteRefused { said: said() },
        Verdict::CouldNotAsk { why: said() },
        Verdict::Interrupted,
    ] {
        assert_eq!(serde_json::to_value(&v).unwrap()["verdict"], v.word());
    }
}
