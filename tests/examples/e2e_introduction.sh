# Every request of kayako-api-introduction.txt, in its order, with the host replaced and the
# `&` typo of its curl URLs read as `?` (sourced by e2e.sh).

# The sample request, byte for byte (its Content-Length corrected: the body is 50 bytes, §20).
call "intro: sample POST request" -X POST "$base/api/v1/tests?_empty=false" \
    -H 'Accept: */*' -H 'Cache-Control: no-cache' -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary 'name=Caryn+Pryor&array_items=1,2,3&is_boolean=true'
status_is 201
common_headers
json "d['status'] == 201 and d['resource'] == 'test'"
json "d['data']['name'] == 'Caryn Pryor' and d['data']['array_items'] == [1, 2, 3] and d['data']['is_boolean'] is True"
json "d['data']['resource_type'] == 'test' and d['data']['id'] > 1000"
json "d['data']['resource_url'] == '$base/api/v1/tests/%d' % d['data']['id']"
json "h('Content-Location') == d['data']['resource_url']"
json "'user' not in d['data']"  # _empty=false drops the null user (TV-SO-2)
header_matches ETag '^"[0-9a-f]{32}"$'
header_matches Last-Modified '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$'
header_matches Date ' GMT$'

# The same with curl, as the introduction writes it (note `&_empty=false` without `?`).
call "intro: curl POST with & typo" -X POST -d name=Test -d array_items=1,2,3 -d is_boolean=true "$base/api/v1/tests&_empty=false"
status_is 201
json "d['data']['name'] == 'Test' and d['data']['array_items'] == [1, 2, 3] and d['data']['is_boolean'] is True and 'user' not in d['data']"

# Basic authentication (TV-INTRO-3), with `&fields=*`.
call "intro: curl -u with fields=*" -u norton.low@eyecloud.com:B2WwHWTJzI49NM "$base/api/v1/tests&fields=*"
status_is 200
json "isinstance(d['session_id'], str) and len(d['session_id']) >= 32"
header_matches X-CSRF-Token '^[A-Za-z0-9]{32,}$'
json "d['data'][0]['user'] == {'id': 1, 'resource_type': 'user'}"
json "d['data'][0]['authentication_scheme'] == 'BASIC'"
json "d['logs'][0]['level'] == 'NOTICE' and 'session id' in d['logs'][0]['message']"  # TV-RESP-4
json "set(d['data'][0]) >= {'id', 'name', 'array_items', 'is_boolean', 'float_number', 'integer_number', 'option', 'binary_data', 'updated_at', 'user', 'resource_type', 'resource_url'}"

call "intro: list 45, drop empties" "$base/api/v1/tests?_empty=false&count=45"
status_is 200
json "d['total_count'] == 45 and d['limit'] == 10 and len(d['data']) == 10 and d['resource'] == 'test'"
json "[t['id'] for t in d['data']] == list(range(1, 11))"
json "all('user' not in t for t in d['data'])"
json "d['next_url'] == '$base/api/v1/tests.json?_empty=false&count=45&offset=10'"
json "d['last_url'] == '$base/api/v1/tests.json?_empty=false&count=45&offset=40'"
json "'previous_url' not in d and 'first_url' not in d"

call "intro: get one" "$base/api/v1/tests/1"
status_is 200
common_headers
json "d == {'status': 200, 'data': d['data'], 'resource': 'test'}"
json "d['data']['id'] == 1 and d['data']['name'] == 'Test 1' and d['data']['user'] is None"
json "d['data']['array_items'] == [1, 2, 3] and d['data']['is_boolean'] is True and d['data']['float_number'] == 1.23"
json "d['data']['integer_number'] == 123 and d['data']['option'] == 'FOO' and d['data']['binary_data'] == '4pi6'"
json "d['data']['resource_url'] == '$base/api/v1/tests/1'"

call "intro: create" -X POST -d 'name=Caryn Pryor' -d array_items=1,2,3 -d is_boolean=true -d option=BAR \
    -d binary_data=Q2FyeW4gUHJ5b3I= "$base/api/v1/tests"
status_is 201
json "d['data']['name'] == 'Caryn Pryor' and d['data']['option'] == 'BAR' and d['data']['binary_data'] == 'Q2FyeW4gUHJ5b3I='"
created=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["id"])' "$work/body" 2>/dev/null)
call "intro: created item is there" "$base/api/v1/tests/$created"
status_is 200
json "d['data']['name'] == 'Caryn Pryor' and d['data']['binary_data'] == 'Q2FyeW4gUHJ5b3I='"

call "intro: update one" -X PUT -d is_boolean=false -d option=NONE "$base/api/v1/tests/1"
status_is 200
json "d['data']['id'] == 1 and d['data']['is_boolean'] is False and d['data']['option'] == 'NONE' and d['data']['name'] == 'Test 1'"

call "intro: update many" -X PUT -d option=ANY "$base/api/v1/tests?ids=1,2,3"
status_is 200
json "d == {'status': 200, 'total_count': 3}"
for id in 1 2 3; do
    call "intro: updated $id" "$base/api/v1/tests/$id"
    json "d['data']['option'] == 'ANY'"
done

call "intro: delete one" -X DELETE "$base/api/v1/tests/999"
status_is 200
json "d == {'status': 200}"
call "intro: deleted is gone" "$base/api/v1/tests/999"
error_is 404 RESOURCE_NOT_FOUND

call "intro: delete many" -X DELETE "$base/api/v1/tests?ids=997,998,999"
status_is 200
json "d == {'status': 200, 'total_count': 2}"  # 999 was already gone
for id in 997 998; do
    call "intro: deleted $id is gone" "$base/api/v1/tests/$id"
    error_is 404 RESOURCE_NOT_FOUND
done
call "intro: list after deletes skips them" "$base/api/v1/tests?count=1000&offset=990&limit=10"
json "[t['id'] for t in d['data']] == [991, 992, 993, 994, 995, 996, 1000, $((created - 2)), $((created - 1)), $created]"
json "d['total_count'] == 1000 and 997 not in [t['id'] for t in d['data']]"
