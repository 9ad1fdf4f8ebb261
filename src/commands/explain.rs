//! `eksctl-shim explain [FILE|-]`: the advice for a saved eksctl log, streamed through
//! the matcher (any size, bounded memory).

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::advice::{Analyzer, Context};
use crate::exit_code::{self, Failure};
use crate::output::format::Format;

pub struct Request {
    /// `None` or `-`: stdin.
    pub file: Option<PathBuf>,
    pub format: Format,
    pub context: Context,
}

#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error("cannot read {name}: {source}")]
    Read {
        name: String,
        source: std::io::Error,
    },
}

impl Failure for ExplainError {
    fn exit_code(&self) -> i32 {
        exit_code::USAGE
    }

    fn remedy(&self) -> String {
        "Give the path of a saved eksctl log, or pipe it in with `-`.".into()
    }
}

/// Exit 0 when something was recognised, 1 when nothing was, 2 when the log cannot be read.
pub fn run(req: Request) -> i32 {
    let mut analyzer = Analyzer::new();
    if let Err(e) = read(&req, &mut analyzer) {
        return exit_code::report(&e);
    }
    let advice = analyzer.advice(&req.context);
    let text = match req.format {
        Format::Json => {
            let log = req.file.as_deref().filter(|p| p.as_os_str() != "-");
            crate::output::explain_json::render(
                &advice,
                log.map(|p| p.to_string_lossy()).as_deref(),
            )
        }
        Format::Text => crate::advice::render::text(&advice, analyzer.last_error()),
        other => unreachable!("--output {other:?}: clap accepts only Format::EXPLAIN"),
    };
    print!("{}", crate::output::sink::lines(&text));
    if advice.is_empty() { 1 } else { 0 }
}

fn read(req: &Request, analyzer: &mut Analyzer) -> Result<(), ExplainError> {
    let file = req.file.as_deref().filter(|p| p.as_os_str() != "-");
    let result = match file {
        None => {
            if std::io::stdin().is_terminal() {
                crate::say::line(
                    "reading an eksctl log from stdin (end it with Ctrl-D; or give a file)",
                );
            }
            analyzer.feed_reader(std::io::stdin().lock())
        }
        Some(p) => std::fs::File::open(p).and_then(|f| analyzer.feed_reader(f)),
    };
    result.map_err(|source| ExplainError::Read {
        name: file.map_or_else(|| "stdin".into(), |p| p.display().to_string()),
        source,
    })
}
