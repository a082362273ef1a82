# Every protocol feature on real responses (sourced by e2e.sh). Section numbers are the spec's.

login() {  # opens a session with Basic auth; sets $session and $csrf
    call "login" -u norton.low@eyecloud.com:B2WwHWTJzI49NM "$base/api/v1/tests/1" "$@"
    status_is 200
    session=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["session_id"])' "$work/body")
    csrf=$(header X-CSRF-Token)
}

# §5.3/§5.4 fields on the Test resource (name ∈ default, is_odd ∈ optional).
call "fields=name: explicit mode" "$base/api/v1/tests/1?fields=name"
status_is 200
json "set(d['data']) == {'id', 'name', 'resource_type', 'resource_url'}"
call "fields=+is_odd adds an optional field" "$base/api/v1/tests/3?fields=%2Bis_odd"
json "d['data']['is_odd'] is True and d['data']['name'] == 'Test 3' and 'option' in d['data']"
call "fields=is_odd (bare optional) keeps defaults" "$base/api/v1/tests/4?fields=is_odd"
json "d['data']['is_odd'] is False and 'option' in d['data']"
call "fields= +is_odd (raw + arrives as space, §21.1)" "$base/api/v1/tests/3?fields=+is_odd"
json "d['data']['is_odd'] is True and 'option' in d['data']"
call "fields=-option,-user" "$base/api/v1/tests/1?fields=-option,-user"
json "'option' not in d['data'] and 'user' not in d['data'] and 'name' in d['data']"
call "fields=* has every field" "$base/api/v1/tests/1?fields=*"
json "'is_odd' in d['data'] and 'binary_data' in d['data']"
call "fields in any letter case" "$base/api/v1/tests/1?fields=arrayItems"
json "set(d['data']) == {'id', 'array_items', 'resource_type', 'resource_url'}"

# Sessions (§10, §11.8) and the users resource.
login
json "d['data']['user'] == {'id': 1, 'resource_type': 'user'} and d['data']['authentication_scheme'] == 'BASIC'"
if [[ ${#session} -ge 32 && ${#csrf} -ge 32 ]]; then pass; else fail "session '$session' / csrf '$csrf'"; fi
S=(-H "X-Session-ID: $session")

call "session: include=user expands the user" "${S[@]}" "$base/api/v1/tests/1?include=user"
status_is 200
json "d['data']['user']['full_name'] == 'Norton Low' and d['data']['user']['resource_type'] == 'user'"
json "d['data']['user']['role'] == {'id': 1, 'resource_type': 'role'}"
json "'password' not in d['data']['user'] and 'session_id' not in d"
call "session: include=user,role" "${S[@]}" "$base/api/v1/tests/1?include=user,role"
json "d['data']['user']['role']['title'] == 'Agent' and d['data']['user']['role']['type'] == 'AGENT'"
call "session: include=* with fields=user(full_name)" "${S[@]}" "$base/api/v1/tests/1?include=*&fields=user(full_name)"
json "set(d['data']) == {'id', 'user', 'resource_type', 'resource_url'}"
json "set(d['data']['user']) == {'id', 'full_name', 'resource_type', 'resource_url'}"
call "session: *(*) includes hidden? never" "${S[@]}" "$base/api/v1/tests/1?include=*&fields=*(*)"
json "'password' not in d['data']['user'] and 'email' in d['data']['user'] and 'created_at' in d['data']['user']['role']"
call "session: users/1" "${S[@]}" "$base/api/v1/users/1"
status_is 200
json "d['resource'] == 'user' and d['data']['full_name'] == 'Norton Low' and d['data']['role'] == {'id': 1, 'resource_type': 'role'}"
json "d['data']['created_at'].endswith('+00:00') and 'password' not in d['data']"
call "session: users/1 with role(+created_at)" "${S[@]}" "$base/api/v1/users/1?include=role&fields=%2Brole(%2Bcreated_at,-type)"
json "d['data']['role']['title'] == 'Agent' and 'created_at' in d['data']['role'] and 'type' not in d['data']['role']"
call "session: _flat=true&include=* (§6.3, TV-SO-3)" "${S[@]}" "$base/api/v1/tests/1?_flat=true&include=*"
json "d['data']['user'] == {'id': 1, 'resource_type': 'user'}"
json "d['resources']['user']['1']['full_name'] == 'Norton Low' and d['resources']['user']['1']['role'] == {'id': 1, 'resource_type': 'role'}"
json "d['resources']['role']['1']['title'] == 'Agent'"
call "session: X-Options: flat" "${S[@]}" -H 'X-Options: flat' "$base/api/v1/tests/1?include=user"
json "d['data']['user'] == {'id': 1, 'resource_type': 'user'} and d['resources']['user']['1']['full_name'] == 'Norton Low'"
call "unauthenticated users/1" "$base/api/v1/users/1"
error_is 401 AUTHORIZATION_REQUIRED

# §10 CSRF in a session.
call "csrf: POST without token" -X POST "${S[@]}" -d name=x "$base/api/v1/tests"
error_is 403 CSRF_FAILED
call "csrf: POST with a wrong token" -X POST "${S[@]}" -H 'X-CSRF-Token: nope' -d name=x "$base/api/v1/tests"
error_is 403 CSRF_FAILED
call "csrf: DELETE without token" -X DELETE "${S[@]}" "$base/api/v1/tests/5"
error_is 403 CSRF_FAILED
call "csrf: POST with the token" -X POST "${S[@]}" -H "X-CSRF-Token: $csrf" -d name=x "$base/api/v1/tests?include=user"
status_is 201
json "d['data']['user']['full_name'] == 'Norton Low'"
call "csrf: GET needs no token" "${S[@]}" "$base/api/v1/tests/1"
status_is 200
call "csrf disabled with X-CSRF: false" -u norton.low@eyecloud.com:B2WwHWTJzI49NM -H 'X-CSRF: false' "$base/api/v1/tests/1"
no_header X-CSRF-Token
s2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["session_id"])' "$work/body")
call "csrf disabled: POST without token" -X POST -H "X-Session-ID: $s2" -d name=y "$base/api/v1/tests"
status_is 201
call "session by _session_id argument" "$base/api/v1/users/1?_session_id=$session"
status_is 200

# §6.1 letter case.
call "_case=camel" "$base/api/v1/tests/1?_case=camel"
json "set(d['data']) >= {'arrayItems', 'isBoolean', 'floatNumber', 'integerNumber', 'binaryData', 'updatedAt', 'resourceType', 'resourceUrl'}"
json "d['data']['option'] in ('FOO', 'ANY', 'NONE', 'BAR')"
call "_Case=camel on a list" "$base/api/v1/tests?_Case=camel&count=25"
json "d['totalCount'] == 25 and d['nextUrl'].endswith('offset=10') and 'next_url' not in d"
call "_case=pascal" "$base/api/v1/tests/2?_case=pascal"
json "'ArrayItems' in d.get('data', d.get('Data', {})) and 'ResourceType' in d.get('data', d.get('Data', {}))"

# §6.2 empty fields.
call "_empty=false" "$base/api/v1/tests/2?_empty=false"
json "'user' not in d['data'] and d['data']['array_items'] == [1, 2, 3]"
call "X-Options: no_empty" -H 'X-Options: no_empty' "$base/api/v1/tests/2"
json "'user' not in d['data']"
call "_empty=true keeps null" "$base/api/v1/tests/2?_empty=true"
json "d['data']['user'] is None"
call "empty array dropped" -X POST -H 'Content-Type: application/json' --data-binary '{"name":"e","array_items":[]}' "$base/api/v1/tests?_empty=false"
json "'array_items' not in d['data'] and d['data']['name'] == 'e'"

# §13 JSONP.
call "jsonp" "$base/api/v1/tests/1?_jsonp_callback=cb"
status_is 200
header_matches Content-Type '^application/javascript'
if grep -q '^cb({"status":200,' "$work/body" && grep -q ');$' "$work/body"; then pass; else fail "jsonp body $(body_head)"; fi
call "jsonp of an error is HTTP 200 (TV-JS-1)" "$base/api/v1/tests/1?_jsonp_callback=cb&non_existent=true"
status_is 200
if grep -q '^cb({"status":404,' "$work/body"; then pass; else fail "jsonp error body $(body_head)"; fi

# §9 validators and conditional requests.
call "validators" "$base/api/v1/tests/7"
etag=$(header ETag); modified=$(header Last-Modified)
header_matches ETag '^"[0-9a-f]{32}"$'
call "If-None-Match matching: 304" -H "If-None-Match: $etag" "$base/api/v1/tests/7"
status_is 304
body_empty
header_is ETag "$etag"
header_is X-API-Version 1
call "If-None-Match unquoted (Kayako form)" -H "If-None-Match: ${etag//\"/}" "$base/api/v1/tests/7"
status_is 304
call "If-None-Match other: 200" -H 'If-None-Match: "0123456789abcdef0123456789abcdef"' "$base/api/v1/tests/7"
status_is 200
call "HEAD" -I "$base/api/v1/tests/7"
status_is 200
header_is ETag "$etag"
if grep -q '{' "$work/body"; then fail "HEAD sent a body"; else pass; fi  # curl -I writes the head there
header_matches Content-Length '^[1-9][0-9]*$'
call "HEAD with If-None-Match: 304" -I -H "If-None-Match: $etag" "$base/api/v1/tests/7"
status_is 304
call "If-Modified-Since: 304" -H "If-Modified-Since: $modified" "$base/api/v1/tests/7"
status_is 304
call "If-Modified-Since in the +0000 form" -H "If-Modified-Since: ${modified% GMT} +0000" "$base/api/v1/tests/7"
status_is 304
call "If-Modified-Since long ago: 200" -H 'If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT' "$base/api/v1/tests/7"
status_is 200
call "If-Match wrong on PUT: 412" -X PUT -H 'If-Match: "0123456789abcdef0123456789abcdef"' -d name=z "$base/api/v1/tests/7"
error_is 412 RESOURCE_MODIFIED
call "If-Unmodified-Since long ago on DELETE: 412" -X DELETE -H 'If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT' "$base/api/v1/tests/7"
error_is 412 RESOURCE_MODIFIED
call "If-Match right on PUT: 200" -X PUT -H "If-Match: $etag" -d name=Seven "$base/api/v1/tests/7"
status_is 200
json "d['data']['name'] == 'Seven'"
json "h('ETag') != '$etag'"
call "old ETag no longer matches" -H "If-None-Match: $etag" "$base/api/v1/tests/7"
status_is 200
call "collection ETag" "$base/api/v1/tests?count=5"
cetag=$(header ETag)
call "collection If-None-Match: 304" -H "If-None-Match: $cetag" "$base/api/v1/tests?count=5"
status_is 304

# §2.1 Accept, §4.1 405, §14 X-API-Version.
call "Accept: text/html" -H 'Accept: text/html' "$base/api/v1/tests/1"
error_is 406 FORMAT_NOT_ACCEPTABLE
call "Accept: application/json" -H 'Accept: application/json' "$base/api/v1/tests/1"
status_is 200
call "PATCH" -X PATCH -d name=x "$base/api/v1/tests/1"
error_is 405 METHOD_NOT_SUPPORTED
common_headers
call "POST on an item" -X POST -d name=x "$base/api/v1/tests/1"
error_is 405 METHOD_NOT_SUPPORTED
call "PUT on users" -X PUT "${S[@]}" -H "X-CSRF-Token: $csrf" -d full_name=x "$base/api/v1/users/1"
error_is 405 METHOD_NOT_SUPPORTED
call ".json suffix" "$base/api/v1/tests/1.json"
status_is 200
json "d['data']['id'] == 1"

# §2 bodies: JSON, multipart, form arrays, any letter case (§2.5), every data type (§3).
call "JSON body" -X POST -H 'Content-Type: application/json' \
    --data-binary '{"name":"Caryn Pryor","integer_number":123,"float_number":1.5,"is_boolean":true,"array_items":[1,2],"option":"any","binary_data":"4pi6"}' \
    "$base/api/v1/tests"
status_is 201
json "d['data']['integer_number'] == 123 and d['data']['float_number'] == 1.5 and d['data']['array_items'] == [1, 2] and d['data']['option'] == 'ANY'"
call "multipart body (curl -F)" -F 'name=Caryn Pryor' -F integer_number=123 -F float_number=1.5 -F is_boolean=1 \
    -F 'array_items[]=1' -F 'array_items[]=2' -F option=bar -F binary_data=Q2FyeW4gUHJ5b3I= "$base/api/v1/tests"
status_is 201
json "d['data']['name'] == 'Caryn Pryor' and d['data']['array_items'] == [1, 2] and d['data']['is_boolean'] is True and d['data']['option'] == 'BAR'"
call "TV-REQ-1 form (&& and [] arrays)" -X POST \
    --data-binary 'name=Caryn+Pryor&integer_number=123&float_number=1.5&&date=1441118415&is_boolean=1&array_items[]=1&array_items[]=2' \
    "$base/api/v1/tests"
status_is 201
json "d['data']['array_items'] == [1, 2] and d['data']['is_boolean'] is True and d['data']['float_number'] == 1.5"
call "names in camel and Pascal case" -X POST -d isBoolean=FALSE -d ArrayItems=7,8 -d integerNumber=-5 -d Name=Cased "$base/api/v1/tests"
status_is 201
json "d['data']['is_boolean'] is False and d['data']['array_items'] == [7, 8] and d['data']['integer_number'] == -5 and d['data']['name'] == 'Cased'"
call "option in any case is upper-cased (TV-DT-3)" -X PUT -d option=bar "$base/api/v1/tests/8"
json "d['data']['option'] == 'BAR'"

# §7 pagination links.
call "pagination middle page" "$base/api/v1/tests?count=25&limit=10&offset=10"
json "[t['id'] for t in d['data']] == list(range(11, 21)) and d['offset'] == 10 and d['limit'] == 10 and d['total_count'] == 25"
json "d['first_url'] == '$base/api/v1/tests.json?count=25'"
json "d['previous_url'] == '$base/api/v1/tests.json?count=25'"
json "d['next_url'] == '$base/api/v1/tests.json?count=25&offset=20'"
json "d['last_url'] == '$base/api/v1/tests.json?count=25&offset=20'"
call "pagination follows next_url" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["next_url"])' "$work/body")"
json "[t['id'] for t in d['data']] == list(range(21, 26)) and 'next_url' not in d"
# §7.2 cursor paging on the Test collection, the shape of §7.4's cursor example.
call "cursor: after_id=10 (§7.4's example page)" "$base/api/v1/tests?count=25&after_id=10"
status_is 200
json "[t['id'] for t in d['data']] == list(range(11, 21)) and d['limit'] == 10 and d['total_count'] == 25 and 'offset' not in d"
json "d['first_url'] == '$base/api/v1/tests.json?before_id=11&count=25' and d['previous_url'] == d['first_url']"
json "d['next_url'] == '$base/api/v1/tests.json?after_id=20&count=25' and d['last_url'] == d['next_url']"
call "cursor: follows next_url" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["next_url"])' "$work/body")"
json "[t['id'] for t in d['data']] == list(range(21, 26))"
call "cursor: before_id=11 is the page before" "$base/api/v1/tests?count=25&before_id=11&limit=5"
json "[t['id'] for t in d['data']] == list(range(6, 11)) and d['first_url'] == '$base/api/v1/tests.json?before_id=6&count=25&limit=5'"
call "cursor: a position, not an existing ID (§7.2)" "$base/api/v1/tests?count=25&after_id=100"
json "d['data'] == [] and 'next_url' not in d and d['total_count'] == 25"
call "default count is 1" "$base/api/v1/tests"
json "d['total_count'] == 1 and len(d['data']) == 1"
# §21.17: limit=0 (the Java SDK's getMessages(20, 0, 0)) is the default page, not an error.
call "limit=0 is the default page size" "$base/api/v1/tests?count=25&limit=0"
status_is 200
json "d['limit'] == 10 and [t['id'] for t in d['data']] == list(range(1, 11))"
json "d['next_url'] == '$base/api/v1/tests.json?count=25&offset=10'"
call "limit=-1 stays FIELD_INVALID" "$base/api/v1/tests?count=25&limit=-1"
error_is 400 FIELD_INVALID
call "limit=1001 stays FIELD_INVALID" "$base/api/v1/tests?count=25&limit=1001"
error_is 400 FIELD_INVALID
# §21.16: runs of `/` are one (the Java SDK sends `//api/v1/articles.json`).
call "//api/v1/tests routes" "$base//api/v1/tests?count=3"
status_is 200
json "d['total_count'] == 3 and [t['id'] for t in d['data']] == [1, 2, 3]"
call "/api/v1//tests/1 routes" "$base/api/v1//tests/1"
status_is 200
json "d['data']['id'] == 1 and d['resource'] == 'test'"
# §21.24: a credential authenticates the request and never travels into its links.
call "links drop _session_id[] and _Session_Id" "$base/api/v1/tests?count=25&_session_id%5B%5D=$session&_Session_Id=$session&include=user"
status_is 200
json "d['data'][0]['user']['full_name'] == 'Norton Low'"
json "d['next_url'] == '$base/api/v1/tests.json?count=25&include=user&offset=10' and '$session' not in json.dumps(d)"

# --- §16.2 `count`: the number of test items generated -----------------------------------------
# A second server holds 40 items, so that `count` past them generates the rest: the stored items
# in ID order, then generated ones with IDs after the highest ever used (41, 42, ...), each the
# canonical body of §16.2, never stored (test_collection.hpp). Paging (§7.1, §7.2) and its links
# (§7.4) work over the generated range as over stored items; `count` is bounded at 1,000,000.
start_second_server count --items 40
counted=$second
ids="[t['id'] for t in d['data']]"
canonical="all(t['name'] == 'Test %d' % t['id'] and t['array_items'] == [1, 2, 3] and t['is_boolean'] is True and t['float_number'] == 1.23 and t['integer_number'] == 123 and t['option'] == 'FOO' and t['binary_data'] == '4pi6' and t['resource_url'] == '$counted/api/v1/tests/%d' % t['id'] for t in d['data'])"

call "count: the default is 1 (§16.2)" "$counted/api/v1/tests"
json "d['total_count'] == 1 and $ids == [1] and d['limit'] == 10 and d['resource'] == 'test'"
call "count=45, the server's start hint: 45 items, 10 a page (§7.1, §7.4)" "$counted/api/v1/tests?_empty=false&count=45"
status_is 200
json "d['total_count'] == 45 and $ids == list(range(1, 11)) and $canonical"
json "d['next_url'] == '$counted/api/v1/tests.json?_empty=false&count=45&offset=10' and d['last_url'] == '$counted/api/v1/tests.json?_empty=false&count=45&offset=40'"
count_etag=$(header ETag) count_modified=$(header Last-Modified)
call "count=45: the last page is generated, items 41 to 45" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["last_url"])' "$work/body")"
status_is 200
json "$ids == [41, 42, 43, 44, 45] and $canonical and all('user' not in t for t in d['data'])"
json "d['offset'] == 40 and d['total_count'] == 45 and 'next_url' not in d and 'last_url' not in d"
json "d['previous_url'] == '$counted/api/v1/tests.json?_empty=false&count=45&offset=30' and d['first_url'] == '$counted/api/v1/tests.json?_empty=false&count=45'"
generated_at=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"][0]["updated_at"])' "$work/body")
call "count=45: a generated item was updated when the server started, like item 1 (§9.1)" "$counted/api/v1/tests/1"
json "d['data']['updated_at'] == '$generated_at'"
call "count=45 again: the same validators (§9)" "$counted/api/v1/tests?_empty=false&count=45"
header_is ETag "$count_etag"
header_is Last-Modified "$count_modified"
call "count=45: If-None-Match is 304" -H "If-None-Match: $count_etag" "$counted/api/v1/tests?_empty=false&count=45"
status_is 304
call "count=46 is another collection: another ETag" "$counted/api/v1/tests?count=46"
json "h('ETag') != '$count_etag' and d['total_count'] == 46"
call "count: ID cursors cross into the generated range (§7.2)" "$counted/api/v1/tests?count=45&after_id=38&limit=5"
json "$ids == [39, 40, 41, 42, 43]"
json "d['next_url'] == '$counted/api/v1/tests.json?after_id=43&count=45&limit=5' and d['first_url'] == '$counted/api/v1/tests.json?before_id=39&count=45&limit=5'"
call "count: before_id inside the generated range" "$counted/api/v1/tests?count=45&before_id=45&limit=3"
json "$ids == [42, 43, 44]"
call "count: after the last generated item, an empty page" "$counted/api/v1/tests?count=45&after_id=45"
json "d['data'] == [] and d['total_count'] == 45 and 'next_url' not in d"
# The bound (§21.14's rule for limits): at 1,000,000 the last page is one generated item; past it,
# and below 0 or not a number, 400 FIELD_INVALID naming `count`. count=0 generates none (§7's
# empty collection).
call "count=1000000: at the bound, the last item" "$counted/api/v1/tests?count=1000000&offset=999999"
status_is 200
json "$ids == [1000000] and d['total_count'] == 1000000 and $canonical"
call "count=1000001: past the bound" "$counted/api/v1/tests?count=1000001"
error_is 400 FIELD_INVALID count
call "count=0: an empty collection" "$counted/api/v1/tests?count=0"
status_is 200
json "d['data'] == [] and d['total_count'] == 0"
for bad in -1 abc 1.5 99999999999999999999; do
    call "count=$bad: FIELD_INVALID" "$counted/api/v1/tests?count=$bad"
    error_is 400 FIELD_INVALID count
done
# A generated item's resource_url resolves: GET shows the same canonical item, up to the last ID
# a count at the bound lists.
call "GET of a generated item (§16.2)" "$counted/api/v1/tests/45"
status_is 200
json "d['data']['name'] == 'Test 45' and d['data']['binary_data'] == '4pi6' and d['data']['updated_at'] == '$generated_at'"
header_matches ETag '^"[0-9a-f]{32}"$'
call "GET of the last generated ID a listing can show" "$counted/api/v1/tests/1000000"
status_is 200
call "GET past it: 404" "$counted/api/v1/tests/1000001"
error_is 404 RESOURCE_NOT_FOUND
call "non_existent=true on a generated item: 404" "$counted/api/v1/tests/45?non_existent=true"
error_is 404 RESOURCE_NOT_FOUND
# Writes: a generated item is an item like any other. PUT stores it (with the generated items
# before it, unchanged) and answers 200; DELETE removes it; POST writes the first generated ID
# (the first ID never used), so that the collection keeps its `count` and shows the new item.
call "PUT on a generated item: stored and updated" -X PUT -d name=Renamed "$counted/api/v1/tests/45"
status_is 200
json "d['data']['id'] == 45 and d['data']['name'] == 'Renamed' and d['data']['array_items'] == [1, 2, 3]"
call "the listing shows the update, the items before it unchanged" "$counted/api/v1/tests?count=46&offset=40"
json "[(t['id'], t['name']) for t in d['data']] == [(41, 'Test 41'), (42, 'Test 42'), (43, 'Test 43'), (44, 'Test 44'), (45, 'Renamed'), (46, 'Test 46')]"
json "d['data'][0]['updated_at'] == '$generated_at'"
call "DELETE on a generated item" -X DELETE "$counted/api/v1/tests/50"
status_is 200
call "the deleted generated item is gone" "$counted/api/v1/tests/50"
error_is 404 RESOURCE_NOT_FOUND
call "count=50 skips it: the next generated item fills the collection" "$counted/api/v1/tests?count=50&offset=45"
json "$ids == [46, 47, 48, 49, 51] and d['total_count'] == 50"
call "POST takes the first generated ID" -X POST -d name=Fresh "$counted/api/v1/tests"
status_is 201
json "d['data']['id'] == 51"
call "the listing shows it in place" "$counted/api/v1/tests?count=50&offset=45"
json "[(t['id'], t['name']) for t in d['data']] == [(46, 'Test 46'), (47, 'Test 47'), (48, 'Test 48'), (49, 'Test 49'), (51, 'Fresh')]"
call "bulk PUT on generated items (§16.2)" -X PUT -d is_boolean=false "$counted/api/v1/tests?ids=60,61"
json "d == {'status': 200, 'total_count': 2}"
call "the bulk update stuck" "$counted/api/v1/tests/61"
json "d['data']['is_boolean'] is False and d['data']['name'] == 'Test 61'"
call "bulk DELETE of a generated item" -X DELETE "$counted/api/v1/tests?ids=70"
json "d == {'status': 200, 'total_count': 1}"
# Storing the items before a far ID would pass the store's item bound (100,000): refused as a
# full store (400 RESOURCE_NOT_AVAILABLE), and nothing changes.
call "PUT on a generated item past the store's bound" -X PUT -d name=Far "$counted/api/v1/tests/999999"
error_is 400 RESOURCE_NOT_AVAILABLE
call "the far item still reads as generated" "$counted/api/v1/tests/999999"
json "d['data']['name'] == 'Test 999999'"
