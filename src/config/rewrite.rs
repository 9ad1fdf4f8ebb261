//! Rewritten copies of a config, made by editing its text (`yaml::edit`): the copy differs
//! from the user's file only in the lines a change needs. Every copy is read back with
//! eksctl's rules and must mean exactly the original plus the intended change; otherwise
//! nothing is rewritten.

use serde_json::Value;

use super::LoadedConfig;
use super::select::NodegroupKind;
use super::yaml::edit::{EditError, flow_list};
use super::yaml::{Doc, Node};

pub fn list_key(kind: NodegroupKind) -> &'static str {
    match kind {
        NodegroupKind::SelfManaged => "nodeGroups",
        NodegroupKind::Managed => "managedNodeGroups",
    }
}

/// One intended change of a config's meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigChange {
    /// The nodegroup at `index` of its list gets `subnets`. eksctl refuses a nodegroup
    /// with both `subnets` and `availabilityZones` (`only one of ... should be set`,
    /// `validateNodeGroupBase`, pkg/apis/eksctl.io/v1alpha5/validation.go @0.230.0), so its
    /// zones go: the caller picks subnets inside them.
    PinSubnets {
        kind: NodegroupKind,
        index: usize,
        subnets: Vec<String>,
    },
    /// No self-managed nodegroups (`nodeGroups`): step 1 of a two-step `create cluster`.
    WithoutSelfManaged,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RewriteError {
    #[error("no such nodegroup in the config")]
    NoSuchNodegroup,
    #[error("the config cannot be edited in place here ({0})")]
    Edit(#[from] EditError),
    #[error("the edited config would not read back as eksctl reads it ({0})")]
    Unreadable(String),
    #[error(
        "the edited config would mean more than the intended change (anchors, aliases or merge keys share the edited part)"
    )]
    MeansSomethingElse,
}

/// The config's text with `changes` applied, verified.
pub fn apply(config: &LoadedConfig, changes: &[ConfigChange]) -> Result<String, RewriteError> {
    let doc = &config.doc;
    let mut edits = vec![];
    let mut expected = config.meaning.clone();
    for change in changes {
        match change {
            ConfigChange::PinSubnets {
                kind,
                index,
                subnets,
            } => {
                let ng = nodegroup_node(doc, *kind, *index).ok_or(RewriteError::NoSuchNodegroup)?;
                for key in ["availabilityZones", "subnets"] {
                    if ng.entry(key).is_some() {
                        edits.push(doc.remove_entry(ng, key)?);
                    }
                }
                edits.push(doc.insert_entry(ng, "subnets", &flow_list(subnets))?);
                let meaning = expected
                    .get_mut(list_key(*kind))
                    .and_then(|l| l.get_mut(index))
                    .and_then(Value::as_object_mut)
                    .ok_or(RewriteError::NoSuchNodegroup)?;
                meaning.remove("availabilityZones");
                meaning.insert(
                    "subnets".into(),
                    Value::Array(subnets.iter().cloned().map(Value::String).collect()),
                );
            }
            ConfigChange::WithoutSelfManaged => {
                if doc.root.entry("nodeGroups").is_some() {
                    edits.push(doc.remove_entry(&doc.root, "nodeGroups")?);
                }
                if let Some(map) = expected.as_object_mut() {
                    map.remove("nodeGroups");
                }
            }
        }
    }
    let text = doc.apply(&edits)?;
    let back = Doc::parse(&text).map_err(|e| RewriteError::Unreadable(e.to_string()))?;
    let meaning = back
        .meaning()
        .map_err(|e| RewriteError::Unreadable(e.to_string()))?;
    if meaning != expected {
        return Err(RewriteError::MeansSomethingElse);
    }
    Ok(text)
}

fn nodegroup_node(doc: &Doc, kind: NodegroupKind, index: usize) -> Option<&Node> {
    let list = doc.deref(doc.root.get(list_key(kind))?);
    let ng = doc.deref(list.items().get(index)?);
    matches!(ng.kind, super::yaml::NodeKind::Map(_)).then_some(ng)
}
