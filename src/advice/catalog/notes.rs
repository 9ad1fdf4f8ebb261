//! What a failed create leaves behind. eksctl says it in its own words at the end of a
//! failed run (`... cluster hasn't been created properly`, `to cleanup resources, run
//! ...`, a stack in ROLLBACK_*); these notes turn that into the command to run, beside
//! whatever caused the failure.

use super::{FailureKind, Family, kind};

const F: Family = Family::Stack;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "cluster-left-half-made",
        "the failed `create cluster` left a half-made cluster behind (stacks, maybe the control plane)",
        &[
            r"error\(s\) occurred and (?:cluster hasn't been created properly|post actions have failed)",
            r#"CloudFormation stack "eksctl-(?P<cluster>[^"]+)-cluster" is in (?:ROLLBACK|CREATE_FAILED)"#,
            // Said only after the two lines above.
            r#"failed to create cluster "(?P<cluster>[^"]+)""#,
            r"to cleanup resources, run 'eksctl delete cluster --region=(?P<region>[^\s']+) --name=(?P<cluster>[^\s']+)'",
            r#"unexpected status "(?:ROLLBACK_\w+|CREATE_FAILED)" while waiting for CloudFormation stack "eksctl-(?P<cluster>[^"]+)-cluster""#,
        ],
        "Delete what it made before you try again (the same name cannot be created twice): `eksctl delete cluster --region={region} --name={cluster}{--profile}`, as eksctl itself suggests. Then fix the cause and run `create cluster` again.",
    ).note(),
    kind(
        F,
        "nodegroup-stack-left",
        "a failed nodegroup leaves its stack behind (ROLLBACK_COMPLETE) until it is deleted",
        &[
            r#"failed to create nodegroups for cluster "(?P<cluster>[^"]+)""#,
            r"error\(s\) occurred and nodegroups haven't been created properly",
            r"to cleanup resources, run 'eksctl delete nodegroup --region=(?P<region>[^\s']+) --cluster=(?P<cluster>[^\s']+)",
            r#"unexpected status "(?:ROLLBACK_\w+|CREATE_FAILED)" while waiting for CloudFormation stack "eksctl-(?P<cluster>[^"]+?)-nodegroup-(?P<nodegroup>[^"]+)""#,
            r#"CloudFormation stack "eksctl-(?P<cluster>[^"]+?)-nodegroup-(?P<nodegroup>[^"]+)" is in (?:ROLLBACK|CREATE_FAILED)"#,
        ],
        "Delete each failed nodegroup before you create it again (its stack blocks the name): `eksctl delete nodegroup --region={region} --cluster={cluster} --name={nodegroup}{--profile}`; `eksctl get nodegroup --cluster {cluster} --region {region}{--profile}` lists them.",
    ).note(),
];
