//! `check --output junit`: a JUnit XML report for GitLab, Jenkins and the like. One test
//! suite per cluster (`prod (eu-west-1)`), one test case per check code: a failure for a
//! finding that fails the gate (`--fail-on`), passed with the finding in its output otherwise, skipped for a
//! code skipped by `--skip`/`EKSCTL_SHIM_SKIP`. A cluster that could not be checked is
//! one test case in error.

use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};

use super::sink::xml;
use crate::checks::{Code, Finding, Severity};
use crate::commands::check::Report;

/// `fail_on`: the least severe finding that fails the gate.
pub fn render(reports: &[Report], skipped: &[Code], fail_on: Severity) -> String {
    let mut junit = Junit::new("eksctl-shim check");
    for r in reports {
        let place = r.region.as_deref().unwrap_or("no region");
        let mut suite = TestSuite::new(xml(&format!("{} ({place})", r.cluster)).into_owned());
        let classname = xml(&format!("{}.{place}", r.cluster)).into_owned();
        match &r.error {
            Some(why) if r.not_run.is_empty() => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(xml(why).into_owned());
                let mut case = TestCase::new("checked", status);
                case.set_classname(classname.clone());
                suite.add_test_case(case);
            }
            // The checks of the commands checked for (`--for`), and no others; one that
            // could not run (a fact it reads could not be read) is in error.
            why => {
                for code in r.codes() {
                    let mut case = case_for(code, &r.findings, skipped, &classname, fail_on);
                    if r.not_run.contains(&code) {
                        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                        status.set_message(xml(why.as_deref().unwrap_or_default()).into_owned());
                        case.status = status;
                    }
                    suite.add_test_case(case);
                }
            }
        }
        junit.add_test_suite(suite);
    }
    super::sink::xml_document(&junit.to_string().unwrap_or_default()).into_owned()
}

fn case_for(
    code: Code,
    findings: &[Finding],
    skipped: &[Code],
    classname: &str,
    fail_on: Severity,
) -> TestCase {
    let mine: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
    let said = |fs: &[&Finding]| {
        fs.iter()
            .map(|f| {
                format!(
                    "{}: {}\nWhat to do: {}",
                    f.severity, f.message, f.remediation
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let errors: Vec<&Finding> = mine
        .iter()
        .copied()
        .filter(|f| f.severity >= fail_on)
        .collect();
    let status = if skipped.contains(&code) {
        TestCaseStatus::skipped()
    } else if errors.is_empty() {
        TestCaseStatus::success()
    } else {
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
        s.set_message(xml(&errors[0].message).into_owned());
        s.set_type(code.as_str());
        s.set_description(xml(&said(&errors)).into_owned());
        s
    };
    let mut case = TestCase::new(code.as_str(), status);
    case.set_classname(classname);
    if errors.is_empty() && !mine.is_empty() {
        case.set_system_out(xml(&said(&mine)).into_owned());
    }
    case
}
