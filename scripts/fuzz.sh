#!/usr/bin/env bash
# Fuzzes argv parsing and config loading/rewriting with cargo-fuzz (libFuzzer), seeded
# from the project's fixtures (tests/fixtures/configs), and from eksctl's examples in
# ../shared/corpus when that folder is there. Usage: scripts/fuzz.sh [SECONDS per target, default 600]
# cargo-fuzz needs nightly features; on a stable toolchain RUSTC_BOOTSTRAP=1 enables them.
set -euo pipefail
. "$(dirname "$0")/env.sh"
seconds="${1:-600}"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
cd "$ROOT/fuzz"
mkdir -p corpus/config corpus/argv
cp "$ROOT"/tests/fixtures/configs/*.yaml "$ROOT"/tests/fixtures/configs/*.json corpus/config/
external="$ROOT/../shared/corpus/eksctl-examples"
if [ -d "$external" ]; then
  for f in "$external"/*.yaml; do cp "$f" "corpus/config/eksctl-$(basename "$f")"; done
else
  echo "fuzz: skipped eksctl's example configs as seeds ($external not found)" >&2
fi
printf 'create\0nodegroup\0--cluster\0prod\0-P\0--subnet-ids=a,b' > corpus/argv/seed-1
printf -- '-v\0004\0create\0cluster\0-f\0-\0--dry-run' > corpus/argv/seed-2
for target in argv config; do
  echo "fuzz: $target for ${seconds}s" >&2
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 2>&1 | tail -5
done
