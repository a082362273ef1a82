# File upload (sourced by e2e.sh, server flags `--max-file-bytes 20000 --max-file-store-bytes
# 200000 --max-files-per-request 3`): the file resource and its content (§8.1),
# the raw-body upload with TV-FU-2's curl shapes (§8.2), multipart with several files (§8.3),
# checksums (§8.2, §21.10), the two-step upload (TV-FU-1) and the single-step one into a field,
# deletion, limits naming their parameter (§21.14), expiry, and kayako-client's round trip.
# Section numbers are the spec's.

user=norton.low@eyecloud.com
password=B2WwHWTJzI49NM
A=(-u "$user:$password")
md5_hex() { python3 -c 'import hashlib,sys; print(hashlib.md5(open(sys.argv[1],"rb").read()).hexdigest())' "$1"; }
md5_b64() { python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.md5(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"; }
body_id() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["id"])' "$work/body"; }
same_bytes() {  # same_bytes EXPECTED ACTUAL
    if cmp -s "$1" "$2"; then pass; else fail "$2 differs from $1 ($(wc -c <"$2") bytes, expected $(wc -c <"$1"))"; fi
}

# Files with bytes of every value, a text file, and one past the per-file limit (20000).
python3 - "$work" <<'PY'
import os, sys
w = sys.argv[1]
open(os.path.join(w, "coffee.png"), "wb").write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 9 + b"\r\n--not-a-boundary--\r\n")
open(os.path.join(w, "cappuccino.png"), "wb").write(b"\x89PNG\r\n\x1a\n" + os.urandom(1500))
open(os.path.join(w, "note.txt"), "wb").write(b"hello world")
open(os.path.join(w, "big.bin"), "wb").write(os.urandom(20001))
open(os.path.join(w, "limit.bin"), "wb").write(os.urandom(20000))
open(os.path.join(w, "chunk.bin"), "wb").write(os.urandom(19000))
PY
coffee=$work/coffee.png cappuccino=$work/cappuccino.png
coffee_hex=$(md5_hex "$coffee") coffee_b64=$(md5_b64 "$coffee") cappuccino_hex=$(md5_hex "$cappuccino")
wrong_hex=$(md5_hex "$work/note.txt") wrong_b64=$(md5_b64 "$work/note.txt")

# --- Files belong to a user (§8.1: group_hash is a session's) ----------------------------------
call "anonymous upload" -H 'Content-Type: image/png' --data-binary @"$coffee" "$base/api/v1/files.json?_filename=coffee.png"
error_is 401 AUTHORIZATION_REQUIRED

# --- §8.2 raw body, TV-FU-2's curl shapes -------------------------------------------------------
call "TV-FU-2: -H Content-Type --data-binary ?_filename" "${A[@]}" -X POST -H 'Content-Type: image/png' \
    --data-binary @"$coffee" "$base/api/v1/files.json?_filename=coffee.png"
status_is 201
json "d['resource'] == 'file' and d['data']['name'] == 'coffee.png' and d['data']['content_type'] == 'image/png'"
json "d['data']['size'] == $(wc -c <"$coffee") and d['data']['hash'] == '$coffee_hex'"
json "d['data']['group_hash'].startswith('s:') and len(d['data']['group_hash']) == 34 and d['data']['expiry_at'] is not None"
json "d['data']['content_url'] == d['data']['resource_url'] + '/content' and 'content' not in d['data']"
header_matches Content-Location '/api/v1/files/[0-9]+$'
raw_id=$(body_id)

call "TV-FU-2's headers: Content-Disposition with name and filename, Content-MD5 hex" "${A[@]}" \
    -H 'Content-Disposition: attachment; name="avatar"; filename="coffee.png"' -H "Content-MD5: $coffee_hex" \
    -H 'Content-Type: image/png' --data-binary @"$coffee" "$base/api/v1/files.json"
status_is 201
json "d['data']['name'] == 'coffee.png' and d['data']['hash'] == '$coffee_hex'"

call "curl -X POST -T (no Content-Type: the body is the file)" "${A[@]}" -X POST -T "$coffee" "$base/api/v1/files.json?_filename=coffee.png"
status_is 201
json "d['data']['content_type'] == 'application/octet-stream' and d['data']['hash'] == '$coffee_hex'"

call "a UTF-8 file name (filename*)" "${A[@]}" -H "Content-Disposition: attachment; filename=\"caf_.png\"; filename*=UTF-8''caf%C3%A9.png" \
    -H 'Content-Type: image/png' --data-binary @"$coffee" "$base/api/v1/files.json"
status_is 201
json "d['data']['name'] == 'caf\u00e9.png'"
utf8_id=$(body_id)

call "curl -d @file (form encoding: parameters, not a file)" "${A[@]}" -d @"$work/note.txt" "$base/api/v1/files.json?_filename=note.txt"
error_is 400 FIELD_REQUIRED content

call "no file name (§8.2: usually required)" "${A[@]}" -H 'Content-Type: image/png' --data-binary @"$coffee" "$base/api/v1/files.json"
error_is 400 FIELD_REQUIRED _filename

# --- Checksums (§8.2, §21.10: hex or base64) ---------------------------------------------------
call "Content-MD5 base64, right" "${A[@]}" -H 'Content-Type: image/png' -H "Content-MD5: $coffee_b64" \
    --data-binary @"$coffee" "$base/api/v1/files.json?_filename=coffee.png"
status_is 201
call "_md5 hex, right" "${A[@]}" -H 'Content-Type: image/png' --data-binary @"$coffee" \
    "$base/api/v1/files.json?_filename=coffee.png&_md5=$coffee_hex"
status_is 201
call "Content-MD5 hex, wrong" "${A[@]}" -H 'Content-Type: image/png' -H "Content-MD5: $wrong_hex" \
    --data-binary @"$coffee" "$base/api/v1/files.json?_filename=coffee.png"
error_is 400 CHECKSUM_MISMATCH Content-MD5
call "_md5 base64, wrong" "${A[@]}" -H 'Content-Type: image/png' --data-binary @"$coffee" \
    "$base/api/v1/files.json?_filename=coffee.png&_md5=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$wrong_b64")"
error_is 400 CHECKSUM_MISMATCH _md5
call "header and argument disagree (§11.9)" "${A[@]}" -H 'Content-Type: image/png' -H "Content-MD5: $coffee_hex" \
    --data-binary @"$coffee" "$base/api/v1/files.json?_filename=coffee.png&_md5=$wrong_hex"
error_is 400 PARAMETERS_INCONSISTENT _md5
call "a checksum that is no digest" "${A[@]}" -H 'Content-Type: image/png' -H "Content-MD5: abc" \
    --data-binary @"$coffee" "$base/api/v1/files.json?_filename=coffee.png"
error_is 400 FIELD_INVALID Content-MD5

# --- §8.3 multipart, several files --------------------------------------------------------------
call "TV-FU-3: -F files[]=@a -F files[]=@b" "${A[@]}" -F "files[]=@$coffee" -F "files[]=@$cappuccino" "$base/api/v1/files.json"
status_is 201
json "d['total_count'] == 2 and [f['name'] for f in d['data']] == ['coffee.png', 'cappuccino.png']"
json "[f['hash'] for f in d['data']] == ['$coffee_hex', '$cappuccino_hex']"
pair_ids=$(python3 -c 'import json,sys; print(",".join(str(f["id"]) for f in json.load(open(sys.argv[1]))["data"]))' "$work/body")
second_id=${pair_ids#*,}

call "_md5 in file order, comma-separated" "${A[@]}" -F "files[]=@$coffee" -F "files[]=@$cappuccino" \
    "$base/api/v1/files.json?_md5=$coffee_hex,$cappuccino_hex"
status_is 201
call "_md5 in the wrong order" "${A[@]}" -F "files[]=@$coffee" -F "files[]=@$cappuccino" \
    "$base/api/v1/files.json?_md5=$cappuccino_hex,$coffee_hex"
error_is 400 CHECKSUM_MISMATCH 'files[]'
call "_md5 with one checksum for two files" "${A[@]}" -F "files[]=@$coffee" -F "files[]=@$cappuccino" \
    "$base/api/v1/files.json?_md5=$coffee_hex"
error_is 400 PARAMETERS_INCONSISTENT _md5
call "a part's own wrong Content-MD5" "${A[@]}" -F "files[]=@$coffee;headers=\"Content-MD5: $wrong_hex\"" "$base/api/v1/files.json"
error_is 400 CHECKSUM_MISMATCH 'files[]'
call "multipart without a file" "${A[@]}" -F "name=x" "$base/api/v1/files.json"
error_is 400 FIELD_REQUIRED files

# --- Without upload: `name` and base64 `content` (§8.2) ----------------------------------------
call "name + base64 content" "${A[@]}" --data-urlencode name=note.txt --data-urlencode "content=$(base64 -w0 "$work/note.txt")" \
    --data-urlencode content_type=text/plain "$base/api/v1/files.json"
status_is 201
json "d['data']['name'] == 'note.txt' and d['data']['size'] == 11 and d['data']['content_type'] == 'text/plain'"
note_id=$(body_id)
call "base64 content that is not base64" "${A[@]}" -d name=x.txt -d 'content=%%%' "$base/api/v1/files.json"
error_is 400 FIELD_INVALID content
call "JSON body" "${A[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"note.txt\",\"content\":\"$(base64 -w0 "$work/note.txt")\"}" "$base/api/v1/files.json"
status_is 201

# --- The file resource and its content (§8.1) ---------------------------------------------------
call "GET the file" "${A[@]}" "$base/api/v1/files/$raw_id.json"
status_is 200
json "d['data']['id'] == $raw_id and d['data']['name'] == 'coffee.png' and 'content' not in d['data']"
etag=$(header ETag)
call "fields=+content: the bytes in base64" "${A[@]}" "$base/api/v1/files/$raw_id?fields=%2Bcontent"
json "__import__('base64').b64decode(d['data']['content']) == open('$coffee','rb').read()"
call "If-None-Match on the file" "${A[@]}" -H "If-None-Match: $etag" "$base/api/v1/files/$raw_id"
status_is 304

call "download the content" "${A[@]}" "$base/api/v1/files/$raw_id/content.json"
status_is 200
same_bytes "$coffee" "$work/body"
header_is Content-Type image/png
header_is Content-Disposition 'attachment; filename="coffee.png"'
header_is Content-MD5 "$coffee_b64"
header_is X-Content-Type-Options nosniff
header_is Cache-Control private
header_is ETag "\"$coffee_hex\""
call "download again with If-None-Match" "${A[@]}" -H "If-None-Match: \"$coffee_hex\"" "$base/api/v1/files/$raw_id/content"
status_is 304
body_empty
call "HEAD of the content" "${A[@]}" -I "$base/api/v1/files/$raw_id/content"
status_is 200
header_is Content-Length "$(wc -c <"$coffee")"
call "download a multipart file" "${A[@]}" "$base/api/v1/files/$second_id/content"
same_bytes "$cappuccino" "$work/body"
call "download the base64 one" "${A[@]}" "$base/api/v1/files/$note_id/content"
same_bytes "$work/note.txt" "$work/body"
header_is Content-Type text/plain
call "a UTF-8 name goes back as filename*" "${A[@]}" "$base/api/v1/files/$utf8_id/content"
header_is Content-Disposition "attachment; filename=\"caf__.png\"; filename*=UTF-8''caf%C3%A9.png"
call "no such file" "${A[@]}" "$base/api/v1/files/999999/content"
error_is 404 RESOURCE_NOT_FOUND
call "a misspelled action (routes.hpp lists content)" "${A[@]}" "$base/api/v1/files/$raw_id/contents"
error_is 400 RESOURCE_ACTION_NOT_AVAILABLE
call "another user's view: anonymous" "$base/api/v1/files/$raw_id"
error_is 401 AUTHORIZATION_REQUIRED

# --- Two-step upload (§8.1, TV-FU-1) and single-step into a field -----------------------------
call "TV-FU-1: PUT profile avatar_file_id" "${A[@]}" -X PUT -H 'Content-Type: application/x-www-form-urlencoded' \
    --data "avatar_file_id=$raw_id" "$base/api/v1/profile.json"
status_is 200
json "d['resource'] == 'user' and d['data']['avatar'] == {'id': $raw_id, 'resource_type': 'file'}"
call "include=file expands it; a used file no longer expires" "${A[@]}" "$base/api/v1/profile?include=file"
json "d['data']['avatar']['name'] == 'coffee.png' and d['data']['avatar']['expiry_at'] is None"
call "avatar_file_id naming no file" "${A[@]}" -X PUT -d avatar_file_id=999999 "$base/api/v1/profile"
error_is 400 FIELD_INVALID avatar_file_id
call "avatar_file_id that is no integer" "${A[@]}" -X PUT -d avatar_file_id=abc "$base/api/v1/profile"
error_is 400 FIELD_INVALID avatar_file_id
call "PUT profile without avatar" "${A[@]}" -X PUT -d x=1 "$base/api/v1/profile"
error_is 400 FIELD_REQUIRED avatar_file_id
call "single-step multipart: a part named avatar" "${A[@]}" -X PUT -F "avatar=@$cappuccino" "$base/api/v1/profile?include=file"
status_is 200
json "d['data']['avatar']['name'] == 'cappuccino.png' and d['data']['avatar']['hash'] == '$cappuccino_hex'"
call "single-step raw body: _field=avatar" "${A[@]}" -X PUT -H 'Content-Type: image/png' --data-binary @"$coffee" \
    "$base/api/v1/profile?_field=avatar&_filename=mine.png&include=file"
status_is 200
json "d['data']['avatar']['name'] == 'mine.png'"
call "single-step raw body for a field the profile has not" "${A[@]}" -X PUT -H 'Content-Type: image/png' \
    --data-binary @"$coffee" "$base/api/v1/profile?_field=banner&_filename=x.png"
error_is 400 FIELD_INVALID _field
call "a file part and avatar_file_id at once" "${A[@]}" -X PUT -F "avatar=@$coffee" -F "avatar_file_id=$raw_id" "$base/api/v1/profile"
error_is 400 PARAMETERS_INCONSISTENT avatar_file_id

# --- Delete (§8.1) ------------------------------------------------------------------------------
call "DELETE one" "${A[@]}" -X DELETE "$base/api/v1/files/$note_id.json"
status_is 200
call "it is gone" "${A[@]}" "$base/api/v1/files/$note_id"
error_is 404 RESOURCE_NOT_FOUND
call "DELETE ?ids=" "${A[@]}" -X DELETE "$base/api/v1/files.json?ids=$pair_ids"
status_is 200
json "d['total_count'] == 2"
call "both gone" "${A[@]}" "$base/api/v1/files/$second_id/content"
error_is 404 RESOURCE_NOT_FOUND
call "DELETE without ids" "${A[@]}" -X DELETE "$base/api/v1/files.json"
error_is 400 FIELD_REQUIRED ids

# --- Limits name their parameter (§21.14) ------------------------------------------------------
call "raw file at the limit" "${A[@]}" -H 'Content-Type: application/octet-stream' --data-binary @"$work/limit.bin" \
    "$base/api/v1/files?_filename=limit.bin"
status_is 201
call "raw file one byte past it" "${A[@]}" -H 'Content-Type: application/octet-stream' --data-binary @"$work/big.bin" \
    "$base/api/v1/files?_filename=big.bin"
error_is 400 FIELD_INVALID Content-Length
call "raw file past it, for a field" "${A[@]}" -H 'Content-Type: application/octet-stream' --data-binary @"$work/big.bin" \
    "$base/api/v1/files?_filename=big.bin&_field=attachment"
error_is 400 FIELD_INVALID attachment
call "multipart part past it" "${A[@]}" -F "files[]=@$coffee" -F "files[]=@$work/big.bin" "$base/api/v1/files"
error_is 400 FIELD_INVALID 'files[]'
call "base64 content past it" "${A[@]}" -d name=big.bin --data-urlencode "content=$(base64 -w0 "$work/big.bin")" "$base/api/v1/files"
error_is 400 FIELD_INVALID content
call "four files where three are allowed" "${A[@]}" -F "files[]=@$coffee" -F "files[]=@$coffee" -F "files[]=@$coffee" \
    -F "files[]=@$coffee" "$base/api/v1/files"
error_is 400 FIELD_INVALID 'files[]'

# An upload shorter than its Content-Length never becomes a file (§2.1, §8.2): the transport
# waits for the rest and drops the connection; the next upload gets the next ID.
call "an upload before the incomplete one" "${A[@]}" -H 'Content-Type: image/png' --data-binary @"$coffee" "$base/api/v1/files?_filename=a.png"
before_id=$(body_id)
current="incomplete upload"
python3 - "$port" "$(printf '%s' "$user:$password" | base64 -w0)" <<'PY' || fail "the server answered an incomplete upload"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /api/v1/files?_filename=cut.png HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " + sys.argv[2].encode() +
          b"\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n" + b"x" * 500)
s.shutdown(socket.SHUT_WR)
s.settimeout(5)
data = b""
try:
    while chunk := s.recv(65536):
        data += chunk
except socket.timeout:
    pass
sys.exit(1 if b" 201 " in data.split(b"\r\n")[0] else 0)
PY
pass
call "the next upload" "${A[@]}" -H 'Content-Type: image/png' --data-binary @"$coffee" "$base/api/v1/files?_filename=b.png"
json "d['data']['id'] == $before_id + 1"

# --- kayako-client: upload and download round trip ---------------------------------------------
K=("$client" --base "$base" --state "$work/client-state.json")
current="kayako-client raw upload"
if "${K[@]}" --user "$user" --password "$password" --verbose POST files --file "file=@$cappuccino" >"$work/client.out" 2>"$work/client.err"; then pass; else fail "exit $?: $(cat "$work/client.err")"; fi
if grep -q "^> Content-MD5: " "$work/client.err" && grep -q '^> Content-Disposition: attachment; name="file"; filename="cappuccino.png"' "$work/client.err"; then pass; else fail "no raw upload headers: $(head -c 600 "$work/client.err")"; fi
client_id=$(sed -n 's/^  "id": \([0-9]*\),$/\1/p' "$work/client.out" | head -n1)
if [ -n "$client_id" ]; then pass; else fail "no id in: $(head -c 400 "$work/client.out")"; fi
current="kayako-client download to -o"
if "${K[@]}" GET "files/$client_id/content" -o "$work/client.png" 2>"$work/client.err"; then pass; else fail "exit $?: $(cat "$work/client.err")"; fi
same_bytes "$cappuccino" "$work/client.png"
current="kayako-client download to stdout"
"${K[@]}" GET "files/$client_id/content" >"$work/client-stdout.png" 2>/dev/null
same_bytes "$cappuccino" "$work/client-stdout.png"
current="kayako-client multipart upload (two files and a parameter)"
if "${K[@]}" --verbose POST files --file "files[]=@$coffee" --file "files[]=@$work/note.txt" note=x >"$work/client.out" 2>"$work/client.err"; then pass; else fail "exit $?: $(cat "$work/client.err")"; fi
if grep -q "^> Content-Type: multipart/form-data; boundary=" "$work/client.err" && grep -q "total_count: 2" "$work/client.out"; then pass; else fail "not a multipart upload of two files: $(head -c 600 "$work/client.out")"; fi
current="kayako-client --file on GET"
"${K[@]}" GET files --file "file=@$coffee" >/dev/null 2>&1
if [ $? -eq 2 ]; then pass; else fail "expected a usage error"; fi

# The store's byte bound (200000): uploads are refused once it is full, and deleting makes room.
current="store bound"
full=0 last_id=
for _ in $(seq 15); do
    call "fill the store" "${A[@]}" -H 'Content-Type: application/octet-stream' --data-binary @"$work/chunk.bin" "$base/api/v1/files?_filename=chunk.bin"
    if [ "$status" = 201 ]; then last_id=$(body_id); else full=1; break; fi
done
if [ "$full" = 1 ]; then pass; else fail "the store never filled"; fi
error_is 400 RESOURCE_NOT_AVAILABLE
call "delete one chunk" "${A[@]}" -X DELETE "$base/api/v1/files/$last_id"
status_is 200
call "room again" "${A[@]}" -H 'Content-Type: application/octet-stream' --data-binary @"$work/chunk.bin" "$base/api/v1/files?_filename=chunk.bin"
status_is 201

# --- Expiry (§8.1): an unused upload goes at its expiry_at; a used one stays ------------------
# A second server whose uploads live four seconds, so that the wait is short.
start_second_server short --file-lifetime 4
short_base=$second
call "an upload that the profile uses" "${A[@]}" -H 'Content-Type: image/png' --data-binary @"$coffee" "$short_base/api/v1/files?_filename=kept.png"
kept_id=$(body_id)
call "attach it at once" "${A[@]}" -X PUT -d "avatar_file_id=$kept_id" "$short_base/api/v1/profile"
status_is 200
call "an upload that nothing uses" "${A[@]}" -H 'Content-Type: image/png' --data-binary @"$coffee" "$short_base/api/v1/files?_filename=short.png"
status_is 201
json "d['data']['expiry_at'] is not None"
short_id=$(body_id)
sleep 5
call "the unused one has expired" "${A[@]}" "$short_base/api/v1/files/$short_id"
error_is 404 RESOURCE_NOT_FOUND
call "the used one has not" "${A[@]}" "$short_base/api/v1/profile?include=file"
json "d['data']['avatar'] is not None and d['data']['avatar']['name'] == 'kept.png' and d['data']['avatar']['expiry_at'] is None"
