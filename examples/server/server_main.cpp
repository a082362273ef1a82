// kayako-test-server — a Kayako-protocol server for the public Test resource (§16), the demo
// user, and sessions; every protocol decision is taken by kayako-proto. Its flags are the
// `usage` text below; the README's "Limits" section explains every bound and its default.
// Shared by both executables (main.cpp on Beast, httplib_main.cpp on cpp-httplib): only the
// `serve` function differs.
#include "server_main.hpp"

#include "api.hpp"
#include "cors.hpp"

#include <kayako/request/oauth_authorization_request.hpp>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <utility>

namespace {

constexpr std::string_view usage =
    "usage: kayako-test-server [--host ADDRESS] [--port N (0: any free port)] [--items N]\n"
    "                          [--body-limit BYTES] [--header-limit BYTES] [--max-connections N]\n"
    "                          [--idle-timeout MS] [--request-timeout MS]\n"
    "                          [--max-connections-per-address N (128; 0: off)]\n"
    "                          [--rate-limit UNITS_PER_MINUTE_PER_ADDRESS (1200; 0: off)]\n"
    "                          [--rate-unit-bytes N (1024: a request costs 1 unit + 1 per N response bytes; 0: 1 unit)]\n"
    "                          [--max-field-bytes N (65536)] [--max-item-bytes N (131072)]\n"
    "                          [--max-store-bytes N (67108864)] [--max-response-bytes N (4194304)]\n"
    "                          (storage and page bounds in bytes; 0: off)\n"
    "                          [--lockout-failures N (10; 0: off)] [--lockout-seconds S (600)]\n"
    "                          [--lockout-names N (10000)] [--session-max-age SECONDS (86400; 0: off)]\n"
    "                          [--max-file-bytes N (1048576)] [--max-file-store-bytes N (67108864)] [--max-files N (10000)]\n"
    "                          [--max-files-per-request N (20)] [--file-lifetime SECONDS (10800)] (uploads, §8; 0: off)\n"
    "                          [--oauth-client-id ID (kayako-demo-client)] [--oauth-client-secret S (kayako-demo-secret)]\n"
    "                          [--oauth-token-lifetime SECONDS (3600)] [--jwt-secret SECRET (default: JWT sign-in off)]\n"
    "                          [--oauth-redirect-uri URI (http://127.0.0.1/callback)] [--oauth-code-lifetime SECONDS (60)]\n"
    "                          [--cors-origin ORIGIN (repeatable; *: any, without credentials; default: none)]\n"
    "                          [--require-timestamp] [--timestamp-skew SECONDS (default: any)] (X-Timestamp / _timestamp, §11.10)\n"
    "                          [--max-url-segments N (16; at most 32)] (§1: URL_TOO_MANY_SEGMENTS past them)\n"
    "                          [--threads N (1; at most 256)] (threads serving connections; the application's\n"
    "                          calls stay one at a time. The cpp-httplib server takes only 1: it has a thread per connection)\n";

template <class T>
bool parse_number(std::string_view text, T& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

namespace kayako_server {

int server_main(int argc, char** argv, serve_function serve) {
    kayako_server::transport_options transport;
    kayako_server::application_options app_options;
    kayako::cors_policy cors;  // §13: who may read answers from a browser
    for (int i = 1; i < argc; ++i) {
        std::string_view const flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            std::cout << usage;
            return 0;
        }
        if (flag == "--require-timestamp") {  // §11.10: a switch, without a value
            app_options.timestamps.required = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::cerr << "kayako-test-server: " << flag << " needs a value\n" << usage;
            return 2;
        }
        std::string_view const value = argv[++i];
        bool ok = true;
        std::uint64_t ms = 0;
        if (flag == "--host") transport.host = std::string(value);
        else if (flag == "--port") ok = parse_number(value, transport.port);
        else if (flag == "--items") ok = parse_number(value, app_options.initial_items) && app_options.initial_items <= 1'000'000;
        else if (flag == "--body-limit") ok = parse_number(value, transport.body_limit);
        else if (flag == "--header-limit") ok = parse_number(value, transport.header_limit) && transport.header_limit >= 256;
        else if (flag == "--max-connections") ok = parse_number(value, transport.max_connections);
        else if (flag == "--max-connections-per-address") ok = parse_number(value, transport.max_connections_per_address);
        else if (flag == "--rate-limit") ok = parse_number(value, app_options.rate_limit);
        else if (flag == "--rate-unit-bytes") ok = parse_number(value, app_options.rate_unit_bytes);
        else if (flag == "--max-field-bytes") ok = parse_number(value, app_options.max_field_bytes);
        else if (flag == "--max-item-bytes") ok = parse_number(value, app_options.max_item_bytes);
        else if (flag == "--max-store-bytes") ok = parse_number(value, app_options.max_store_bytes);
        else if (flag == "--max-response-bytes") ok = parse_number(value, app_options.max_response_bytes);
        else if (flag == "--lockout-failures") ok = parse_number(value, app_options.lockout_failures);
        else if (flag == "--lockout-seconds") ok = parse_number(value, app_options.lockout_seconds) && app_options.lockout_seconds >= 1;
        else if (flag == "--lockout-names") ok = parse_number(value, app_options.lockout_names) && app_options.lockout_names >= 1;
        else if (flag == "--cors-origin") ok = cors.allow_origin(value).has_value();
        else if (flag == "--max-file-bytes") ok = parse_number(value, app_options.files.max_file_bytes);
        else if (flag == "--max-file-store-bytes") ok = parse_number(value, app_options.files.max_store_bytes);
        else if (flag == "--max-files") ok = parse_number(value, app_options.files.max_files);
        else if (flag == "--max-files-per-request") ok = parse_number(value, app_options.files.max_files_per_request);
        else if (flag == "--file-lifetime") ok = parse_number(value, app_options.files.lifetime) && app_options.files.lifetime >= 1;
        else if (flag == "--timestamp-skew") ok = parse_number(value, app_options.timestamps.max_skew.emplace());
        else if (flag == "--threads") ok = parse_number(value, transport.threads) && transport.threads >= 1 && transport.threads <= 256;
        else if (flag == "--max-url-segments") ok = parse_number(value, app_options.max_url_segments) && app_options.max_url_segments >= 1 && app_options.max_url_segments <= 32;
        else if (flag == "--session-max-age") ok = parse_number(value, app_options.session_max_age) && app_options.session_max_age >= 0;
        else if (flag == "--oauth-client-id") ok = !(app_options.bearer.client_id = value).empty();
        else if (flag == "--oauth-client-secret") ok = !(app_options.bearer.client_secret = value).empty();
        else if (flag == "--oauth-token-lifetime") ok = parse_number(value, app_options.bearer.token_lifetime) && app_options.bearer.token_lifetime >= 1;
        else if (flag == "--jwt-secret") ok = !(app_options.bearer.jwt_secret = value).empty();
        else if (flag == "--oauth-redirect-uri") ok = kayako::check_redirect_uri(app_options.bearer.redirect_uri = value).has_value();
        else if (flag == "--oauth-code-lifetime") ok = parse_number(value, app_options.bearer.code_lifetime) && app_options.bearer.code_lifetime >= 1;
        else if (flag == "--idle-timeout") {
            ok = parse_number(value, ms) && ms > 0;
            transport.idle_timeout = std::chrono::milliseconds(ms);
        } else if (flag == "--request-timeout") {
            ok = parse_number(value, ms) && ms > 0;
            transport.request_timeout = std::chrono::milliseconds(ms);
        }
        else {
            std::cerr << "kayako-test-server: unknown option " << flag << '\n' << usage;
            return 2;
        }
        if (!ok) {
            std::cerr << "kayako-test-server: bad value for " << flag << ": " << value << '\n';
            return 2;
        }
    }
    app_options.body_limit = transport.body_limit;
    kayako_server::kayako_application app(app_options);
    kayako_server::cors_application shared(app, std::move(cors));
    return serve(transport, shared, [&](std::string const& url) {
        app.set_base_url(url);
        std::cout << "kayako-test-server listening on " << url << std::endl;
        std::cout << "try: curl '" << url << "/api/v1/tests?_empty=false&count=45'" << std::endl;
    });
}

}  // namespace kayako_server
