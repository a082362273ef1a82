// kayako-test-server — what a login owes after its password (§11.2) and remember-me tokens
// (§11.5): the demo accounts with two-factor authentication (RFC 6238 TOTP) and with an expired
// password, the single-use step tokens that carry a halted login from one request to the next,
// and the remember-me tokens bound to a device. Plain C++ over the store: the protocol (the step
// answers, reading `X-Token` / `X-OTP`, `X-RememberMe`) is kayako-proto's, the glue is api.cpp's.
#ifndef KAYAKO_EXAMPLES_LOGIN_STEPS_HPP
#define KAYAKO_EXAMPLES_LOGIN_STEPS_HPP

#include "store.hpp"

#include <kayako/core/api_error.hpp>
#include <kayako/envelope/login_step.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kayako_server {

/// The demo accounts (README): e-mail, password, and for the 2FA one its base32 TOTP secret.
inline constexpr std::string_view two_factor_email = "otto.factor@eyecloud.com";
inline constexpr std::string_view two_factor_password = "Tw0Factor-Demo";
inline constexpr std::string_view two_factor_secret = "JBSWY3DPEHPK3PXP";  ///< RFC 6238: SHA-1, 30 s, 6 digits
inline constexpr std::string_view expired_email = "ellen.expired@eyecloud.com";
inline constexpr std::string_view expired_email_2 = "evan.expired@eyecloud.com";
inline constexpr std::string_view expired_password = "Expired-Demo-1";

struct login_steps_options {
    std::int64_t step_token_seconds = 300;           ///< how long a step token lives (time to open an authenticator)
    std::size_t max_step_tokens = 10'000;            ///< the oldest go first
    std::int64_t remember_me_seconds = 30 * 86'400;  ///< how long a remember-me token lives
    std::size_t max_remember_me_tokens = 10'000;     ///< the oldest go first
};

/// What a password, a step or a remember-me token comes to. Exactly one of: `complete` (open a
/// session for this user), `step` (another step is owed, its token in `token`), `refused` (the
/// request's answer, naming `parameter`, with `retry_after` for AUTHENTICATION_LOCKED).
struct login_progress {
    user const* complete = nullptr;
    std::optional<kayako::login_step> step;
    std::string token;
    std::optional<kayako::api_error_code> refused;
    std::string parameter;
    std::optional<std::uint64_t> retry_after;
};

class login_steps {
public:
    /// Adds the demo accounts to `people`. `guard` counts wrong codes with wrong passwords: a
    /// name's lock-out is one budget for both factors (§11.1).
    login_steps(directory& people, login_guard& guard, login_steps_options const& options, std::int64_t now);

    /// After a right password for `who`: the first step the account still owes, or complete. The
    /// failure count of its name is reset only when the whole login completes (else a known
    /// password would buy unlimited guesses at the code).
    login_progress after_password(user const& who, std::int64_t now);
    /// The OTP step (§11.2): `token` must be a live OTP-step token (else 401 AUTHENTICATION_FAILED
    /// naming `X-Token`); it is used up whatever the code. A wrong code — or one already accepted
    /// (RFC 6238 §5.2) — is 401 naming `code_parameter` and counts toward the lock-out; a locked
    /// name is 429 AUTHENTICATION_LOCKED and keeps its token.
    login_progress one_time_password(std::string_view token, std::string_view code, std::string_view code_parameter,
                                     std::int64_t now);
    /// The password step (§11.2): a live password-step token (as above); a weak password is 400
    /// PASSWORD_POLICY_VIOLATION naming `new_password` and keeps the token, so that the user can
    /// try another.
    login_progress password_update(std::string_view token, std::string_view new_password, std::int64_t now);

    /// A new remember-me token for `user_id` on the device `fingerprint` (§11.5).
    std::string remember(std::int64_t user_id, std::string_view fingerprint, std::int64_t now);
    /// The user a remember-me token stands for, when it is live and `fingerprint` is its device's.
    user const* recall(std::string_view token, std::string_view fingerprint, std::int64_t now);
    /// Forgets a remember-me token (logout); false when there was none.
    bool forget(std::string_view token);

private:
    struct account {  // what a login owes beyond the password
        std::string totp_key;                     ///< decoded secret; empty: no 2FA
        std::optional<std::uint64_t> last_step;   ///< the last TOTP time step accepted (used once)
        bool password_expired = false;
    };
    struct step_token {
        std::int64_t user_id = 0;
        kayako::login_step step{};
        std::int64_t expires = 0;
        bool otp_done = false;  ///< the OTP step lies behind (a later step must not ask again)
    };
    struct remembered {
        std::int64_t user_id = 0;
        std::string fingerprint;
        std::int64_t expires = 0;
    };

    login_progress next(user const& who, bool otp_done, std::int64_t now);
    login_progress issue(user const& who, kayako::login_step step, bool otp_done, std::int64_t now);
    step_token* live_token(std::string_view token, std::int64_t now);

    directory& people_;
    login_guard& guard_;
    login_steps_options options_;
    std::unordered_map<std::int64_t, account> accounts_;
    std::unordered_map<std::string, step_token> step_tokens_;
    std::deque<std::string> step_order_;  ///< issue order = expiry order (one lifetime for all)
    std::unordered_map<std::string, remembered> remembered_;
    std::deque<std::string> remembered_order_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_LOGIN_STEPS_HPP
