#include "command_line.hpp"

#include "state.hpp"

#include <kayako/core/values.hpp>
#include <kayako/request/headers.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>
#include <cstdlib>
#include <iostream>

namespace kayako_client {

namespace {

constexpr std::string_view usage =
    "usage: kayako-client [--base URL] [--user EMAIL --password PW] METHOD PATH [name=value ...]\n"
    "                     [--fields RULES] [--include TYPES] [--case snake|camel|pascal]\n"
    "                     [--json | --multipart] [--state FILE] [--no-cache] [--logout]\n"
    "                     [-H 'Name: value'] [--verbose] [--raw]\n"
    "                     [--otp CODE] [--new-password PW] [--remember-me]\n"
    "                     [--oauth-client ID:SECRET (with --user/--password: get an OAuth token)]\n"
    "                     [--all] [--json-suffix] [--max-wait SECONDS]\n"
    "                     [--transport beast|curl] [--cacert FILE]\n"
    "  PATH: /api/v1/tests/1 or tests/1.  name=value: arguments (GET, HEAD, DELETE) or\n"
    "  parameters (POST, PUT); name:=JSON (with --json), name@=FILE (with --multipart).\n"
    "  --file field=@PATH[;type=TYPE] (repeatable, POST/PUT): uploads a file with its Content-MD5 (§8):\n"
    "  one file alone is the raw body (§8.2), with pairs or other files multipart (§8.3).\n"
    "  -o FILE: a downloaded file's content (GET files/ID/content) goes there, else to stdout.\n"
    "  --all (GET): follows next_url page after page (§7.4), printing each as it comes.\n"
    "  --json-suffix: PATH's last segment gets .json (§1).  --max-wait SECONDS (60): a 429 or 503\n"
    "  whose Retry-After asks no longer is waited out and retried, up to 3 times (§12).\n"
    "  --transport: Boost.Beast (default, plain HTTP) or libcurl (HTTP and HTTPS, one kept-alive\n"
    "  connection per run); an https:// --base needs curl, which always checks the server's\n"
    "  certificate.  --cacert FILE: trust the CA certificates in FILE (PEM), as curl --cacert.\n"
    "  Exit status: 0 for 2xx/304, 4 for 4xx, 5 for 5xx, 1 for no valid response, 2 for usage.\n";

std::string upper_case(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// `-H 'Name: value'` as a header, the value without surrounding whitespace.
std::optional<std::pair<std::string, std::string>> split_header(std::string_view text) {
    auto const colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    return std::pair{std::string(text.substr(0, colon)), std::string(kayako::trim_ows(text.substr(colon + 1)))};
}

// The options that take a value, and where it goes.
std::optional<std::string>* value_slot(std::string_view flag, options& o) {
    if (flag == "--user") return &o.user;
    if (flag == "--password") return &o.password;
    if (flag == "--otp") return &o.otp;
    if (flag == "--oauth-client") return &o.oauth_client;
    if (flag == "--new-password") return &o.new_password;
    if (flag == "-o" || flag == "--output") return &o.output;
    if (flag == "--fields") return &o.fields;
    if (flag == "--include") return &o.include;
    if (flag == "--case") return &o.letter_case;
    if (flag == "--cacert") return &o.ca_file;
    return nullptr;
}

std::string_view what_it_needs(std::string_view flag) {
    if (flag == "--base") return "--base needs a URL";
    if (flag == "--user") return "--user needs an e-mail address";
    if (flag == "--password") return "--password needs a value";
    if (flag == "--otp") return "--otp needs the one-time password";
    if (flag == "--oauth-client") return "--oauth-client needs ID:SECRET";
    if (flag == "--new-password") return "--new-password needs a value";
    if (flag == "--fields") return "--fields needs rules";
    if (flag == "--include") return "--include needs resource types";
    if (flag == "--case") return "--case needs snake, camel or pascal";
    if (flag == "--state") return "--state needs a file";
    if (flag == "--file") return "--file needs field=@path";
    if (flag == "-o" || flag == "--output") return "-o needs a file";
    if (flag == "--max-wait") return "--max-wait needs whole seconds";
    if (flag == "--transport") return "--transport needs beast or curl";
    if (flag == "--cacert") return "--cacert needs a file of PEM certificates";
    return "-H needs 'Name: value'";
}

// The switches without a value; false when `flag` is none of them.
bool set_switch(std::string_view flag, options& o) {
    if (flag == "--json") o.encoding = body_encoding::json;
    else if (flag == "--multipart") o.encoding = body_encoding::multipart;
    else if (flag == "--no-cache") o.conditional = false;
    else if (flag == "--logout") o.logout = true;
    else if (flag == "--remember-me") o.remember_me = true;
    else if (flag == "--verbose" || flag == "-v") o.verbose = true;
    else if (flag == "--raw") o.raw = true;
    else if (flag == "--all") o.all = true;
    else if (flag == "--json-suffix") o.json_suffix = true;
    else return false;
    return true;
}

}  // namespace

int usage_error(std::string_view message) {
    std::cerr << "kayako-client: " << message << '\n' << usage;
    return usage_exit_status;
}

std::optional<int> parse_command_line(int argc, char** argv, options& o) {
    o.state_path = default_state_path();
    if (char const* base = std::getenv("KAYAKO_BASE"); base && *base) o.base = base;
    std::vector<std::string_view> positional;
    for (int i = 1; i < argc; ++i) {
        std::string_view const a = argv[i];
        if (a == "--help" || a == "-h") {
            std::cout << usage;
            return 0;
        }
        if (set_switch(a, o)) continue;
        bool const takes_value = value_slot(a, o) || a == "--base" || a == "--state" || a == "-H" || a == "--header" || a == "--file" ||
                                 a == "--max-wait" || a == "--transport";
        if (takes_value) {
            if (i + 1 >= argc) return usage_error(what_it_needs(a));
            std::string value = argv[++i];
            if (auto* slot = value_slot(a, o)) *slot = std::move(value);
            else if (a == "--base") o.base = std::move(value);
            else if (a == "--state") o.state_path = std::move(value);
            else if (a == "--file") o.files.push_back(std::move(value));
            else if (a == "--max-wait") {
                auto const seconds = kayako::parse_value<std::uint64_t>(value);
                if (!seconds) return usage_error(what_it_needs(a));
                o.max_wait = *seconds;
            }
            else if (a == "--transport") {
                auto const kind = parse_transport_kind(value);
                if (!kind) return usage_error(what_it_needs(a));
                if (*kind == transport_kind::curl && !has_curl_transport())
                    return usage_error("this kayako-client was built without libcurl: --transport beast only");
                o.transport = *kind;
            }
            else if (auto header = split_header(value)) o.extra_headers.push_back(std::move(*header));
            else return usage_error(what_it_needs(a));
            continue;
        }
        if (a.starts_with("--")) return usage_error("unknown option " + std::string(a));
        positional.push_back(a);
    }
    if (o.user.has_value() != o.password.has_value()) return usage_error("--user and --password go together");
    if (o.oauth_client && !o.user) return usage_error("--oauth-client needs --user and --password");
    if (positional.empty() && (o.logout || o.oauth_client)) return std::nullopt;
    if (positional.size() < 2) return usage_error("METHOD and PATH are required");
    o.method = upper_case(positional[0]);
    if (o.all && o.method != "GET") return usage_error("--all pages through a collection: GET only");
    o.path = std::string(positional[1]);
    o.pairs.assign(positional.begin() + 2, positional.end());
    return std::nullopt;
}

std::optional<server_address> parse_server_address(std::string_view base) {
    auto url = boost::urls::parse_absolute_uri(base);
    if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty()) return std::nullopt;
    server_address s;
    s.scheme = url->scheme();
    s.host = url->host();
    s.port = url->has_port() ? std::string(url->port()) : s.scheme == "https" ? "443" : "80";
    s.prefix = url->path();
    while (!s.prefix.empty() && s.prefix.back() == '/') s.prefix.pop_back();
    s.key = std::string(base);
    while (!s.key.empty() && s.key.back() == '/') s.key.pop_back();
    return s;
}

}  // namespace kayako_client
