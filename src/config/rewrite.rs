//! Rewritten copies of a config. Each edit changes one thing in the YAML tree and leaves
//! every other key, value and order as it was (fields the shim does not model included).

use serde_yaml_ng::{Mapping, Value};

use super::select::Kind;

fn list_key(kind: Kind) -> &'static str {
    match kind {
        Kind::SelfManaged => "nodeGroups",
        Kind::Managed => "managedNodeGroups",
    }
}

/// Sets `subnets` of the nodegroup at `index` of its list. Returns false if it is not there.
/// eksctl refuses a nodegroup with both `subnets` and `availabilityZones`
/// (`only one of ... should be set`), so the zones go: the caller picks subnets in them.
pub fn pin_subnets(tree: &mut Value, kind: Kind, index: usize, subnets: &[String]) -> bool {
    let Some(ng) = tree
        .get_mut(list_key(kind))
        .and_then(|l| l.get_mut(index))
        .and_then(Value::as_mapping_mut)
    else {
        return false;
    };
    let list = Value::Sequence(subnets.iter().cloned().map(Value::String).collect());
    ng.insert(Value::String("subnets".into()), list);
    ng.remove("availabilityZones");
    true
}

/// Removes every self-managed nodegroup (`nodeGroups`) from the config: the first step of
/// a two-step `create cluster`.
pub fn without_self_managed(tree: &Value) -> Value {
    let mut copy = tree.clone();
    if let Some(map) = copy.as_mapping_mut() {
        map.remove("nodeGroups");
    }
    copy
}

/// The tree as YAML, only if that YAML reads back as the same tree. The YAML library does
/// not round-trip every input it accepts (fuzzing found tagged values next to keys that
/// end in `:`): a copy that would read differently is never handed to eksctl.
pub fn to_yaml_verified(tree: &Value) -> Option<String> {
    let text = serde_yaml_ng::to_string(tree).ok()?;
    let back: Value = serde_yaml_ng::from_str(&text).ok()?;
    (back == *tree).then_some(text)
}

pub fn to_yaml(tree: &Value) -> String {
    // Serialising a tree that came from YAML cannot fail; fall back to an empty mapping
    // rather than panic if it ever does.
    serde_yaml_ng::to_string(tree)
        .unwrap_or_else(|_| serde_yaml_ng::to_string(&Mapping::new()).unwrap_or_default())
}
