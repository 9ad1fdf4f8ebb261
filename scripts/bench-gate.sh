#!/usr/bin/env bash
# What eksctl's judgement of a rewrite (src/judge) adds before eksctl runs: the time the
# gate took (`gate.took_ms` of `eksctl-shim plan --output json`, the same assess as the
# `eksctl` face), with every AWS request delayed by DELAY_MS (tests/aws/latency_proxy.py
# in front of moto) and with none. eksctl is the model (tests/eksctl-model/relocatable.py), which
# makes eksctl's own requests for its --dry-run through the same forwarder; a real
# eksctl starts faster (Go) and makes a similar number of round trips.
#   create nodegroup -f, drifted cluster (eksctl 0.200): two dry-runs at once (as written,
#     as rewritten), the pin runs
#   create cluster -f, CONFIG_MAP, eksctl 0.170: one dry-run, the split runs
#   create nodegroup -f, clean cluster: no rewrite, so no question (gate: null)
# Results: bench-results/gate.md. Env: DELAY_MS (100), RUNS (5), SHIM_BIN (default: the
# debug build).
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
if [ -z "${SHIM_BIN:-}" ]; then
  cargo build --quiet --locked --bin eksctl-shim
  SHIM_BIN="$CARGO_TARGET_DIR/debug/eksctl-shim"
fi
start_moto
echo '{"cluster":"prod","moved":true,"delete":["private-a","private-b"]}' | python3 tests/aws/world.py "$endpoint" >/dev/null
echo '{"cluster":"calm"}' | python3 tests/aws/world.py "$endpoint" >/dev/null
port=$(free_port)
python3 tests/aws/latency_proxy.py "$endpoint" "$port" "${DELAY_MS:-100}" "$work/requests.jsonl" &
LAT_PID=$!
trap 'kill $MOTO_PID $LAT_PID 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for_port "$port"
mkdir -p "$work/real"
{ echo "#!$(python3 -c 'import sys; print(sys.executable)')"; cat tests/eksctl-model/relocatable.py; } > "$work/real/eksctl"
chmod +x "$work/real/eksctl"
cat > "$work/ng.yaml" <<'YAML'
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: prod, region: us-west-2}
managedNodeGroups:
  - {name: ng-new, privateNetworking: true}
YAML
sed 's/name: prod/name: calm/' "$work/ng.yaml" > "$work/calm.yaml"
cat > "$work/cluster.yaml" <<'YAML'
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: fresh, region: us-west-2}
accessConfig: {authenticationMode: CONFIG_MAP}
nodeGroups:
  - {name: ng-1, instanceType: m5.large}
managedNodeGroups:
  - {name: mng-1}
YAML
mkdir -p "$ROOT/bench-results"
EKSCTL_SHIM_REAL="$work/real/eksctl" python3 - "$SHIM_BIN" "$work" "http://127.0.0.1:$port" "$endpoint" \
  "${DELAY_MS:-100}" "${RUNS:-5}" > "$ROOT/bench-results/gate.md" <<'PY'
import json, os, statistics, subprocess, sys
shim, work, delayed, direct, delay_ms, runs = sys.argv[1:7]
runs = int(runs)
cases = [
    ("create nodegroup -f, drifted cluster (pin)", "0.200.0", ["create", "nodegroup", "-f", f"{work}/ng.yaml"]),
    ("create cluster -f, CONFIG_MAP (split)", "0.170.0", ["create", "cluster", "-f", f"{work}/cluster.yaml"]),
    ("create nodegroup -f, clean cluster (no rewrite)", "0.200.0", ["create", "nodegroup", "-f", f"{work}/calm.yaml"]),
]
print(f"# The gate: eksctl's --dry-run before a rewrite\n\nmedian of {runs} runs; `took_ms` of `eksctl-shim plan --output json`\n")
print(f"| command | verdict | gate, no delay | gate, {delay_ms} ms per AWS request |")
print("|---|---|---:|---:|")
for label, version, args in cases:
    row = []
    verdict = None
    for url in (direct, delayed):
        took = []
        for _ in range(runs):
            env = dict(os.environ, AWS_ENDPOINT_URL=url, EKSCTL_MODEL_VERSION=version, EKSCTL_SHIM_TIMEOUT="20")
            out = subprocess.run([shim, "plan", "--output", "json", "--", *args], env=env, capture_output=True)
            doc = json.loads(out.stdout)
            gate = doc.get("gate")
            verdict = gate["verdict"] if gate else "not asked"
            took.append(gate["took_ms"] if gate else 0)
        row.append(f"{statistics.median(took):.0f} ms")
    print(f"| {label} | {verdict} | {row[0]} | {row[1]} |")
PY
cat "$ROOT/bench-results/gate.md"
