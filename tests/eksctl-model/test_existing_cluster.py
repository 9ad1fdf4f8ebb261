"""The model's commands on an existing cluster, against moto: `eksctl upgrade cluster` /
`update cluster` (eksmodel/upgrade.py), where eksctl fails on a drifted cluster stack, by
version, and where it does not; `eksctl create iamidentitymapping`
(eksmodel/identitymapping.py); `eksctl utils update-cluster-vpc-config`
(eksmodel/vpcconfig.py).

The helpers and the moto server are harness.py's. Run with the other tests of the model:
`python3 -m unittest test_model test_create_against_aws test_existing_cluster` from
tests/eksctl-model, or `cargo test --test it eksctl_model::`.
"""

import tempfile
import unittest

import harness
from harness import eksctl, name

# An eksctl-made VPC (subnet resources in the stack) in zones a and b; the stack's
# private subnet in zone a was deleted, and the control plane uses a new private subnet
# in zone a, one in zone c (no subnet resource there) and the stack's others.
MOVED = {"join_outputs": True, "new_zone_c": True, "delete": ["stack-private-a"], "version": "1.29",
         "control_plane": ["stack-private-b", "new-private-a", "new-private-c", "stack-public-a", "stack-public-b"]}


def setUpModule():
    harness.setUpModule()


def tearDownModule():
    harness.tearDownModule()


def set_private_output(cluster, value):
    """The cluster stack's SubnetsPrivate, replaced through an UpdateStack (as a tool that
    edits Outputs would), Resources unchanged."""
    import json
    cfn = harness.MOTO.client("cloudformation")
    stack = f"eksctl-{cluster}-cluster"
    body = cfn.get_template(StackName=stack)["TemplateBody"]
    body = body if isinstance(body, dict) else json.loads(body)
    body["Outputs"]["SubnetsPrivate"]["Value"] = value
    cs = cfn.create_change_set(StackName=stack, ChangeSetName="edit", ChangeSetType="UPDATE",
                               TemplateBody=json.dumps(body))
    cfn.execute_change_set(ChangeSetName=cs["Id"])


class Upgrade(unittest.TestCase):
    def test_a_clean_cluster_upgrades(self):
        c = name()
        harness.MOTO.world({"cluster": c, "join_outputs": True, "version": "1.29"})
        r = eksctl(["upgrade", "cluster", "--name", c], version="0.200.0")
        self.assertEqual(r.rc, 0, r)
        self.assertIn('(plan) would upgrade cluster "%s" control plane from current version "1.29" to "1.30"' % c, r.out)
        self.assertIn("no changes were applied, run again with '--approve'", r.out)
        r = eksctl(["upgrade", "cluster", "--name", c, "--approve"], version="0.200.0")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.call["created"]["control_plane_upgrades"][0]["to"], "1.30")
        self.assertIn("are up-to-date", r.out)

    def test_up_to_0_176_a_deleted_output_subnet_fails_before_anything_plan_mode_too(self):
        c = name()
        harness.MOTO.world({"cluster": c, **MOVED, "version": "1.28"})
        for v in ("0.170.0", "0.176.0"):
            for extra in ([], ["--approve"]):
                r = eksctl(["upgrade", "cluster", "--name", c, *extra], version=v)
                self.assertEqual(r.rc, 1, r)
                self.assertIn(f'Error: getting VPC configuration for cluster "{c}": operation error EC2: '
                              f'DescribeSubnets', r.err)
                self.assertIn("InvalidSubnetID.NotFound", r.err)
                self.assertNotIn("control_plane_upgrades", r.call["created"])

    def test_from_0_177_a_kind_left_in_one_zone_fails_after_the_control_plane(self):
        c = name()
        harness.MOTO.world({"cluster": c, **MOVED})
        r = eksctl(["update", "cluster", "--name", c], version="0.180.0")
        self.assertIn("was found on cluster cloudformation stack outputs", r.out)
        self.assertIn("Error: insufficient number of subnets, at least 2x public and/or 2x private subnets are "
                      "required", r.err, r)
        self.assertEqual(r.call["outcome"], "refused")
        r = eksctl(["upgrade", "cluster", "--name", c, "--approve"], version="0.230.0")
        self.assertEqual(r.rc, 1)
        self.assertIn("insufficient number of subnets", r.err)
        self.assertEqual(r.call["outcome"], "failed")
        self.assertTrue(r.call["created"]["control_plane_upgrades"][0]["ok"], "upgraded first")

    def test_an_output_subnet_in_a_zone_without_a_subnet_resource_fails_the_stack_update(self):
        c = name()
        ids = harness.MOTO.world({"cluster": c, **MOVED})
        set_private_output(c, ",".join([ids["stack-private-b"], ids["new-private-a"], ids["new-private-c"]]))
        r = eksctl(["upgrade", "cluster", "--name", c], version="0.200.0")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("(plan) updating stack to add new resources [PrivateRouteTableUSWEST2C "
                      "RouteTableAssociationPrivateUSWEST2C SubnetPrivateUSWEST2C]", r.out)
        r = eksctl(["upgrade", "cluster", "--name", c, "--approve"], version="0.200.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("Error: waiter state transitioned to Failure", r.err)
        self.assertIn("InvalidSubnet.Conflict", r.call["created"]["stacks_updated"][0]["reason"])

    def test_the_outputs_sync_outputs_plans_upgrade_cleanly(self):
        c = name()
        ids = harness.MOTO.world({"cluster": c, **MOVED})
        set_private_output(c, ",".join([ids["stack-private-b"], ids["new-private-a"]]))
        r = eksctl(["upgrade", "cluster", "--name", c, "--approve"], version="0.200.0")
        self.assertEqual(r.rc, 0, r)

    def test_a_deleted_subnet_still_on_the_control_plane_fails_the_eks_update(self):
        c = name()
        ids = harness.MOTO.world({"cluster": c, "join_outputs": True, "version": "1.29", "new_zone_c": True,
                             "control_plane": ["stack-private-a", "stack-private-b", "new-private-c"],
                             "delete": ["new-private-c"]})
        r = eksctl(["upgrade", "cluster", "--name", c, "--approve"], version="0.200.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn('Error: update failed with status "Failed": update errors:', r.err)
        self.assertIn(f"errorCode: SubnetNotFound, resourceIDs: [{ids['new-private-c']}]", r.err)


class IdentityMapping(unittest.TestCase):
    def test_written_to_aws_auth_whatever_the_mode(self):
        for mode, honoured in (("API", False), ("API_AND_CONFIG_MAP", True), ("CONFIG_MAP", True)):
            c = name()
            harness.MOTO.world({"cluster": c, "auth_mode": mode})
            r = eksctl(["create", "iamidentitymapping", "--cluster", c, "--arn",
                        "arn:aws:iam::123456789012:role/ops", "--group", "ops"], version="0.200.0")
            self.assertEqual(r.rc, 0, r)
            self.assertEqual(r.call["created"]["identity_mappings"][0]["written_to"], "aws-auth")
            self.assertEqual(r.call["created"]["identity_mappings"][0]["honoured"], honoured, mode)

    def test_refusals(self):
        c = name()
        harness.MOTO.world({"cluster": c})
        r = eksctl(["create", "iamidentitymapping", "--cluster", c, "--arn", "arn:aws:iam::123456789012:role/x"])
        self.assertIn("Error: neither username nor group are set for iam identity", r.err, r)
        r = eksctl(["create", "iamidentitymapping", "--cluster", c, "--account", "1", "--username", "u"])
        self.assertIn("Error: account cannot be configured with any other options", r.err, r)
        r = eksctl(["create", "iamidentitymapping", "--arn", "arn:aws:iam::1:role/x", "--group", "g"])
        self.assertIn("Error: --cluster must be set", r.err, r)


class VPCConfig(unittest.TestCase):
    def endpoints(self, c):
        v = harness.MOTO.client("eks").describe_cluster(name=c)["cluster"]["resourcesVpcConfig"]
        return v["endpointPublicAccess"], v["endpointPrivateAccess"]

    def test_a_file_without_cluster_endpoints_resets_them_to_public_only(self):
        c = name()
        harness.MOTO.world({"cluster": c, "endpoint_private_access": True})
        tmp = tempfile.mkdtemp()
        f = harness.write(tmp, harness.config(c, 'vpc:\n  publicAccessCIDRs: ["1.2.3.4/32"]\n'))
        r = eksctl(["utils", "update-cluster-vpc-config", "-f", f])
        self.assertEqual(r.rc, 0, r)
        self.assertIn("(plan) would update Kubernetes API endpoint access", r.out)
        self.assertEqual(self.endpoints(c), (True, True), "plan mode changes nothing")
        r = eksctl(["utils", "update-cluster-vpc-config", "-f", f, "--approve"])
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.endpoints(c), (True, False))

    def test_flags_keep_what_they_do_not_name(self):
        c = name()
        ids = harness.MOTO.world({"cluster": c, "endpoint_private_access": True})
        r = eksctl(["utils", "update-cluster-vpc-config", "--cluster", c, "--approve",
                    "--control-plane-subnet-ids", f"{ids['private-a']},{ids['private-b']}"])
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.endpoints(c), (True, True))
        r = eksctl(["utils", "update-cluster-vpc-config", "--cluster", c])
        self.assertIn("Error: at least one of these options must be specified", r.err, r)
        tmp = tempfile.mkdtemp()
        f = harness.write(tmp, harness.config(c))
        r = eksctl(["utils", "update-cluster-vpc-config", "-f", f, "--private-access"])
        self.assertIn("Error: cannot use --private-access when --config-file/-f is set", r.err, r)


class AuthenticationMode(unittest.TestCase):
    def test_one_step_at_a_time_one_way(self):
        c = name()
        harness.MOTO.world({"cluster": c, "auth_mode": "CONFIG_MAP"})
        for mode, ok in (("API", False), ("CONFIG_MAP", False), ("API_AND_CONFIG_MAP", True),
                         ("CONFIG_MAP", False), ("API", True), ("API", False)):
            r = eksctl(["utils", "update-authentication-mode", "--cluster", c, "--authentication-mode", mode],
                       version="0.200.0")
            self.assertEqual(r.rc == 0, ok, (mode, r))
            if not ok:
                self.assertIn("Error: failed to update cluster config: ", r.err)
                self.assertIn("InvalidRequestException", r.err)

    def test_loader(self):
        r = eksctl(["utils", "update-authentication-mode", "--cluster", "x"], version="0.200.0")
        self.assertIn("Error: --authentication-mode must be set", r.err, r)
        r = eksctl(["utils", "update-authentication-mode", "--cluster", "x", "--authentication-mode", "api"])
        self.assertIn('Error: invalid value "api" provided for authenticationMode', r.err, r)


class FargateProfile(unittest.TestCase):
    def test_a_deleted_output_subnet_fails_loading_the_cluster_up_to_0_176(self):
        c = name()
        harness.MOTO.world({"cluster": c, "moved": True, "delete": ["private-a"]})
        args = ["create", "fargateprofile", "--cluster", c, "--namespace", "apps", "--name"]
        r = eksctl(args + ["old"], version="0.176.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("Error: couldn't load cluster into spec: operation error EC2: DescribeSubnets", r.err)
        # The role stack was made before the failure.
        harness.MOTO.client("cloudformation").describe_stacks(StackName=f"eksctl-{c}-fargate")
        r = eksctl(args + ["new"], version="0.177.0")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.call["created"]["fargate_profiles"], ["new"])

    def test_loader(self):
        r = eksctl(["create", "fargateprofile", "--cluster", "x"])
        self.assertIn("Error: invalid Fargate profile: empty selector namespace", r.err, r)
        r = eksctl(["create", "fargateprofile", "--namespace", "a"])
        self.assertIn("Error: --cluster must be set", r.err, r)


class AccessEntry(unittest.TestCase):
    ARN = "arn:aws:iam::123456789012:role/ops"

    def test_a_principal_with_an_entry_made_outside_eksctl_fails_the_stack(self):
        c = name()
        harness.MOTO.world({"cluster": c})
        harness.MOTO.client("eks").create_access_entry(clusterName=c, principalArn=self.ARN)
        r = eksctl(["create", "accessentry", "--cluster", c, "--principal-arn", self.ARN], version="0.200.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn(f'Error: failed to create access entry for principal ARN "{self.ARN}"', r.err)
        self.assertEqual(r.call["created"]["access_entries"][0]["status"], "ROLLBACK_COMPLETE")

    def test_a_new_principal_and_then_its_stack_again(self):
        c = name()
        harness.MOTO.world({"cluster": c})
        r = eksctl(["create", "accessentry", "--cluster", c, "--principal-arn", self.ARN], version="0.200.0")
        self.assertEqual(r.rc, 0, r)
        from eksmodel.accessentry import stack_name
        self.assertEqual(r.call["created"]["access_entries"][0]["stack"], stack_name(c, self.ARN))
        r = eksctl(["create", "accessentry", "--cluster", c, "--principal-arn", self.ARN], version="0.200.0")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("access entries already up-to-date", r.out)

    def test_config_map_clusters_have_no_access_entries(self):
        c = name()
        harness.MOTO.world({"cluster": c, "auth_mode": "CONFIG_MAP"})
        r = eksctl(["create", "accessentry", "--cluster", c, "--principal-arn", self.ARN], version="0.200.0")
        self.assertIn("Error: access entries API is not currently enabled", r.err, r)

    def test_stack_name_as_eksctl_makes_it(self):
        # pkg/ctl/cmdutils/filter/access_entry_filter_test.go @0.230.0
        from eksmodel.accessentry import stack_name
        self.assertEqual(stack_name("web", "arn:aws:iam::012345689:role/AdministratorAccess"),
                         "eksctl-web-accessentry-WMWIOJ7RIE7SKMRBEO5HI6YVVUKNBV4I")


if __name__ == "__main__":
    unittest.main()
