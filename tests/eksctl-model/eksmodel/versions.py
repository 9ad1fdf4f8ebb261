"""The eksctl version the model plays, from EKSCTL_MODEL_VERSION (default 0.230.0).

Release candidates count as their release for feature gates: a change that ships in
0.177.0 first shipped in 0.177.0-rc.0 (tags in eksctl's repository). `-dev` builds
(`go install` of a tag prints `0.200.0-dev`, pkg/version/release.go @0.200.0) count as
the same release.
"""

import os
import re

DEFAULT = "0.230.0"


class Version:
    def __init__(self, text):
        self.text = text
        m = re.match(r"^v?(\d+)\.(\d+)\.(\d+)", text)
        if not m:
            raise ValueError(f"EKSCTL_MODEL_VERSION={text!r} is not a version the model knows")
        self.key = tuple(int(x) for x in m.groups())

    def at_least(self, minor, patch=0):
        """True from 0.<minor>.<patch> on (major 0 is all eksctl has released)."""
        return self.key >= (0, minor, patch)

    def below(self, minor, patch=0):
        return not self.at_least(minor, patch)

    def between(self, lo, hi):
        """0.<lo>.0 <= v < 0.<hi>.0"""
        return self.at_least(lo) and self.below(hi)

    def dotted(self):
        return "%d.%d.%d" % self.key

    def __str__(self):
        return self.text


def current():
    return Version(os.environ.get("EKSCTL_MODEL_VERSION") or DEFAULT)
