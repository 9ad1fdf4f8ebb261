//! The commands the shim prints: every one names the cluster's region and, when one was
//! given, the profile, exactly as the run used them.

use std::fmt::Write;

/// `--region R [--profile P]` for the place the facts describe: every command the shim
/// prints names it, so advice never acts on a cluster of the same name elsewhere.
pub fn place_flags(facts: &crate::facts::Facts) -> String {
    let mut out = String::new();
    if let Some(r) = &facts.region {
        let _ = write!(out, " --region {}", crate::plan::render::quote(r));
    }
    if let Some(p) = &facts.profile {
        let _ = write!(out, " --profile {}", crate::plan::render::quote(p));
    }
    out
}

/// `eksctl-shim <sub> --cluster C --region R [--profile P]`.
pub fn shim_command(sub: &str, cluster: &str, facts: &crate::facts::Facts) -> String {
    shim_command_words(sub, cluster, facts).join(" ")
}

/// The same, as its words (each quoted), to be wrapped between them (`output::wrap`).
pub fn shim_command_words(sub: &str, cluster: &str, facts: &crate::facts::Facts) -> Vec<String> {
    let quote = crate::plan::render::quote;
    let mut words = vec![
        "eksctl-shim".to_string(),
        sub.to_string(),
        "--cluster".to_string(),
        quote(cluster),
    ];
    if let Some(r) = &facts.region {
        words.extend(["--region".to_string(), quote(r)]);
    }
    if let Some(p) = &facts.profile {
        words.extend(["--profile".to_string(), quote(p)]);
    }
    words
}

/// The repair of a stack's Outputs a remediation names, to paste: `sync-outputs`, which
/// shows the change, then the same with `--approve`, which makes it.
pub fn sync_outputs_commands(cluster: &str, facts: &crate::facts::Facts) -> Vec<String> {
    let plan = shim_command("sync-outputs", cluster, facts);
    let approve = format!("{plan} --approve");
    vec![plan, approve]
}

/// `eksctl <rest> --region R [--profile P]`; `rest` is already quoted.
pub fn eksctl_command(rest: &str, facts: &crate::facts::Facts) -> String {
    format!("eksctl {rest}{}", place_flags(facts))
}
