#!/bin/sh
# Re-posts the CDRs FreeSWITCH spooled to its err-log-dir after all its retries failed
# (it never re-sends them itself), deleting each file only after Switchboard answered 200.
# Run it on the FreeSWITCH node from cron or a systemd timer, e.g. every minute:
#   * * * * * freeswitch SWITCHBOARD_CDR_URL=http://10.0.0.2:3001/freeswitch/cdr \
#       SWITCHBOARD_CDR_CRED_FILE=/etc/freeswitch/switchboard-cdr.cred \
#       /usr/local/bin/cdr-spool-pickup.sh /var/log/freeswitch/json_cdr /var/log/freeswitch/xml_cdr
#
# Directories: the err-log-dir of mod_json_cdr (*.cdr.json, raw JSON) and/or mod_xml_cdr
# (*.cdr.xml, URL-encoded XML without its "cdr=" field name, posted as cdr=<content>).
# Environment:
#   SWITCHBOARD_CDR_URL        the endpoint, .../freeswitch/cdr (required)
#   SWITCHBOARD_CDR_CRED_FILE  a file (mode 600) holding "user:secret", the node's xml_curl credentials;
#   SWITCHBOARD_CDR_CRED       or the credentials themselves (kept off curl's command line either way)
#   SWITCHBOARD_CDR_TIMEOUT    seconds per request (default 20)
# Exit status: 0 when every file was delivered, 1 when some were kept (they are retried on
# the next run; a file Switchboard rejects as not a CDR (400) stays until someone looks at it).
# Needs only a POSIX shell and curl.
set -u

url=${SWITCHBOARD_CDR_URL:?set SWITCHBOARD_CDR_URL to the /freeswitch/cdr URL of Switchboard}
timeout=${SWITCHBOARD_CDR_TIMEOUT:-20}
if [ -n "${SWITCHBOARD_CDR_CRED_FILE:-}" ]; then
  cred=$(cat "$SWITCHBOARD_CDR_CRED_FILE") || exit 2
else
  cred=${SWITCHBOARD_CDR_CRED:?set SWITCHBOARD_CDR_CRED_FILE or SWITCHBOARD_CDR_CRED}
fi
[ "$#" -gt 0 ] || { echo "usage: $0 ERR_LOG_DIR..." >&2; exit 2; }

# The credentials go to curl in a private config file, not in argv (visible in ps).
umask 077
config=$(mktemp) || exit 2
lock=''
trap 'rm -f "$config"; [ -z "$lock" ] || rmdir "$lock" 2>/dev/null' EXIT
trap 'exit 130' INT TERM
escaped=$(printf '%s' "$cred" | sed -e 's/[\\"]/\\&/g')
printf 'user = "%s"\n' "$escaped" >"$config"

delivered=0
kept=0

# post FILE PREFIX: prints the HTTP status (000 when Switchboard could not be reached).
post() {
  { printf '%s' "$2"; cat "$1"; } |
    curl --silent --show-error --output /dev/null --write-out '%{http_code}' \
      --config "$config" --basic --max-time "$timeout" \
      --header 'Content-Type: application/x-www-form-urlencoded' \
      --header 'Expect:' \
      --data-binary @- "$url" 2>/dev/null || true
}

for dir in "$@"; do
  [ -d "$dir" ] || { echo "cdr-spool-pickup: $dir is not a directory" >&2; kept=$((kept + 1)); continue; }
  # One run per directory at a time (cron may start the next before this one ends).
  lock="$dir/.cdr-spool-pickup.lock"
  if ! mkdir "$lock" 2>/dev/null; then
    echo "cdr-spool-pickup: $dir is being picked up by another run (or remove a stale $lock)" >&2
    lock=''
    continue
  fi
  for file in "$dir"/*.cdr.json "$dir"/*.cdr.xml; do
    [ -f "$file" ] || continue
    case "$file" in
      *.cdr.xml) prefix='cdr=' ;;
      *) prefix='' ;;
    esac
    status=$(post "$file" "$prefix")
    if [ "$status" = "200" ]; then
      rm -f "$file"
      delivered=$((delivered + 1))
    else
      echo "cdr-spool-pickup: kept $file (HTTP ${status:-000})" >&2
      kept=$((kept + 1))
    fi
  done
  rmdir "$lock"
  lock=''
done

echo "cdr-spool-pickup: $delivered delivered, $kept kept"
[ "$kept" -eq 0 ]
