#!/usr/bin/env bash
# Installs eksctl-shim (from source, a prebuilt binary or a release archive) and makes
# `eksctl` resolve to it. Run `./install.sh --help` for the options. Never needs root,
# never asks a question, never touches a real eksctl, and `--uninstall` removes exactly
# what it installed.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: install.sh [--prefix DIR] [--alias] [--binary FILE | --archive FILE [--sha256 HEX]]
                  [--uninstall] [--help]

Builds eksctl-shim with cargo (release profile), or takes a prebuilt one, and installs:
  PREFIX/bin/eksctl-shim                                  the program
  PREFIX/bin/eksctl-shim-proxy                            the small `eksctl`: passes commands to the
                                                          real eksctl, hands the ones it checks to
                                                          eksctl-shim: create nodegroup (ng), create
                                                          cluster, upgrade cluster, update cluster,
                                                          create iamidentitymapping, create
                                                          fargateprofile, create accessentry, utils
                                                          update-cluster-vpc-config, utils
                                                          update-authentication-mode
  PREFIX/share/eksctl-shim/bin/eksctl                     a symlink to eksctl-shim-proxy, in a directory
                                                          of its own
  PREFIX/share/bash-completion/completions/eksctl-shim    bash completions
  PREFIX/share/zsh/site-functions/_eksctl-shim            zsh completions
  PREFIX/share/fish/vendor_completions.d/eksctl-shim.fish fish completions
  PREFIX/share/man/man1/eksctl-shim*.1                    man pages
  PREFIX/share/eksctl-shim/installed                      the list of what was installed (for --uninstall)
Then it prints the line that puts the symlink's directory first on PATH, so that `eksctl`
runs the shim and the shim runs the real eksctl found further down PATH.

Options:
  --prefix DIR    where to install (default: $EKSCTL_SHIM_PREFIX, else ~/.local; a PREFIX
                  in the environment is ignored: Termux, conda and build containers
                  export one for their own trees)
  --alias         print a shell alias for eksctl instead of a PATH line
  --binary FILE   install this already-built eksctl-shim instead of building one (and the
                  eksctl-shim-proxy beside it; without one, `eksctl` links to FILE itself)
  --archive FILE  install from a release archive made by scripts/dist.sh, after checking
                  its SHA-256 against FILE.sha256 (or --sha256 HEX)
  --sha256 HEX    the archive's expected SHA-256, when FILE.sha256 is not beside it
  --uninstall     remove what an earlier install put under the prefix, nothing else
  -h, --help      this text

Running it again updates the installation in place. A real eksctl is never moved,
overwritten or removed; to stop using the shim for one command, set EKSCTL_SHIM_BYPASS=1.
USAGE
}

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Only an explicit choice picks the prefix: a PREFIX inherited from Termux, conda or a
# build container names their tree, and installing the shim there (or uninstalling from
# there) is not what was asked.
prefix="${EKSCTL_SHIM_PREFIX:-$HOME/.local}"
mode=install
print_alias=0
binary=""
archive=""
sha256_given=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --binary) [ $# -ge 2 ] || die "--binary needs a file"; binary="$2"; shift 2 ;;
    --binary=*) binary="${1#--binary=}"; shift ;;
    --archive) [ $# -ge 2 ] || die "--archive needs a file"; archive="$2"; shift 2 ;;
    --archive=*) archive="${1#--archive=}"; shift ;;
    --sha256) [ $# -ge 2 ] || die "--sha256 needs a hex digest"; sha256_given="$2"; shift 2 ;;
    --sha256=*) sha256_given="${1#--sha256=}"; shift ;;
    --alias) print_alias=1; shift ;;
    --uninstall) mode=uninstall; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[ -z "$binary" ] || [ -z "$archive" ] || die "give --binary or --archive, not both"
[ -z "$sha256_given" ] || [ -n "$archive" ] || die "--sha256 goes with --archive"

case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
if [ -n "${PREFIX:-}" ] && [ "$PREFIX" != "$prefix" ]; then
  say "note: PREFIX=$PREFIX is ignored; using $prefix (choose with --prefix or EKSCTL_SHIM_PREFIX)"
fi
bin_dir="$prefix/bin"
share_dir="$prefix/share/eksctl-shim"
link_dir="$share_dir/bin"
shim="$bin_dir/eksctl-shim"
proxy="$bin_dir/eksctl-shim-proxy"
link="$link_dir/eksctl"
manifest="$share_dir/installed"
# Completions and man pages: where each goes under the prefix, by its path in a staging
# tree laid out as PREFIX/share is (the same layout as a release archive's share/).
assets=(
  bash-completion/completions/eksctl-shim
  zsh/site-functions/_eksctl-shim
  fish/vendor_completions.d/eksctl-shim.fish
)

# Is FILE an eksctl-shim binary? (It answers `--version` with its own name.)
is_shim() { [ -x "$1" ] && "$1" --version 2>/dev/null | grep -q '^eksctl-shim '; }
# Is FILE an eksctl-shim-proxy? (It passes --version to eksctl, so its bytes are asked.)
is_proxy() { [ -f "$1" ] && grep -q 'eksctl-shim-proxy' "$1"; }
# Is the link the one this script makes (to the proxy, or to the program itself)?
is_our_link() { [ -L "$link" ] && { [ "$(readlink "$link")" = "$proxy" ] || [ "$(readlink "$link")" = "$shim" ]; }; }
sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | awk '{print $1}'
  elif command -v shasum >/dev/null; then shasum -a 256 "$1" | awk '{print $1}'
  else die "neither sha256sum nor shasum is installed: cannot check the archive"; fi
}

# The manifest lists files (absolute paths) and, ending in /, directories this script
# created; uninstall removes those files and then those directories if they are empty.
uninstall() {
  if [ ! -f "$manifest" ]; then
    say "nothing to uninstall under $prefix (no $manifest)"
    return 0
  fi
  local path dirs=()
  while IFS= read -r path; do
    [ -n "$path" ] || continue
    case "$path" in
      */) dirs+=("${path%/}") ;;
      "$link")
        if is_our_link; then rm -f "$link"; say "removed $link"
        else say "left $link alone: it is no longer the symlink this script made"; fi ;;
      "$shim")
        if is_shim "$shim"; then rm -f "$shim"; say "removed $shim"
        else say "left $shim alone: it is no longer eksctl-shim"; fi ;;
      *)
        if [ -f "$path" ] && grep -q 'eksctl-shim' "$path"; then rm -f "$path"; say "removed $path"
        elif [ -e "$path" ]; then say "left $path alone: it is no longer what this script installed"; fi ;;
    esac
  done < "$manifest"
  rm -f "$manifest"
  rmdir "$link_dir" "$share_dir" 2>/dev/null || true
  # Deepest first; a directory someone has since put files in stays.
  local d
  if [ ${#dirs[@]} -gt 0 ]; then
    while IFS= read -r d; do rmdir "$d" 2>/dev/null || true
    done < <(printf '%s\n' "${dirs[@]}" | awk '{print length, $0}' | sort -rn | cut -d' ' -f2-)
  fi
  say "uninstalled; remove the PATH line or alias you added for $link_dir"
}

build() {
  local src target
  src="$(cd "$(dirname "$0")" && pwd)"
  [ -f "$src/Cargo.toml" ] || die "no Cargo.toml beside install.sh: run it from a clone of eksctl-shim, or pass --binary or --archive"
  command -v cargo >/dev/null || die "cargo is needed to build from source (https://rustup.rs), or pass --binary or --archive"
  say "building eksctl-shim (cargo build --release; the first build takes several minutes)"
  target="${CARGO_TARGET_DIR:-$src/target}"
  # On Linux with glibc: a static PIE with packed relocations starts as fast as a C exec
  # wrapper (`--target` keeps the flags off build scripts and proc-macros).
  local triple
  triple="$(rustc -vV | sed -n 's/^host: //p')"
  case "$triple" in
    *-linux-gnu)
      (cd "$src" && RUSTFLAGS="-C target-feature=+crt-static -C link-arg=-Wl,-z,pack-relative-relocs" \
        cargo build --release --locked --bin eksctl-shim --bin eksctl-shim-proxy --target "$triple" >&2)
      binary="$target/$triple/release/eksctl-shim" ;;
    *)
      (cd "$src" && cargo build --release --locked --bin eksctl-shim --bin eksctl-shim-proxy >&2)
      binary="$target/release/eksctl-shim" ;;
  esac
}

# Checks the archive's SHA-256, unpacks it into $work and points $binary and $staged at
# what it holds; then checks every file against the archive's own SHA256SUMS.
unpack_archive() {
  [ -f "$archive" ] || die "no such archive: $archive"
  local want got top
  if [ -n "$sha256_given" ]; then want="$sha256_given"
  elif [ -f "$archive.sha256" ]; then want="$(awk '{print $1; exit}' "$archive.sha256")"
  else die "no $archive.sha256 beside the archive: pass --sha256 HEX (from where you downloaded it)"; fi
  got="$(sha256_of "$archive")"
  [ "$(printf '%s' "$want" | tr 'A-F' 'a-f')" = "$got" ] \
    || die "$archive: SHA-256 is $got, expected $want; the download is damaged or not the release"
  say "checked the SHA-256 of $archive"
  mkdir -p "$work/archive"
  tar -xzf "$archive" -C "$work/archive" || die "$archive is not a gzip'd tar archive"
  top="$(find "$work/archive" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  [ -n "$top" ] && [ -f "$top/bin/eksctl-shim" ] || die "$archive has no bin/eksctl-shim"
  if [ -f "$top/SHA256SUMS" ]; then
    local sum file
    while read -r sum file; do
      [ "$(sha256_of "$top/${file#./}")" = "$sum" ] || die "$archive: $file does not match its SHA256SUMS"
    done < "$top/SHA256SUMS"
  fi
  binary="$top/bin/eksctl-shim"
  staged="$top/share"
}

# Writes completions and man pages from the binary's hidden commands into $staged.
generate_assets() {
  staged="$work/share"
  mkdir -p "$staged/bash-completion/completions" "$staged/zsh/site-functions" \
    "$staged/fish/vendor_completions.d" "$staged/man/man1"
  if "$binary" completions bash > "$staged/${assets[0]}" \
    && "$binary" completions zsh > "$staged/${assets[1]}" \
    && "$binary" completions fish > "$staged/${assets[2]}" \
    && "$binary" man --dir "$staged/man/man1"; then
    return 0
  fi
  say "warning: $binary cannot write completions and man pages (an older eksctl-shim?); installing without them"
  rm -rf "$staged"; staged=""
}

created=()
# mkdir -p that remembers which directories it made, for --uninstall.
make_dir() {
  local d="$1"
  while [ ! -d "$d" ]; do created+=("$d/"); d="$(dirname "$d")"; done
  mkdir -p "$1"
}

install() {
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  if [ -n "$archive" ]; then unpack_archive
  else
    [ -n "$binary" ] || build
    [ -f "$binary" ] || die "no such binary: $binary"
  fi
  is_shim "$binary" || die "$binary is not an eksctl-shim binary"
  # The small `eksctl` travels beside the program (a build, an archive's bin/, --binary's directory).
  proxy_binary="$(dirname "$binary")/eksctl-shim-proxy"
  if [ -f "$proxy_binary" ]; then is_proxy "$proxy_binary" || die "$proxy_binary is not an eksctl-shim-proxy binary"
  else proxy_binary=""; say "note: no eksctl-shim-proxy beside $binary: \`eksctl\` will be eksctl-shim itself (each passthrough about 0.5 ms slower)"; fi
  [ -n "$archive" ] || generate_assets

  if [ -e "$shim" ] && ! is_shim "$shim"; then
    die "$shim exists and is not eksctl-shim; move it away first"
  fi
  if [ -e "$proxy" ] && ! is_proxy "$proxy"; then
    die "$proxy exists and is not eksctl-shim-proxy; move it away first"
  fi
  if [ -e "$link" ] || [ -L "$link" ]; then
    if ! is_our_link; then
      die "$link exists and is not the symlink this script makes; it was left untouched"
    fi
  fi

  # Directories an earlier install made are still this script's to remove.
  if [ -f "$manifest" ]; then
    local line
    while IFS= read -r line; do
      case "$line" in */) [ -d "$line" ] && created+=("$line") ;; esac
    done < "$manifest"
  fi
  make_dir "$bin_dir"
  make_dir "$link_dir"

  # Replace atomically: a running `eksctl` never sees a half-written file.
  local tmp="$bin_dir/.eksctl-shim.$$"
  cp "$binary" "$tmp" && chmod 0755 "$tmp" && mv -f "$tmp" "$shim"
  local files=("$shim") target="$shim" pages=()
  if [ -n "$proxy_binary" ]; then
    tmp="$bin_dir/.eksctl-shim-proxy.$$"
    cp "$proxy_binary" "$tmp" && chmod 0755 "$tmp" && mv -f "$tmp" "$proxy"
    files+=("$proxy"); target="$proxy"
  elif [ -f "$proxy" ]; then
    rm -f "$proxy"   # an earlier install's, which this one no longer links to
  fi
  ln -sfn "$target" "$link_dir/.eksctl.$$" && mv -f "$link_dir/.eksctl.$$" "$link"
  files+=("$link")

  if [ -n "${staged:-}" ] && [ -d "$staged" ]; then
    local rel to
    while IFS= read -r rel; do pages+=("$rel"); done < <(cd "$staged" && find man -type f -name '*.1' | sort)
    for rel in "${assets[@]}" "${pages[@]}"; do
      [ -f "$staged/$rel" ] || continue
      to="$prefix/share/$rel"
      make_dir "$(dirname "$to")"
      cp "$staged/$rel" "$to.$$" && chmod 0644 "$to.$$" && mv -f "$to.$$" "$to"
      files+=("$to")
    done
  fi
  # The manifest is written before anything is said: an install cut short by a closed
  # stderr still leaves the list that --uninstall needs.
  {
    printf '%s\n' "${files[@]}"
    [ ${#created[@]} -eq 0 ] || printf '%s\n' "${created[@]}" | awk '!seen[$0]++'
  } > "$manifest"
  say "installed $shim"
  [ -z "$proxy_binary" ] || say "installed $proxy"
  say "installed $link -> $target"
  [ ${#pages[@]} -eq 0 ] || say "installed completions for bash, zsh and fish, and ${#pages[@]} man pages, under $prefix/share"

  # Which real eksctl will the shim run? Asked of the shim itself, with its directory first.
  if real="$(PATH="$link_dir:$PATH" "$shim" which 2>/dev/null)"; then
    say "the shim will run the real eksctl at $real"
  else
    say "warning: no real eksctl on PATH yet; install eksctl, or set EKSCTL_SHIM_REAL to its path"
  fi

  local path_dirs="$link_dir"
  case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) path_dirs="$link_dir:$bin_dir"
       say "note: $bin_dir is not on PATH, so \`eksctl-shim\` and \`man eksctl-shim\` are not found yet; the line below adds it" ;;
  esac
  if [ "$print_alias" = 1 ]; then
    say "add this alias to your shell's startup file (~/.bashrc, ~/.zshrc):"
    printf "alias eksctl='%s'\n" "$link"
    say "for fish (~/.config/fish/config.fish):"
    printf "alias eksctl '%s'\n" "$link"
    [ "$path_dirs" = "$link_dir" ] || printf 'export PATH="%s:$PATH"\n' "$bin_dir"
  else
    say "put the shim's directory first on PATH; for bash or zsh (~/.bashrc, ~/.zshrc):"
    printf 'export PATH="%s:$PATH"\n' "$path_dirs"
    say "for fish (~/.config/fish/config.fish):"
    if [ "$path_dirs" = "$link_dir" ]; then printf 'fish_add_path --prepend "%s"\n' "$link_dir"
    else printf 'fish_add_path --prepend "%s" "%s"\n' "$link_dir" "$bin_dir"; fi
  fi
  case "$prefix" in
    "$HOME/.local"|/usr/local) ;;
    *) say "completions: bash and fish find them when $prefix/share is in XDG_DATA_DIRS" ;;
  esac
  say "zsh completions: put $prefix/share/zsh/site-functions on fpath before compinit"
}

"$mode"
