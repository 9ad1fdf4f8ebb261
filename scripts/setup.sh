#!/usr/bin/env bash
# Installs what the tests, the demo and the benchmarks need, and nothing else.
# Idempotent and quick when everything is already there.
set -euo pipefail
. "$(dirname "$0")/env.sh"

need_python_pkg() { python3 -c "import $1" 2>/dev/null; }

command -v cargo >/dev/null || { echo "setup: cargo is needed (https://rustup.rs)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "setup: python3 is needed for the AWS emulator and the stand-in eksctl" >&2; exit 1; }

# moto's server is the AWS emulator every integration test and the demo run against.
if ! need_python_pkg moto.server || ! need_python_pkg flask || ! need_python_pkg boto3; then
  echo "setup: installing moto[server] and boto3 from PyPI" >&2
  python3 -m pip install --quiet --disable-pip-version-check 'moto[server]>=5,<6' boto3
fi

"$ROOT/tests/eksctl-model/setup.sh"   # the eksctl model the tests run as the real eksctl
# Benchmarks only: hyperfine from Debian's packages.
if [ "${1:-}" = "--bench" ] && ! command -v hyperfine >/dev/null; then
  echo "setup: installing hyperfine" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq hyperfine >/dev/null; fi
fi
