#!/bin/sh
# Browser tests use Debian's Chromium (Playwright's own download cannot work here). Install it when missing.
set -e
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium' first." >&2
  exit 1
fi
