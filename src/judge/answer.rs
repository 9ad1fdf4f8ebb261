//! Reading eksctl's answers: its exit, and its last `Error:` line read by the advice
//! catalog (each of eksctl's texts is known in one place, `src/advice/catalog`).

use super::question::{Expect, Question};
use super::{Asked, Verdict};

/// How one eksctl run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    Code(i32),
    Signal(i32),
    /// Killed at the deadline.
    TimedOut(std::time::Duration),
    /// Not started, or not waited for (the error said).
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub ended: Ended,
    /// The end of eksctl's stderr (bounded).
    pub stderr: Vec<u8>,
}

/// eksctl's last `Error: ` line, without the prefix (cobra prints it last, on stderr).
pub fn said(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    text.lines().rev().find_map(|l| {
        l.find("Error: ")
            .map(|at| l[at + "Error: ".len()..].trim_end().to_string())
    })
}

enum Reading {
    /// Go on to the next question.
    Passed,
    Stop(Verdict),
}

fn read(q: &Question, a: &Answer) -> Reading {
    let said = said(&a.stderr);
    match (&a.ended, &q.expect) {
        (Ended::Signal(libc::SIGINT), _) => Reading::Stop(Verdict::Interrupted),
        (Ended::Code(0), Expect::Accepted | Expect::RefusedOnlyBesideDryRun(_)) => Reading::Passed,
        (Ended::Code(0), Expect::FailsOnlyOn(_)) => Reading::Stop(Verdict::NotNeeded),
        (Ended::Code(code), expect) => {
            let Some(said) = said else {
                return Reading::Stop(Verdict::CouldNotAsk {
                    why: format!("eksctl --dry-run exited {code} without an `Error:` line"),
                });
            };
            let fixes_this = match expect {
                Expect::FailsOnlyOn(kinds) => crate::advice::kinds_in(said.as_bytes())
                    .iter()
                    .any(|k| kinds.contains(k)),
                Expect::Accepted => false,
                Expect::RefusedOnlyBesideDryRun(flags) => flags
                    .iter()
                    .any(|f| said.starts_with(&format!("cannot use --{f} with --dry-run"))),
            };
            match (fixes_this, q.about) {
                (true, _) => Reading::Passed,
                (false, "as rewritten") => Reading::Stop(Verdict::RewriteRefused { said }),
                (false, _) => Reading::Stop(Verdict::Refused { said }),
            }
        }
        (Ended::Signal(s), _) => Reading::Stop(Verdict::CouldNotAsk {
            why: format!("eksctl --dry-run died of signal {s}"),
        }),
        (Ended::TimedOut(after), _) => Reading::Stop(Verdict::CouldNotAsk {
            why: format!(
                "eksctl --dry-run did not answer within {:.0}s",
                after.as_secs_f64()
            ),
        }),
        (Ended::Failed(why), _) => Reading::Stop(Verdict::CouldNotAsk {
            why: format!("eksctl --dry-run could not be run: {why}"),
        }),
    }
}

/// The verdict on the answers, read in the order the questions were put (the command as
/// written first: a refusal of it decides whatever the rewrite's answer was).
pub fn verdict(questions: &[Question], answers: &[Answer]) -> (Verdict, Vec<Asked>) {
    let asked: Vec<Asked> = questions
        .iter()
        .zip(answers)
        .map(|(q, a)| Asked {
            about: q.about,
            args: q
                .args
                .iter()
                .map(|w| w.to_string_lossy().into_owned())
                .collect(),
            code: match a.ended {
                Ended::Code(c) => Some(c),
                _ => None,
            },
            said: said(&a.stderr),
        })
        .collect();
    // Ctrl-C reaches every eksctl asked at once: any of them dying of it decides.
    if answers
        .iter()
        .any(|a| a.ended == Ended::Signal(libc::SIGINT))
    {
        return (Verdict::Interrupted, asked);
    }
    for (q, a) in questions.iter().zip(answers) {
        if let Reading::Stop(v) = read(q, a) {
            return (v, asked);
        }
    }
    (Verdict::Accepted, asked)
}
