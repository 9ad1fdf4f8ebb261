//! ClusterConfig text as eksctl reads it, with the position of every node, so that the
//! shim can edit a config by inserting and removing text (every other byte stays) and
//! then prove the edit means what it should.
//!
//! eksctl parses configs with `sigs.k8s.io/yaml` over go-yaml v2 (`pkg/eks/api.go`
//! `readConfig` @0.230.0), that is YAML 1.1: `resolve` models those rules. The syntax is
//! read by saphyr-parser, which gives each event its span.

pub mod edit;
pub mod resolve;

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// A node of the first document, with byte offsets into the text.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// Anchor id (`&name`), 0 when none.
    pub anchor: usize,
    /// Where the node starts: a scalar's first byte (quote included), a flow collection's
    /// bracket, a block collection's first entry.
    pub start: usize,
    /// Where the node's last character ends.
    pub end: usize,
    /// `{...}` or `[...]`.
    pub flow: bool,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar {
        value: String,
        /// A plain (unquoted, non-block) scalar: the only kind YAML 1.1 resolves to
        /// something other than a string.
        plain: bool,
        /// An explicit tag (`!!str`), as written.
        tag: Option<String>,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Alias(usize),
}

/// A parsed document: the text, its root node, and the nodes behind each anchor.
#[derive(Debug, Clone)]
pub struct Doc {
    pub text: String,
    pub root: Node,
    pub anchors: HashMap<usize, Node>,
    /// The byte offset where each line starts, made once: the line of a node is then a
    /// binary search, where counting newlines from the top for each of N nodegroups made
    /// a config's pre-flight grow as N squared (hostile run v2, B17).
    line_starts: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Doc {
    pub fn parse(text: &str) -> Result<Doc, SyntaxError> {
        // saphyr counts in characters; edits need bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(text.len());
        let mut builder = Builder {
            text: text.as_bytes(),
            byte_at: &byte_at,
            stack: vec![],
            anchors: HashMap::new(),
            root: None,
        };
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|e| SyntaxError {
                line: e.marker().line(),
                column: e.marker().col() + 1,
                message: e.info().to_string(),
            })?;
            if builder.event(event, span.start.index(), span.end.index()) {
                break; // eksctl reads the first document only (go-yaml v2 Unmarshal)
            }
        }
        let root = builder.root.unwrap_or(Node {
            kind: NodeKind::Scalar {
                value: String::new(),
                plain: true,
                tag: None,
            },
            anchor: 0,
            start: 0,
            end: 0,
            flow: false,
        });
        Ok(Doc {
            text: text.to_string(),
            root,
            anchors: builder.anchors,
            line_starts: line_starts(text),
        })
    }

    /// The 1-based line that holds byte `at` (the last line for an offset past the end).
    pub fn line_of(&self, at: usize) -> usize {
        // Line starts are sorted; the lines starting at or before `at` number the line.
        self.line_starts.partition_point(|&start| start <= at)
    }

    /// Follows an alias to its anchored node.
    pub fn deref<'a>(&'a self, node: &'a Node) -> &'a Node {
        match &node.kind {
            NodeKind::Alias(id) => self.anchors.get(id).map_or(node, |n| self.deref(n)),
            _ => node,
        }
    }
}

impl Node {
    /// The value of `key` in a mapping node, by its literal key text.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    pub fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().rev().find(|(k, _)| k.scalar() == Some(key)),
            _ => None,
        }
    }

    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }
}

struct Builder<'a> {
    text: &'a [u8],
    byte_at: &'a [usize],
    stack: Vec<Open>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
}

/// A collection being read: the node so far and, in a mapping, a key waiting for its value.
struct Open {
    node: Node,
    pending_key: Option<Node>,
}

impl Builder<'_> {
    fn byte(&self, char_index: usize) -> usize {
        self.byte_at[char_index.min(self.byte_at.len() - 1)]
    }

    /// Takes one event; true once the first document is complete.
    fn event(&mut self, event: Event, start: usize, end: usize) -> bool {
        let (start, end) = (self.byte(start), self.byte(end));
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let node = Node {
                    kind: NodeKind::Scalar {
                        value: value.into_owned(),
                        plain: style == ScalarStyle::Plain,
                        tag: tag.map(|t: Cow<_>| format!("{}{}", t.handle, t.suffix)),
                    },
                    anchor,
                    start,
                    end,
                    flow: false,
                };
                self.add(node);
            }
            Event::Alias(id) => self.add(Node {
                kind: NodeKind::Alias(id),
                anchor: 0,
                start,
                end,
                flow: false,
            }),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let flow = matches!(self.text_char(start), Some(b'{' | b'['));
                self.stack.push(Open {
                    node: Node {
                        kind: if is_map {
                            NodeKind::Map(vec![])
                        } else {
                            NodeKind::Seq(vec![])
                        },
                        anchor,
                        start,
                        end: start,
                        flow,
                    },
                    pending_key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(mut open) = self.stack.pop() {
                    // A flow collection ends at its bracket; a block one at its last child.
                    open.node.end = if open.node.flow {
                        end
                    } else {
                        last_end(&open.node)
                    };
                    self.add(open.node);
                }
            }
            Event::DocumentEnd => return self.root.is_some(),
            _ => {}
        }
        false
    }

    fn text_char(&self, byte: usize) -> Option<u8> {
        self.text.get(byte).copied()
    }

    fn add(&mut self, node: Node) {
        if node.anchor != 0 {
            self.anchors.insert(node.anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(open) => match &mut open.node.kind {
                NodeKind::Seq(items) => items.push(node),
                NodeKind::Map(entries) => match open.pending_key.take() {
                    None => open.pending_key = Some(node),
                    Some(key) => entries.push((key, node)),
                },
                _ => {}
            },
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn last_end(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Seq(items) => items.last().map_or(node.start, |n| n.end),
        NodeKind::Map(entries) => entries.last().map_or(node.start, |(_, v)| v.end),
        _ => node.end,
    }
}

#[cfg(test)]
mod tests;
