//! Reading a log of any size in bounded memory: one buffer, lines cut at `MAX_LINE`.

use std::io::{BufRead, BufReader, ErrorKind, Read};

/// Lines longer than this are matched on their first part only.
pub const MAX_LINE: usize = 16 * 1024;

const BUFFER: usize = 256 * 1024;

/// Calls `each` with every line (without its newline) of what `from` gives; a line longer
/// than `MAX_LINE` is passed cut to its first `MAX_LINE` bytes, the rest skipped.
pub fn lines(from: impl Read, mut each: impl FnMut(&[u8])) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(BUFFER, from);
    // The start of a line that runs over the end of the buffer.
    let mut partial: Vec<u8> = Vec::new();
    let mut overlong = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if !partial.is_empty() || overlong {
                each(&partial);
            }
            return Ok(());
        }
        let len = buf.len();
        let mut start = 0;
        while let Some(nl) = find_newline(&buf[start..]) {
            let end = start + nl;
            if partial.is_empty() && !overlong {
                each(&buf[start..end.min(start + MAX_LINE)]);
            } else {
                take(&mut partial, &buf[start..end]);
                each(&partial);
                partial.clear();
                overlong = false;
            }
            start = end + 1;
        }
        overlong |= take(&mut partial, &buf[start..]);
        reader.consume(len);
    }
}

/// Keeps up to `MAX_LINE` bytes of a line; true when some had to go.
fn take(partial: &mut Vec<u8>, more: &[u8]) -> bool {
    let room = MAX_LINE.saturating_sub(partial.len());
    partial.extend_from_slice(&more[..more.len().min(room)]);
    more.len() > room
}

/// The first `\n`, eight bytes at a time.
fn find_newline(s: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut i = 0;
    while i + 8 <= s.len() {
        let w = u64::from_le_bytes(s[i..i + 8].try_into().expect("eight bytes")) ^ NEWLINES;
        if w.wrapping_sub(ONES) & !w & HIGHS != 0 {
            break;
        }
        i += 8;
    }
    s[i..].iter().position(|b| *b == b'\n').map(|p| p + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8]) -> Vec<Vec<u8>> {
        let mut out = vec![];
        lines(input, |l| out.push(l.to_vec())).unwrap();
        out
    }

    #[test]
    fn lines_are_cut_at_newlines_and_at_max_line() {
        assert_eq!(collect(b"a\n\nbc\nd"), [&b"a"[..], b"", b"bc", b"d"]);
        assert_eq!(collect(b"a\n"), [b"a"]);
        let long = [vec![b'x'; 3 * BUFFER], b"\nend\n".to_vec()].concat();
        let got = collect(&long);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].len(), MAX_LINE);
        assert_eq!(got[1], b"end");
    }

    #[test]
    fn newline_search_finds_every_position() {
        for len in 0..40 {
            for at in 0..len {
                let mut s = vec![b'a'; len];
                s[at] = b'\n';
                assert_eq!(find_newline(&s), Some(at), "{len} {at}");
            }
            assert_eq!(find_newline(&vec![0x8a; len]), None);
        }
    }
}
