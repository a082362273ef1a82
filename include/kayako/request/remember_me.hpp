// kayako-proto — remember-me tokens (§11.5), both directions.
//
// A client asks for a token with `GET /api/v1/session` and `remember_me=true`; the server sends it
// in the `X-RememberMe` response header (`answer_options::remember_me`, answer.hpp). From then on
// the client sends `X-RememberMe: <token>` with `X-Fingerprint: <device id>` on every request, so
// that the server can open a new session when the old one is gone. The token is worth something
// only with its device's fingerprint: a token without one is refused here, before any lookup.
//
//     server:  auto rm = kayako::read_remember_me(request.credentials());   // X-RememberMe + X-Fingerprint
//     client:  auto token = kayako::read_remember_me_header(response_headers);
#ifndef KAYAKO_REQUEST_REMEMBER_ME_HPP
#define KAYAKO_REQUEST_REMEMBER_ME_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/request/headers.hpp>

#include <optional>
#include <string_view>

namespace kayako {

/// The argument of `GET /api/v1/session` that asks for a token (§11.5), a boolean (§3).
inline constexpr std::string_view remember_me_argument = "remember_me";
/// The header that carries the token, in the response that issues it and in later requests.
inline constexpr std::string_view remember_me_header = "X-RememberMe";
/// The device id that goes with it.
inline constexpr std::string_view fingerprint_header = "X-Fingerprint";

/// A remember-me credential (§11.5): the token and the device it was issued to.
struct remember_me_credential {
    std::string_view token;        ///< `X-RememberMe`
    std::string_view fingerprint;  ///< `X-Fingerprint`

    friend bool operator==(remember_me_credential const&, remember_me_credential const&) = default;
};

/// Server side: the remember-me credential of a request (§11.5), from the credentials
/// `read_credentials` checked (one visible-ASCII value per header). Nothing when no
/// `X-RememberMe` was sent (a fingerprint alone is a device id, not a credential); a token without
/// `X-Fingerprint` is `missing_parameter` naming `X-Fingerprint` (→ 400 FIELD_REQUIRED).
constexpr result<std::optional<remember_me_credential>> read_remember_me(request_credentials const& c) noexcept {
    if (!c.remember_me) return std::optional<remember_me_credential>();
    if (!c.fingerprint) return failure(error::missing_parameter, failure::no_offset, fingerprint_header);
    return std::optional<remember_me_credential>(remember_me_credential{*c.remember_me, *c.fingerprint});
}

/// Client side: the token a response issued (§11.5): its `X-RememberMe` header, or nothing. Sent
/// on several lines that differ, it is `parameters_inconsistent`; an empty value is `empty_value`,
/// a byte outside visible ASCII `invalid_header` at its offset — each naming `X-RememberMe` — so
/// that what is stored can be sent back as it is. Throws what the header source throws.
template <header_source H>
result<std::optional<std::string_view>> read_remember_me_header(H const& headers) {
    auto one = single_header(headers, remember_me_header);
    if (!one) return one.error();
    if (!*one) return std::optional<std::string_view>();
    std::string_view const v = **one;
    if (v.empty()) return failure(error::empty_value, 0, remember_me_header);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] < 0x21 || v[i] > 0x7E) return failure(error::invalid_header, i, remember_me_header);
    return std::optional<std::string_view>(v);
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_REMEMBER_ME_HPP
