#!/usr/bin/env bash
# Make sure a Chromium for the browser tests (tests/browser) is installed; print its path.
#
# Order: $CIVICNB_CHROMIUM, /usr/bin/chromium, chromium, chromium-browser, google-chrome
# on PATH. If none is found: as root with apt-get, install Debian's chromium; otherwise
# `python -m playwright install chromium` (Playwright's own download; needs network).
# Idempotent and quick when a browser is already there. Exit status 1 if none at the end.
set -euo pipefail

PYTHON="${PYTHON:-python3}"

find_chromium() {
  if [ -n "${CIVICNB_CHROMIUM:-}" ] && [ -x "${CIVICNB_CHROMIUM}" ]; then
    echo "${CIVICNB_CHROMIUM}"; return 0
  fi
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; return 0; fi
  local name
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

find_playwright_chromium() {
  # Playwright's own download (~/.cache/ms-playwright/chromium-*/chrome-linux/chrome)
  local p
  for p in "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-*/chrome-linux*/chrome; do
    if [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  return 1
}

if path="$(find_chromium)"; then
  echo "$path"; exit 0
fi

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "installing Debian's chromium with apt-get…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
elif "$PYTHON" -c "import playwright" >/dev/null 2>&1; then
  if ! find_playwright_chromium >/dev/null; then
    echo "installing Playwright's chromium…" >&2
    "$PYTHON" -m playwright install chromium >&2
  fi
  if path="$(find_playwright_chromium)"; then
    echo "(set CIVICNB_CHROMIUM=$path for the tests)" >&2
    echo "$path"; exit 0
  fi
else
  echo "no chromium found, and neither apt-get (as root) nor playwright is available" >&2
fi

if path="$(find_chromium)"; then
  echo "$path"; exit 0
fi
echo "no chromium found; install one and/or set CIVICNB_CHROMIUM" >&2
exit 1
