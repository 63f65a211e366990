#!/usr/bin/env bash
# Installs what the cluster tests and a single-host deployment need: Kamailio (with the
# PostgreSQL driver) and sipp. Idempotent: prints nothing and exits 0 when all are present.
set -euo pipefail

missing=()
command -v kamailio >/dev/null 2>&1 || missing+=(kamailio)
# db_postgres ships separately from the kamailio package.
compgen -G "/usr/lib/*/kamailio/modules/db_postgres.so" >/dev/null || missing+=(kamailio-postgres-modules)
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)

[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-cluster-tools: need root to install: ${missing[*]}" >&2
  exit 1
fi

# One process at a time: parallel test runs may call this together.
exec 9>/tmp/ensure-cluster-tools.lock
flock 9
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
