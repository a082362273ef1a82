# Bounded storage and response weight, preconditions on bulk writes, and Last-Modified across two
# writes within one second (issue 14, items 2, 7, 8; sourced by e2e.sh). This suite's server runs
# with --max-field-bytes 1024 --max-item-bytes 2560 --max-store-bytes 250000
# --max-response-bytes 200000: the 1,000 items it starts with hold about 206,000 bytes.

# TEXT N: TEXT (a Python string literal, so that any character survives any locale) N times.
text_of() { PYTHONIOENCODING=utf-8 python3 -c "import sys; print(eval(sys.argv[1]) * int(sys.argv[2]), end='')" "'$1'" "$2"; }
base64_of() { python3 -c "import base64, sys; print(base64.b64encode(b'\x01' * int(sys.argv[1])).decode(), end='')" "$1"; }
list_of() { python3 -c "import sys; print(','.join(['7'] * int(sys.argv[1])), end='')" "$1"; }
# How many writes the store has taken: the activity log's length (§7.3), which a refused write
# leaves alone. (A listing's total_count is `count` itself: past the stored items it generates
# the rest, §16.2.)
writes_made() {
    curl -sS "$base/api/v1/activities?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total_count"])'
}
etag_of() { curl -sS -D - -o /dev/null "$base/api/v1/tests/$1" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | tr -d '\r'; }

# --- Per-field bound (--max-field-bytes 1024): the row at the limit and one byte past it. -------
call "name at the field limit" -X POST --data-urlencode "name=$(text_of a 1024)" "$base/api/v1/tests"
status_is 201
json "len(d['data']['name']) == 1024"
call "name one byte past the field limit" -X POST --data-urlencode "name=$(text_of a 1025)" "$base/api/v1/tests"
error_is 400 FIELD_INVALID name
call "name limit counts bytes, not characters (512 x é = 1024 bytes)" -X POST --data-urlencode "name=$(text_of '\u00e9' 512)" "$base/api/v1/tests"
status_is 201
call "513 x é = 1026 bytes" -X POST --data-urlencode "name=$(text_of '\u00e9' 513)" "$base/api/v1/tests"
error_is 400 FIELD_INVALID name
call "binary_data decoded at the field limit" -X POST --data-urlencode "binary_data=$(base64_of 1024)" "$base/api/v1/tests"
status_is 201
call "binary_data decoded one byte past" -X POST --data-urlencode "binary_data=$(base64_of 1025)" "$base/api/v1/tests"
error_is 400 FIELD_INVALID binary_data
call "array_items at the field limit (128 x 8 bytes)" -X POST -d "array_items=$(list_of 128)" "$base/api/v1/tests"
status_is 201
json "len(d['data']['array_items']) == 128"
call "array_items one entry past" -X POST -d "array_items=$(list_of 129)" "$base/api/v1/tests"
error_is 400 FIELD_INVALID array_items
call "a too long name in JSON" -X POST -H 'Content-Type: application/json' --data-binary "{\"name\":\"$(text_of b 1025)\"}" "$base/api/v1/tests"
error_is 400 FIELD_INVALID name
call "a too long name on update: refused, item unchanged" -X PUT --data-urlencode "name=$(text_of c 1025)" "$base/api/v1/tests/2"
error_is 400 FIELD_INVALID name
call "item 2 after the refused update" "$base/api/v1/tests/2"
json "d['data']['name'] == 'Test 2'"
call "too long binary_data on bulk update: refused" -X PUT --data-urlencode "binary_data=$(base64_of 1025)" "$base/api/v1/tests?ids=3,4"
error_is 400 FIELD_INVALID binary_data
call "item 3 after the refused bulk update" "$base/api/v1/tests/3"
json "d['data']['binary_data'] == '4pi6'"

# --- Per-item bound (--max-item-bytes 2560): every field within its bound, the item past its own.
before=$(writes_made)
call "two full fields fit in one item" -X POST --data-urlencode "name=$(text_of d 1024)" --data-urlencode "binary_data=$(base64_of 1024)" "$base/api/v1/tests"
status_is 201
call "three big fields do not: the heaviest set field is named" -X POST --data-urlencode "name=$(text_of d 500)" \
    --data-urlencode "binary_data=$(base64_of 1024)" -d "array_items=$(list_of 120)" "$base/api/v1/tests"
error_is 400 FIELD_INVALID binary_data
call "an update that grows an item past its bound" -X PUT --data-urlencode "name=$(text_of e 1024)" --data-urlencode "binary_data=$(base64_of 900)" \
    -d "array_items=$(list_of 100)" "$base/api/v1/tests/5"
error_is 400 FIELD_INVALID name
call "item 5 unchanged" "$base/api/v1/tests/5"
json "d['data']['name'] == 'Test 5' and d['data']['array_items'] == [1, 2, 3]"
current="the refused item bound created nothing"
if [ "$(writes_made)" = $((before + 1)) ]; then pass; else fail "count $(writes_made), expected $((before + 1))"; fi

# --- Response weight (--max-response-bytes 200000). -------------------------------------------
call "the heavy page: 1,000 items hold more than the bound" "$base/api/v1/tests?count=1000&limit=1000&include=*&fields=*(*)"
error_is 400 FIELD_INVALID limit
no_header ETag
no_header Last-Modified
call "the bound is on what the page holds, whatever fields shows" "$base/api/v1/tests?count=1000&limit=1000&fields=id"
error_is 400 FIELD_INVALID limit
call "a smaller page" "$base/api/v1/tests?count=1000&limit=500&include=*&fields=*(*)"
status_is 200
json "len(d['data']) == 500 and d['total_count'] == 1000"
current="the smaller page weighs less than the bound"
if [ "$(stat -c %s "$work/body")" -le 200000 ]; then pass; else fail "$(stat -c %s "$work/body") bytes"; fi
# Logged in, each item embeds its user (include=*): 300 items hold little but render past the bound.
call "a page that renders past the bound" -u norton.low@eyecloud.com:B2WwHWTJzI49NM "$base/api/v1/tests?count=1000&limit=300&include=*&fields=*(*)"
error_is 400 FIELD_INVALID limit
call "a smaller page of the same" -u norton.low@eyecloud.com:B2WwHWTJzI49NM "$base/api/v1/tests?count=1000&limit=100&include=*&fields=*(*)"
status_is 200
json "len(d['data']) == 100 and d['data'][0]['user']['full_name'] == 'Norton Low'"
call "one item is bounded by the item bound, not the page bound" "$base/api/v1/tests/1"
status_is 200

# --- Bulk writes with preconditions (§16.2, §9.2): all or nothing. -------------------------------
e10=$(etag_of 10) e11=$(etag_of 11) e12=$(etag_of 12) e13=$(etag_of 13)
call "bulk PUT, stale If-Match" -X PUT -H 'If-Match: "0123456789abcdef0123456789abcdef"' -d option=BAR "$base/api/v1/tests?ids=10,11"
error_is 412 RESOURCE_MODIFIED
call "bulk PUT, If-Match right for one item only" -X PUT -H "If-Match: $e10" -d option=BAR "$base/api/v1/tests?ids=10,11"
error_is 412 RESOURCE_MODIFIED
call "item 10 unchanged after the refused bulk PUT" "$base/api/v1/tests/10"
json "d['data']['option'] == 'FOO' and h('ETag') == '$e10'"
call "item 11 unchanged" "$base/api/v1/tests/11"
json "d['data']['option'] == 'FOO' and h('ETag') == '$e11'"
call "bulk PUT, old If-Unmodified-Since" -X PUT -H 'If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT' -d option=BAR "$base/api/v1/tests?ids=10,11"
error_is 412 RESOURCE_MODIFIED
call "bulk PUT, If-Match listing every item's tag" -X PUT -H "If-Match: $e10, $e11" -d option=BAR "$base/api/v1/tests?ids=10,11"
status_is 200
json "d['total_count'] == 2"
call "item 11 changed" "$base/api/v1/tests/11"
json "d['data']['option'] == 'BAR' and h('ETag') != '$e11'"
call "bulk DELETE, stale If-Match" -X DELETE -H "If-Match: $e12, $e11" "$base/api/v1/tests?ids=12,13"
error_is 412 RESOURCE_MODIFIED
call "item 12 still there" "$base/api/v1/tests/12"
status_is 200
call "item 13 still there" "$base/api/v1/tests/13"
status_is 200
call "bulk DELETE, old If-Unmodified-Since" -X DELETE -H 'If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT' "$base/api/v1/tests?ids=12,13"
error_is 412 RESOURCE_MODIFIED
call "bulk DELETE, the right If-Match" -X DELETE -H "If-Match: $e12, $e13" "$base/api/v1/tests?ids=12,13"
status_is 200
json "d['total_count'] == 2"
call "item 12 gone" "$base/api/v1/tests/12"
error_is 404 RESOURCE_NOT_FOUND
# RFC 9110 §13.1.1: If-Match, `*` too, is false for an item that does not exist.
call "bulk PUT, If-Match: * naming a missing item" -X PUT -H 'If-Match: *' -d option=ANY "$base/api/v1/tests?ids=12,14"
error_is 412 RESOURCE_MODIFIED
call "item 14 unchanged" "$base/api/v1/tests/14"
json "d['data']['option'] == 'FOO'"
call "bulk PUT, If-Match: * on existing items" -X PUT -H 'If-Match: *' -d option=ANY "$base/api/v1/tests?ids=14,15"
status_is 200
json "d['total_count'] == 2"
call "without a precondition a missing item is skipped" -X DELETE "$base/api/v1/tests?ids=12,16"
status_is 200
json "d['total_count'] == 1"
call "If-Unmodified-Since now, no item changed since" -X PUT -H "If-Unmodified-Since: $(LC_ALL=C date -u -d '+5 sec' '+%a, %d %b %Y %H:%M:%S GMT')" \
    -d is_boolean=false "$base/api/v1/tests?ids=17,18"
status_is 200
json "d['total_count'] == 2"
call "AJAX mode refuses concurrency control in bulk too (§9.3)" -X DELETE -H 'X-Requested-With: XMLHttpRequest' -H "If-Match: *" "$base/api/v1/tests?ids=17"
error_is 412 RESOURCE_MODIFIED

# --- Two writes within one second (RFC 9110 §8.8.2.2, §13.1.4). ----------------------------------
# Starts just after a second begins, so that both writes fall in it; retried if the machine is slow.
at_second_start() { python3 -c 'import time; time.sleep(1.02 - time.time() % 1)'; }
same_second=
for attempt in 1 2 3; do
    at_second_start
    call "first PUT" -X PUT -d name=first "$base/api/v1/tests/20"
    first_modified=$(header Last-Modified)
    call "second PUT in the same second" -X PUT -d name=second "$base/api/v1/tests/20"
    if [ "$(header Last-Modified)" = "$first_modified" ]; then same_second=1; break; fi
done
current="two PUTs within one second"
if [ -n "$same_second" ]; then pass; else fail "no two PUTs fell within one second in three tries"; fi
call "If-Unmodified-Since = the Last-Modified read after the first PUT" -X PUT -H "If-Unmodified-Since: $first_modified" -d name=lost "$base/api/v1/tests/20"
error_is 412 RESOURCE_MODIFIED
call "item 20 keeps the second write" "$base/api/v1/tests/20"
json "d['data']['name'] == 'second'"
call "If-Modified-Since = that second: modified, no 304" -H "If-Modified-Since: $first_modified" "$base/api/v1/tests/20"
status_is 200
call "If-Match still tells the states apart" -X PUT -H "If-Match: $(etag_of 20)" -d name=third "$base/api/v1/tests/20"
status_is 200
# One write in a second: its Last-Modified names one state and works as a validator.
call "one PUT in a new second" -X PUT -d name=alone "$base/api/v1/tests/21"
alone_modified=$(header Last-Modified)
call "If-Modified-Since = its second: 304" -H "If-Modified-Since: $alone_modified" "$base/api/v1/tests/21"
status_is 304
call "If-Unmodified-Since = its second: 200" -X PUT -H "If-Unmodified-Since: $alone_modified" -d name=kept "$base/api/v1/tests/21"
status_is 200
# That PUT was a second write: in the same second it makes the second ambiguous, in a later one
# it moves Last-Modified. Either way the date no longer holds.
call "the same date after another write" -X PUT -H "If-Unmodified-Since: $alone_modified" -d name=late "$base/api/v1/tests/21"
error_is 412 RESOURCE_MODIFIED
# Bulk writes use the same rule.
at_second_start
curl -sS -o /dev/null -X PUT -d integer_number=1 "$base/api/v1/tests/22"
bulk_modified=$(curl -sS -D - -o /dev/null "$base/api/v1/tests/22" | sed -n 's/^[Ll]ast-[Mm]odified: *//p' | tr -d '\r')
curl -sS -o /dev/null -X PUT -d integer_number=2 "$base/api/v1/tests?ids=22"
call "bulk PUT, If-Unmodified-Since = an ambiguous second" -X PUT -H "If-Unmodified-Since: $bulk_modified" -d integer_number=3 "$base/api/v1/tests?ids=22,23"
error_is 412 RESOURCE_MODIFIED
call "item 22 keeps the second write" "$base/api/v1/tests/22"
json "d['data']['integer_number'] == 2"

# --- The whole store (--max-store-bytes 250000): fill it; a refused write changes nothing. --------
filled=0
for _ in $(seq 200); do
    call "fill the store" -X POST --data-urlencode "name=$(text_of f 1000)" "$base/api/v1/tests"
    [ "$status" = 201 ] || break
    filled=$((filled + 1))
done
current="the store filled up after some items"
if [ "$filled" -gt 5 ] && [ "$filled" -lt 200 ]; then pass; else fail "$filled items of 1000 bytes went in"; fi
error_is 400 RESOURCE_NOT_AVAILABLE
count_full=$(writes_made)
call "a small item still fits where a big one did not" -X POST -d name=small "$base/api/v1/tests"
if [ "$status" = 201 ] || [ "$status" = 400 ]; then pass; else fail "status $status"; fi
[ "$status" = 201 ] && count_full=$((count_full + 1))
call "the store is full: refused" -X POST --data-urlencode "name=$(text_of g 1000)" "$base/api/v1/tests"
error_is 400 RESOURCE_NOT_AVAILABLE
current="a refused create adds nothing"
if [ "$(writes_made)" = "$count_full" ]; then pass; else fail "count $(writes_made), expected $count_full"; fi
call "an existing item still reads" "$base/api/v1/tests/1"
status_is 200
json "d['data']['name'] == 'Test 1'"
call "an update that grows an item past the store bound" -X PUT --data-urlencode "name=$(text_of h 1024)" "$base/api/v1/tests/30"
error_is 400 RESOURCE_NOT_AVAILABLE
call "item 30 unchanged" "$base/api/v1/tests/30"
json "d['data']['name'] == 'Test 30'"
call "a bulk update that grows items past the store bound" -X PUT --data-urlencode "binary_data=$(base64_of 1000)" "$base/api/v1/tests?ids=31,32,33"
error_is 400 RESOURCE_NOT_AVAILABLE
call "item 31 unchanged" "$base/api/v1/tests/31"
json "d['data']['binary_data'] == '4pi6'"
call "an update that does not grow still works" -X PUT -d name=Short "$base/api/v1/tests/30"
status_is 200
# Deleting frees what the items held: the count is exact, so the room comes back.
call "delete ten items" -X DELETE "$base/api/v1/tests?ids=40,41,42,43,44,45,46,47,48,49"
json "d['total_count'] == 10"
call "room again after deleting" -X POST --data-urlencode "name=$(text_of i 1000)" "$base/api/v1/tests"
status_is 201
alive
