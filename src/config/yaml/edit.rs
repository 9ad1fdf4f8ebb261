//! Edits of a config's text that touch only what they mean to: an entry inserted into a
//! mapping on a line of its own, an entry removed with its lines. Comments, quoting,
//! anchors, key order and every other byte stay as written. Each edit is a byte range and
//! its replacement; `apply` refuses overlapping ones.

use super::{Doc, Node, NodeKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub at: std::ops::Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("not a mapping")]
    NotAMapping,
    #[error("no key {0:?}")]
    NoSuchKey(String),
    #[error("the mapping's only entry cannot be removed in block style")]
    OnlyEntry,
    #[error("two edits touch the same text")]
    Overlap,
}

/// A string value that means the same under YAML 1.1 and 1.2, whatever it holds.
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// A flow sequence of quoted strings: `["a", "b"]`.
pub fn flow_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", inner.join(", "))
}

impl Doc {
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The offset of the newline that ends the line holding `at` (or the text's end).
    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// Where a node's text really ends: a block scalar's span takes in the blank lines
    /// after it, which belong to whatever follows.
    fn content_end(&self, node: &Node) -> usize {
        let end = node.end.min(self.text.len());
        self.text[..end].trim_end().len().max(node.start.min(end))
    }

    fn column(&self, at: usize) -> usize {
        self.text[self.line_start(at)..at].chars().count()
    }

    /// Inserts `key: value` (value already written as YAML) into the mapping `map`.
    pub fn insert_entry(&self, map: &Node, key: &str, value: &str) -> Result<Edit, EditError> {
        let NodeKind::Map(entries) = &map.kind else {
            return Err(EditError::NotAMapping);
        };
        if map.flow {
            let quote_keys = entries
                .first()
                .is_some_and(|(k, _)| matches!(k.kind, NodeKind::Scalar { plain: false, .. }));
            let key = if quote_keys {
                quoted(key)
            } else {
                key.to_string()
            };
            return Ok(match entries.last() {
                Some((_, v)) => Edit {
                    at: v.end..v.end,
                    text: format!(", {key}: {value}"),
                },
                None => Edit {
                    at: map.start + 1..map.start + 1,
                    text: format!("{key}: {value}"),
                },
            });
        }
        let (first_key, _) = entries.first().ok_or(EditError::NotAMapping)?;
        let indent = " ".repeat(self.column(first_key.start));
        let (_, last_value) = entries.last().expect("not empty");
        let end = self.line_end(self.content_end(last_value));
        Ok(if end == self.text.len() {
            Edit {
                at: end..end,
                text: format!("\n{indent}{key}: {value}"),
            }
        } else {
            Edit {
                at: end + 1..end + 1,
                text: format!("{indent}{key}: {value}\n"),
            }
        })
    }

    /// Removes the entry `key` of the mapping `map`, with the lines it occupies.
    pub fn remove_entry(&self, map: &Node, key: &str) -> Result<Edit, EditError> {
        let NodeKind::Map(entries) = &map.kind else {
            return Err(EditError::NotAMapping);
        };
        let i = entries
            .iter()
            .rposition(|(k, _)| k.scalar() == Some(key))
            .ok_or_else(|| EditError::NoSuchKey(key.into()))?;
        let (k, v) = &entries[i];
        let at = if let Some((next, _)) = entries.get(i + 1) {
            // Up to the next key: the entry, its comments and the next key's indentation.
            k.start..next.start
        } else if let Some((_, prev)) = i.checked_sub(1).map(|p| &entries[p]) {
            if map.flow {
                prev.end..v.end
            } else {
                self.line_end(self.content_end(prev))..self.line_end(self.content_end(v))
            }
        } else if map.flow {
            k.start..v.end
        } else {
            return Err(EditError::OnlyEntry);
        };
        Ok(Edit {
            at,
            text: String::new(),
        })
    }

    /// The text with `edits` applied.
    pub fn apply(&self, edits: &[Edit]) -> Result<String, EditError> {
        let mut sorted: Vec<&Edit> = edits.iter().collect();
        sorted.sort_by_key(|e| (e.at.start, e.at.end));
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut at = 0;
        for e in sorted {
            if e.at.start < at {
                return Err(EditError::Overlap);
            }
            out.push_str(&self.text[at..e.at.start]);
            out.push_str(&e.text);
            at = e.at.end;
        }
        out.push_str(&self.text[at..]);
        Ok(out)
    }
}
