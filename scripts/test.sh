#!/usr/bin/env bash
# Runs every test tier: lint + type-check, unit, integration on PGlite, the same integration tests
# on a throwaway PostgreSQL server, and the browser tests in Debian's Chromium. Installs the Debian
# packages it needs when they are missing. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

RESULTS=.tmp/test-results
rm -rf "$RESULTS" && mkdir -p "$RESULTS" test-artifacts
PG_PORT="${CCHC_TEST_PG_PORT:-55432}"
PG_DIR=""

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else "$@"; fi; }

APT_UPDATED=""
install_debian() {
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq && APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

ensure_packages() {
  local wanted=()
  if [ -z "${TEST_DATABASE_URL:-}" ] && [ -z "$(pg_bin)" ]; then wanted+=(postgresql); fi
  if [ ! -x /usr/bin/chromium ]; then wanted+=(chromium); fi
  # The Word output's visual check converts to PDF with LibreOffice and renders page 1 with poppler;
  # Liberation Serif has Times New Roman's metrics.
  if ! command -v soffice >/dev/null; then wanted+=(libreoffice-writer-nogui); fi
  if ! command -v pdftoppm >/dev/null; then wanted+=(poppler-utils); fi
  if [ ! -d /usr/share/fonts/truetype/liberation2 ]; then wanted+=(fonts-liberation2); fi
  if [ ${#wanted[@]} -gt 0 ]; then
    echo "== installing Debian packages: ${wanted[*]}"
    install_debian "${wanted[@]}" || echo "!! could not install ${wanted[*]}"
  fi
}

start_postgres() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then PG_URL="$TEST_DATABASE_URL"; return 0; fi
  local bin; bin="$(pg_bin)"
  [ -n "$bin" ] || { echo "!! PostgreSQL is not available"; return 1; }
  PG_DIR="$(mktemp -d /tmp/cchc-pg-XXXXXX)"
  local run=()
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null || { cat "$PG_DIR/log"; return 1; }
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
  fi
}
trap stop_postgres EXIT

vitest_run() { # name, project, extra env...
  local name="$1" project="$2"; shift 2
  echo "== $name"
  env "$@" npx vitest run --project "$project" --reporter=default --reporter=json \
    --outputFile.json="$RESULTS/$name.json"
}

ensure_packages

echo "== lint (tsc, eslint, prettier)"
if npm run -s lint; then echo '{"numPassedTests":1,"numFailedTests":0}' > "$RESULTS/lint.json";
else echo '{"numPassedTests":0,"numFailedTests":1}' > "$RESULTS/lint.json"; fi

vitest_run unit unit
vitest_run integration-pglite integration TEST_DATABASE_URL=
if start_postgres; then
  vitest_run integration-postgresql integration TEST_DATABASE_URL="$PG_URL"
else
  echo '{"numPassedTests":0,"numFailedTests":1}' > "$RESULTS/integration-postgresql.json"
fi
node scripts/build-web-if-stale.mjs
vitest_run e2e e2e TEST_DATABASE_URL=

node scripts/summarize-tests.mjs "$RESULTS"
