#!/usr/bin/env bash
# Installs what this project needs on a fresh Debian machine (Node 20 + npm assumed):
# Debian's Chromium for the real-browser tests, openssl for their throw-away certificate,
# python3-oauthlib as the independent OAuth 1.0a verifier, then the exact npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
/usr/bin/python3 -c 'import oauthlib' 2>/dev/null || missing+=(python3-oauthlib)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

npm ci --no-audit --no-fund
