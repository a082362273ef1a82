# Browser (sourced by e2e.sh, server flag `--cors-origin http://127.0.0.1:$page_port`): CORS and
# JSONP proven in a real browser (§13, §10). Two small static servers stand for two other origins:
# a page on the allowed one logs in with Basic through a preflighted fetch(), then POSTs, PUTs and
# DELETEs with X-Session-ID + X-CSRF-Token; a page on a refused origin gets TypeErrors (the
# browser refuses, the server said nothing); both get their JSONP data. Headless Chromium runs
# each page; curl checks the same answers header by header first. CI installs chromium: its
# absence is a failure, never a skip.

browser=$(command -v chromium || command -v chromium-browser || true)
allowed="http://127.0.0.1:$page_port"
user=norton.low@eyecloud.com
password=B2WwHWTJzI49NM

# --- The headers, with curl (Fetch §3.2; the decisions of kayako/response/cors.hpp) ------------
call "preflight from the allowed origin: 204 with every Access-Control-* answer" -X OPTIONS \
    -H "Origin: $allowed" -H "Access-Control-Request-Method: POST" \
    -H "Access-Control-Request-Headers: x-session-id,x-csrf-token,content-type" "$base/api/v1/tests"
status_is 204
header_is Access-Control-Allow-Origin "$allowed"
header_is Access-Control-Allow-Credentials true
header_matches Access-Control-Allow-Methods 'GET, POST, PUT, DELETE'
header_matches Access-Control-Allow-Headers 'X-CSRF-Token.*X-Session-ID'
header_is Access-Control-Max-Age 600
header_is Vary Origin
body_empty
call "preflight before authentication: a bad session is not looked at" -X OPTIONS \
    -H "Origin: $allowed" -H "Access-Control-Request-Method: DELETE" -H "X-Session-ID: nonsense" "$base/api/v1/tests/1"
status_is 204
header_is Access-Control-Allow-Origin "$allowed"
for refused in "http://127.0.0.1:1" "http://localhost:$page_port" "$allowed/" "null" "HTTP://127.0.0.1:$page_port"; do
    call "preflight from $refused: 204 without any Access-Control-* (the browser refuses)" -X OPTIONS \
        -H "Origin: $refused" -H "Access-Control-Request-Method: POST" "$base/api/v1/tests"
    status_is 204
    no_header Access-Control-Allow-Origin
    no_header Access-Control-Allow-Methods
    header_is Vary Origin
done
call "preflight for a method Kayako does not use: refused" -X OPTIONS \
    -H "Origin: $allowed" -H "Access-Control-Request-Method: PATCH" "$base/api/v1/tests/1"
status_is 204
no_header Access-Control-Allow-Origin
call "preflight for a header Kayako does not read: refused" -X OPTIONS \
    -H "Origin: $allowed" -H "Access-Control-Request-Method: PUT" -H "Access-Control-Request-Headers: x-session-id, x-evil" "$base/api/v1/tests/1"
status_is 204
no_header Access-Control-Allow-Headers
call "an actual request from the allowed origin is shared, its headers exposed" -H "Origin: $allowed" "$base/api/v1/tests/1"
status_is 200
header_is Access-Control-Allow-Origin "$allowed"
header_is Access-Control-Allow-Credentials true
header_matches Access-Control-Expose-Headers 'X-CSRF-Token.*ETag.*Retry-After'
header_is Vary 'Authorization, X-Session-ID, Cookie, Origin'
call "an error is shared too: the script reads its code" -H "Origin: $allowed" "$base/api/v1/tests/123456789"
error_is 404 RESOURCE_NOT_FOUND
header_is Access-Control-Allow-Origin "$allowed"
# A file's download (§8.1) is raw bytes, outside the envelope: shared all the same (§13), with its
# name and checksum readable, so that a script can save and verify what it fetched.
printf 'shared bytes\n' >"$work/shared.txt"
call "upload a file to download from the page's origin" -u "$user:$password" -H 'Content-Type: text/plain' \
    --data-binary @"$work/shared.txt" "$base/api/v1/files.json?_filename=shared.txt"
status_is 201
shared_file=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["content_url"])' "$work/body")
call "a download from the allowed origin is shared" -u "$user:$password" -H "Origin: $allowed" "$shared_file"
status_is 200
if cmp -s "$work/shared.txt" "$work/body"; then pass; else fail "download body: $(body_head)"; fi
header_is Access-Control-Allow-Origin "$allowed"
header_is Access-Control-Allow-Credentials true
header_matches Access-Control-Expose-Headers 'Content-Disposition.*Content-MD5'
header_is Content-Disposition 'attachment; filename="shared.txt"'
header_is Vary 'Authorization, X-Session-ID, Cookie, Origin'
download_tag=$(header ETag)
call "a download's 304 is shared too" -u "$user:$password" -H "Origin: $allowed" -H "If-None-Match: $download_tag" "$shared_file"
status_is 304
header_is Access-Control-Allow-Origin "$allowed"
call "a download for a refused origin is answered, not shared" -u "$user:$password" -H "Origin: http://127.0.0.1:1" "$shared_file"
status_is 200
no_header Access-Control-Allow-Origin
header_is Vary 'Authorization, X-Session-ID, Cookie, Origin'
call "a refused origin's request is answered, not shared" -H "Origin: http://127.0.0.1:1" "$base/api/v1/tests/1"
status_is 200
no_header Access-Control-Allow-Origin
header_is Vary 'Authorization, X-Session-ID, Cookie, Origin'
call "without Origin nothing is added but Vary" "$base/api/v1/tests/1"
no_header Access-Control-Allow-Origin
call "OPTIONS that is no preflight goes to the application" -X OPTIONS "$base/api/v1/tests/1"
json "d['status'] == $status and d['status'] >= 400"
call "JSONP stays GET-only and always 200 (§13)" "$base/api/v1/tests/123456789?_jsonp_callback=cb"
status_is 200
if grep -q '^cb({"status":404' "$work/body"; then pass; else fail "JSONP body: $(body_head)"; fi

# --- AJAX caching mode (§9.3, §21.9): validators of the content sent ---------------------------
X=(-H "X-Requested-With: XMLHttpRequest")
content_tag_is_md5() {  # the ETag is the MD5 of the body bytes, quoted (JSON or JSONP alike)
    local sum; sum=$(md5sum <"$work/body" | cut -d' ' -f1)
    header_is ETag "\"$sum\""
}
call "AJAX: the ETag is the MD5 of the body sent" "${X[@]}" "$base/api/v1/tests/1"
status_is 200
ajax_tag=$(header ETag)
content_tag_is_md5
call "outside AJAX mode the ETag is the item's state" "$base/api/v1/tests/1"
state_tag=$(header ETag)
if [ "$state_tag" != "$ajax_tag" ] && [ -n "$state_tag" ]; then pass; else fail "state tag '$state_tag' vs AJAX tag '$ajax_tag'"; fi
call "outside AJAX mode fields do not change the tag (§9.1)" "$base/api/v1/tests/1?fields=name"
header_is ETag "$state_tag"
for variant in "fields=name" "_case=camel" "_empty=false" "_jsonp_callback=cb"; do
    call "AJAX: $variant changes the content, so the tag" "${X[@]}" "$base/api/v1/tests/1?$variant"
    content_tag_is_md5
    if [ "$(header ETag)" != "$ajax_tag" ]; then pass; else fail "the tag did not change"; fi
done
call "AJAX (the reference's XMHTTPRequest): the same content tag" -H "X-Requested-With: XMHTTPRequest" "$base/api/v1/tests/1"
header_is ETag "$ajax_tag"
call "AJAX conditional GET with the content tag: 304" "${X[@]}" -H "If-None-Match: $ajax_tag" "$base/api/v1/tests/1"
status_is 304
header_is ETag "$ajax_tag"
body_empty
call "AJAX conditional GET, other content: 200" "${X[@]}" -H "If-None-Match: $ajax_tag" "$base/api/v1/tests/1?fields=name"
status_is 200
call "AJAX: the state tag names no content, no 304" "${X[@]}" -H "If-None-Match: $state_tag" "$base/api/v1/tests/1"
status_is 200
call "outside AJAX mode the content tag names no state, no 304" -H "If-None-Match: $ajax_tag" "$base/api/v1/tests/1"
status_is 200
call "AJAX: If-Match is concurrency control, refused (§9.3 RESOURCE_MODIFIED)" "${X[@]}" -H "If-Match: $ajax_tag" \
    -X PUT -d name=renamed "$base/api/v1/tests/2"
error_is 412 RESOURCE_MODIFIED
call "... and nothing changed" "$base/api/v1/tests/2"
json "d['data']['name'] == 'Test 2'"
call "AJAX: If-Unmodified-Since refused too" "${X[@]}" -H "If-Unmodified-Since: $(header Last-Modified)" \
    -X DELETE "$base/api/v1/tests/2"
error_is 412 RESOURCE_MODIFIED
call "the same If-Match outside AJAX mode with the state tag works" -H "If-Match: $state_tag" -X PUT -d option=any "$base/api/v1/tests/1"
status_is 200

# --- A date-ordered collection: the activity log (§7.3, §7.4) --------------------------------------
# Every write to a Test item since the server started, newest first. Writes within one second
# share a date, which makes pages longer than `limit` (§7.3): three seconds of writes here.
sleep 1.1
call "create an item" -X POST -d name=a "$base/api/v1/tests"
status_is 201
sleep 1.1
call "update three in one bulk write: three activities of one date" -X PUT -d is_boolean=false "$base/api/v1/tests?ids=3,4,5"
status_is 200
sleep 1.1
call "delete one" -X DELETE "$base/api/v1/tests/6"
status_is 200
call "the activity log, newest first" "$base/api/v1/activities?limit=2"
status_is 200
json "d['resource'] == 'activity' and d['total_count'] >= 6 and d['data'][0]['action'] == 'DELETED' and d['data'][0]['test'] == {'id': 6, 'resource_type': 'test'}"
json "all(a['created_at'] >= b['created_at'] for a, b in zip(d['data'], d['data'][1:]))"
json "[a['action'] for a in d['data']] == ['DELETED', 'UPDATED', 'UPDATED', 'UPDATED']"  # limit 2, one tie of 3
json "'next_url' in d and 'until=' in d['next_url'] and 'previous_url' not in d and 'first_url' not in d and 'last_url' not in d"
json "d['limit'] == 2 and len(set(a['created_at'] for a in d['data'][1:])) == 1"  # longer only through a tie
# Walk the whole log by next_url; every activity once, none skipped, whatever the ties.
python3 - "$base" <<'PY' && pass || fail "walking the activity log by next_url repeated or skipped an item"
import json, sys, urllib.request
base = sys.argv[1]
every = json.load(urllib.request.urlopen(base + "/api/v1/activities?limit=1000"))["data"]
seen, url, pages = [], base + "/api/v1/activities?limit=2", 0
while url and pages < 100:
    page = json.load(urllib.request.urlopen(url))
    seen += [a["id"] for a in page["data"]]
    url, pages = page.get("next_url"), pages + 1
sys.exit(0 if seen == [a["id"] for a in every] and len(seen) >= 6 else 1)
PY
newest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"][0]["created_at"])' "$work/body")
call "since the newest date: nothing newer yet (exclusive bound)" --get --data-urlencode "since=$newest" "$base/api/v1/activities"
status_is 200
json "d['data'] == [] and 'next_url' not in d"
call "until a far date in ISO-8601: everything" "$base/api/v1/activities?until=2999-01-01T00:00:00Z&limit=1000"
json "len(d['data']) == d['total_count']"
call "since in Unix seconds (§3): everything" "$base/api/v1/activities?since=0&limit=1000"
json "len(d['data']) == d['total_count']"
call "since with +05:00 offset (§3)" --get --data-urlencode "since=1970-01-01T05:00:00+05:00" "$base/api/v1/activities"
status_is 200
call "since=0 is the oldest page: links towards newer items only" "$base/api/v1/activities?since=0&limit=1"
json "'next_url' not in d and 'since=' in d['previous_url'] and d['first_url'].endswith('activities.json?limit=1')"
call "until and since together: ONE_FIELD_EXPECTED naming both (§7.3)" "$base/api/v1/activities?until=2999-01-01T00:00:00Z&since=0"
error_is 400 ONE_FIELD_EXPECTED
json "d['errors'][0]['parameters'] == ['until', 'since']"
call "a bad date: FIELD_INVALID naming it" "$base/api/v1/activities?since=yesterday"
error_is 400 FIELD_INVALID since
call "a cursor: this collection pages by date" "$base/api/v1/activities?after_id=3"
error_is 400 FIELD_INVALID after_id
call "offset pages get offset links (§7.1)" "$base/api/v1/activities?offset=1&limit=2"
json "d['offset'] == 1 and 'offset=' in d['previous_url'] + d.get('next_url', 'offset=') and 'until=' not in d.get('next_url', '')"
call "the collection's validators: conditional GET" "$base/api/v1/activities"
activities_tag=$(header ETag)
call "... 304 while nothing changed" -H "If-None-Match: $activities_tag" "$base/api/v1/activities"
status_is 304
call "writing is not allowed" -X POST "$base/api/v1/activities"
error_is 405 METHOD_NOT_SUPPORTED
if [ -x "$client" ]; then
    client_out=$work/client.out
    current="kayako-client reads a date page and its links"
    if "$client" --base "$base" GET activities limit=2 >"$client_out" 2>&1 && grep -q "until=" "$client_out"; then
        pass
    else
        fail "client output: $(head -c 600 "$client_out")"
    fi
fi

# --- The same in Chromium ------------------------------------------------------------------------
current="chromium is installed (scripts/install-deps.sh; CI installs it)"
if [ -z "$browser" ]; then
    fail "no chromium on PATH: the browser suite cannot run (apt-get install -y chromium)"
    return 0 2>/dev/null || exit 1
fi
pass

pages=$work/pages
mkdir -p "$pages"
cat >"$pages/cors.html" <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8"><title>kayako CORS check</title></head>
<body><pre id="out">pending</pre>
<script>
// Runs in the browser: every step's outcome goes into `results`, written into #out at the end.
const params = new URLSearchParams(location.search);
const api = params.get('api') + '/api/v1';
const results = {};
const finish = () => { document.getElementById('out').textContent = JSON.stringify(results); };
const jsonp = (url) => new Promise((resolve) => {
  const name = 'kayako_cb_' + Math.floor(Math.random() * 1e9);
  window[name] = (envelope) => resolve(envelope);
  const s = document.createElement('script');
  s.src = url + (url.includes('?') ? '&' : '?') + '_jsonp_callback=' + name;
  s.onerror = () => resolve({script_error: true});
  document.head.appendChild(s);
});
const attempt = async (name, run) => {
  try { results[name] = await run(); } catch (e) { results[name] = {error: e.name, message: String(e.message)}; }
};
(async () => {
  await attempt('login', async () => {
    const r = await fetch(api + '/tests/1', {headers: {
      'Authorization': 'Basic ' + btoa(params.get('user') + ':' + params.get('password')),
      'X-Requested-With': 'XMLHttpRequest'}});
    const d = await r.json();
    window.session = d.session_id;
    window.csrf = r.headers.get('X-CSRF-Token');
    return {status: r.status, session: !!d.session_id, csrf: !!window.csrf, etag: r.headers.get('ETag'),
            version: r.headers.get('X-API-Version'), scheme: d.data.authentication_scheme};
  });
  const auth = () => ({'X-Session-ID': window.session, 'X-CSRF-Token': window.csrf, 'Content-Type': 'application/json'});
  await attempt('create', async () => {
    const r = await fetch(api + '/tests', {method: 'POST', headers: auth(), body: JSON.stringify({name: 'from a browser'})});
    const d = await r.json();
    window.created = d.data && d.data.id;
    return {status: r.status, name: d.data.name, scheme: d.data.authentication_scheme};
  });
  await attempt('update', async () => {
    const r = await fetch(api + '/tests/' + window.created, {method: 'PUT', headers: auth(), body: JSON.stringify({option: 'bar'})});
    const d = await r.json();
    return {status: r.status, option: d.data.option};
  });
  await attempt('no_csrf', async () => {
    const r = await fetch(api + '/tests', {method: 'POST', headers: {'X-Session-ID': window.session, 'Content-Type': 'application/json'}, body: '{}'});
    const d = await r.json();
    return {status: r.status, code: d.errors[0].code};
  });
  await attempt('remove', async () => {
    const r = await fetch(api + '/tests/' + window.created, {method: 'DELETE', headers: auth()});
    return {status: r.status};
  });
  await attempt('anonymous', async () => {
    const r = await fetch(api + '/tests/2');
    return {status: r.status};
  });
  await attempt('jsonp', async () => {
    const d = await jsonp(api + '/tests/1');
    return {status: d.status, id: d.data && d.data.id};
  });
  await attempt('jsonp_error', async () => {
    const d = await jsonp(api + '/tests/1?non_existent=true');
    return {status: d.status, code: d.errors && d.errors[0].code};
  });
  finish();
})();
</script></body></html>
HTML

other_out=$work/other.out
python3 -m http.server "$page_port" --bind 127.0.0.1 --directory "$pages" >"$work/page.out" 2>&1 &
page_pid=$!
python3 -m http.server 0 --bind 127.0.0.1 --directory "$pages" >"$other_out" 2>&1 &
other_pid=$!
other_port=
for _ in $(seq 100); do
    other_port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$other_out" | head -n1)
    [ -n "$other_port" ] && curl -s -o /dev/null "http://127.0.0.1:$page_port/cors.html" && break
    sleep 0.1
done
stop_pages() { kill "$page_pid" "$other_pid" 2>/dev/null; wait "$page_pid" "$other_pid" 2>/dev/null; }

# run_page ORIGIN — loads the page from ORIGIN in headless Chromium; its results JSON in $work/results.
run_page() {
    local query="api=$base&user=$user&password=$password"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --user-data-dir="$work/chrome-$2" --virtual-time-budget=20000 \
        --dump-dom "$1/cors.html?$query" >"$work/dom-$2" 2>"$work/chrome-$2.err"
    python3 - "$work/dom-$2" >"$work/results" <<'PY'
import html, re, sys
m = re.search(r'<pre id="out">(.*?)</pre>', open(sys.argv[1], encoding="utf-8").read(), re.S)
print(html.unescape(m.group(1)) if m else "not run")
PY
}
# result EXPR — a Python expression over `r`, the page's results.
result() {
    if python3 - "$work/results" "$1" <<'PY'; then pass; else fail "browser check failed: $1; results: $(head -c 1500 "$work/results")"; fi
import json, sys
text = open(sys.argv[1]).read()
r = json.loads(text)
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

current="Chromium, page from the allowed origin $allowed"
run_page "$allowed" allowed
result "r['login'] == {'status': 200, 'session': True, 'csrf': True, 'etag': r['login']['etag'], 'version': '1', 'scheme': 'BASIC'} and r['login']['etag'].startswith('\"')"
result "r['create'] == {'status': 201, 'name': 'from a browser', 'scheme': 'SESSION'}"
result "r['update'] == {'status': 200, 'option': 'BAR'}"
result "r['no_csrf'] == {'status': 403, 'code': 'CSRF_FAILED'}"
result "r['remove'] == {'status': 200}"
result "r['anonymous'] == {'status': 200}"
result "r['jsonp'] == {'status': 200, 'id': 1}"
result "r['jsonp_error'] == {'status': 404, 'code': 'RESOURCE_NOT_FOUND'}"

current="Chromium, page from the refused origin http://127.0.0.1:$other_port"
run_page "http://127.0.0.1:$other_port" refused
result "r['login'].get('error') == 'TypeError'"         # preflighted: refused before it is sent
result "r['create'].get('error') == 'TypeError'"
result "r['anonymous'].get('error') == 'TypeError'"     # a simple GET: answered, then hidden from the page
result "r['jsonp'] == {'status': 200, 'id': 1}"          # a script is not subject to CORS (§13)
stop_pages
