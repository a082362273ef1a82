# Request framing (§21.23; RFC 9112 §3.2, §6.1, §6.3): the exact bytes over a raw socket. A head
# whose body two readers could frame differently is 400 PARAMETER_INVALID naming the header, and
# the connection closes unread, so a body can never run as the next request. Sourced by e2e.sh.

# bytes FORMAT ARGS... — the exact bytes of the next request (printf's format and arguments).
bytes() { printf "$@" >"$work/request"; }

# raw NAME RESPONSES — sends those bytes on one new connection and reads what comes back: up to
# RESPONSES responses (Content-Length framed, as this server writes them), then whether the server
# closes the connection within a second. The outcome is kept for `raw_is`.
raw() {
    current=$1
    python3 - "$port" "$work/request" "$2" "$work/raw.json" <<'PY' || fail "raw exchange failed"
import json, socket, sys, time
port, request, expected, out = int(sys.argv[1]), open(sys.argv[2], "rb").read(), int(sys.argv[3]), sys.argv[4]
s = socket.create_connection(("127.0.0.1", port))
s.sendall(request)
buffer, responses, closed = b"", [], False

def take_response():
    global buffer
    head, sep, rest = buffer.partition(b"\r\n\r\n")
    if not sep:
        return None
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    if len(rest) < length:
        return None
    buffer = rest[length:]
    return {"status": int(lines[0].split()[1]), "headers": headers, "body": rest[:length].decode("utf-8", "replace")}

deadline = time.time() + 10
while time.time() < deadline:
    # Once every expected response is in, the server has one second to close (or not).
    s.settimeout(1 if len(responses) >= expected else max(0.1, deadline - time.time()))
    try:
        chunk = s.recv(65536)
    except socket.timeout:
        break
    except ConnectionResetError:
        closed = True
        break
    if not chunk:
        closed = True
        break
    buffer += chunk
    while (r := take_response()) is not None:
        responses.append(r)
json.dump({"responses": responses, "closed": closed, "leftover": buffer.decode("latin-1")}, open(out, "w"))
PY
}

# raw_is EXPR... — Python expressions over `r` (the list of responses: status, headers with
# lower-case names, body), `closed`, `body(i)` (response i's JSON) and `error(i)` (its first
# error); each is one check. One Python for them all: the suite has many.
raw_is() {
    local verdict expr seen=0
    while IFS= read -r verdict && IFS= read -r expr; do
        seen=$((seen + 1))
        if [ "$verdict" = ok ]; then pass; else fail "$expr; got: $(head -c 600 "$work/raw.json")"; fi
    done < <(python3 - "$work/raw.json" "$@" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
r, closed = o["responses"], o["closed"]
def body(i): return json.loads(r[i]["body"])
def error(i): return body(i)["errors"][0]
for expr in sys.argv[2:]:
    try:
        ok = bool(eval(expr))
    except Exception:
        ok = False
    print("ok" if ok else "FAIL")
    print(expr)
PY
)
    [ "$seen" -eq $# ] || fail "only $seen of $# checks were evaluated"
}

# refused PARAMETER — one 400 PARAMETER_INVALID naming PARAMETER (none: names nothing), and the
# connection closed after it.
refused() {
    local named="error(0).get('parameter') == '$1'"
    [ "$1" = none ] && named="'parameter' not in error(0)"
    raw_is "len(r) == 1 and r[0]['status'] == 400 and r[0]['headers'].get('connection') == 'close'" \
        "body(0)['status'] == 400 and error(0)['code'] == 'PARAMETER_INVALID' and error(0)['more_info'].endswith('/PARAMETER_INVALID')" \
        "$named" \
        "closed"
}

# Item 5 must survive every smuggling attempt below.
item_5_exists() {
    call "item 5 still exists" "$base/api/v1/tests/5"
    status_is 200
    json "d['data']['id'] == 5"
}

smuggled=$'DELETE /api/v1/tests/5 HTTP/1.1\r\nHost: x\r\n\r\n'
form=$'Content-Type: application/x-www-form-urlencoded\r\n'

# ---- Transfer-Encoding that is not exactly `chunked` (RFC 9112 §6.1, §6.3) ---------------------

for coding in 'chunked, gzip' 'xchunked' 'gzip, chunked' 'chunked, chunked' 'chunked;x=1' 'gzip' 'chunked,'; do
    bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: %s\r\n%s\r\n%s' "$coding" "$form" "$smuggled"
    raw "Transfer-Encoding: $coding smuggles nothing" 2
    refused Transfer-Encoding
    item_5_exists
done

# The same list on two lines is one list (RFC 9110 §5.3).
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n%s\r\n%s' "$form" "$smuggled"
raw "Transfer-Encoding on two lines: gzip, then chunked" 2
refused Transfer-Encoding
item_5_exists
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n%s\r\n0\r\n\r\n%s' "$form" "$smuggled"
raw "Transfer-Encoding: chunked on two lines" 2
refused Transfer-Encoding
item_5_exists

# ---- Transfer-Encoding with Content-Length, in either order (the CL.TE / TE.CL shapes) ----------

bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n%s\r\n0\r\n\r\n%s' "$form" "$smuggled"
raw "Content-Length, then Transfer-Encoding" 2
refused Transfer-Encoding
item_5_exists
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n%s\r\n%s' "$form" "$smuggled"
raw "Transfer-Encoding, then Content-Length" 2
refused Transfer-Encoding
item_5_exists
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Length: 0\r\n%s\r\n%s' "$form" "$smuggled"
raw "an unknown Transfer-Encoding, then Content-Length" 2
refused Transfer-Encoding
item_5_exists

# ---- HTTP/1.0 with Transfer-Encoding: 400 and closed (RFC 9112 §6.1) ----------------------------

bytes 'POST /api/v1/tests HTTP/1.0\r\nTransfer-Encoding: chunked\r\n%s\r\n6\r\nname=x\r\n0\r\n\r\n' "$form"
raw "HTTP/1.0 with Transfer-Encoding" 2
refused Transfer-Encoding
bytes 'POST /api/v1/tests HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n%s\r\n0\r\n\r\n%s' "$form" "$smuggled"
raw "HTTP/1.0 keep-alive with Transfer-Encoding" 2
refused Transfer-Encoding
item_5_exists

# ---- Content-Length (RFC 9110 §8.6) --------------------------------------------------------------

for value in '+6' '-1' '0x6' '6 6' ''; do
    bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nContent-Length: %s\r\n%s\r\nname=x' "$value" "$form"
    raw "Content-Length: '$value'" 1
    refused Content-Length
done
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nContent-Length: 7\r\n%s\r\nname=xy' "$form"
raw "two different Content-Length lines" 1
refused Content-Length
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nContent-Length: 6, 7\r\n%s\r\nname=xy' "$form"
raw "a Content-Length list of different values" 1
refused Content-Length

# ---- Host (RFC 9112 §3.2) -------------------------------------------------------------------------

bytes 'GET /api/v1/tests/1 HTTP/1.1\r\n\r\n'
raw "HTTP/1.1 without Host" 1
refused Host
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n'
raw "two Host lines" 1
refused Host
bytes 'GET /api/v1/tests/1 HTTP/1.0\r\nHost: a.test\r\nHost: a.test\r\n\r\n'
raw "two Host lines in HTTP/1.0" 1
refused Host
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: a.test, b.test\r\n\r\n'
raw "a Host list" 1
refused Host
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: a b\r\n\r\n'
raw "a space inside Host" 1
refused Host
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: user@a.test\r\n\r\n'
raw "userinfo in Host" 1
refused Host
# A refused request reads nothing after it: the pipelined request behind it gets no answer.
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\n\r\nGET /api/v1/tests/2 HTTP/1.1\r\nHost: x\r\n\r\n'
raw "nothing is read after a refusal" 2
refused Host

# ---- Malformed heads: 400, then closed (not just closed) -----------------------------------------

bytes 'THIS IS NOT HTTP\r\n\r\n'
raw "a garbage request line" 1
refused none
bytes 'GET /api/v1/tests/1 HTTP/9\r\nHost: x\r\n\r\n'
raw "a malformed version" 1
refused none
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n'
raw "a space in a header name" 1
refused none
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n%s\r\nzz\r\nname=x\r\n0\r\n\r\n' "$form"
raw "a malformed chunk size" 1
refused none
alive

# ---- What stays allowed ---------------------------------------------------------------------------

bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n%s\r\n4\r\nname\r\n7\r\n=chunky\r\n0\r\n\r\n' "$form"
raw "a chunked form body creates an item" 1
raw_is "len(r) == 1 and r[0]['status'] == 201 and body(0)['data']['name'] == 'chunky'"
raw_is "not closed"  # a good request keeps its connection
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: CHUNKED\r\n%s\r\n6\r\nname=Y\r\n0\r\n\r\n' "$form"
raw "the coding name in any letter case" 1
raw_is "len(r) == 1 and r[0]['status'] == 201 and body(0)['data']['name'] == 'Y'"
bytes 'POST /api/v1/tests HTTP/1.1\r\nHost: x\r\nContent-Length: 6, 6\r\n%s\r\nname=z' "$form"
raw "a Content-Length list of one value (RFC 9110 §8.6)" 1
raw_is "len(r) == 1 and r[0]['status'] == 201 and body(0)['data']['name'] == 'z'"
bytes 'GET /api/v1/tests/1 HTTP/1.0\r\n\r\n'
raw "HTTP/1.0 without Host" 1
raw_is "len(r) == 1 and r[0]['status'] == 200 and body(0)['data']['id'] == 1"
raw_is "closed"  # HTTP/1.0 closes unless keep-alive was asked for
bytes 'GET /api/v1/tests/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /api/v1/tests/2 HTTP/1.0\r\n\r\n'
raw "HTTP/1.0 keep-alive, then a request without it" 2
raw_is "[x['status'] for x in r] == [200, 200] and [body(i)['data']['id'] for i in range(2)] == [1, 2]"
raw_is "closed"
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/tests/2 HTTP/1.1\r\nHost: x\r\n\r\nPOST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n%s\r\n6\r\nname=p\r\n0\r\n\r\nGET /api/v1/tests/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' "$form"
raw "pipelined good requests are answered in order" 4
raw_is "[x['status'] for x in r] == [200, 200, 201, 200]"
raw_is "body(0)['data']['id'] == 1 and body(1)['data']['id'] == 2 and body(2)['data']['name'] == 'p' and body(3)['data']['id'] == 3"
raw_is "closed"
bytes 'GET /api/v1/tests/1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /api/v1/tests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n%s\r\n%s' "$form" "$smuggled"
raw "a good request, then a smuggling one" 3
raw_is "[x['status'] for x in r] == [200, 400] and error(1).get('parameter') == 'Transfer-Encoding' and closed"
item_5_exists
alive
