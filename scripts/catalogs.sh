#!/usr/bin/env bash
# `make catalogs`: extract civicnb's English words into the template, bring every
# language's .po up to date with it, compile the .mo files (docs/translating.md).
# The template is only replaced when its messages changed, so that a run with nothing new
# changes no file (not even the template's date).
set -euo pipefail
BIN="${BIN:-.venv/bin}"
POT=civicnb/locale/civicnb.pot
NEW="$(mktemp)"
trap 'rm -f "$NEW"' EXIT
"$BIN/pybabel" --quiet extract -F babel.cfg -o "$NEW" --no-wrap --sort-by-file \
	--add-location file --project civicnb --copyright-holder "civicnb contributors" .
if [ ! -f "$POT" ] || ! diff -q -I '^"POT-Creation-Date:' "$POT" "$NEW" >/dev/null; then
	cp "$NEW" "$POT"
fi
"$BIN/pybabel" --quiet update -i "$POT" -d civicnb/locale -D civicnb --no-wrap --previous --ignore-obsolete
"$BIN/pybabel" compile -d civicnb/locale -D civicnb --statistics
