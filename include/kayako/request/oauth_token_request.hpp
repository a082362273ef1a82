// kayako-proto — the request to an OAuth 2.0 token endpoint (§11.3; RFC 6749), both ways.
//
// Kayako's token endpoint is `POST /oauth/token` at the host root, not under `/api/v1` (§11.3).
// It takes the three grants §11.3 names:
//
// | grant_type           | parameters                         | RFC 6749 |
// |----------------------|------------------------------------|----------|
// | `password`           | `username`, `password`, [`scope`]  | §4.3.2   |
// | `refresh_token`      | `refresh_token`, [`scope`]         | §6       |
// | `authorization_code` | `code`, [`redirect_uri`], [`code_verifier`] | §4.1.3, RFC 7636 §4.5 |
//
// The body is a form (RFC 6749 §4.3.2) or — as the reference's PHP client sends it (S5) — a JSON
// object with the same members; `kayako::parameters` reads either. The client authenticates
// (RFC 6749 §2.3.1) with `client_id` and `client_secret` in the body, or with
// `Authorization: Basic` whose user and password are the form-encoded id and secret; never both
// (RFC 6749 §2.3: one method per request).
//
// Server side, `read_oauth_token_request` checks the request's shape; whether the client, the
// user, the code or the refresh token are valid is the server's to decide (`invalid_client`,
// `invalid_grant`: oauth_error.hpp). `oauth_error_for` (oauth_error.hpp) turns a failure of the
// reader into the RFC 6749 §5.2 error code. Client side, `write_oauth_token_request` writes the
// body (form or JSON) and, for Basic client authentication, the Authorization value.
#ifndef KAYAKO_REQUEST_OAUTH_TOKEN_REQUEST_HPP
#define KAYAKO_REQUEST_OAUTH_TOKEN_REQUEST_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/request/authorization.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/oauth_scope.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/pkce.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako {

/// The grants of §11.3.
enum class oauth_grant_type : unsigned char { authorization_code, password, refresh_token };

/// The `grant_type` value of RFC 6749 (`authorization_code`, `password`, `refresh_token`).
constexpr std::string_view to_string(oauth_grant_type g) noexcept {
    switch (g) {
    case oauth_grant_type::authorization_code: return "authorization_code";
    case oauth_grant_type::password: return "password";
    case oauth_grant_type::refresh_token: return "refresh_token";
    }
    return "password";
}

/// How the client authenticated itself to the token endpoint (RFC 6749 §2.3.1).
enum class oauth_client_authentication : unsigned char {
    none,          ///< no client secret: a public client, or none at all (the server decides)
    request_body,  ///< `client_id` and `client_secret` in the body
    basic,         ///< `Authorization: Basic`
};

/// A token request (see the table at the top). Views point into the parameters and the Basic
/// credentials given to `read_oauth_token_request`; empty views are values not sent.
struct oauth_token_request {
    oauth_grant_type grant_type = oauth_grant_type::password;                              ///< `grant_type`: password, refresh_token or authorization_code (RFC 6749 §4)
    oauth_client_authentication client_authentication = oauth_client_authentication::none; ///< how the client authenticated: not at all, in the body, or with Basic (RFC 6749 §2.3.1)
    std::string_view client_id{};                                                          ///< `client_id`, from the body or the Basic user
    std::string_view client_secret{};                                                      ///< `client_secret`, from the body or the Basic password
    std::string_view username{};                                                           ///< `password` grant
    std::string_view password{};                                                           ///< `password` grant
    std::string_view refresh_token{};                                                      ///< `refresh_token` grant
    std::string_view code{};                                                               ///< `authorization_code` grant
    std::string_view redirect_uri{};                                                       ///< `authorization_code` grant, when the authorization request had one
    std::string_view code_verifier{};                                                      ///< `authorization_code` grant, when the authorization request had a challenge (RFC 7636 §4.5)
    std::optional<oauth_scope_set> scope{};                                                ///< the scopes asked for; nothing: the client's default
};

namespace detail {

// Decodes application/x-www-form-urlencoded text in place (`+` is a space, `%XX` a byte): the
// text only shrinks. A bad escape is `invalid_percent_escape` at its offset.
inline result<void> form_decode_in_place(std::string& text) noexcept {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::size_t out = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            bool const room = i + 2 < text.size();
            int const high = room ? hex(text[i + 1]) : -1;
            int const low = room ? hex(text[i + 2]) : -1;
            if (high < 0 || low < 0) return failure(error::invalid_percent_escape, i);
            c = static_cast<char>(high * 16 + low);
            i += 2;
        }
        text[out++] = c;
    }
    text.resize(out);  // shrinking never allocates
    return {};
}

// RFC 6749 Appendix A: VSCHAR (%x20-7E) for ids, secrets, codes, tokens; UNICODECHARNOCRLF for
// username and password (any text but control characters; UTF-8 is checked by the body reader).
inline result<void> check_oauth_value(std::string_view value, bool visible_ascii_only, std::string_view name) noexcept {
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto const b = static_cast<unsigned char>(value[i]);
        if (b < 0x20 || b == 0x7F || (visible_ascii_only && b > 0x7E))
            return failure(b == 0 ? error::nul_byte : error::unexpected_character, i, name);
    }
    return {};
}

// The one value of `name` (RFC 6749 §3.1/§3.2: never sent twice; sent empty counts as not sent).
inline result<std::string_view> oauth_parameter(parameters const& body, std::string_view name,
                                                bool visible_ascii_only) noexcept {
    parameter const* found = nullptr;
    for (auto const& p : body) {
        if (p.name != name) continue;
        if (found) return failure(error::duplicate, failure::no_offset, name);
        found = &p;
    }
    if (!found) return std::string_view();
    std::string_view value;
    switch (found->type) {
    case parameter::kind::text: value = found->text; break;
    case parameter::kind::json:
        if (found->json->is_null()) return std::string_view();
        if (!found->json->is_string()) return failure(error::wrong_type, failure::no_offset, name);
        value = found->json->get_string();
        break;
    case parameter::kind::file: return failure(error::wrong_type, failure::no_offset, name);
    }
    if (auto ok = check_oauth_value(value, visible_ascii_only, name); !ok) return ok.error();
    return value;
}

}  // namespace detail

/// Reads a token request (see the top) from its body `body` and, when the request carried
/// `Authorization: Basic`, its credentials `basic` — decoded here in place from the form encoding
/// of RFC 6749 §2.3.1 (so keep them alive: the request views them). Failures name the parameter:
/// no `grant_type` or a grant's required parameter is `missing_parameter`; another grant is
/// `unsupported_grant_type`; a parameter sent twice is `duplicate`; a non-string JSON member is
/// `wrong_type`; a control byte (or, in ids, secrets, codes and tokens, a non-ASCII byte) is
/// `unexpected_character` or `nul_byte` at its offset; a `code_verifier` that is not 43-128
/// unreserved characters (RFC 7636 §4.1) is `invalid_code_challenge` (pkce.hpp) naming it, and
/// becomes `invalid_request` (a wrong one is the server's `invalid_grant`); a bad `scope` is
/// `invalid_scope` or `unexpected_character` at its offset; a client secret in both places is `duplicate` naming
/// `client_secret`, and a body `client_id` that differs from Basic's is `parameters_inconsistent`
/// naming `client_id` (RFC 6749 §2.3); a bad `%` escape in Basic is `invalid_percent_escape`
/// naming `Authorization`. A request without client authentication is not refused here (a
/// public client sends none: the server answers `invalid_client` when it needs one).
inline result<oauth_token_request> read_oauth_token_request(parameters const& body,
                                                            basic_credentials* basic = nullptr) noexcept {
    oauth_token_request r;
    struct slot {
        std::string_view name;
        bool visible_ascii_only;
        std::string_view* into;
    };
    std::string_view grant;
    std::string_view scope;
    std::array<slot, 10> const slots = {{
        {"grant_type", true, &grant},
        {"client_id", true, &r.client_id},
        {"client_secret", true, &r.client_secret},
        {"username", false, &r.username},
        {"password", false, &r.password},
        {"refresh_token", true, &r.refresh_token},
        {"code", true, &r.code},
        {"redirect_uri", true, &r.redirect_uri},
        {"code_verifier", true, &r.code_verifier},
        {"scope", true, &scope},
    }};
    for (auto const& s : slots) {
        auto v = detail::oauth_parameter(body, s.name, s.visible_ascii_only);
        if (!v) return v.error();
        *s.into = *v;
    }

    if (grant.empty()) return failure(error::missing_parameter, failure::no_offset, "grant_type");
    if (grant == "password") r.grant_type = oauth_grant_type::password;
    else if (grant == "refresh_token") r.grant_type = oauth_grant_type::refresh_token;
    else if (grant == "authorization_code") r.grant_type = oauth_grant_type::authorization_code;
    else return failure(error::unsupported_grant_type, 0, "grant_type");

    auto require = [](std::string_view value, std::string_view name) -> result<void> {
        if (value.empty()) return failure(error::missing_parameter, failure::no_offset, name);
        return {};
    };
    switch (r.grant_type) {
    case oauth_grant_type::password:
        if (auto ok = require(r.username, "username"); !ok) return ok.error();
        if (auto ok = require(r.password, "password"); !ok) return ok.error();
        break;
    case oauth_grant_type::refresh_token:
        if (auto ok = require(r.refresh_token, "refresh_token"); !ok) return ok.error();
        break;
    case oauth_grant_type::authorization_code:
        if (auto ok = require(r.code, "code"); !ok) return ok.error();
        if (!r.code_verifier.empty())
            if (auto ok = check_pkce_text(r.code_verifier); !ok) return ok.error().of("code_verifier");
        break;
    }
    if (!scope.empty()) {
        auto s = parse_oauth_scope_list(scope);
        if (!s) return s.error().of("scope");
        r.scope = *s;
    }

    if (basic) {
        if (!r.client_secret.empty()) return failure(error::duplicate, failure::no_offset, "client_secret");
        if (auto ok = detail::form_decode_in_place(basic->user); !ok) return ok.error().of("Authorization");
        if (auto ok = detail::form_decode_in_place(basic->password); !ok) return ok.error().of("Authorization");
        if (auto ok = detail::check_oauth_value(basic->user, true, "Authorization"); !ok) return ok.error();
        if (auto ok = detail::check_oauth_value(basic->password, true, "Authorization"); !ok) return ok.error();
        if (!r.client_id.empty() && r.client_id != basic->user)
            return failure(error::parameters_inconsistent, failure::no_offset, "client_id");
        r.client_id = basic->user;
        r.client_secret = basic->password;
        r.client_authentication = oauth_client_authentication::basic;
    } else if (!r.client_secret.empty()) {
        r.client_authentication = oauth_client_authentication::request_body;
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Client side
// ---------------------------------------------------------------------------------------------

/// How the client sends a token request's body.
enum class oauth_body_format : unsigned char {
    form,  ///< `application/x-www-form-urlencoded` (RFC 6749 §4.3.2)
    json,  ///< `application/json`, as the reference's PHP client does (§11.3, S5)
};

/// A token request ready to send: `POST /oauth/token` with this Content-Type and body, and
/// `Authorization` when not empty (Basic client authentication).
struct oauth_token_request_message {
    std::string content_type;  ///< the Content-Type header value (form or JSON)
    std::string body;          ///< the encoded body
    std::string authorization; ///< the `Authorization` header value; empty: not sent
};

/// Writes `r` (`client_authentication` says where the client id and secret go; `none` sends the
/// `client_id` alone, when there is one). A request missing what its grant requires is
/// `missing_parameter` naming it; a control byte is `unexpected_character` naming the
/// parameter, a malformed `code_verifier` `invalid_code_challenge` naming it — exactly what `read_oauth_token_request` would refuse, so what is written reads
/// back. Throws only `std::bad_alloc`.
inline result<oauth_token_request_message> write_oauth_token_request(oauth_token_request const& r,
                                                                     oauth_body_format format = oauth_body_format::form) {
    std::string scope;
    if (r.scope) {
        if (r.scope->empty()) return failure(error::empty_value, failure::no_offset, "scope");
        scope = format_oauth_scope_list(*r.scope);
    }
    bool const secret_in_body = r.client_authentication == oauth_client_authentication::request_body;
    bool const id_in_body = r.client_authentication != oauth_client_authentication::basic;
    std::vector<std::pair<std::string_view, std::string_view>> fields;
    fields.emplace_back("grant_type", to_string(r.grant_type));
    auto add = [&](std::string_view name, std::string_view value, bool ascii) -> result<void> {
        if (auto ok = detail::check_oauth_value(value, ascii, name); !ok) return ok.error();
        if (!value.empty()) fields.emplace_back(name, value);
        return {};
    };
    auto require = [&](std::string_view name, std::string_view value, bool ascii) -> result<void> {
        if (value.empty()) return failure(error::missing_parameter, failure::no_offset, name);
        return add(name, value, ascii);
    };
    result<void> ok;
    switch (r.grant_type) {
    case oauth_grant_type::password:
        if (ok = require("username", r.username, false); ok) ok = require("password", r.password, false);
        break;
    case oauth_grant_type::refresh_token: ok = require("refresh_token", r.refresh_token, true); break;
    case oauth_grant_type::authorization_code:
        if (ok = require("code", r.code, true); ok) ok = add("redirect_uri", r.redirect_uri, true);
        if (ok && !r.code_verifier.empty()) {
            if (auto checked = check_pkce_text(r.code_verifier); !checked) return checked.error().of("code_verifier");
            ok = add("code_verifier", r.code_verifier, true);
        }
        break;
    }
    if (!ok) return ok.error();
    if (!scope.empty()) fields.emplace_back("scope", scope);
    if (id_in_body)
        if (auto added = add("client_id", r.client_id, true); !added) return added.error();
    if (secret_in_body)
        if (auto added = require("client_secret", r.client_secret, true); !added) return added.error();

    oauth_token_request_message m;
    if (r.client_authentication == oauth_client_authentication::basic) {
        if (r.client_id.empty()) return failure(error::missing_parameter, failure::no_offset, "client_id");
        for (auto const& [name, value] : {std::pair{std::string_view("client_id"), r.client_id},
                                          std::pair{std::string_view("client_secret"), r.client_secret}})
            if (auto checked = detail::check_oauth_value(value, true, name); !checked) return checked.error();
        // RFC 6749 §2.3.1: id and secret are form-encoded first, so a colon in the id survives.
        std::string id, secret;
        detail::append_form_encoded(id, r.client_id);
        detail::append_form_encoded(secret, r.client_secret);
        auto b = basic_authorization(id, secret);
        if (!b) return b.error();
        m.authorization = std::move(*b);
    }
    if (format == oauth_body_format::form) {
        m.content_type = "application/x-www-form-urlencoded";
        m.body = encode_form(fields);
    } else {
        m.content_type = "application/json";
        boost::json::object o;
        for (auto const& [name, value] : fields) o[name] = value;
        m.body = boost::json::serialize(o);
    }
    return m;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_OAUTH_TOKEN_REQUEST_HPP
