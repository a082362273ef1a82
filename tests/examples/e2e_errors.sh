# Every error path as a Kayako envelope, and the server's robustness (sourced by e2e.sh; this
# suite's server runs with a 64 KiB body limit, an 8 KiB head limit and 1.5 s timeouts).

# §3 data types: a bad value is 400 FIELD_INVALID naming the parameter.
for case in 'is_boolean=maybe is_boolean' 'integer_number=1.5 integer_number' 'integer_number=99999999999999999999 integer_number' \
            'float_number=abc float_number' 'option=BAZ option' 'binary_data=***= binary_data' 'array_items=1,x array_items' \
            'array_items=1,,2 array_items' 'isBoolean=2 is_boolean'; do
    set -- $case
    call "bad value $1" -X POST -d "$1" "$base/api/v1/tests"
    error_is 400 FIELD_INVALID "$2"
    common_headers
done
call "bad value in JSON" -X POST -H 'Content-Type: application/json' --data-binary '{"is_boolean":"yes"}' "$base/api/v1/tests"
error_is 400 FIELD_INVALID is_boolean
call "JSON array item of the wrong type" -X POST -H 'Content-Type: application/json' --data-binary '{"array_items":[1,"x"]}' "$base/api/v1/tests"
error_is 400 FIELD_INVALID array_items
call "JSON body that is not an object" -X POST -H 'Content-Type: application/json' --data-binary '[1,2]' "$base/api/v1/tests"
status_is 400
json "d['errors'][0]['code'] == 'FIELD_INVALID'"
call "truncated JSON body" -X POST -H 'Content-Type: application/json' --data-binary '{"name":' "$base/api/v1/tests"
status_is 400
call "multipart without boundary" -X POST -H 'Content-Type: multipart/form-data' --data-binary 'x' "$base/api/v1/tests"
status_is 400
# §21.20: invalid UTF-8 is refused in every body encoding, naming the field — never stored, so the
# list every client reads stays JSON.
call "multipart value of invalid UTF-8 (curl -F)" -X POST -F "name=$(printf 'Caryn \377\376')" -F integer_number=1 "$base/api/v1/tests"
error_is 400 FIELD_INVALID name
call "form value of invalid UTF-8" -X POST --data-binary 'name=Caryn%FF' "$base/api/v1/tests"
error_is 400 FIELD_INVALID name
call "JSON value of invalid UTF-8" -X POST -H 'Content-Type: application/json' --data-binary "$(printf '{"name":"Caryn \377"}')" "$base/api/v1/tests"
status_is 400
json "d['errors'][0]['code'] == 'FIELD_INVALID'"
call "the list after invalid UTF-8" "$base/api/v1/tests?limit=100"
status_is 200
json "all('\ufffd' not in json.dumps(r, ensure_ascii=False) for r in d['data'])"
call "bad value on update" -X PUT -d is_boolean=perhaps "$base/api/v1/tests/1"
error_is 400 FIELD_INVALID is_boolean
call "bad value on bulk update" -X PUT -d float_number=x "$base/api/v1/tests?ids=1,2"
error_is 400 FIELD_INVALID float_number

# Arguments.
for case in 'limit=-1 limit' 'limit=abc limit' 'offset=-1 offset' 'count=abc count' 'non_existent=maybe non_existent' \
            '_case=kebab _case' '_empty=perhaps _empty' '_flat=2 _flat' 'fields=a( fields' '_jsonp_callback=alert(1) _jsonp_callback'; do
    set -- $case
    call "bad argument $1" "$base/api/v1/tests?$1"
    error_is 400 FIELD_INVALID "$2"
done
call "bad ids" -X DELETE "$base/api/v1/tests?ids=1,x"
error_is 400 FIELD_INVALID ids
call "duplicate ids (§11.9)" -X DELETE "$base/api/v1/tests?ids=5,5"
error_is 400 PARAMETERS_INCONSISTENT
call "bulk update without ids" -X PUT -d option=ANY "$base/api/v1/tests"
error_is 400 FIELD_REQUIRED ids
call "bulk delete without ids" -X DELETE "$base/api/v1/tests"
error_is 400 FIELD_REQUIRED ids

# §16 non_existent, missing items and routes.
for method in GET PUT DELETE; do
    call "non_existent=true $method" -X $method "$base/api/v1/tests/1?non_existent=true"
    error_is 404 RESOURCE_NOT_FOUND
done
call "missing item (past every ID count= generates, §16.2)" "$base/api/v1/tests/123456789"
error_is 404 RESOURCE_NOT_FOUND
call "non-numeric id" "$base/api/v1/tests/abc"
error_is 404 RESOURCE_NOT_FOUND
call "unknown user" -u norton.low@eyecloud.com:B2WwHWTJzI49NM "$base/api/v1/users/2"
error_is 404 RESOURCE_NOT_FOUND
call "unknown resource" "$base/api/v1/nothing"
status_is 404
json "d['status'] == 404 and d['errors'][0]['code'] in ('URL_RESOURCE_MISSING', 'APP_NOT_FOUND', 'RESOURCE_NOT_FOUND')"
call "not under /api/v1" "$base/index.html"
status_is 404
json "d['status'] == 404 and len(d['errors']) == 1"
call "PATCH on a missing route is still an envelope" -X PATCH "$base/api/v1/nothing"
json "d['status'] in (404, 405) and len(d['errors']) == 1"

# §11 authentication.
call "wrong password" -u norton.low@eyecloud.com:wrong "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED
no_header X-CSRF-Token
call "unknown user name" -u nobody@example.com:B2WwHWTJzI49NM "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED
call "malformed Basic credentials" -H 'Authorization: Basic !!!!' "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED
call "unknown session" -H 'X-Session-ID: doesnotexist' "$base/api/v1/tests/1"
error_is 454 SESSION_LOADING_FAILED
call "login for the inconsistency check" -u norton.low@eyecloud.com:B2WwHWTJzI49NM "$base/api/v1/tests/1"
session=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["session_id"])' "$work/body")
call "X-Session-ID and _session_id differ (§11.9)" -H "X-Session-ID: $session" "$base/api/v1/tests/1?_session_id=other"
error_is 400 PARAMETERS_INCONSISTENT

# Error envelopes honour the output options too.
call "error in camel case" "$base/api/v1/tests/1?non_existent=true&_case=camel"
json "d['errors'][0]['moreInfo'].endswith('RESOURCE_NOT_FOUND')"

# Transport limits: the server refuses, answers with an envelope, and lives on.
head -c 70000 /dev/zero | tr '\0' a >"$work/big"
call "body over the limit" -X POST --data-binary @"$work/big" "$base/api/v1/tests"
status_is 413
json "d['status'] == 413 and len(d['errors']) == 1"
alive
call "chunked body over the limit" -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$work/big" "$base/api/v1/tests"
status_is 413
alive
call "head over the limit" -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' a)" "$base/api/v1/tests/1"
status_is 431
json "d['status'] == 431"
alive

# Malformed HTTP closes that connection only.
current="malformed request line"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'THIS IS NOT HTTP\r\n\r\n' >&3
if timeout 5 cat <&3 >/dev/null; then pass; else fail "connection not closed"; fi
exec 3<&-
alive
current="binary garbage"
exec 3<>"/dev/tcp/127.0.0.1/$port"
head -c 4096 /dev/urandom >&3 2>/dev/null
if timeout 5 cat <&3 >/dev/null; then pass; else fail "connection not closed"; fi
exec 3<&-
alive

# A slow client (half a request head, then nothing) is cut off by the timeout.
current="slow client"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: x\r\n' >&3
start=$SECONDS
if timeout 10 cat <&3 >/dev/null; then pass; else fail "slow client not cut off"; fi
exec 3<&-
if [ $((SECONDS - start)) -le 8 ]; then pass; else fail "slow client cut off only after $((SECONDS - start)) s"; fi
alive

# Keep-alive: several requests on one connection.
current="keep-alive"
count=$(curl -sS -w '%{num_connects}\n' -o /dev/null -o /dev/null -o /dev/null "$base/api/v1/tests/1" "$base/api/v1/tests/2" "$base/api/v1/tests/3" | awk '{ sum += $1 } END { print sum }')
if [ "$count" = 1 ]; then pass; else fail "$count connections for 3 requests"; fi

# A body of another Content-Type is a file (§8.2): the Test resource refuses it, naming the header.
call "raw body on tests" -X POST -H 'Content-Type: image/png' --data-binary 'PNG' "$base/api/v1/tests"
error_is 400 FIELD_INVALID Content-Type
call "unknown parameters are ignored" -X POST -d name=x -d unknown=1 "$base/api/v1/tests"
status_is 201
call "date paging is not offered by the Test collection" "$base/api/v1/tests?count=20&since=2015-08-28T20:34:59%2B05:00"
error_is 400 FIELD_INVALID since
call "two cursors are one too many (§7.3)" "$base/api/v1/tests?count=20&after_id=5&before_id=9"
error_is 400 ONE_FIELD_EXPECTED
json "d['errors'][0]['parameters'] == ['after_id', 'before_id'] and 'parameter' not in d['errors'][0]"
call "a cursor that is not an integer" "$base/api/v1/tests?count=20&after_id=x"
error_is 400 FIELD_INVALID after_id
call "huge offset: an empty page, no crash" "$base/api/v1/tests?count=20&offset=9223372036854775807"
status_is 200
json "d['data'] == [] and d['total_count'] == 20"
