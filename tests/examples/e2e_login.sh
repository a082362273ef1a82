# Multi-step login and sessions (sourced by e2e.sh, server flags `--lockout-failures 5
# --lockout-seconds 30`): the OTP step with a TOTP code computed here (RFC 6238, §11.2), the
# password step (§11.2), single-use step tokens bound to their step, 454 where §11.8 says,
# the session resource's ack and logout (§11.7), remember-me tokens (§11.5), and kayako-client
# through the same steps. Section numbers are the spec's.

otp_user=otto.factor@eyecloud.com otp_password=Tw0Factor-Demo otp_secret=JBSWY3DPEHPK3PXP
expired_user=ellen.expired@eyecloud.com expired_user_2=evan.expired@eyecloud.com expired_password=Expired-Demo-1
# totp OFFSET — the RFC 6238 code (HMAC-SHA-1, 30 s, 6 digits) of the time step OFFSET steps from
# now. Close to the end of a step it waits for the next one, so that the code cannot fall out of
# the server's window (one step either side) on its way there.
totp() {
    python3 - "$otp_secret" "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
secret, offset = base64.b32decode(sys.argv[1]), int(sys.argv[2])
if time.time() % 30 > 27:
    time.sleep(30 - time.time() % 30 + 0.2)
step = int(time.time()) // 30 + offset
digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
o = digest[-1] & 0x0F
print("%06d" % ((struct.unpack(">I", digest[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' "$work/body" "$1"; }
otp_step() {  # otp_step LABEL — a right password for the 2FA user: 403 OTP_EXPECTED; sets $token
    call "$1" -u "$otp_user:$otp_password" "$base/api/v1/tests/1"
    error_is 403 OTP_EXPECTED
    token=$(field auth_token)
}

# --- The OTP step (§11.2) ------------------------------------------------------------------------
otp_step "2FA user, right password: 403 OTP_EXPECTED with auth_token and the INFO notification"
json "d['notifications'] == [{'type': 'INFO', 'message': 'Two-factor authentication is enabled for your account'}]"
json "len(d['auth_token']) >= 32 and 'session_id' not in d and list(d) == ['status', 'errors', 'notifications', 'auth_token']"
no_header X-CSRF-Token
header_is Cache-Control private
call "the step token is no session: 454 (§11.8)" -H "X-Token: $token" "$base/api/v1/tests/1"
error_is 454 SESSION_LOADING_FAILED X-Token
call "a code without its token: 400 FIELD_REQUIRED" -H "X-OTP: 123456" "$base/api/v1/tests/1"
error_is 400 FIELD_REQUIRED X-Token
call "5 digits: 400 FIELD_INVALID, the token survives" -H "X-Token: $token" -H "X-OTP: 12345" "$base/api/v1/tests/1"
error_is 400 FIELD_INVALID X-OTP
call "7 digits" -H "X-Token: $token" -H "X-OTP: 1234567" "$base/api/v1/tests/1"
error_is 400 FIELD_INVALID X-OTP
call "_otp that is not digits names _otp" -H "X-Token: $token" "$base/api/v1/tests/1?_otp=12345x"
error_is 400 FIELD_INVALID _otp
call "X-Token and _token differ: 400 PARAMETERS_INCONSISTENT (§11.9)" -H "X-Token: $token" -H "X-OTP: 123456" \
    "$base/api/v1/tests/1?_token=other"
error_is 400 PARAMETERS_INCONSISTENT _token
call "X-OTP and _otp differ" -H "X-Token: $token" -H "X-OTP: 123456" "$base/api/v1/tests/1?_otp=654321"
error_is 400 PARAMETERS_INCONSISTENT _otp
# 10#: a code with a leading 0 is decimal, not octal.
wrong=$(( (10#$(totp 0) + 500000) % 1000000 )); wrong=$(printf '%06d' "$wrong")
call "a wrong code: 401 AUTHENTICATION_FAILED naming X-OTP" -H "X-Token: $token" -H "X-OTP: $wrong" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-OTP
call "the token was used up by the wrong code" -H "X-Token: $token" -H "X-OTP: $(totp 0)" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-Token

otp_step "a new login"
code=$(totp -1)
call "X-Token + X-OTP (the code of the step before: window of one step): 200 and a session" \
    -H "X-Token: $token" -H "X-OTP: $code" "$base/api/v1/tests/1"
status_is 200
json "len(d['session_id']) >= 32 and d['data']['authentication_scheme'] == 'BASIC' and d['data']['user']['id'] == 101"
header_matches X-CSRF-Token '^[A-Za-z0-9]{32,}$'
otp_session=$(field session_id)
call "the token works once" -H "X-Token: $token" -H "X-OTP: $code" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-Token
call "the session works" -H "X-Session-ID: $otp_session" "$base/api/v1/session"
status_is 200
json "d['data']['user']['id'] == 101"
otp_step "another login"
call "the accepted code again, with a fresh token: refused (RFC 6238 §5.2)" -H "X-Token: $token" -H "X-OTP: $code" \
    "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-OTP
otp_step "and another"
call "_token and _otp as arguments, on /session" "$base/api/v1/session?_token=$token&_otp=$(totp 0)"
status_is 200
json "d['data']['id'] == d['session_id'] and d['data']['user']['id'] == 101"

# --- The password step (§11.2) -----------------------------------------------------------------
call "expired password: 403 CREDENTIAL_EXPIRED with auth_token" -u "$expired_user:$expired_password" "$base/api/v1/tests/1"
error_is 403 CREDENTIAL_EXPIRED
json "len(d['auth_token']) >= 32 and 'notifications' not in d and 'session_id' not in d"
ptoken=$(field auth_token)
call "the password token on another endpoint: 454 (§11.8)" -H "X-Token: $ptoken" "$base/api/v1/session"
error_is 454 SESSION_LOADING_FAILED X-Token
call "the password token for the OTP step: 401, and used up" -H "X-Token: $ptoken" -H "X-OTP: 123456" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-Token
call "used up" -X PUT -H "X-Token: $ptoken" -d new_password=Fresh-Passw0rd "$base/api/v1/profile/password"
error_is 401 AUTHENTICATION_FAILED X-Token
call "again: CREDENTIAL_EXPIRED" -u "$expired_user:$expired_password" "$base/api/v1/tests/1"
ptoken=$(field auth_token)
otp_step "an OTP token"
call "an OTP-step token on the password endpoint: 401" -X PUT -H "X-Token: $token" -d new_password=Fresh-Passw0rd \
    "$base/api/v1/profile/password"
error_is 401 AUTHENTICATION_FAILED X-Token
call "no new_password: 400 FIELD_REQUIRED" -X PUT -H "X-Token: $ptoken" "$base/api/v1/profile/password"
error_is 400 FIELD_REQUIRED new_password
call "a weak password: 400 PASSWORD_POLICY_VIOLATION, the token survives" -X PUT -H "X-Token: $ptoken" \
    -d new_password=short "$base/api/v1/profile/password"
error_is 400 PASSWORD_POLICY_VIOLATION new_password
call "the expired password again is weak too" -X PUT -H "X-Token: $ptoken" -d "new_password=$expired_password" \
    "$base/api/v1/profile/password"
error_is 400 PASSWORD_POLICY_VIOLATION new_password
call "GET on the password endpoint: 405" -H "X-Token: $ptoken" "$base/api/v1/profile/password"
error_is 405 METHOD_NOT_SUPPORTED
call "a good password (§11.2's example request): 200 and a session" -X PUT -H "X-Token: $ptoken" \
    -d new_password=xgw4sUBXQKaQT3pg "$base/api/v1/profile/password.json"
status_is 200
json "len(d['session_id']) >= 32"
header_matches X-CSRF-Token '^[A-Za-z0-9]{32,}$'
call "the token works once" -X PUT -H "X-Token: $ptoken" -d new_password=xgw4sUBXQKaQT3pg2 "$base/api/v1/profile/password"
error_is 401 AUTHENTICATION_FAILED X-Token
call "the old password is gone" -u "$expired_user:$expired_password" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED
call "the new one logs straight in" -u "$expired_user:xgw4sUBXQKaQT3pg" "$base/api/v1/tests/1"
status_is 200
json "len(d['session_id']) >= 32"
call "no step token, anonymously: 401" -X PUT -d new_password=xgw4sUBXQKaQT3pg "$base/api/v1/profile/password"
error_is 401 AUTHORIZATION_REQUIRED

# --- Sessions: §11.8's 454, ack (§11.7), logout --------------------------------------------------
call "a login" -u "norton.low@eyecloud.com:B2WwHWTJzI49NM" "$base/api/v1/tests/1"
session=$(field session_id); csrf=$(header X-CSRF-Token)
call "credentials with another user's session: 454 (§11.8)" -u "norton.low@eyecloud.com:B2WwHWTJzI49NM" \
    -H "X-Session-ID: $otp_session" "$base/api/v1/tests/1"
error_is 454 SESSION_LOADING_FAILED X-Session-ID
call "PUT /session/ack without the CSRF token: 403 (§10)" -X PUT -H "X-Session-ID: $session" "$base/api/v1/session/ack"
error_is 403 CSRF_FAILED
call "PUT /session/ack.json (§11.7): the session, active" -X PUT -H "X-Session-ID: $session" -H "X-CSRF-Token: $csrf" \
    "$base/api/v1/session/ack.json"
status_is 200
json "d['resource'] == 'session' and d['data']['id'] == '$session' and d['data']['status'] == 'ONLINE'"
call "GET /session/ack: 405" -H "X-Session-ID: $session" "$base/api/v1/session/ack"
error_is 405 METHOD_NOT_SUPPORTED
call "ack without a session: 401" -X PUT "$base/api/v1/session/ack"
error_is 401 AUTHORIZATION_REQUIRED

# --- Remember-me (§11.5) ------------------------------------------------------------------------
device=3f0c5a2e-8d7b-4c11-9e2a-5b6d7e8f9a01
call "remember_me=true without X-Fingerprint: 400 FIELD_REQUIRED" -H "X-Session-ID: $session" \
    "$base/api/v1/session?remember_me=true"
error_is 400 FIELD_REQUIRED X-Fingerprint
no_header X-RememberMe
call "GET /session?remember_me=true: the token in X-RememberMe" -H "X-Session-ID: $session" -H "X-Fingerprint: $device" \
    "$base/api/v1/session?remember_me=true"
status_is 200
header_matches X-RememberMe '^[A-Za-z0-9]{32,}$'
remember=$(header X-RememberMe)
call "without remember_me: no token" -H "X-Session-ID: $session" -H "X-Fingerprint: $device" "$base/api/v1/session"
no_header X-RememberMe
call "logout without the token keeps it" -X DELETE -H "X-Session-ID: $session" -H "X-CSRF-Token: $csrf" "$base/api/v1/session"
status_is 200
call "the session is gone: 454" -H "X-Session-ID: $session" "$base/api/v1/session"
error_is 454 SESSION_LOADING_FAILED
call "the gone session with the token: a new session" -H "X-Session-ID: $session" -H "X-RememberMe: $remember" \
    -H "X-Fingerprint: $device" "$base/api/v1/session"
status_is 200
json "d['session_id'] != '$session' and d['data']['id'] == d['session_id'] and d['data']['user']['id'] == 1"
header_matches X-CSRF-Token '^[A-Za-z0-9]{32,}$'
new_session=$(field session_id); new_csrf=$(header X-CSRF-Token)
call "no session at all, the token: a new session" -H "X-RememberMe: $remember" -H "X-Fingerprint: $device" \
    "$base/api/v1/tests/1"
status_is 200
json "len(d['session_id']) >= 32 and d['data']['user']['id'] == 1"
call "the token on another device: 401 naming X-RememberMe" -H "X-RememberMe: $remember" \
    -H "X-Fingerprint: 00000000-0000-4000-8000-000000000000" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-RememberMe
call "the token without a device: 400" -H "X-RememberMe: $remember" "$base/api/v1/tests/1"
error_is 400 FIELD_REQUIRED X-Fingerprint
call "a made-up token: 401" -H "X-RememberMe: madeup" -H "X-Fingerprint: $device" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-RememberMe
call "a live session wins over the token" -H "X-Session-ID: $new_session" -H "X-RememberMe: madeup" \
    -H "X-Fingerprint: $device" "$base/api/v1/session"
status_is 200
json "'session_id' not in d and d['data']['id'] == '$new_session'"
call "logout with the token forgets it" -X DELETE -H "X-Session-ID: $new_session" -H "X-CSRF-Token: $new_csrf" \
    -H "X-RememberMe: $remember" -H "X-Fingerprint: $device" "$base/api/v1/session"
status_is 200
call "the forgotten token: 401" -H "X-RememberMe: $remember" -H "X-Fingerprint: $device" "$base/api/v1/tests/1"
error_is 401 AUTHENTICATION_FAILED X-RememberMe

# --- kayako-client through the steps -----------------------------------------------------------
export KAYAKO_CLIENT_STATE="$work/login-client.json"
kc() { current=$1; shift; "$client" --base "$base" "$@" >"$work/out" 2>"$work/err" </dev/null; rc=$?; }
rc_is() { if [ "$rc" = "$1" ]; then pass; else fail "exit status $rc, expected $1; output: $(head -c 400 "$work/out") $(head -c 300 "$work/err")"; fi; }
out_has() { if grep -qF -- "$1" "$work/out" "$work/err"; then pass; else fail "output lacks '$1': $(head -c 600 "$work/out") $(head -c 300 "$work/err")"; fi; }
state_json() {
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[sys.argv[2]]; sys.exit(0 if eval(sys.argv[3]) else 1)' \
        "$KAYAKO_CLIENT_STATE" "$base" "$1"; then pass; else fail "state check failed: $1; state: $(cat "$KAYAKO_CLIENT_STATE" 2>/dev/null)"; fi
}
kc "client, 2FA user without --otp (no terminal): asks for it" --user "$otp_user" --password "$otp_password" GET tests/1
rc_is 2
out_has "give --otp CODE"
kc "client --otp" --user "$otp_user" --password "$otp_password" --otp "$(totp 1)" GET tests/1
rc_is 0
out_has "login step: one-time password"
out_has "HTTP 200 OK"
state_json "len(d['session_id']) >= 32 and len(d['csrf_token']) >= 32"
kc "client in the 2FA session" GET session
rc_is 0
out_has '"id": 101'
kc "client, expired password without --new-password" --user "$expired_user_2" --password "$expired_password" GET tests/1
rc_is 2
out_has "give --new-password PW"
kc "client --new-password: the step, then the request in the new session" --user "$expired_user_2" \
    --password "$expired_password" --new-password Client-Passw0rd GET session
rc_is 0
out_has "password updated"
out_has '"id": 103'
kc "client --remember-me on GET session" --remember-me GET session
rc_is 0
out_has "remember-me token kept"
state_json "len(d['remember_me']) >= 32 and len(d['fingerprint']) == 36"
old_session=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["session_id"])' "$KAYAKO_CLIENT_STATE" "$base")
call "the client's session logged out behind its back" -X DELETE -H "X-Session-ID: $old_session" \
    -H "X-CSRF-Token: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["csrf_token"])' "$KAYAKO_CLIENT_STATE" "$base")" \
    "$base/api/v1/session"
status_is 200
kc "client: the remember-me token opens a new session" GET session
rc_is 0
out_has '"id": 103'
state_json "d['session_id'] != '$old_session' and len(d['session_id']) >= 32"

# --- Lock-out (§11.1): wrong codes count with wrong passwords ------------------------------------
otp_step "a token kept for later"
kept=$token
for i in 1 2 3 4 5; do
    otp_step "lock-out: login $i"
    call "lock-out: wrong code $i" -H "X-Token: $token" -H "X-OTP: $wrong" "$base/api/v1/tests/1"
    error_is 401 AUTHENTICATION_FAILED X-OTP
done
call "the name is locked: the right password gets 429" -u "$otp_user:$otp_password" "$base/api/v1/tests/1"
error_is 429 AUTHENTICATION_LOCKED
header_matches Retry-After '^[0-9]+$'
call "a kept token with the right code: 429 too" -H "X-Token: $kept" -H "X-OTP: $(totp 1)" "$base/api/v1/tests/1"
error_is 429 AUTHENTICATION_LOCKED
header_matches Retry-After '^[0-9]+$'
call "the other accounts are not locked" -u "norton.low@eyecloud.com:B2WwHWTJzI49NM" "$base/api/v1/tests/1"
status_is 200
