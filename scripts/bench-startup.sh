#!/usr/bin/env bash
# Start-up overhead of the passthrough path, in one hyperfine run:
#   direct     the stand-in eksctl called directly
#   c-exec     a minimal C program that only execs it (the floor for any trampoline)
#   shim       the release shim, invoked as `eksctl`
# The stand-in here is a compiled C program printing a version, like `eksctl version`:
# the Python stand-in's own ~20 ms start-up jitter would drown a 0.5 ms difference.
# Writes the table to bench-results/startup.md.
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --bench
cd "$ROOT"
release_build

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/real" "$work/shim" "$work/c"
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
cp "$SHIM_RELEASE_BIN" "$work/shim/eksctl-shim"
ln -s "$work/shim/eksctl-shim" "$work/shim/eksctl"

mkdir -p "$ROOT/bench-results"
export PATH="$work/shim:$work/real:$PATH"
hyperfine -N --warmup 200 --runs "${RUNS:-2000}" \
  --export-markdown "$ROOT/bench-results/startup.md" --export-json "$work/startup.json" \
  -n direct "$work/real/eksctl version" \
  -n c-exec "$work/c/eksctl version" \
  -n shim "$work/shim/eksctl version"
ls -l "$work/shim/eksctl-shim" | awk '{print "release binary size: " $5 " bytes"}'
python3 - "$work/startup.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
d = r["direct"]["median"]
for name in ("direct", "c-exec", "shim"):
    m = r[name]["median"]
    print(f"{name:7s} median {m*1000:7.3f} ms   overhead over direct {(m-d)*1000:+.3f} ms")
PY
