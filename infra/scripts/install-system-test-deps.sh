#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing:
# the PostgreSQL server (the integration tests start their own throwaway instance), Chromium
# (the browser tests drive it through Playwright), and Node.js with npm (the single sign-on tests run a real OpenID
# provider, the npm package oidc-provider, pinned in tests/oidc_provider/package-lock.json, installed here).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
command -v chromium > /dev/null || need+=(chromium)
command -v node > /dev/null || need+=(nodejs)
command -v npm > /dev/null || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  echo "Installing from Debian's packages: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
fi

if [ ! -d tests/oidc_provider/node_modules ]; then
  echo "Installing the test OpenID provider (tests/oidc_provider) from npm"
  (cd tests/oidc_provider && npm ci --no-audit --no-fund --loglevel=error)
fi
