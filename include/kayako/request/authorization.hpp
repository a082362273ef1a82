// kayako-proto — the Authorization header and its 401 challenge (§11.1, §11.3, §11.6; RFC 7617,
// RFC 9110 §11), both ways: `parse_authorization` splits a value into scheme (`Basic`, `Bearer`)
// and token68, `parse_basic_authorization` decodes a Basic login, `basic_authorization` writes
// one, and `basic_challenge` writes the `WWW-Authenticate` value of a 401. The server reads whole
// requests with auth.hpp; the client writes its credential headers with client_auth.hpp.
#ifndef KAYAKO_REQUEST_AUTHORIZATION_HPP
#define KAYAKO_REQUEST_AUTHORIZATION_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/detail/http_grammar.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kayako {

/// The user and password of `Authorization: Basic` (RFC 7617), split at the FIRST colon (the
/// password may contain colons, the user may not).
struct basic_credentials {
    std::string user;     ///< the user: an e-mail address on Kayako (§11.1); never contains a colon
    std::string password; ///< the password; may contain colons
    friend bool operator==(basic_credentials const&, basic_credentials const&) = default;
};

/// The scheme of an Authorization header the library understands.
enum class auth_scheme : unsigned char { basic, bearer };

/// An Authorization header value split into scheme and credentials (a view of the token68).
struct authorization {
    auth_scheme scheme = auth_scheme::basic; ///< `Basic` or `Bearer` (matched in any case)
    std::string_view credentials;            ///< the token68 after the scheme
    std::size_t credentials_offset = 0;      ///< where `credentials` starts in the header value (for errors)
};

namespace detail {
// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="  (RFC 9110 §11.2)
constexpr bool is_token68_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == '+' || c == '/';
}
}  // namespace detail

/// Splits an Authorization value: `Basic` or `Bearer` (any letter case), one or more spaces, a
/// token68. Another scheme, a missing or malformed token is `invalid_credentials` at its offset
/// (→ 401 AUTHENTICATION_FAILED).
constexpr result<authorization> parse_authorization(std::string_view value) noexcept {
    std::size_t i = 0;
    std::size_t const n = value.size();
    while (i < n && detail::is_ows(value[i])) ++i;
    std::size_t end = n;
    while (end > i && detail::is_ows(value[end - 1])) --end;
    std::size_t const scheme_start = i;
    while (i < end && detail::is_token_char(value[i])) ++i;
    std::string_view const scheme = value.substr(scheme_start, i - scheme_start);
    authorization a;
    if (header_name_equal(scheme, "Basic")) a.scheme = auth_scheme::basic;
    else if (header_name_equal(scheme, "Bearer")) a.scheme = auth_scheme::bearer;
    else return failure(error::invalid_credentials, scheme_start, "Authorization");
    if (i == end || value[i] != ' ') return failure(error::invalid_credentials, i, "Authorization");
    while (i < end && value[i] == ' ') ++i;
    std::size_t const token_start = i;
    while (i < end && detail::is_token68_char(value[i])) ++i;
    if (i == token_start) return failure(error::invalid_credentials, i, "Authorization");
    while (i < end && value[i] == '=') ++i;
    if (i != end) return failure(error::invalid_credentials, i, "Authorization");
    a.credentials = value.substr(token_start, end - token_start);
    a.credentials_offset = token_start;
    return a;
}

/// Decodes `Authorization: Basic <base64(user:password)>` (TV-INTRO-3). Bad base64, no colon,
/// or a control byte in user or password is `invalid_credentials` naming `Authorization` (with
/// the offset in the header value of the base64 that failed, or of the token). Throws only
/// `std::bad_alloc`.
inline result<basic_credentials> parse_basic_authorization(std::string_view value) {
    auto a = parse_authorization(value);
    if (!a) return a.error();
    if (a->scheme != auth_scheme::basic) return failure(error::invalid_credentials, 0, "Authorization");
    auto decoded = decode_base64(a->credentials);
    if (!decoded) return failure(error::invalid_credentials, a->credentials_offset + decoded.error().offset, "Authorization");
    std::string_view const text = decoded->bytes;
    std::size_t const colon = text.find(':');
    if (colon == std::string_view::npos) return failure(error::invalid_credentials, a->credentials_offset, "Authorization");
    for (char c : text) {
        auto const b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7F) return failure(error::invalid_credentials, a->credentials_offset, "Authorization");
    }
    return basic_credentials{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

/// The Authorization value `Basic base64(user:password)` (TV-INTRO-3). A user with a colon, or a
/// control byte (CR, LF and NUL included) in either is `invalid_credentials`. Throws only
/// `std::bad_alloc`.
inline result<std::string> basic_authorization(std::string_view user, std::string_view password) {
    if (std::size_t const colon = user.find(':'); colon != std::string_view::npos)
        return failure(error::invalid_credentials, colon, "Authorization");
    for (std::string_view part : {user, password})
        for (std::size_t i = 0; i < part.size(); ++i) {
            auto const b = static_cast<unsigned char>(part[i]);
            if (b < 0x20 || b == 0x7F) return failure(error::invalid_credentials, i, "Authorization");
        }
    std::string joined;
    joined.reserve(user.size() + 1 + password.size());
    joined.append(user).append(1, ':').append(password);
    return "Basic " + encode_base64(joined);
}

/// The `WWW-Authenticate` value of a 401 that asks for a Basic login in `realm` (RFC 7617 §2,
/// with the `charset="UTF-8"` of §2.1), for `response_options::challenge`: `basic_challenge("Kayako")`
/// is `Basic realm="Kayako", charset="UTF-8"` (= `default_challenge`). The realm is written as a
/// quoted-string (RFC 9110 §5.6.4: `"` and `\` are escaped). A control byte other than HTAB (CR,
/// LF and NUL included) or DEL in the realm is `header_injection` at its offset, naming
/// `WWW-Authenticate`. Throws only `std::bad_alloc`.
inline result<std::string> basic_challenge(std::string_view realm) {
    for (std::size_t i = 0; i < realm.size(); ++i) {
        auto const b = static_cast<unsigned char>(realm[i]);
        if ((b < 0x20 && b != '\t') || b == 0x7F) return failure(error::header_injection, i, "WWW-Authenticate");
    }
    std::string out = "Basic realm=\"";
    out.reserve(out.size() + realm.size() + 20);
    for (char c : realm) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += "\", charset=\"UTF-8\"";
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_AUTHORIZATION_HPP
