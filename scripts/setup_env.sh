#!/usr/bin/env bash
# Creates or refreshes the project's virtualenv (.venv) and, when Node is present, node_modules.
# Idempotent and quick when nothing changed: a stamp records the hash of the files that decide
# what gets installed, so `make` targets can depend on it without reinstalling every time.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${VENV:-.venv}
python=${PYTHON:-python3}
stamp="$venv/.installed"
inputs=(pyproject.toml constraints.txt generated/python/pyproject.toml)
[ -f package-lock.json ] && inputs+=(package.json package-lock.json)
want=$(cat "${inputs[@]}" 2>/dev/null | sha256sum | cut -d' ' -f1)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "setup: creating virtualenv $venv with $($python --version)"
  "$python" -m venv "$venv"
fi
echo "setup: installing pinned Python packages into $venv"
# pip's output goes to a log, shown only when it fails: a successful setup prints two lines.
log="$venv/setup.log"
pip_install() {
  if ! "$venv/bin/python" -m pip install --disable-pip-version-check "$@" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "setup: pip install $* failed; the full log is in $log" >&2
    exit 1
  fi
}
: >"$log"
pip_install --upgrade pip
pip_install -c constraints.txt -e '.[dev]'
[ -f generated/python/pyproject.toml ] && pip_install -c constraints.txt -e generated/python

if [ -f package-lock.json ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "setup: installing node packages from package-lock.json"
    npm ci --silent --no-audit --no-fund
  else
    echo "setup: npm not found; TypeScript checks need Node.js 20 and npm" >&2
  fi
fi
echo "$want" > "$stamp"
