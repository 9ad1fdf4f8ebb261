"""moto's server on loopback, with EKS `accessConfig` and `outpostConfig` added,
UpdateClusterConfig changing only the fields it is given, and access entries.

moto 5 drops both from CreateCluster and never returns them from DescribeCluster. The
real API (EKS API reference, CreateCluster / Cluster) takes
  accessConfig: {bootstrapClusterCreatorAdminPermissions: bool, authenticationMode: str}
and returns
  accessConfig: {bootstrapClusterCreatorAdminPermissions: bool, authenticationMode: str}
(the request's values; bootstrap defaults to true, the mode to API_AND_CONFIG_MAP when
the request has an accessConfig without one). resourcesVpcConfig gains the vpcId of its
subnets, as the real API returns it. A cluster created without accessConfig
here returns none, like clusters older than access entries. outpostConfig is returned as
given, with the control plane placement the real API adds.

Usage: python3 moto_server.py PORT
"""

import sys

from moto.eks import responses

_create_cluster = responses.EKSResponse.create_cluster


def access_config(request):
    if request is None:
        return None
    return {
        "bootstrapClusterCreatorAdminPermissions": request.get("bootstrapClusterCreatorAdminPermissions", True),
        "authenticationMode": request.get("authenticationMode", "API_AND_CONFIG_MAP"),
    }


def vpc_of(account, region, subnet_ids):
    from moto.ec2.models import ec2_backends

    for subnet_id in subnet_ids:
        try:
            return ec2_backends[account][region].get_subnet(subnet_id).vpc_id
        except Exception:
            continue
    return None


def create_cluster(self):
    result = _create_cluster(self)
    cluster = self.eks_backend.clusters[self._get_param("name")]
    # The real API always returns the VPC of the cluster's subnets; moto does not.
    vpc_config = cluster.resources_vpc_config or {}
    if "vpcId" not in vpc_config:
        vpc_config["vpcId"] = vpc_of(self.current_account, self.region, vpc_config.get("subnetIds", []))
    # For the tests of a check that must not turn off silently: an answer without vpcId.
    if (self._get_param("tags") or {}).get("test.eksctl-shim/no-vpc-id"):
        vpc_config.pop("vpcId", None)
    cluster.access_config = access_config(self._get_param("accessConfig"))
    outpost = self._get_param("outpostConfig")
    if outpost is not None:
        cluster.outpost_config = {
            "outpostArns": outpost.get("outpostArns", []),
            "controlPlaneInstanceType": outpost.get("controlPlaneInstanceType", "m5.large"),
            "controlPlanePlacement": outpost.get("controlPlanePlacement", {}),
        }
    return result


responses.EKSResponse.create_cluster = create_cluster


# UpdateClusterConfig changes only the resourcesVpcConfig fields the request gives (EKS API
# reference, UpdateClusterConfig / VpcConfigRequest); moto 5 replaces the whole dict,
# losing the vpcId and subnets a request about endpoint access does not name.
from moto.eks import models as eks_models

_update_cluster_config = eks_models.EKSBackend.update_cluster_config


def update_cluster_config(self, name, resources_vpc_config, *args, **kwargs):
    cluster = self.clusters.get(name)
    if cluster is not None and resources_vpc_config:
        merged = dict(cluster.resources_vpc_config or {})
        merged.update(resources_vpc_config)
        resources_vpc_config = merged
    return _update_cluster_config(self, name, resources_vpc_config, *args, **kwargs)


eks_models.EKSBackend.update_cluster_config = update_cluster_config


# UpdateClusterConfig with accessConfig (moto 5 ignores it). EKS moves the authentication
# mode one way, one step at a time: CONFIG_MAP -> API_AND_CONFIG_MAP -> API; anything else,
# the current mode included, is an InvalidRequestException (the EKS user guide, "Change
# the authentication mode"; the exact message is not documented: this one is inferred).
# A cluster without accessConfig is in CONFIG_MAP.
from moto.eks.exceptions import InvalidRequestException

AUTH_MODE_STEPS = {("CONFIG_MAP", "API_AND_CONFIG_MAP"), ("API_AND_CONFIG_MAP", "API")}
_update_cluster_config_response = responses.EKSResponse.update_cluster_config


def update_cluster_config_response(self):
    access = self._get_param("accessConfig")
    if not access:
        return _update_cluster_config_response(self)
    cluster = self.eks_backend.clusters[self._get_param("name")]
    current = (cluster.access_config or {}).get("authenticationMode", "CONFIG_MAP")
    wanted = access.get("authenticationMode")
    if (current, wanted) not in AUTH_MODE_STEPS:
        raise InvalidRequestException(
            message=f"Unsupported authentication mode update from {current} to {wanted}")
    cluster.access_config = dict(cluster.access_config or {"bootstrapClusterCreatorAdminPermissions": True},
                                 authenticationMode=wanted)
    return _update_cluster_config_response(self)


responses.EKSResponse.update_cluster_config = update_cluster_config_response


# Access entries (moto 5 has none): Create-, List- and DeleteAccessEntry (EKS API
# reference). A principal that has an entry already is ResourceInUseException (HTTP 409),
# "The specified access entry resource is already in use on this cluster." (the wording
# users report from EKS; not in eksctl's source).
from moto.core.responses import ActionResult
from moto.eks import urls as eks_urls
from moto.eks.exceptions import ResourceInUseException

ACCESS_ENTRIES = {}
eks_urls.url_paths["{0}/clusters/(?P<name>[^/]+)/access-entries$"] = responses.EKSResponse.dispatch


def create_access_entry(self):
    name, arn = self._get_param("name"), self._get_param("principalArn")
    entries = ACCESS_ENTRIES.setdefault((self.current_account, self.region, name), {})
    if arn in entries:
        raise ResourceInUseException(clusterName=name, nodegroupName=None, fargateProfileName=None,
                                     addonName=None,
                                     message="The specified access entry resource is already in use on this cluster.")
    entries[arn] = {"clusterName": name, "principalArn": arn, "type": self._get_param("type") or "STANDARD",
                    "kubernetesGroups": self._get_param("kubernetesGroups") or []}
    return ActionResult({"accessEntry": entries[arn]})


def list_access_entries(self):
    name = self._get_param("name")
    return ActionResult({"accessEntries": list(ACCESS_ENTRIES.get((self.current_account, self.region, name), {}))})


def delete_access_entry(self):
    """DeleteAccessEntry (DELETE /clusters/{name}/access-entries/{principalArn})."""
    from urllib.parse import unquote
    from moto.eks.exceptions import ResourceNotFoundException
    name = self._get_param("name")
    arn = unquote(self.path.split("/access-entries/", 1)[1].split("?", 1)[0])
    entries = ACCESS_ENTRIES.get((self.current_account, self.region, name), {})
    if arn not in entries:
        raise ResourceNotFoundException(clusterName=name, nodegroupName=None, fargateProfileName=None,
                                        addonName=None, message=f"The specified access entry {arn} was not found.")
    del entries[arn]
    return ActionResult({})


eks_urls.url_paths["{0}/clusters/(?P<name>[^/]+)/access-entries/(?P<principalArn>.+)$"] = \
    responses.EKSResponse.dispatch
responses.EKSResponse.create_access_entry = create_access_entry
responses.EKSResponse.list_access_entries = list_access_entries
responses.EKSResponse.delete_access_entry = delete_access_entry


# CloudFormation: moto creates stacks synchronously and never rolls one back, so a test
# cannot otherwise reach the state a failed nodegroup leaves. A stack created with the tag
# `test.eksctl-shim/fail` = "<ResourceType>/<LogicalId>: <reason>" ends the way
# CloudFormation ends it: the resource's CREATE_FAILED event with that reason, then the
# stack's ROLLBACK_IN_PROGRESS and ROLLBACK_COMPLETE.
from moto.cloudformation import models as cfn_models

_create_stack = cfn_models.CloudFormationBackend.create_stack
FAIL_TAG = "test.eksctl-shim/fail"


def create_stack(self, name, template, parameters, *args, **kwargs):
    stack = _create_stack(self, name, template, parameters, *args, **kwargs)
    failure = (kwargs.get("tags") or {}).get(FAIL_TAG)
    if failure:
        resource, _, reason = failure.partition(": ")
        resource_type, _, logical_id = resource.partition("/")
        stack.events.append(cfn_models.Event(
            stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=logical_id,
            physical_resource_id="", resource_type=resource_type, resource_status="CREATE_FAILED",
            resource_status_reason=reason, resource_properties=None,
        ))
        stack._add_stack_event("ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [%s]. Rollback requested by user." % logical_id)
        stack._add_stack_event("ROLLBACK_COMPLETE")
        stack.status = "ROLLBACK_COMPLETE"
    return stack


cfn_models.CloudFormationBackend.create_stack = create_stack


# ListImports is not in moto 5. The real API lists the stacks whose templates import the
# export (Fn::ImportValue), and answers ValidationError "Export '<name>' is not imported
# by any stack." when none does.
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.core.responses import ActionResult


def imports_in(node, name):
    if isinstance(node, dict):
        if node.get("Fn::ImportValue") == name:
            return True
        return any(imports_in(v, name) for v in node.values())
    if isinstance(node, list):
        return any(imports_in(v, name) for v in node)
    return False


# A world can deny the shim's identity an action, as an IAM policy would: a stack tagged
# `test.eksctl-shim/deny` = "ListImports" makes ListImports answer AccessDenied.
DENY_TAG = "test.eksctl-shim/deny"


class AccessDenied(CloudFormationError):
    code = "AccessDenied"


def denied(backend, action):
    return any(action in (st.tags or {}).get(DENY_TAG, "").split(",") for st in backend.stacks.values())


def list_imports(self):
    name = self._get_param("ExportName")
    if denied(self.cloudformation_backend, "ListImports"):
        raise AccessDenied("User: arn:aws:sts::123456789012:assumed-role/ci/shim is not authorized to perform: cloudformation:ListImports")
    stacks = [st.name for st in self.cloudformation_backend.stacks.values()
              if st.status != "DELETE_COMPLETE" and imports_in(getattr(st, "template_dict", {}), name)]
    if not stacks:
        raise ValidationError(message=f"Export '{name}' is not imported by any stack.")
    return ActionResult({"Imports": stacks})


cfn_responses.CloudFormationResponse.list_imports = list_imports


# Executing a change set makes its template the stack's template, Outputs included, as
# UpdateStack does; moto 5 updates the resources only and keeps the old Outputs.
_apply = cfn_models.ChangeSet.apply


def apply(self):
    _apply(self)
    self.stack.template = self.template
    self.stack._parse_template()
    self.stack.output_map = self.stack._create_output_map()


cfn_models.ChangeSet.apply = apply

# A world can make CloudFormation fail a change set on a stack, as it does when the
# template is invalid or a resource cannot be changed: a stack tagged
# `test.eksctl-shim/changeset` = "<reason>" gets change sets that end FAILED, execution
# UNAVAILABLE, with that StatusReason (the states of the DescribeChangeSet reference).
# One tagged `test.eksctl-shim/changeset-changes` = "<Action> <LogicalId> <Type>" gets
# change sets that list that resource change (what CloudFormation lists when a template
# edit reaches a resource; an Outputs-only edit lists none).
CHANGESET_TAG = "test.eksctl-shim/changeset"
CHANGES_TAG = "test.eksctl-shim/changeset-changes"
_create_change_set = cfn_models.CloudFormationBackend.create_change_set


def create_change_set(self, stack_name, *args, **kwargs):
    change_set_id, stack_id = _create_change_set(self, stack_name, *args, **kwargs)
    tags = self.stacks[stack_id].tags or {}
    cs = self.change_sets[change_set_id]
    if tags.get(CHANGESET_TAG):
        cs.status, cs.execution_status, cs.status_reason = "FAILED", "UNAVAILABLE", tags[CHANGESET_TAG]
    if tags.get(CHANGES_TAG):
        action, logical_id, resource_type = tags[CHANGES_TAG].split()
        cs.changes.append(cfn_models.Change(action, logical_id, resource_type))
    return change_set_id, stack_id


cfn_models.CloudFormationBackend.create_change_set = create_change_set

if __name__ == "__main__":
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
