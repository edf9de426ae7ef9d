#!/usr/bin/env bash
# Runs the permission tests (tests/test_permissions.py, or the tests given) without root's power
# over permissions: root reads 0700 folders and writes read-only ones, so it never sees those
# faults. As root (CI, `make test`) pytest runs under setpriv with CAP_DAC_OVERRIDE and
# CAP_DAC_READ_SEARCH dropped, so file modes bind it like any user (this works wherever the
# checkout is, even under /root, where a separate user could not reach the venv's Python).
set -euo pipefail
cd "$(dirname "$0")/.."
tests=("${@:-tests/test_permissions.py}")
run=(.venv/bin/python -m pytest -p no:cacheprovider -q "${tests[@]}")
if [ "$(id -u)" != 0 ]; then
  exec "${run[@]}"
fi
exec setpriv --bounding-set -dac_override,-dac_read_search --inh-caps -dac_override,-dac_read_search -- \
  env NO_MKDOCS_2_WARNING=1 "${run[@]}"
