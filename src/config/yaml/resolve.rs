//! What a document means to eksctl: the JSON that `sigs.k8s.io/yaml` hands to eksctl's
//! decoder. The rules are go-yaml v2's (`resolve.go` and `decode.go`, v2.4, which
//! sigs.k8s.io/yaml wraps), with sigs.k8s.io/yaml's key conversion (`yaml.go`
//! `convertToJSONableObject`):
//! - only plain scalars are resolved; quoted and block scalars are strings;
//! - `y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE` are true, the `n/no/off/false` family
//!   false, `~|null|Null|NULL|` and an empty value null;
//! - integers as Go's `strconv.ParseInt(s, 0, 64)` reads them once `_` are removed
//!   (`010` is 8, `0x10`, `0o10`, `0b10`, `1_000`), then floats;
//! - timestamp-looking values stay strings (v2 keeps them so for `interface{}`, and
//!   none of them reads as an integer or a float);
//! - `<<` merges mappings; eksctl decodes strictly, so a key set twice, whether locally
//!   or through a merge, is an error (`key "name" already set in map`: go-yaml v2
//!   `setMapIndex` with `d.strict`, as `UnmarshalStrict` runs it);
//! - mapping keys become strings (`1:` is `"1"`, `true:` is `"true"`);
//! - a key given twice is an error (eksctl decodes strictly).

use serde_json::{Map, Number, Value};

use super::{Doc, Node, NodeKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeaningError {
    #[error("line {line}: key {key:?} is given twice (eksctl refuses duplicate keys)")]
    DuplicateKey { line: usize, key: String },
    #[error("line {line}: {what} is not something the shim can read as eksctl does")]
    Unmodelled { line: usize, what: String },
    #[error("an alias refers to an anchor defined after it or inside itself")]
    BadAlias,
    /// go-yaml v2's own refusal, in its words (eksctl refuses the file with it).
    #[error("document contains excessive aliasing")]
    ExcessiveAliasing,
}

/// go-yaml v2's guard against alias bombs (CVE-2019-11253), as `decoder.unmarshal` runs
/// it (gopkg.in/yaml.v2 v2.4.0 decode.go, `allowedAliasRatio`): every node decoded counts,
/// and those decoded inside an alias count again as aliased; past 100 aliased and 1000
/// decoded, a share of aliased nodes above the allowed ratio (99% up to 400 000 decodes,
/// falling to 10% at 4 000 000) stops the decode. A 520-byte bomb that expands to 9^9
/// nodes is refused after about 100 000, before it can grow memory.
#[derive(Default)]
struct Budget {
    decoded: std::cell::Cell<u64>,
    aliased: std::cell::Cell<u64>,
    alias_depth: std::cell::Cell<u64>,
}

impl Budget {
    fn count(&self) -> Result<(), MeaningError> {
        let decoded = self.decoded.get() + 1;
        self.decoded.set(decoded);
        if self.alias_depth.get() > 0 {
            self.aliased.set(self.aliased.get() + 1);
        }
        let aliased = self.aliased.get();
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let excessive = aliased > 100
            && decoded > 1000
            && aliased as f64 / decoded as f64 > allowed_alias_ratio(decoded);
        if excessive {
            return Err(MeaningError::ExcessiveAliasing);
        }
        Ok(())
    }
}

/// go-yaml v2's `allowedAliasRatio`.
#[allow(clippy::cast_precision_loss)] // counts far below 2^52
fn allowed_alias_ratio(decoded: u64) -> f64 {
    const LOW: u64 = 400_000;
    const HIGH: u64 = 4_000_000;
    match decoded {
        d if d <= LOW => 0.99,
        d if d >= HIGH => 0.10,
        d => 0.99 - 0.89 * ((d - LOW) as f64 / (HIGH - LOW) as f64),
    }
}

impl Doc {
    /// The document as eksctl's decoder receives it.
    pub fn meaning(&self) -> Result<Value, MeaningError> {
        self.value(&self.root, 0, &Budget::default())
    }

    fn line(&self, node: &Node) -> usize {
        self.line_of(node.start)
    }

    fn value(&self, node: &Node, depth: usize, budget: &Budget) -> Result<Value, MeaningError> {
        if depth > 64 {
            return Err(MeaningError::BadAlias);
        }
        budget.count()?;
        match &node.kind {
            NodeKind::Scalar { value, plain, tag } => {
                self.scalar(node, value, *plain, tag.as_deref())
            }
            NodeKind::Alias(id) => match self.anchors.get(id) {
                Some(target) => {
                    budget.alias_depth.set(budget.alias_depth.get() + 1);
                    let v = self.value(target, depth + 1, budget);
                    budget.alias_depth.set(budget.alias_depth.get() - 1);
                    v
                }
                None => Err(MeaningError::BadAlias),
            },
            NodeKind::Seq(items) => items
                .iter()
                .map(|n| self.value(n, depth + 1, budget))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            NodeKind::Map(entries) => {
                let mut out = Map::new();
                for (k, v) in entries {
                    if k.scalar() == Some("<<")
                        && matches!(k.kind, NodeKind::Scalar { plain: true, .. })
                    {
                        self.merge_into(&mut out, v, self.line(k), depth + 1, budget)?;
                        continue;
                    }
                    let key = self.key(k, depth, budget)?;
                    let value = self.value(v, depth + 1, budget)?;
                    set_once(&mut out, key, value, self.line(k))?;
                }
                Ok(Value::Object(out))
            }
        }
    }

    /// Adds the keys of a merge source (a mapping, or a list of them, last first as
    /// go-yaml v2 does); each must be new.
    fn merge_into(
        &self,
        out: &mut Map<String, Value>,
        source: &Node,
        line: usize,
        depth: usize,
        budget: &Budget,
    ) -> Result<(), MeaningError> {
        let source = self.deref(source);
        let sources: Vec<&Node> = match &source.kind {
            NodeKind::Seq(items) => items.iter().rev().map(|n| self.deref(n)).collect(),
            _ => vec![source],
        };
        for s in sources {
            match self.value(s, depth + 1, budget)? {
                Value::Object(map) => {
                    for (k, v) in map {
                        set_once(out, k, v, line)?;
                    }
                }
                _ => {
                    return Err(MeaningError::Unmodelled {
                        line: self.line(s),
                        what: "a merge key (`<<`) whose value is not a mapping".into(),
                    });
                }
            }
        }
        Ok(())
    }

    fn key(&self, node: &Node, depth: usize, budget: &Budget) -> Result<String, MeaningError> {
        match self.value(node, depth + 1, budget)? {
            Value::String(s) => Ok(s),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Number(n) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
            _ => Err(MeaningError::Unmodelled {
                line: self.line(node),
                what: "a mapping key that is not a string, an integer or a boolean".into(),
            }),
        }
    }

    fn scalar(
        &self,
        node: &Node,
        value: &str,
        plain: bool,
        tag: Option<&str>,
    ) -> Result<Value, MeaningError> {
        match tag {
            None if plain => resolve_plain(value).ok_or_else(|| MeaningError::Unmodelled {
                line: self.line(node),
                what: format!("the value {value:?} (NaN or infinity)"),
            }),
            None | Some("!!str") | Some("tag:yaml.org,2002:str") => {
                Ok(Value::String(value.to_string()))
            }
            Some(tag) => Err(MeaningError::Unmodelled {
                line: self.line(node),
                what: format!("the tag {tag}"),
            }),
        }
    }
}

fn set_once(
    map: &mut Map<String, Value>,
    key: String,
    value: Value,
    line: usize,
) -> Result<(), MeaningError> {
    if map.contains_key(&key) {
        return Err(MeaningError::DuplicateKey { line, key });
    }
    map.insert(key, value);
    Ok(())
}

/// A plain scalar under go-yaml v2's rules. `None` for values JSON cannot hold (NaN, inf).
pub fn resolve_plain(s: &str) -> Option<Value> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            return Some(Value::Bool(true));
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            return Some(Value::Bool(false));
        }
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF"
        | "-.inf" | "-.Inf" | "-.INF" => return None,
        _ => {}
    }
    let first = s.as_bytes()[0];
    if first == b'.' {
        return Some(float(s).unwrap_or_else(|| Value::String(s.into())));
    }
    if !(first.is_ascii_digit() || first == b'+' || first == b'-') {
        return Some(Value::String(s.into()));
    }
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(n) = go_parse_int(&plain) {
        return Some(n);
    }
    if is_yaml_float(&plain) {
        if let Some(f) = float(&plain) {
            return Some(f);
        }
    }
    Some(Value::String(s.into()))
}

fn float(s: &str) -> Option<Value> {
    let f: f64 = s.parse().ok()?;
    Number::from_f64(f).map(Value::Number)
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (go-yaml v2 `yamlStyleFloat`).
fn is_yaml_float(s: &str) -> bool {
    let b = s.strip_prefix(['-', '+']).unwrap_or(s).as_bytes();
    let digits = |b: &[u8], i: &mut usize| {
        let from = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > from
    };
    let mut i = 0;
    if b.first() == Some(&b'.') {
        i = 1;
        if !digits(b, &mut i) {
            return false;
        }
    } else {
        if !digits(b, &mut i) {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(b, &mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if !digits(b, &mut i) {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint`, then go-yaml's `0b` forms.
fn go_parse_int(s: &str) -> Option<Value> {
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) =
        if let Some(d) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, d)
        } else if let Some(d) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, d)
        } else if let Some(d) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, d)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        if magnitude <= i64::MAX as u64 + 1 {
            return Some(Value::Number(Number::from(
                (magnitude as i128).wrapping_neg() as i64,
            )));
        }
        return None;
    }
    Some(Value::Number(Number::from(magnitude)))
}
