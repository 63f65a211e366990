#!/usr/bin/env bash
# Makes sure what the test suite talks to is installed and running: PostgreSQL, Redis, ffmpeg,
# Chromium, and (via ensure-cluster-tools.sh) Kamailio and sipp. Installs with apt-get
# (as root) only what is missing, so on a prepared machine it costs a second.
set -euo pipefail

APT_UPDATED=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install $*" >&2; exit 1; fi
  if [ "$APT_UPDATED" = 0 ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

# PostgreSQL: tests connect as postgres@127.0.0.1 without a password (TEST_DATABASE_ADMIN_URL overrides).
if [ -z "${TEST_DATABASE_ADMIN_URL:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "Installing PostgreSQL…"
    apt_install postgresql
    # A fresh cluster asks for passwords on TCP; this machine's test server trusts loopback.
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    done
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi

# Redis: for the BullMQ Redis backend tests.
if ! (command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1); then
  command -v redis-server >/dev/null 2>&1 || { echo "Installing Redis…"; apt_install redis-server; }
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

# Chromium for the browser tests (playwright-core drives Debian's build; no browser download).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium…"
  apt_install chromium
fi

# ffmpeg transcodes uploaded music on hold to 8 kHz WAV (server/musicOnHold/transcode.ts).
if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "Installing ffmpeg…"
  apt_install ffmpeg
fi

if [ -f scripts/ensure-cluster-tools.sh ]; then bash scripts/ensure-cluster-tools.sh; fi
