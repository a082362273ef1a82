// kayako-proto — the authorization request of the Authorization Code grant (§11.3; RFC 6749
// §4.1.1, RFC 7636 §4.3), both ways.
//
// §11.3 recommends the Authorization Code grant; its first step sends the user's browser to the
// authorization endpoint `/oauth/token/authorize` (at the host root) with these query arguments:
//
// | argument                | required | value                                            | RFC |
// |-------------------------|----------|--------------------------------------------------|-----|
// | `response_type`         | yes      | `code`                                           | 6749 §4.1.1 |
// | `client_id`             | yes      | 1*VSCHAR (%x20-7E)                               | 6749 §2.2, A.1 |
// | `redirect_uri`          | no       | an absolute URI without a fragment               | 6749 §3.1.2 |
// | `scope`                 | no       | a scope list of §11.3 (oauth_scope.hpp)          | 6749 §3.3 |
// | `state`                 | no       | 1*VSCHAR, opaque, echoed in the answer           | 6749 §4.1.1, §10.12 |
// | `code_challenge`        | no       | 43-128 unreserved characters (pkce.hpp)          | 7636 §4.2 |
// | `code_challenge_method` | no       | `plain` (the default) or `S256`                  | 7636 §4.3 |
//
// No argument may be sent twice, and one sent empty counts as not sent (RFC 6749 §3.1). Names
// are exact (lower case, no `[]`): these are RFC 6749's names, not Kayako API arguments, so the
// letter-case folding of §2.5 does not apply.
//
// Errors and where they go (RFC 6749 §4.1.2.1): a missing or unknown client, or a bad or
// unregistered `redirect_uri`, must be shown to the user — never redirected, or the endpoint
// becomes an open redirector. The server therefore reads in two steps: `read_oauth_authorization_client`
// reads `client_id`, `redirect_uri` and `state` (where an answer may go); once the server has
// checked them against its registered client, `read_oauth_authorization_request` reads the rest,
// and its failures go back in the error redirect (`oauth_authorization_error_for`,
// response/oauth_authorization_response.hpp).
//
// Client side, `write_oauth_authorization_url` writes the URL the browser is sent to.
#ifndef KAYAKO_REQUEST_OAUTH_AUTHORIZATION_REQUEST_HPP
#define KAYAKO_REQUEST_OAUTH_AUTHORIZATION_REQUEST_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/oauth_scope.hpp>
#include <kayako/request/oauth_token_request.hpp>
#include <kayako/request/pkce.hpp>
#include <kayako/request/query_arguments.hpp>

#include <boost/url/parse.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// Who asks, and where the answer goes: the part of an authorization request the server checks
/// before it may redirect at all (see the top). Views into the arguments; empty: not sent.
struct oauth_authorization_client {
    std::string_view client_id{};    ///< `client_id`: the registered client asking (RFC 6749 §4.1.1)
    std::string_view redirect_uri{}; ///< empty: the client's registered one
    std::string_view state{};        ///< `state`: the client's value, echoed in the redirect (RFC 6749 §4.1.1)
    friend constexpr bool operator==(oauth_authorization_client const&, oauth_authorization_client const&) noexcept = default;
};

/// An authorization request (see the table at the top). Views into the arguments it was read
/// from (or the caller's texts, to write one); empty views are values not sent.
struct oauth_authorization_request {
    std::string_view client_id{};                   ///< `client_id`: the registered client asking (RFC 6749 §4.1.1)
    std::string_view redirect_uri{};                ///< empty: the client's registered one
    std::optional<oauth_scope_set> scope{};         ///< nothing: the client's default
    std::string_view state{};                       ///< `state`: the client's value, echoed in the redirect (RFC 6749 §4.1.1)
    std::optional<pkce_challenge> code_challenge{}; ///< RFC 7636; nothing: none sent
    friend constexpr bool operator==(oauth_authorization_request const&, oauth_authorization_request const&) noexcept = default;
};

namespace detail {

// RFC 3986 §2: unreserved, reserved and `%` — the only bytes a URI holds.
constexpr bool is_uri_char(char c) noexcept {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    constexpr std::string_view others = "-._~:/?#[]@!$&'()*+,;=%";
    return others.find(c) != std::string_view::npos;
}

// What is checked before Boost.URL parses a URI: its characters (a bad one is
// `invalid_redirect_uri` at its offset), and that a scheme is followed by a path — `/` or a
// pchar (RFC 3986 §3.3). An address like `x:` or `x:?q` reaches no client, and Boost.URL 1.81
// asserts on those whose path is empty but not their end (`x:?`, `x:[`): refused at the offset
// after the colon.
constexpr result<void> check_uri_text(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!is_uri_char(text[i])) return failure(error::invalid_redirect_uri, i);
    std::size_t const end = text.find_first_of(":/?#");
    if (end != std::string_view::npos && end > 0 && text[end] == ':') {
        std::size_t const next = end + 1;
        constexpr std::string_view not_pchar = "?#[]";  // of the URI characters; `/` starts a path
        if (next == text.size() || not_pchar.find(text[next]) != std::string_view::npos)
            return failure(error::invalid_redirect_uri, next);
    }
    return {};
}

}  // namespace detail

/// Checks a redirection URI (RFC 6749 §3.1.2): an absolute URI (RFC 3986 §4.3: a scheme, then
/// a non-empty rest; a query is allowed and kept) without a fragment. A `#` is
/// `invalid_redirect_uri` at its offset, and so is a byte RFC 3986 does not allow (a space, a
/// control or non-ASCII byte, `"`, `<`, ...) and an empty part after the scheme (`http:`,
/// `x:?q`: at the offset after the colon); any other break of RFC 3986 (no scheme, a bad `%`
/// escape, ...) is `invalid_redirect_uri` at offset 0. Names no parameter.
inline result<void> check_redirect_uri(std::string_view uri) noexcept {
    if (std::size_t const hash = uri.find('#'); hash != std::string_view::npos)
        return failure(error::invalid_redirect_uri, hash);
    if (auto ok = detail::check_uri_text(uri); !ok) return ok;
    if (!boost::urls::parse_absolute_uri(uri)) return failure(error::invalid_redirect_uri, 0);
    return {};
}

namespace detail {

// The one value of `name` in `args`, matched exactly (RFC 6749 §3.1: sent once; sent empty
// counts as not sent), checked to be visible ASCII (RFC 6749 Appendix A's VSCHAR) at its offset
// in the decoded value.
inline result<std::string_view> oauth_argument(query_arguments const& args, std::string_view name) noexcept {
    std::optional<std::string_view> found;
    for (std::size_t i = 0; i < args.size(); ++i) {
        argument const a = args[i];
        if (a.name != name) continue;
        if (found) return failure(error::duplicate, failure::no_offset, name);
        found = a.value;
    }
    if (!found) return std::string_view();
    if (auto ok = check_oauth_value(*found, true, name); !ok) return ok.error();
    return *found;
}

// Appends form-encoded `name=value` pairs (RFC 6749 Appendix B) to the query of `url`, keeping
// the query it has (RFC 6749 §3.1.2): `?` when there is none, `&` unless it ends in `?` or `&`.
inline void append_query_fields(std::string& url, std::span<std::pair<std::string_view, std::string_view> const> fields) {
    bool first = true;
    for (auto const& [name, value] : fields) {
        if (value.empty()) continue;
        if (first) {
            if (url.find('?') == std::string::npos) url += '?';
            else if (url.back() != '?' && url.back() != '&') url += '&';
            first = false;
        } else {
            url += '&';
        }
        append_form_encoded(url, name);
        url += '=';
        append_form_encoded(url, value);
    }
}

}  // namespace detail

/// Reads where an authorization request's answer may go (see the top): `client_id` (required),
/// `redirect_uri` and `state`. Absent `client_id` is `missing_parameter`; any of the three sent
/// twice is `duplicate`; a byte outside %x20-7E is `unexpected_character` (`nul_byte` for NUL)
/// at its offset in the decoded value; a bad `redirect_uri` is `invalid_redirect_uri`
/// (`check_redirect_uri`). Every failure names the argument. A failure here must be shown to the
/// user, not redirected (RFC 6749 §4.1.2.1).
inline result<oauth_authorization_client> read_oauth_authorization_client(query_arguments const& args) noexcept {
    oauth_authorization_client c;
    for (auto [name, into] : {std::pair{std::string_view("client_id"), &c.client_id},
                              std::pair{std::string_view("redirect_uri"), &c.redirect_uri},
                              std::pair{std::string_view("state"), &c.state}}) {
        auto v = detail::oauth_argument(args, name);
        if (!v) return v.error();
        *into = *v;
    }
    if (c.client_id.empty()) return failure(error::missing_parameter, failure::no_offset, "client_id");
    if (!c.redirect_uri.empty())
        if (auto ok = check_redirect_uri(c.redirect_uri); !ok) return ok.error().of("redirect_uri");
    return c;
}

/// Reads a whole authorization request (see the table at the top): first as
/// `read_oauth_authorization_client` (its failures as there), then `response_type` — absent is
/// `missing_parameter`, anything but `code` `unsupported_response_type` at offset 0 — `scope`
/// (`invalid_scope` or `unexpected_character` at its offset, `parse_oauth_scope_list`),
/// `code_challenge` (`invalid_code_challenge` at its offset, `check_pkce_text`) and
/// `code_challenge_method` (`invalid_option`; sent without a challenge, `missing_parameter`
/// naming `code_challenge`). Sent twice is `duplicate`. Every failure names the argument. Never
/// throws; the request views `args`.
inline result<oauth_authorization_request> read_oauth_authorization_request(query_arguments const& args) noexcept {
    auto client = read_oauth_authorization_client(args);
    if (!client) return client.error();
    oauth_authorization_request r;
    r.client_id = client->client_id;
    r.redirect_uri = client->redirect_uri;
    r.state = client->state;

    std::string_view response_type, scope, challenge, method;
    for (auto [name, into] : {std::pair{std::string_view("response_type"), &response_type},
                              std::pair{std::string_view("scope"), &scope},
                              std::pair{std::string_view("code_challenge"), &challenge},
                              std::pair{std::string_view("code_challenge_method"), &method}}) {
        auto v = detail::oauth_argument(args, name);
        if (!v) return v.error();
        *into = *v;
    }
    if (response_type.empty()) return failure(error::missing_parameter, failure::no_offset, "response_type");
    if (response_type != "code") return failure(error::unsupported_response_type, 0, "response_type");
    if (!scope.empty()) {
        auto s = parse_oauth_scope_list(scope);
        if (!s) return s.error().of("scope");
        r.scope = *s;
    }
    if (!method.empty() && challenge.empty()) return failure(error::missing_parameter, failure::no_offset, "code_challenge");
    if (!challenge.empty()) {
        if (auto ok = check_pkce_text(challenge); !ok) return ok.error().of("code_challenge");
        pkce_challenge c{challenge, pkce_method::plain};
        if (!method.empty()) {
            auto m = parse_pkce_method(method);
            if (!m) return m.error().of("code_challenge_method");
            c.method = *m;
        }
        r.code_challenge = c;
    }
    return r;
}

/// Writes the URL a client sends the user's browser to (client side): `endpoint` (an absolute
/// URL such as `https://example.kayako.com/oauth/token/authorize`, §11.3; a query it has is kept)
/// with `response_type=code` and the request's arguments, form-encoded (RFC 6749 Appendix B), in
/// the order of the table at the top, `code_challenge_method` always spelled out. An `endpoint`
/// that is not an absolute URI without fragment is `invalid_redirect_uri` naming
/// `authorization_endpoint`; otherwise exactly what `read_oauth_authorization_request` would
/// refuse is refused, with its failure — and an empty scope set is `empty_value` naming `scope`
/// — so what is written reads back equal. Throws only `std::bad_alloc`.
inline result<std::string> write_oauth_authorization_url(std::string_view endpoint, oauth_authorization_request const& r) {
    if (auto ok = check_redirect_uri(endpoint); !ok) return ok.error().of("authorization_endpoint");
    if (r.client_id.empty()) return failure(error::missing_parameter, failure::no_offset, "client_id");
    for (auto [name, value] : {std::pair{std::string_view("client_id"), r.client_id},
                               std::pair{std::string_view("redirect_uri"), r.redirect_uri},
                               std::pair{std::string_view("state"), r.state}})
        if (auto ok = detail::check_oauth_value(value, true, name); !ok) return ok.error();
    if (!r.redirect_uri.empty())
        if (auto ok = check_redirect_uri(r.redirect_uri); !ok) return ok.error().of("redirect_uri");
    std::string scope;
    if (r.scope) {
        if (r.scope->empty()) return failure(error::empty_value, failure::no_offset, "scope");
        scope = format_oauth_scope_list(*r.scope);
    }
    std::string_view challenge, method;
    if (r.code_challenge) {
        if (auto ok = check_pkce_text(r.code_challenge->challenge); !ok) return ok.error().of("code_challenge");
        challenge = r.code_challenge->challenge;
        method = to_string(r.code_challenge->method);
    }
    std::pair<std::string_view, std::string_view> const fields[] = {
        {"response_type", "code"}, {"client_id", r.client_id},      {"redirect_uri", r.redirect_uri},
        {"scope", scope},          {"state", r.state},              {"code_challenge", challenge},
        {"code_challenge_method", method}};
    std::string url(endpoint);
    detail::append_query_fields(url, fields);
    return url;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_OAUTH_AUTHORIZATION_REQUEST_HPP
