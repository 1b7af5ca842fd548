#!/usr/bin/env bash
# `npx projen package:python-wheel`: builds the Python wheel from the code jsii-pacmak generated in
# dist-pkg/python, where this machine's toolchain allows it: python3 with venv, and setuptools >= 70.1
# (which builds wheels by itself) installable from the configured package index. When it cannot, it says
# why and exits 0: the wheel is a by-product here, and the jsii Python runtime that an import test would
# need is not installable without PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
src=dist-pkg/python
if [ ! -f "$src/setup.py" ]; then
  echo "python wheel: $src/setup.py is missing; run npx projen package:code first" >&2
  exit 1
fi
if ! command -v python3 >/dev/null; then
  echo "python wheel: skipped (no python3 on PATH)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! python3 -m venv "$work/venv" >/dev/null 2>&1; then
  echo "python wheel: skipped (python3 cannot create a venv)"
  exit 0
fi
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check)
if ! "${pip[@]}" install --quiet --retries 0 --timeout 15 'setuptools>=70.1' >"$work/pip.log" 2>&1; then
  echo "python wheel: skipped (setuptools >= 70.1 is not installable from the configured package index: $(tail -1 "$work/pip.log"))"
  exit 0
fi
rm -f "$src"/*.whl
"${pip[@]}" wheel --quiet --no-deps --no-build-isolation "$src" -w "$src"
echo "python wheel: $(ls "$src"/*.whl)"
