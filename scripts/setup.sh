#!/usr/bin/env bash
# Installs everything palabre needs to build, run and test on Debian 12, from Debian's archive
# and the npm registry only. Idempotent: a second run installs nothing and takes seconds.
# Used by both of the README's commands (scripts/demo.sh and scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache clang clang-format libclang-rt-14-dev
  python3
  # libraries (docs/DEPENDENCIES.md says why each)
  libboost1.81-dev libboost-json1.81-dev libsqlite3-dev sqlite3 libicu-dev libcmark-dev
  libsodium-dev libstemmer-dev libfasttext-dev libspdlog-dev libcli11-dev libpq-dev zlib1g-dev
  libxml2-dev libcurl4-openssl-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql wrk chromium python3-aiosmtpd
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Front-end tools (TypeScript, esbuild, playwright-core), pinned by web/package-lock.json.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.palabre-lock
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "setup: npm ci in web/"
    npm ci --prefix web --no-audit --no-fund --loglevel=error
    cp web/package-lock.json "$stamp"
  fi
fi
echo "setup: ok"
