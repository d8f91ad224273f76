#!/usr/bin/env bash
# Make sure npm is installed for JupyterHub's proxy (configurable-http-proxy, the JupyterHub test).
set -euo pipefail
command -v npm >/dev/null 2>&1 && exit 0
exec bash "$(dirname "$0")/apt-install.sh" "the JupyterHub test (npm)" nodejs npm
