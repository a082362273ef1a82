// Fuzzes the authentication readers (§10, §11): Authorization values, and whole header sets read
// by read_credentials (the input holds `name:value` lines). None may crash; Basic credentials must
// survive write → read; what write_auth_headers writes never holds CR, LF or NUL and reads back.
#include <kayako/request/auth.hpp>
#include <kayako/request/authorization.hpp>
#include <kayako/request/client_auth.hpp>
#include <kayako/request/csrf.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);

    if (auto c = kayako::parse_basic_authorization(text)) {
        auto again = kayako::basic_authorization(c->user, c->password);
        if (!again) std::abort();  // what was read can be written
        auto back = kayako::parse_basic_authorization(*again);
        if (!back || *back != *c) std::abort();
    }
    (void)kayako::parse_authorization(text);

    // The input split at its first 0xFF byte: user and password.
    std::size_t const cut = text.find('\xFF');
    std::string_view const user = text.substr(0, cut);
    std::string_view const password = cut == std::string_view::npos ? std::string_view() : text.substr(cut + 1);
    if (auto written = kayako::basic_authorization(user, password)) {
        auto back = kayako::parse_basic_authorization(*written);
        if (!back || back->user != user || back->password != password) std::abort();
    }

    // Header lines.
    std::vector<std::pair<std::string, std::string>> headers;
    std::size_t start = 0;
    while (start < text.size() && headers.size() < 32) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view const line = text.substr(start, end - start);
        std::size_t const colon = line.find(':');
        if (colon != std::string_view::npos) headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
        start = end + 1;
    }
    kayako::auth_arguments arguments;
    if (!headers.empty()) arguments.session_id = headers.front().second;
    kayako::auth_options options;
    options.session_cookie = "sid";  // so that `Cookie: sid=...` lines take part
    auto credentials = kayako::read_credentials(kayako::pair_headers(headers), arguments, options);
    if (credentials) {
        (void)kayako::check_csrf("POST", credentials->csrf_token, credentials->session_id);
        kayako::client_credentials client;
        if (credentials->session_id) client.session_id = *credentials->session_id;
        if (credentials->csrf_token) client.csrf_token = *credentials->csrf_token;
        if (credentials->token) client.token = *credentials->token;
        if (credentials->bearer) client.bearer = *credentials->bearer;
        if (credentials->basic && !credentials->bearer && !credentials->session_id) {
            client.user = credentials->basic->user;
            client.password = credentials->basic->password;
        }
        std::vector<std::pair<std::string, std::string>> written;
        auto w = kayako::write_auth_headers(client, "POST", [&](std::string_view n, std::string_view v) {
            for (char c : v)
                if (c == '\r' || c == '\n' || c == '\0') std::abort();
            written.emplace_back(n, v);
        });
        if (w) {
            auto back = kayako::read_credentials(kayako::pair_headers(written));
            if (!back || back->session_id != credentials->session_id || back->token != credentials->token) std::abort();
        }
    }

    kayako::client_credentials evil;
    evil.session_id = text;
    evil.otp = text;
    (void)kayako::write_auth_headers(evil, "PUT", [&](std::string_view, std::string_view v) {
        for (char c : v)
            if (c == '\r' || c == '\n' || c == '\0') std::abort();
    });
    return 0;
}
