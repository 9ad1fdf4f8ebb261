#!/usr/bin/env bash
# What the eksctl model needs: Go and Debian's packages of the YAML libraries eksctl
# reads its config with, then its YAML helper built once (GOPATH mode, no network).
# Called by scripts/setup.sh. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pkgs=(golang-go golang-k8s-sigs-yaml-dev golang-gopkg-yaml.v2-dev)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]} for the eksctl model" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}" >/dev/null; fi
fi
python3 -c "import boto3" 2>/dev/null || { echo "setup: the eksctl model needs boto3" >&2; exit 1; }
cache="${EKSCTL_MODEL_CACHE:-$HOME/.cache/eksctl-shim}"
mkdir -p "$cache"
if [ ! -x "$cache/eksctl-model-yaml" ] || [ "$here/yamlhelper/main.go" -nt "$cache/eksctl-model-yaml" ]; then
  (cd "$here/yamlhelper" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE="$cache/go-build" \
    go build -o "$cache/eksctl-model-yaml.tmp" . && mv "$cache/eksctl-model-yaml.tmp" "$cache/eksctl-model-yaml")
fi
