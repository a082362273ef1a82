# A bounded load run (sourced by e2e.sh): 32 keep-alive connections × 200 requests, every
# response checked by kayako-load (status, headers, envelope, the item asked for).
current="load 32x200"
if "$load" 127.0.0.1 "$port" 32 200; then pass; else fail "kayako-load reported wrong responses"; fi
alive
current="load with fresh connections"
pids=()
for i in $(seq 8); do curl -sS -o /dev/null -w '%{http_code}\n' "$base/api/v1/tests/$i" >"$work/fresh.$i" & pids+=($!); done
wait "${pids[@]}"
if [ "$(cat "$work"/fresh.* | sort -u)" = 200 ]; then pass; else fail "fresh connections: $(cat "$work"/fresh.*)"; fi
