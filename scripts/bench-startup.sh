#!/usr/bin/env bash
# Start-up overhead of the passthrough path, on the layout install.sh makes, in one
# hyperfine run (-N: no shell; medians):
#   direct      the stand-in eksctl called directly
#   c-exec      a minimal C program that only execs it (the floor for any trampoline)
#   installed   `eksctl` as install.sh installs it (PREFIX/share/eksctl-shim/bin/eksctl:
#               eksctl-shim-proxy, the release build)
#   full-shim   eksctl-shim itself started as `eksctl` (the layout before the proxy, and
#               what a hand-made `eksctl` symlink to a cargo-installed eksctl-shim gives)
# The stand-in is a compiled C program printing a version, like `eksctl version`: the
# Python stand-in's own ~20 ms start-up jitter would drown a 0.5 ms difference.
# Prints each median's overhead over direct and the ratio installed / c-exec (the budget
# is 1.5). Writes bench-results/startup.md.
#   --gate   the CI gate: 1000 runs, no results file; exits 1 when the ratio is over 1.5
#            in two runs in a row (one noisy run on a shared machine is run again)
# Env: RUNS (2000; 1000 with --gate), EKSCTL_SHIM_REUSE_BUILD=1 (no rebuild).
set -euo pipefail
. "$(dirname "$0")/env.sh"
gate=0
[ "${1:-}" = "--gate" ] && gate=1
"$ROOT/scripts/setup.sh" --bench
cd "$ROOT"
release_build

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/real" "$work/c" "$work/full"
cat > "$work/standin.c" <<'C'
#include <stdio.h>
int main(void) { puts("0.230.0"); return 0; }
C
cat > "$work/trampoline.c" <<'C'
#include <unistd.h>
int main(int argc, char **argv) { (void)argc; execv(REAL, argv); return 127; }
C
cc -O2 -o "$work/real/eksctl" "$work/standin.c"
cc -O2 -DREAL="\"$work/real/eksctl\"" -o "$work/c/eksctl" "$work/trampoline.c"
# Installed as users install it.
PATH="$work/real:$PATH" bash "$ROOT/install.sh" --prefix "$work/prefix" --binary "$SHIM_RELEASE_BIN" >/dev/null 2>&1
installed="$work/prefix/share/eksctl-shim/bin/eksctl"
ln -s "$work/prefix/bin/eksctl-shim" "$work/full/eksctl"
export PATH="$work/prefix/share/eksctl-shim/bin:$work/real:$PATH"
[ "$("$installed" version)" = 0.230.0 ] || { echo "bench-startup: the installed eksctl does not reach the stand-in" >&2; exit 1; }

measure() {   # $1: markdown file or ""; prints the report; returns 1 over budget
  local md=()
  [ -z "$1" ] || md=(--export-markdown "$1")
  hyperfine -N --warmup 200 --runs "${RUNS:-$([ $gate = 1 ] && echo 1000 || echo 2000)}" --style none \
    "${md[@]}" --export-json "$work/startup.json" \
    -n direct "$work/real/eksctl version" \
    -n c-exec "$work/c/eksctl version" \
    -n installed "$installed version" \
    -n full-shim "$work/full/eksctl version" >/dev/null 2>"$work/hyperfine.err" \
    || { cat "$work/hyperfine.err" >&2; return 2; }
  python3 - "$work/startup.json" "$1" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
d = r["direct"]["median"]
lines = ["", "| command | median [ms] | over direct [ms] |", "|:---|---:|---:|"]
for name in ("direct", "c-exec", "installed", "full-shim"):
    m = r[name]["median"]
    print(f"{name:9s} median {m*1000:7.3f} ms   overhead over direct {(m-d)*1000:+.3f} ms")
    lines.append(f"| `{name}` | {m*1000:.3f} | {(m-d)*1000:+.3f} |")
ratio = (r["installed"]["median"] - d) / (r["c-exec"]["median"] - d)
print(f"ratio installed / c-exec overhead: {ratio:.2f} (budget 1.5)")
lines.append(f"\nRatio of the installed `eksctl`'s overhead to the C trampoline's: **{ratio:.2f}** (budget 1.5).")
if sys.argv[2]:
    open(sys.argv[2], "a").write("\n".join(lines) + "\n")
sys.exit(0 if ratio <= 1.5 else 1)
PY
}

for f in "$work/prefix/bin/eksctl-shim-proxy" "$work/prefix/bin/eksctl-shim"; do
  echo "$(basename "$f"): $(stat -c %s "$f" 2>/dev/null || stat -f %z "$f") bytes"
done
if [ $gate = 1 ]; then
  status=0; measure "" || status=$?
  [ $status = 0 ] && exit 0
  [ $status = 1 ] || exit 1
  echo "bench-startup: over budget; measuring once more (a shared machine is noisy)"
  measure "" || { echo "bench-startup: FAIL: the installed eksctl costs more than 1.5 times a C exec trampoline" >&2; exit 1; }
else
  mkdir -p "$ROOT/bench-results"
  measure "$ROOT/bench-results/startup.md" || true
fi
