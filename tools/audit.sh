#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) of the main page types,
# measured on the site served as in production (DEBUG off, gunicorn, WhiteNoise's hashed and
# compressed static files) with the sample data in a throw-away SQLite database.
# Not part of `make test`: performance scores move with the machine's load. Run: make audit
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PORT=${AUDIT_PORT:-8799}
LIGHTHOUSE=.audit/node_modules/.bin/lighthouse
REPORTS=.audit/reports
# Performance scores move with the machine's load: AUDIT_RUNS=3 reports the median of three.
RUNS=${AUDIT_RUNS:-1}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# The browser flags of the e2e tests; Lighthouse starts its own Chromium with them.
FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
# The search page is left out on purpose: it asks search engines not to index it (noindex),
# which Lighthouse's SEO audit counts against it.
# Every page type in English, and the main ones in Japanese (/ itself only redirects).
PAGES=(
  /en/
  /en/programs/
  /en/programs/community-policing/
  /en/deployments/disaster-relief/
  /en/deployments/expert-dispatches/
  /en/countries/
  /en/countries/th/
  /en/international-cooperation/
  /ja/
  /ja/programs/
  /ja/deployments/disaster-relief/
  /ja/countries/th/
)

if [ ! -x "$LIGHTHOUSE" ]; then
  echo "Installing Lighthouse 12 into .audit/ (once)..."
  npm install --prefix .audit --no-fund --no-audit lighthouse@12 >/dev/null
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="audit-only-$(date +%s)-$RANDOM$RANDOM"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="sqlite:///$work/audit.sqlite3"
export CACHE_URL=locmemcache://audit
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_sample_data >/dev/null
"$(dirname "$PY")/gunicorn" npa_portal.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
server=$!
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  sleep 0.2
done

mkdir -p "$REPORTS"
echo "Lighthouse (mobile preset), median of $RUNS run(s) per page:"
printf '%-34s %12s %14s %15s %4s\n' "Page" "Performance" "Accessibility" "Best practices" "SEO"
for path in "${PAGES[@]}"; do
  name=$(echo "$path" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//; s/-*$//')
  reports=()
  for run in $(seq "$RUNS"); do
    report="$REPORTS/${name:-home}-$run.json"
    rm -f "$report"
    # A second try when Chromium's trace fails to record (NO_NAVSTART happens on a busy machine).
    for attempt in 1 2; do
      "$LIGHTHOUSE" "http://127.0.0.1:$PORT$path" --quiet --chrome-flags="$FLAGS" \
        --only-categories=performance,accessibility,best-practices,seo \
        --output=json --output-path="$report" 2>"$work/lighthouse.log" && break
      if [ "$attempt" = 2 ]; then echo "$path: Lighthouse failed: $(tail -1 "$work/lighthouse.log")"; fi
    done
    if [ -s "$report" ]; then reports+=("$report"); fi
  done
  [ "${#reports[@]}" -gt 0 ] || continue
  python3 - "$path" "${reports[@]}" <<'PYTHON'
import json
import statistics
import sys

path, files = sys.argv[1], sys.argv[2:]
reports = [json.load(open(name)) for name in files]
keys = ("performance", "accessibility", "best-practices", "seo")
scores = [
    round(statistics.median(report["categories"][key]["score"] * 100 for report in reports))
    for key in keys
]
print(f"{path:<34} {scores[0]:>12} {scores[1]:>14} {scores[2]:>15} {scores[3]:>4}")
below = {}
for report in reports:
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            if ref["weight"] and report["audits"][ref["id"]]["score"] not in (None, 1):
                below.setdefault(key, set()).add(ref["id"])
for key, audits in below.items():
    print(f"{'':<34} {key}, below 100 in some run: {', '.join(sorted(audits))}")
PYTHON
done
echo "Full reports: $REPORTS/"
