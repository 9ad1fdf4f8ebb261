//! A spinner with what is being checked, on a terminal only, when the pre-flight takes
//! longer than a second (a far region, a VPN). It is erased when dropped, which
//! happens before eksctl starts, so eksctl's first line is never drawn over.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long the pre-flight may run before the spinner shows.
pub const DELAY: Duration = Duration::from_secs(1);

pub struct Spinner {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Spinner {
    /// Shows `message` after `delay` unless dropped first. Nothing at all when stderr is
    /// not a terminal or `quiet` (`Settings::quiet`). The message names a cluster, so it
    /// is shown through `sink::text`.
    pub fn after(delay: Duration, message: String, quiet: bool) -> Spinner {
        if quiet || !std::io::stderr().is_terminal() {
            return Spinner {
                stop: None,
                thread: None,
            };
        }
        let message = super::sink::text(&message).into_owned();
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("spinner".into())
            .spawn(move || {
                if stopped.recv_timeout(delay) != Err(RecvTimeoutError::Timeout) {
                    return;
                }
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{spinner} eksctl-shim: {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.set_message(message);
                bar.enable_steady_tick(Duration::from_millis(100));
                let _ = stopped.recv();
                bar.finish_and_clear();
            })
            .ok();
        Spinner {
            stop: Some(stop),
            thread,
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
