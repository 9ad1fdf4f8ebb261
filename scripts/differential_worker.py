"""Running one case of scripts/differential.py: a Worker is one moto server and one
sandbox with the shim and the eksctl model (tests/eksctl-model/eksctl.py) on PATH;
run_one builds the case's world afresh, runs the command directly or through the shim,
and returns what the model recorded and the stacks in the world after.
"""

import json
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from differential_cases import ROOT, STATES, argv_for, fill

MODEL = os.path.join(ROOT, "tests", "eksctl-model", "eksctl.py")
AWS_DIR = os.path.join(ROOT, "tests", "aws")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Worker:
    """One moto server and one sandbox (shim and model on PATH)."""

    def __init__(self, shim_bin):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="eksctl-diff-")
        self.log = open(os.path.join(self.dir, "moto.log"), "wb")
        self.moto = subprocess.Popen([sys.executable, os.path.join(AWS_DIR, "moto_server.py"), str(self.port)],
                                     stdout=self.log, stderr=self.log)
        self.endpoint = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        for d in ("shim", "real", "home"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        os.symlink(shim_bin, os.path.join(self.dir, "shim", "eksctl"))
        real = os.path.join(self.dir, "real", "eksctl")
        with open(real, "w") as f:
            f.write(f"#!/bin/sh\nexec '{sys.executable}' '{MODEL}' \"$@\"\n")
        os.chmod(real, 0o755)

    def reset(self):
        req = urllib.request.Request(self.endpoint + "/moto-api/reset", method="POST")
        urllib.request.urlopen(req).read()

    def world(self, spec):
        out = subprocess.run([sys.executable, os.path.join(AWS_DIR, "world.py"), self.endpoint],
                             input=json.dumps(spec).encode(), capture_output=True)
        if out.returncode != 0:
            raise RuntimeError("world.py: " + out.stderr.decode()[-2000:])
        return json.loads(out.stdout)

    def env(self, version, record, shim):
        path = [os.path.join(self.dir, "shim")] if shim else []
        path += [os.path.join(self.dir, "real"), "/usr/bin", "/bin"]
        return {"PATH": ":".join(path), "HOME": os.path.join(self.dir, "home"), "EKSCTL_MODEL_VERSION": version,
                "EKSCTL_MODEL_RECORD": record, "AWS_ENDPOINT_URL": self.endpoint,
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-west-2",
                "AWS_EC2_METADATA_DISABLED": "true", "EKSCTL_MODEL_CACHE": os.environ.get("EKSCTL_MODEL_CACHE") or
                os.path.join(os.path.expanduser("~"), ".cache", "eksctl-shim")}

    def effects(self, names):
        import boto3
        kw = dict(endpoint_url=self.endpoint, region_name="us-west-2", aws_access_key_id="testing",
                  aws_secret_access_key="testing")
        out = set()
        regions = {"us-west-2"} | set(names.get("_regions", []))
        for region in regions:
            kw["region_name"] = region
            cfn = boto3.client("cloudformation", **kw)
            for s in cfn.list_stacks()["StackSummaries"]:
                if s["StackStatus"] == "DELETE_COMPLETE" or s["StackName"] in names.get("_pre_stacks", set()):
                    continue
                subnets = ""
                try:
                    body = cfn.get_template(StackName=s["StackName"])["TemplateBody"]
                    body = json.loads(body) if isinstance(body, str) else body
                    for r in (body.get("Resources") or {}).values():
                        props = ((r.get("Metadata") or {}).get("eksctl-model") or {}).get("Properties") or {}
                        ids = props.get("Subnets") or props.get("VPCZoneIdentifier")
                        if ids:
                            subnets = ",".join(sorted(names.get(i, "?") for i in ids))
                except Exception:
                    pass
                out.add((region, s["StackName"], s["StackStatus"], subnets))
        return out

    def stop(self):
        self.moto.kill()
        self.moto.wait()
        self.log.close()


def run_one(worker, case, shim, verbose):
    e, st, v, d = case
    cluster, region = e["cluster"], e["region"]
    worker.reset()
    ids = {}
    if st != "absent":
        spec = dict(STATES[st], cluster=cluster, region=region)
        ids = worker.world(spec)
    names = {v_: k for k, v_ in ids.items() if isinstance(v_, str) and v_.startswith("subnet-")}
    names["_regions"] = [region]
    work = tempfile.mkdtemp(dir=worker.dir)
    cfg = os.path.join(work, "c.yaml")
    with open(cfg, "w") as f:
        f.write(fill(e["yaml"], ids, cluster, region))
    pre = worker.effects(names)
    names["_pre_stacks"] = {s[1] for s in pre}
    record = os.path.join(work, "record")
    argv, stdin_path = argv_for(case, ids, cfg)
    env = worker.env(v, record, shim)
    if "PROCSUB" in argv:
        i = argv.index("PROCSUB")
        script = "eksctl " + " ".join(shlex.quote(a) for a in argv[:i]) + f" <(cat {shlex.quote(cfg)}) " + \
                 " ".join(shlex.quote(a) for a in argv[i + 1:])
        proc = subprocess.run(["bash", "-c", script], env=env, capture_output=True, cwd=work, timeout=300)
    else:
        stdin = open(stdin_path, "rb").read() if stdin_path else b""
        proc = subprocess.run(["eksctl", *argv], env=env, input=stdin, capture_output=True, cwd=work, timeout=300,
                              executable=os.path.join(worker.dir, "shim" if shim else "real", "eksctl"))
    calls = []
    try:
        calls = [json.loads(line) for line in open(os.path.join(record, "calls.jsonl"))]
    except FileNotFoundError:
        pass
    # eksctl's own --dry-run, asked by the shim before a rewrite (src/judge), is kept apart:
    # it is not a run of the user's command.
    asked = [c for c in calls if "EKSCTL_SHIM_JUDGING" in (c.get("env") or {})]
    calls = [c for c in calls if c["argv"][:1] != ["version"] and c not in asked]
    return {"rc": proc.returncode, "stdout": proc.stdout.decode(errors="replace"),
            "stderr": proc.stderr.decode(errors="replace"), "calls": calls, "asked": asked, "effects": worker.effects(names),
            "names": names, "argv": argv, "config_path": cfg}
