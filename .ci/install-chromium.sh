#!/usr/bin/env bash
# Install headless Chromium (Debian package) plus fonts that cover Vietnamese, for the
# browser tests. Prints the Chromium path on stdout (the test suite reads it from
# CATALOG_TEST_CHROMIUM); progress goes to stderr.
#
#   bash .ci/install-chromium.sh      # needs root only when something is missing
set -euo pipefail

CHROMIUM=/usr/bin/chromium
# fonts-noto-core: Noto Sans/Serif with full Vietnamese coverage (precomposed letters and
# stacked diacritics), so screenshots show real glyphs rather than boxes.
FONT_PKGS=(fonts-noto-core)

log() { printf '[install-chromium] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Run an apt-get command, waiting while another apt/dpkg process holds the locks.
apt_get() {
  local deadline=$((SECONDS + 900)) out rc
  while :; do
    set +e
    out="$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1)"
    rc=$?
    set -e
    printf '%s\n' "$out" | tail -n 5 >&2
    [[ $rc -eq 0 ]] && return 0
    if grep -qiE 'could not get lock|unable to acquire|is another process using it' <<<"$out" \
        && ((SECONDS < deadline)); then
      log "apt is busy (another process holds the lock); waiting..."
      sleep 5
      continue
    fi
    return "$rc"
  done
}

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

missing=()
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
for p in "${FONT_PKGS[@]}"; do pkg_installed "$p" || missing+=("$p"); done

if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}; run as root to install them"
  t0=$SECONDS
  log "installing ${missing[*]} from Debian"
  # Another process may be installing the same packages right now; apt_get waits for it,
  # and the install is then simply a no-op.
  apt_get update -q
  apt_get install -y -q --no-install-recommends "${missing[@]}"
  log "installed in $((SECONDS - t0)) s"
fi

[[ -x "$CHROMIUM" ]] || die "$CHROMIUM is still missing"
log "$("$CHROMIUM" --version 2>/dev/null || echo 'chromium (version unknown)')"
echo "$CHROMIUM"
