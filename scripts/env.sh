# Sourced by the project's scripts: one persistent target directory outside the clone,
# so a fresh clone does not rebuild the AWS SDK (a cold build takes about 10 minutes).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/eksctl-shim/target}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
