#!/usr/bin/env bash
# Installs what the browser tests need on a fresh Debian machine, as root: Chromium and
# ChromeDriver from Debian, Java for the Nu HTML checker, and the npm tools pinned in
# package-lock.json. Idempotent, and quick when everything is already there.
# Never `playwright install`: it downloads a browser build, which cannot be fetched here.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "setup-browser: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci wipes and reinstalls node_modules; skip it when node_modules was installed from
# this very lock file.
stamp=node_modules/.sitegen-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
  echo "setup-browser: node_modules matches package-lock.json"
else
  echo "setup-browser: npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

chromium --version 2>/dev/null | head -n 1 || true
echo "setup-browser: ready"
