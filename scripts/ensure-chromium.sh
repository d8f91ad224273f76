#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (Playwright drives it through
# executable_path; Playwright's own browser download does not work offline).
set -euo pipefail
for candidate in "${PSOAS_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    exit 0
  fi
done
exec bash "$(dirname "$0")/apt-install.sh" "the browser tests (or set PSOAS_CHROMIUM)" chromium fonts-dejavu-core
