"""The Go types of eksctl's ClusterConfig as encoding/json sees them, for one release.

schema.json is a table of the JSON fields of every type in pkg/apis/eksctl.io/v1alpha5
with the releases that have each field (tools/gen_schema.py), so an older eksctl refuses
a field added later. Types from other packages (metav1, ipnet, time, corev1, the
access_entry.go ARN) are in EXTERNAL. GoFloat is how the YAML helper's numbers that are
not integers arrive (config.py).
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "schema.json")) as _f:
    SCHEMA = json.load(_f)["types"]


class GoFloat(str):
    """A JSON number that is not an integer, kept as its text (Go decodes ints from text)."""


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
