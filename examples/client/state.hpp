// kayako-client — what the client remembers between runs, per server: the session and its CSRF
// token (§10, §11.8) and the validators of the resources it has read (§9), in a small JSON file
// (default `~/.kayako-client.json`, mode 0600: it holds a session).
#ifndef KAYAKO_EXAMPLES_CLIENT_STATE_HPP
#define KAYAKO_EXAMPLES_CLIENT_STATE_HPP

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace kayako_client {

/// ETag and Last-Modified exactly as the server sent them (echoed verbatim, §21.6).
struct stored_validators {
    std::string etag;
    std::string last_modified;
};

struct server_state {
    std::string session_id;
    std::string csrf_token;
    std::string remember_me;  ///< a remember-me token (§11.5), sent with `fingerprint` on every request
    std::string fingerprint;  ///< this device's id (`X-Fingerprint`), made once
    // OAuth 2.0 (§11.3, oauth_login.hpp): the token, its refresh token and expiry (Unix seconds,
    // 0: not said), and the client that refreshes it.
    std::string access_token;
    std::string refresh_token;
    std::int64_t token_expires = 0;
    std::string oauth_client_id;
    std::string oauth_client_secret;
    std::map<std::string, stored_validators> validators;  ///< by request path (no query)
};

class state_file {
public:
    static constexpr std::size_t max_validators = 1000;  ///< per server; the file stays small

    explicit state_file(std::string path) : path_(std::move(path)) {}

    /// Reads the file; a missing file is an empty state. False and a message on a broken file.
    bool load(std::string& error);
    /// Writes the file atomically (temporary file, then rename).
    bool save(std::string& error) const;

    server_state& server(std::string const& base_url) { return servers_[base_url]; }
    std::string const& path() const noexcept { return path_; }

private:
    std::string path_;
    std::map<std::string, server_state> servers_;
};

/// `$KAYAKO_CLIENT_STATE`, else `$HOME/.kayako-client.json`, else `.kayako-client.json`.
std::string default_state_path();

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_STATE_HPP
