//! The shim's own commands, as `eksctl-shim <command>` (`cli.rs` parses them): `check`
//! (the CI gate), `plan` (what the pre-flight would do), `explain` (advice for a saved
//! log), `doctor`, `sync-outputs` (the stack's Outputs repair) and `completions`. The
//! intercepted eksctl commands are elsewhere: `command_spec.rs`, `intercept.rs`.

pub mod check;
pub mod completions;
pub mod doctor;
pub mod explain;
pub mod plan;
pub mod sync_outputs;
