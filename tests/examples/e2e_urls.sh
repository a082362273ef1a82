# URL errors (§1, §14, §15, §21.12), request timestamps (§11.9, §11.10) and errors that point at
# the item (§4.4, §21.14), with curl and kayako-client (sourced by e2e.sh; this suite's server
# runs with `--timestamp-skew 300 --body-limit 65536`, a second one below with
# `--require-timestamp`).

# --- §14: the version segment ------------------------------------------------------------------
call "no version: /api/tests" "$base/api/tests"
error_is 400 URL_VERSION_MISSING
call "no version: /api" "$base/api"
error_is 400 URL_VERSION_MISSING
call "no version: /api/V1/tests (the version is spelled v1)" "$base/api/V1/tests"
error_is 400 URL_VERSION_MISSING
call "version 2" "$base/api/v2/tests"
error_is 400 VERSION_NOT_SUPPORTED
call "version 01" "$base/api/v01/tests/1"
error_is 400 VERSION_NOT_SUPPORTED
call "version 2, runs of / collapse (§21.16)" "$base//api//v2//tests"
error_is 400 VERSION_NOT_SUPPORTED
call "legacy form, version 2 (§1)" "$base/api/index.php?/v2/tests"
error_is 400 VERSION_NOT_SUPPORTED
call "legacy form, no version" "$base/api/index.php?/tests&_empty=false"
error_is 400 URL_VERSION_MISSING
call "version 1 still served" "$base//api//v1//tests//1"
status_is 200
call "a version and no resource: 404" "$base/api/v1"
error_is 404 URL_RESOURCE_MISSING

# --- §1: apps ------------------------------------------------------------------------------------
call "an installed app is a prefix" "$base/api/v1/base/tests/1.json"
status_is 200
json "d['data']['id'] == 1"
call "an app that is not installed" "$base/api/v1/helpdesk/tests"
error_is 400 APP_NOT_FOUND
call "an app that is not installed, legacy form" "$base/api/index.php?/v1/helpdesk/tests/1"
error_is 400 APP_NOT_FOUND
call "an unknown resource stays 404" "$base/api/v1/nothing"
error_is 404 URL_RESOURCE_MISSING
call "an unknown first segment before an unknown resource: 404" "$base/api/v1/helpdesk/nothing"
error_is 404 URL_RESOURCE_MISSING

# --- §15: actions --------------------------------------------------------------------------------
call "misspelled action of an item" "$base/api/v1/tests/1/frobnicate"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
json "d['errors'][0]['message'].startswith('Not supported method, misspelled action name')"  # TV-RESP-1
call "misspelled action, .json" "$base/api/v1/tests/1/frobnicate.json"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "unknown sub-resource of a user, before authentication" "$base/api/v1/users/1/avatar"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "misspelled action of the session singleton" -X PUT "$base/api/v1/session/ackk"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "an id on the session singleton" "$base/api/v1/session/1"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "a misspelled action of a file (§8.1: content)" "$base/api/v1/files/1/contents"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "an id on the activities, a collection with no items of its own" "$base/api/v1/activities/3"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "a misspelled action of the profile singleton (§11.2: password)" -X PUT "$base/api/v1/profile/passwd"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "an unknown app before a listed resource" "$base/api/v1/helpdesk/files/1"
error_is 400 APP_NOT_FOUND

# --- URL_TOO_MANY_SEGMENTS: 16 segments after /api/v1 pass the reader, 17 do not -----------------
sixteen="tests"; for _ in $(seq 15); do sixteen="$sixteen/s"; done
call "16 segments: at the limit (then an action error)" "$base/api/v1/$sixteen"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "17 segments: one past" "$base/api/v1/$sixteen/s"
error_is 400 URL_TOO_MANY_SEGMENTS
call "17 segments with empty ones between (§21.16: they are no segments)" "$base/api/v1/$sixteen//"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "a URL error is answered before the query is read: snake case" "$base/api/v2/tests?_case=camel"
json "d['errors'][0]['more_info'].endswith('/VERSION_NOT_SUPPORTED')"

# --- §11.9, §11.10: timestamps (this server: a 300 s window, none required) ----------------------
now=$(date +%s)
call "no timestamp: not required here" "$base/api/v1/tests/1"
status_is 200
call "X-Timestamp within the window" -H "X-Timestamp: $now" "$base/api/v1/tests/1"
status_is 200
call "_timestamp within the window" "$base/api/v1/tests/1?_timestamp=$now"
status_is 200
call "both, equal" -H "X-Timestamp: $now" "$base/api/v1/tests/1?_timestamp=$now"
status_is 200
call "both, different: PARAMETERS_INCONSISTENT naming the argument" -H "X-Timestamp: $now" "$base/api/v1/tests/1?_timestamp=$((now + 1))"
error_is 400 PARAMETERS_INCONSISTENT _timestamp
call "X-Timestamp an hour late: TIMESTAMP_MISMATCH with the server's clock" -H "X-Timestamp: $((now - 3600))" "$base/api/v1/tests/1"
error_is 400 TIMESTAMP_MISMATCH
json "abs(__import__('datetime').datetime.fromisoformat(d['timestamp']).timestamp() - $now) < 60"
call "_timestamp an hour early: TIMESTAMP_MISMATCH" "$base/api/v1/tests/1?_timestamp=$((now + 3600))"
error_is 400 TIMESTAMP_MISMATCH
json "'timestamp' in d"
call "ISO 8601 is not a request timestamp" -H 'X-Timestamp: 2015-09-09T19:58:10Z' "$base/api/v1/tests/1"
error_is 400 FIELD_INVALID X-Timestamp
call "a mismatch is checked before a login" -u norton.low@eyecloud.com:B2WwHWTJzI49NM -H "X-Timestamp: 1" "$base/api/v1/tests/1"
error_is 400 TIMESTAMP_MISMATCH
json "'session_id' not in d"

# A second server that requires timestamps (§11.10: TIMESTAMP_MISSING).
start_second_server stamped --require-timestamp --timestamp-skew 60
stamped=$second
now=$(date +%s)
call "required, missing" "$stamped/api/v1/tests/1"
error_is 400 TIMESTAMP_MISSING
json "'timestamp' not in d"
call "required, sent as a header" -H "X-Timestamp: $now" "$stamped/api/v1/tests/1"
status_is 200
call "required, sent as an argument" "$stamped/api/v1/tests/1?_timestamp=$now"
status_is 200
call "required, 61 s late: past the 60 s window" -H "X-Timestamp: $((now - 61 - 5))" "$stamped/api/v1/tests/1"
error_is 400 TIMESTAMP_MISMATCH
client() {
    current=$1; shift
    "$client" "$@" >"$work/out" 2>"$work/err"
    rc=$?
}
rc_is() { if [ "$rc" = "$1" ]; then pass; else fail "exit status $rc, expected $1; output: $(head -c 400 "$work/out") $(head -c 300 "$work/err")"; fi; }
out_has() { if grep -qF -- "$1" "$work/out"; then pass; else fail "output lacks '$1': $(head -c 600 "$work/out")"; fi; }
export KAYAKO_CLIENT_STATE="$work/urls-client-state.json"
client "kayako-client: timestamp missing" --base "$stamped" --no-cache GET tests/1
rc_is 4
out_has "error: TIMESTAMP_MISSING"
client "kayako-client: timestamp sent" --base "$stamped" --no-cache -H "X-Timestamp: $(date +%s)" GET tests/1
rc_is 0
client "kayako-client: timestamp too old, the server's clock shown" --base "$stamped" --no-cache -H "X-Timestamp: 1" GET tests/1
rc_is 4
out_has "error: TIMESTAMP_MISMATCH"
out_has "server time: "

client "kayako-client: a misspelled action" --base "$base" GET tests/1/frobnicate
rc_is 4
out_has "error: RESOURCE_ACTION_NOT_AVAILABLE"

# --- §4.4: errors point at the item; §21.14: limits name their parameter -------------------------
call "JSON list with a bad item: pointer" -X POST -H 'Content-Type: application/json' --data '{"array_items":[1,"x"]}' "$base/api/v1/tests"
error_is 400 FIELD_INVALID array_items
json "d['errors'][0]['pointer'] == 'array_items[1]'"
call "form repeats with a bad item: the same pointer" -X POST --data 'array_items[]=1&array_items[]=x' "$base/api/v1/tests"
error_is 400 FIELD_INVALID array_items
json "d['errors'][0]['pointer'] == 'array_items[1]'"
call "comma list, third item empty" -X PUT --data 'array_items=1,2,' "$base/api/v1/tests/1"
error_is 400 FIELD_INVALID array_items
json "d['errors'][0]['pointer'] == 'array_items[2]'"
call "camel-case name as sent: the pointer keeps the canonical name" -X POST -H 'Content-Type: application/json' --data '{"arrayItems":["x"]}' "$base/api/v1/tests"
error_is 400 FIELD_INVALID array_items
json "d['errors'][0]['pointer'] == 'array_items[0]'"
call "a scalar field has no pointer" -X POST --data 'integer_number=x' "$base/api/v1/tests"
error_is 400 FIELD_INVALID integer_number
json "'pointer' not in d['errors'][0]"
client "kayako-client shows the pointer" --base "$base" POST tests 'array_items=1,x'
rc_is 4
out_has "error: FIELD_INVALID (parameter array_items) (at array_items[1])"

long=$(head -c 8200 /dev/zero | tr '\0' a)
# cpp-httplib answers a request line over 8 KiB (CPPHTTPLIB_REQUEST_URI_MAX_LENGTH, compiled into
# libcpp-httplib.so) with its own 414 after reading the head into a throwaway copy: the request
# never reaches an adapter, whose refusal is then 431 (docs/transport.md). Beast only here.
if [ "${E2E_TRANSPORT:-beast}" != httplib ]; then
    call "query over 8 KiB: names the argument" "$base/api/v1/tests?limit=5&q=$long"
    error_is 400 FIELD_INVALID q
fi
args=$(python3 -c "print('&'.join('a%d=1' % i for i in range(1000)))")
call "1,001 arguments: names the one too many" "$base/api/v1/tests?$args&extra=1"
error_is 400 FIELD_INVALID extra
head -c 70000 /dev/zero | tr '\0' a >"$work/big"
call "body over the limit: 413 naming Content-Length" -X POST --data-binary @"$work/big" "$base/api/v1/tests"
error_is 413 PARAMETER_INVALID Content-Length
call "chunked body over the limit: 413 naming Transfer-Encoding" -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$work/big" "$base/api/v1/tests"
error_is 413 PARAMETER_INVALID Transfer-Encoding
alive
