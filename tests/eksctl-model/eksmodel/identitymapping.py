"""`eksctl create iamidentitymapping`.

Sources, read at 0.165.0, 0.170.0 and 0.230.0 (the same logic):
  pkg/ctl/create/iamidentitymapping.go  flags (--cluster, deprecated --name, --arn,
                                 deprecated --role, --account, --username, --group,
                                 --service-name, --namespace, --no-duplicate-arns),
                                 NewMetadataLoader, NewProviderForExistingCluster, CanOperate
  pkg/apis/eksctl.io/v1alpha5/identitymapping.go  Validate
  pkg/iam/mapping.go             NewIdentity (an ARN and a username or group)
  pkg/actions/iamidentitymapping/create.go  the aws-auth ConfigMap entry

eksctl never looks at the cluster's authentication mode here: on an API-only cluster
it writes aws-auth, which EKS then ignores, and succeeds. Kubernetes is not modelled:
the aws-auth write is taken to succeed and recorded (`created.identity_mappings`, with
`honoured`: false when the cluster's mode is API, which is EKS's behaviour).
"""

import sys

from . import aws as awsmod
from .out import Refused, log


def run(call, version, p):
    name_arg = p.args[0].strip() if p.args else ""
    if len(p.args) > 1:
        raise Refused("only one argument is allowed to be used as a name")
    # NewMetadataLoader(cmd).Load() (-f: metadata only, not modelled)
    if p.get("config-file"):
        sys.stderr.write("eksctl-model: NOT MODELLED: create iamidentitymapping -f\n")
        call.outcome, call.error = "unmodelled", "iamidentitymapping -f"
        call.write()
        sys.exit(2)
    name = p.get("cluster") or p.get("name") or ""
    if name and name_arg:
        raise Refused(f"--cluster={name} and argument {name_arg} cannot be used at the same time")
    name = name or name_arg
    if not name:
        raise Refused("--cluster must be set")
    aws, cluster = awsmod.existing_cluster(call, p.get("region"), p.get("profile"), name, log)
    status = cluster.get("status")
    if status in ("CREATING", "DELETING", "FAILED"):
        raise Refused(f'cannot perform Kubernetes API operations on cluster "{name}" in "{aws.region}" region '
                      f'due to status "{status}"')
    arn, account = p.get("arn") or p.get("role") or "", p.get("account") or ""
    username, groups = p.get("username") or "", list(p.get("group") or [])
    service, namespace = p.get("service-name") or "", p.get("namespace") or ""
    # IAMIdentityMapping.Validate
    if service:
        if arn or username or groups:
            raise Refused("cannot use arn, username, and groups with serviceName")
        if not namespace:
            raise Refused("namespace is required when using serviceName")
    elif namespace:
        raise Refused("serviceName is required when using namespace")
    if account and (arn or username or groups or service or namespace):
        raise Refused("account cannot be configured with any other options")
    mode = (cluster.get("accessConfig") or {}).get("authenticationMode")
    record = {"cluster": name, "arn": arn, "account": account, "service": service,
              "written_to": "aws-auth", "honoured": mode != "API"}
    if not service and not account:
        # iam.NewIdentity
        if not arn:
            raise Refused("expected a valid arn but got empty string")
        if not username and not groups:
            raise Refused("neither username nor group are set for iam identity")
        if ":user/" not in arn and ":role/" not in arn:
            raise Refused("arn is neither user nor role")
        log.info(f"checking arn {arn} against entries in the auth ConfigMap")
    call.created.setdefault("identity_mappings", []).append(record)
    call.model["aws"] = True
