//! What people and CI systems see of the shim's findings: text with styles for a
//! terminal (`findings`, `style`), `check`'s reports as JSON, JUnit and GitHub
//! annotations (`report_json`, `junit`, `github`), the spinner of a slow pre-flight.
//! Pure functions to strings, except the spinner; their snapshots are in `tests.rs`.

pub mod file;
pub mod findings;
pub mod github;
pub mod judgement;
pub mod junit;
pub mod report_json;
pub mod sarif;
pub mod sink;
pub mod spinner;
pub mod style;
pub mod wrap;

#[cfg(test)]
mod tests;
