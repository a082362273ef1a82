// kayako-test-server — the authorization endpoint of the Authorization Code grant (§11.3:
// "Authorization Code (recommended)"; RFC 6749 §4.1, RFC 7636), `/oauth/token/authorize` at the
// host root, and the codes it issues. The protocol (reading the request, writing the redirects)
// is kayako-proto's (request/oauth_authorization_request.hpp, response/oauth_authorization_response.hpp);
// this file keeps the consent forms and the codes, and draws the consent page.
//
// Decisions (README, §21-style):
// * One registered client, the token endpoint's demo client, with one registered redirection URI
//   (`--oauth-redirect-uri`, default `http://127.0.0.1/callback`), compared as a whole string
//   (RFC 6749 §3.1.2.3). A request for another client, or with another `redirect_uri`, or a
//   malformed one, is answered with an HTML error page and never redirected (§4.1.2.1: no open
//   redirector). Every other error of the request is redirected with its §4.1.2.1 code.
// * The user logs in with Basic, the server's accounts, under the Basic login's lock-out (§11.1);
//   an account that owes a one-time code or a new password (§11.2) is refused (403 page): log in
//   at /api/v1 first, as for the password grant. No credentials: 401 with a Basic challenge.
// * `GET` shows a consent page naming the client, the user, the scopes (none asked: every scope,
//   the client's default) and where the browser goes next. Its form POSTs the request's
//   arguments, `decision=allow|deny` and `consent`: a one-time random value bound to the user
//   and the exact request, live 10 minutes. A POST is honoured only with a live `consent` issued
//   to the same user for the same arguments (the CSRF guard: a cross-site page cannot read the
//   value; a value is used once). `allow`: 302 to the redirection URI with `code` and `state`;
//   `deny`: 302 with `error=access_denied`. The pages are `no-store`, may not be framed
//   (`X-Frame-Options: DENY`, CSP `frame-ancestors 'none'`: RFC 6749 §10.13 clickjacking) and
//   send no Referer.
// * A code is 32 random characters, lives `--oauth-code-lifetime` seconds (60), is used once,
//   and is bound to the client, the `redirect_uri` as sent (none sent: none or the registered one
//   in the token request), the user, the scopes and the PKCE challenge (RFC 7636: `plain` or
//   `S256`; with a challenge the token request must carry the matching `code_verifier`, without
//   one it must carry none — a downgrade is refused). Any mismatch is `invalid_grant`; a code
//   used twice is `invalid_grant` and revokes every token issued from it, refreshed ones
//   included (RFC 6749 §4.1.2, §10.5).
#ifndef KAYAKO_EXAMPLES_OAUTH_AUTHORIZE_HPP
#define KAYAKO_EXAMPLES_OAUTH_AUTHORIZE_HPP

#include "exchange.hpp"
#include "expiring_table.hpp"
#include "login_steps.hpp"
#include "store.hpp"

#include <kayako/request/oauth_scope.hpp>
#include <kayako/request/oauth_token_request.hpp>
#include <kayako/request/pkce.hpp>
#include <kayako/request/query_arguments.hpp>
#include <kayako/response/oauth_error.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kayako_server {

struct bearer_options;

/// What the token endpoint's `authorization_code` grant came to: the user and the scopes, or the
/// refusal (`invalid_grant`, or `invalid_scope` for a scope wider than the code's).
struct code_redemption {
    user const* who = nullptr;
    kayako::oauth_scope_set scope;
    std::optional<kayako::oauth_error_code> refused;
    std::string_view reason;  ///< the refusal's `error_description` (a literal)
    bool replayed = false;    ///< the code was used before: revoke what it issued (RFC 6749 §4.1.2)
};

class authorization_desk {
public:
    authorization_desk(bearer_options const& options, directory const& people, login_guard& guard, login_steps& steps);

    /// True for `/oauth/token/authorize` (any query).
    static bool is_endpoint(std::string_view target) noexcept;
    /// The endpoint's whole answer (see the top), for any method.
    response endpoint(request const& in, std::int64_t now);

    /// The token endpoint's half: checks `code` of the token request `r` (already read, its
    /// client authenticated) against what the code is bound to, and uses it up. The code is
    /// the key of the tokens issued from it (`code_redemption::replayed`).
    code_redemption redeem(kayako::oauth_token_request const& r, std::int64_t now);

private:
    // A consent form shown: the request's arguments as read, for the user it was shown to.
    struct offer {
        std::int64_t user_id = 0;
        std::string client_id, redirect_uri, state, challenge;  // redirect_uri as sent (may be empty)
        std::optional<kayako::oauth_scope_set> scope;           // as asked (nothing: the default)
        std::optional<kayako::pkce_method> method;               // with `challenge`
        std::int64_t expires = 0;
    };
    // An issued code and what it is bound to.
    struct code_grant {
        std::int64_t user_id = 0;
        std::string client_id, redirect_uri, challenge;
        kayako::pkce_method method = kayako::pkce_method::plain;
        bool has_challenge = false;
        kayako::oauth_scope_set scope;
        std::int64_t expires = 0;  // the code's end; once used, when it is forgotten
        bool used = false;
    };
    // Values by random key, forgotten when `expires` passes or, when full, oldest first.
    struct reader;  // the request's arguments, read (oauth_authorize.cpp)

    response show_consent(reader const& r, user const& who, std::int64_t now);
    response decide(reader const& r, user const& who, std::int64_t now);
    std::string effective_redirect(reader const& r) const;

    bearer_options const& options_;
    directory const& people_;
    login_guard& guard_;
    login_steps& steps_;
    expiring_table<offer> offers_;
    expiring_table<code_grant> codes_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_OAUTH_AUTHORIZE_HPP
