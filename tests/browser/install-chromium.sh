#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (tests/browser/*.test.ts), which drive
# it with playwright-core at /usr/bin/chromium. Idempotent: does nothing when it is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium: already installed ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: $CHROMIUM is missing and apt-get is not available; install Chromium so that" \
    "$CHROMIUM runs it (the browser test needs it)" >&2
  exit 1
fi

# Root runs apt directly; others go through sudo when there is one.
if [ "$(id -u)" -eq 0 ]; then
  AS_ROOT=()
elif command -v sudo >/dev/null 2>&1; then
  AS_ROOT=(sudo)
else
  echo "chromium: $CHROMIUM is missing and installing it needs root; run" \
    "'apt-get install -y --no-install-recommends chromium' as root, or install sudo" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "chromium: installing Debian's chromium with apt-get"
if ! "${AS_ROOT[@]}" apt-get update \
  || ! "${AS_ROOT[@]}" apt-get install -y --no-install-recommends chromium; then
  echo "chromium: apt-get could not install chromium (no package source reachable?)" >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "chromium: apt-get finished but $CHROMIUM is not there" >&2
  exit 1
fi
echo "chromium: installed ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
