//! The one `--output` format of every `eksctl-shim` command. Each command accepts the
//! formats it can write (`CHECK`, `PLAN`, `EXPLAIN`); clap refuses the others with its
//! usual error, listing the ones the command accepts.

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON document, schema 2 (docs/json.md, schemas/).
    Json,
    /// A JUnit XML report: one test case per cluster and check.
    Junit,
    /// GitHub Actions workflow annotations.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

impl Format {
    /// `eksctl-shim check`.
    pub const CHECK: &'static [Format] = &[
        Format::Text,
        Format::Json,
        Format::Junit,
        Format::Github,
        Format::Sarif,
    ];
    /// `eksctl-shim plan`.
    pub const PLAN: &'static [Format] = &[Format::Text, Format::Json];
    /// `eksctl-shim explain`.
    pub const EXPLAIN: &'static [Format] = &[Format::Text, Format::Json];

    /// `--output`'s parser for a command that writes `accepted`.
    pub fn parser(accepted: &'static [Format]) -> impl TypedValueParser<Value = Format> {
        PossibleValuesParser::new(accepted.iter().filter_map(|f| f.to_possible_value()))
            .map(|s| Format::from_str(&s, false).expect("a possible value is a Format's name"))
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn every_command_writes_text_and_json() {
        for accepted in [Format::CHECK, Format::PLAN, Format::EXPLAIN] {
            assert!(accepted.contains(&Format::Text) && accepted.contains(&Format::Json));
        }
    }
}
