//! Which nodegroups a command will create, chosen the way eksctl chooses them
//! (`pkg/ctl/cmdutils/filter/filter.go`): with include globs, a name must match one and
//! no exclude glob; with only exclude globs, everything not excluded; with neither, all.
//! Globs in eksctl's language (`filter_glob`).

use super::filter_glob::Glob;
use super::model::{ClusterConfig, NodeGroup};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodegroupKind {
    SelfManaged,
    Managed,
}

#[derive(Debug, Clone)]
pub struct Selected<'a> {
    pub kind: NodegroupKind,
    /// Index in `nodeGroups` or `managedNodeGroups`.
    pub index: usize,
    pub nodegroup: &'a NodeGroup,
}

pub fn select<'a>(
    config: &'a ClusterConfig,
    include: &[String],
    exclude: &[String],
) -> Vec<Selected<'a>> {
    let compiled = |globs: &[String]| -> Vec<Glob> {
        globs.iter().filter_map(|g| Glob::new(g).ok()).collect()
    };
    let (include, exclude) = (compiled(include), compiled(exclude));
    let matches = |name: &str, globs: &[Glob]| globs.iter().any(|g| g.matches(name));
    let wanted = |name: &str| {
        if !include.is_empty() {
            matches(name, &include) && !matches(name, &exclude)
        } else {
            !matches(name, &exclude)
        }
    };
    let self_managed = config
        .node_groups
        .iter()
        .enumerate()
        .map(|(i, ng)| (NodegroupKind::SelfManaged, i, ng));
    let managed = config
        .managed_node_groups
        .iter()
        .enumerate()
        .map(|(i, ng)| (NodegroupKind::Managed, i, ng));
    self_managed
        .chain(managed)
        .filter(|(_, _, ng)| wanted(&ng.name))
        .map(|(kind, index, nodegroup)| Selected {
            kind,
            index,
            nodegroup,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ClusterConfig {
        let ng = |name: &str| NodeGroup {
            name: name.into(),
            ..Default::default()
        };
        ClusterConfig {
            node_groups: vec![ng("ng-1"), ng("ng-2"), ng("spot-a")],
            managed_node_groups: vec![ng("mng-1")],
            ..Default::default()
        }
    }
    fn names(include: &[&str], exclude: &[&str]) -> Vec<String> {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let cfg = config();
        select(&cfg, &s(include), &s(exclude))
            .iter()
            .map(|s| s.nodegroup.name.clone())
            .collect()
    }

    #[test]
    fn all_without_filters() {
        assert_eq!(names(&[], &[]), ["ng-1", "ng-2", "spot-a", "mng-1"]);
    }

    #[test]
    fn include_then_exclude_wins() {
        assert_eq!(names(&["ng-*"], &[]), ["ng-1", "ng-2"]);
        assert_eq!(names(&["ng-*"], &["ng-2"]), ["ng-1"]);
        assert_eq!(names(&[], &["*ng-*"]), ["spot-a"]);
        assert_eq!(names(&["nope"], &[]), Vec::<String>::new());
    }
}
