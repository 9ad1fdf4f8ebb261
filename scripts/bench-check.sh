#!/usr/bin/env bash
# `eksctl-shim check --all` over 200 clusters against `check` of one, on one moto server.
# The region-wide lists are read once, so the cost grows by one DescribeCluster per
# cluster. Results: bench-results/check.md
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --bench
cd "$ROOT"
release_build

work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 tests/aws/moto_server.py "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; rm -rf "$work"' EXIT
until python3 -c "import socket; socket.create_connection(('127.0.0.1',$port))" 2>/dev/null; do sleep 0.2; done
echo '{"cluster":"fleet","count":200}' | python3 tests/aws/world.py "http://127.0.0.1:$port" >/dev/null

export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=t AWS_SECRET_ACCESS_KEY=t AWS_REGION=us-west-2 AWS_EC2_METADATA_DISABLED=true
shim="$SHIM_RELEASE_BIN"
mkdir -p "$ROOT/bench-results"
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-markdown "$ROOT/bench-results/check.md" \
  -n one "$shim check --cluster fleet-000" \
  -n all-200 "$shim check --all"
