use super::{Kind, generic, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "stack-not-found",
        "eksctl found no CloudFormation stack for the cluster",
        &[r#"no eksctl-managed CloudFormation stacks found for "(?P<name>[^"]+)""#],
        "Check the cluster name and region ({region}): `eksctl get cluster --region {region}`. A cluster created outside eksctl has no stack; then give vpc.id, vpc.subnets and vpc.securityGroup in a config file.",
    ),
    kind(
        "export-not-found",
        "a nodegroup stack imports an export the cluster stack does not have",
        &[r"No export named (?P<export>\S+) found"],
        "The cluster stack predates that output (or the cluster is not eksctl's). `eksctl upgrade cluster --name {cluster} --region {region} --approve` appends missing outputs to eksctl's own stacks. Then delete the failed nodegroup stack and run the command again.",
    ),
    kind(
        "stack-already-exists",
        "a CloudFormation stack with that name already exists",
        &[
            r"AlreadyExistsException",
            r"Stack \[?(?P<stack>[\w-]+)\]? already exists",
        ],
        "A stack left from an earlier attempt is in the way. Look at it: `aws cloudformation describe-stacks --stack-name {stack} --region {region}`; delete it if it failed (`eksctl delete nodegroup --cluster {cluster} --name {nodegroup}` for a nodegroup), then run the command again.",
    ),
    kind(
        "stack-rollback-complete",
        "a stack is in ROLLBACK_COMPLETE: it failed and can only be deleted",
        &[
            r"ROLLBACK_COMPLETE state and can ?not be updated",
            r"is in ROLLBACK_COMPLETE state",
        ],
        "Delete the failed stack (`aws cloudformation delete-stack --stack-name <stack> --region {region}`), read its events for the cause, then run the command again.",
    ),
    kind(
        "stack-wait-timeout",
        "eksctl stopped waiting for a stack before CloudFormation finished",
        &[
            r"exceeded max wait time for Stack\w+ waiter",
            r"waiter state transitioned to Failure",
            r"timed out waiting for the condition",
        ],
        "Check the stack in CloudFormation: it may still finish, or show why it is stuck. Give eksctl more time with --timeout (default 25m), and use credentials that outlive the operation.",
    ),
    kind(
        "resource-not-ready",
        "a waiter gave up: the resource never reached the state eksctl waited for",
        &[r"ResourceNotReady: failed waiting for successful resource state"],
        "The real cause is in the stack's events: `aws cloudformation describe-stack-events --stack-name eksctl-{cluster}-cluster --region {region}`. On Outposts with eksctl 0.167-0.175, set accessConfig.authenticationMode: CONFIG_MAP (fixed in 0.176.0).",
    ),
    kind(
        "stack-delete-failed",
        "some stacks could not be deleted",
        &[r"found the following undeleted stacks", r"DELETE_FAILED"],
        "Open the stack's events to see which resource blocks the delete (often a security group or ENI still in use), remove it or delete the stack by hand (`aws cloudformation delete-stack --stack-name <stack> --retain-resources ...`), then run the delete again.",
    ),
    kind(
        "stack-missing-output",
        "a nodegroup stack has no outputs (it failed), and eksctl cannot read it",
        &[r#"no output "(?P<output>\w+)" in stack "(?P<stack>[^"]+)""#],
        "Delete the failed stack {stack} in CloudFormation (`aws cloudformation delete-stack --stack-name {stack} --region {region}`), then run the command again.",
    ),
    kind(
        "stack-busy",
        "a stack is in the middle of another operation",
        &[
            r"is in (?:CREATE|UPDATE|DELETE|UPDATE_ROLLBACK)_IN_PROGRESS state and can ?not be updated",
        ],
        "Wait for the stack's current operation to finish (`aws cloudformation wait stack-update-complete --stack-name <stack> --region {region}`), then run the command again. Do not run two eksctl commands on one cluster at once.",
    ),
    kind(
        "export-in-use",
        "a stack export cannot change or go while another stack imports it",
        &[r"Cannot (?:delete|update) export (?P<export>\S+) as it is in use by"],
        "Find the importing stacks: `aws cloudformation list-imports --export-name {export} --region {region}`, delete or update those first (old nodegroup stacks import the cluster's subnet outputs).",
    ),
    kind(
        "stack-no-updates",
        "CloudFormation had nothing to change",
        &[r"No updates are to be performed"],
        "Nothing is wrong with the stack: it already matches. If eksctl treated this as a failure, run the command again.",
    ),
    generic(
        "stack-resource-failed",
        "a resource in a CloudFormation stack failed",
        &[r"(?P<resource>AWS::[\w:]+/[\w-]+): (?:CREATE|UPDATE|DELETE)_FAILED"],
        "The reason is on the same line. The stack's events have the full story: `aws cloudformation describe-stack-events --stack-name <stack> --region {region}`. Delete a failed stack before running the command again.",
    ),
];
