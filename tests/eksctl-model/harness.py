"""What the eksctl model's own tests share (test_model.py, test_create_against_aws.py,
test_existing_cluster.py): a moto server per test module, the model run as a program
with what it recorded, and config text.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "eksctl.py")
AWS_DIR = os.path.join(HERE, "..", "aws")
sys.path.insert(0, HERE)


class Moto:
    def __init__(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([sys.executable, os.path.join(AWS_DIR, "moto_server.py"), str(self.port)],
                                     stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("moto did not start")
                time.sleep(0.05)
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def world(self, spec):
        out = subprocess.run([sys.executable, os.path.join(AWS_DIR, "world.py"), self.endpoint],
                             input=json.dumps(spec).encode(), capture_output=True, check=True)
        return json.loads(out.stdout)

    def env(self):
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-west-2", "AWS_EC2_METADATA_DISABLED": "true"}

    def client(self, service):
        import boto3
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-west-2",
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        self.log.close()


MOTO = None


def setUpModule():
    global MOTO
    from eksmodel import config
    config.ensure_helper()
    MOTO = Moto()


def tearDownModule():
    MOTO.stop()


class Result:
    def __init__(self, proc, call):
        self.rc, self.out, self.err, self.call = proc.returncode, proc.stdout.decode(), proc.stderr.decode(), call

    def __repr__(self):
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}"


def eksctl(args, version=None, env=None, stdin=None, aws=True, offline=False, cwd=None, pass_fds=(), shell=None):
    rec = tempfile.mkdtemp()
    e = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "EKSCTL_MODEL_RECORD": rec}
    if version:
        e["EKSCTL_MODEL_VERSION"] = version
    if aws:
        e.update(MOTO.env())
    if offline:
        e["EKSCTL_MODEL_OFFLINE"] = "1"
    e.update(env or {})
    if shell:
        proc = subprocess.run(["bash", "-c", shell, "eksctl", sys.executable, MODEL], env=e, input=stdin,
                              capture_output=True, cwd=cwd, timeout=120)
    else:
        proc = subprocess.run([sys.executable, MODEL, *args], env=e, input=stdin, capture_output=True, cwd=cwd,
                              timeout=120, pass_fds=pass_fds)
    calls = []
    try:
        with open(os.path.join(rec, "calls.jsonl")) as f:
            calls = [json.loads(line) for line in f]
    except FileNotFoundError:
        pass
    return Result(proc, calls[-1] if calls else None)


def name():
    return "c" + uuid.uuid4().hex[:8]


def config(cluster, body="", region="us-west-2"):
    return (f"apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: {cluster}\n"
            f"  region: {region}\n" + body)


def write(tmp, text, fname="c.yaml"):
    p = os.path.join(tmp, fname)
    with open(p, "w") as f:
        f.write(text)
    return p
