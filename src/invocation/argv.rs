//! pflag's syntax, as eksctl parses it: `--flag value`, `--flag=value`, `-f value`,
//! `-fvalue`, `-f=value`, clustered boolean shorthands (`-Pd`), booleans as `--flag` or
//! `--flag=false`, a lone `--` ending flags. Each word's place in argv is kept, so an
//! edit touches exactly the words it means to and nothing else.

use std::ffi::OsString;
use std::ops::Range;

use super::flags;

/// One flag as written: its long name (canonical), its value, and the argv words it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagUse {
    pub name: String,
    /// `None` for a boolean written without `=` (it means true).
    pub value: Option<String>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub flags: Vec<FlagUse>,
    /// Positional words (command words included), with their argv index.
    pub positionals: Vec<(usize, String)>,
    /// Index of a lone `--`, if any.
    pub terminator: Option<usize>,
}

/// Splits `args` (argv without argv[0]). Words that are not UTF-8 are kept as lossy
/// text for reading; the edits never rewrite them.
pub fn split(args: &[OsString]) -> Words {
    let text: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut words = Words::default();
    let mut i = 0;
    while i < text.len() {
        let arg = &text[i];
        if arg == "--" {
            words.terminator = Some(i);
            words.positionals.extend(
                text[i + 1..]
                    .iter()
                    .enumerate()
                    .map(|(k, w)| (i + 1 + k, w.clone())),
            );
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (long.to_string(), None),
            };
            if value.is_none() && !flags::is_boolean(&name) && i + 1 < text.len() {
                words.flags.push(FlagUse {
                    name,
                    value: Some(text[i + 1].clone()),
                    span: i..i + 2,
                });
                i += 2;
                continue;
            }
            words.flags.push(FlagUse {
                name,
                value,
                span: i..i + 1,
            });
        } else if arg.len() > 1 && arg.starts_with('-') {
            i = shorthands(&text, i, &mut words.flags);
            continue;
        } else {
            words.positionals.push((i, arg.clone()));
        }
        i += 1;
    }
    words
}

/// `-abc`: booleans until a flag that takes a value, which takes the rest of the word
/// (without a leading `=`) or, if nothing is left, the next word. Returns the next index.
fn shorthands(text: &[String], i: usize, out: &mut Vec<FlagUse>) -> usize {
    let chars: Vec<char> = text[i][1..].chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let short = chars[k];
        let name = flags::long_for_short(short).map_or_else(|| short.to_string(), str::to_string);
        let rest: String = chars[k + 1..].iter().collect();
        if flags::is_boolean(&name) {
            if let Some(v) = rest.strip_prefix('=') {
                out.push(FlagUse {
                    name,
                    value: Some(v.to_string()),
                    span: i..i + 1,
                });
                return i + 1;
            }
            out.push(FlagUse {
                name,
                value: None,
                span: i..i + 1,
            });
            k += 1;
            continue;
        }
        if !rest.is_empty() {
            let v = rest.strip_prefix('=').unwrap_or(&rest).to_string();
            out.push(FlagUse {
                name,
                value: Some(v),
                span: i..i + 1,
            });
            return i + 1;
        }
        if i + 1 < text.len() {
            out.push(FlagUse {
                name,
                value: Some(text[i + 1].clone()),
                span: i..i + 2,
            });
            return i + 2;
        }
        out.push(FlagUse {
            name,
            value: None,
            span: i..i + 1,
        });
        return i + 1;
    }
    i + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(line: &[&str]) -> Words {
        split(&line.iter().map(OsString::from).collect::<Vec<_>>())
    }
    fn flag(w: &Words, name: &str) -> Option<Option<String>> {
        w.flags
            .iter()
            .rev()
            .find(|f| f.name == name)
            .map(|f| f.value.clone())
    }

    #[test]
    fn every_value_form() {
        for line in [
            &["--cluster", "x"][..],
            &["--cluster=x"],
            &["-c", "x"],
            &["-cx"],
            &["-c=x"],
        ] {
            assert_eq!(
                flag(&s(line), "cluster"),
                Some(Some("x".into())),
                "{line:?}"
            );
        }
    }

    #[test]
    fn booleans_never_take_the_next_word() {
        let w = s(&["create", "ng", "--dry-run", "ng-1", "-P", "name2"]);
        assert_eq!(flag(&w, "dry-run"), Some(None));
        assert_eq!(flag(&w, "node-private-networking"), Some(None));
        let pos: Vec<&str> = w.positionals.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(pos, ["create", "ng", "ng-1", "name2"]);
        assert_eq!(
            flag(&s(&["--managed=false"]), "managed"),
            Some(Some("false".into()))
        );
        assert_eq!(
            flag(&s(&["-P=false"]), "node-private-networking"),
            Some(Some("false".into()))
        );
    }

    #[test]
    fn clustered_shorthands() {
        let w = s(&["-Pdc", "prod"]);
        assert_eq!(flag(&w, "node-private-networking"), Some(None));
        assert_eq!(flag(&w, "dumpLogs"), Some(None));
        assert_eq!(flag(&w, "cluster"), Some(Some("prod".into())));
        assert_eq!(w.flags[2].span, 0..2);
        assert_eq!(flag(&s(&["-Pcprod"]), "cluster"), Some(Some("prod".into())));
    }

    #[test]
    fn terminator_ends_flags() {
        let w = s(&["create", "--", "--cluster", "x"]);
        assert_eq!(w.terminator, Some(1));
        assert!(w.flags.is_empty());
        assert_eq!(w.positionals.len(), 3);
    }

    #[test]
    fn a_value_flag_at_the_end_has_no_value() {
        assert_eq!(flag(&s(&["--cluster"]), "cluster"), Some(None));
        assert_eq!(flag(&s(&["-c"]), "cluster"), Some(None));
    }

    #[test]
    fn a_lone_dash_is_positional() {
        let w = s(&["-f", "-", "-"]);
        assert_eq!(flag(&w, "config-file"), Some(Some("-".into())));
        assert_eq!(w.positionals, vec![(2, "-".to_string())]);
    }
}
