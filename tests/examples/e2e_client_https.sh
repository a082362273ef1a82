# kayako-client over HTTPS with `--transport curl` (sourced by e2e_client.sh when
# E2E_CLIENT_TRANSPORT=curl): a local TLS proxy (tls_proxy.py) in front of the server, with a
# certificate for 127.0.0.1 made for this run, so nothing on the machine trusts it but --cacert.
tls="$work/tls"
mkdir -p "$tls"
current="a certificate for 127.0.0.1 (openssl req -x509)"
if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>"$tls/openssl.err"
then pass; else fail "openssl: $(cat "$tls/openssl.err")"; fi

python3 "$(dirname "${BASH_SOURCE[0]}")/tls_proxy.py" "$tls/cert.pem" "$tls/key.pem" "$port" "$tls" >"$tls/proxy.out" 2>&1 &
proxy_pid=$!
trap 'kill "$proxy_pid" 2>/dev/null; wait "$proxy_pid" 2>/dev/null; cleanup' EXIT  # e2e.sh's cleanup, after the proxy
proxy_port=
for _ in $(seq 100); do
    proxy_port=$(sed -n 's/^tls proxy listening on //p' "$tls/proxy.out")
    [ -n "$proxy_port" ] && break
    sleep 0.1
done
current="the TLS proxy starts"
if [ -n "$proxy_port" ]; then pass; else fail "no proxy: $(cat "$tls/proxy.out")"; fi
plain_base=$base
base="https://127.0.0.1:$proxy_port"  # client() and state_json now speak to the proxy
connections() { if [ -f "$tls/connections" ]; then wc -l <"$tls/connections"; else echo 0; fi; }

client "https: a certificate nobody trusts is refused" GET tests/1
rc_is 1
err_has "TLS failed"
current="https: a refused certificate carries no request"
if [ "$(connections)" = 0 ] && [ ! -s "$tls/requests" ]; then pass; else fail "the proxy saw a request: $(head -c 300 "$tls/requests" 2>/dev/null)"; fi
client "https: --cacert with no such file" --cacert "$tls/missing.pem" GET tests/1
rc_is 1
err_has "TLS failed"

client "https: GET with --cacert" --cacert "$tls/cert.pem" GET tests/1
rc_is 0
out_has "HTTP 200 OK"
out_has '"name": "Test 1"'
client "https: login opens a session" --cacert "$tls/cert.pem" --user norton.low@eyecloud.com --password B2WwHWTJzI49NM GET users/1
rc_is 0
out_has "session: "
out_has '"full_name": "Norton Low"'
state_json "len(d['session_id']) >= 32 and len(d['csrf_token']) >= 32"
client "https: the session is reused" --cacert "$tls/cert.pem" --no-cache GET users/1
rc_is 0
out_has '"full_name": "Norton Low"'
client "https: POST in the session with its CSRF token" --cacert "$tls/cert.pem" POST tests 'name=Over TLS' --include user
rc_is 0
out_has "HTTP 201 Created"
out_has '"name": "Over TLS"'
out_has '"full_name": "Norton Low"'
client "https: HEAD reads no body" --cacert "$tls/cert.pem" --no-cache HEAD tests/1
rc_is 0
out_has "etag: \""

# One run, two exchanges (the token, then the request): one TLS connection, kept alive.
before=$(connections)
client "https: OAuth token and request in one run" --cacert "$tls/cert.pem" --no-cache \
    --oauth-client kayako-demo-client:kayako-demo-secret --user norton.low@eyecloud.com --password B2WwHWTJzI49NM GET users/1
rc_is 0
out_has "OAuth token obtained"
out_has '"full_name": "Norton Low"'
current="https: the second exchange reused the connection"
if [ "$(connections)" = $((before + 1)) ]; then pass; else fail "$(( $(connections) - before )) connections for one run"; fi

# The server's page links are http://: over https they are another origin, and not followed.
client "https: --all does not follow a link to http://" --cacert "$tls/cert.pem" --all GET tests count=25
rc_is 1
err_has "is not followed"

# libcurl adds `Expect: 100-continue` to a body over 1 MiB unless told not to; the server refuses
# this one (§21.14's body limit), so only the bytes on the wire are checked, below.
head -c 1100000 /dev/zero | tr '\0' a >"$tls/big.txt"
client "https: a body over 1 MiB" --cacert "$tls/cert.pem" --file "file=@$tls/big.txt" POST files
current="https: the large body reached the proxy"
if grep -q '^Content-Length: 1100000' "$tls/requests"; then pass; else fail "no 1100000-byte request; rc $rc: $(head -c 300 "$work/err")"; fi

# What libcurl wrote is what the client built: none of curl's own headers.
current="https: no Expect, no Accept: */*, the client's User-Agent"
if grep -qi '^Expect:' "$tls/requests"; then fail "an Expect header went out"
elif grep -qi '^Accept: \*/\*' "$tls/requests"; then fail "curl's Accept: */* went out"
elif ! grep -q '^User-Agent: kayako-client/' "$tls/requests"; then fail "no User-Agent: $(head -c 300 "$tls/requests")"
else pass; fi

kill "$proxy_pid" 2>/dev/null
wait "$proxy_pid" 2>/dev/null
trap cleanup EXIT
base=$plain_base
