#!/usr/bin/env bash
# `npm test`: the whole suite — static checks, unit, integration (real PostgreSQL and
# Redis), cluster (real Kamailio and sipp) and browser (Debian chromium) tests.
set -uo pipefail
cd "$(dirname "$0")/.."
set -e
bash scripts/ensure-services.sh
[ -d node_modules ] || npm install --no-audit --no-fund
set +e

status=0
step() {
  echo
  echo "── $1"
  shift
  "$@" || status=1
}
mkdir -p test-results
rm -f test-results/vitest-*.json
step "lint" npm run lint --silent
step "typecheck" npm run typecheck --silent
for project in unit integration cluster e2e; do
  step "tests: $project" npx vitest run --project "$project" --reporter=default --reporter=json \
    --outputFile.json="test-results/vitest-$project.json"
done
node scripts/test-summary.mjs test-results || status=1
exit $status
