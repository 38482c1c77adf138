#!/usr/bin/env bash
# Latency of single requests as curl sees them, against a running service (./marquee demo):
# GET /recommend/<random known user> beside GET /healthz (same server, no store lookup).
#   bench/curl-latency.sh [base-url] [requests] [max-user-id]
# Prints median, p90 and p99 of curl's time_total for both; the last line compares the medians.
set -euo pipefail
base="${1:-http://127.0.0.1:8082}"
n="${2:-1000}"
max_user="${3:-3000}"
case "$base" in http://127.0.0.1:*) ;; *) echo "only http://127.0.0.1:PORT is a target" >&2; exit 2 ;; esac
curl -sf "$base/readyz" >/dev/null || { echo "no ready service at $base" >&2; exit 1; }

# $1 label, $2 "user" for random users or a fixed path; prints one line, sets median
run() {
  local out; out=$(mktemp)
  for i in $(seq $((n + 100))); do
    local path="$2"
    [ "$2" = user ] && path="/recommend/$(( (RANDOM * 32768 + RANDOM) % max_user + 1 ))"
    t=$(curl -o /dev/null -s -w '%{time_total}' "$base$path")
    [ "$i" -gt 100 ] && echo "$t" >> "$out"   # the first 100 warm the JIT
  done
  sort -n "$out" | awk -v label="$1" '{a[NR]=$1*1000} END {
      printf "%-10s n=%d median_ms=%.3f p90_ms=%.3f p99_ms=%.3f\n", label, NR, a[int(NR/2)], a[int(NR*0.9)], a[int(NR*0.99)] }'
  rm -f "$out"
}

rec=$(run recommend user); echo "$rec"
base_line=$(run healthz /healthz); echo "$base_line"
m1=$(echo "$rec" | sed 's/.*median_ms=\([0-9.]*\).*/\1/')
m2=$(echo "$base_line" | sed 's/.*median_ms=\([0-9.]*\).*/\1/')
awk -v a="$m1" -v b="$m2" 'BEGIN { printf "median_ms=%.3f baseline_median_ms=%.3f ratio=%.2f\n", a, b, a / b }'
