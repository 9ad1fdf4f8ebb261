use super::{FailureKind, Family, kind};

const F: Family = Family::Stack;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "stack-not-found",
        "eksctl found no CloudFormation stack for the cluster",
        &[
            r#"no eksctl-managed CloudFormation stacks found for "(?P<name>[^"]+)""#,
            r"no CloudFormation stack found for (?P<name>\S+)",
            r"Stack with id (?P<stack>\S+) does not exist",
        ],
        "Check the cluster name and region ({region}): `eksctl get cluster --region {region}{--profile}`. A cluster created outside eksctl has no stack; then give vpc.id, vpc.subnets and vpc.securityGroup in a config file.",
    ),
    kind(
        F,
        "export-not-found",
        "a nodegroup stack imports an export the cluster stack does not have",
        &[r"No export named (?P<export>\S+) found"],
        "The cluster stack predates that output (or the cluster is not eksctl's). `eksctl upgrade cluster --name {cluster} --region {region}{--profile} --approve` appends missing outputs to eksctl's own stacks. Then delete the failed nodegroup stack and run the command again.",
    ),
    kind(
        F,
        "stack-already-exists",
        "a CloudFormation stack with that name already exists",
        &[
            r"AlreadyExistsException",
            r"Stack \[?(?P<stack>[\w-]+)\]? already exists",
        ],
        "A stack left from an earlier attempt is in the way. Look at it: `aws cloudformation describe-stacks --stack-name {stack} --region {region}{--profile}`; delete it if it failed (`eksctl delete nodegroup --cluster {cluster} --name {nodegroup} --region {region}{--profile}` for a nodegroup, `eksctl delete cluster --name {cluster} --region {region}{--profile}` for a cluster that never came up), then run the command again.",
    ),
    // From eksctl 0.218 every stack it creates has termination protection
    // (pkg/cfn/manager/api.go:120-126 @0.218.0, @0.230.0; absent at 0.217.0), and its own
    // deletes lift it first (DeleteStackBySpec, api.go:577-593 @0.230.0): a plain
    // delete-stack is refused, so the advice prefers eksctl's command (audit v2 L8).
    kind(
        F,
        "stack-rollback-complete",
        "a stack is in ROLLBACK_COMPLETE: it failed and can only be deleted",
        &[
            r"ROLLBACK_COMPLETE state and can ?not be updated",
            r"is in ROLLBACK_COMPLETE state",
        ],
        "Read the failed stack's events for the cause, then delete it: with the eksctl command for what it holds (`eksctl delete nodegroup --cluster {cluster} --name <nodegroup> --region {region}{--profile}`, `eksctl delete accessentry ...`), which also lifts the termination protection eksctl 0.218 and later set; or by hand, `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name <stack> --region {region}{--profile}` then `aws cloudformation delete-stack --stack-name <stack> --region {region}{--profile}`. Then run the command again.",
    ),
    kind(
        F,
        "stack-update-rollback-failed",
        "a stack is stuck in UPDATE_ROLLBACK_FAILED: CloudFormation could not roll an update back",
        &[r"UPDATE_ROLLBACK_FAILED"],
        "Fix what blocked the rollback (its events say which resource), then let CloudFormation finish it: `aws cloudformation continue-update-rollback --stack-name <stack> --region {region}{--profile}` (with --resources-to-skip for resources that cannot be restored); then run the command again.",
    ),
    kind(
        F,
        "stack-wait-timeout",
        "eksctl stopped waiting before CloudFormation (or EKS) finished",
        &[
            r"exceeded max wait time for \w+ ?[Ww]aiter",
            r"request cancelled while waiting",
            r"timed out waiting for the condition",
            r"timed out waiting for nodegroup deletion",
        ],
        "Check the stacks: they may still finish, or show why they are stuck: `eksctl utils describe-stacks --cluster {cluster} --region {region}{--profile}`. Give eksctl more time with --timeout (default 25m), and use credentials that outlive the operation.",
    ),
    kind(
        F,
        "resource-not-ready",
        "a waiter gave up: the resource never reached the state eksctl waited for",
        &[r"ResourceNotReady: failed waiting for successful resource state"],
        "The real cause is in the stack's events: `eksctl utils describe-stacks --cluster {cluster} --region {region}{--profile} --events --resource-status CREATE_FAILED`. On Outposts with eksctl 0.167-0.175, set accessConfig.authenticationMode: CONFIG_MAP (fixed in 0.176.0).",
    ),
    kind(
        F,
        "stack-delete-failed",
        "some stacks could not be deleted",
        &[
            r"found the following undeleted stacks",
            r"DELETE_FAILED",
            r"failed to delete (?:all resources|\S+)",
        ],
        "Open the stack's events to see which resource blocks the delete (often a security group or ENI still in use), remove it or delete the stack by hand (`aws cloudformation delete-stack --stack-name <stack> --region {region}{--profile} --retain-resources ...`, after `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name <stack> --region {region}{--profile}` for a stack eksctl 0.218 or later made), then run the delete again.",
    ),
    kind(
        F,
        "stack-missing-output",
        "a stack has no output eksctl needs (a failed nodegroup stack, or one from an old eksctl)",
        &[
            r#"no output "(?P<output>\w+)" in stack "(?P<stack>[^"]+)""#,
            r#"no output "(?P<output>\w+)""#,
        ],
        "If {stack} failed, delete it (`eksctl delete nodegroup` for a nodegroup stack; by hand, `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name {stack} --region {region}{--profile}` for a stack eksctl 0.218 or later made, then `aws cloudformation delete-stack --stack-name {stack} --region {region}{--profile}`) and run the command again; if it is the cluster stack, `eksctl upgrade cluster --name {cluster} --region {region}{--profile} --approve` adds missing outputs.",
    ),
    kind(
        F,
        "stack-busy",
        "a stack is in the middle of another operation",
        &[
            r"is in (?:CREATE|UPDATE|DELETE|UPDATE_ROLLBACK)_IN_PROGRESS state and can ?not be updated",
        ],
        "Wait for the stack's current operation to finish (`aws cloudformation wait stack-update-complete --stack-name <stack> --region {region}{--profile}`), then run the command again. Do not run two eksctl commands on one cluster at once.",
    ),
    kind(
        F,
        "export-in-use",
        "a stack export cannot change or go while another stack imports it",
        &[r"Cannot (?:delete|update) export (?P<export>\S+) as it is in use by"],
        "Find the importing stacks: `aws cloudformation list-imports --export-name {export} --region {region}{--profile}`, delete or update those first (old nodegroup stacks import the cluster's subnet outputs).",
    ),
    kind(
        F,
        "stack-no-updates",
        "information: CloudFormation had nothing to change",
        &[r"No updates are to be performed"],
        "Nothing is wrong with the stack: it already matches. If eksctl treated this as a failure, run the command again.",
    ).note(),
    kind(
        F,
        "stack-resource-failed",
        "a resource in a CloudFormation stack failed",
        &[r"(?P<resource>AWS::[\w:]+/[\w-]+): (?:CREATE|UPDATE|DELETE)_FAILED"],
        "The reason is on the same line. The stacks' failed events tell the whole story: `eksctl utils describe-stacks --cluster {cluster} --region {region}{--profile} --events --resource-status CREATE_FAILED,UPDATE_FAILED`. Delete a failed stack before running the command again.",
    ).generic(),
];
