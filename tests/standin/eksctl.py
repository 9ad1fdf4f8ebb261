"""A stand-in for the real eksctl, for tests and the demo.

It behaves as eksctl does where the shim can see it (see shared/eksctl-reference.md
section 5): log lines on stdout as `YYYY-MM-DD HH:MM:SS [icon]  message`, the final
error on stderr as `Error: ...`, exit 1 on failure, `version` printing plain semver or
JSON. It records what it received so tests can assert on it.

Controlled by environment variables, all optional:
  EKSCTL_STANDIN_VERSION   version to report (default 0.230.0)
  EKSCTL_STANDIN_RECORD    directory: append one JSON line per call to calls.jsonl
  EKSCTL_STANDIN_STDIN=1   read all of stdin (eksctl itself does so only for `-f -`)
  EKSCTL_STANDIN_STDOUT / EKSCTL_STANDIN_STDERR   extra text to write, as given
  EKSCTL_STANDIN_STDOUT_FILE                      a file whose bytes go to stdout
  EKSCTL_STANDIN_EXIT      exit code (default 0)
  EKSCTL_STANDIN_SIGNAL    die of this signal number instead of exiting
  EKSCTL_STANDIN_SLEEP     seconds to sleep before finishing
  EKSCTL_STANDIN_FAIL      a failure to reproduce by name (see FAILURES)
  EKSCTL_STANDIN_TICKS     write this many `tick <monotonic ns>` lines, 20 ms apart
"""

import json
import os
import signal
import sys
import time

ICONS = {"error": "\u2716", "warning": "!", "info": "\u2139", "success": "\u2714"}


def log(level, message):
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    sys.stdout.write(f"{stamp} [{ICONS[level]}]  {message}\n")
    sys.stdout.flush()


def fail(message):
    sys.stdout.flush()
    sys.stderr.write(f"Error: {message}\n")
    sys.stderr.flush()
    sys.exit(1)


def flag_value(args, long, short=None):
    """The value of --long/-s in pflag syntax, or None."""
    for i, a in enumerate(args):
        if a == "--":
            break
        for name in filter(None, [f"--{long}", f"-{short}" if short else None]):
            if a == name and i + 1 < len(args):
                return args[i + 1]
            if a.startswith(name + "=") or (short and name == f"-{short}" and a.startswith(name) and len(a) > 2 and not a.startswith("--")):
                return a[len(name) + (1 if a.startswith(name + "=") else 0):]
    return None


def text(s):
    return os.fsencode(s).decode("utf-8", "replace")


def record(args, stdin_bytes):
    where = os.environ.get("EKSCTL_STANDIN_RECORD")
    if not where:
        return
    config_path = flag_value(args, "config-file", "f")
    config = None
    if config_path == "-":
        config = stdin_bytes.decode("utf-8", "replace") if stdin_bytes is not None else None
    elif config_path and os.path.isfile(config_path):
        with open(config_path, "rb") as f:
            config = f.read().decode("utf-8", "replace")
        st = os.stat(config_path)
        config_mode = oct(st.st_mode & 0o777)
    # Noted by the test harness's sh wrapper before Python changed SIGPIPE for itself.
    sigign = int(os.environ.pop("EKSCTL_STANDIN_SIGIGN", "0") or "0", 16)
    entry = {
        # Which signals this process started with ignored (bit N-1 for signal N).
        "sigign": sigign,
        "argv_hex": [os.fsencode(a).hex() for a in args],
        # Readable forms for assertions; the exact bytes are in argv_hex.
        "argv": [text(a) for a in args],
        "stdin_hex": stdin_bytes.hex() if stdin_bytes is not None else None,
        "env": {text(k): text(v) for k, v in os.environ.items()},
        "config_path": config_path,
        "config": config,
        "config_mode": config_mode if config_path not in (None, "-") and config is not None else None,
    }
    os.makedirs(where, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=True) + "\n"
    # One write per call: appends of one line do not interleave between processes.
    fd = os.open(os.path.join(where, "calls.jsonl"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def version(args):
    v = os.environ.get("EKSCTL_STANDIN_VERSION", "0.230.0")
    if flag_value(args, "output", "o") == "json":
        core, _, rest = v.partition("-")
        pre, _, meta = rest.partition("+")
        print(json.dumps({"Version": core, "PreReleaseID": pre, "Metadata": {"BuildDate": "", "GitCommit": meta}}))
    else:
        print(v)


def commands(args):
    words, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "--":
            break
        if a.startswith("-"):
            if "=" not in a and a not in ("-h", "--help", "-d", "--dumpLogs") and (a.startswith("--") or len(a) == 2):
                skip = True
            continue
        if a:
            words.append(a)
    return words


def create(kind, args):
    cluster = flag_value(args, "cluster", "c") or (flag_value(args, "name", "n") if kind == "cluster" else None) or config_cluster(args) or "cluster"
    log("info", f"will use version 1.32 for new nodegroup(s) based on control plane version" if kind != "cluster"
        else f"eksctl version {os.environ.get('EKSCTL_STANDIN_VERSION', '0.230.0')}")
    failure = os.environ.get("EKSCTL_STANDIN_FAIL")
    if failure:
        FAILURES[failure](cluster)
    log("success", f"created {kind} for cluster \"{cluster}\"")


def config_cluster(args):
    config = flag_value(args, "config-file", "f")
    if config and config != "-" and os.path.isfile(config):
        import yaml
        with open(config) as f:
            return ((yaml.safe_load(f) or {}).get("metadata") or {}).get("name")
    return None


def fail_subnet_gone(cluster):
    fail("operation error EC2: DescribeSubnets, https response error StatusCode: 400, RequestID: "
         "1f0a3b6c-0000-4c1e-9a51-2d9e1f3c4b5a, api error InvalidSubnetID.NotFound: The subnet ID "
         "'subnet-0123456789abcdef0' does not exist")


def fail_access_entry(cluster):
    log("info", "waiting for CloudFormation stack \"eksctl-%s-nodegroup-ng-1\"" % cluster)
    log("info", "fetching stack events in attempt to troubleshoot the root cause of the failure")
    log("error", "AWS::EKS::AccessEntry/AccessEntry: CREATE_FAILED \u2013 \"Resource handler returned message: "
        "\\\"The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this "
        "operation.\\\" (RequestToken: 5e1c, HandlerErrorCode: InvalidRequest)\"")
    log("error", "failed to create nodegroup \"ng-1\"")
    fail(f"failed to create nodegroups for cluster \"{cluster}\"")


def nodegroup_stack(cluster, failure):
    """Creates the nodegroup's stack in the AWS emulator, failing as CloudFormation would
    (tests/aws/moto_server.py ends a stack tagged this way in ROLLBACK_COMPLETE)."""
    import boto3

    ng = current_nodegroup()
    name = f"eksctl-{cluster}-nodegroup-{ng}"
    body = {"Resources": {"Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}
    tags = [{"Key": "alpha.eksctl.io/cluster-name", "Value": cluster}, {"Key": "alpha.eksctl.io/nodegroup-name", "Value": ng}]
    if failure:
        tags.append({"Key": "test.eksctl-shim/fail", "Value": failure})
    region = flag_value(sys.argv[1:], "region", "r") or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    boto3.client("cloudformation", region_name=region).create_stack(StackName=name, TemplateBody=json.dumps(body), Tags=tags)
    return ng, name


ACCESS_ENTRY_REASON = ("Resource handler returned message: \"The cluster's authentication mode must be set to one of "
                       "[API, API_AND_CONFIG_MAP] to perform this operation.\" (RequestToken: 5e1c, HandlerErrorCode: InvalidRequest)")


def fail_access_entry_stack(cluster):
    """eksctl 0.167-0.175 on a CONFIG_MAP cluster: the stack fails; with
    EKSCTL_STANDIN_QUIET=1 the root cause is only in the stack's events."""
    ng, name = nodegroup_stack(cluster, "AWS::EKS::AccessEntry/AccessEntry: " + ACCESS_ENTRY_REASON)
    log("info", f"waiting for CloudFormation stack \"{name}\"")
    if os.environ.get("EKSCTL_STANDIN_QUIET") != "1":
        log("info", "fetching stack events in attempt to troubleshoot the root cause of the failure")
        log("error", "AWS::EKS::AccessEntry/AccessEntry: CREATE_FAILED \u2013 " + json.dumps(ACCESS_ENTRY_REASON))
    log("error", f"failed to create nodegroup \"{ng}\"")
    fail(f"failed to create nodegroups for cluster \"{cluster}\"")


def silent_rollback(cluster):
    """eksctl #8712: a nodegroup stack left failed, and eksctl exits 0."""
    ng, name = nodegroup_stack(cluster, "AWS::AutoScaling::AutoScalingGroup/NodeGroup: Resource handler returned message: \"You have requested more vCPU capacity than your current vCPU limit of 32 allows\"")
    log("info", f"nodegroup \"{ng}\" will use \"\" [AmazonLinux2023/1.32]")
    log("success", f"created 0 nodegroup(s) in cluster \"{cluster}\"")


def current_nodegroup():
    args = sys.argv[1:]
    name = flag_value(args, "name", "n")
    config = flag_value(args, "config-file", "f")
    if not name and config and config != "-":
        import yaml
        with open(config) as f:
            doc = yaml.safe_load(f) or {}
        groups = (doc.get("nodeGroups") or []) + (doc.get("managedNodeGroups") or [])
        name = groups[0]["name"] if groups else None
    return name or "ng-generated"


FAILURES = {
    "subnet-gone": fail_subnet_gone,
    "access-entry": fail_access_entry,
    "access-entry-stack": fail_access_entry_stack,
    "silent-rollback": silent_rollback,
}


def main():
    args = sys.argv[1:]
    stdin_bytes = sys.stdin.buffer.read() if os.environ.get("EKSCTL_STANDIN_STDIN") == "1" or flag_value(args, "config-file", "f") == "-" else None
    record(args, stdin_bytes)

    words = commands(args)
    if words[:1] == ["version"]:
        # The behaviour variables describe the command under test, not this query.
        version(args)
        sys.exit(0)
    if words[:2] == ["create", "cluster"]:
        create("cluster", args)
    elif words[:2] in (["create", "nodegroup"], ["create", "ng"]):
        create("nodegroup", args)

    out = os.environ.get("EKSCTL_STANDIN_STDOUT")
    if out:
        sys.stdout.write(out)
    out_file = os.environ.get("EKSCTL_STANDIN_STDOUT_FILE")
    if out_file:
        sys.stdout.flush()
        with open(out_file, "rb") as f:
            while chunk := f.read(1 << 16):
                sys.stdout.buffer.write(chunk)
    ticks = int(os.environ.get("EKSCTL_STANDIN_TICKS", "0"))
    for _ in range(ticks):
        # For the latency benchmark: when each line was written (CLOCK_MONOTONIC, shared
        # by every process on the machine).
        sys.stdout.write(f"tick {time.monotonic_ns()}\n")
        sys.stdout.flush()
        time.sleep(0.02)
    err = os.environ.get("EKSCTL_STANDIN_STDERR")
    if err:
        sys.stderr.write(err)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.environ.get("EKSCTL_STANDIN_SLEEP"):
        time.sleep(float(os.environ["EKSCTL_STANDIN_SLEEP"]))
    if os.environ.get("EKSCTL_STANDIN_SIGNAL"):
        sig = int(os.environ["EKSCTL_STANDIN_SIGNAL"])
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    sys.exit(int(os.environ.get("EKSCTL_STANDIN_EXIT", "0")))


if __name__ == "__main__":
    main()
