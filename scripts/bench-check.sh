#!/usr/bin/env bash
# `eksctl-shim check --all` over 200 clusters against `check` of one, on one moto server.
# The region-wide lists are read once, so the cost grows by one DescribeCluster per
# cluster. Results: bench-results/check.md
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --bench
cd "$ROOT"
release_build

start_moto
echo '{"cluster":"fleet","count":200}' | python3 tests/aws/world.py "$endpoint" >/dev/null

shim="$SHIM_RELEASE_BIN"
mkdir -p "$ROOT/bench-results"
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-markdown "$ROOT/bench-results/check.md" \
  -n one "$shim check --cluster fleet-000" \
  -n all-200 "$shim check --all"
