//! Signals while eksctl runs, as just does it (`src/signal_handler.rs`): SIGINT, SIGQUIT
//! and SIGHUP are ignored by the shim (the terminal sends them to eksctl too, and eksctl
//! decides), SIGTERM is forwarded to eksctl. The child gets default dispositions back.

use std::sync::atomic::{AtomicI32, Ordering};

static CHILD: AtomicI32 = AtomicI32::new(0);

extern "C" fn forward(signal: libc::c_int) {
    let pid = CHILD.load(Ordering::SeqCst);
    if pid > 0 {
        // kill(2) is async-signal-safe.
        unsafe { libc::kill(pid, signal) };
    }
}

/// Called in the parent before spawning.
pub fn shield() {
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
        libc::signal(libc::SIGQUIT, libc::SIG_IGN);
        libc::signal(libc::SIGHUP, libc::SIG_IGN);
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = forward as *const () as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGTERM, &action, std::ptr::null_mut());
    }
}

pub fn child_started(pid: u32) {
    CHILD.store(pid as i32, Ordering::SeqCst);
}

pub fn child_ended() {
    CHILD.store(0, Ordering::SeqCst);
}

/// Runs in the child between fork and exec: only async-signal-safe calls.
pub fn restore_defaults_in_child() -> std::io::Result<()> {
    unsafe {
        for s in [
            libc::SIGINT,
            libc::SIGQUIT,
            libc::SIGHUP,
            libc::SIGTERM,
            libc::SIGPIPE,
        ] {
            libc::signal(s, libc::SIG_DFL);
        }
    }
    Ok(())
}
