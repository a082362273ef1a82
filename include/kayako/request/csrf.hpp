// kayako-proto — the CSRF rule of §10: which methods need the session's token
// (`is_unsafe_method`) and the server's check of `X-CSRF-Token` (`check_csrf`, constant time,
// → 403 CSRF_FAILED). The client sends the token with client_auth.hpp.
#ifndef KAYAKO_REQUEST_CSRF_HPP
#define KAYAKO_REQUEST_CSRF_HPP

#include <kayako/core/error.hpp>
#include <kayako/detail/http_grammar.hpp>

#include <optional>
#include <string_view>

namespace kayako {

/// True for the methods that need the CSRF token. §10 names POST, PUT and DELETE; every method
/// that RFC 9110 §9.2.1 does not call safe (GET, HEAD, OPTIONS, TRACE) is treated the same, so
/// that an unknown method cannot slip past. Methods are case-sensitive (RFC 9110 §9.1).
constexpr bool is_unsafe_method(std::string_view method) noexcept {
    return method != "GET" && method != "HEAD" && method != "OPTIONS" && method != "TRACE";
}

/// The §10 rule. `session_token` is the token of the request's session, or nothing when the
/// session is not CSRF-protected (created with `X-CSRF: false`) or there is no session. On an
/// unsafe method of a protected session the request's `X-CSRF-Token` must equal it (compared in
/// constant time), else `csrf_failed` naming `X-CSRF-Token` (→ 403 CSRF_FAILED).
constexpr result<void> check_csrf(std::string_view method, std::optional<std::string_view> sent_token,
                                  std::optional<std::string_view> session_token) noexcept {
    if (!session_token || !is_unsafe_method(method)) return {};
    if (!sent_token || !detail::secrets_equal(*sent_token, *session_token))
        return failure(error::csrf_failed, failure::no_offset, "X-CSRF-Token");
    return {};
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_CSRF_HPP
