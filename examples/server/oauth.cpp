#include "oauth.hpp"

#include "hmac.hpp"

#include <kayako/caching/http_date.hpp>
#include <kayako/request/authorization.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/jwt.hpp>
#include <kayako/request/oauth_token_request.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/response/oauth_error.hpp>
#include <kayako/response/oauth_token_response.hpp>

#include <string>
#include <utility>

namespace kayako_server {

using kayako::api_error_code;
using kayako::oauth_error_code;

namespace {

constexpr std::string_view token_path = "/oauth/token";
// The realm of the token endpoint's client challenge (RFC 6749 §5.2: `invalid_client` after Basic).
constexpr std::string_view client_challenge = R"(Basic realm="Kayako OAuth", charset="UTF-8")";

kayako::oauth_scope_set every_scope() {
    kayako::oauth_scope_set all;
    for (auto area : kayako::oauth_areas) all.add({area, kayako::oauth_access::write});
    return all;
}

response oauth_answer(int status, std::string body, std::int64_t now) {
    response out;
    out.status = static_cast<unsigned>(status);
    out.body = std::move(body);
    out.headers.emplace_back("Date", kayako::format_http_date(kayako::http_date{now}).view());
    for (auto const& [name, value] : kayako::oauth_response_headers) out.headers.emplace_back(name, value);
    return out;
}

// An RFC 6749 §5.2 error. Descriptions here are our own literals and failure messages (which use
// `'`, never `"` or `\`), so the writer cannot refuse them; if it did, the code alone goes out.
response oauth_failure(oauth_error_code code, std::string_view description, std::int64_t now) {
    auto body = kayako::write_oauth_error_response(code, description);
    if (!body) body = kayako::write_oauth_error_response(code);
    response out = oauth_answer(kayako::http_status(code), body ? std::move(*body) : std::string(), now);
    if (code == oauth_error_code::invalid_client) out.headers.emplace_back("WWW-Authenticate", client_challenge);
    return out;
}

std::string challenge_of(oauth_error_code code, std::string_view description,
                         std::optional<kayako::oauth_scope_set> scope = std::nullopt) {
    auto c = kayako::bearer_challenge({.error = code, .description = description, .scope = scope});
    return c ? std::move(*c) : std::string("Bearer realm=\"Kayako\"");
}

bearer_verdict refused(api_error_code code, oauth_error_code why, std::string_view description,
                       std::optional<kayako::oauth_scope_set> scope = std::nullopt) {
    bearer_verdict v;
    v.refused = code;
    v.challenge = challenge_of(why, description, scope);
    return v;
}

bearer_verdict invalid_token(std::string_view description) {
    return refused(api_error_code::authentication_failed, oauth_error_code::invalid_token, description);
}

// The scope an endpoint of this server needs from an OAuth client (§11.3); nothing: none (the
// Test resource is public, §16; unknown paths get their routing error).
std::optional<kayako::oauth_area> scope_area_of(std::string_view resource) {
    if (resource == "users") return kayako::oauth_area::users;
    return std::nullopt;
}

std::string lower_case(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

bearer_authority::bearer_authority(bearer_options options, directory const& people, login_guard& guard,
                                   login_steps& steps)
    : options_(std::move(options)), people_(people), guard_(guard), steps_(steps), desk_(options_, people, guard, steps) {}

bool bearer_authority::is_token_endpoint(std::string_view target) noexcept {
    return target.substr(0, target.find('?')) == token_path;
}

// ---- POST /oauth/token (RFC 6749 §4.3, §6) ------------------------------------------------------

response bearer_authority::token_endpoint(request const& in, std::int64_t now) {
    if (in.method != "POST") {
        response out = oauth_failure(oauth_error_code::invalid_request, "the token endpoint takes POST", now);
        out.status = 405;
        out.headers.emplace_back("Allow", "POST");
        return out;
    }
    kayako::pair_headers<std::vector<header_field>> const headers(in.headers);
    auto content_type = kayako::single_header(headers, "Content-Type");
    auto authorization = kayako::single_header(headers, "Authorization");
    if (!content_type || !authorization)
        return oauth_failure(oauth_error_code::invalid_request, "a header is sent twice", now);
    auto body = kayako::parameters::parse(*content_type, in.body);
    if (!body || body->encoding() == kayako::body_encoding::raw)
        return oauth_failure(oauth_error_code::invalid_request, "the body must be a form or a JSON object", now);

    std::optional<kayako::basic_credentials> basic;
    if (*authorization) {
        auto b = kayako::parse_basic_authorization(**authorization);
        if (!b) return oauth_failure(oauth_error_code::invalid_client, "client authentication is Basic (RFC 6749 2.3.1)", now);
        basic = std::move(*b);
    }
    auto r = kayako::read_oauth_token_request(*body, basic ? &*basic : nullptr);
    if (!r) return oauth_failure(kayako::oauth_error_for(r.error()), r.error().message(), now);

    // The demo client is confidential: it must show its secret (RFC 6749 §3.2.1).
    bool const id_ok = kayako_server::equal_in_constant_time(r->client_id, options_.client_id);
    bool const secret_ok = kayako_server::equal_in_constant_time(r->client_secret, options_.client_secret);
    if (r->client_authentication == kayako::oauth_client_authentication::none || !id_ok || !secret_ok)
        return oauth_failure(oauth_error_code::invalid_client, "unknown client or wrong client secret", now);

    switch (r->grant_type) {
    case kayako::oauth_grant_type::password: {
        std::string_view const name = r->username;
        if (auto const wait = guard_.locked_for(name, now); wait > 0) {  // §11.1's lock-out, shared with Basic
            response out = oauth_failure(oauth_error_code::invalid_grant,
                                         "The maximum number of authentication retries was reached", now);
            out.headers.emplace_back("Retry-After", std::to_string(wait));
            return out;
        }
        user const* who = people_.authenticate(name, r->password);
        if (!who) {
            guard_.failed(name, now);
            return oauth_failure(oauth_error_code::invalid_grant, "wrong username or password", now);
        }
        login_progress const progress = steps_.after_password(*who, now);
        if (!progress.complete)
            return oauth_failure(oauth_error_code::invalid_grant,
                                 "this account needs a one-time code or a new password: log in with Basic (11.2)", now);
        guard_.succeeded(name);
        return issue(*who, r->scope.value_or(every_scope()), now);
    }
    case kayako::oauth_grant_type::refresh_token: {
        std::string const token(r->refresh_token);
        grant const* g = refresh_.find(token, now);
        if (!g) return oauth_failure(oauth_error_code::invalid_grant, "unknown, used or expired refresh token", now);
        // RFC 6749 §6: a refresh may narrow the scope, never widen it.
        kayako::oauth_scope_set const scope = r->scope.value_or(g->scope);
        if (!g->scope.includes(scope))
            return oauth_failure(oauth_error_code::invalid_scope, "wider than the scope first granted", now);
        user const* who = people_.find_user(g->user_id);
        std::string const origin = g->origin;  // a pair from a code stays revocable with it
        access_.erase(g->partner);  // rotation: the old pair ends here
        refresh_.erase(token);      // (g dangles from here on)
        if (!who) return oauth_failure(oauth_error_code::invalid_grant, "the user is gone", now);
        return issue(*who, scope, now, origin);
    }
    case kayako::oauth_grant_type::authorization_code: {  // RFC 6749 §4.1.3, RFC 7636 §4.5
        code_redemption const redeemed = desk_.redeem(*r, now);
        std::string const code(r->code);
        if (redeemed.replayed) revoke_issued_from(code);  // RFC 6749 §4.1.2, §10.5
        if (redeemed.refused) return oauth_failure(*redeemed.refused, redeemed.reason, now);
        return issue(*redeemed.who, redeemed.scope, now, code);
    }
    }
    return oauth_failure(oauth_error_code::unsupported_grant_type, "unknown grant", now);
}

void bearer_authority::revoke_issued_from(std::string const& code) {
    auto const from_code = [&](auto const& entry) { return entry.second.origin == code; };
    std::erase_if(access_.entries, from_code);
    std::erase_if(refresh_.entries, from_code);
}

response bearer_authority::issue(user const& who, kayako::oauth_scope_set scope, std::int64_t now, std::string const& origin) {
    kayako::oauth_token t;
    t.access_token = random_token(32);
    t.refresh_token = random_token(40);
    t.expires_in = options_.token_lifetime;
    t.scope = scope;
    auto body = kayako::write_oauth_token_response(t);
    if (!body) return oauth_failure(oauth_error_code::invalid_request, "no token could be written", now);
    access_.add(t.access_token, {who.id, scope, now + options_.token_lifetime, t.refresh_token, origin}, options_.max_tokens, now);
    refresh_.add(t.refresh_token, {who.id, scope, now + options_.refresh_lifetime, t.access_token, origin}, options_.max_tokens, now);
    return oauth_answer(200, std::move(*body), now);
}

// ---- bearer tokens on /api/v1 ---------------------------------------------------------------------

bearer_verdict bearer_authority::authenticate(std::string_view token, std::string_view method,
                                              std::string_view resource, std::int64_t now) {
    if (kayako::looks_like_jwt(token)) return jwt_login(token, now);
    return oauth_token(token, method, resource, now);
}

bearer_verdict bearer_authority::oauth_token(std::string_view token, std::string_view method, std::string_view resource,
                                             std::int64_t now) const {
    grant const* g = access_.find(std::string(token), now);
    if (!g) return invalid_token("unknown or expired access token");
    user const* who = people_.find_user(g->user_id);
    if (!who) return invalid_token("the token's user is gone");
    if (auto area = scope_area_of(resource)) {
        auto const access = kayako::access_for_method(method);
        if (!g->scope.allows(*area, access)) {
            kayako::oauth_scope_set needed;
            needed.add({*area, access});
            return refused(api_error_code::permissions_denied, oauth_error_code::insufficient_scope,
                           "the token's scopes do not allow this", needed);
        }
    }
    bearer_verdict v;
    v.who = who;
    v.scheme = "OAUTH";
    return v;
}

bearer_verdict bearer_authority::jwt_login(std::string_view token, std::int64_t now) {
    if (options_.jwt_secret.empty()) return invalid_token("JWT sign-in is not enabled on this server");
    auto verify = [&](kayako::jws_algorithm a, std::string_view input, std::string_view signature) {
        hmac_hash const hash = a == kayako::jws_algorithm::hs256   ? hmac_hash::sha256
                               : a == kayako::jws_algorithm::hs384 ? hmac_hash::sha384
                                                                    : hmac_hash::sha512;
        return equal_in_constant_time(hmac(hash, options_.jwt_secret, input), signature);
    };
    kayako::jwt_validation const rules{.now = now, .leeway = options_.jwt_leeway, .max_age = options_.jwt_max_age};
    auto t = kayako::verify_jwt(token, verify, rules);
    if (!t) return invalid_token(t.error().message());
    user const* who = people_.find_by_email(t->claims.email);
    if (!who) return invalid_token("no user has the token's email");
    // §11.6: `role` says which kind of account signs in (customer unless said): an agent's
    // account needs a token that says agent.
    role const* r = people_.find_role(who->role_id);
    if (!r || lower_case(r->type) != lower_case(t->claims.role)) return invalid_token("the token's role is not the account's");
    if (!jwt_id_fresh(t->claims.jti, *t->claims.iat + options_.jwt_max_age + options_.jwt_leeway + 1, now))
        return invalid_token("the token was used already");
    bearer_verdict v;
    v.who = who;
    v.scheme = "JWT";
    v.opens_session = true;
    return v;
}

// A `jti` is accepted once while its token could still pass the replay window (until `until`).
// Bounded: the stalest entries go first, and a full table forgets its oldest.
bool bearer_authority::jwt_id_fresh(std::string const& id, std::int64_t until, std::int64_t now) {
    while (!jwt_order_.empty()) {
        auto it = jwt_ids_.find(jwt_order_.front());
        bool const gone = it == jwt_ids_.end() || it->second <= now;
        if (!gone && jwt_ids_.size() < options_.max_jwt_ids) break;
        if (it != jwt_ids_.end()) jwt_ids_.erase(it);
        jwt_order_.pop_front();
    }
    auto [it, fresh] = jwt_ids_.emplace(id, until);
    if (!fresh) {
        if (it->second > now) return false;  // seen, and its token is still inside the window
        it->second = until;                  // seen long ago: the window has refused that token since
    }
    jwt_order_.push_back(id);
    return true;
}

}  // namespace kayako_server
