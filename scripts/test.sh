#!/usr/bin/env bash
# Runs every test: unit, property and integration tests of the built binary against
# the moto AWS emulator and the stand-in eksctl.
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
cargo test --locked "$@"
