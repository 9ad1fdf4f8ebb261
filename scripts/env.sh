# Sourced by the project's scripts: one persistent target directory outside the clone,
# so a fresh clone does not rebuild the AWS SDK (a cold build takes about 10 minutes).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/eksctl-shim/target}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# Release builds only (install.sh, benchmarks): a static PIE with packed relative
# relocations starts about as fast as a C program that execs. Debug builds keep the
# defaults, so the test cache is not rebuilt.
export EKSCTL_SHIM_RELEASE_RUSTFLAGS="-C target-feature=+crt-static -C link-arg=-Wl,-z,pack-relative-relocs"
