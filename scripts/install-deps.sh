#!/usr/bin/env bash
# Installs what Jiguan needs on Debian 12: Debian packages (apt-get) and the web app's
# npm packages (npm ci from the committed lock file). Idempotent: a second run that finds
# everything in place makes no network calls and finishes in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libsodium-dev libspdlog-dev libcli11-dev libxlsxwriter-dev libzip-dev libexpat1-dev libjemalloc-dev
  libpango1.0-dev libcairo2-dev fonts-noto-cjk libqrencode-dev
  libgtest-dev libbenchmark-dev wrk chromium poppler-utils
  nodejs npm
)

missing=()
for p in "${debian_packages[@]}"; do
  # nodejs/npm may come from outside apt (a preinstalled Node 20): accept the command.
  case "$p" in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm: reinstall only when the lock file changed since the last install.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.jiguan-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "install-deps: npm ci in web/"
    (cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
echo "install-deps: all dependencies present"
