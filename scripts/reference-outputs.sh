#!/usr/bin/env bash
# scripts/reference-outputs.sh OUTDIR — write what the built-in scenarios produce into OUTDIR, for
# checking that a refactor (a pure move) leaves every result byte-identical: run it on the commit
# before and after the change, then `diff -r BEFORE AFTER`. Covers every built-in scenario of every
# pack (two settings each), compare, the text reports, backtest, claims, sensitivity, optimise,
# `scenarios show` and the parameter reference. Takes about a minute and a half on 2 cores.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: scripts/reference-outputs.sh OUTDIR" >&2; exit 2; }
out=$(mkdir -p "$1" && cd "$1" && pwd)
cd "$(dirname "$0")/.."
npm run build --silent >/dev/null
cli() { node bin/asylum-sim.js "$@"; }
for pack in packs/*/; do
  pack=$(basename "$pack")
  for s in $(ls "packs/$pack/scenarios" | sed 's/\.yaml$//'); do
    cli run "$s" --pack "$pack" --replications 6 --seed 42 --workers 1 --json > "$out/run-$pack-$s.json"
    cli run "$s" --pack "$pack" --replications 4 --seed 7 --workers 1 --uncertainty both --months 24 --json > "$out/run2-$pack-$s.json"
    cli scenarios show "$s" --pack "$pack" > "$out/show-$pack-$s.txt"
  done
done
cli compare status-quo-2023 labour-plan-2023 --replications 4 --workers 1 --json > "$out/compare.json"
cli run labour-plan-2023 --replications 3 --workers 1 > "$out/run-text.txt" 2>/dev/null
cli backtest --replications 4 --json > "$out/backtest.json"
cli backtest --replications 3 --from 2021-01-01 > "$out/backtest-text.txt"
cli claims --replications 4 --workers 1 --json > "$out/claims.json"
cli claims --replications 4 --workers 1 > "$out/claims.txt" 2>/dev/null
cli sensitivity status-quo-2023 --replications 1 --months 12 --workers 1 --json > "$out/sensitivity.json"
cli optimise status-quo-2023 --target "awaitingDecisionPeople<=120000 by 2024-12" --levers decisions.headcount --replications 3 --steps 2 --workers 1 --json > "$out/optimise.json"
cp docs/parameters*.md "$out/"
echo "$(ls "$out" | wc -l) files in $out"
