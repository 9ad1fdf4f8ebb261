//! AWS error codes, each recognised by code wherever eksctl's output carries it: the
//! SDK's error in eksctl's `Error:` line, a failed stack event, the aws CLI's message
//! (tests/data/advice/aws-codes.tsv).

use super::messages::{analyse, data_dir, outcome};

struct Code {
    code: String,
    service: String,
    operation: String,
    resource: Option<String>,
    kind: String,
}

fn load() -> Vec<Code> {
    let text = std::fs::read_to_string(data_dir().join("aws-codes.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "{l}");
            Code {
                code: f[0].into(),
                service: f[1].into(),
                operation: f[2].into(),
                resource: (f[3] != "-").then(|| f[3].to_string()),
                kind: f[4].into(),
            }
        })
        .collect()
}

/// The places a code shows up in, as eksctl and the aws CLI print them.
fn contexts(c: &Code) -> Vec<String> {
    const MESSAGE: &str = "the request was refused";
    // Query-protocol services say `api error CODE`, JSON-protocol ones `CODE`.
    let api = if matches!(c.service.as_str(), "EC2" | "CloudFormation" | "IAM" | "STS") {
        "api error "
    } else {
        ""
    };
    let mut out = vec![
        format!(
            "Error: operation error {}: {}, https response error StatusCode: 400, RequestID: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, {api}{}: {MESSAGE}",
            c.service, c.operation, c.code
        ),
        format!(
            "An error occurred ({}) when calling the {} operation: {MESSAGE}",
            c.code, c.operation
        ),
    ];
    if let Some(resource) = &c.resource {
        let status = if c.operation.starts_with("Delete") {
            "DELETE_FAILED"
        } else {
            "CREATE_FAILED"
        };
        out.push(format!(
            "2026-03-02 10:00:00 [\u{2716}]  {resource}/Resource: {status} \u{2013}\u{a0}\"{MESSAGE} (Service: Amazon{}; Status Code: 400; Error Code: {}; Request ID: 0a1b2c3d-4e5f)\"",
            c.service, c.code
        ));
    }
    out
}

pub fn every_code_gets_its_kind_wherever_it_appears() {
    let codes = load();
    assert!(codes.len() >= 50, "only {} codes", codes.len());
    let mut wrong = vec![];
    for c in &codes {
        for text in contexts(c) {
            let got = outcome(&analyse(&text));
            if got != format!("kind:{}", c.kind) {
                wrong.push(format!(
                    "{}: expected {}, got {got}: {text}",
                    c.code, c.kind
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
