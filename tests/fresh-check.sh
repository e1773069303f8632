#!/usr/bin/env bash
# make fresh-check: the README's commands on a bare Debian 12, as root.
#
# Builds a minimal Debian 12 (bookworm, debootstrap --variant=minbase) from the Debian mirror
# this machine's apt uses, and keeps it pristine in build/fresh-check/pristine. Each check
# works on a fresh copy of it (build/fresh-check/root; cp -a, no overlay): a clean
# `git clone` of HEAD goes to /root/collab, and there, as root in a chroot with a clean
# environment, it runs the README's steps: its first line for a bare machine (read from the
# README: `apt-get update && apt-get install make`, run with -y), then `make test` and
# `make run`. Prints the wall time of each step and PASS or FAIL, with the end of the failing
# step's output (each step's whole output is in build/fresh-check/logs/).
#
# Environment: FRESH_CHECK_MIRROR overrides the mirror; FRESH_CHECK_REBUILD=1 remakes the
# pristine tree. The copy is removed after a PASS and kept after a FAIL for a look inside
# (the next run removes it).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=$repo/build/fresh-check
pristine=$cache/pristine
root=$cache/root
logs=$cache/logs
suite=bookworm
variant=minbase

say() { printf 'fresh-check: %s\n' "$*"; }
die() { say "$*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, mount and chroot need it)"
[ "$(uname -s)" = Linux ] || die "needs Linux"

# Every mount point under $cache, deepest first (ours, and any a killed debootstrap left).
mounts_under() {
  awk -v dir="$cache/" 'index($2, dir) == 1 { print $2 }' /proc/self/mounts | sort -r
}
unmount_all() {
  local m
  for m in $(mounts_under); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "could not unmount $m" >&2
  done
}
# Removes a tree under $cache, never while anything is mounted inside it.
remove_tree() {
  local dir=$1
  [ -e "$dir" ] || return 0
  unmount_all
  if awk -v dir="$dir/" 'index($2, dir) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
    die "refusing to remove $dir: something is still mounted inside it"
  fi
  rm -rf --one-file-system "$dir"
}
# A signal's trap runs inside the step's redirection to its log: fd 3 is the real stderr.
exec 3>&2
current=setup
interrupted() { say "FAIL: interrupted by SIG$1 during '$current'" >&3; exit "$2"; }
trap unmount_all EXIT
trap 'interrupted INT 130' INT
trap 'interrupted TERM 143' TERM
trap 'interrupted HUP 129' HUP

# The Debian mirror (and security mirror) this machine's apt uses: one-line sources.list
# entries and deb822 .sources files alike; the first for the plain suite wins.
apt_uris() {
  local want=$1 f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI SUITE COMPONENTS...
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
      awk -v want="$want" '$1 == "deb" && $3 == want { print $2 }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # Stanzas separated by blank lines; Types, URIs and Suites may each list several.
    awk -v want="$want" '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " want " ") && enabled != "no")
          { n = split(uris, u, " "); for (i = 1; i <= n; i++) print u[i] }
        types = uris = suites = ""; enabled = "yes"
      }
      BEGIN { enabled = "yes" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
        if (key == "types") types = $0; else if (key == "uris") uris = $0
        else if (key == "suites") suites = $0; else if (key == "enabled") enabled = tolower($0) }
      END { flush() }' "$f"
  done
}
mirror=${FRESH_CHECK_MIRROR:-$(apt_uris "$suite" | head -n 1)}
[ -n "$mirror" ] || die "no Debian $suite mirror in /etc/apt/sources.list(.d); set FRESH_CHECK_MIRROR"
mirror=${mirror%/}
security=$(apt_uris "$suite-security" | head -n 1)
security=${security%/}

# Wall time of one step: step NAME COMMAND... runs COMMAND with its output in logs/NAME.log.
steps=()
failed=""
seconds() { local s=$1; if [ "$s" -ge 60 ]; then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi; }
step() {
  local name=$1 log
  shift
  log=$logs/${name// /-}.log
  say "$name ... (output: ${log#"$repo"/})"
  current=$name
  local start=$SECONDS code=0
  "$@" >"$log" 2>&1 || code=$?
  local took
  took=$(seconds $((SECONDS - start)))
  if [ "$code" = 0 ]; then
    steps+=("$(printf '  %-26s %8s' "$name" "$took")")
  else
    steps+=("$(printf '  %-26s %8s  FAILED (exit %s)' "$name" "$took" "$code")")
    failed=$name
  fi
  return "$code"
}
report() {
  local line
  say "Debian 12 ($suite, $variant) from $mirror; collab $commit"
  for line in "${steps[@]}"; do printf '%s\n' "$line"; done
  if [ -n "$failed" ]; then
    local log=$logs/${failed// /-}.log
    local failure=': error:|: FAILED:|\*\*\*Failed|^E: |cannot find'
    if grep -qE "$failure" "$log"; then
      say "the first lines of '$failed' naming a failure (line numbers in $log):"
      grep -nE "$failure" "$log" | head -n 20 | sed 's/^/    /'
    fi
    say "the last 60 lines of '$failed' ($log):"
    tail -n 60 "$log" | sed 's/^/    /'
    say "FAIL at '$failed' (the tree is kept in $root)"
  else
    say "PASS"
  fi
}

commit=$(git -C "$repo" rev-parse HEAD)
mkdir -p "$cache"
# One check at a time in this tree: they share the copy's folder.
exec 9>"$cache/.lock"
flock -n 9 || die "another fresh-check is running in $cache"
rm -rf "$logs"
mkdir -p "$logs"
remove_tree "$root"

# 1. The pristine tree: made once, kept while its stamp matches.
# The stamp names how the tree was made; change its first word when the making changes.
stamp="v2 $suite $variant $mirror"
if [ "${FRESH_CHECK_REBUILD:-0}" = 1 ] || [ "$(cat "$pristine/.fresh-check-stamp" 2>/dev/null)" != "$stamp" ]; then
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  remove_tree "$pristine"
  remove_tree "$pristine.new"
  if ! step debootstrap debootstrap --variant="$variant" "$suite" "$pristine.new" "$mirror"; then
    report; unmount_all; remove_tree "$pristine.new"; exit 1
  fi
  # The sources a Debian 12 install has: the release, its updates and security.
  {
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [ -z "$security" ] || echo "deb $security $suite-security main"
  } >"$pristine.new/etc/apt/sources.list"
  # No package lists, as in Debian's container image: the README's first step must fetch them.
  find "$pristine.new/var/lib/apt/lists" -maxdepth 1 -type f -delete
  rm -f "$pristine.new/var/cache/apt/archives/"*.deb
  printf '%s\n' "$stamp" >"$pristine.new/.fresh-check-stamp"
  mv "$pristine.new" "$pristine"
else
  steps+=("$(printf '  %-26s %8s  (cached: %s, made %s)' debootstrap 0s "${pristine#"$repo"/}" \
    "$(date -r "$pristine/.fresh-check-stamp" '+%Y-%m-%d %H:%M')")")
fi

# 2. A fresh copy of it, the clean clone of HEAD, the mounts a build and ASan need.
# (Called in a && chain, where set -e does not apply: each command is chained.)
copy_tree() {
  cp -a "$pristine" "$root" &&
    rm -f "$root/.fresh-check-stamp" &&
    git clone --quiet --no-hardlinks "$repo" "$root/root/collab" &&
    git -C "$root/root/collab" checkout --quiet --detach "$commit" &&
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" &&
    mount -t proc proc "$root/proc" &&
    mount --bind /dev "$root/dev" &&
    mount --bind /dev/pts "$root/dev/pts" &&
    { mount -t sysfs sysfs "$root/sys" 2>/dev/null || mount --bind /sys "$root/sys"; }
}
in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb DEBIAN_FRONTEND=noninteractive \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd /root/collab && $1"
}
# The README's first step, word for word from the clone's README (with -y: no one to answer).
first_step() {
  sed -n 's/^On a bare Debian 12, first, as root: `\(.*\)`\.$/\1/p' "$root/root/collab/README.md" |
    head -n 1 | sed 's/apt-get install /apt-get install -y /'
}
readme_step() {
  local cmd
  cmd=$(first_step)
  [ -n "$cmd" ] || { echo "README.md has no line 'On a bare Debian 12, first, as root: \`...\`.'"; return 1; }
  echo "+ $cmd"
  in_chroot "$cmd"
}
ok=1
step "copy tree and clone HEAD" copy_tree &&
  step "apt-get install make" readme_step &&
  step "make test" in_chroot 'make test' &&
  step "make run" in_chroot 'make run' || ok=0

unmount_all
report
if [ "$ok" = 1 ]; then
  remove_tree "$root"
  exit 0
fi
exit 1
