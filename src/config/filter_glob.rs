//! The glob language of eksctl's `--include` / `--exclude` filters: github.com/gobwas/glob
//! v0.2.3, compiled without separators (`glob.Compile(expr)`, pkg/ctl/cmdutils/filter/
//! filter.go:164 @0.230.0, the same at 0.170.0). Read off its lexer and parser
//! (syntax/lexer/lexer.go, syntax/ast/parser.go; Debian's golang-github-gobwas-glob-dev
//! 0.2.3+git20180208): without separators `*` and `**` match any sequence, `?` any one
//! character; `{a,b}` alternatives (nested; a `{` left open runs to the end); `\c` is `c`
//! (a trailing `\` is dropped); `[abc]`, `[!abc]` and one range `[a-z]` / `[!a-z]` per
//! class (`[a-z0-9]` does not compile, nor an empty class); `,` and `}` outside braces
//! are plain text. The whole name must match.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Text(Vec<char>),
    /// `*` or `**`: without separators they mean the same.
    Any,
    Single,
    Chars {
        chars: Vec<char>,
        not: bool,
    },
    Range {
        lo: char,
        hi: char,
        not: bool,
    },
    /// Alternatives, each a sequence.
    AnyOf(Vec<Vec<Node>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob(Vec<Node>);

/// Why a pattern does not compile (gobwas's own reasons, roughly).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct GlobError(&'static str);

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, GlobError> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut p = Parser { chars, pos: 0 };
        p.sequence(0).map(Glob)
    }

    pub fn matches(&self, name: &str) -> bool {
        let name: Vec<char> = name.chars().collect();
        matches_seq(&self.0, &name)
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// A sequence up to the end, or (inside `depth` braces) up to a `,` or `}` of its own
    /// level, which is left for the caller.
    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, GlobError> {
        let mut out = vec![];
        while let Some(c) = self.peek() {
            match c {
                ',' | '}' if depth > 0 => break,
                '*' => {
                    self.pos += 1;
                    if self.peek() == Some('*') {
                        self.pos += 1;
                    }
                    out.push(Node::Any);
                }
                '?' => {
                    self.pos += 1;
                    out.push(Node::Single);
                }
                '[' => {
                    self.pos += 1;
                    out.push(self.class()?);
                }
                '{' => {
                    self.pos += 1;
                    let mut alternatives = vec![self.sequence(depth + 1)?];
                    while self.peek() == Some(',') {
                        self.pos += 1;
                        alternatives.push(self.sequence(depth + 1)?);
                    }
                    if self.peek() == Some('}') {
                        self.pos += 1;
                    }
                    out.push(Node::AnyOf(alternatives));
                }
                _ => out.push(Node::Text(self.text(depth > 0))),
            }
        }
        Ok(out)
    }

    /// Plain text with `\` escapes, up to a character that starts something else.
    fn text(&mut self, in_braces: bool) -> Vec<char> {
        let mut out = vec![];
        let mut escaped = false;
        while let Some(c) = self.peek() {
            if !escaped {
                if c == '\\' {
                    escaped = true;
                    self.pos += 1;
                    continue;
                }
                let breaks =
                    matches!(c, '?' | '*' | '[' | '{') || (in_braces && matches!(c, '}' | ','));
                if breaks {
                    break;
                }
            }
            escaped = false;
            out.push(c);
            self.pos += 1;
        }
        out
    }

    /// After `[`: `!`? then one range `lo-hi` or characters, then `]`.
    fn class(&mut self) -> Result<Node, GlobError> {
        let not = self.peek() == Some('!');
        if not {
            self.pos += 1;
        }
        let Some(first) = self.peek() else {
            return Err(GlobError("unexpected end of input"));
        };
        if self.chars.get(self.pos + 1) == Some(&'-') {
            let Some(&hi) = self.chars.get(self.pos + 2) else {
                return Err(GlobError("unexpected end of input"));
            };
            self.pos += 3;
            if self.peek() != Some(']') {
                return Err(GlobError(if self.peek().is_none() {
                    "unexpected end of input"
                } else {
                    "expected close range character"
                }));
            }
            self.pos += 1;
            if hi < first {
                return Err(GlobError("hi character should be greater than lo"));
            }
            return Ok(Node::Range { lo: first, hi, not });
        }
        let mut chars = vec![];
        let mut escaped = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(GlobError("unexpected end of input"));
            };
            self.pos += 1;
            if !escaped && c == '\\' {
                escaped = true;
                continue;
            }
            if !escaped && c == ']' {
                break;
            }
            escaped = false;
            chars.push(c);
        }
        if chars.is_empty() {
            return Err(GlobError("could not parse range"));
        }
        Ok(Node::Chars { chars, not })
    }
}

fn matches_seq(nodes: &[Node], name: &[char]) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        return name.is_empty();
    };
    let one = |ok: bool| ok && matches_seq(rest, &name[1..]);
    match first {
        Node::Text(t) => name.starts_with(t) && matches_seq(rest, &name[t.len()..]),
        Node::Any => (0..=name.len()).any(|i| matches_seq(rest, &name[i..])),
        Node::Single => !name.is_empty() && matches_seq(rest, &name[1..]),
        Node::Chars { chars, not } => !name.is_empty() && one(chars.contains(&name[0]) != *not),
        Node::Range { lo, hi, not } => {
            !name.is_empty() && one((*lo..=*hi).contains(&name[0]) != *not)
        }
        Node::AnyOf(alternatives) => alternatives.iter().any(|alt| {
            let mut seq = alt.clone();
            seq.extend_from_slice(rest);
            matches_seq(&seq, name)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, name: &str) -> bool {
        Glob::new(pattern).unwrap().matches(name)
    }

    #[test]
    fn gobwas_syntax_as_eksctl_compiles_it() {
        assert!(m("ng-{a,b}", "ng-a") && m("ng-{a,b}", "ng-b") && !m("ng-{a,b}", "ng-c"));
        assert!(m("ng**", "ng-1/x") && m("ng*", "ng-1/x"), "no separators");
        assert!(m(r"ng\*", "ng*") && !m(r"ng\*", "ng-1"));
        assert!(m("ng-?", "ng-1") && !m("ng-?", "ng-12"));
        assert!(m("ng-[0-9]", "ng-7") && !m("ng-[!0-9]", "ng-7") && m("ng-[!0-9]", "ng-x"));
        assert!(m("ng-[ab]", "ng-b") && m("ng-[!ab]", "ng-c"));
        assert!(m("{a,{b,c}d}", "cd"), "nested alternatives");
        assert!(m("ng-{a,b", "ng-b"), "an open brace runs to the end");
        assert!(m("a,b}", "a,b}"), "plain text outside braces");
        assert!(m(r"ng\", "ng"), "a trailing backslash is dropped");
        assert!(!m("ng", "ng-1"), "the whole name");
    }

    #[test]
    fn what_gobwas_does_not_compile() {
        for bad in ["[", "ng-[a-z0-9]", "[]", "[!]", "[z-a]", "ng-[abc"] {
            assert!(Glob::new(bad).is_err(), "{bad}");
        }
    }
}
