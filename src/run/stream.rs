//! Forwarding a child's output as it arrives while the analyzer reads it: every chunk is
//! written on at once (bytes unchanged), and complete lines go to the analyzer. Memory
//! stays bounded: one chunk, one partial line (capped), and the analyzer's hits.

use std::io::{Read, Write};

use crate::advice::Analyzer;

/// Where eksctl's stdout and stderr go. On a terminal eksctl keeps stdout (and its
/// colour, which it turns off on a pipe); elsewhere the shim passes it through byte for
/// byte and reads it too. When the shim's stdout and stderr are the same file (`2>&1`,
/// the usual CI log), eksctl gets one pipe for both, so its lines keep their order.
pub enum Streams {
    /// stdout inherited, stderr piped.
    Terminal,
    /// Each piped on its own.
    Separate,
    /// One pipe for both; the read end goes to the shim's stdout.
    Merged(std::io::PipeReader, std::io::PipeWriter),
}

impl Streams {
    pub fn for_child() -> Streams {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDOUT_FILENO) } == 1 {
            return Streams::Terminal;
        }
        if same_file(libc::STDOUT_FILENO, libc::STDERR_FILENO) {
            if let Ok((r, w)) = std::io::pipe() {
                return Streams::Merged(r, w);
            }
        }
        Streams::Separate
    }

    pub fn attach(&self, cmd: &mut std::process::Command) {
        use std::process::Stdio;
        match self {
            Streams::Terminal => {
                cmd.stderr(Stdio::piped());
            }
            Streams::Separate => {
                cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
            }
            Streams::Merged(_, w) => {
                if let (Ok(a), Ok(b)) = (w.try_clone(), w.try_clone()) {
                    cmd.stdout(a).stderr(b);
                }
            }
        }
    }

    /// Starts the forwarding threads; each returns what its analyzer saw.
    pub fn forward(
        self,
        child: &mut std::process::Child,
    ) -> Vec<std::thread::JoinHandle<Analyzer>> {
        let mut readers = vec![];
        if let Some(err) = child.stderr.take() {
            readers.push(std::thread::spawn(move || forward(err, std::io::stderr())));
        }
        if let Some(out) = child.stdout.take() {
            readers.push(std::thread::spawn(move || forward(out, std::io::stdout())));
        }
        if let Streams::Merged(r, w) = self {
            // The child holds its own copies: ours must close, or the read never ends.
            drop(w);
            readers.push(std::thread::spawn(move || forward(r, std::io::stdout())));
        }
        readers
    }
}

/// Do two descriptors name the same open file (device and inode)?
fn same_file(a: libc::c_int, b: libc::c_int) -> bool {
    // SAFETY: fstat writes into the zeroed struct we own.
    unsafe {
        let mut x: libc::stat = std::mem::zeroed();
        let mut y: libc::stat = std::mem::zeroed();
        libc::fstat(a, &mut x) == 0
            && libc::fstat(b, &mut y) == 0
            && x.st_dev == y.st_dev
            && x.st_ino == y.st_ino
    }
}

const CHUNK: usize = 64 * 1024;
/// A line longer than this is analysed on its first part only.
const MAX_PARTIAL: usize = 16 * 1024;

/// Copies `from` to `to` until EOF; returns what the analyzer saw. Write errors on `to`
/// (a closed pipe downstream) stop the forwarding but not the reading, so the child is
/// never blocked on a full pipe.
pub fn forward(mut from: impl Read, mut to: impl Write) -> Analyzer {
    let mut analyzer = Analyzer::for_live_output();
    let mut buf = vec![0u8; CHUNK];
    let mut partial: Vec<u8> = Vec::new();
    let mut writable = true;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let chunk = &buf[..n];
        if writable && (to.write_all(chunk).is_err() || to.flush().is_err()) {
            writable = false;
        }
        let mut rest = chunk;
        while let Some(nl) = rest.iter().position(|b| *b == b'\n') {
            if partial.is_empty() {
                analyzer.feed(&rest[..nl]);
            } else {
                extend_capped(&mut partial, &rest[..nl]);
                analyzer.feed(&partial);
                partial.clear();
            }
            rest = &rest[nl + 1..];
        }
        extend_capped(&mut partial, rest);
    }
    if !partial.is_empty() {
        analyzer.feed(&partial);
    }
    analyzer
}

fn extend_capped(partial: &mut Vec<u8>, more: &[u8]) {
    let room = MAX_PARTIAL.saturating_sub(partial.len());
    partial.extend_from_slice(&more[..more.len().min(room)]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advice::Context;

    #[test]
    fn bytes_pass_unchanged_and_lines_are_analysed() {
        let input: Vec<u8> = b"one\n\xff\xfe binary\nError: operation error EC2: api error InvalidSubnetID.NotFound: x\nno newline at end".to_vec();
        let mut out = Vec::new();
        let analyzer = forward(&input[..], &mut out);
        assert_eq!(out, input);
        assert_eq!(
            analyzer.advice(&Context::default())[0].code,
            "subnet-not-found"
        );
    }

    #[test]
    fn a_closed_downstream_does_not_stop_the_reading() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let input = b"x\n".repeat(100_000);
        let analyzer = forward(&input[..], Closed);
        assert!(analyzer.advice(&Context::default()).is_empty());
    }
}
