"""`eksctl utils update-authentication-mode` (from 0.167.0).

Sources, read at 0.167.0, 0.170.0, 0.200.0 and 0.230.0:
  pkg/ctl/utils/update_authentication_mode.go  flags (--authentication-mode, --cluster,
                                 --region, --config-file; no --profile), then EKS
                                 UpdateClusterConfig with accessConfig, and the update
                                 waited on; an EKS error is "failed to update cluster
                                 config: <error>"
  pkg/ctl/cmdutils/access_entry.go  NewUtilsUpdateAuthenticationModeLoader: the mode is
                                 required and one of the three; no name argument; with -f
                                 the file's accessConfig.authenticationMode

EKS's own rule (one step at a time, one way) is in moto (tests/aws/moto_server.py).
"""

from . import aws as awsmod
from .aws import AWSError
from .out import Refused, log

MODES = ("CONFIG_MAP", "API_AND_CONFIG_MAP", "API")


def run(call, version, p):
    from .loader import Ctx, load_config_file, common_with_config
    if version.below(167):
        raise Refused('unknown command "update-authentication-mode" for "eksctl utils"')
    name_arg = p.args[0].strip() if p.args else ""
    if p.get("config-file"):
        ctx = Ctx("cluster", call, version, p)
        ctx.name_arg = name_arg
        tree = load_config_file(ctx)
        common_with_config(ctx, tree, ["authentication-mode"])
        name, region = tree["metadata"]["name"], tree["metadata"]["region"]
        mode = ((tree.get("accessConfig") or {}).get("authenticationMode")) or ""
    else:
        name, region, mode = p.get("cluster") or "", p.get("region"), p.get("authentication-mode") or ""
        if not name:
            raise Refused("--cluster must be set")
        if name_arg:
            raise Refused("name argument is not supported")
    if not mode:
        raise Refused("--authentication-mode must be set")
    if mode not in MODES:
        raise Refused(f'invalid value "{mode}" provided for authenticationMode, choose one of: '
                      f'"CONFIG_MAP", "API_AND_CONFIG_MAP", "API"')
    aws, _ = awsmod.existing_cluster(call, region, None, name, log)
    call.model["aws"] = True
    log.info(f"setting cluster's authentication mode to {mode}")
    try:
        aws.eks.update_cluster_config(name=name, accessConfig={"authenticationMode": mode})
    except AWSError as e:
        raise Refused(f"failed to update cluster config: {e}")
    call.created.setdefault("auth_mode_updates", []).append({"cluster": name, "to": mode})
    log.info(f"authentication mode was successfully updated to {mode} on cluster {name}")
