// kayako-client — OAuth 2.0 (§11.3): a token from the server's token endpoint (`POST
// /oauth/token` at the host root), built and read with kayako-proto (oauth_token_request.hpp,
// oauth_token_response.hpp, oauth_error.hpp). With `--oauth-client ID:SECRET --user EMAIL
// --password PW` the client asks for a token with the password grant — a JSON body, as the
// reference's PHP client sends it (S5) — and keeps it in the state file; later runs send it as
// `Authorization: Bearer` and, when it has expired (by the clock, or because the server says so
// with a 401), refresh it once with the refresh-token grant (RFC 6749 §6). The client id and
// secret are kept beside the tokens (the file is mode 0600, like the session it holds).
#ifndef KAYAKO_EXAMPLES_CLIENT_OAUTH_LOGIN_HPP
#define KAYAKO_EXAMPLES_CLIENT_OAUTH_LOGIN_HPP

#include "command_line.hpp"
#include "state.hpp"
#include "transport.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace kayako_client {

/// Asks for a token with the password grant for `client` (`ID:SECRET`) and keeps it in
/// `remembered`. False and a message (the server's RFC 6749 error, when it sent one) on failure.
bool obtain_token(transport& link, server_address const& server, std::string_view client, std::string_view user,
                  std::string_view password, server_state& remembered, std::int64_t now, bool verbose,
                  std::string& problem);

/// Exchanges the remembered refresh token for a new pair (RFC 6749 §6). False and a message
/// when there is none or the server refuses it; the refused token is forgotten.
bool refresh_token(transport& link, server_address const& server, server_state& remembered, std::int64_t now, bool verbose,
                   std::string& problem);

/// True when the remembered access token has expired by the clock (with a second to spare for the
/// request's way to the server).
bool token_expired(server_state const& remembered, std::int64_t now);

/// Forgets the token, its refresh token and the client.
void forget_token(server_state& remembered);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_OAUTH_LOGIN_HPP
