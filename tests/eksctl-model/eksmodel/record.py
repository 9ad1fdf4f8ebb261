"""calls.jsonl: one JSON line per call in $EKSCTL_MODEL_RECORD, appended with a single
write (lines of concurrent processes do not interleave).

Fields of every call: sigign, argv_hex, argv, stdin_hex, env, config_path,
config, config_mode. Added: version, config_json (the tree eksctl decoded, after YAML
1.1), outcome ("ok" | "refused" | "failed" | "unmodelled"), error, warnings, created,
model (what the model did: offline, aws).
"""

import json
import os


def text(s):
    return os.fsencode(s).decode("utf-8", "replace")


class Call:
    def __init__(self, args, sigign):
        self.args = args
        self.sigign = sigign
        self.stdin_bytes = None
        self.config_path = None
        self.config_bytes = None
        self.config_mode = None
        self.config_json = None
        self.outcome = None
        self.error = None
        self.warnings = []
        self.created = {"nodegroups": [], "clusters": [], "stacks_updated": []}
        self.version = None
        self.model = {}
        self.written = False

    def write(self):
        where = os.environ.get("EKSCTL_MODEL_RECORD")
        if not where or self.written:
            return
        self.written = True
        from .config import plain
        entry = {
            "sigign": self.sigign,
            "pid": os.getpid(),
            "argv_hex": [os.fsencode(a).hex() for a in self.args],
            "argv": [text(a) for a in self.args],
            "stdin_hex": self.stdin_bytes.hex() if self.stdin_bytes is not None else None,
            "env": {text(k): text(v) for k, v in os.environ.items()},
            "config_path": self.config_path,
            "config": self.config_bytes.decode("utf-8", "replace") if self.config_bytes is not None else None,
            "config_mode": self.config_mode,
            "version": self.version,
            "config_json": plain(self.config_json),
            "outcome": self.outcome,
            "error": self.error,
            "warnings": self.warnings,
            "created": self.created,
            "model": self.model,
        }
        os.makedirs(where, exist_ok=True)
        line = json.dumps(entry, ensure_ascii=True) + "\n"
        fd = os.open(os.path.join(where, "calls.jsonl"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
