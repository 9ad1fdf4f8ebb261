#!/usr/bin/env bash
# Installs eksctl-shim from source and makes `eksctl` resolve to it.
# Run `./install.sh --help` for the options. Never needs root, never asks a question,
# never touches a real eksctl, and `--uninstall` removes exactly what it installed.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: install.sh [--prefix DIR] [--alias] [--binary FILE] [--uninstall] [--help]

Builds eksctl-shim with cargo (release profile) and installs:
  PREFIX/bin/eksctl-shim                  the program
  PREFIX/share/eksctl-shim/bin/eksctl     a symlink to it, in a directory of its own
  PREFIX/share/eksctl-shim/installed      the list of what was installed (for --uninstall)
Then it prints the line that puts that directory first on PATH, so that `eksctl`
runs the shim and the shim runs the real eksctl found further down PATH.

Options:
  --prefix DIR   where to install (default: $PREFIX, else ~/.local)
  --alias        print a shell alias for eksctl instead of a PATH line
  --binary FILE  install this already-built binary instead of building one
  --uninstall    remove what an earlier install put under the prefix, nothing else
  -h, --help     this text

Running it again updates the installation in place. A real eksctl is never moved,
overwritten or removed; to stop using the shim for one command, set EKSCTL_SHIM_BYPASS=1.
USAGE
}

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

prefix="${PREFIX:-$HOME/.local}"
mode=install
print_alias=0
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --binary) [ $# -ge 2 ] || die "--binary needs a file"; binary="$2"; shift 2 ;;
    --binary=*) binary="${1#--binary=}"; shift ;;
    --alias) print_alias=1; shift ;;
    --uninstall) mode=uninstall; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
bin_dir="$prefix/bin"
share_dir="$prefix/share/eksctl-shim"
link_dir="$share_dir/bin"
shim="$bin_dir/eksctl-shim"
link="$link_dir/eksctl"
manifest="$share_dir/installed"

# Is FILE an eksctl-shim binary? (It answers `--version` with its own name.)
is_shim() { [ -x "$1" ] && "$1" --version 2>/dev/null | grep -q '^eksctl-shim '; }

uninstall() {
  if [ ! -f "$manifest" ]; then
    say "nothing to uninstall under $prefix (no $manifest)"
    return 0
  fi
  while IFS= read -r path; do
    [ -n "$path" ] || continue
    if [ "$path" = "$link" ]; then
      if [ -L "$link" ] && [ "$(readlink "$link")" = "$shim" ]; then rm -f "$link"; say "removed $link"
      else say "left $link alone: it is no longer the symlink this script made"; fi
    elif [ "$path" = "$shim" ]; then
      if is_shim "$shim"; then rm -f "$shim"; say "removed $shim"
      else say "left $shim alone: it is no longer eksctl-shim"; fi
    fi
  done < "$manifest"
  rm -f "$manifest"
  rmdir "$link_dir" "$share_dir" 2>/dev/null || true
  say "uninstalled; remove the PATH line or alias you added for $link_dir"
}

build() {
  local src target
  src="$(cd "$(dirname "$0")" && pwd)"
  [ -f "$src/Cargo.toml" ] || die "no Cargo.toml beside install.sh: run it from a clone of eksctl-shim, or pass --binary"
  command -v cargo >/dev/null || die "cargo is needed to build from source (https://rustup.rs), or pass --binary"
  say "building eksctl-shim (cargo build --release; the first build takes several minutes)"
  target="${CARGO_TARGET_DIR:-$src/target}"
  # On Linux with glibc: a static PIE with packed relocations starts as fast as a C exec
  # wrapper (`--target` keeps the flags off build scripts and proc-macros).
  local triple
  triple="$(rustc -vV | sed -n 's/^host: //p')"
  case "$triple" in
    *-linux-gnu)
      (cd "$src" && RUSTFLAGS="-C target-feature=+crt-static -C link-arg=-Wl,-z,pack-relative-relocs" \
        cargo build --release --locked --bin eksctl-shim --target "$triple" >&2)
      binary="$target/$triple/release/eksctl-shim" ;;
    *)
      (cd "$src" && cargo build --release --locked --bin eksctl-shim >&2)
      binary="$target/release/eksctl-shim" ;;
  esac
}

install() {
  [ -n "$binary" ] || build
  [ -f "$binary" ] || die "no such binary: $binary"
  is_shim "$binary" || die "$binary is not an eksctl-shim binary"

  mkdir -p "$bin_dir" "$link_dir"
  if [ -e "$shim" ] && ! is_shim "$shim"; then
    die "$shim exists and is not eksctl-shim; move it away first"
  fi
  if [ -e "$link" ] || [ -L "$link" ]; then
    if ! { [ -L "$link" ] && [ "$(readlink "$link")" = "$shim" ]; }; then
      die "$link exists and is not the symlink this script makes; it was left untouched"
    fi
  fi

  # Replace atomically: a running `eksctl` never sees a half-written file.
  local tmp="$bin_dir/.eksctl-shim.$$"
  cp "$binary" "$tmp" && chmod 0755 "$tmp" && mv -f "$tmp" "$shim"
  ln -sfn "$shim" "$link_dir/.eksctl.$$" && mv -f "$link_dir/.eksctl.$$" "$link"
  printf '%s\n' "$shim" "$link" > "$manifest"
  say "installed $shim"
  say "installed $link -> $shim"

  # Which real eksctl will the shim run? Asked of the shim itself, with its directory first.
  if real="$(PATH="$link_dir:$PATH" "$shim" which 2>/dev/null)"; then
    say "the shim will run the real eksctl at $real"
  else
    say "warning: no real eksctl on PATH yet; install eksctl, or set EKSCTL_SHIM_REAL to its path"
  fi

  if [ "$print_alias" = 1 ]; then
    say "add this alias to your shell's startup file (~/.bashrc, ~/.zshrc):"
    printf "alias eksctl='%s'\n" "$link"
    say "for fish (~/.config/fish/config.fish):"
    printf "alias eksctl '%s'\n" "$link"
  else
    say "put the shim's directory first on PATH; for bash or zsh (~/.bashrc, ~/.zshrc):"
    printf 'export PATH="%s:$PATH"\n' "$link_dir"
    say "for fish (~/.config/fish/config.fish):"
    printf 'fish_add_path --prepend "%s"\n' "$link_dir"
  fi
}

"$mode"
