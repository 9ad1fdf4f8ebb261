"""eksctl's output streams.

Log lines (kris-nova/logger as cmd/eksctl/logger.go @0.230.0 sets it up) go to stdout:
`2006-01-02 15:04:05 [<icon>]  <message>`; a line gets a newline unless its format has
one. Levels (-v, default 3): critical >= 1, warning >= 2, info >= 3, debug >= 4, success
always. `--dry-run` points the logger at io.Discard (pkg/ctl/create/nodegroup.go,
cluster.go). Colour is never written: fatih/color turns itself off when stdout is not a
terminal, which is the case under the shim and in tests; `--color=fabulous` (lolcat)
is not modelled.

The final error is cobra's: `Error: <message>` on stderr, exit 1 (cmd/eksctl/main.go).
"""

import sys
import time

ICONS = {"critical": "\u2716", "warning": "!", "info": "\u2139", "success": "\u2714", "debug": "\u25b6"}
LEVELS = {"critical": 1, "warning": 2, "info": 3, "debug": 4, "success": 0}


class Refused(Exception):
    """eksctl stopped before changing anything (validation, a read that failed)."""


class Failed(Exception):
    """eksctl failed after it started changing things (a stack failed, ...)."""


class Log:
    def __init__(self):
        self.level = 3
        self.silenced = False
        self.warnings = []
        self.lines = []

    def _line(self, kind, message):
        self.lines.append((kind, message))
        if kind == "warning":
            self.warnings.append(message)
        if self.silenced or self.level < LEVELS[kind]:
            return
        if not message.endswith("\n") and "\n" not in message:
            message += "\n"
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        sys.stdout.write(f"{stamp} [{ICONS[kind]}]  {message}")
        sys.stdout.flush()

    def info(self, msg):
        self._line("info", msg)

    def warning(self, msg):
        self._line("warning", msg)

    def critical(self, msg):
        self._line("critical", msg)

    def success(self, msg):
        self._line("success", msg)

    def debug(self, msg):
        self._line("debug", msg)


log = Log()


def go_quote(s):
    """Go's %q / %#v of a string: printable Unicode kept, escapes for the rest."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif not ch.isprintable() and o > 0x7F:
            out.append("\\u%04x" % o if o <= 0xFFFF else "\\U%08x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_list(items):
    """Go's %v / %s of a []string: [a b c]."""
    return "[" + " ".join(items) + "]"


def go_quoted_list(items):
    """Go's %q of a []string: ["a" "b"]."""
    return "[" + " ".join(go_quote(i) for i in items) + "]"
