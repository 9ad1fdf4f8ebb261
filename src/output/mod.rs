//! What people and CI systems see of the shim's findings: text with styles for a
//! terminal (`findings`, `style`), the one `--output` format (`format`), the JSON
//! documents of `check`, `plan` and `explain` with their one finding object (`json`,
//! `report_json`, `plan_json`, `explain_json`; their schemas in `schemas/`), JUnit, SARIF
//! and GitHub annotations (`junit`, `sarif`, `github`, pointing where `location` says),
//! the spinner of a slow pre-flight. Pure functions to strings, except the spinner; their
//! snapshots are in `tests.rs`.

pub mod explain_json;
pub mod file;
pub mod findings;
pub mod format;
pub mod github;
pub mod json;
pub mod judgement;
pub mod junit;
pub mod location;
pub mod plan_json;
pub mod report_json;
pub mod sarif;
pub mod sink;
pub mod spinner;
pub mod style;
pub mod wrap;

#[cfg(test)]
mod tests;
