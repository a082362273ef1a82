// kayako-client — what the command line asks for: the server, the credentials, the request
// (method, path, `name=value` pairs, output arguments, body encoding) and how to show the answer.
// Nothing here knows the protocol; `request.hpp` turns these options into an HTTP request.
#ifndef KAYAKO_EXAMPLES_CLIENT_COMMAND_LINE_HPP
#define KAYAKO_EXAMPLES_CLIENT_COMMAND_LINE_HPP

#include "transport.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kayako_client {

/// How `name=value` pairs travel in a POST or PUT body.
enum class body_encoding { form, json, multipart };

struct options {
    std::string base = "http://127.0.0.1:8080";  ///< `--base`, else `$KAYAKO_BASE`
    std::optional<std::string> user, password;
    std::optional<std::string> otp;           ///< `--otp CODE`: the one-time password of a 2FA login (§11.2)
    std::optional<std::string> new_password;  ///< `--new-password PW`: for an expired password (§11.2)
    bool remember_me = false;                 ///< `--remember-me`: ask for a remember-me token (§11.5)
    std::optional<std::string> oauth_client;  ///< `--oauth-client ID:SECRET`: get an OAuth token with --user/--password (§11.3)
    std::string method;  ///< upper case; empty with `--logout` alone
    std::string path;    ///< `/api/v1/tests/1` or `tests/1`, maybe with `?name=value...`
    std::vector<std::string> pairs;  ///< `name=value`, `name:=JSON`, `name@=FILE`
    std::optional<std::string> fields, include, letter_case;
    body_encoding encoding = body_encoding::form;
    std::string state_path;
    bool conditional = true;  ///< false with `--no-cache`
    bool logout = false;
    bool verbose = false;
    bool raw = false;
    header_list extra_headers;  ///< `-H 'Name: value'`, sent last
    std::vector<std::string> files;     ///< `--file field=@path[;type=TYPE]` (§8): file_transfer.hpp
    std::optional<std::string> output;  ///< `-o FILE`: where a downloaded file goes (default: stdout)
    bool all = false;          ///< `--all`: follow `next_url` to the last page (§7.4), printing each page as it comes
    bool json_suffix = false;  ///< `--json-suffix`: `tests/1.json` (§1)
    std::uint64_t max_wait = 60;  ///< `--max-wait SECONDS`: the longest `Retry-After` (§12) waited out before a retry
    transport_kind transport = transport_kind::beast;  ///< `--transport beast|curl`: who speaks HTTP (transport.hpp)
    std::optional<std::string> ca_file;  ///< `--cacert FILE`: CA certificates (PEM) trusted for https:// (curl)
};

/// The exit status of a usage error.
inline constexpr int usage_exit_status = 2;

/// Prints `message` and the usage to stderr; returns `usage_exit_status`.
int usage_error(std::string_view message);

/// Reads `argv` into `o`. Returns an exit status when the program should stop here (`--help`: 0,
/// a usage error: 2), nothing when there is something to do.
std::optional<int> parse_command_line(int argc, char** argv, options& o);

/// The server of `--base` (`http[s]://host[:port][/prefix]`).
struct server_address {
    std::string scheme;  ///< `http` or `https`
    std::string host;
    std::string port;    ///< "80" (http) or "443" (https) unless given
    std::string prefix;  ///< where the API is mounted, without a trailing `/` (usually empty)
    std::string key;     ///< the base URL without trailing `/`: the server's entry in the state file
};

/// `base` as a server address; nothing when it is not an `http://` or `https://` URL with a host.
std::optional<server_address> parse_server_address(std::string_view base);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_COMMAND_LINE_HPP
