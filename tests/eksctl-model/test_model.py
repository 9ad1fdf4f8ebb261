"""The eksctl model's own tests: it refuses what eksctl refuses and fails where eksctl
fails, by version and AWS state, against a moto server (harness.py). Here the command line
and reading the config; the create commands against AWS state are in
test_create_against_aws.py, the commands on an existing cluster in
test_existing_cluster.py.

Run: python3 -m unittest test_model test_create_against_aws test_existing_cluster   (from
tests/eksctl-model, or via `cargo test --test it eksctl_model::`). Each expectation cites
the eksctl source it comes from in the model's modules; here they are stated as behaviour.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from harness import MODEL, config, eksctl, setUpModule, tearDownModule, write  # noqa: F401 (module fixtures)


class CommandLine(unittest.TestCase):
    """pflag and cobra, and the loaders' refusals before any AWS call."""

    def refused(self, r, text):
        self.assertEqual(r.rc, 1, r)
        self.assertTrue(r.err.startswith("Error: "), r)
        self.assertIn(text, r.err, r)
        self.assertEqual(r.call["outcome"], "refused", r)

    def test_unknown_flag_and_missing_argument(self):
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--nope"], offline=True), "unknown flag: --nope")
        self.refused(eksctl(["create", "ng", "--cluster"], offline=True), "flag needs an argument: --cluster")
        self.refused(eksctl(["create", "ng", "-c"], offline=True), "flag needs an argument: 'c' in -c")
        self.refused(eksctl(["create", "ng", "-q"], offline=True), "unknown shorthand flag: 'q' in -q")
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--nodes", "two"], offline=True),
                     'invalid argument "two" for "-N, --nodes" flag: strconv.ParseInt: parsing "two": invalid syntax')

    def test_boolean_flags_take_no_separate_value(self):
        r = eksctl(["create", "ng", "--cluster", "x", "--managed", "false"], offline=True)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.call["config_json"]["managedNodeGroups"][0]["name"], "false")
        r = eksctl(["create", "ng", "--cluster", "x", "-Pfalse"], offline=True)
        self.refused(r, "couldn't create node group filter from command line options: reading config file \"alse\": "
                        "open alse: no such file or directory")

    def test_equals_glued_and_double_dash(self):
        r = eksctl(["create", "ng", "--cluster=x", "-nng-1", "-N3"], offline=True)
        self.assertEqual(r.rc, 0, r)
        ng = r.call["config_json"]["managedNodeGroups"][0]
        self.assertEqual((ng["name"], ng["desiredCapacity"]), ("ng-1", 3))
        # after `--` everything is positional: the name "--bad" (then refused as a name)
        r = eksctl(["create", "ng", "--cluster", "x", "--managed=false", "--", "--b_d"], offline=True)
        self.refused(r, "could not create cluster provider from options: validation for --b_d failed, name must "
                        "satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*")

    def test_two_positional_names(self):
        r = eksctl(["create", "ng", "--cluster", "x", "a", "b"], offline=True)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("[\u2716]  only one argument is allowed to be used as a name", r.out)
        self.assertNotIn("Error:", r.err)

    def test_name_flag_and_argument(self):
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--name", "a", "b"], offline=True),
                     "couldn't create node group filter from command line options: --name=a and argument b cannot be "
                     "used at the same time")

    def test_config_file_refusals_by_version(self):
        tmp = tempfile.mkdtemp()
        c = write(tmp, config("x", "managedNodeGroups:\n- name: a\n"))
        self.refused(eksctl(["create", "ng", "-f", c, "--cluster", "x"], offline=True),
                     "couldn't create node group filter from command line options: cannot use --cluster when "
                     "--config-file/-f is set")
        # sorted: the first refused flag in alphabetical order is reported
        self.refused(eksctl(["create", "ng", "-f", c, "--spot", "--managed"], offline=True),
                     "cannot use --managed when --config-file/-f is set")
        self.refused(eksctl(["create", "ng", "-f", c, "x"], offline=True),
                     "cannot use name argument when --config-file/-f is set")
        self.refused(eksctl(["create", "ng", "-f", c, "--enable-node-repair"], version="0.200.0", offline=True),
                     "cannot use --enable-node-repair when --config-file/-f is set")
        self.refused(eksctl(["create", "ng", "-f", c, "--enable-node-repair"], version="0.180.0", offline=True),
                     "unknown flag: --enable-node-repair")
        # create cluster extras, returned without the nodegroup loader's prefix
        r = eksctl(["create", "cluster", "-f", c, "--zones", "us-west-2a,us-west-2b"], offline=True)
        self.refused(r, "cannot use --zones when --config-file/-f is set")
        self.assertNotIn("couldn't create", r.err)
        self.refused(eksctl(["create", "cluster", "-f", c, "--enable-auto-mode"], version="0.200.0", offline=True),
                     "cannot use --enable-auto-mode when --config-file/-f is set")
        self.refused(eksctl(["create", "ng", "-f", c, "--subnet-ids", "subnet-1", "--support-type", "x"],
                            version="0.217.0", offline=True), "unknown flag: --support-type")
        self.refused(eksctl(["create", "cluster", "-f", c, "--support-type", "STANDARD"], version="0.217.0",
                            offline=True), "cannot use --support-type when --config-file/-f is set")
        # --subnet-ids is accepted with -f (and ignored: the file replaces the config)
        r = eksctl(["create", "ng", "-f", c, "--subnet-ids", "subnet-1"], offline=True)
        self.assertEqual(r.rc, 0, r)
        self.assertNotIn("subnets", r.call["config_json"]["managedNodeGroups"][0])

    def test_include_exclude_need_a_config_file(self):
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--include", "a"], offline=True),
                     "cannot use --include unless a config file is specified via --config-file/-f")
        self.refused(eksctl(["create", "cluster", "--exclude", "a"], offline=True), "unknown flag: --exclude")
        tmp = tempfile.mkdtemp()
        c = write(tmp, config("x", "managedNodeGroups:\n- name: a\n"))
        self.refused(eksctl(["create", "ng", "-f", c, "--include", "zz*"], offline=True),
                     'no nodegroups match include glob filter specification: "zz*"')

    def test_managed_only_flags_and_version(self):
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--managed=false", "--spot"], offline=True),
                     "--spot is only valid with managed nodegroups (--managed)")
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--managed=false", "--instance-types", "m5.large",
                             "--enable-node-repair"], version="0.200.0", offline=True),
                     "--enable-node-repair is only valid with managed nodegroups (--managed)")
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--version", "1.30"], offline=True),
                     "--version is only valid with unmanaged nodegroups")
        r = eksctl(["create", "ng", "--cluster", "x", "--version", "1.30", "--managed=false"], offline=True)
        self.assertEqual(r.rc, 0, r)

    def test_update_auth_configmap_with_dry_run(self):
        for v in ("0.165.0", "0.230.0"):
            self.refused(eksctl(["create", "ng", "--cluster", "x", "--dry-run", "--update-auth-configmap"],
                                version=v, offline=True),
                         "cannot use --update-auth-configmap with --dry-run as this option cannot be represented "
                         "in ClusterConfig")
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--dry-run", "--profile", "p"], offline=True),
                     "with --dry-run as this option cannot be represented in ClusterConfig: set the AWS_PROFILE "
                     "environment variable instead")

    def test_node_zones_with_subnet_ids(self):
        self.refused(eksctl(["create", "ng", "--cluster", "x", "--node-zones", "us-west-2a", "--subnet-ids",
                             "subnet-1"], offline=True),
                     "could not create cluster provider from options: only one of managedNodeGroups[0].subnets or "
                     "managedNodeGroups[0].availabilityZones should be set")

    def test_unmodelled_and_no_aws(self):
        r = eksctl(["get", "cluster"], offline=True)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("NOT MODELLED", r.err)
        r = eksctl(["create", "ng", "--cluster", "x"], aws=False)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("never talks to real AWS", r.err)
        r = eksctl(["get", "cluster"], env={"EKSCTL_MODEL_UNMODELLED": "record"}, aws=False)
        self.assertEqual(r.rc, 0, r)

    def test_version(self):
        r = eksctl(["version"], version="0.176.0", aws=False)
        self.assertEqual(r.out, "0.176.0\n")
        r = eksctl(["version", "-o", "json"], version="0.176.0-rc.0", aws=False)
        self.assertEqual(json.loads(r.out)["Version"], "0.176.0")

    def test_dies_of_the_signal(self):
        rec = tempfile.mkdtemp()
        e = {"PATH": os.environ["PATH"], "EKSCTL_MODEL_RECORD": rec, "EKSCTL_MODEL_OFFLINE": "1",
             "EKSCTL_MODEL_SLEEP": "30"}
        for sig in (signal.SIGINT, signal.SIGTERM):
            p = subprocess.Popen([sys.executable, MODEL, "create", "ng", "--cluster", "x"], env=e)
            for _ in range(200):
                if os.path.exists(os.path.join(rec, "calls.jsonl")):
                    break
                time.sleep(0.05)
            time.sleep(0.2)
            p.send_signal(sig)
            self.assertEqual(p.wait(timeout=10), -sig)


class Config(unittest.TestCase):
    """Reading and decoding the config as eksctl does."""

    def test_delivery(self):
        text = config("x", "managedNodeGroups:\n- name: a\n")
        r = eksctl(["create", "ng", "-f", "-"], stdin=text.encode(), offline=True)
        self.assertEqual((r.rc, r.call["config"]), (0, text), r)
        r = eksctl([], shell='"$1" "$2" create ng -f <(cat)', stdin=text.encode(), offline=True)
        self.assertEqual((r.rc, r.call["config"]), (0, text), r)
        self.assertTrue(r.call["config_path"].startswith("/dev/fd/"))
        r = eksctl(["create", "ng", "-f", "/dev/stdin"], stdin=text.encode(), offline=True)
        self.assertEqual((r.rc, r.call["config"]), (0, text), r)
        tmp = tempfile.mkdtemp()
        fifo = os.path.join(tmp, "fifo")
        os.mkfifo(fifo)
        src = write(tmp, text, "src.yaml")
        r = eksctl([], shell=f'cat {src} > {fifo} & "$1" "$2" create ng -f {fifo}; wait', offline=True)
        self.assertEqual((r.rc, r.call["config"]), (0, text), r)
        # an empty pipe (a config someone else drained): eksctl decodes nothing
        r = eksctl([], shell='"$1" "$2" create ng -f <(true)', offline=True)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("Object 'Kind' is missing in ''", r.err)

    def test_yaml_1_1_and_types(self):
        tmp = tempfile.mkdtemp()
        for labels, ok in (("'yes'", True), ("yes", False), ("on", False), ("'on'", True), ("n", False),
                           ('"010"', True), ("010", False), ("~", True)):
            c = write(tmp, config("x", f"managedNodeGroups:\n- name: a\n  labels: {{team: {labels}}}\n"))
            r = eksctl(["create", "ng", "-f", c], offline=True)
            self.assertEqual(r.rc == 0, ok, (labels, r))
            if not ok:
                self.assertIn("cannot unmarshal", r.err)
        c = write(tmp, config("x", "managedNodeGroups:\n- name: a\n  foo: 1\n"))
        r = eksctl(["create", "ng", "-f", c], offline=True)
        self.assertIn('json: unknown field "foo"', r.err)
        c = write(tmp, config("x", "accessConfig: {authenticationMode: API}\n"))
        self.assertIn('json: unknown field "accessConfig"', eksctl(["create", "ng", "-f", c], version="0.166.0",
                                                                   offline=True).err)
        self.assertEqual(eksctl(["create", "ng", "-f", c], version="0.167.0", offline=True).rc, 0)

    def test_merge_keys_and_duplicates(self):
        tmp = tempfile.mkdtemp()
        c = write(tmp, config("x", "managedNodeGroups:\n- &b {name: a, privateNetworking: true}\n"
                                   "- {<<: *b, name: b}\n"))
        r = eksctl(["create", "ng", "-f", c], offline=True)
        self.assertIn('error converting YAML to JSON: yaml: unmarshal errors:\n  line 8: key "name" already set in map',
                      r.err, r)
        c = write(tmp, config("x", "x-base: &b {privateNetworking: true}\nmanagedNodeGroups:\n"
                                   "- {<<: *b, name: b}\n"))
        self.assertIn('unknown field "x-base"', eksctl(["create", "ng", "-f", c], offline=True).err)
        c = write(tmp, config("x", "managedNodeGroups:\n- name: a\n  name: b\n"))
        self.assertIn('key "name" already set in map', eksctl(["create", "ng", "-f", c], offline=True).err)
        c = write(tmp, config("x", "vpc:\n  subnets:\n    private:\n      1: {id: subnet-1}\n"
                                   "managedNodeGroups:\n- name: a\n"))
        r = eksctl(["create", "ng", "-f", c], offline=True)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(list(r.call["config_json"]["vpc"]["subnets"]["private"]), ["1"])

    def test_metadata_and_nodegroup_validation(self):
        tmp = tempfile.mkdtemp()
        c = write(tmp, "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: x}\n")
        self.assertIn("metadata.region must be set", eksctl(["create", "ng", "-f", c], offline=True).err)
        c = write(tmp, config("x", "managedNodeGroups:\n- name: a\n  subnets: [s-1]\n  availabilityZones: [z]\n"))
        self.assertIn("only one of managedNodeGroups[0].subnets or managedNodeGroups[0].availabilityZones should be "
                      "set", eksctl(["create", "ng", "-f", c], offline=True).err)
        c = write(tmp, config("x", "nodeGroups:\n- name: a\n  efaEnabled: true\n  subnets: [s-1, s-2]\n"))
        self.assertIn("nodeGroups[0].efaEnabled nodegroups must have only one subnet or one availability zone",
                      eksctl(["create", "ng", "-f", c], offline=True).err)
        c = write(tmp, config("x", "nodeGroups:\n- name: a\n- name: a\n"))
        self.assertIn('nodeGroups[1].name "a" is not unique', eksctl(["create", "ng", "-f", c], offline=True).err)


# --- the YAML 1.1 table ----------------------------------------------------------------

YAML_TABLE = [
    # (scalar as written, what eksctl's reader makes of it)
    ("yes", True), ("Yes", True), ("YES", True), ("yEs", "yEs"), ('"yes"', "yes"), ("'yes'", "yes"),
    ("no", False), ("No", False), ("NO", False), ('"no"', "no"),
    ("on", True), ("On", True), ("ON", True), ('"on"', "on"),
    ("off", False), ("Off", False), ("OFF", False), ("'off'", "off"),
    ("y", True), ("Y", True), ('"y"', "y"), ("n", False), ("N", False), ("'n'", "n"),
    ("true", True), ("True", True), ("tRUE", "tRUE"),
    ("010", 8), ('"010"', "010"),
    # go-yaml v2 resolves ints with Go's strconv base 0: 0o10 is 8 there (YAML 1.1 proper
    # would keep it a string); what matters is that eksctl reads 8.
    ("0o10", 8), ("0x10", 16), ("0b101", 5),
    ("1_000", 1000), ('"1_000"', "1_000"),
    ("~", None), ("null", None), ("'~'", "~"), ("", None),
    ("1e3", 1000), ("12:30", "12:30"),
]


class YAML11(unittest.TestCase):
    def test_scalar_table(self):
        from eksmodel.config import yaml_to_json
        for written, want in YAML_TABLE:
            got = yaml_to_json(f"v: {written}\n".encode())
            self.assertIsNone(got["strict_error"], written)
            self.assertEqual(got["json"]["v"], want, written)

    def test_keys_merges_and_duplicates(self):
        from eksmodel.config import yaml_to_json
        got = yaml_to_json(b"1: a\ntrue: b\nn: c\n1.5: d\n")
        self.assertEqual(got["json"], {"1": "a", "true": "b", "false": "c", "1.5": "d"})
        got = yaml_to_json(b"base: &b {x: 1, q: 2}\nm: {<<: *b, z: 3}\n")
        self.assertEqual(got["json"]["m"], {"x": 1, "q": 2, "z": 3})
        self.assertIsNone(got["strict_error"])
        got = yaml_to_json(b"base: &b {x: 1}\nm: {<<: *b, x: 3}\n")
        self.assertEqual(got["json"]["m"], {"x": 3})  # the lax reading overrides ...
        self.assertIn('key "x" already set in map', got["strict_error"])  # ... the strict one refuses
        got = yaml_to_json(b"a: 1\na: 2\n")
        self.assertIn('line 2: key "a" already set in map', got["strict_error"])


if __name__ == "__main__":
    unittest.main()
