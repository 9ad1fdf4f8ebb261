# Sourced by the project's scripts: one persistent target directory outside the clone,
# so a fresh clone does not rebuild the AWS SDK (a cold build takes about 10 minutes).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/eksctl-shim/target}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# Release builds (install.sh, benchmarks): on Linux a static PIE with packed relative
# relocations starts about as fast as a C program that execs. `--target` keeps the flags
# off build scripts and proc-macros; debug builds keep the defaults, so the test cache
# is not rebuilt. Sets SHIM_RELEASE_BIN to the binary built.
release_build() {
  local triple
  triple="$(rustc -vV | sed -n 's/^host: //p')"
  case "$triple" in
    *-linux-gnu) RUSTFLAGS="-C target-feature=+crt-static -C link-arg=-Wl,-z,pack-relative-relocs" \
                   cargo build --release --locked --bin eksctl-shim --target "$triple" >&2
                 SHIM_RELEASE_BIN="$CARGO_TARGET_DIR/$triple/release/eksctl-shim" ;;
    *)           cargo build --release --locked --bin eksctl-shim >&2
                 SHIM_RELEASE_BIN="$CARGO_TARGET_DIR/release/eksctl-shim" ;;
  esac
  export SHIM_RELEASE_BIN
}
