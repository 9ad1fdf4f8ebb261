# Sourced by the project's scripts: one persistent target directory outside the clone,
# so a fresh clone does not rebuild the AWS SDK (a cold build takes about 10 minutes).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/eksctl-shim/target}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# The project's Python tools (moto, boto3, flask, pytest) live in a virtual environment
# that scripts/setup.sh makes, never in the system Python (Debian 12 refuses system pip
# installs, PEP 668). Its bin comes first on PATH, even before it exists, so `python3` in
# every script and in the tests cargo runs from them is the venv's.
EKSCTL_SHIM_VENV="${EKSCTL_SHIM_VENV:-$HOME/.cache/eksctl-shim/venv}"
export EKSCTL_SHIM_VENV
case ":$PATH:" in
  *":$EKSCTL_SHIM_VENV/bin:"*) ;;
  *) export PATH="$EKSCTL_SHIM_VENV/bin:$PATH" ;;
esac
# Release builds (install.sh, benchmarks): on Linux a static PIE with packed relative
# relocations starts about as fast as a C program that execs. `--target` keeps the flags
# off build scripts and proc-macros; debug builds keep the defaults, so the test cache
# is not rebuilt. Builds eksctl-shim and eksctl-shim-proxy (the small `eksctl`); sets
# SHIM_RELEASE_BIN to eksctl-shim (the proxy is beside it).
release_build() {
  local triple
  triple="$(rustc -vV | sed -n 's/^host: //p')"
  if [ "${EKSCTL_SHIM_REUSE_BUILD:-}" = 1 ]; then   # iterate on a benchmark without a rebuild
    SHIM_RELEASE_BIN="$CARGO_TARGET_DIR/$triple/release/eksctl-shim"
    [ -x "$SHIM_RELEASE_BIN" ] || SHIM_RELEASE_BIN="$CARGO_TARGET_DIR/release/eksctl-shim"
    export SHIM_RELEASE_BIN
    return
  fi
  case "$triple" in
    *-linux-gnu) RUSTFLAGS="-C target-feature=+crt-static -C link-arg=-Wl,-z,pack-relative-relocs" \
                   cargo build --release --locked --bin eksctl-shim --bin eksctl-shim-proxy --target "$triple" >&2
                 SHIM_RELEASE_BIN="$CARGO_TARGET_DIR/$triple/release/eksctl-shim" ;;
    *)           cargo build --release --locked --bin eksctl-shim --bin eksctl-shim-proxy >&2
                 SHIM_RELEASE_BIN="$CARGO_TARGET_DIR/release/eksctl-shim" ;;
  esac
  export SHIM_RELEASE_BIN
}

# A loopback port nothing listens on now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits (up to 30 s) until something listens on loopback port $1.
wait_for_port() {
  for _ in $(seq 1 300); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1',$1))" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# Starts moto's server (with the test harness's patches) on a free loopback port, in a
# fresh work directory; both go when the script exits. Sets `work`, `endpoint`, and the
# AWS_* variables for a client of it.
start_moto() {
  work="$(mktemp -d)"
  local port
  port=$(free_port)
  python3 "$ROOT/tests/aws/moto_server.py" "$port" >"$work/moto.log" 2>&1 &
  MOTO_PID=$!
  trap 'kill $MOTO_PID 2>/dev/null || true; rm -rf "$work"' EXIT
  wait_for_port "$port"
  endpoint="http://127.0.0.1:$port"
  export AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
  export AWS_REGION=us-west-2 AWS_DEFAULT_REGION=us-west-2 AWS_EC2_METADATA_DISABLED=true
}
