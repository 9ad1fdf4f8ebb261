"""The eksctl model's own tests: `create nodegroup` and `create cluster` against the
cluster's AWS state (moto, harness.py), by version: deleted subnets, public subnet rules,
#7785, #7720, --update-auth-configmap by mode, existing nodegroups (#8712), --dry-run,
#7695. The command line and config reading are in test_model.py.
"""

import tempfile
import unittest

import harness
from harness import config, eksctl, name, tearDownModule, write  # noqa: F401 (module fixture)

MOTO = None


def setUpModule():
    """harness.setUpModule, and its moto server under the name the tests use."""
    global MOTO
    harness.setUpModule()
    MOTO = harness.MOTO


class State(unittest.TestCase):
    """What eksctl does against the cluster's AWS state, by version."""

    def test_deleted_stack_subnets_by_version(self):
        c = name()
        ids = MOTO.world({"cluster": c, "moved": True, "delete": ["private-a", "private-b"]})
        pin = f"{ids['new-private-a']},{ids['new-private-b']}"
        for v in ("0.170.0", "0.176.0"):
            r = eksctl(["create", "ng", "--cluster", c, "-P", "--subnet-ids", pin, "-n", "p" + v[2:5]], version=v)
            self.assertEqual(r.rc, 1, r)
            self.assertIn("api error InvalidSubnetID.NotFound: The subnet ID", r.err)
        r = eksctl(["create", "ng", "--cluster", c, "-P"], version="0.180.0")
        self.assertIn("was found on cluster cloudformation stack outputs, but has been removed from VPC", r.out)
        self.assertIn("Error: all private subnets from " + ids["vpc"], r.err, r)
        r = eksctl(["create", "ng", "--cluster", c, "-P"], version="0.195.0")
        self.assertIn("was found in cluster's CloudFormation stack outputs, but has been removed from VPC", r.out)
        r = eksctl(["create", "ng", "--cluster", c, "-P", "--subnet-ids", pin, "-n", "pinned"], version="0.180.0")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.call["created"]["nodegroups"][0]["subnets"], pin.split(","))
        # public nodegroups still have public subnets
        r = eksctl(["create", "ng", "--cluster", c, "-n", "pub"], version="0.200.0")
        self.assertEqual(r.rc, 0, r)

    def test_availability_check_covers_every_nodegroup_in_the_file(self):
        c = name()
        ids = MOTO.world({"cluster": c, "moved": True, "delete": ["private-a", "private-b"]})
        tmp = tempfile.mkdtemp()
        f = write(tmp, config(c, f"managedNodeGroups:\n- name: old\n  privateNetworking: true\n"
                                 f"- name: new\n  privateNetworking: true\n  subnets: [{ids['new-private-a']}]\n"))
        r = eksctl(["create", "ng", "-f", f, "--include", "new"], version="0.200.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("all private subnets from", r.err)

    def test_public_subnet_rules(self):
        c = name()
        ids = MOTO.world({"cluster": c})
        r = eksctl(["create", "ng", "--cluster", c, "--subnet-ids", ids["private-a"]], version="0.200.0")
        self.assertIn(f"subnet {ids['private-a']} is specified as private in ClusterConfig, thus must only be used "
                      f"when `privateNetworking` is enabled", r.err, r)
        c2 = name()
        MOTO.world({"cluster": c2, "map_public_ip": False})
        r = eksctl(["create", "ng", "--cluster", c2], version="0.200.0")
        self.assertIn("subnets for one or more new nodegroups don't meet requirements", r.err, r)
        self.assertIn('"MapPublicIpOnLaunch" enabled', r.out)
        c3 = name()
        MOTO.world({"cluster": c3, "map_public_ip": False, "endpoint_private_access": True})
        r = eksctl(["create", "ng", "--cluster", c3], version="0.200.0")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("have \"MapPublicIpOnLaunch\" disabled", r.out)

    def test_alias_keys_7785(self):
        c = name()
        ids = MOTO.world({"cluster": c})
        tmp = tempfile.mkdtemp()
        f = write(tmp, config(c, f"vpc:\n  subnets:\n    private:\n      one: {{id: {ids['private-a']}}}\n"
                                 f"      two: {{id: {ids['private-b']}}}\n"
                                 f"managedNodeGroups:\n- name: z\n  privateNetworking: true\n"
                                 f"  availabilityZones: [us-west-2a]\n"))
        r = eksctl(["create", "ng", "-f", f], version="0.180.0")
        self.assertIn("all private subnets from us-west-2a", r.err, r)
        r = eksctl(["create", "ng", "-f", f], version="0.182.0")
        self.assertEqual(r.rc, 0, r)

    def test_config_subnet_deleted(self):
        c = name()
        ids = MOTO.world({"cluster": c, "moved": True, "delete": ["private-a"]})
        tmp = tempfile.mkdtemp()
        f = write(tmp, config(c, f"vpc:\n  subnets:\n    private:\n      us-west-2b: {{id: {ids['new-private-b']}}}\n"
                                 f"managedNodeGroups:\n- name: m\n  privateNetworking: true\n"))
        r = eksctl(["create", "ng", "-f", f], version="0.200.0")
        self.assertIn("mismatch found between local and remote VPC config", r.err, r)

    def test_shared_node_security_group_missing(self):
        c = name()
        MOTO.world({"cluster": c, "shared_sg_output": False})
        r = eksctl(["create", "ng", "--cluster", c])
        self.assertIn("cluster compatibility check failed: shared node security group missing", r.err, r)

    def test_outdated_stack_update_7720(self):
        c = name()
        MOTO.world({"cluster": c, "cluster_sg_output": False})
        r = eksctl(["create", "ng", "--cluster", c, "-n", "m1"])
        self.assertEqual(r.rc, 0, r)
        self.assertIn("cluster stack is missing resources for Managed Nodegroups", r.out)
        # The update's rebuild is upgrade cluster's (compat.go:77@0.200.0): with the deleted
        # subnet skipped, the private Output keeps one zone and HasSufficientSubnets fails.
        c = name()
        ids = MOTO.world({"cluster": c, "cluster_sg_output": False, "moved": True, "delete": ["private-a"]})
        r = eksctl(["create", "ng", "--cluster", c, "-n", "m1", "-P", "--subnet-ids", ids["new-private-a"]],
                   version="0.200.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn('Error: failed to create nodegroups for cluster "%s"' % c, r.err)
        self.assertIn("insufficient number of subnets", r.out)
        self.assertEqual(r.call["created"]["stacks_updated"], [])
        # Two zones left beside the deleted subnet: the rebuild passes and the update
        # itself fails on the deleted subnet (#7720).
        c = name()
        ids = MOTO.world({"cluster": c, "cluster_sg_output": False, "moved": True, "delete": ["private-a"],
                          "extra_outputs": {"SubnetsPrivate": ["private-a", "new-private-a", "private-b"]}})
        r = eksctl(["create", "ng", "--cluster", c, "-n", "m1", "-P", "--subnet-ids", ids["new-private-a"]],
                   version="0.200.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn('Error: failed to create nodegroups for cluster "%s"' % c, r.err)
        self.assertIn("waiter state transitioned to Failure", r.out)
        self.assertEqual(r.call["created"]["nodegroups"], [])
        # self-managed nodegroups do not need the update
        r = eksctl(["create", "ng", "--cluster", c, "-n", "s1", "-P", "--managed=false", "--subnet-ids",
                    ids["new-private-a"]], version="0.200.0")
        self.assertEqual(r.rc, 0, r)

    def test_local_zones_and_outposts_are_exempt(self):
        c = name()
        ids = MOTO.world({"cluster": c, "local_zone_outputs": True, "moved": True,
                          "delete": ["private-a", "private-b"]})
        tmp = tempfile.mkdtemp()
        f = write(tmp, config(c, "nodeGroups:\n- name: lz\n  privateNetworking: true\n  localZones: [us-west-2c]\n"))
        r = eksctl(["create", "ng", "-f", f], version="0.200.0")
        self.assertNotIn("all private subnets", r.err, r)

    def test_update_auth_configmap_by_version_and_mode(self):
        api = name()
        MOTO.world({"cluster": api, "auth_mode": "API"})
        none = name()
        MOTO.world({"cluster": none, "auth_mode": None})
        for c in (api, none):
            r = eksctl(["create", "ng", "--cluster", c, "--managed=false", "--update-auth-configmap=false"],
                       version="0.167.0")
            self.assertIn("--update-auth-configmap is not supported when authenticationMode is set to API", r.err, r)
        r = eksctl(["create", "ng", "--cluster", api, "--managed=false", "--update-auth-configmap", "-n", "s"],
                   version="0.166.0")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.call["created"]["nodegroups"][0]["auth"], "aws-auth")
        cm = name()
        MOTO.world({"cluster": cm, "auth_mode": "CONFIG_MAP"})
        r = eksctl(["create", "ng", "--cluster", cm, "--managed=false", "-n", "s"], version="0.180.0")
        self.assertEqual(r.call["created"]["nodegroups"][0]["auth"], "aws-auth", r)
        r = eksctl(["create", "ng", "--cluster", api, "--managed=false", "-n", "s2"], version="0.180.0")
        self.assertEqual(r.call["created"]["nodegroups"][0]["auth"], "access-entry", r)

    def test_existing_nodegroups_are_skipped(self):
        c = name()
        MOTO.world({"cluster": c, "failed_nodegroup_stacks": {"ng-9": "AWS::AutoScaling::AutoScalingGroup/NodeGroup: "
                                                                       "quota"}})
        r = eksctl(["create", "ng", "--cluster", c, "-n", "ng-9"])
        self.assertEqual(r.rc, 0, r)
        self.assertIn("1 existing nodegroup(s) (ng-9) will be excluded", r.out)
        self.assertIn('created 0 managed nodegroup(s) in cluster "%s"' % c, r.out)

    def test_dry_run_creates_nothing(self):
        c = name()
        MOTO.world({"cluster": c})
        r = eksctl(["create", "ng", "--cluster", c, "-n", "dr", "--dry-run"])
        self.assertEqual(r.rc, 0, r)
        self.assertTrue(r.out.startswith("apiVersion: eksctl.io/v1alpha5\n"), r)
        self.assertNotIn("[\u2139]", r.out)
        stacks = [s["StackName"] for s in MOTO.client("cloudformation").list_stacks()["StackSummaries"]]
        self.assertNotIn(f"eksctl-{c}-nodegroup-dr", stacks)

    def test_create_cluster_7695_and_without_nodegroup(self):
        tmp = tempfile.mkdtemp()
        c = name()
        f = write(tmp, config(c, "accessConfig: {authenticationMode: CONFIG_MAP}\nnodeGroups:\n- name: sm\n"
                                 "managedNodeGroups:\n- name: mn\n"))
        r = eksctl(["create", "cluster", "-f", f], version="0.170.0")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("[!]  1 error(s) occurred and cluster hasn't been created properly, you may wish to check "
                      "CloudFormation console", r.out)
        self.assertIn(f"to cleanup resources, run 'eksctl delete cluster --region=us-west-2 --name={c}'", r.out)
        self.assertTrue(r.err.endswith(f'Error: failed to create cluster "{c}"\n'), r)
        ev = MOTO.client("cloudformation").describe_stack_events(StackName=f"eksctl-{c}-nodegroup-sm")["StackEvents"]
        self.assertTrue(any("authentication mode must be set to one of [API, API_AND_CONFIG_MAP]" in
                            (e.get("ResourceStatusReason") or "") for e in ev))
        c2 = name()
        f2 = write(tmp, config(c2, "accessConfig: {authenticationMode: CONFIG_MAP}\nnodeGroups:\n- name: sm\n"), "d.yaml")
        r = eksctl(["create", "cluster", "-f", f2], version="0.176.0")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.call["created"]["nodegroups"][0]["auth"], "aws-auth")
        # then create nodegroup sees what create cluster made
        r = eksctl(["create", "ng", "--cluster", c2, "-n", "later", "-P"], version="0.176.0")
        self.assertEqual(r.rc, 0, r)
        c3 = name()
        f3 = write(tmp, config(c3, "nodeGroups:\n- name: sm\n"), "e.yaml")
        r = eksctl(["create", "cluster", "-f", f3, "--without-nodegroup"], version="0.170.0")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.call["created"]["nodegroups"], [])
        r = eksctl(["create", "cluster", "-f", f3, "--dry-run"], version="0.170.0")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("nodeGroups:", r.out)


if __name__ == "__main__":
    unittest.main()
