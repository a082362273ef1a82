// kayako-proto — OAuth 2.0 errors (§11.3; RFC 6749 §5.2, RFC 6750 §3), both ways.
//
// Two places, two forms:
//
// * The token endpoint (`/oauth/token`, outside `/api/v1`) answers in RFC 6749's terms, not in
//   a Kayako envelope: `{"error":"invalid_grant","error_description":"..."}` with 400, or 401
//   for `invalid_client` (RFC 6749 §5.2), and `Cache-Control: no-store` (§5.1).
//   `write_oauth_error_response` writes it, `parse_oauth_error_response` reads it (client side).
// * A resource request with a bearer token that cannot be used answers in Kayako's terms (a
//   `/api/v1` client reads envelopes), with the RFC 6750 §3 challenge added:
//   - invalid, unknown or expired token: `401 AUTHENTICATION_FAILED` (§15: "credentials are
//     invalid") with `WWW-Authenticate: Bearer realm="Kayako", error="invalid_token"`;
//   - a token whose scopes do not allow the endpoint (§11.3): `403 PERMISSIONS_DENIED` with
//     `WWW-Authenticate: Bearer realm="Kayako", error="insufficient_scope", scope="..."`.
//   `bearer_challenge` writes the header value.
#ifndef KAYAKO_RESPONSE_OAUTH_ERROR_HPP
#define KAYAKO_RESPONSE_OAUTH_ERROR_HPP

#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/detail/oauth_json.hpp>
#include <kayako/request/oauth_scope.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <new>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// The error codes of RFC 6749 §5.2 and RFC 6750 §3.1.
enum class oauth_error_code : unsigned char {
    invalid_request,         ///< malformed request (6749 §5.2, 6750 §3.1)
    invalid_client,          ///< client authentication failed (6749 §5.2)
    invalid_grant,           ///< bad, expired or revoked grant: password, code, refresh token (6749 §5.2)
    unauthorized_client,     ///< the client may not use this grant (6749 §5.2)
    unsupported_grant_type,  ///< (6749 §5.2)
    invalid_scope,           ///< unknown scope, or wider than granted (6749 §5.2)
    invalid_token,           ///< expired, revoked or malformed access token (6750 §3.1)
    insufficient_scope,      ///< the token lacks the scope the request needs (6750 §3.1)
    // The authorization endpoint's own codes (6749 §4.1.2.1), sent in a redirect, never by the
    // token endpoint (so `oauth_error_codes` and `parse_oauth_error_code` leave them out).
    access_denied,              ///< the resource owner (or the server) said no
    unsupported_response_type,  ///< a `response_type` other than `code`
    server_error,               ///< the server failed: a 500 that a redirect cannot carry
    temporarily_unavailable,    ///< overloaded or in maintenance: a 503 that a redirect cannot carry
};

/// Every error code, in enumerator order.
inline constexpr std::array<oauth_error_code, 8> oauth_error_codes = {
    oauth_error_code::invalid_request,        oauth_error_code::invalid_client,
    oauth_error_code::invalid_grant,          oauth_error_code::unauthorized_client,
    oauth_error_code::unsupported_grant_type, oauth_error_code::invalid_scope,
    oauth_error_code::invalid_token,          oauth_error_code::insufficient_scope};

/// The codes of an authorization error response (RFC 6749 §4.1.2.1), in the RFC's order.
inline constexpr std::array<oauth_error_code, 7> oauth_authorization_error_codes = {
    oauth_error_code::invalid_request,           oauth_error_code::unauthorized_client,
    oauth_error_code::access_denied,             oauth_error_code::unsupported_response_type,
    oauth_error_code::invalid_scope,             oauth_error_code::server_error,
    oauth_error_code::temporarily_unavailable};

/// The code as the RFCs spell it.
constexpr std::string_view to_string(oauth_error_code c) noexcept {
    switch (c) {
    case oauth_error_code::invalid_request: return "invalid_request";
    case oauth_error_code::invalid_client: return "invalid_client";
    case oauth_error_code::invalid_grant: return "invalid_grant";
    case oauth_error_code::unauthorized_client: return "unauthorized_client";
    case oauth_error_code::unsupported_grant_type: return "unsupported_grant_type";
    case oauth_error_code::invalid_scope: return "invalid_scope";
    case oauth_error_code::invalid_token: return "invalid_token";
    case oauth_error_code::insufficient_scope: return "insufficient_scope";
    case oauth_error_code::access_denied: return "access_denied";
    case oauth_error_code::unsupported_response_type: return "unsupported_response_type";
    case oauth_error_code::server_error: return "server_error";
    case oauth_error_code::temporarily_unavailable: return "temporarily_unavailable";
    }
    return "invalid_request";
}

/// The code spelled `text` exactly, or nothing (a client keeps an unknown code as text).
constexpr std::optional<oauth_error_code> parse_oauth_error_code(std::string_view text) noexcept {
    for (auto c : oauth_error_codes)
        if (to_string(c) == text) return c;
    return std::nullopt;
}

/// The authorization error response's code spelled `text` exactly (RFC 6749 §4.1.2.1), or
/// nothing (a client keeps an unknown code as text).
constexpr std::optional<oauth_error_code> parse_oauth_authorization_error_code(std::string_view text) noexcept {
    for (auto c : oauth_authorization_error_codes)
        if (to_string(c) == text) return c;
    return std::nullopt;
}

/// True for the codes an authorization error response may carry (RFC 6749 §4.1.2.1).
constexpr bool is_authorization_error(oauth_error_code c) noexcept {
    for (auto a : oauth_authorization_error_codes)
        if (a == c) return true;
    return false;
}

/// The HTTP status of an error: 401 for `invalid_client` (RFC 6749 §5.2: always 401 here, so
/// that every client-authentication failure looks alike) and `invalid_token`, 403 for
/// `insufficient_scope` (RFC 6750 §3.1), 400 for the others. The authorization endpoint's codes
/// travel in a redirect; shown to the user instead (RFC 6749 §4.1.2.1: a redirection URI that
/// cannot be trusted) they get the status they stand for: `access_denied` 403, `server_error`
/// 500, `temporarily_unavailable` 503, `unsupported_response_type` 400.
constexpr int http_status(oauth_error_code c) noexcept {
    switch (c) {
    case oauth_error_code::invalid_client:
    case oauth_error_code::invalid_token: return 401;
    case oauth_error_code::insufficient_scope:
    case oauth_error_code::access_denied: return 403;
    case oauth_error_code::server_error: return 500;
    case oauth_error_code::temporarily_unavailable: return 503;
    default: return 400;
    }
}

/// The Kayako error a bearer-token failure gets on `/api/v1` (see the top): `invalid_token` →
/// AUTHENTICATION_FAILED (401), `insufficient_scope` → PERMISSIONS_DENIED (403, §21.12),
/// `invalid_request` → FIELD_INVALID, the token endpoint's own codes → AUTHENTICATION_FAILED.
constexpr api_error_code api_error_for(oauth_error_code c) noexcept {
    switch (c) {
    case oauth_error_code::insufficient_scope: return api_error_code::permissions_denied;
    case oauth_error_code::invalid_request: return api_error_code::field_invalid;
    default: return api_error_code::authentication_failed;
    }
}

/// The RFC 6749 §5.2 code for a failure of `read_oauth_token_request`: `unsupported_grant_type`
/// and `invalid_scope` are their own codes, everything else is `invalid_request`.
constexpr oauth_error_code oauth_error_for(failure const& f) noexcept {
    switch (f.code) {
    case error::unsupported_grant_type: return oauth_error_code::unsupported_grant_type;
    case error::invalid_scope: return oauth_error_code::invalid_scope;
    default: return oauth_error_code::invalid_request;
    }
}

/// The headers every token endpoint answer carries (RFC 6749 §5.1, §5.2): tokens are never cached.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 3> oauth_response_headers = {{
    {"Content-Type", "application/json;charset=UTF-8"},
    {"Cache-Control", "no-store"},
    {"Pragma", "no-cache"},
}};

namespace detail {
// RFC 6749 §5.2 / RFC 6750 §3: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ), which
// keeps it a quoted-string without escapes in a challenge.
constexpr result<void> check_oauth_description(std::string_view text, std::string_view name) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const b = static_cast<unsigned char>(text[i]);
        if (b < 0x20 || b > 0x7E || b == '"' || b == '\\') return failure(error::unexpected_character, i, name);
    }
    return {};
}
}  // namespace detail

/// The body of a token endpoint error (RFC 6749 §5.2): `{"error":"...","error_description":"..."}`
/// (no description when empty). A description outside the RFC's characters (`"`, `\`, control
/// or non-ASCII bytes) is `unexpected_character` at its offset naming `error_description`.
/// Throws only `std::bad_alloc`.
inline result<std::string> write_oauth_error_response(oauth_error_code code, std::string_view description = {}) {
    if (auto ok = detail::check_oauth_description(description, "error_description"); !ok) return ok.error();
    boost::json::object o;
    o["error"] = to_string(code);
    if (!description.empty()) o["error_description"] = description;
    return boost::json::serialize(o);
}

/// A token endpoint error as a client reads it. `code` is empty for a code the RFCs do not name
/// (kept in `error`).
struct oauth_error_response {
    std::optional<oauth_error_code> code; ///< the error as an enumerator; nothing for a code the RFCs do not name
    std::string error;                    ///< `error` as sent
    std::string description;              ///< `error_description`, or empty
    std::string uri;                      ///< `error_uri`, or empty
};

/// Reads a token endpoint error body (RFC 6749 §5.2). Not JSON: `invalid_json` where reading stopped;
/// not an object, no string `error`, or a non-string `error_description` / `error_uri`:
/// `invalid_oauth_response` naming the member. Out of memory: `too_long`. Never throws.
inline result<oauth_error_response> parse_oauth_error_response(std::string_view body) noexcept {
    try {
        auto v = detail::read_oauth_json_object(body);
        if (!v) return v.error();
        boost::json::object const* o = &v->get_object();
        oauth_error_response r;
        auto const* e = o->if_contains("error");
        if (!e || !e->is_string() || e->get_string().empty())
            return failure(error::invalid_oauth_response, failure::no_offset, "error");
        r.error = e->get_string();
        r.code = parse_oauth_error_code(r.error);
        for (auto [name, into] : {std::pair{std::string_view("error_description"), &r.description},
                                  std::pair{std::string_view("error_uri"), &r.uri}}) {
            auto const* m = o->if_contains(name);
            if (!m || m->is_null()) continue;
            if (!m->is_string()) return failure(error::invalid_oauth_response, failure::no_offset, name);
            *into = m->get_string();
        }
        return r;
    } catch (std::bad_alloc const&) {
        return failure(error::too_long, failure::no_offset);
    }
}

/// What a Bearer challenge says (RFC 6750 §3).
struct bearer_challenge_options {
    std::string_view realm = "Kayako";  ///< `realm`: the protection space the challenge names (RFC 6750 §3)
    std::optional<oauth_error_code> error{}; ///< nothing: no token was sent (RFC 6750 §3.1: then no error)
    std::string_view description{};          ///< `error_description`; empty = none
    std::optional<oauth_scope_set> scope{};  ///< `scope`: the scopes the request needs (insufficient_scope)
};

/// The `WWW-Authenticate` value `Bearer realm="Kayako", error="invalid_token",
/// error_description="..."` (RFC 6750 §3), for `answer_options::challenge`. The realm is a
/// quoted-string (`"` and `\` escaped); a control byte in it is `header_injection` at its offset;
/// a description outside RFC 6750's characters is `unexpected_character` at its offset; both
/// name `WWW-Authenticate`. Throws only `std::bad_alloc`.
inline result<std::string> bearer_challenge(bearer_challenge_options const& c = {}) {
    for (std::size_t i = 0; i < c.realm.size(); ++i) {
        auto const b = static_cast<unsigned char>(c.realm[i]);
        if ((b < 0x20 && b != '\t') || b == 0x7F) return failure(error::header_injection, i, "WWW-Authenticate");
    }
    if (auto ok = detail::check_oauth_description(c.description, "WWW-Authenticate"); !ok) return ok.error();
    std::string out = "Bearer realm=\"";
    for (char ch : c.realm) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
    out += '"';
    if (c.error) {
        out += ", error=\"";
        out += to_string(*c.error);
        out += '"';
    }
    if (!c.description.empty()) {
        out += ", error_description=\"";
        out += c.description;
        out += '"';
    }
    if (c.scope && !c.scope->empty()) {
        out += ", scope=\"";
        out += format_oauth_scope_list(*c.scope);
        out += '"';
    }
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_OAUTH_ERROR_HPP
