// kayako-proto — the answers of a halted Basic login (§11.2), both directions.
//
// A valid Basic login may be answered with an error that asks for one more step and carries the
// token of that step in `auth_token`:
//
// | step                 | error                  | status | also                                | next request                      |
// |----------------------|------------------------|--------|-------------------------------------|-----------------------------------|
// | one-time password    | `OTP_EXPECTED`         | 403    | the INFO notification of 2FA        | `X-Token` + `X-OTP` (`_token`, `_otp`) |
// | password update      | `CREDENTIAL_EXPIRED`   | 403    | —                                   | `PUT /api/v1/profile/password`, `X-Token`, `new_password` |
//
// A server writes them with `make_login_step_envelope` (or `answer::ask_for_login_step`,
// answer.hpp); a client recognises them with `read_login_step` on a parsed envelope (both
// envelope parsers keep `auth_token`), then sends the step with `client_credentials::token` /
// `otp` (client_auth.hpp) or `password_update_form` (login_step_request.hpp).
#ifndef KAYAKO_ENVELOPE_LOGIN_STEP_HPP
#define KAYAKO_ENVELOPE_LOGIN_STEP_HPP

#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/envelope/envelope_types.hpp>

#include <optional>
#include <string_view>

namespace kayako {

/// The step a halted login asks for (§11.2).
enum class login_step : unsigned char {
    one_time_password,  ///< `OTP_EXPECTED`: two-factor authentication is enabled
    password_update,    ///< `CREDENTIAL_EXPIRED`: the password is right but has expired
};

/// The error that asks for `step`.
constexpr api_error_code error_code_of(login_step step) noexcept {
    return step == login_step::one_time_password ? api_error_code::otp_expected : api_error_code::credential_expired;
}

/// The step error `code` asks for; nothing for any other code.
constexpr std::optional<login_step> login_step_for(api_error_code code) noexcept {
    if (code == api_error_code::otp_expected) return login_step::one_time_password;
    if (code == api_error_code::credential_expired) return login_step::password_update;
    return std::nullopt;
}

/// The INFO notification of the OTP step, as in the reference's example (§11.2).
inline constexpr std::string_view two_factor_notice = "Two-factor authentication is enabled for your account";

/// Server side: the answer that asks for `step` (§11.2, §15): status 403, the step's error with
/// the catalogue's message and `more_info`, for the OTP step the INFO notification, and
/// `auth_token`. The envelope views `auth_token`: keep it alive until it is written.
inline envelope make_login_step_envelope(login_step step, std::string_view auth_token) {
    envelope e = make_error_envelope({make_api_error(error_code_of(step))});
    if (step == login_step::one_time_password) e.notifications.emplace_back(notification_type::info, two_factor_notice);
    e.auth_token = auth_token;
    return e;
}

/// What a halted login asks the client to do next.
struct login_step_request {
    login_step step = login_step::one_time_password; ///< the step the server asks for: a one-time password, or a new password (§11.2)
    std::string_view auth_token;                     ///< send it back as `X-Token` (a view into the parsed envelope)

    friend bool operator==(login_step_request const&, login_step_request const&) = default;
};

/// Client side: the step an answer asks for, from its parsed envelope (either parser): the first
/// error whose code is `OTP_EXPECTED` or `CREDENTIAL_EXPIRED`, with the envelope's `auth_token`.
/// Nothing when the answer is not an error or asks for no step. A step error without a non-empty
/// `auth_token` cannot be answered: `missing_parameter` naming `auth_token`.
inline result<std::optional<login_step_request>> read_login_step(envelope_metadata const& e) noexcept {
    if (!e.is_error()) return std::optional<login_step_request>();
    for (auto const& entry : e.errors) {
        auto const code = entry.known_code();
        auto const step = code ? login_step_for(*code) : std::nullopt;
        if (!step) continue;
        if (!e.auth_token || e.auth_token->empty()) return failure(error::missing_parameter, failure::no_offset, "auth_token");
        return std::optional<login_step_request>(login_step_request{*step, *e.auth_token});
    }
    return std::optional<login_step_request>();
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_LOGIN_STEP_HPP
