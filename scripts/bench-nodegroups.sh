#!/usr/bin/env bash
# The pre-flight's cost against the number of nodegroups in `-f` (hostile run v2, B17:
# it once grew as N^2.4, 1000 nodegroups 274 s): `eksctl-shim plan -- create nodegroup -f`
# with N = 10, 100, 1000 and 10 000 managed nodegroups on a drifted cluster, so every
# nodegroup gets a subnet pin planned. eksctl is the model (tests/eksctl-model/relocatable.py), which
# judges the rewrite with its --dry-run (src/judge); its time, `gate.took_ms`, is eksctl's
# and is given apart, so the shim's own part is the total less it.
# Uses the release build in $CARGO_TARGET_DIR when there is one, else builds debug, and
# says which. Results: bench-results/nodegroups.md. Env: RUNS (3), COUNTS.
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --bench
cd "$ROOT"
triple="$(rustc -vV | sed -n 's/^host: //p')"
shim=""
for candidate in "$CARGO_TARGET_DIR/$triple/release/eksctl-shim" "$CARGO_TARGET_DIR/release/eksctl-shim"; do
  [ -x "$candidate" ] && { shim="$candidate"; build=release; break; }
done
if [ -z "$shim" ]; then
  cargo build --quiet --locked --bin eksctl-shim
  shim="$CARGO_TARGET_DIR/debug/eksctl-shim"; build=debug
fi

start_moto
echo '{"cluster":"drifted","moved":true,"delete":["private-a","private-b"]}' | python3 tests/aws/world.py "$endpoint" >/dev/null
mkdir -p "$work/real"
{ echo "#!$(python3 -c 'import sys; print(sys.executable)')"; cat tests/eksctl-model/relocatable.py; } > "$work/real/eksctl"
chmod +x "$work/real/eksctl"
export EKSCTL_SHIM_REAL="$work/real/eksctl" EKSCTL_SHIM_TIMEOUT="${EKSCTL_SHIM_TIMEOUT:-10}"

counts=(${COUNTS:-10 100 1000 10000})
names=()
gates=()
for n in "${counts[@]}"; do
  python3 - "$n" > "$work/ng$n.yaml" <<'PY'
import sys
print("apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: drifted, region: us-west-2}\nmanagedNodeGroups:")
for i in range(int(sys.argv[1])):
    print(f"  - name: ng-{i}\n    privateNetworking: true\n    labels: {{team: t{i}}}")
PY
  # One run first: every nodegroup must get its pin, or the benchmark measures nothing.
  read -r pins gate < <("$shim" plan --output json -- create nodegroup -f "$work/ng$n.yaml" 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for c in d.get("changes", []) if "in subnets" in c["what"]), (d.get("gate") or {}).get("took_ms", 0))')
  echo "n=$n: $pins pins planned, eksctl's judgement $gate ms" >&2
  gates+=("| $n | $gate ms |")
  [ "$pins" = "$n" ] || { echo "expected $n pins" >&2; exit 1; }
  names+=(-n "$n" "$shim plan --output json -- create nodegroup -f $work/ng$n.yaml")
done
mkdir -p "$ROOT/bench-results"
hyperfine --warmup 1 --runs "${RUNS:-3}" --export-markdown "$work/table.md" "${names[@]}" >&2
{
  echo "# The pre-flight against the number of nodegroups"
  echo
  echo "\`eksctl-shim plan --output json -- create nodegroup -f\` ($build build), N managed nodegroups on a drifted cluster, a pin planned for each; EKSCTL_SHIM_TIMEOUT=$EKSCTL_SHIM_TIMEOUT s; eksctl the model (tests/eksctl-model/relocatable.py); moto on the same machine. hyperfine, ${RUNS:-3} runs."
  echo
  cat "$work/table.md"
  echo
  echo "Of which eksctl's judgement of the rewrite (the model's --dry-run, \`gate.took_ms\`, one run):"
  echo
  echo "| nodegroups | eksctl's judgement |"
  echo "|---:|---:|"
  printf '%s\n' "${gates[@]}"
} > "$ROOT/bench-results/nodegroups.md"
cat "$ROOT/bench-results/nodegroups.md"
