"""Entry point: route the command as cobra would, run the modelled command, record it,
then apply the test controls.

Test controls (environment, all optional):
  EKSCTL_MODEL_VERSION   the eksctl version to play (default 0.230.0)
  EKSCTL_MODEL_RECORD    directory for calls.jsonl (record.py)
  EKSCTL_MODEL_STDIN=1   read all of stdin at start (eksctl itself reads it only for -f -)
  EKSCTL_MODEL_STDOUT / _STDERR / _STDOUT_FILE   extra output after the command
  EKSCTL_MODEL_TICKS     `tick <monotonic ns>` lines, 20 ms apart (latency benchmark)
  EKSCTL_MODEL_INTERLEAVE  N lines `order-<i>`, alternately on stdout and stderr, each
                           flushed (what eksctl does: log lines on stdout, Error: on stderr)
  EKSCTL_MODEL_SLEEP     seconds to sleep before exiting
  EKSCTL_MODEL_EXIT      exit code for a command that succeeded (default 0)
  EKSCTL_MODEL_SIGNAL    die of this signal at the end
  EKSCTL_MODEL_JUDGING   hang | crash: how the shim's --dry-run questions (EKSCTL_SHIM_JUDGING
                           set) are answered, instead of as eksctl answers them
  EKSCTL_MODEL_QUIET=1   accepted for compatibility (the model prints what eksctl prints)
  EKSCTL_MODEL_SIGIGN    set by the test harness's sh wrapper: signals ignored at start
  EKSCTL_MODEL_FAIL      forced failures: only `access-entry-stack` (every nodegroup stack the
                           run creates fails on an AccessEntry resource; scripts/demo.sh uses it
                           with `create nodegroup`, where no state produces it). The model's
                           other modes are produced by AWS state now; naming them exits 2
                           with what to do instead (create.py RETIRED_FAILURES).
New:
  EKSCTL_MODEL_OFFLINE=1   no AWS: validate the command line and config, record, succeed
  EKSCTL_MODEL_UNMODELLED=record   commands the model does not model are recorded and
                           succeed (for tests of the shim as a transparent proxy);
                           without it they exit 2 with a loud message.
"""

import os
import signal
import sys
import time

from . import flag_tables, flags, record, versions
from .out import Failed, Refused, log

UNMODELLED_EXIT = 2


def _die_like_go(signum):
    """A Go program killed by SIGINT/SIGTERM dies of the signal (default disposition)."""
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def main(argv):
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, lambda n, f: _die_like_go(n))
    args = argv[1:]
    sigign = int(os.environ.pop("EKSCTL_MODEL_SIGIGN", "0") or "0", 16)
    from . import config  # noqa: F401  (reads EKSCTL_MODEL_CACHE)
    os.environ.pop("EKSCTL_MODEL_CACHE", None)
    call = record.Call(args, sigign)
    try:
        version = versions.current()
    except ValueError as e:
        sys.stderr.write(f"eksctl-model: {e}\n")
        sys.exit(UNMODELLED_EXIT)
    call.version = version.text
    if os.environ.get("EKSCTL_MODEL_STDIN") == "1":
        call.stdin_bytes = sys.stdin.buffer.read()

    path, rest = flags.route(args)
    code = 0
    # A test control for the shim's gate (src/judge): its --dry-run questions carry
    # EKSCTL_SHIM_JUDGING; `hang` never answers them, `crash` answers like a Go panic.
    judging = os.environ.get("EKSCTL_MODEL_JUDGING")
    if judging and os.environ.get("EKSCTL_SHIM_JUDGING"):
        call.outcome = "judging-" + judging
        call.write()
        if judging == "hang":
            time.sleep(3600)
        sys.stderr.write("panic: runtime error: invalid memory address or nil pointer dereference\n")
        sys.exit(2)
    if path[:1] == ["version"]:
        # The test controls describe the command under test, not this query: no extra
        # output, exit code or signal for `version`.
        code = run_version(call, version, rest)
        call.write()
        sys.stdout.flush()
        sys.exit(code)
    elif path[:2] in (["create", "nodegroup"], ["create", "ng"], ["create", "cluster"]):
        from . import create
        kind = "cluster" if path[1] == "cluster" else "nodegroup"
        code = create.run(kind, call, version, rest)
    elif path[:2] in (["upgrade", "cluster"], ["update", "cluster"]):
        code = run_upgrade(path[0] == "update", call, version, rest)
    elif path[:2] == ["create", "iamidentitymapping"]:
        code = run_other("create-iamidentitymapping", call, version, rest)
    elif path[:2] == ["create", "fargateprofile"]:
        code = run_other("create-fargateprofile", call, version, rest)
    elif path[:2] == ["create", "accessentry"]:
        code = run_other("create-accessentry", call, version, rest)
    elif path[:2] == ["utils", "update-cluster-vpc-config"]:
        code = run_other("update-cluster-vpc-config", call, version, rest)
    elif path[:2] == ["utils", "update-authentication-mode"]:
        code = run_other("update-authentication-mode", call, version, rest)
    else:
        if os.environ.get("EKSCTL_MODEL_UNMODELLED") == "record":
            call.outcome = "unmodelled"
        else:
            call.outcome = "unmodelled"
            call.error = f"not modelled: eksctl {' '.join(path) or '<root>'}"
            call.write()
            sys.stderr.write(f"eksctl-model: NOT MODELLED: `eksctl {' '.join(record.text(a) for a in args)}`: "
                             f"the eksctl model covers `version`, `create nodegroup|ng`, `create cluster`, `upgrade|update cluster`, `create iamidentitymapping|fargateprofile|accessentry`, `utils update-cluster-vpc-config` and `utils update-authentication-mode` only "
                             f"(tests/eksctl-model). Set EKSCTL_MODEL_UNMODELLED=record to record and succeed.\n")
            sys.exit(UNMODELLED_EXIT)
    call.warnings = list(log.warnings)
    call.write()
    controls(code)


def run_upgrade(alias, call, version, rest):
    """`upgrade cluster` / `update cluster` (eksmodel/upgrade.py)."""
    from . import upgrade
    return run_other("update-cluster" if alias else "upgrade-cluster", call, version, rest,
                     lambda parsed: upgrade.run(alias, call, version, parsed))


def run_other(table, call, version, rest, body=None):
    """A command of its own module: parse its flags, run it, turn errors into eksctl's."""
    from . import accessentry, authmode, fargate, identitymapping, loader, vpcconfig
    from .aws import AWSError
    if body is None:
        body = {"create-iamidentitymapping": lambda parsed: identitymapping.run(call, version, parsed),
                "create-accessentry": lambda parsed: accessentry.run(call, version, parsed),
                "create-fargateprofile": lambda parsed: fargate.run(call, version, parsed),
                "update-authentication-mode": lambda parsed: authmode.run(call, version, parsed),
                "update-cluster-vpc-config": lambda parsed: vpcconfig.run(call, version, parsed)}[table]
    try:
        parsed = flags.parse(flag_tables.table(table, version), rest)
    except Refused as e:
        return loader._error(call, "refused", str(e))
    for note in parsed.stderr_notes:
        sys.stderr.write(note)
    log.level = parsed.get("verbose")
    try:
        body(parsed)
    except Refused as e:
        return loader._error(call, "refused", str(e))
    except Failed as e:
        return loader._error(call, "failed", str(e))
    except AWSError as e:
        return loader._error(call, "refused", str(e))
    call.outcome = "ok"
    return 0


def run_version(call, version, rest):
    """pkg/ctl/misc/version.go: plain semver, or -o json."""
    try:
        p = flags.parse(flag_tables.table("version", version), rest)
    except Refused as e:
        sys.stderr.write(f"Error: {e}\n")
        call.outcome, call.error = "refused", str(e)
        return 1
    out = p.get("output")
    v = version.text
    if out == "json":
        import json
        core, _, tail = v.partition("-")
        pre, _, meta = tail.partition("+")
        if not pre and "+" in v:
            core, _, meta = v.partition("+")
        print(json.dumps({"Version": core, "PreReleaseID": pre, "Metadata": {"BuildDate": "", "GitCommit": meta}}))
    elif out:
        sys.stderr.write(f"Error: unknown output: {out}\n")
        call.outcome, call.error = "refused", f"unknown output: {out}"
        return 1
    else:
        print(v)
    call.outcome = "ok"
    return 0


def controls(code):
    """The model's test controls, after the command. They describe the command under
    test: the shim's --dry-run questions (EKSCTL_SHIM_JUDGING) get none, as `version`."""
    if os.environ.get("EKSCTL_SHIM_JUDGING"):
        sys.stdout.flush()
        sys.exit(code)
    for i in range(int(os.environ.get("EKSCTL_MODEL_INTERLEAVE", "0"))):
        stream = sys.stdout if i % 2 == 0 else sys.stderr
        stream.write(f"order-{i} {'stdout' if i % 2 == 0 else 'stderr'}\n")
        stream.flush()
    out = os.environ.get("EKSCTL_MODEL_STDOUT")
    if out:
        sys.stdout.write(out)
    out_file = os.environ.get("EKSCTL_MODEL_STDOUT_FILE")
    if out_file:
        sys.stdout.flush()
        with open(out_file, "rb") as f:
            while chunk := f.read(1 << 16):
                sys.stdout.buffer.write(chunk)
    for _ in range(int(os.environ.get("EKSCTL_MODEL_TICKS", "0"))):
        sys.stdout.write(f"tick {time.monotonic_ns()}\n")
        sys.stdout.flush()
        time.sleep(0.02)
    err = os.environ.get("EKSCTL_MODEL_STDERR")
    if err:
        sys.stderr.write(err)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.environ.get("EKSCTL_MODEL_SLEEP"):
        time.sleep(float(os.environ["EKSCTL_MODEL_SLEEP"]))
    if os.environ.get("EKSCTL_MODEL_SIGNAL"):
        sig = int(os.environ["EKSCTL_MODEL_SIGNAL"])
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    if code == 0 and os.environ.get("EKSCTL_MODEL_EXIT"):
        code = int(os.environ["EKSCTL_MODEL_EXIT"])
    sys.exit(code)
