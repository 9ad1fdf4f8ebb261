#!/usr/bin/env bash
# Installs a pinned eksctl and, in front of it, a pinned eksctl-shim, for CI. The GitHub
# Actions recipe (ci/github-actions.yml), the GitLab CI recipe (ci/gitlab-ci.yml) and the
# composite action (action.yml) all call this file; docs/ci-recipes.md tells how to use it.
#
# Both downloads are checked against SHA-256 values the caller pins, before anything is
# extracted from either: a wrong checksum, a failed download or a missing setting stops
# it with nothing written under the prefix.
#
# Usage: install-pinned.sh [--prefix DIR]     (default: $HOME/.local)
# Settings, from the environment:
#   EKSCTL_SHIM_ARCHIVE_URL     URL of an eksctl-shim release archive (scripts/dist.sh)
#   EKSCTL_SHIM_ARCHIVE_SHA256  its SHA-256 (the .sha256 file beside the archive)
#   EKSCTL_VERSION              the eksctl release, e.g. 0.230.0
#   EKSCTL_SHA256               the SHA-256 of that release's eksctl_PLATFORM.tar.gz, as the
#                               release's eksctl_checksums.txt publishes it
#   EKSCTL_PLATFORM             optional, default Linux_amd64 (the archive's name part)
#   EKSCTL_RELEASES_URL         optional, default https://github.com/eksctl-io/eksctl/releases/download
#                               (a mirror laid out the same: BASE/vVERSION/FILE)
# Installs:
#   PREFIX/bin/eksctl                   the pinned eksctl (replaced if there is one)
#   PREFIX/bin/eksctl-shim, PREFIX/bin/eksctl-shim-proxy, PREFIX/share/eksctl-shim/bin/eksctl
#                                       the shim, by the archive's own install.sh
# and checks that, with PREFIX/share/eksctl-shim/bin then PREFIX/bin first on PATH, `eksctl`
# is the shim and the shim runs the pinned eksctl. Putting them on PATH is the caller's
# part (GITHUB_PATH, `export PATH=...`): a script cannot change its caller's PATH.
# Needs bash, curl, tar (GNU), gzip and sha256sum; never needs root.
set -euo pipefail
shopt -s inherit_errexit

say() { printf 'install-pinned: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

prefix="$HOME/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac

missing=()
for tool in curl tar gzip sha256sum; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] || die "not installed: ${missing[*]}"

# A setting that must be there; returns its value.
need() {
  local value="${!1:-}"
  [ -n "$value" ] || die "$1 is not set: $2"
  printf '%s' "$value"
}
# A pinned SHA-256: 64 hex digits, returned in lower case (as sha256sum writes them).
pinned_sha256() {
  local given value
  given="$(need "$1" "$2")"
  value="$(printf '%s' "$given" | tr 'A-F' 'a-f')"
  [[ "$value" =~ ^[0-9a-f]{64}$ ]] || die "$1 is not a SHA-256 (64 hex digits): $given"
  printf '%s' "$value"
}

shim_url="$(need EKSCTL_SHIM_ARCHIVE_URL "the URL of the eksctl-shim release archive to install")"
shim_sha256="$(pinned_sha256 EKSCTL_SHIM_ARCHIVE_SHA256 "pin the archive's SHA-256 (its .sha256 file)")"
eksctl_version="$(need EKSCTL_VERSION "the eksctl release to install, e.g. 0.230.0")"
eksctl_version="${eksctl_version#v}"
[[ "$eksctl_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-.+][0-9A-Za-z.+-]*)?$ ]] \
  || die "EKSCTL_VERSION is not a release number: $eksctl_version"
eksctl_sha256="$(pinned_sha256 EKSCTL_SHA256 "pin the SHA-256 that eksctl $eksctl_version's eksctl_checksums.txt gives")"
platform="${EKSCTL_PLATFORM:-Linux_amd64}"
[[ "$platform" =~ ^[A-Za-z0-9_]+$ ]] || die "EKSCTL_PLATFORM is not a platform name: $platform"
releases="${EKSCTL_RELEASES_URL:-https://github.com/eksctl-io/eksctl/releases/download}"
releases="${releases%/}"
eksctl_file="eksctl_$platform.tar.gz"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # URL FILE
  say "downloading $1"
  curl -fsSL --retry 3 -o "$work/$2" "$1" || die "could not download $1"
}
# Checks FILE in the work directory against HEX with sha256sum -c.
verify() { # FILE HEX WHAT
  if ! (cd "$work" && printf '%s  %s\n' "$2" "$1" | sha256sum -c --quiet - >&2); then
    die "$3: SHA-256 is $(cd "$work" && sha256sum "$1" | awk '{print $1}'), pinned $2; nothing was installed"
  fi
  say "checked the SHA-256 of $3"
}

# 1. Download and check both archives; nothing is extracted until both pass.
fetch "$shim_url" eksctl-shim.tar.gz
verify eksctl-shim.tar.gz "$shim_sha256" "$shim_url"

fetch "$releases/v$eksctl_version/eksctl_checksums.txt" eksctl_checksums.txt
published="$(awk -v f="$eksctl_file" '$2 == f || $2 == "*" f { print tolower($1); exit }' "$work/eksctl_checksums.txt")"
[ -n "$published" ] || die "eksctl $eksctl_version's eksctl_checksums.txt has no line for $eksctl_file"
[ "$published" = "$eksctl_sha256" ] \
  || die "EKSCTL_SHA256 ($eksctl_sha256) is not what eksctl $eksctl_version publishes for $eksctl_file ($published): pin the published value, for the version you install; nothing was installed"
fetch "$releases/v$eksctl_version/$eksctl_file" "$eksctl_file"
verify "$eksctl_file" "$eksctl_sha256" "$eksctl_file of eksctl $eksctl_version"

# 2. Extract: eksctl's archive holds the one program; the shim's holds install.sh.
mkdir "$work/eksctl" "$work/shim"
tar -xzf "$work/$eksctl_file" -C "$work/eksctl" || die "$eksctl_file is not a gzip'd tar archive"
[ -f "$work/eksctl/eksctl" ] && [ ! -L "$work/eksctl/eksctl" ] || die "$eksctl_file has no eksctl program at its top"
tar -xzf "$work/eksctl-shim.tar.gz" -C "$work/shim" --wildcards '*/install.sh' \
  || die "$shim_url has no install.sh: is it an eksctl-shim release archive (scripts/dist.sh)?"
installer="$(find "$work/shim" -mindepth 2 -maxdepth 2 -type f -name install.sh | head -n 1)"
[ -n "$installer" ] || die "$shim_url has no install.sh at its top"

# 3. Install eksctl (atomically: a running eksctl never sees half a file), then the shim.
bin_dir="$prefix/bin"
link_dir="$prefix/share/eksctl-shim/bin"
mkdir -p "$bin_dir"
cp "$work/eksctl/eksctl" "$bin_dir/.eksctl.$$"
chmod 0755 "$bin_dir/.eksctl.$$"
mv -f "$bin_dir/.eksctl.$$" "$bin_dir/eksctl"
say "installed eksctl $eksctl_version as $bin_dir/eksctl"
# install.sh checks the archive once more, against the same pin, and prints PATH advice
# meant for a person: on stderr here, so this script's stdout stays empty.
PATH="$bin_dir:$PATH" bash "$installer" --archive "$work/eksctl-shim.tar.gz" \
  --sha256 "$shim_sha256" --prefix "$prefix" >&2

# 4. The end state: `eksctl` is the shim, and the shim runs the pinned eksctl.
export PATH="$link_dir:$bin_dir:$PATH"
found="$(command -v eksctl)" || die "no eksctl on PATH after the install"
[ "$found" = "$link_dir/eksctl" ] || die "eksctl on PATH is $found, not the shim at $link_dir/eksctl"
real="$("$bin_dir/eksctl-shim" which)" || die "the shim finds no real eksctl"
[ "$real" = "$bin_dir/eksctl" ] || die "the shim would run $real, not the pinned $bin_dir/eksctl"
say "eksctl is the shim ($found), in front of eksctl $eksctl_version ($real)"
say "put on PATH, first: $link_dir, then $bin_dir"
