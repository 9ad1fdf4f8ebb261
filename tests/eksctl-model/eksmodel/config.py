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
sigs.k8s.io/yaml 1.4/1.6). The typed side uses schema.json, a table of the JSON fields of
every type in pkg/apis/eksctl.io/v1alpha5 with the releases that have each field
(tools/gen_schema.py), so an older eksctl refuses a field added later.
"""

import json
import os
import subprocess
import sys

from .out import Refused

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "schema.json")) as _f:
    SCHEMA = json.load(_f)["types"]
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


class GoFloat(str):
    """A JSON number that is not an integer, kept as its text (Go decodes ints from text)."""


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


# --- Go types -----------------------------------------------------------------------

BASIC_STRING = {"string"}
BASIC_INT = {"int": 64, "int64": 64, "int32": 32, "int16": 16, "int8": 8,
             "uint": 64, "uint64": 64, "uint32": 32, "uint16": 16, "uint8": 8}
BASIC_FLOAT = {"float64", "float32"}

# Types from other packages, as far as JSON decoding goes.
EXTERNAL = {
    "metav1.TypeMeta": ("struct", "TypeMeta", [("kind", "string"), ("apiVersion", "string")]),
    "metav1.ListMeta": ("struct", "ListMeta", [("selfLink", "string"), ("resourceVersion", "string"),
                                               ("continue", "string"), ("remainingItemCount", "*int64")]),
    "ipnet.IPNet": ("custom", "ipnet.IPNet", "ipnet"),
    "json.RawMessage": ("any", "json.RawMessage", None),
    "time.Duration": ("int", "time.Duration", 64),
    "corev1.TaintEffect": ("string", "v1.TaintEffect", None),
    # access_entry.go: `type ARN arn.ARN` with UnmarshalText (aws-sdk-go-v2/aws/arn.Parse)
    "arn.ARN": ("custom", "v1alpha5.ARN", "arn"),
}


class T:
    def __init__(self, kind, name, elem=None, bits=64, custom=None, struct=None):
        self.kind, self.name, self.elem, self.bits, self.custom, self.struct = kind, name, elem, bits, custom, struct

    def __repr__(self):
        return f"T({self.kind},{self.name})"


class Types:
    """The Go types of one eksctl release."""

    def __init__(self, version):
        self.v = version.key
        self.cache = {}

    def _has(self, entry):
        since = tuple(int(x) for x in entry["since"].split("."))
        until = tuple(int(x) for x in entry["until"].split("."))
        # Beyond the table's last release, keep what the last release had.
        return since <= self.v and (self.v <= until or until == (0, 230, 0))

    def resolve(self, expr):
        if expr in self.cache:
            return self.cache[expr]
        t = self._resolve(expr)
        self.cache[expr] = t
        return t

    def _resolve(self, expr):
        if expr.startswith("*"):
            inner = self.resolve(expr[1:])
            return T("ptr", "*" + inner.name, elem=inner)
        if expr.startswith("[]"):
            inner = self.resolve(expr[2:])
            return T("slice", "[]" + inner.name, elem=inner)
        if expr.startswith("map[string]"):
            inner = self.resolve(expr[len("map[string]"):])
            return T("map", "map[string]" + inner.name, elem=inner)
        if expr in ("any", "interface{}"):
            return T("any", "interface {}")
        if expr in BASIC_STRING:
            return T("string", expr)
        if expr == "bool":
            return T("bool", expr)
        if expr in BASIC_INT:
            return T("int", expr, bits=BASIC_INT[expr])
        if expr in BASIC_FLOAT:
            return T("float", expr)
        if expr in EXTERNAL:
            kind, name, extra = EXTERNAL[expr]
            if kind == "struct":
                t = T("struct", name)
                t.struct = {"name": name.split(".")[-1], "fields": [(j, self.resolve(ty), j, False) for j, ty in extra]}
                return t
            if kind == "custom":
                return T("custom", name, custom=extra)
            if kind == "int":
                return T("int", name, bits=extra)
            return T(kind, name)
        if expr.startswith("ekstypes."):
            return T("string", "types." + expr.split(".", 1)[1])
        if "." in expr:
            raise KeyError(f"eksctl-model: Go type {expr} is not modelled")
        entry = SCHEMA.get(expr)
        if entry is None:
            raise KeyError(f"eksctl-model: Go type {expr} is not in schema.json")
        name = "v1alpha5." + expr
        if entry.get("custom"):
            t = T("custom", name, custom=expr)
            if entry["kind"] == "other":
                t.elem = self.resolve(entry["type"])
            return t
        if entry["kind"] == "other":
            base = self.resolve(entry["type"])
            t = T(base.kind, name, elem=base.elem, bits=base.bits, custom=base.custom, struct=base.struct)
            return t
        t = T("struct", name)
        self.cache[expr] = t  # recursive types
        t.struct = {"name": expr, "fields": None, "entry": entry}
        return t

    def fields(self, t):
        """The JSON fields of a struct, promoted ones included: [(json, T, goname, promoted)]."""
        s = t.struct
        if s["fields"] is None:
            own, promoted = [], []
            for f in s["entry"].get("fields", []):
                if not self._has(f):
                    continue
                ft = self.resolve(f["type"])
                if f.get("inline"):
                    inner = ft.elem if ft.kind == "ptr" else ft
                    if inner.kind == "struct":
                        for pj, pt, pg, _ in self.fields(inner):
                            promoted.append((pj, pt, f["go"], True))
                    continue
                own.append((f["json"], ft, f["go"], False))
            names = {f[0] for f in own}
            seen = {}
            for p in promoted:
                seen.setdefault(p[0], []).append(p)
            for j, ps in seen.items():
                if j not in names and len(ps) == 1:
                    own.append(ps[0])
            s["fields"] = own
        return s["fields"]

    def root(self):
        return self.resolve("ClusterConfig")


# --- encoding/json, as eksctl's two decodes run it ---------------------------------

class Abort(Exception):
    def __init__(self, err):
        self.err = err


class TypeError_(Exception):
    """json.UnmarshalTypeError (its Struct and Field get the context when saved)."""

    def __init__(self, value, typ):
        self.value, self.typ = value, typ
        self.struct, self.field = "", ""

    def text(self):
        if self.struct or self.field:
            return f"json: cannot unmarshal {self.value} into Go struct field {self.struct}.{self.field} of type {self.typ}"
        return f"json: cannot unmarshal {self.value} into Go value of type {self.typ}"


def json_kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, GoFloat, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def fold(s):
    return s.lower()


class Decoder:
    """One run of encoding/json's decodeState over a tree: saved errors (first wins),
    errors from UnmarshalJSON methods abort."""

    def __init__(self, types, strict, case_insensitive=True):
        self.types, self.strict, self.ci = types, strict, case_insensitive
        self.saved = None
        self.stack, self.struct = [], ""

    def save(self, err):
        if self.saved is None:
            if isinstance(err, TypeError_):
                err.struct, err.field = self.struct, ".".join(self.stack)
            self.saved = err

    def run(self, tree, t):
        try:
            self.value(tree, t)
        except Abort as a:
            err = a.err
            if isinstance(err, TypeError_):
                err.struct, err.field = self.struct, ".".join(self.stack)
            return err
        return self.saved

    def value(self, v, t):
        k = json_kind(v)
        while t.kind == "ptr":
            if k == "null":
                return
            t = t.elem
        if t.kind == "custom":
            err = custom_decode(self.types, t, v)
            if err is not None:
                raise Abort(err)
            return
        if k == "null" or t.kind == "any":
            return
        if k == "object":
            if t.kind == "struct":
                return self.object(v, t)
            if t.kind == "map":
                for key, item in v.items():
                    self.value(item, t.elem)
                return
            self.save(TypeError_("object", t.name))
            return
        if k == "array":
            if t.kind == "slice":
                for item in v:
                    self.value(item, t.elem)
                return
            self.save(TypeError_("array", t.name))
            return
        if k == "bool":
            if t.kind != "bool":
                self.save(TypeError_("bool", t.name))
            return
        if k == "string":
            if t.kind != "string":
                self.save(TypeError_("string", t.name))
            return
        # number
        if t.kind == "int":
            text = v if isinstance(v, GoFloat) else str(v)
            ok = not isinstance(v, GoFloat)
            if ok:
                lim = 1 << (t.bits - 1)
                ok = -lim <= v < lim
            if not ok:
                self.save(TypeError_("number " + text, t.name))
            return
        if t.kind == "float":
            return
        self.save(TypeError_("number", t.name))

    def object(self, obj, t):
        fields = self.types.fields(t)
        exact = {f[0]: f for f in fields}
        for key, item in obj.items():
            f = exact.get(key)
            if f is None and self.ci:
                for cand in fields:
                    if fold(cand[0]) == fold(key):
                        f = cand
                        break
            if f is None:
                if self.strict:
                    self.save(UnknownField(key))
                continue
            saved_stack, saved_struct = list(self.stack), self.struct
            self.stack.append(f[0])
            self.struct = t.struct["name"]
            self.value(item, f[1])
            self.stack, self.struct = saved_stack, saved_struct


class UnknownField(Exception):
    def __init__(self, key):
        self.key = key

    def text(self):
        return f"json: unknown field {json.dumps(self.key, ensure_ascii=False)}"


def err_text(e):
    return e.text() if hasattr(e, "text") else str(e)


class GoError(Exception):
    def text(self):
        return str(self)


def custom_decode(types, t, v):
    """The UnmarshalJSON methods eksctl's config types have. Each decodes with a fresh
    json.Unmarshal (not strict, case-insensitive) unless noted. Returns an error or None."""
    c = t.custom
    k = json_kind(v)
    if c == "ipnet":  # pkg/utils/ipnet/ipnet.go
        if k == "null":
            return None
        if k != "string":
            return GoError(f"failed to Unmarshal string: json: cannot unmarshal {k} into Go value of type string")
        import ipaddress
        try:
            ipaddress.ip_network(v, strict=False)
            if "/" not in v:
                raise ValueError
        except ValueError:
            return GoError(f"failed to Parse cidr string to net.IPNet: invalid CIDR address: {v}")
        return None
    if c == "arn":
        if k == "null":
            return None
        if k != "string":
            return TypeError_(k, "v1alpha5.ARN")
        if not v.startswith("arn:"):
            return GoError(f"invalid ARN {json.dumps(v)}: arn: invalid prefix")
        if len(v.split(":", 5)) < 6:
            return GoError(f"invalid ARN {json.dumps(v)}: arn: not enough sections")
        return None
    if c == "AZSubnetMapping":  # pkg/apis/eksctl.io/v1alpha5/vpc.go
        d = Decoder(types, strict=False)
        return d.run(v, T("map", "map[string]v1alpha5.AZSubnetSpec", elem=types.resolve("AZSubnetSpec")))
    if c == "CustomStringSlice":  # iam.go
        if k in ("string", "array", "null"):
            return None
        return GoError("invalid [] value element: allowed is only string or []string")
    if c == "IdentityProvider":  # identity_provider.go
        if k != "object":
            if k == "null":
                return GoError("couldn't unmarshal to IdentityProvider, invalid type")
            return TypeError_(k, "struct { Type string \"json:\\\"type\\\"\" }")
        typ = None
        for key, item in v.items():
            if fold(key) == "type":
                typ = item
        if typ is not None and not isinstance(typ, str):
            return TypeError_(json_kind(typ), "string")
        if typ != "oidc":
            return GoError("couldn't unmarshal to IdentityProvider, invalid type")
        d = Decoder(types, strict=False)
        return d.run(v, types.resolve("OIDCIdentityProvider"))
    if c == "taintsWrapper":  # types.go: {string: string} or strict [{key, value, effect}]
        d = Decoder(types, strict=False)
        if d.run(v, T("map", "map[string]string", elem=T("string", "string"))) is None:
            return None
        d = Decoder(types, strict=True)
        err = d.run(v, T("slice", "[]v1alpha5.NodeGroupTaint", elem=types.resolve("NodeGroupTaint")))
        if err is None:
            return None
        return GoError("taints must be a {string: string} or a [{key, value, effect}]: " + err_text(err))
    raise KeyError(f"eksctl-model: UnmarshalJSON of {c} is not modelled")


# --- convertToJSONableObject's coercion (first decode only) -----------------------

def coerce(types, v, t):
    """sigs.k8s.io/yaml yaml.go convertToJSONableObject with a typed target: numbers and
    bools become strings where the target is a string. For a struct key the target is the
    field at index[0]: for a promoted field that is the embedded struct, so promoted
    fields are never coerced (NodeGroupBase fields of nodeGroups/managedNodeGroups)."""
    if t is not None:
        while t.kind == "ptr":
            t = t.elem
        if t.kind == "custom":
            t = None
    if isinstance(v, dict):
        out = {}
        for key, item in v.items():
            sub = None
            if t is not None and t.kind == "struct":
                f = None
                for cand in types.fields(t):
                    if cand[0] == key:
                        f = cand
                        break
                    if f is None and fold(cand[0]) == fold(key):
                        f = cand
                if f is not None:
                    if f[3]:  # promoted: index[0] is the embedded struct field
                        sub = _embedded_type(types, t, f[2])
                    else:
                        sub = f[1]
            elif t is not None and t.kind == "map":
                sub = t.elem
            out[key] = coerce(types, item, sub)
        return out
    if isinstance(v, list):
        sub = t.elem if t is not None and t.kind == "slice" else None
        return [coerce(types, item, sub) for item in v]
    if t is not None and t.kind == "string" and not isinstance(v, str) and v is not None:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, GoFloat):
            return repr(float(v)).rstrip("0").rstrip(".") if "e" not in v.lower() else v
        return str(v)
    return v


def _embedded_type(types, t, goname):
    for f in t.struct["entry"].get("fields", []):
        if f.get("inline") and f["go"] == goname:
            return types.resolve(f["type"])
    return None


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
