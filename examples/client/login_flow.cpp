// kayako-client — multi-step logins and remember-me tokens (§11.2, §11.5); see the header.
#include "login_flow.hpp"

#include <kayako/envelope/login_step.hpp>
#include <kayako/request/client_auth.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/login_step_request.hpp>
#include <kayako/request/remember_me.hpp>

#include <unistd.h>

#include <iostream>
#include <random>
#include <string_view>
#include <utility>

namespace kayako_client {

namespace {

using reply_headers = kayako::pair_headers<header_list>;

// A random device id in the form of a UUID (version 4, RFC 9562 §5.4).
std::string make_fingerprint() {
    std::random_device device;
    std::uniform_int_distribution<int> nibble(0, 15);
    std::string out;
    constexpr char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
        int v = nibble(device);
        if (i == 12) v = 4;
        if (i == 16) v = 8 | (v & 3);
        out += hex[v];
    }
    return out;
}

// `request` without the credentials it carried, then with `credentials`.
bool with_credentials(http_request& request, kayako::client_credentials const& credentials, std::string& problem) {
    std::erase_if(request.headers, [](auto const& h) {
        for (std::string_view name : {"Authorization", "X-Session-ID", "X-CSRF-Token", "X-Token", "X-OTP"})
            if (kayako::header_name_equal(h.first, name)) return true;
        return false;
    });
    auto written = kayako::write_auth_headers(credentials, request.method, [&](std::string_view n, std::string_view v) {
        request.headers.emplace_back(std::string(n), std::string(v));
    });
    if (!written) problem = "cannot send these credentials: " + written.error().message();
    return written.has_value();
}

// The one-time password: `--otp`, else asked for on the terminal.
std::optional<std::string> one_time_password(options const& o) {
    if (o.otp) return o.otp;
    if (!::isatty(STDIN_FILENO)) return std::nullopt;
    std::cerr << "one-time password: " << std::flush;
    std::string code;
    if (!std::getline(std::cin, code)) return std::nullopt;
    return code;
}

// Keeps the session an answer opened, with its CSRF token (§10, §11.1).
void keep_session(http_response const& reply, kayako::parsed_envelope const& envelope, server_state& remembered) {
    if (!envelope.session_id) return;
    remembered.session_id = std::string(*envelope.session_id);
    std::string storage;
    auto token = kayako::folded_header(reply_headers(reply.headers), "X-CSRF-Token", storage);
    remembered.csrf_token = token ? std::string(*token) : std::string();
}

// One exchange: the response in `reply`, or false and why in `problem`.
bool send(transport& link, http_request const& request, std::optional<http_response>& reply, std::string& problem) {
    auto sent = link.exchange(request);
    if (!sent) {
        problem = sent.error().message();
        reply.reset();
        return false;
    }
    reply = std::move(sent.response());
    return true;
}

}  // namespace

void prepare_remember_me(options& o, server_state& remembered) {
    if (!o.remember_me) return;
    if (remembered.fingerprint.empty()) remembered.fingerprint = make_fingerprint();
    if (o.method == "GET" || o.method == "HEAD") o.pairs.push_back(std::string(kayako::remember_me_argument) + "=true");
}

bool continue_login(transport& link, options const& o, server_address const& server, built_request const& first,
                    server_state& remembered, std::optional<http_response>& reply,
                    std::optional<kayako::parsed_envelope>& envelope, std::string& problem, bool& usage) {
    usage = false;
    for (int steps = 0; steps < 4 && envelope; ++steps) {  // each step is taken once; a server may chain two
        auto step = kayako::read_login_step(*envelope);
        if (!step) {
            problem = "the server asks for a login step but sends no auth_token";
            return false;
        }
        if (!*step) return true;
        std::string const token((*step)->auth_token);
        kayako::client_credentials credentials;
        credentials.token = token;
        http_request next = first.http;
        std::optional<std::string> code;
        if ((*step)->step == kayako::login_step::one_time_password) {
            code = one_time_password(o);
            if (!code) {
                usage = true;
                problem = "the account has two-factor authentication (OTP_EXPECTED): give --otp CODE";
                return false;
            }
            credentials.otp = *code;
            std::cout << "login step: one-time password\n";
        } else {
            if (!o.new_password) {
                usage = true;
                problem = "the password has expired (CREDENTIAL_EXPIRED): give --new-password PW";
                return false;
            }
            next.method = "PUT";
            next.target = server.prefix + std::string(kayako::password_update_path);
            next.body = kayako::password_update_form(*o.new_password);
            next.headers = {{"Accept", "application/json"}, {"Content-Type", "application/x-www-form-urlencoded"}};
            std::cout << "login step: new password\n";
        }
        if (!with_credentials(next, credentials, problem)) return false;
        if (o.verbose) std::cerr << "> " << next.method << ' ' << next.target << '\n';
        if (!send(link, next, reply, problem)) return false;
        std::cout << "HTTP " << reply->status << ' ' << reply->reason << '\n';
        envelope.reset();
        if (auto parsed = kayako::parse_envelope(reply->body)) envelope.emplace(std::move(*parsed));
        if (envelope) keep_session(*reply, *envelope, remembered);
        bool const password_step = (*step)->step == kayako::login_step::password_update;
        if (password_step && reply->status == 200 && envelope && envelope->session_id) {
            std::cout << "password updated\n";
            // The request asked for, in the session the new password opened.
            kayako::client_credentials in_session;
            in_session.session_id = remembered.session_id;
            in_session.csrf_token = remembered.csrf_token;
            http_request again = first.http;
            if (!with_credentials(again, in_session, problem)) return false;
            if (!send(link, again, reply, problem)) return false;
            std::cout << "HTTP " << reply->status << ' ' << reply->reason << '\n';
            envelope.reset();
            if (first.http.method == "HEAD" || reply->status == 304) return true;
            if (auto parsed = kayako::parse_envelope(reply->body)) envelope.emplace(std::move(*parsed));
        }
    }
    return true;
}

void remember_token(http_response const& reply, std::optional<kayako::parsed_envelope> const& envelope,
                    server_state& remembered) {
    auto issued = kayako::read_remember_me_header(reply_headers(reply.headers));
    if (issued && *issued) {
        remembered.remember_me = std::string(**issued);
        std::cout << "remember-me token kept for this device\n";
    }
    if (reply.status == 401 && envelope && !envelope->errors.empty() &&
        envelope->errors.front().parameter == kayako::remember_me_header && !remembered.remember_me.empty()) {
        remembered.remember_me.clear();
        std::cout << "the remember-me token was refused and is forgotten\n";
    }
}

}  // namespace kayako_client
