"""`eksctl create accessentry` (from 0.167.0).

Sources, read at 0.167.0, 0.170.0, 0.200.0 and 0.230.0:
  pkg/ctl/create/access_entry.go   flags, NewProviderForExistingCluster, IsEnabled (an
                                 accessConfig whose mode is not CONFIG_MAP), the entries
                                 whose stack exists left out (FilterOutExistingStacks,
                                 pkg/ctl/cmdutils/filter/access_entry_filter.go), the rest
                                 created
  pkg/ctl/cmdutils/access_entry.go NewCreateAccessEntryLoader: only --principal-arn,
                                 --kubernetes-groups and --kubernetes-username are refused
                                 beside -f; -f needs accessConfig.accessEntries
  pkg/actions/accessentry/creator.go, task.go  one stack per entry,
                                 eksctl-<cluster>-accessentry-<base32(sha1(arn))>; a failed
                                 stack is "failed to create access entry for principal ARN"

The stack's AWS::EKS::AccessEntry is EKS CreateAccessEntry (moto_server.py): a principal
with an entry already fails it (409), and the stack rolls back (the FAIL_TAG of
moto_server.py), with an inferred handler message.
"""

import base64
import hashlib

from . import aws as awsmod
from .aws import AWSError
from .out import Failed, Refused, log
from .stacks import create_stack, wait

DISABLED = ("access entries API is not currently enabled; please enable it using `eksctl utils "
            "update-authentication-mode --cluster <> --authentication-mode=API_AND_CONFIG_MAP`")


def stack_name(cluster, arn):
    """MakeStackName: base32 (no padding) of the ARN's SHA-1."""
    digest = hashlib.sha1(arn.encode()).digest()
    return f"eksctl-{cluster}-accessentry-{base64.b32encode(digest).decode().rstrip('=')}"


def run(call, version, p):
    from .loader import Ctx, changed, load_config_file
    if version.below(167):
        raise Refused('unknown command "accessentry" for "eksctl create"')
    if p.get("config-file"):
        ctx = Ctx("cluster", call, version, p)
        tree = load_config_file(ctx)
        f = changed(ctx, ["kubernetes-groups", "kubernetes-username", "principal-arn"])
        if f:
            raise Refused(f"cannot use --{f} when --config-file/-f is set")
        meta = tree.get("metadata") or {}
        if not meta.get("name"):
            raise Refused("metadata.name must be set")
        if not meta.get("region"):
            raise Refused("metadata.region must be set")
        name, region = meta["name"], meta["region"]
        entries = [dict(e) for e in (tree.get("accessConfig") or {}).get("accessEntries") or []]
        if not entries:
            raise Refused("at least one access entry is required")
    else:
        name, region = p.get("cluster") or "", p.get("region")
        if not name:
            raise Refused("--cluster must be set")
        if not p.get("principal-arn"):
            raise Refused("--principal-arn is required")
        entries = [{"principalARN": p.get("principal-arn"), "type": p.get("type") or "",
                    "kubernetesGroups": list(p.get("kubernetes-groups") or [])}]
    aws, cluster = awsmod.existing_cluster(call, region, p.get("profile"), name, log)
    call.model["aws"] = True
    mode = (cluster.get("accessConfig") or {}).get("authenticationMode")
    if mode is None or mode == "CONFIG_MAP":
        raise Refused(DISABLED)
    prefix = f"eksctl-{name}-accessentry-"
    existing = {s["StackName"] for s in aws.cloudformation.paginate("list_stacks", "StackSummaries")
                if s["StackName"].startswith(prefix) and s["StackStatus"] != "DELETE_COMPLETE"}
    todo = [e for e in entries if stack_name(name, e["principalARN"]) not in existing]
    if not todo:
        log.info("access entries already up-to-date")
        return
    errors = []
    for e in todo:
        arn = e["principalARN"]
        log.info(f'creating access entry for principal ARN "{arn}"')
        failure = None
        try:
            aws.eks.create_access_entry(clusterName=name, principalArn=arn,
                                        kubernetesGroups=e.get("kubernetesGroups") or [],
                                        **({"type": e["type"]} if e.get("type") else {}))
        except AWSError as err:
            failure = ('AWS::EKS::AccessEntry/AccessEntry: Resource handler returned message: "The specified '
                       'access entry resource is already in use on this cluster. (Service: Eks, Status Code: 409)" '
                       '(HandlerErrorCode: AlreadyExists)') if err.code == "ResourceInUseException" else str(err)
        stack = stack_name(name, arn)
        body = {"Resources": {"AccessEntry": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}
        tags = [("alpha.eksctl.io/cluster-name", name), ("eksctl.cluster.k8s.io/v1alpha1/cluster-name", name)]
        create_stack(aws, stack, body, tags, failure)
        final = wait(aws, stack, log)
        call.created.setdefault("access_entries", []).append({"principal": arn, "stack": stack,
                                                              "status": final["StackStatus"]})
        if final["StackStatus"] != "CREATE_COMPLETE":
            errors.append(f'failed to create access entry for principal ARN "{arn}"')
        else:
            log.info(f'created access entry for principal ARN "{arn}"')
    if errors:
        raise Failed("\n".join(errors))
