"""`eksctl create nodegroup|ng` and `eksctl create cluster`: the flags, the name
argument and the forced failures, then the command.

create nodegroup  pkg/ctl/create/nodegroup.go (createNodeGroupCmd), the loader
                  cmdutils.NewCreateNodeGroupLoader (configfile.go), then
                  Cmd.NewProviderForExistingClusterHelper (cmd.go) and
                  nodegroup.Manager.Create (pkg/actions/nodegroup/create.go):
                  create_nodegroup.py, nodegroup_manager.py, stack_manager.py.
create cluster    pkg/ctl/create/cluster.go (createClusterCmd, doCreateCluster), the
                  loader cmdutils.NewCreateClusterLoader, Cmd.NewCtl, and the task tree
                  of pkg/cfn/manager/create_tasks.go NewTasksToCreateCluster:
                  create_cluster.py.
What the loaders share is in loader.py. Version bands: --update-auth-configmap in
loader.py, access entries in stack_manager.py and create_cluster.py, subnets in vpc.py.
What the model does not do: talk to Kubernetes (aws-auth, waiting for nodes, device
plugins: taken to succeed), resolve AMIs or SSH keys, instance selectors, Karpenter,
addons, Fargate profiles beyond the compatibility check, IAM.
"""

import os
import sys

from . import flag_tables, flags
from .aws import AWSError
from .create_cluster import create_cluster
from .create_nodegroup import create_nodegroup
from .loader import Ctx, _error
from .out import Failed, Refused, log

RETIRED_FAILURES = {
    "subnet-gone": "delete a subnet of the cluster stack in the world (spec `delete`) and use eksctl <= 0.176",
    "silent-rollback": "leave a failed nodegroup stack in the world (spec `failed_nodegroup_stacks`) and create "
                       "that nodegroup again (#8712)",
    "access-entry": "use create cluster on eksctl 0.167-0.175 with a CONFIG_MAP config (#7695)",
}
FORCED_FAILURES = {"access-entry-stack"}


def run(kind, call, version, rest):
    forced = os.environ.get("EKSCTL_MODEL_FAIL")
    if forced and forced not in FORCED_FAILURES:
        why = RETIRED_FAILURES.get(forced, "unknown failure name")
        sys.stderr.write(f"eksctl-model: EKSCTL_MODEL_FAIL={forced} is not a forced failure of the model: {why}\n")
        call.outcome, call.error = "unmodelled", f"EKSCTL_MODEL_FAIL={forced}"
        call.write()
        sys.exit(2)
    try:
        parsed = flags.parse(flag_tables.table(kind, version), rest)
    except Refused as e:
        return _error(call, "refused", str(e))
    if parsed.get("help"):
        sys.stderr.write("eksctl-model: NOT MODELLED: help output\n")
        call.outcome, call.error = "unmodelled", "help"
        call.write()
        sys.exit(2)
    for note in parsed.stderr_notes:
        sys.stderr.write(note)
    log.level = parsed.get("verbose")
    if parsed.get("color") == "fabulous":
        sys.stderr.write("eksctl-model: NOT MODELLED: --color=fabulous\n")
        sys.exit(2)
    ctx = Ctx(kind, call, version, parsed)
    ctx.call.config_path = parsed.get("config-file") or None
    # RunE: cmdutils.GetNameArg
    if len(parsed.args) > 1:
        log.critical("only one argument is allowed to be used as a name")
        call.outcome, call.error = "refused", "only one argument is allowed to be used as a name"
        return 1
    ctx.name_arg = parsed.args[0].strip() if parsed.args else ""
    try:
        if kind == "nodegroup":
            create_nodegroup(ctx)
        else:
            create_cluster(ctx)
    except Refused as e:
        return _error(call, "refused", str(e))
    except AWSError as e:
        return _error(call, "refused", str(e))
    except Failed as e:
        return _error(call, "failed", str(e))
    call.outcome = "ok"
    return 0
