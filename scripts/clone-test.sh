#!/usr/bin/env bash
# The repository stands alone: clones it (the committed HEAD, from its own .git) into an
# empty temporary directory, with nothing beside it (no ../shared), and runs the README's
# test command there in its quick form (`scripts/test.sh --quick`).
#
# It reuses the build cache (CARGO_TARGET_DIR), so only this crate is rebuilt, not the AWS
# SDK. Run it after the main suite, never during it: cargo names this crate's artifacts
# the same from any path, so the clone's build replaces the suite's (the next build in the
# original checkout rebuilds this crate, about a minute). A separate cache would mean a
# cold build, 10 to 20 minutes on two cores.
set -euo pipefail
. "$(dirname "$0")/env.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git clone --quiet "$ROOT" "$tmp/eksctl-shim"
echo "clone-test: cloned $(git -C "$tmp/eksctl-shim" log -1 --format='%h %s') into an empty $tmp" >&2
log="$tmp/test.log"
status=0
(cd "$tmp/eksctl-shim" && scripts/test.sh --quick) 2>&1 | tee "$log" || status=$?
if ! grep -q "corpus_configs: skipped eksctl's example configs" "$log"; then
  echo "clone-test: the clone did not run without eksctl's examples beside it" >&2
  status=1
fi
exit "$status"
