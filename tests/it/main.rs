//! The integration tests, in one binary (one link of the AWS SDK instead of one per
//! file): one module per area, the helpers in `common` (a sandbox with the shim installed
//! as `eksctl` in front of the model of eksctl, moto, a misbehaving AWS, a run builder).
//! `cargo test --test it MODULE::` runs one area.

mod common;

mod access_entry;
mod advice_corpus;
mod alias_bomb;
mod auth_mode_update;
mod bash_completion;
mod bounded_waits;
mod causes;
mod check;
mod ci_recipe;
mod command_table;
mod compatibility_update;
mod corpus_configs;
mod diagnoses;
mod do_no_harm;
mod eksctl_model;
mod fail_safe;
mod fargate_profile;
mod faults;
mod gone_subnet_advice;
mod hand_over_loop;
mod hardening;
mod huge_answer;
mod identity_mapping;
mod install;
mod interrupt_every_phase;
mod json_schemas;
mod never_silent;
mod outside_text;
mod passthrough;
mod plan_command;
mod preflight;
mod preflight_requests;
mod prop_invocation;
mod readme;
mod repair_outputs;
mod run_and_advise;
mod settings_vars;
mod sync_outputs;
mod sync_outputs_fully_private;
mod sync_outputs_ipv6_stack;
mod sync_outputs_usable_subnets;
mod terminal_and_ci;
mod transcripts;
mod unknown_mode;
mod unusable_tmpdir;
mod upgrade_cluster;
mod upgrade_extended_subnets;
mod vpc_config;
mod yaml_agreement;
