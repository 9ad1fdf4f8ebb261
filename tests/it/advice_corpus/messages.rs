//! eksctl's own messages on the paths of `create cluster` and `create nodegroup`, read off
//! its source for every release the shim supports (tests/data/advice/eksctl-messages.jsonl,
//! written by scripts/extract-eksctl-messages.py), each with what the advice should make
//! of it. Every format string is filled with sample values and printed the way eksctl
//! prints it (`Error: ...` for an error, `[✖]`/`[!]`/`[ℹ]` log lines), then analysed.

use std::path::PathBuf;

use eksctl_shim::advice::{Advice, Analyzer, Context};
use serde_json::Value;

#[derive(Debug)]
pub struct Message {
    pub call: String,
    pub format: String,
    pub file: String,
    pub versions: String,
    pub expect: String,
    pub why: String,
    pub args: Vec<String>,
}

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/advice")
}

pub fn load() -> Vec<Message> {
    let path = data_dir().join("eksctl-messages.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            Message {
                call: s("call"),
                format: s("format"),
                file: s("file"),
                versions: s("versions"),
                expect: s("expect"),
                why: s("why"),
                args: v["args"]
                    .as_array()
                    .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Go's `fmt` verbs filled in: `args` by position (`%[2]s` included), else a sample
/// value of the verb's kind. `%q` and `%#v` quote, as Go does.
pub fn instantiate(format: &str, args: &[String]) -> String {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    let mut next = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut index = None;
        let mut sharp = false;
        if chars.peek() == Some(&'[') {
            chars.next();
            let n: String = chars.by_ref().take_while(|c| *c != ']').collect();
            index = Some(n.parse::<usize>().expect("verb index") - 1);
        }
        while let Some(f) = chars.next_if(|c| "+-# 0.123456789".contains(*c)) {
            sharp |= f == '#';
        }
        let verb = chars.next().expect("a verb after %");
        if verb == '%' {
            out.push('%');
            continue;
        }
        let i = index.unwrap_or(next);
        next = i + 1;
        let value = args.get(i).cloned().unwrap_or_else(|| match verb {
            'd' => "2".into(),
            'T' => "*v1alpha5.Sample".into(),
            't' => "true".into(),
            'f' | 'g' => "1.5".into(),
            'x' => "ff".into(),
            _ => "sample".into(),
        });
        if verb == 'q' || (verb == 'v' && sharp) {
            out.push_str(&format!("{value:?}"));
        } else {
            out.push_str(&value);
        }
    }
    out
}

/// How eksctl prints a message made by `call`.
pub fn as_printed(call: &str, message: &str) -> String {
    let prefix = match call {
        "critical" => "2026-01-02 15:04:05 [\u{2716}]  ",
        "warning" => "2026-01-02 15:04:05 [!]  ",
        "info" => "2026-01-02 15:04:05 [\u{2139}]  ",
        _ => "Error: ",
    };
    format!("{prefix}{message}")
}

pub fn context() -> Context {
    Context {
        cluster: Some("payments".into()),
        region: Some("ap-south-1".into()),
        nodegroup: Some("workers".into()),
        profile: Some("ops".into()),
    }
}

pub fn analyse(text: &str) -> Vec<Advice> {
    let mut a = Analyzer::new();
    a.feed_text(text.as_bytes());
    a.advice(&context())
}

/// What the advice made of a text: `kind:<code>`, `family:<code>`, or `none`.
pub fn outcome(advice: &[Advice]) -> String {
    match advice.first() {
        None => "none".into(),
        Some(a) if a.role == "family" => format!("family:{}", a.code),
        Some(a) => format!("kind:{}", a.code),
    }
}

/// A message as eksctl would print it, with its sample values.
pub fn printed(m: &Message) -> String {
    as_printed(&m.call, &instantiate(&m.format, &m.args))
}

/// A cause wrapped by the wrappers (`%s: %w` and the like) in the tests.
pub const INNER: &str = "operation error EC2: DescribeSubnets, https response error StatusCode: 400, RequestID: 1c2d, api error InvalidSubnetID.NotFound: The subnet ID 'subnet-0abc' does not exist";

/// Whether a failure (an error or an `[✖]` line) rather than a warning or information.
pub fn is_failure(m: &Message) -> bool {
    matches!(m.call.as_str(), "errorf" | "new" | "critical")
}
