// kayako-client — the HTTP request of one command line, built through kayako-proto: the target
// with `kayako::target_builder` (§1, §2.2, §21.1), the parameters in a form, JSON or multipart
// body (§2.3, §3), the credentials or the remembered session with its CSRF token (§10, §11), and
// the conditions from the validators read before (§9.2).
#ifndef KAYAKO_EXAMPLES_CLIENT_REQUEST_HPP
#define KAYAKO_EXAMPLES_CLIENT_REQUEST_HPP

#include "command_line.hpp"
#include "state.hpp"
#include "transport.hpp"

#include <optional>
#include <string>

namespace kayako_client {

/// A request ready to send, and what the rest of the run needs to know about it.
struct built_request {
    http_request http;
    std::string path;           ///< the target without its query: the key of its validators
    bool used_session = false;  ///< sent with the remembered session, not with credentials
    bool used_token = false;    ///< sent with the remembered OAuth token (§11.3)
};

/// The request `o` asks for, to `server`, with what `remembered` holds for it. Nothing and a
/// message for the user in `problem` when the command line cannot be sent (a usage error).
std::optional<built_request> build_request(options const& o, server_address const& server,
                                           server_state const& remembered, std::string& problem);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_REQUEST_HPP
