# kayako-client against the server (sourced by e2e.sh): requests, session and CSRF kept between
# runs, conditional requests from its validator store, exit status, output.
#
# E2E_CLIENT_TRANSPORT=curl (the e2e_client_curl registration) runs every check with
# `--transport curl`, then the HTTPS checks at the end through a local TLS proxy.
export KAYAKO_CLIENT_STATE="$work/client-state.json"
client_transport=${E2E_CLIENT_TRANSPORT:-beast}
echo "client transport: $client_transport"
# client NAME ARGS... — runs the client; its output and exit status are kept for the checks.
client() {
    current=$1; shift
    "$client" --transport "$client_transport" --base "$base" "$@" >"$work/out" 2>"$work/err"
    rc=$?
}
err_has() { if grep -qF -- "$1" "$work/err"; then pass; else fail "stderr lacks '$1': $(head -c 600 "$work/err")"; fi; }
rc_is() { if [ "$rc" = "$1" ]; then pass; else fail "exit status $rc, expected $1; output: $(head -c 400 "$work/out") $(head -c 300 "$work/err")"; fi; }
out_has() { if grep -qF -- "$1" "$work/out"; then pass; else fail "output lacks '$1': $(head -c 600 "$work/out")"; fi; }
out_lacks() { if grep -qF -- "$1" "$work/out"; then fail "output has '$1'"; else pass; fi; }
state_json() {
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[sys.argv[2]]; sys.exit(0 if eval(sys.argv[3]) else 1)' \
        "$KAYAKO_CLIENT_STATE" "$base" "$1"; then pass; else fail "state check failed: $1; state: $(cat "$KAYAKO_CLIENT_STATE" 2>/dev/null)"; fi
}

client "usage error" GET
rc_is 2
client "get one" GET tests/1
rc_is 0
out_has "HTTP 200 OK"
out_has '"name": "Test 1"'
out_has "resource: test"
state_json "'/api/v1/tests/1' in d['validators'] and d['validators']['/api/v1/tests/1']['etag'].startswith('\"')"
client "get again: conditional, 304" GET /api/v1/tests/1
rc_is 0
out_has "HTTP 304 Not Modified"
out_has "not modified"
client "--no-cache: 200" --no-cache GET tests/1
out_has "HTTP 200 OK"
client "missing: exit 4" GET tests/987654321
rc_is 4
out_has "error: RESOURCE_NOT_FOUND"
client "bad value: exit 4, parameter named" POST tests is_boolean=maybe
rc_is 4
out_has "error: FIELD_INVALID (parameter is_boolean)"
client "list with paging links" GET tests count=25 --fields name
rc_is 0
out_has "total_count: 25"
out_has "next: $base/api/v1/tests.json?count=25&fields=name&offset=10"
out_lacks '"option"'
client "wrong password: exit 4" --user norton.low@eyecloud.com --password nope GET tests/1
rc_is 4
out_has "error: AUTHENTICATION_FAILED"
client "login" --user norton.low@eyecloud.com --password B2WwHWTJzI49NM GET users/1 --include role
rc_is 0
out_has "session: "
out_has '"full_name": "Norton Low"'
out_has '"title": "Agent"'
out_has "log [NOTICE]: To avoid long delays"
state_json "len(d['session_id']) >= 32 and len(d['csrf_token']) >= 32"
client "session reused: users/1 without credentials (unchanged: 304)" GET users/1
rc_is 0
out_has "HTTP 304 Not Modified"
client "session reused, no cache" --no-cache GET users/1
rc_is 0
out_has '"full_name": "Norton Low"'
client "POST in the session sends the CSRF token" POST tests 'name=From client' array_items=4,5 --include user
rc_is 0
out_has "HTTP 201 Created"
out_has '"name": "From client"'
out_has '"full_name": "Norton Low"'
client "JSON body" --json POST tests name=Json 'array_items:=[7,8]' 'is_boolean:=false' 'float_number:=2.5'
rc_is 0
out_has '"name": "Json"'
out_has '"float_number": 2.5'
printf 'file content' >"$work/upload.txt"
client "multipart body" --multipart POST tests name=Multi is_boolean=true 'array_items[]=3' 'array_items[]=4'
rc_is 0
out_has '"name": "Multi"'
out_has '"array_items": [3,4]'
client "camel case output" GET tests/2 --case camel
out_has '"arrayItems"'
client "read before update" GET tests/3
client "PUT carries If-Match from the store" PUT tests/3 name=Three
rc_is 0
out_has '"name": "Three"'
# Someone else changes item 3; our stored validator is now stale.
curl -sS -o /dev/null -X PUT -d name=Other "$base/api/v1/tests/3"
sleep 1.1  # a new second, so Last-Modified differs too
curl -sS -o /dev/null -X PUT -d name=Other2 "$base/api/v1/tests/3"
client "stale If-Match: 412 conflict" PUT tests/3 name=Mine
rc_is 4
out_has "HTTP 412"
out_has "conflict"
out_has "RESOURCE_MODIFIED"
client "after a conflict the validator is dropped" PUT tests/3 name=Mine
rc_is 0
out_has '"name": "Mine"'
client "DELETE" DELETE tests/3
rc_is 0
state_json "'/api/v1/tests/3' not in d['validators']"
client "HEAD" --no-cache HEAD tests/4
rc_is 0
out_has "etag: \""
client "server down: exit 1" --base http://127.0.0.1:1 GET tests/1
rc_is 1

# --all follows next_url page after page (§7.4), printing each as it comes.
client "--all: every page of a 25-item collection" --all GET tests count=25 limit=10
rc_is 0
out_has "(page 3)"
out_has "3 pages"
out_lacks "(page 4)"
out_has '"name": "Test 25"'
# A cursor link cannot know it is the last (§7.4's example has next_url on its last page): an
# empty page ends it. (Item 3 is gone by now, so the 25 run to Test 26.)
client "--all: ID-cursor pages too (§7.2)" --all GET tests count=25 after_id=5 limit=10
rc_is 0
out_has '"name": "Test 25"'
out_lacks '"name": "Test 5"'
out_has "data: []"
out_has "4 pages"
client "--all: one page is one page" --all GET tests count=5
rc_is 0
out_has "1 page"
out_lacks "(page 2)"
client "--all: GET only" --all DELETE tests/1
rc_is 2
# The links name 127.0.0.1; a client pointed at localhost does not send its session there.
client "--all: a link to another origin is not followed" --base "http://localhost:$port" --all GET tests count=25
rc_is 1
if grep -q 'is not followed' "$work/err"; then pass; else fail "no refusal: $(head -c 300 "$work/err")"; fi
client "--json-suffix: tests/1.json (§1)" --json-suffix --no-cache --verbose GET tests/1
rc_is 0
if grep -q '^> GET /api/v1/tests/1.json' "$work/err"; then pass; else fail "target: $(head -c 300 "$work/err")"; fi
client "logout" --logout
rc_is 0
state_json "'session_id' not in d"
client "after logout users/1 is refused" GET users/1
rc_is 4
out_has "AUTHORIZATION_REQUIRED"

# Beast speaks plain HTTP: an https:// base is a usage error that names the transport that can.
client "https:// with the Beast transport: usage" --transport beast --base https://127.0.0.1:1 GET tests/1
rc_is 2
err_has "needs --transport curl"

# Both transports return a response as it arrived: repeated fields stay apart, and a redirect is
# the client's answer, not followed (quirky_server.py sends what kayako-test-server never does).
python3 "$(dirname "${BASH_SOURCE[0]}")/quirky_server.py" >"$work/quirky.out" 2>&1 &
quirky_pid=$!
trap 'kill "$quirky_pid" 2>/dev/null; wait "$quirky_pid" 2>/dev/null; cleanup' EXIT  # then e2e.sh's cleanup
quirky_port=
for _ in $(seq 100); do
    quirky_port=$(sed -n 's/^quirky server listening on //p' "$work/quirky.out")
    [ -n "$quirky_port" ] && break
    sleep 0.1
done
plain_base=$base
base="http://127.0.0.1:$quirky_port"
client "two Set-Cookie fields stay two" --verbose GET cookies
rc_is 0
err_has "< Set-Cookie: first=1; Path=/"
err_has "< Set-Cookie: second=2; Path=/"
client "a redirect is not followed" --verbose GET moved
rc_is 1
out_has "HTTP 302 Found"
err_has "< Location: /api/v1/cookies"
if grep -q "first=1" "$work/err"; then fail "the redirect was followed: $(head -c 400 "$work/err")"; else pass; fi
kill "$quirky_pid" 2>/dev/null
wait "$quirky_pid" 2>/dev/null
trap cleanup EXIT
base=$plain_base

if [ "$client_transport" = curl ]; then
    source "$(dirname "${BASH_SOURCE[0]}")/e2e_client_https.sh"
fi
