#!/usr/bin/env bash
# Make sure npm is installed for JupyterHub's proxy (configurable-http-proxy, the JupyterHub test).
# Installs Debian's nodejs and npm with apt-get when they are missing and we may; otherwise says what to do.
set -euo pipefail
if command -v npm >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "npm is missing and apt-get is not available: install Node.js (npm) for the JupyterHub test." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "npm is missing: run 'sudo apt-get install nodejs npm' for the JupyterHub test." >&2
    exit 0
  fi
fi
echo "Installing Debian's nodejs and npm for the JupyterHub test..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
