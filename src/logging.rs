//! Debug logs on stderr, off unless `EKSCTL_SHIM_LOG` names a level (error, warn, info,
//! debug, trace). Only the shim's own code logs: the AWS SDK's logs carry request
//! headers, and a session token must never reach a log.

pub const VAR: &str = "EKSCTL_SHIM_LOG";

pub fn init() {
    let Ok(level) = std::env::var(VAR) else {
        return;
    };
    let level = match level.trim().to_ascii_lowercase().as_str() {
        l @ ("error" | "warn" | "info" | "debug" | "trace") => l.to_string(),
        _ => "debug".to_string(),
    };
    let filter = tracing_subscriber::EnvFilter::new(format!("eksctl_shim={level}"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(
            std::env::var_os("NO_COLOR").is_none()
                && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        )
        .try_init();
}

/// One line for a panic (a bug), instead of the default message and backtrace hint.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        crate::say::line(format!("internal error (a bug, please report it): {info}"));
    }));
}
