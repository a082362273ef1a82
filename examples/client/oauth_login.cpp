#include "oauth_login.hpp"

#include "transport.hpp"

#include <kayako/request/oauth_token_request.hpp>
#include <kayako/response/oauth_error.hpp>
#include <kayako/response/oauth_token_response.hpp>

#include <iostream>
#include <optional>

namespace kayako_client {

namespace {

// One exchange with the token endpoint; the token kept in `remembered`, or a message.
bool token_exchange(transport& link, server_address const& server, kayako::oauth_token_request const& request,
                    server_state& remembered, std::int64_t now, bool verbose, std::string& problem) {
    auto message = kayako::write_oauth_token_request(request, kayako::oauth_body_format::json);
    if (!message) {
        problem = "cannot write the token request: " + message.error().message();
        return false;
    }
    http_request http;
    http.scheme = server.scheme;
    http.host = server.host;
    http.port = server.port;
    http.method = "POST";
    http.target = server.prefix + "/oauth/token";  // the host root, not /api/v1 (§11.3)
    http.headers.emplace_back("Accept", "application/json");
    http.headers.emplace_back("Content-Type", message->content_type);
    if (!message->authorization.empty()) http.headers.emplace_back("Authorization", message->authorization);
    http.body = std::move(message->body);
    if (verbose) std::cerr << "> POST " << http.target << " (" << kayako::to_string(request.grant_type) << " grant)\n";

    auto sent = link.exchange(http);
    if (!sent) {
        problem = sent.error().message();
        return false;
    }
    http_response const& reply = sent.response();
    if (verbose) std::cerr << "< HTTP " << reply.status << ' ' << reply.reason << '\n';
    if (reply.status != 200) {
        auto error = kayako::parse_oauth_error_response(reply.body);
        problem = "the token endpoint answered " + std::to_string(reply.status);
        if (error) problem += ": " + error->error + (error->description.empty() ? "" : " (" + error->description + ")");
        return false;
    }
    auto token = kayako::parse_oauth_token_response(reply.body);
    if (!token) {
        problem = "the token endpoint's answer is not an RFC 6749 token: " + token.error().message();
        return false;
    }
    if (!kayako::is_bearer(*token)) {
        problem = "the token endpoint issued a " + token->token_type + " token; this client sends Bearer tokens only";
        return false;
    }
    remembered.access_token = token->access_token;
    // RFC 6749 §6: a server may keep the refresh token; then the old one stays.
    if (!token->refresh_token.empty()) remembered.refresh_token = token->refresh_token;
    remembered.token_expires = token->expires_in ? now + *token->expires_in : 0;
    return true;
}

}  // namespace

bool obtain_token(transport& link, server_address const& server, std::string_view client, std::string_view user,
                  std::string_view password, server_state& remembered, std::int64_t now, bool verbose,
                  std::string& problem) {
    auto const colon = client.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        problem = "--oauth-client takes ID:SECRET";
        return false;
    }
    kayako::oauth_token_request r;
    r.grant_type = kayako::oauth_grant_type::password;
    r.client_authentication = kayako::oauth_client_authentication::request_body;
    r.client_id = client.substr(0, colon);
    r.client_secret = client.substr(colon + 1);
    r.username = user;
    r.password = password;
    forget_token(remembered);
    if (!token_exchange(link, server, r, remembered, now, verbose, problem)) return false;
    remembered.oauth_client_id = std::string(r.client_id);
    remembered.oauth_client_secret = std::string(r.client_secret);
    std::cout << "OAuth token obtained";
    if (remembered.token_expires) std::cout << " (expires in " << remembered.token_expires - now << " s)";
    std::cout << ", saved\n";
    return true;
}

bool refresh_token(transport& link, server_address const& server, server_state& remembered, std::int64_t now, bool verbose,
                   std::string& problem) {
    if (remembered.refresh_token.empty() || remembered.oauth_client_id.empty()) {
        problem = "the OAuth token expired and there is no refresh token; obtain one again with --oauth-client";
        return false;
    }
    kayako::oauth_token_request r;
    r.grant_type = kayako::oauth_grant_type::refresh_token;
    r.client_authentication = kayako::oauth_client_authentication::request_body;
    r.client_id = remembered.oauth_client_id;
    r.client_secret = remembered.oauth_client_secret;
    std::string const old = remembered.refresh_token;
    r.refresh_token = old;
    if (!token_exchange(link, server, r, remembered, now, verbose, problem)) {
        forget_token(remembered);
        problem += "; the token was forgotten: obtain one again with --oauth-client";
        return false;
    }
    std::cout << "OAuth token refreshed\n";
    return true;
}

bool token_expired(server_state const& remembered, std::int64_t now) {
    return !remembered.access_token.empty() && remembered.token_expires != 0 && remembered.token_expires <= now + 1;
}

void forget_token(server_state& remembered) {
    remembered.access_token.clear();
    remembered.refresh_token.clear();
    remembered.token_expires = 0;
    remembered.oauth_client_id.clear();
    remembered.oauth_client_secret.clear();
}

}  // namespace kayako_client
