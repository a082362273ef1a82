// kayako-test-server — bearer tokens: the OAuth 2.0 token endpoint and its tokens (§11.3), and
// JWT single sign-on (§11.6). The protocol (reading the token request, writing the RFC 6749
// answers, the RFC 6750 challenge, parsing and validating a JWT) is kayako-proto's; this file
// keeps the tokens, checks secrets and signs nothing — it verifies HMACs with hmac.hpp.
//
// Decisions (README, §21-style):
// * `POST /oauth/token` at the host root (§11.3), form or JSON body (S5 sends JSON), the three
//   grants of §11.3: `authorization_code` (its codes come from `/oauth/token/authorize`, where
//   the user logs in and consents: oauth_authorize.hpp has its decisions), `password` and
//   `refresh_token`. One demo client (`--oauth-client-id`, `--oauth-client-secret`, one
//   redirection URI `--oauth-redirect-uri`); it is confidential and authenticates in the body or
//   with Basic (RFC 6749 §2.3.1) for every grant.
// * Every grant issues alike (`issue`). Tokens from a code remember it: a code used twice revokes
//   them all, and the pairs refreshed from them (RFC 6749 §4.1.2, §10.5).
// * Access tokens are 32 random characters (no dots: never mistaken for a JWT), live
//   `--oauth-token-lifetime` seconds (3600), and authenticate each request alone: no session is
//   opened and no CSRF token is asked for (a bearer token is not sent by a browser on its own,
//   which is what CSRF abuses). Refresh tokens live 14 days and are used once: a refresh issues a
//   new pair and ends the old refresh token and its access token (RFC 6749 §10.4 rotation).
// * The password grant shares the Basic login's lock-out (§11.1). An account that owes a
//   one-time code or a new password (§11.2) cannot get a token this way: `invalid_grant`.
// * On /api/v1 an unknown, malformed or expired token is 401 AUTHENTICATION_FAILED with
//   `WWW-Authenticate: Bearer realm="Kayako", error="invalid_token"`; a token without the scope
//   an endpoint needs (users → `users`) is 403 PERMISSIONS_DENIED with `error="insufficient_scope"`.
//   The Test resource is public (§16) and needs none.
// * A JWT (three dot-separated parts) is verified only when `--jwt-secret` is set, with
//   HS256/384/512 by its header; `iat` and `jti` are required, `iat` may be 5 minutes old (plus 60 s
//   leeway), and a `jti` is accepted once. `email` names an existing user (unknown: 401; this
//   demo server creates no accounts from a token). A JWT is a login (single sign-on): it opens a
//   session, like Basic, whose ID and CSRF token the answer carries.
#ifndef KAYAKO_EXAMPLES_OAUTH_HPP
#define KAYAKO_EXAMPLES_OAUTH_HPP

#include "exchange.hpp"
#include "login_steps.hpp"
#include "oauth_authorize.hpp"
#include "store.hpp"

#include <kayako/core/api_error.hpp>
#include <kayako/request/oauth_scope.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kayako_server {

/// The token endpoint's client and lifetimes, and the JWT secret (see the top).
struct bearer_options {
    std::string client_id = "kayako-demo-client";
    std::string client_secret = "kayako-demo-secret";
    std::int64_t token_lifetime = 3600;          ///< seconds an access token lives
    std::int64_t refresh_lifetime = 14 * 86'400;  ///< seconds a refresh token lives
    std::size_t max_tokens = 10'000;             ///< access and refresh tokens each; the oldest go first
    std::string jwt_secret;                      ///< empty: JWTs are refused
    std::int64_t jwt_max_age = 300;              ///< the replay window on `iat`
    std::int64_t jwt_leeway = 60;                ///< clock skew forgiven
    std::size_t max_jwt_ids = 10'000;            ///< `jti`s remembered; the oldest go first
    std::string redirect_uri = "http://127.0.0.1/callback";  ///< the demo client's one redirection URI
    std::int64_t code_lifetime = 60;             ///< seconds an authorization code lives
    std::size_t max_codes = 10'000;              ///< codes and consent forms each; the oldest go first
};

/// What a bearer token on /api/v1 came to: the user (and whether it logged in, opening a
/// session: a JWT), or the refusal with its challenge.
struct bearer_verdict {
    user const* who = nullptr;
    std::string_view scheme = "OAUTH";  ///< `authentication_scheme` of the Test resource
    bool opens_session = false;
    std::optional<kayako::api_error_code> refused;
    std::string parameter;   ///< what the refusal names
    std::string challenge;   ///< `WWW-Authenticate` of the refusal
};

class bearer_authority {
public:
    bearer_authority(bearer_options options, directory const& people, login_guard& guard, login_steps& steps);

    /// True for the authorization endpoint's path (`/oauth/token/authorize`, any query).
    static bool is_authorize_endpoint(std::string_view target) noexcept { return authorization_desk::is_endpoint(target); }
    /// The authorization endpoint's whole answer (oauth_authorize.hpp), for any method.
    response authorize_endpoint(request const& in, std::int64_t now) { return desk_.endpoint(in, now); }

    /// True for the token endpoint's path (`/oauth/token`, any query).
    static bool is_token_endpoint(std::string_view target) noexcept;
    /// The token endpoint's whole answer (RFC 6749 §5), for any method.
    response token_endpoint(request const& in, std::int64_t now);

    /// Checks the bearer token of a request for `resource` with `method` (see the top).
    bearer_verdict authenticate(std::string_view token, std::string_view method, std::string_view resource,
                                std::int64_t now);

private:
    struct grant {
        std::int64_t user_id = 0;
        kayako::oauth_scope_set scope;
        std::int64_t expires = 0;
        std::string partner;  ///< access token: its refresh token; refresh token: its access token
        std::string origin;   ///< the authorization code the pair descends from; empty: none
    };
    // Tokens by value (one lifetime for each kind: issue order is expiry order).
    using token_table = expiring_table<grant>;

    response issue(user const& who, kayako::oauth_scope_set scope, std::int64_t now, std::string const& origin = {});
    void revoke_issued_from(std::string const& code);
    bearer_verdict oauth_token(std::string_view token, std::string_view method, std::string_view resource,
                               std::int64_t now) const;
    bearer_verdict jwt_login(std::string_view token, std::int64_t now);
    bool jwt_id_fresh(std::string const& id, std::int64_t until, std::int64_t now);

    bearer_options options_;
    directory const& people_;
    login_guard& guard_;
    login_steps& steps_;
    authorization_desk desk_;  // after `options_`, which it reads
    token_table access_;
    token_table refresh_;
    std::unordered_map<std::string, std::int64_t> jwt_ids_;  ///< `jti` → when it leaves the window
    std::deque<std::string> jwt_order_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_OAUTH_HPP
