# OAuth 2.0 (§11.3) and JWT single sign-on (§11.6) against the server (sourced by e2e.sh, which
# starts it with --oauth-token-lifetime 10 --oauth-code-lifetime 8 --jwt-secret e2e-jwt-secret):
# the token endpoint with curl (password and refresh grants, JSON and form bodies, client
# authentication in the body and with Basic, the RFC 6749 §5.2 errors), the Authorization Code
# grant (consent page, allow and deny, what is shown instead of redirected, the CSRF guard, codes
# used twice or expired, PKCE S256), the tokens on /api/v1 (Bearer and access_token, expiry,
# scopes, the RFC 6750 challenges), JWTs made here with Python's hmac (good, bad signature,
# expired, alg none, replayed), and kayako-client obtaining, reusing and refreshing a token.
client_id=kayako-demo-client client_secret=kayako-demo-secret
user=norton.low@eyecloud.com password=B2WwHWTJzI49NM
token_url="$base/oauth/token"
json_body() { printf '{"grant_type":"password","client_id":"%s","client_secret":"%s","username":"%s","password":"%s"%s}' \
    "$1" "$2" "$3" "$4" "${5:-}"; }
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/body" "$1"; }
oauth_error_is() {  # STATUS CODE: an RFC 6749 §5.2 answer, never cached
    status_is "$1"
    json "d['error'] == '$2' and 'status' not in d"
    header_is Cache-Control no-store
}

# ---- the token endpoint (RFC 6749) ----------------------------------------------------------------

call "password grant, JSON body as S5 sends it" -X POST "$token_url" -H 'Content-Type: application/json' \
    --data "$(json_body "$client_id" "$client_secret" "$user" "$password")"
status_is 200
json "d['token_type'] == 'Bearer' and d['expires_in'] == 10 and len(d['access_token']) == 32 and '.' not in d['access_token']"
json "d['refresh_token'] and d['scope'] == 'users:write conversations:write insights:write search:write configuration:write'"
header_is Cache-Control no-store
header_is Pragma no-cache
header_matches Content-Type '^application/json'
token=$(field access_token) refresh=$(field refresh_token)

call "Bearer on /api/v1: the user and the scheme" "$base/api/v1/tests/1" -H "Authorization: Bearer $token"
status_is 200
json "d['data']['authentication_scheme'] == 'OAUTH' and d['data']['user']['id'] == 1 and 'session_id' not in d"
no_header X-CSRF-Token
header_is Cache-Control private
call "access_token argument works alike" "$base/api/v1/users/1?access_token=$token"
status_is 200
json "d['data']['id'] == 1 and d['data']['full_name'] == 'Norton Low'"
call "a write with the token needs no CSRF token (no session)" -X POST "$base/api/v1/tests" -H "Authorization: Bearer $token" \
    --data 'name=OAuth+item'
status_is 201
json "d['data']['authentication_scheme'] == 'OAUTH'"
call "Bearer and access_token must agree (§11.9)" "$base/api/v1/tests/1?access_token=other" -H "Authorization: Bearer $token"
error_is 400 PARAMETERS_INCONSISTENT access_token

call "form body, client in Basic (RFC 6749 §2.3.1), narrower scope" -X POST "$token_url" -u "$client_id:$client_secret" \
    --data-urlencode grant_type=password --data-urlencode "username=$user" --data-urlencode "password=$password" \
    --data-urlencode 'scope=conversations:read'
status_is 200
json "d['scope'] == 'conversations:read'"
narrow=$(field access_token)
call "missing scope: 403 PERMISSIONS_DENIED with insufficient_scope" "$base/api/v1/users/1" -H "Authorization: Bearer $narrow"
error_is 403 PERMISSIONS_DENIED
header_is WWW-Authenticate 'Bearer realm="Kayako", error="insufficient_scope", error_description="the token'"'"'s scopes do not allow this", scope="users:read"'
call "the public Test resource needs no scope" "$base/api/v1/tests/2" -H "Authorization: Bearer $narrow"
status_is 200

call "wrong client secret: invalid_client 401" -X POST "$token_url" -H 'Content-Type: application/json' \
    --data "$(json_body "$client_id" wrong "$user" "$password")"
oauth_error_is 401 invalid_client
header_matches WWW-Authenticate '^Basic realm="Kayako OAuth"'
call "no client authentication: invalid_client" -X POST "$token_url" --data "grant_type=password&username=$user&password=$password"
oauth_error_is 401 invalid_client
call "wrong password: invalid_grant" -X POST "$token_url" -H 'Content-Type: application/json' \
    --data "$(json_body "$client_id" "$client_secret" "$user" wrong)"
oauth_error_is 400 invalid_grant
call "bad grant type: unsupported_grant_type" -X POST "$token_url" --data "grant_type=client_credentials&client_id=$client_id&client_secret=$client_secret"
oauth_error_is 400 unsupported_grant_type
call "authorization_code: an unknown code" -X POST "$token_url" --data "grant_type=authorization_code&code=x&client_id=$client_id&client_secret=$client_secret"
oauth_error_is 400 invalid_grant
call "missing username: invalid_request" -X POST "$token_url" --data "grant_type=password&password=x&client_id=$client_id&client_secret=$client_secret"
oauth_error_is 400 invalid_request
json "'username' in d['error_description']"
call "unknown scope: invalid_scope" -X POST "$token_url" --data "grant_type=password&username=$user&password=$password&scope=tickets&client_id=$client_id&client_secret=$client_secret"
oauth_error_is 400 invalid_scope
call "secret in Basic and body: invalid_request (RFC 6749 §2.3)" -X POST "$token_url" -u "$client_id:$client_secret" \
    --data "grant_type=password&username=$user&password=$password&client_secret=$client_secret"
oauth_error_is 400 invalid_request
call "GET on the token endpoint: 405" "$token_url"
status_is 405
header_is Allow POST
call "a 2FA account cannot skip its code" -X POST "$token_url" -H 'Content-Type: application/json' \
    --data "$(json_body "$client_id" "$client_secret" otto.factor@eyecloud.com Tw0Factor-Demo)"
oauth_error_is 400 invalid_grant

# ---- the Authorization Code grant (§11.3; RFC 6749 §4.1, RFC 7636) ---------------------------------

authorize_url="$base/oauth/token/authorize"
callback=http://127.0.0.1/callback  # the server's default --oauth-redirect-uri
callback_arg='http%3A%2F%2F127.0.0.1%2Fcallback'
# form_of DECISION: the consent page's hidden fields and the decision, form-encoded for curl.
form_of() {
    python3 - "$work/body" "$1" <<'PY'
import html.parser, sys, urllib.parse
class Form(html.parser.HTMLParser):
    fields = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden":
            self.fields.append((a["name"], a["value"]))
f = Form()
f.feed(open(sys.argv[1], encoding="utf-8").read())
print(urllib.parse.urlencode(f.fields + [("decision", sys.argv[2])]))
PY
}
# location_arg NAME: an argument of the redirect's query, decoded.
location_arg() {
    python3 -c 'import sys, urllib.parse as u; print(u.parse_qs(u.urlsplit(sys.argv[1]).query).get(sys.argv[2], [""])[0])' \
        "$(header Location)" "$1"
}
body_has() { if grep -qF -- "$1" "$work/body"; then pass; else fail "body lacks '$1': $(body_head)"; fi; }
body_lacks() { if grep -qF -- "$1" "$work/body"; then fail "body has '$1'"; else pass; fi; }
# consent NAME ARGS: shows the consent page to the demo user, keeps its form in $form.
consent() {
    call "$1" -u "$user:$password" "$authorize_url?response_type=code&client_id=$client_id&$2"
    status_is 200
    form=$(form_of allow)
}
# allowed NAME: POSTs $form (allow), keeps the code of the redirect in $code.
allowed() {
    call "$1" -u "$user:$password" -X POST "$authorize_url" --data "$form"
    status_is 302
    code=$(location_arg code)
}
exchange() {  # NAME [CURL-ARGS]: the token request for $code
    local name=$1; shift
    call "$name" -X POST "$token_url" -u "$client_id:$client_secret" --data-urlencode grant_type=authorization_code \
        --data-urlencode "code=$code" "$@"
}

call "authorize: no credentials, a Basic challenge" "$authorize_url?response_type=code&client_id=$client_id&state=s1"
status_is 401
header_matches WWW-Authenticate '^Basic realm="Kayako OAuth authorization"'
call "authorize: a wrong password, the challenge again" -u "$user:wrong" "$authorize_url?response_type=code&client_id=$client_id"
status_is 401
header_matches WWW-Authenticate '^Basic '
consent "authorize: the consent page, escaped" "redirect_uri=$callback_arg&scope=users:read&state=s%3Cb%3E%221"
header_matches Content-Type '^text/html'
header_is Cache-Control no-store
header_is X-Frame-Options DENY
header_matches Content-Security-Policy "frame-ancestors 'none'"
body_has 'kayako-demo-client'
body_has '<code>users:read</code>'
body_has 'Norton Low'
body_has 'value="s&lt;b&gt;&quot;1"'
body_lacks 's<b>'
page_form=$form
allowed "authorize: allow, a 302 with code and state"
header_matches Location '^http://127\.0\.0\.1/callback\?code=[A-Za-z0-9]{32}&state=s%3Cb%3E%221$'
exchange "token: the code for tokens (RFC 6749 §4.1.3)" --data-urlencode "redirect_uri=$callback"
status_is 200
header_is Cache-Control no-store
json "d['scope'] == 'users:read' and d['refresh_token'] and d['expires_in'] == 10 and d['token_type'] == 'Bearer'"
code_token=$(field access_token) code_refresh=$(field refresh_token)
call "the code's token works on /api/v1/users" "$base/api/v1/users/1" -H "Authorization: Bearer $code_token"
status_is 200
json "d['data']['id'] == 1"
call "the code's token may read, not write (users:read)" -X PUT "$base/api/v1/users/1" -H "Authorization: Bearer $code_token" --data 'full_name=X'
error_is 403 PERMISSIONS_DENIED
exchange "a code used twice: invalid_grant" --data-urlencode "redirect_uri=$callback"
oauth_error_is 400 invalid_grant
call "...and the tokens issued from it are revoked (RFC 6749 §4.1.2)" "$base/api/v1/users/1" -H "Authorization: Bearer $code_token"
error_is 401 AUTHENTICATION_FAILED
call "...the refresh token too" -X POST "$token_url" --data "grant_type=refresh_token&refresh_token=$code_refresh&client_id=$client_id&client_secret=$client_secret"
oauth_error_is 400 invalid_grant
form=$page_form
call "the consent form is answered once (CSRF guard)" -u "$user:$password" -X POST "$authorize_url" --data "$form"
status_is 403
no_header Location
call "a POST without the form's consent value: refused, not redirected" -u "$user:$password" -X POST "$authorize_url" \
    --data "response_type=code&client_id=$client_id&decision=allow"
status_is 403
no_header Location

consent "authorize: a page to deny" "state=s2"
form=$(form_of deny)
call "authorize: deny, access_denied (RFC 6749 §4.1.2.1)" -u "$user:$password" -X POST "$authorize_url" --data "$form"
status_is 302
header_matches Location '^http://127\.0\.0\.1/callback\?error=access_denied&error_description=[^&]+&state=s2$'
consent "authorize: a form whose scope is then widened" "scope=users:read&state=s5"
form=${form/scope=users%3Aread/scope=users}
call "a form changed after it was shown: refused" -u "$user:$password" -X POST "$authorize_url" --data "$form"
status_is 403
no_header Location

call "an unregistered redirect_uri is shown, never redirected" -u "$user:$password" \
    "$authorize_url?response_type=code&client_id=$client_id&redirect_uri=http%3A%2F%2Fevil.example%2Fcb&state=s3"
status_is 400
no_header Location
body_has 'redirect_uri is not the one registered'
call "an unknown client is shown, never redirected" "$authorize_url?response_type=code&client_id=other&state=s3"
status_is 400
no_header Location
call "a redirect_uri with a fragment is shown, never redirected" "$authorize_url?response_type=code&client_id=$client_id&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback%23x"
status_is 400
no_header Location
call "a bad response_type goes back to the client" "$authorize_url?response_type=token&client_id=$client_id&state=s4"
status_is 302
header_matches Location '^http://127\.0\.0\.1/callback\?error=unsupported_response_type&error_description=[^&]+&state=s4$'
call "a bad scope goes back to the client" "$authorize_url?response_type=code&client_id=$client_id&scope=tickets&state=s6"
status_is 302
header_matches Location '^http://127\.0\.0\.1/callback\?error=invalid_scope&'

# PKCE (RFC 7636): S256, the challenge made here with Python's hashlib.
verifier=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
challenge=$(python3 -c 'import base64, hashlib, sys; print(base64.urlsafe_b64encode(hashlib.sha256(sys.argv[1].encode()).digest()).rstrip(b"=").decode())' "$verifier")
consent "authorize: with a PKCE challenge" "code_challenge=$challenge&code_challenge_method=S256&state=p1"
body_has "value=\"$challenge\""
allowed "authorize: allow, a code bound to the challenge"
exchange "PKCE: no code_verifier, invalid_grant"
oauth_error_is 400 invalid_grant
json "'code_verifier' in d['error_description']"
exchange "PKCE: a wrong code_verifier, invalid_grant" --data-urlencode "code_verifier=${verifier}x"
oauth_error_is 400 invalid_grant
exchange "PKCE: a malformed code_verifier, invalid_request" --data-urlencode "code_verifier=short"
oauth_error_is 400 invalid_request
exchange "PKCE: another redirect_uri than none, invalid_grant" --data-urlencode "code_verifier=$verifier" \
    --data-urlencode "redirect_uri=http://127.0.0.1/other"
oauth_error_is 400 invalid_grant
exchange "PKCE: the right code_verifier" --data-urlencode "code_verifier=$verifier"
status_is 200
json "d['scope'].startswith('users:write')"
consent "authorize: without a challenge" "state=p2"
allowed "authorize: allow, a code without a challenge"
exchange "a code_verifier for a code without a challenge: invalid_grant (no downgrade)" \
    --data-urlencode "code_verifier=$verifier"
oauth_error_is 400 invalid_grant
call "another client's credentials for the code: invalid_client first" -X POST "$token_url" -u "other:$client_secret" \
    --data "grant_type=authorization_code&code=$code"
oauth_error_is 401 invalid_client
consent "authorize: a code left to expire" "state=late"
allowed "authorize: allow, a code that lives 5 s"
late_code=$code

# ---- unknown and expired tokens (RFC 6750 §3.1) ----------------------------------------------------

call "unknown token: 401 AUTHENTICATION_FAILED with the Bearer challenge" "$base/api/v1/tests/1" -H 'Authorization: Bearer 4b1442a6-38d1-ae34-9d55-adf5b41d6417'
error_is 401 AUTHENTICATION_FAILED
header_is WWW-Authenticate 'Bearer realm="Kayako", error="invalid_token", error_description="unknown or expired access token"'
sleep 11  # the tokens live 10 s, the codes 8 s (long enough for a loaded CI machine to use them first)
code=$late_code
exchange "an expired code: invalid_grant"
oauth_error_is 400 invalid_grant
call "expired token: 401 with invalid_token" "$base/api/v1/tests/1" -H "Authorization: Bearer $token"
error_is 401 AUTHENTICATION_FAILED
header_matches WWW-Authenticate 'error="invalid_token"'
call "refresh_token grant: a new pair" -X POST "$token_url" --data "grant_type=refresh_token&refresh_token=$refresh&client_id=$client_id&client_secret=$client_secret"
status_is 200
json "d['access_token'] != '$token' and d['refresh_token'] != '$refresh' and d['expires_in'] == 10"
fresh=$(field access_token)
call "the refreshed token works" "$base/api/v1/users/1" -H "Authorization: Bearer $fresh"
status_is 200
call "a refresh token is used once (rotation)" -X POST "$token_url" --data "grant_type=refresh_token&refresh_token=$refresh&client_id=$client_id&client_secret=$client_secret"
oauth_error_is 400 invalid_grant

# ---- JWT single sign-on (§11.6) ---------------------------------------------------------------------

# jwt ALG SECRET CLAIMS-JSON [HEADER-JSON]: a compact JWS made with Python's hmac.
jwt() {
    python3 - "$@" <<'PY'
import base64, hashlib, hmac, json, sys, time
alg, secret, claims = sys.argv[1], sys.argv[2], sys.argv[3]
header = sys.argv[4] if len(sys.argv) > 4 else json.dumps({"alg": alg, "typ": "JWT"})
now = int(time.time())
payload = json.dumps(eval(claims, {"now": now}))
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
signing_input = b64(header.encode()) + "." + b64(payload.encode())
digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}.get(alg)
signature = hmac.new(secret.encode(), signing_input.encode(), digest).digest() if digest else b""
print(signing_input + "." + b64(signature))
PY
}
agent_claims() { echo "{'iat': now, 'jti': '$1', 'email': '$user', 'name': 'Norton Low', 'role': 'agent'${2:-}}"; }

for alg in HS256 HS384 HS512; do
    call "JWT $alg signs in and opens a session" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt $alg e2e-jwt-secret "$(agent_claims "id-$alg")")"
    status_is 200
    json "d['data']['authentication_scheme'] == 'JWT' and d['data']['user']['id'] == 1 and d['session_id']"
    header_matches X-CSRF-Token '.'
done
session=$(field session_id)
call "the JWT's session is a session" "$base/api/v1/session" -H "X-Session-ID: $session"
status_is 200
call "_jwt argument works too" "$base/api/v1/tests/1?_jwt=$(jwt HS256 e2e-jwt-secret "$(agent_claims id-arg)")"
status_is 200
json "d['data']['authentication_scheme'] == 'JWT'"
replayed=$(jwt HS256 e2e-jwt-secret "$(agent_claims id-replay)")
call "a jti once" "$base/api/v1/tests/1" -H "Authorization: Bearer $replayed"
status_is 200
call "the same jti again: refused" "$base/api/v1/tests/1" -H "Authorization: Bearer $replayed"
error_is 401 AUTHENTICATION_FAILED
header_matches WWW-Authenticate 'error_description="the token was used already"'
call "bad signature" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt HS256 wrong-secret "$(agent_claims id-bad)")"
error_is 401 AUTHENTICATION_FAILED
header_matches WWW-Authenticate 'error="invalid_token", error_description="signature verification failed'
call "expired (exp past, beyond the 60 s leeway)" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt HS256 e2e-jwt-secret "$(agent_claims id-exp ", 'exp': now - 61")")"
error_is 401 AUTHENTICATION_FAILED
header_matches WWW-Authenticate 'token expired'
call "iat older than the replay window" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt HS256 e2e-jwt-secret "{'iat': now - 400, 'jti': 'old', 'email': '$user', 'role': 'agent'}")"
error_is 401 AUTHENTICATION_FAILED
header_matches WWW-Authenticate 'token issued too long ago'
call "alg none: refused" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt none x "$(agent_claims id-none)" '{"alg":"none"}')"
error_is 401 AUTHENTICATION_FAILED
header_matches WWW-Authenticate 'unsupported JWS algorithm'
call "role customer (the default) for an agent's account: refused" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt HS256 e2e-jwt-secret "{'iat': now, 'jti': 'cust', 'email': '$user'}")"
error_is 401 AUTHENTICATION_FAILED
call "unknown email: refused" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt HS256 e2e-jwt-secret "{'iat': now, 'jti': 'who', 'email': 'nobody@example.com', 'role': 'agent'}")"
error_is 401 AUTHENTICATION_FAILED
call "no jti: refused" "$base/api/v1/tests/1" -H "Authorization: Bearer $(jwt HS256 e2e-jwt-secret "{'iat': now, 'email': '$user', 'role': 'agent'}")"
error_is 401 AUTHENTICATION_FAILED

# ---- kayako-client ---------------------------------------------------------------------------------

export KAYAKO_CLIENT_STATE="$work/oauth-client-state.json"
client() {
    current=$1; shift
    "$client" --base "$base" "$@" >"$work/out" 2>"$work/err"
    rc=$?
}
rc_is() { if [ "$rc" = "$1" ]; then pass; else fail "exit status $rc, expected $1; output: $(head -c 400 "$work/out") $(head -c 300 "$work/err")"; fi; }
out_has() { if grep -qF -- "$1" "$work/out"; then pass; else fail "output lacks '$1': $(head -c 600 "$work/out") $(head -c 300 "$work/err")"; fi; }
state_json() {
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[sys.argv[2]]; sys.exit(0 if eval(sys.argv[3]) else 1)' \
        "$KAYAKO_CLIENT_STATE" "$base" "$1"; then pass; else fail "state check failed: $1; state: $(cat "$KAYAKO_CLIENT_STATE" 2>/dev/null)"; fi
}

client "--oauth-client without --user: usage" --oauth-client "$client_id:$client_secret"
rc_is 2
client "client: wrong secret" --oauth-client "$client_id:nope" --user "$user" --password "$password"
rc_is 1
if grep -qF invalid_client "$work/err"; then pass; else fail "no invalid_client in: $(cat "$work/err")"; fi
client "client obtains a token and uses it" --oauth-client "$client_id:$client_secret" --user "$user" --password "$password" GET users/1
rc_is 0
out_has "OAuth token obtained"
out_has "HTTP 200 OK"
state_json "len(d['access_token']) == 32 and d['refresh_token'] and d['oauth_client_id'] == '$client_id' and 'session_id' not in d"
client "client reuses the token as Bearer" --verbose --no-cache GET tests/1
rc_is 0
if grep -qF "> Authorization: Bearer" "$work/err"; then pass; else fail "no Bearer in: $(head -c 600 "$work/err")"; fi
out_has '"authentication_scheme": "OAUTH"'
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["access_token"])' "$KAYAKO_CLIENT_STATE" "$base")
sleep 11
client "expired by the clock: refreshed first" --no-cache GET users/1
rc_is 0
out_has "OAuth token refreshed"
out_has "HTTP 200 OK"
state_json "d['access_token'] != '$first'"
sleep 11
# The server's clock says expired, the client's state says not: the 401 makes it refresh, once.
python3 -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d[sys.argv[2]]["token_expires"]=4102444800; json.dump(d, open(p, "w"))' \
    "$KAYAKO_CLIENT_STATE" "$base"
client "refused by the server: refreshed, sent again" --no-cache GET users/1
rc_is 0
out_has "OAuth token refreshed"
out_has "HTTP 200 OK"
client "--logout forgets the token" --logout
state_json "'access_token' not in d and 'refresh_token' not in d"
