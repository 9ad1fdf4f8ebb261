"""encoding/json as eksctl's two decodes of the config run it (config.py ParseConfig), and
the coercion of sigs.k8s.io/yaml's first decode.

  Decoder        decodeState over a tree: saved UnmarshalTypeErrors (the first wins),
                 unknown fields with DisallowUnknownFields (the strict first decode),
                 case-insensitive field names (the first decode) or exact ones (the
                 second, runtime.Decode), errors from UnmarshalJSON methods abort.
  custom_decode  the UnmarshalJSON methods eksctl's config types have (UnmarshalText
                 with arn.Parse for the ARN of access_entry.go): pkg/utils/ipnet/ipnet.go;
                 in pkg/apis/eksctl.io/v1alpha5 vpc.go (AZSubnetMapping), iam.go
                 (CustomStringSlice), identity_provider.go, types.go (taints).
  coerce         sigs.k8s.io/yaml yaml.go convertToJSONableObject with a typed target.
"""

import json

from .config_types import GoFloat, T


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
