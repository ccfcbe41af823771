#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing:
# the PostgreSQL server (the integration tests start their own throwaway instance) and Chromium
# (the browser tests drive it through Playwright).
set -euo pipefail

need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
command -v chromium > /dev/null || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0

echo "Installing from Debian's packages: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
