// kayako-client — the logins that take more than one request: the steps of a halted Basic login
// (§11.2: a one-time password from `--otp` or the terminal, a new password from
// `--new-password`) and remember-me tokens (§11.5: asked for with `--remember-me`, kept in the
// state file, sent with the device's fingerprint on every request).
#ifndef KAYAKO_EXAMPLES_CLIENT_LOGIN_FLOW_HPP
#define KAYAKO_EXAMPLES_CLIENT_LOGIN_FLOW_HPP

#include "command_line.hpp"
#include "request.hpp"
#include "state.hpp"
#include "transport.hpp"

#include <kayako/envelope/envelope_parser.hpp>

#include <optional>
#include <string>

namespace kayako_client {

/// `--remember-me`: makes this device's fingerprint (once) and, on a GET or HEAD, adds
/// `remember_me=true` to the arguments (§11.5: `GET /api/v1/session?remember_me=true`).
void prepare_remember_me(options& o, server_state& remembered);

/// While the answer asks for a login step (§11.2), takes it: the OTP step re-sends the request
/// with `X-Token` and `X-OTP` instead of the password; the password step sends `PUT
/// /api/v1/profile/password` with `X-Token` and `new_password`, then the request again in the
/// session it opened. `reply` and `envelope` become the last answer; sessions opened on the way
/// are kept in `remembered`; each step goes through `link`. False, with a message in `problem`,
/// when a step cannot be taken (no code, no new password, no answer); `usage` then says whether it
/// was the command line's fault.
bool continue_login(transport& link, options const& o, server_address const& server, built_request const& first,
                    server_state& remembered, std::optional<http_response>& reply,
                    std::optional<kayako::parsed_envelope>& envelope, std::string& problem, bool& usage);

/// Keeps the remember-me token an answer issued (`X-RememberMe`), and forgets the kept one when
/// the server refused it.
void remember_token(http_response const& reply, std::optional<kayako::parsed_envelope> const& envelope,
                    server_state& remembered);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_LOGIN_FLOW_HPP
