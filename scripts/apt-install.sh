#!/usr/bin/env bash
# apt-install.sh "<what it is for>" PACKAGE...: install Debian packages with apt-get when we may
# (root, or sudo without a password); otherwise say what to do.  Used by ensure-chromium.sh and
# ensure-node.sh; never fails the build by itself (the tests say what is missing).
set -euo pipefail
purpose="$1"
shift
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$* missing and apt-get is not available: install them for $purpose." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "$* missing: run 'sudo apt-get install $*' for $purpose." >&2
    exit 0
  fi
fi
echo "Installing Debian's $* for $purpose..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
