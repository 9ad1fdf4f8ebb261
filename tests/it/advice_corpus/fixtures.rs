//! Whole failures written for these tests (tests/data/advice/failures.txt) with the codes
//! expected, the same failures reworded, and logs that must get no advice at all
//! (tests/data/advice/controls/).

use regex::Regex;

use super::messages::{analyse, data_dir};

pub struct Fixture {
    pub name: String,
    pub expect: Vec<String>,
    pub text: String,
}

pub fn load() -> Vec<Fixture> {
    let text = std::fs::read_to_string(data_dir().join("failures.txt")).unwrap();
    let mut out: Vec<Fixture> = vec![];
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("### name: ") {
            out.push(Fixture {
                name: name.to_string(),
                expect: vec![],
                text: String::new(),
            });
        } else if let Some(codes) = line.strip_prefix("### expect: ") {
            let f = out.last_mut().expect("a name before the expectation");
            f.expect = codes.split_whitespace().map(str::to_string).collect();
        } else if let Some(f) = out.last_mut().filter(|_| !line.is_empty()) {
            f.text.push_str(line);
            f.text.push('\n');
        }
    }
    assert!(out.len() >= 40, "only {} fixtures", out.len());
    out
}

fn codes(text: &str) -> Vec<String> {
    analyse(text)
        .into_iter()
        .map(|a| a.code.to_string())
        .collect()
}

pub fn every_fixture_gets_its_kinds() {
    let mut wrong = vec![];
    for f in load() {
        let got = codes(&f.text);
        if got != f.expect {
            wrong.push(format!("{}: expected {:?}, got {got:?}", f.name, f.expect));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The same failure in other words around it: new IDs, names, numbers and timestamps,
/// another log prefix (eksctl's own, a CI runner's before it), colour, CRLF line ends;
/// with `bare`, also without eksctl's timestamp and icon.
pub fn reworded(text: &str, bare: bool) -> Vec<String> {
    let swaps: &[(&str, &str)] = &[
        (
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?",
            "2031-07-04 23:59:59",
        ),
        (r"subnet-[0-9a-zA-Z]+", "subnet-0fedcba987654321f"),
        (r"vpc-[0-9a-zA-Z]+", "vpc-00aa11bb22cc33dd4"),
        (r"\bi-[0-9a-f]{8,17}\b", "i-0ffeeddccbbaa9988"),
        (
            r"(?i)request ?id: [0-9a-zA-Z-]+",
            "RequestID: 4c1d7a2e-9f3b-4e2a-8d6c-1b2a3c4d5e6f",
        ),
        (r"\b\d{12}\b", "210987654321"),
        (
            r"(?:us|eu|ap|sa)-(?:east|west|north|south|northeast|southeast|central)-\d",
            "ca-central-1",
        ),
        (
            r#""(?:kungen-1|my-clstr|TestCluster|lzrs-op-local-cp|xxxxxxxxx|ng-1|eksworkshop\.yaml|payments|ci-1234)""#,
            "\"team-blue-7\"",
        ),
        (
            r"eksctl-(?:abcd|helix|sandbox|managed-cluster1|payments|ci-1234)-",
            "eksctl-team-blue-7-",
        ),
        (
            r"--(name|cluster)=(?:payments|ci-1234)\b",
            "--$1=team-blue-7",
        ),
    ];
    let mut base = text.to_string();
    for (from, to) in swaps {
        base = Regex::new(from)
            .unwrap()
            .replace_all(&base, *to)
            .into_owned();
    }
    let icons = Regex::new(r"(?m)^(?:\d{4}-\d{2}-\d{2}[T ]\S+ )?(?:\[[^\]]{1,3}\]\s+)?").unwrap();
    let stripped = icons.replace_all(&base, "").into_owned();
    let mut out = vec![
        base.clone(),
        stripped
            .lines()
            .map(|l| format!("2031-07-04 23:59:59 [\u{2716}]  {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        base.lines()
            .map(|l| format!("2031-07-04T23:59:59.1234567Z {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        base.lines()
            .map(|l| format!("\x1b[31m{l}\x1b[0m"))
            .collect::<Vec<_>>()
            .join("\n"),
        base.replace('\n', "\r\n"),
    ];
    if bare {
        out.push(stripped);
    }
    out
}

pub fn reworded_fixtures_get_the_same_kinds() {
    let mut wrong = vec![];
    for f in load() {
        for (i, variant) in reworded(&f.text, false).iter().enumerate() {
            let got = codes(variant);
            // Every line marked as an error (variant 1) may add the family of a line
            // that was only a warning; what was expected must still come, in order.
            let ok = if i == 1 {
                got.iter()
                    .filter(|c| f.expect.contains(c))
                    .eq(f.expect.iter())
            } else {
                got == f.expect
            };
            if !ok {
                wrong.push(format!(
                    "{} (variant {i}): expected {:?}, got {got:?}\n{variant}",
                    f.name, f.expect
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

pub fn controls_get_no_advice() {
    let dir = data_dir().join("controls");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let advice = analyse(&text);
        assert!(advice.is_empty(), "{}: {advice:#?}", path.display());
        n += 1;
    }
    assert!(n >= 4, "only {n} controls");
}
