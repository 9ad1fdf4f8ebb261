"""Reading the ClusterConfig as eksctl reads it.

pkg/eks/api.go @0.230.0 (same flow at 0.150.0-0.230.0):
  readConfig        `-f -` reads all of stdin, any other path os.ReadFile (once).
  ParseConfig       1. sigs.k8s.io/yaml.UnmarshalStrict into a ClusterConfig: go-yaml v2
                       strict (duplicate keys are errors, YAML 1.1 scalars, merge keys),
                       numbers/bools coerced to strings where the target is a string
                       (convertToJSONableObject), then encoding/json with
                       DisallowUnknownFields (case-insensitive field names). Errors read
                       "error converting YAML to JSON: ..." or
                       "error unmarshaling JSON: while decoding JSON: json: ...".
                    2. runtime.Decode(UniversalDeserializer): YAMLToJSON without coercion,
                       kind/apiVersion checks, then a case-sensitive, non-strict decode; a
                       bool or number in a string field fails here
                       ("json: cannot unmarshal bool into Go struct field ...").
  LoadConfigWithReader wraps: `reading config file "<f>": ...`, `loading config file "<f>": ...`.

The YAML side runs in yamlhelper (Go, built from Debian's golang-k8s-sigs-yaml-dev and
golang-gopkg-yaml.v2-dev: the same go-yaml v2 code eksctl vendors through
sigs.k8s.io/yaml 1.4/1.6). The typed side uses the Go types of config_types.py (from
schema.json, a table of the JSON fields of every type in pkg/apis/eksctl.io/v1alpha5
with the releases that have each field: tools/gen_schema.py), so an older eksctl
refuses a field added later, and the decodes of config_decode.py.
"""

import json
import os
import subprocess
import sys

from .config_decode import Decoder, coerce, err_text
from .config_types import GoFloat, Types
from .out import Refused

HERE = os.path.dirname(os.path.abspath(__file__))
HELPER_SRC = os.path.join(HERE, "..", "yamlhelper", "main.go")


# --- the Go helper ------------------------------------------------------------------

# EKSCTL_MODEL_CACHE: the directory the helper is built in (the test harness points it at
# the invoking user's ~/.cache/eksctl-shim, since tests give eksctl a sandbox HOME); main
# reads it before the environment is recorded and drops it.
CACHE_DIR = os.environ.get("EKSCTL_MODEL_CACHE") or os.path.join(os.environ.get("HOME") or "/tmp", ".cache",
                                                                  "eksctl-shim")


def helper_path():
    return os.environ.get("EKSCTL_MODEL_YAML_HELPER") or os.path.join(CACHE_DIR, "eksctl-model-yaml")


def ensure_helper():
    """Builds yamlhelper (GOPATH mode against Debian's Go packages) when missing or older
    than its source. Concurrent builds write to a temporary name and rename."""
    path = helper_path()
    src_m = os.stat(HELPER_SRC).st_mtime
    try:
        if os.stat(path).st_mtime >= src_m:
            return path
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    env = dict(os.environ, GO111MODULE="off", GOPATH=os.environ.get("EKSCTL_MODEL_GOPATH", "/usr/share/gocode"),
               GOFLAGS="", GOCACHE=os.environ.get("GOCACHE") or os.path.join(os.path.dirname(path), "go-build"))
    r = subprocess.run(["go", "build", "-o", tmp, "."], cwd=os.path.dirname(HELPER_SRC), env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write("eksctl-model: cannot build the YAML helper (tests/eksctl-model/setup.sh installs "
                         "golang-go, golang-k8s-sigs-yaml-dev, golang-gopkg-yaml.v2-dev):\n" + r.stderr)
        sys.exit(2)
    os.replace(tmp, path)
    return path


def yaml_to_json(data):
    r = subprocess.run([ensure_helper(), "yaml2json"], input=data, capture_output=True)
    if r.returncode != 0:
        sys.stderr.write("eksctl-model: YAML helper failed: " + r.stderr.decode(errors="replace"))
        sys.exit(2)
    return json.loads(r.stdout, parse_float=GoFloat)


def json_to_yaml(tree):
    r = subprocess.run([ensure_helper(), "json2yaml"], input=json.dumps(plain(tree)).encode(), capture_output=True)
    if r.returncode != 0:
        sys.stderr.write("eksctl-model: YAML helper failed: " + r.stderr.decode(errors="replace"))
        sys.exit(2)
    return r.stdout.decode()


def plain(tree):
    """The tree with GoFloat numbers as floats (for JSON output)."""
    if isinstance(tree, GoFloat):
        return float(tree)
    if isinstance(tree, dict):
        return {k: plain(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [plain(v) for v in tree]
    return tree


# --- the whole of LoadConfigWithReader ---------------------------------------------

class Loaded:
    def __init__(self, data, tree):
        self.data = data  # bytes read
        self.tree = tree  # untyped JSON tree (what runtime.Decode decodes from)


def read(path, stdin):
    """readConfig: `-` is all of stdin, anything else os.ReadFile. Returns bytes."""
    if path == "-":
        return stdin()
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise Refused(f'reading config file "{path}": open {path}: no such file or directory')
    except IsADirectoryError:
        raise Refused(f'reading config file "{path}": read {path}: is a directory')
    except PermissionError:
        raise Refused(f'reading config file "{path}": open {path}: permission denied')


def parse(path, data, version):
    """ParseConfig + the wrapping of LoadConfigWithReader. Returns Loaded or raises Refused."""
    types = Types(version)
    where = f'loading config file "{path}"'
    r = yaml_to_json(data)
    if r["strict_error"] is not None:
        raise Refused(f"{where}: error converting YAML to JSON: {r['strict_error']}")
    tree = r["json"]
    # 1. UnmarshalStrict into &ClusterConfig{}
    coerced = coerce(types, tree, types.root())
    err = Decoder(types, strict=True).run(coerced, types.root())
    if err is not None:
        raise Refused(f"{where}: error unmarshaling JSON: while decoding JSON: {err_text(err)}")
    # 2. runtime.Decode: kind and version first (json serializer Decode), then the object
    meta = tree if isinstance(tree, dict) else {}
    kind, api_version = meta.get("kind"), meta.get("apiVersion")
    original = data.decode("utf-8", "replace")
    if not isinstance(kind, str) or kind == "":
        raise Refused(f"{where}: Object 'Kind' is missing in '{original}'")
    if not isinstance(api_version, str) or api_version == "":
        raise Refused(f"{where}: Object 'apiVersion' is missing in '{original}'")
    if api_version != "eksctl.io/v1alpha5" or kind not in ("ClusterConfig", "ClusterConfigList"):
        group, _, ver = api_version.rpartition("/")
        raise Refused(f'{where}: no kind "{kind}" is registered for version "{api_version}" '
                      f'in scheme "pkg/runtime/scheme.go:100"')
    if kind != "ClusterConfig":
        raise Refused(f"{where}: expected to decode object of type *v1alpha5.ClusterConfig; got *v1alpha5.ClusterConfig")
    err = Decoder(types, strict=False, case_insensitive=False).run(tree, types.root())
    if err is not None:
        raise Refused(f"{where}: {err_text(err)}")
    return Loaded(data, tree)
