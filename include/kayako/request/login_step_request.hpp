// kayako-proto — the requests that continue a halted Basic login (§11.2), both directions.
//
// After an `OTP_EXPECTED` or `CREDENTIAL_EXPIRED` answer (envelope/login_step.hpp) the client sends
//
// * the OTP step: `X-Token: <auth_token>` and `X-OTP: <code>` (or `_token`, `_otp`) on any request;
// * the password step: `PUT /api/v1/profile/password` with `X-Token` and the body parameter
//   `new_password` (no old password: the token stands for it).
//
// The server reads them with `read_step_credentials` (from the credentials `read_credentials`
// already checked: one value per place, header and argument equal — else 400
// PARAMETERS_INCONSISTENT naming the argument, §11.9) and `read_password_update`; the client
// writes them with `client_credentials::token` / `otp` (client_auth.hpp) and
// `password_update_form`. Whether the token is valid, for which step and user, is the server's
// to know: the library sees only opaque text.
#ifndef KAYAKO_REQUEST_LOGIN_STEP_REQUEST_HPP
#define KAYAKO_REQUEST_LOGIN_STEP_REQUEST_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/one_time_password.hpp>
#include <kayako/request/parameters.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// The endpoint of the password step (§11.2), under the API root.
inline constexpr std::string_view password_update_path = "/api/v1/profile/password";
/// Its body parameter.
inline constexpr std::string_view new_password_parameter = "new_password";

/// The step part of a request's credentials (§11.2).
struct step_credentials {
    std::string_view token;                      ///< `X-Token` / `_token`
    std::optional<std::string_view> one_time_password;  ///< `X-OTP` / `_otp`, `digits` digits

    friend bool operator==(step_credentials const&, step_credentials const&) = default;
};

/// Server side: the step a request continues (§11.2). Nothing when it sends neither a step token
/// nor a code. A code without a token is `missing_parameter` naming `X-Token` (→ 400
/// FIELD_REQUIRED): a code alone continues nothing. A code that is not `digits` digits fails as
/// `parse_one_time_password`, naming `X-OTP` when the header was sent, else `_otp`. Throws what
/// the header source throws.
template <header_source H>
result<std::optional<step_credentials>> read_step_credentials(request_credentials const& credentials, H const& headers,
                                                              std::size_t digits = one_time_password_digits) {
    if (!credentials.token && !credentials.otp) return std::optional<step_credentials>();
    if (!credentials.token) return failure(error::missing_parameter, failure::no_offset, "X-Token");
    step_credentials step{*credentials.token, std::nullopt};
    if (credentials.otp) {
        if (auto code = parse_one_time_password(*credentials.otp, digits); !code) {
            bool sent_as_header = false;  // both copies are equal when both came (§11.9): name the header
            headers("X-OTP", [&](std::string_view) { sent_as_header = true; });
            return code.error().of(sent_as_header ? std::string_view("X-OTP") : std::string_view("_otp"));
        }
        step.one_time_password = credentials.otp;
    }
    return std::optional<step_credentials>(step);
}

/// The password step's request (§11.2), as the server reads it.
struct password_update {
    std::string_view token;    ///< `X-Token` / `_token`: the `auth_token` of `CREDENTIAL_EXPIRED`
    std::string new_password;  ///< `new_password`, as sent: the server judges it against its policy
};

/// Server side: the password step from the request's credentials and body parameters (form, JSON
/// or multipart: `typed_request::body_parameters`). No step token is `missing_parameter` naming
/// `X-Token`, no `new_password` (or an empty one) `missing_parameter` naming `new_password` (→
/// 400 FIELD_REQUIRED); a `new_password` that is not text fails as `parameters::get` does, naming
/// it. A weak password is the server's `PASSWORD_POLICY_VIOLATION`. Throws only `std::bad_alloc`.
inline result<password_update> read_password_update(request_credentials const& credentials, parameters const& body) {
    if (!credentials.token) return failure(error::missing_parameter, failure::no_offset, "X-Token");
    auto sent = body.get<std::string>(new_password_parameter);
    if (!sent) return sent.error().of(new_password_parameter);
    if (!*sent || (*sent)->empty()) return failure(error::missing_parameter, failure::no_offset, new_password_parameter);
    return password_update{*credentials.token, std::move(**sent)};
}

/// Client side: the form body of the password step (`new_password=<form-encoded>`, sent as
/// `application/x-www-form-urlencoded` with `X-Token`). Throws only `std::bad_alloc`.
inline std::string password_update_form(std::string_view new_password) {
    std::string out;
    append_form_field(out, new_password_parameter, new_password);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_LOGIN_STEP_REQUEST_HPP
