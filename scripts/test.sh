#!/usr/bin/env bash
# Builds xxgk (installing dependencies if needed) and runs the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${XXGK_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
