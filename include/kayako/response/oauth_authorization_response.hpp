// kayako-proto — the authorization response of the Authorization Code grant (§11.3; RFC 6749
// §4.1.2, §4.1.2.1), both ways.
//
// The authorization endpoint answers by redirecting the user's browser (302, `Location`) to the
// client's redirection URI with form-encoded query arguments added (RFC 6749 Appendix B; a query
// the URI already has is kept, §3.1.2):
//
//     https://client.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz                  granted
//     https://client.example/cb?error=access_denied&error_description=...&state=xyz    refused
//
// `state` is echoed exactly when the request had one. The error codes are those of §4.1.2.1
// (`oauth_authorization_error_codes`, response/oauth_error.hpp): `invalid_request`,
// `unauthorized_client`, `access_denied`, `unsupported_response_type`, `invalid_scope`,
// `server_error`, `temporarily_unavailable`. A request whose client or redirection URI cannot be
// trusted gets no redirect at all (see request/oauth_authorization_request.hpp).
//
// Server side: `write_oauth_authorization_redirect`, `write_oauth_authorization_error_redirect`
// and `oauth_authorization_error_for` (a reader failure → its code). Client side:
// `read_oauth_authorization_redirect` reads the URL the browser came back with, and checks
// `state` against the one the client sent (RFC 6749 §10.12: the client's CSRF guard).
#ifndef KAYAKO_RESPONSE_OAUTH_AUTHORIZATION_RESPONSE_HPP
#define KAYAKO_RESPONSE_OAUTH_AUTHORIZATION_RESPONSE_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/oauth_authorization_request.hpp>
#include <kayako/response/oauth_error.hpp>

#include <boost/url/parse.hpp>

#include <array>
#include <cstddef>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// The §4.1.2.1 code for a failure of `read_oauth_authorization_request` (after its client part
/// passed): `unsupported_response_type` and `invalid_scope` are their own codes, everything else
/// — a missing or repeated argument, a bad challenge or method (RFC 7636 §4.4.1) — is
/// `invalid_request`.
constexpr oauth_error_code oauth_authorization_error_for(failure const& f) noexcept {
    switch (f.code) {
    case error::unsupported_response_type: return oauth_error_code::unsupported_response_type;
    case error::invalid_scope: return oauth_error_code::invalid_scope;
    default: return oauth_error_code::invalid_request;
    }
}

/// The `Location` of a granted request (RFC 6749 §4.1.2): `redirect_uri` with `code` and, when
/// not empty, `state` added. A `redirect_uri` that breaks `check_redirect_uri` is
/// `invalid_redirect_uri` naming `redirect_uri`; an empty `code` is `empty_value`, and a byte
/// outside %x20-7E in `code` or `state` `unexpected_character` at its offset, each naming it.
/// Throws only `std::bad_alloc`.
inline result<std::string> write_oauth_authorization_redirect(std::string_view redirect_uri, std::string_view code,
                                                              std::string_view state = {}) {
    if (auto ok = check_redirect_uri(redirect_uri); !ok) return ok.error().of("redirect_uri");
    if (code.empty()) return failure(error::empty_value, failure::no_offset, "code");
    if (auto ok = detail::check_oauth_value(code, true, "code"); !ok) return ok.error();
    if (auto ok = detail::check_oauth_value(state, true, "state"); !ok) return ok.error();
    std::pair<std::string_view, std::string_view> const fields[] = {{"code", code}, {"state", state}};
    std::string url(redirect_uri);
    detail::append_query_fields(url, fields);
    return url;
}

/// The `Location` of a refused request (RFC 6749 §4.1.2.1): `redirect_uri` with `error`, and
/// `error_description` and `state` when not empty. A code that §4.1.2.1 does not list
/// (`invalid_grant`, ...) is `invalid_option` naming `error`; a description outside the RFC's
/// characters (`"`, `\`, control or non-ASCII bytes) is `unexpected_character` at its offset
/// naming `error_description`; `redirect_uri` and `state` as in
/// `write_oauth_authorization_redirect`. Throws only `std::bad_alloc`.
inline result<std::string> write_oauth_authorization_error_redirect(std::string_view redirect_uri, oauth_error_code code,
                                                                    std::string_view description = {},
                                                                    std::string_view state = {}) {
    if (auto ok = check_redirect_uri(redirect_uri); !ok) return ok.error().of("redirect_uri");
    if (!is_authorization_error(code)) return failure(error::invalid_option, failure::no_offset, "error");
    if (auto ok = detail::check_oauth_description(description, "error_description"); !ok) return ok.error();
    if (auto ok = detail::check_oauth_value(state, true, "state"); !ok) return ok.error();
    std::pair<std::string_view, std::string_view> const fields[] = {
        {"error", to_string(code)}, {"error_description", description}, {"state", state}};
    std::string url(redirect_uri);
    detail::append_query_fields(url, fields);
    return url;
}

/// An authorization response as the client reads it: a code, or an error (`error.code` is
/// empty for a code §4.1.2.1 does not list; the text is in `error.error`).
struct oauth_authorization_response {
    std::string code;                            ///< granted: the code to exchange at the token endpoint (RFC 6749 §4.1.3)
    std::string state;                           ///< as the server echoed it
    std::optional<oauth_error_response> error{}; ///< refused: the error the redirect carried (RFC 6749 §4.1.2.1)
    /// Whether the answer carries a code rather than an error.
    bool granted() const noexcept { return !error; }
};

/// Reads the URL the browser was redirected to (`Location`, or the address the client's
/// redirection endpoint received: a URI reference, absolute or not) into a code or an error
/// (client side). `expected_state` is the `state` the client sent (empty: none); the answer's
/// must equal it exactly (RFC 6749 §4.1.2, §10.12): absent then is `missing_parameter`,
/// different `parameters_inconsistent`, both naming `state`. A URL that breaks RFC 3986 is
/// `invalid_redirect_uri` naming `Location`, at the offending byte (or after a scheme with
/// nothing behind it, as `check_redirect_uri`) or at offset 0; an argument sent twice is `duplicate`;
/// `error` and `code` together are `parameters_inconsistent` naming `code`; neither is
/// `missing_parameter` naming `code`; a byte outside %x20-7E in `code` or `state`
/// `unexpected_character` at its offset (and in `error` or `error_description`, outside RFC
/// 6749's sets: no `"` or `\`) — each naming the argument. A query past the form limits
/// (§21.14: 1 MiB, 1,000 fields) is `too_long` or `too_many` at its offset; out of memory is
/// `too_long`. Never throws.
inline result<oauth_authorization_response> read_oauth_authorization_redirect(std::string_view location,
                                                                               std::string_view expected_state = {}) noexcept {
    try {
        if (auto ok = detail::check_uri_text(location); !ok) return ok.error().of("Location");
        auto url = boost::urls::parse_uri_reference(location);
        if (!url) return failure(error::invalid_redirect_uri, 0, "Location");
        // The client's own URL: read as a plain form (RFC 6749 Appendix B), none of the Kayako
        // API's arguments (`limit`, `_case`, ...) mean anything here.
        std::string_view const query = url->encoded_query();
        std::string buffer(form_reader::buffer_size(query), '\0');
        form_reader reader(query, buffer);
        struct wanted {
            std::string_view name;
            std::string_view value{};  // views into `buffer` or `location`; sent empty is not sent (RFC 6749 §3.1)
            bool seen = false;
        };
        std::array<wanted, 5> fields{{{"code"}, {"state"}, {"error"}, {"error_description"}, {"error_uri"}}};
        form_field field;
        while (true) {
            auto more = reader.next(field);
            if (!more) return more.error();
            if (!*more) break;
            for (wanted& w : fields) {
                if (field.name != w.name) continue;
                if (w.seen) return failure(error::duplicate, failure::no_offset, w.name);  // RFC 6749 §3.1
                w.seen = true;
                w.value = field.value;
            }
        }
        for (wanted const& w : fields)
            if (auto ok = detail::check_oauth_value(w.value, true, w.name); !ok) return ok.error();
        std::string_view const code = fields[0].value, state = fields[1].value, error_code = fields[2].value,
                               description = fields[3].value, uri = fields[4].value;
        for (auto [name, text] : {std::pair{std::string_view("error"), error_code},
                                  std::pair{std::string_view("error_description"), description}})
            if (auto ok = detail::check_oauth_description(text, name); !ok) return ok.error();
        if (!expected_state.empty() && state.empty()) return failure(error::missing_parameter, failure::no_offset, "state");
        if (state != expected_state && !expected_state.empty())
            return failure(error::parameters_inconsistent, failure::no_offset, "state");
        if (!error_code.empty() && !code.empty()) return failure(error::parameters_inconsistent, failure::no_offset, "code");
        oauth_authorization_response r;
        r.state = state;
        if (!error_code.empty()) {
            oauth_error_response e;
            e.code = parse_oauth_authorization_error_code(error_code);
            e.error = error_code;
            e.description = description;
            e.uri = uri;
            r.error = std::move(e);
            return r;
        }
        if (code.empty()) return failure(error::missing_parameter, failure::no_offset, "code");
        r.code = code;
        return r;
    } catch (std::bad_alloc const&) {
        return failure(error::too_long, failure::no_offset);
    }
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_OAUTH_AUTHORIZATION_RESPONSE_HPP
