#!/usr/bin/env bash
# Writes fixtures/NAME.tables.json, the table geometry `xxgk tables` finds in each born-digital
# fixture, which the test GoldenTables.* compares against. Run it after a change meant to move
# geometry, and review the diff (`git diff fixtures/*.tables.json`) before committing it.
# Usage: scripts/update-golden-tables.sh [XXGK_BINARY]   (default build/cli/xxgk)
set -euo pipefail
cd "$(dirname "$0")/.."
xxgk=${1:-build/cli/xxgk}
for name in sample-report landscape-table sample-rotated; do
  # The source's file name is where it was read from, not geometry: left out.
  "$xxgk" tables "fixtures/$name.pdf" --threads 1 |
    python3 -c 'import json, sys; d = json.load(sys.stdin); d["source"].pop("file", None); print(json.dumps(d, ensure_ascii=False, indent=1, sort_keys=True))' \
      >"fixtures/$name.tables.json"
  echo "wrote fixtures/$name.tables.json"
done
