#!/usr/bin/env bash
# A local demo, no AWS account needed: an AWS emulator (moto) on loopback with two
# clusters that eksctl made and people then changed, and `eksctl` commands run through
# the shim in front of a demo eksctl (tests/eksctl-model/relocatable.py, reporting version 0.180.0
# or 0.170.0). It shows the findings, the rewrites, what eksctl received, and advice;
# then the shim's own commands: doctor, check, plan.
#
# Needs cargo and python3, nothing else: scripts/setup.sh puts moto, boto3 and flask in a
# virtual environment ($EKSCTL_SHIM_VENV), installing Debian's python3-venv with apt-get
# when venv support is missing. No Go (the demo eksctl is a Python script, not the model
# of eksctl the tests build a Go helper for), no AWS account, no network after setup.
set -euo pipefail
. "$(dirname "$0")/env.sh"
echo "demo: needs cargo and python3; setup.sh makes the Python venv $EKSCTL_SHIM_VENV (moto, boto3, flask). No Go, no AWS account." >&2
"$ROOT/scripts/setup.sh"
cd "$ROOT"
echo "demo: building eksctl-shim" >&2
cargo build --quiet --bin eksctl-shim --bin eksctl-shim-proxy

start_moto

# PATH: the shim as `eksctl` first, the demo eksctl after it, as install.sh sets it up.
mkdir -p "$work/shim" "$work/real" "$work/record"
# As install.sh lays it out: `eksctl` is the small proxy, eksctl-shim beside it.
ln -s "$CARGO_TARGET_DIR/debug/eksctl-shim-proxy" "$work/shim/eksctl"
ln -s "$CARGO_TARGET_DIR/debug/eksctl-shim" "$work/shim/eksctl-shim"
{ echo "#!$(python3 -c 'import sys; print(sys.executable)')"; cat tests/eksctl-model/relocatable.py; } > "$work/real/eksctl"
chmod +x "$work/real/eksctl"
export PATH="$work/shim:$work/real:$PATH"
export EKSCTL_MODEL_RECORD="$work/record"
unset EKSCTL_SHIM_MODE EKSCTL_SHIM_SKIP EKSCTL_SHIM_BYPASS EKSCTL_SHIM_REAL

# What every command below runs with, so any of them can be run again by hand.
printf '\n\033[1m== The environment of the demo\033[0m\n'
echo "   AWS_ENDPOINT_URL=$AWS_ENDPOINT_URL   (moto, the AWS emulator, on loopback)"
echo "   AWS_REGION=$AWS_REGION AWS_DEFAULT_REGION=$AWS_DEFAULT_REGION AWS_EC2_METADATA_DISABLED=$AWS_EC2_METADATA_DISABLED"
echo "   AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: moto's test credentials"
echo "   PATH=$work/shim:$work/real:...   (eksctl and eksctl-shim, then the demo eksctl)"
echo "   EKSCTL_MODEL_RECORD=$EKSCTL_MODEL_RECORD   (what the demo eksctl received)"
echo "   unset: EKSCTL_SHIM_MODE EKSCTL_SHIM_SKIP EKSCTL_SHIM_BYPASS EKSCTL_SHIM_REAL"

world() { echo "$1" | python3 tests/aws/world.py "$endpoint"; }
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
received() {
  python3 - "$work/record/calls.jsonl" <<'PY'
import json, shlex, sys
calls = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
last = [c for c in calls if c["argv"][:1] != ["version"]][-1]
print("   the demo eksctl received: eksctl " + " ".join(shlex.quote(a) for a in last["argv"]))
if last.get("config"):
    print("   with this config:\n" + "\n".join("      " + l for l in last["config"].splitlines()))
PY
}
status=0
expect() { # expect CODE COMMAND...: run, show, and check the exit code
  local want=$1; shift
  local got=0
  "$@" || got=$?
  echo "   exit code: $got"
  if [ "$got" != "$want" ]; then echo "demo: expected exit $want" >&2; status=1; fi
}

say "A cluster whose control plane was moved to new subnets; the old private subnets were deleted"
world '{"cluster":"drifted","moved":true,"delete":["private-a","private-b"]}' >/dev/null
echo '$ eksctl create nodegroup --cluster drifted --name workers --node-private-networking   (eksctl 0.180.0)'
EKSCTL_MODEL_VERSION=0.180.0 expect 0 eksctl create nodegroup --cluster drifted --name workers --node-private-networking
received

say "A cluster in CONFIG_MAP mode: a self-managed nodegroup"
world '{"cluster":"legacy-auth","auth_mode":"CONFIG_MAP"}' >/dev/null
echo '$ eksctl create nodegroup --cluster legacy-auth --name self-managed --managed=false   (eksctl 0.180.0)'
EKSCTL_MODEL_VERSION=0.180.0 expect 0 eksctl create nodegroup --cluster legacy-auth --name self-managed --managed=false
received

say "A new CONFIG_MAP cluster with self-managed nodegroups on eksctl 0.170.0 (eksctl #7695)"
cat > "$work/cluster.yaml" <<'YAML'
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: fresh
  region: us-west-2
accessConfig:
  authenticationMode: CONFIG_MAP
nodeGroups:
  - name: self-managed
    instanceType: m5.large
managedNodeGroups:
  - name: managed
YAML
echo '$ eksctl create cluster -f cluster.yaml   (eksctl 0.170.0)'
(cd "$work" && EKSCTL_MODEL_VERSION=0.170.0 expect 0 eksctl create cluster -f cluster.yaml)
received

say "Strict mode as a CI gate: the same drift on eksctl 0.170.0, where no safe rewrite exists"
echo '$ EKSCTL_SHIM_MODE=strict eksctl create nodegroup --cluster drifted   (eksctl 0.170.0)'
EKSCTL_SHIM_MODE=strict EKSCTL_MODEL_VERSION=0.170.0 expect 3 eksctl create nodegroup --cluster drifted

say "eksctl fails: the shim says what happened and what to do"
echo '$ eksctl create nodegroup --cluster legacy-auth --name broken   (a demo eksctl that fails like 0.170.0 does)'
EKSCTL_MODEL_VERSION=0.180.0 EKSCTL_MODEL_FAIL=access-entry-stack \
  expect 1 eksctl create nodegroup --cluster legacy-auth --name broken

say "A saved log, explained after the fact (for a CI step)"
printf '%s\n' 'Error: operation error EC2: DescribeSubnets, https response error StatusCode: 400, RequestID: 1f0a, api error InvalidSubnetID.NotFound: The subnet ID '"'"'subnet-0123'"'"' does not exist' > "$work/ci.log"
echo '$ eksctl-shim explain ci.log --cluster drifted --region us-west-2'
expect 0 "$CARGO_TARGET_DIR/debug/eksctl-shim" explain "$work/ci.log" --cluster drifted --region us-west-2

say "The shim's own commands: is it installed as eksctl, and can it reach AWS?"
echo '$ eksctl-shim doctor'
EKSCTL_MODEL_VERSION=0.180.0 expect 0 eksctl-shim doctor

say "What is wrong with a cluster, before any eksctl command (exit 3: findings)"
echo '$ eksctl-shim check --cluster drifted'
EKSCTL_MODEL_VERSION=0.180.0 expect 3 eksctl-shim check --cluster drifted

say "What the shim would do to a command, without running it"
echo '$ eksctl-shim plan -- create nodegroup --cluster drifted --name workers --node-private-networking   (eksctl 0.180.0)'
EKSCTL_MODEL_VERSION=0.180.0 expect 0 eksctl-shim plan -- create nodegroup --cluster drifted --name workers --node-private-networking

exit $status
