//! Forwarding a child's output as it arrives while the analyzer reads it: every chunk is
//! written on at once (bytes unchanged), and complete lines go to the analyzer. Memory
//! stays bounded: one chunk, one partial line (capped), and the analyzer's hits.

use std::io::{Read, Write};

use crate::advice::Analyzer;

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
