//! Signals while eksctl runs, scoped as just scopes them (`src/signal_handler.rs`): the
//! dispositions are set for exactly as long as `Shield` lives and restored when it is
//! dropped, so the post-run lookups can be interrupted again.
//!
//! While shielded, every catchable signal that would end the shim is caught, noted, and
//! sent on to eksctl when it did not come from the terminal (the terminal sends SIGINT,
//! SIGQUIT and SIGHUP to eksctl's process group itself; a `kill` of the shim's pid does
//! not). The caller stops before a next step once a signal was caught, and when eksctl
//! dies of a signal the shim dies of the same one (`die_of`), so a shell loop stops.

use std::sync::atomic::{AtomicI32, Ordering};

static CHILD: AtomicI32 = AtomicI32::new(0);
static CAUGHT: AtomicI32 = AtomicI32::new(0);

/// Signals whose default action ends the process and that can be caught.
const HANDLED: &[libc::c_int] = &[
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGHUP,
    libc::SIGTERM,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGPIPE,
];

extern "C" fn on_signal(signal: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SIGPIPE: a reader went away; writes fail instead, eksctl goes on.
    if signal == libc::SIGPIPE {
        return;
    }
    CAUGHT.store(signal, Ordering::SeqCst);
    // SAFETY: the kernel passes a valid siginfo_t to an SA_SIGINFO handler.
    let from_terminal = !info.is_null() && unsafe { (*info).si_code } == libc::SI_KERNEL;
    let pid = CHILD.load(Ordering::SeqCst);
    if pid > 0 && !from_terminal {
        // SAFETY: kill(2) is async-signal-safe.
        unsafe { libc::kill(pid, signal) };
    }
}

/// The dispositions in force while it lives; the old ones come back on drop.
pub struct Shield {
    saved: Vec<(libc::c_int, libc::sigaction)>,
}

impl Shield {
    pub fn raise() -> Shield {
        CAUGHT.store(0, Ordering::SeqCst);
        let mut saved = Vec::with_capacity(HANDLED.len());
        for &signal in HANDLED {
            // SAFETY: a zeroed sigaction is valid; the handler only does atomic loads and
            // stores and kill(2), which are async-signal-safe.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as *const () as usize;
                action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
                libc::sigemptyset(&mut action.sa_mask);
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, &action, &mut old) == 0 {
                    saved.push((signal, old));
                }
            }
        }
        Shield { saved }
    }

    pub fn child_started(&self, pid: u32) {
        CHILD.store(pid as i32, Ordering::SeqCst);
    }

    pub fn child_ended(&self) {
        CHILD.store(0, Ordering::SeqCst);
    }

    /// The last signal caught while shielded (0: none).
    pub fn caught(&self) -> Option<i32> {
        match CAUGHT.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s),
        }
    }
}

impl Drop for Shield {
    fn drop(&mut self) {
        CHILD.store(0, Ordering::SeqCst);
        for (signal, old) in &self.saved {
            // SAFETY: restoring a disposition sigaction gave us.
            unsafe { libc::sigaction(*signal, old, std::ptr::null_mut()) };
        }
    }
}

/// SIGINT's disposition from before tokio's `ctrl_c()`, put back when dropped. tokio
/// installs a process-wide handler and never removes it: without this, Ctrl-C after the
/// gather (during the repair, between steps, in the after-run lookups) was caught and
/// dropped, and the shim neither stopped nor died of SIGINT (issue 23, B2 and B14).
pub struct InterruptScope {
    saved: Option<libc::sigaction>,
}

impl InterruptScope {
    pub fn enter() -> InterruptScope {
        // SAFETY: a zeroed sigaction is valid to receive the current disposition.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            let ok = libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old) == 0;
            InterruptScope {
                saved: ok.then_some(old),
            }
        }
    }
}

impl Drop for InterruptScope {
    fn drop(&mut self) {
        if let Some(old) = &self.saved {
            // SAFETY: restoring a disposition sigaction gave us.
            unsafe { libc::sigaction(libc::SIGINT, old, std::ptr::null_mut()) };
        }
    }
}

/// Runs in the child between fork and exec: only async-signal-safe calls. Default
/// dispositions (SIGPIPE included: Rust's runtime may have ignored it), and eksctl gets
/// SIGTERM if the shim is killed outright, so it is never left orphaned.
pub fn child_setup() -> std::io::Result<()> {
    // SAFETY: signal(2), prctl(2) and getppid(2) are async-signal-safe.
    unsafe {
        for &s in HANDLED {
            libc::signal(s, libc::SIG_DFL);
        }
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
    }
    Ok(())
}

/// Ends the shim by `signal`, as eksctl ended: the shell sees a signal death (and a loop
/// stops after Ctrl-C). Falls back to the 128+N exit code.
pub fn die_of(signal: i32) -> ! {
    // SAFETY: resetting a disposition and raising a signal on ourselves.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, signal);
        libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(signal);
    }
    std::process::exit(crate::exit_code::from_signal(signal))
}
