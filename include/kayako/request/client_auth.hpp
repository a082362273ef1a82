// kayako-proto — the client writes a request's credentials (§10, §11): `write_auth_headers`
// writes the headers of a `client_credentials` — Authorization (Basic or Bearer), the session, the
// CSRF token on unsafe methods, the step token, OTP, fingerprint, remember-me, portal and
// timestamp. Every value is checked for CR, LF and NUL first (`header_injection`), and nothing is
// written on failure. The server reads them with auth.hpp.
#ifndef KAYAKO_REQUEST_CLIENT_AUTH_HPP
#define KAYAKO_REQUEST_CLIENT_AUTH_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/authorization.hpp>
#include <kayako/request/csrf.hpp>
#include <kayako/request/headers.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// What a client authenticates with. Empty views and `nullopt` are not sent.
struct client_credentials {
    std::optional<std::string_view> user{};  ///< with `password`: `Authorization: Basic`
    std::string_view password{};             ///< the Basic password that goes with `user`
    std::string_view bearer{};               ///< `Authorization: Bearer` (OAuth token or JWT)
    std::string_view session_id{};           ///< `X-Session-ID`
    std::string_view csrf_token{};           ///< `X-CSRF-Token`, sent on unsafe methods only
    bool disable_csrf = false;               ///< `X-CSRF: false` (on the request that logs in)
    std::string_view token{};                ///< `X-Token`
    std::string_view otp{};                  ///< `X-OTP`
    std::string_view fingerprint_id{};       ///< `X-Fingerprint-ID`
    std::string_view remember_me{};          ///< `X-RememberMe`
    std::string_view fingerprint{};          ///< `X-Fingerprint`
    std::string_view portal{};               ///< `X-Portal`
    std::optional<std::int64_t> timestamp{}; ///< `X-Timestamp`
};

/// Calls `set_header(name, value)` for each credential header of a request with `method`. A
/// value with CR, LF or NUL is `header_injection` naming the header; Basic and Bearer together,
/// or Basic together with a session (§11.1: a session must not resend the login, 454), are
/// `invalid_credentials`. Validation comes first: on failure nothing is written. Throws only
/// `std::bad_alloc` and what `set_header` throws.
template <class SetHeader>
result<void> write_auth_headers(client_credentials const& c, std::string_view method, SetHeader&& set_header) {
    struct field {
        std::string_view name;
        std::string_view value;
    };
    // The headers whose values are written as given.
    std::array<field, 8> const fields = {{
        {"X-Session-ID", c.session_id},
        {"X-CSRF-Token", is_unsafe_method(method) ? c.csrf_token : std::string_view()},
        {"X-Token", c.token},
        {"X-OTP", c.otp},
        {"X-Fingerprint-ID", c.fingerprint_id},
        {"X-RememberMe", c.remember_me},
        {"X-Fingerprint", c.fingerprint},
        {"X-Portal", c.portal},
    }};
    for (auto const& f : fields)
        if (auto r = check_header_value(f.value, f.name); !r) return r;
    if (auto r = check_header_value(c.bearer, "Authorization"); !r) return r;
    if (c.user && (!c.bearer.empty() || !c.session_id.empty()))
        return failure(error::invalid_credentials, failure::no_offset, "Authorization");
    std::string authorization;
    if (c.user) {
        auto b = basic_authorization(*c.user, c.password);
        if (!b) return b.error();
        authorization = std::move(*b);
    } else if (!c.bearer.empty()) {
        for (std::size_t i = 0; i < c.bearer.size(); ++i)
            if (c.bearer[i] == ' ' || c.bearer[i] == '\t') return failure(error::invalid_credentials, i, "Authorization");
        authorization = "Bearer ";
        authorization += c.bearer;
    }

    if (!authorization.empty()) set_header(std::string_view("Authorization"), std::string_view(authorization));
    for (auto const& f : fields)
        if (!f.value.empty()) set_header(f.name, f.value);
    if (c.disable_csrf) set_header(std::string_view("X-CSRF"), std::string_view("false"));
    if (c.timestamp) {
        std::string const t = std::to_string(*c.timestamp);
        set_header(std::string_view("X-Timestamp"), std::string_view(t));
    }
    return {};
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_CLIENT_AUTH_HPP
