#!/usr/bin/env bash
# Make sure the Debian tools some tests drive are installed: `install-debian.sh COMMAND=PACKAGE…`
# (e.g. nginx=nginx pdftotext=poppler-utils). For each command not on PATH (nor in /usr/sbin),
# as root with apt-get, install its package; otherwise say what to install. Idempotent and quick
# when everything is there. Exit status 1 if a command is still missing at the end, so that
# `make test` stops with the reason instead of the tests failing one by one.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

missing=()
for pair in "$@"; do
  cmd="${pair%%=*}"; pkg="${pair#*=}"
  if ! have "$cmd"; then missing+=("$pkg"); fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "installing Debian's ${missing[*]} with apt-get…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

status=0
for pair in "$@"; do
  cmd="${pair%%=*}"; pkg="${pair#*=}"
  if ! have "$cmd"; then
    echo "missing: $cmd (Debian: apt install $pkg)" >&2
    status=1
  fi
done
exit "$status"
