#!/usr/bin/env bash
# Builds a release archive, for machines without Rust:
#   OUT/eksctl-shim-VERSION-TRIPLE.tar.gz          bin/eksctl-shim (the static release build),
#                                                  bin/eksctl-shim-proxy (the small `eksctl`),
#                                                  completions (bash, zsh, fish), man pages,
#                                                  README.md, LICENSE, install.sh, SHA256SUMS
#   OUT/eksctl-shim-VERSION-TRIPLE.tar.gz.sha256   the archive's SHA-256 (sha256sum format)
#   OUT/install.sh                                 to install it: ./install.sh --archive FILE
# Prints the archive's path on stdout.
# Usage: scripts/dist.sh [--binary FILE] [--out DIR]   (default OUT: dist/ in the repository)
#   --binary FILE  package this eksctl-shim (and the eksctl-shim-proxy beside it) instead of
#                  building the release binaries (tests)
set -euo pipefail
. "$(dirname "$0")/env.sh"

binary=""
out="$ROOT/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "dist: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$ROOT"
if [ -z "$binary" ]; then
  release_build
  binary="$SHIM_RELEASE_BIN"
fi
"$binary" --version | grep -q '^eksctl-shim ' || { echo "dist: $binary is not eksctl-shim" >&2; exit 1; }
proxy="$(dirname "$binary")/eksctl-shim-proxy"
[ -f "$proxy" ] || { echo "dist: no eksctl-shim-proxy beside $binary" >&2; exit 1; }

sha256() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }
version="$("$binary" --version | awk '{print $2}')"
triple="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')"
[ -n "$triple" ] || triple="$(uname -m)-$(uname -s | tr 'A-Z' 'a-z')"
name="eksctl-shim-$version-$triple"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
d="$stage/$name"
mkdir -p "$d/bin" "$d/share/bash-completion/completions" "$d/share/zsh/site-functions" \
  "$d/share/fish/vendor_completions.d" "$d/share/man/man1"
cp "$binary" "$d/bin/eksctl-shim"
cp "$proxy" "$d/bin/eksctl-shim-proxy"
chmod 0755 "$d/bin/eksctl-shim" "$d/bin/eksctl-shim-proxy"
"$d/bin/eksctl-shim" completions bash > "$d/share/bash-completion/completions/eksctl-shim"
"$d/bin/eksctl-shim" completions zsh > "$d/share/zsh/site-functions/_eksctl-shim"
"$d/bin/eksctl-shim" completions fish > "$d/share/fish/vendor_completions.d/eksctl-shim.fish"
"$d/bin/eksctl-shim" man --dir "$d/share/man/man1"
cp README.md LICENSE install.sh "$d/"
(cd "$d" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | while read -r f; do sha256 "$f"; done > SHA256SUMS)

# Reproducible when the tools allow: sorted names, no owners, the commit's time.
mkdir -p "$out"
mtime="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
if tar --version 2>/dev/null | grep -q 'GNU tar'; then
  tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -cf - "$name"
else
  tar -C "$stage" -cf - "$name"
fi | gzip -n > "$out/$name.tar.gz"
(cd "$out" && sha256 "$name.tar.gz" > "$name.tar.gz.sha256")
cp install.sh "$out/install.sh"
echo "dist: $out/$name.tar.gz ($(du -k "$out/$name.tar.gz" | cut -f1) kB), with its .sha256 and install.sh beside it" >&2
echo "$out/$name.tar.gz"
