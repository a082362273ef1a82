# Accounts (sourced by e2e.sh, server flags `--lockout-failures 5 --lockout-seconds 10`): the
# session resource and logout (§11.7, §10), the cache and browser headers of authenticated,
# anonymous and JSONP answers, the 401 challenge (§9.3, §15), password-guessing lock-out (§11.1)
# and the absolute session lifetime. Section numbers are the spec's.

user=norton.low@eyecloud.com
password=B2WwHWTJzI49NM
vary='Authorization, X-Session-ID, Cookie'
challenge='Basic realm="Kayako", charset="UTF-8"'
session_of_body() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["session_id"])' "$work/body"; }
login() {  # opens a session with Basic auth; sets $session and $csrf
    call "login" -u "$user:$password" "$base/api/v1/tests/1" "$@"
    status_is 200
    session=$(session_of_body)
    csrf=$(header X-CSRF-Token)
}
private_headers() {  # an answer made for a session or a login (RFC 9111 §5.2.2.7, RFC 9110 §12.5.5)
    header_is Cache-Control private
    header_is Vary "$vary"
    header_is X-Content-Type-Options nosniff
}

# --- Headers of authenticated and anonymous answers --------------------------------------------
login
private_headers
no_header WWW-Authenticate
S=(-H "X-Session-ID: $session")
call "session answer is private" "${S[@]}" "$base/api/v1/tests/1"
status_is 200
private_headers
etag=$(header ETag)
call "304 in a session keeps Cache-Control and Vary (RFC 9110 §15.4.5)" "${S[@]}" -H "If-None-Match: $etag" "$base/api/v1/tests/1"
status_is 304
header_is Cache-Control private
header_is Vary "$vary"
header_is ETag "$etag"
body_empty
call "anonymous answer: not private, still Vary (its user field depends on credentials)" "$base/api/v1/tests/1"
status_is 200
no_header Cache-Control
header_is Vary "$vary"
header_is X-Content-Type-Options nosniff
json "d['data']['user'] is None and d['data']['authentication_scheme'] == 'NONE'"
call "anonymous 304 keeps Vary, no Cache-Control" -H "If-None-Match: $etag" "$base/api/v1/tests/1"
status_is 304
header_is Vary "$vary"
no_header Cache-Control
call "JSONP is nosniff (§13)" "$base/api/v1/tests/1?_jsonp_callback=cb"
status_is 200
header_is Content-Type application/javascript
header_is X-Content-Type-Options nosniff
no_header Cache-Control
call "JSONP in a session is private" "$base/api/v1/tests/1?_jsonp_callback=cb&_session_id=$session"
status_is 200
header_is Content-Type application/javascript
private_headers
call "an error answer is nosniff too" "$base/api/v1/tests/123456789"
error_is 404 RESOURCE_NOT_FOUND
header_is X-Content-Type-Options nosniff
no_header WWW-Authenticate

# --- The 401 challenge (RFC 9110 §11.6.1, RFC 7617; §9.3 AJAX mode suppresses it) --------------
call "users/1 anonymously: 401 with a Basic challenge" "$base/api/v1/users/1"
error_is 401 AUTHORIZATION_REQUIRED
header_is WWW-Authenticate "$challenge"
no_header Cache-Control
for ajax in XMLHttpRequest XMHTTPRequest; do
    call "AJAX mode ($ajax): 401 without a challenge" -H "X-Requested-With: $ajax" "$base/api/v1/users/1"
    error_is 401 AUTHORIZATION_REQUIRED
    no_header WWW-Authenticate
done
call "JSONP 401 is a 200 script: no challenge" "$base/api/v1/users/1?_jsonp_callback=cb"
status_is 200
no_header WWW-Authenticate
if grep -q '"status":401' "$work/body"; then pass; else fail "JSONP body: $(body_head)"; fi
call "403 is no challenge" -X POST "${S[@]}" -d name=x "$base/api/v1/tests"
error_is 403 CSRF_FAILED
no_header WWW-Authenticate

# --- The session resource (§11.7) ---------------------------------------------------------------
call "GET /api/v1/session" "${S[@]}" "$base/api/v1/session"
status_is 200
private_headers
json "d['resource'] == 'session' and d['data']['id'] == '$session' and d['data']['portal'] == 'API'"
json "d['data']['user'] == {'id': 1, 'resource_type': 'user'} and d['data']['status'] == 'ONLINE'"
json "d['data']['resource_type'] == 'session' and d['data']['ip_address'] == '127.0.0.1'"
json "all(__import__('re').fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00', d['data'][k]) for k in ('created_at', 'last_activity_at'))"
json "d['data']['created_at'] <= d['data']['last_activity_at'] and 'password' not in json.dumps(d)"
call "GET /api/v1/session.json?include=user expands the user" "${S[@]}" "$base/api/v1/session.json?include=user"
status_is 200
json "d['data']['user']['full_name'] == 'Norton Low' and 'password' not in d['data']['user']"
call "session fields=status (§5.3)" "${S[@]}" "$base/api/v1/session?fields=status"
json "set(d['data']) == {'id', 'status', 'resource_type'}"
call "session _case=camel (§6.1)" "${S[@]}" "$base/api/v1/session?_case=camel"
json "{'lastActivityAt', 'createdAt', 'ipAddress', 'resourceType'} <= set(d['data']) and 'last_activity_at' not in d['data']"
call "session by _session_id" "$base/api/v1/session?_session_id=$session"
json "d['data']['id'] == '$session'"
call "HEAD /api/v1/session" -I "${S[@]}" "$base/api/v1/session"
status_is 200
call "no session: 401 AUTHORIZATION_REQUIRED (§21.12)" "$base/api/v1/session"
error_is 401 AUTHORIZATION_REQUIRED
header_is WWW-Authenticate "$challenge"
call "a login on /session shows the session it opens" -u "$user:$password" "$base/api/v1/session"
status_is 200
json "d['data']['id'] == d['session_id'] and d['data']['user']['id'] == 1"
header_is Cache-Control private
call "POST /api/v1/session: not a method of the resource" -X POST "$base/api/v1/session"
error_is 405 METHOD_NOT_SUPPORTED
call "/api/v1/session/other: no such action (§15)" "${S[@]}" "$base/api/v1/session/other"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE

# --- Logout (DELETE /api/v1/session; CSRF per §10) ---------------------------------------------
call "logout without the CSRF token" -X DELETE "${S[@]}" "$base/api/v1/session"
error_is 403 CSRF_FAILED
call "logout with a wrong CSRF token" -X DELETE "${S[@]}" -H 'X-CSRF-Token: nope' "$base/api/v1/session"
error_is 403 CSRF_FAILED
call "the session survived the refused logouts" "${S[@]}" "$base/api/v1/session"
status_is 200
call "logout with the token" -X DELETE "${S[@]}" -H "X-CSRF-Token: $csrf" "$base/api/v1/session.json"
status_is 200
body_is '{"status":200}'
header_is Cache-Control private
no_header X-CSRF-Token
call "the session is gone: 454 (§11.8)" "${S[@]}" "$base/api/v1/session"
error_is 454 SESSION_LOADING_FAILED
call "and for every resource" "${S[@]}" "$base/api/v1/tests/1"
error_is 454 SESSION_LOADING_FAILED
call "a second logout of it" -X DELETE "${S[@]}" -H "X-CSRF-Token: $csrf" "$base/api/v1/session"
error_is 454 SESSION_LOADING_FAILED
call "an unprotected session (X-CSRF: false)" -u "$user:$password" -H 'X-CSRF: false' "$base/api/v1/tests/1"
unprotected=$(session_of_body)
call "logs out without a token" -X DELETE -H "X-Session-ID: $unprotected" "$base/api/v1/session"
status_is 200
call "and is gone" -H "X-Session-ID: $unprotected" "$base/api/v1/session"
error_is 454 SESSION_LOADING_FAILED
call "logout of a login's own session" -X DELETE -u "$user:$password" "$base/api/v1/session"
status_is 200
json "'session_id' not in d"
no_header X-CSRF-Token

# --- Lock-out (§11.1): 5 failures within 10 s lock a name for 10 s ----------------------------
# (10 s, not less: the checks of one window must fit in it on a loaded machine under ASan.)
wrong() {  # wrong NAME LABEL [CURL-ARGS...] — a wrong password for NAME
    local name=$1 label=$2; shift 2
    call "$label" -u "$name:wrong-password" "$@" "$base/api/v1/tests/1"
}
for i in 1 2 3; do
    wrong "$user" "failure $i: 401 with the challenge"
    error_is 401 AUTHENTICATION_FAILED
    header_is WWW-Authenticate "$challenge"
    no_header Retry-After
done
wrong "$user" "failure 4 in AJAX mode: 401, no challenge" -H 'X-Requested-With: XMLHttpRequest'
error_is 401 AUTHENTICATION_FAILED
no_header WWW-Authenticate
login  # a successful login forgets the count
for i in 1 2 3 4; do
    wrong "$user" "failure $i after the reset: 401"
    error_is 401 AUTHENTICATION_FAILED
done
wrong "$user" "failure 5 is answered 401, and locks"
error_is 401 AUTHENTICATION_FAILED
call "the right password while locked: 429 AUTHENTICATION_LOCKED" -u "$user:$password" "$base/api/v1/tests/1"
error_is 429 AUTHENTICATION_LOCKED
header_matches Retry-After '^([1-9]|10)$'
no_header WWW-Authenticate
no_header X-CSRF-Token
retry_after=$(header Retry-After)
call "locked in AJAX mode too" -u "$user:$password" -H 'X-Requested-With: XMLHttpRequest' "$base/api/v1/tests/1"
error_is 429 AUTHENTICATION_LOCKED
call "the name in upper case is the same account" -u "NORTON.LOW@EYECLOUD.COM:$password" "$base/api/v1/tests/1"
error_is 429 AUTHENTICATION_LOCKED
call "another name is not locked" -u "nobody@example.com:wrong" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED
# A name nobody has is counted the same way: the answers do not tell which accounts exist.
for i in 1 2 3 4 5; do
    wrong ghost@example.com "unknown name, failure $i: 401"
    error_is 401 AUTHENTICATION_FAILED
done
wrong ghost@example.com "unknown name, locked: 429 as for a real account"
error_is 429 AUTHENTICATION_LOCKED
header_matches Retry-After '^([1-9]|10)$'
# The window: failures 10 s apart do not add up.
for i in 1 2 3 4; do
    wrong window@example.com "window: failure $i"
    error_is 401 AUTHENTICATION_FAILED
done
sleep "$((retry_after > 10 ? retry_after : 10)).2"
call "the lock ends by itself: the right password works" -u "$user:$password" "$base/api/v1/tests/1"
status_is 200
json "len(d['session_id']) >= 32"
header_matches X-CSRF-Token '^[A-Za-z0-9]{32,}$'
for i in 1 2 3 4; do
    wrong window@example.com "window: failure $i of a new window, 10 s later"
    error_is 401 AUTHENTICATION_FAILED
done
wrong window@example.com "window: failure 5 of the new window"
error_is 401 AUTHENTICATION_FAILED
wrong window@example.com "window: now locked"
error_is 429 AUTHENTICATION_LOCKED

# --- More servers with other flags ------------------------------------------------------------
pid2=
trap 'if [ -n "$pid2" ]; then kill "$pid2" 2>/dev/null; fi; cleanup' EXIT
start_second() {  # start_second FLAGS... — a second server at $base2
    "$server" --port 0 "$@" >"$work/server2.out" 2>&1 &
    pid2=$!
    base2=
    for _ in $(seq 100); do
        base2=$(sed -n 's/^kayako-test-server listening on //p' "$work/server2.out")
        [ -n "$base2" ] && break
        sleep 0.1
    done
}
stop_second() {
    kill -TERM "$pid2" 2>/dev/null
    wait "$pid2"
    local exit_status=$?
    pid2=
    current="second server ($1): clean shutdown"
    if [ "$exit_status" -eq 0 ]; then pass; else fail "exit status $exit_status"; fi
}

# Absolute session lifetime, and a lock-out table of two names.
start_second --session-max-age 4 --lockout-failures 2 --lockout-seconds 30 --lockout-names 2
call "max-age server: login" -u "$user:$password" "$base2/api/v1/tests/1"
status_is 200
short=$(session_of_body)
call "max-age: used at once" -H "X-Session-ID: $short" "$base2/api/v1/session"
status_is 200
sleep 1
call "max-age: used again a second later (never idle)" -H "X-Session-ID: $short" "$base2/api/v1/session"
status_is 200
sleep 4.2  # whole seconds: 5 s after the login is past an age of 4 however the seconds fall
call "max-age: past its age the busy session is gone" -H "X-Session-ID: $short" "$base2/api/v1/session"
error_is 454 SESSION_LOADING_FAILED
call "max-age: a new login works" -u "$user:$password" "$base2/api/v1/session"
status_is 200
base_saved=$base; base=$base2  # `wrong` calls $base
wrong "$user" "table of 2: failure 1"
error_is 401 AUTHENTICATION_FAILED
wrong "$user" "table of 2: failure 2 locks (--lockout-failures 2)"
error_is 401 AUTHENTICATION_FAILED
call "table of 2: locked for 30 s" -u "$user:$password" "$base2/api/v1/tests/1"
error_is 429 AUTHENTICATION_LOCKED
header_matches Retry-After '^(29|30)$'
wrong b@example.com "table of 2: b counts"
error_is 401 AUTHENTICATION_FAILED
wrong c@example.com "table of 2: c pushes out b (counting goes before locked)"
error_is 401 AUTHENTICATION_FAILED
call "table of 2: fresh names do not lift the lock" -u "$user:$password" "$base2/api/v1/tests/1"
error_is 429 AUTHENTICATION_LOCKED
wrong b@example.com "table of 2: b starts again at 1 (pushes out c)"
error_is 401 AUTHENTICATION_FAILED
wrong b@example.com "table of 2: b's second failure locks it"
error_is 401 AUTHENTICATION_FAILED
wrong b@example.com "table of 2: b locked"
error_is 429 AUTHENTICATION_LOCKED
wrong d@example.com "table of 2, both locked: d pushes out the oldest lock"
error_is 401 AUTHENTICATION_FAILED
call "table of 2: the oldest lock was the one forgotten" -u "$user:$password" "$base2/api/v1/tests/1"
status_is 200
wrong b@example.com "table of 2: the newer lock stays"
error_is 429 AUTHENTICATION_LOCKED
base=$base_saved
stop_second "max-age, table"

# --lockout-failures 0 switches the lock-out off.
start_second --lockout-failures 0
base_saved=$base; base=$base2
for i in $(seq 12); do
    wrong "$user" "lock-out off: failure $i"
    error_is 401 AUTHENTICATION_FAILED
done
base=$base_saved
call "lock-out off: the right password still works" -u "$user:$password" "$base2/api/v1/tests/1"
status_is 200
stop_second "lock-out off"
trap cleanup EXIT

alive
