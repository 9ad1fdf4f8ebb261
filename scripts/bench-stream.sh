#!/usr/bin/env bash
# eksctl's output through the shim, against eksctl alone, for an intercepted command
# (`create nodegroup`: pre-flight against moto, then the streamed run):
#   throughput  200 MB of eksctl-like log lines on stdout (a pipe, so the shim reads and
#               forwards every byte), hyperfine, direct vs through the shim
#   latency     how long a line eksctl writes takes to reach the reader, through the shim
# Results: bench-results/stream.md
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --bench
cd "$ROOT"
release_build

start_moto
echo '{"cluster":"prod"}' | python3 tests/aws/world.py "$endpoint" >/dev/null

mkdir -p "$work/shim" "$work/real"
{ echo "#!$(python3 -c 'import sys; print(sys.executable)')"; cat tests/eksctl-model/relocatable.py; } > "$work/real/eksctl"
chmod +x "$work/real/eksctl"
cp "$SHIM_RELEASE_BIN" "$work/shim/eksctl-shim"
ln -s "$work/shim/eksctl-shim" "$work/shim/eksctl"
python3 - "$work/out.log" <<'PY'
import sys
line = "2026-11-23 10:00:00 [\u2139]  waiting for CloudFormation stack \"eksctl-prod-nodegroup-ng-1\"\n".encode()
with open(sys.argv[1], "wb") as f:
    block = line * (1 << 14)
    while f.tell() < 200 * 1000 * 1000:
        f.write(block)
PY
export EKSCTL_MODEL_STDOUT_FILE="$work/out.log"
export PATH="$work/shim:$work/real:$PATH"
mkdir -p "$ROOT/bench-results"
# --output=pipe: eksctl's stdout is a pipe that hyperfine drains, as in CI, both ways.
hyperfine --warmup 1 --runs "${RUNS:-5}" --output=pipe --export-markdown "$ROOT/bench-results/stream.md" \
  -n direct "$work/real/eksctl create nodegroup --cluster prod" \
  -n shim "$work/shim/eksctl create nodegroup --cluster prod"
ls -l "$work/out.log" | awk '{printf "bytes per run: %d\n", $5}'
/usr/bin/time -f 'shim peak RSS while streaming: %M KiB' "$work/shim/eksctl" create nodegroup --cluster prod 2>&1 >/dev/null | tail -1

unset EKSCTL_MODEL_STDOUT_FILE
EKSCTL_MODEL_TICKS=200 python3 - "$work/shim/eksctl" <<'PY'
import subprocess, sys, time
p = subprocess.Popen([sys.argv[1], "create", "nodegroup", "--cluster", "prod"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
delays = []
for line in p.stdout:
    now = time.monotonic_ns()
    if line.startswith(b"tick "):
        delays.append((now - int(line.split()[1])) / 1e6)
p.wait()
delays.sort()
pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
print(f"line latency through the shim over {len(delays)} lines: median {pick(0.5):.3f} ms, p99 {pick(0.99):.3f} ms, max {delays[-1]:.3f} ms")
PY
