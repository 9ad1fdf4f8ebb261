#!/usr/bin/env bash
# Runs every test: unit, property and integration tests of the built binary against
# the moto AWS emulator and the model eksctl. Ends with one summary line.
#   scripts/test.sh [CARGO TEST ARGS]   everything, or what the arguments select
#                                       (`--test it check::`: one area of the integration tests)
#   scripts/test.sh --quick             the tests that need no AWS emulator: unit tests,
#                                       config corpus, properties, install and release
#                                       archive, README tables (what scripts/clone-test.sh runs)
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
log="$(mktemp)"; trap 'rm -f "$log"' EXIT
status=0
if [ "${1:-}" = "--quick" ]; then
  shift
  # The unit tests, then the quick modules of the one integration binary (tests/it).
  { cargo test --locked --lib "$@" &&
    cargo test --locked --test it "$@" -- corpus_configs:: prop_invocation:: install:: readme::; } 2>&1 | tee "$log" || status=$?
else
  cargo test --locked "$@" 2>&1 | tee "$log" || status=$?
fi
passed=$(grep -Eo '^test result: .* ([0-9]+) passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '^test result: .* ([0-9]+) failed' "$log" | grep -Eo '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
echo "tests: $passed passed, $failed failed"
exit "$status"
