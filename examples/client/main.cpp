// kayako-client — a command-line client for any Kayako-protocol server.
//
//   kayako-client [--base URL] [--user EMAIL --password PW] METHOD PATH [name=value ...]
//                 [--fields RULES] [--include TYPES] [--case snake|camel|pascal]
//                 [--json | --multipart] [--state FILE] [--no-cache] [--logout] [-H 'Name: value']
//                 [--verbose] [--raw]
//
// PATH is `/api/v1/tests/1` or just `tests/1`. For GET, HEAD and DELETE the `name=value` pairs
// are arguments (query); for POST and PUT they are parameters (body): form-encoded by default,
// `--json` or `--multipart` otherwise. `name:=JSON` puts a raw JSON value into a JSON body
// (`array_items:=[1,2]`); `name@=FILE` adds a file part to a multipart body.
//
// The request is built through kayako-proto; the session and CSRF token (§10, §11.8) and the
// validators of what was read (§9) are remembered in a state file between runs, so a second GET
// of the same path is conditional (304 when unchanged) and a PUT or DELETE carries If-Match.
//
// Exit status: 0 for 2xx and 304, 4 for 4xx, 5 for 5xx, 1 when no valid response arrived,
// 2 for a usage error.
#include "state.hpp"
#include "transport.hpp"

#include <kayako/request/auth.hpp>
#include <kayako/caching/conditional.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_parser.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/request/multipart.hpp>
#include <kayako/core/values.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
using namespace kayako_client;

constexpr std::string_view usage =
    "usage: kayako-client [--base URL] [--user EMAIL --password PW] METHOD PATH [name=value ...]\n"
    "                     [--fields RULES] [--include TYPES] [--case snake|camel|pascal]\n"
    "                     [--json | --multipart] [--state FILE] [--no-cache] [--logout]\n"
    "                     [-H 'Name: value'] [--verbose] [--raw]\n"
    "  PATH: /api/v1/tests/1 or tests/1.  name=value: arguments (GET, HEAD, DELETE) or\n"
    "  parameters (POST, PUT); name:=JSON (with --json), name@=FILE (with --multipart).\n"
    "  Exit status: 0 for 2xx/304, 4 for 4xx, 5 for 5xx, 1 for no valid response, 2 for usage.\n";

enum class body_encoding { form, json, multipart };

struct options {
    std::string base = "http://127.0.0.1:8080";
    std::optional<std::string> user, password;
    std::string method, path;
    std::vector<std::string> pairs;
    std::optional<std::string> fields, include, letter_case;
    body_encoding encoding = body_encoding::form;
    std::string state_path = default_state_path();
    bool conditional = true;
    bool logout = false;
    bool verbose = false;
    bool raw = false;
    header_list extra_headers;
};

int usage_error(std::string_view message) {
    std::cerr << "kayako-client: " << message << '\n' << usage;
    return 2;
}

std::optional<int> parse_options(int argc, char** argv, options& o) {
    if (char const* base = std::getenv("KAYAKO_BASE"); base && *base) o.base = base;
    std::vector<std::string_view> positional;
    for (int i = 1; i < argc; ++i) {
        std::string_view const a = argv[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argc) return std::nullopt;
            return std::string(argv[++i]);
        };
        auto need = [&](std::optional<std::string>& slot) -> bool {
            slot = value();
            return slot.has_value();
        };
        if (a == "--help" || a == "-h") {
            std::cout << usage;
            return 0;
        }
        std::optional<std::string> v;
        if (a == "--base") {
            if (!need(v)) return usage_error("--base needs a URL");
            o.base = *v;
        } else if (a == "--user") {
            if (!need(o.user)) return usage_error("--user needs an e-mail address");
        } else if (a == "--password") {
            if (!need(o.password)) return usage_error("--password needs a value");
        } else if (a == "--fields") {
            if (!need(o.fields)) return usage_error("--fields needs rules");
        } else if (a == "--include") {
            if (!need(o.include)) return usage_error("--include needs resource types");
        } else if (a == "--case") {
            if (!need(o.letter_case)) return usage_error("--case needs snake, camel or pascal");
        } else if (a == "--state") {
            if (!need(v)) return usage_error("--state needs a file");
            o.state_path = *v;
        } else if (a == "-H" || a == "--header") {
            if (!need(v)) return usage_error("-H needs 'Name: value'");
            auto colon = v->find(':');
            if (colon == std::string::npos) return usage_error("-H needs 'Name: value'");
            o.extra_headers.emplace_back(v->substr(0, colon), std::string(kayako::trim_ows(std::string_view(*v).substr(colon + 1))));
        } else if (a == "--json") {
            o.encoding = body_encoding::json;
        } else if (a == "--multipart") {
            o.encoding = body_encoding::multipart;
        } else if (a == "--no-cache") {
            o.conditional = false;
        } else if (a == "--logout") {
            o.logout = true;
        } else if (a == "--verbose" || a == "-v") {
            o.verbose = true;
        } else if (a == "--raw") {
            o.raw = true;
        } else if (a.starts_with("--")) {
            return usage_error("unknown option " + std::string(a));
        } else {
            positional.push_back(a);
        }
    }
    if (o.user.has_value() != o.password.has_value()) return usage_error("--user and --password go together");
    if (positional.empty() && o.logout) return std::nullopt;
    if (positional.size() < 2) return usage_error("METHOD and PATH are required");
    o.method = std::string(positional[0]);
    for (auto& c : o.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    o.path = std::string(positional[1]);
    for (std::size_t i = 2; i < positional.size(); ++i) o.pairs.emplace_back(positional[i]);
    return std::nullopt;
}

/// One `name=value`, `name:=json` or `name@=file` from the command line.
struct pair_argument {
    std::string name;
    std::string value;
    enum kind { text, raw_json, file } how = text;
};

std::optional<pair_argument> split_pair(std::string const& text) {
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    pair_argument p;
    p.name = text.substr(0, eq);
    p.value = text.substr(eq + 1);
    if (p.name.back() == ':') p.how = pair_argument::raw_json, p.name.pop_back();
    else if (p.name.back() == '@') p.how = pair_argument::file, p.name.pop_back();
    if (p.name.empty()) return std::nullopt;
    return p;
}

// ---- display -------------------------------------------------------------------------------

void pretty(std::ostream& out, json::value const& v, int indent) {
    std::string const pad(static_cast<std::size_t>(indent) * 2, ' ');
    std::string const inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
    if (v.is_object()) {
        auto const& o = v.get_object();
        if (o.empty()) {
            out << "{}";
            return;
        }
        out << "{\n";
        std::size_t i = 0;
        for (auto const& [k, member] : o) {
            out << inner << json::serialize(json::string(k)) << ": ";
            pretty(out, member, indent + 1);
            out << (++i < o.size() ? ",\n" : "\n");
        }
        out << pad << '}';
    } else if (v.is_array()) {
        auto const& a = v.get_array();
        bool const scalars = std::all_of(a.begin(), a.end(), [](json::value const& e) { return !e.is_structured(); });
        if (a.empty() || (scalars && a.size() <= 16)) {
            out << json::serialize(v);
            return;
        }
        out << "[\n";
        for (std::size_t i = 0; i < a.size(); ++i) {
            out << inner;
            pretty(out, a[i], indent + 1);
            out << (i + 1 < a.size() ? ",\n" : "\n");
        }
        out << pad << ']';
    } else if (v.is_double()) {
        char number[32];  // the shortest text that reads back as the same double
        auto const end = std::to_chars(number, number + sizeof number, v.get_double()).ptr;
        out << std::string_view(number, static_cast<std::size_t>(end - number));
    } else {
        out << json::serialize(v);
    }
}

int exit_status_for(int status) {
    if (status >= 200 && status < 300) return 0;
    if (status == 304) return 0;
    if (status >= 400 && status < 500) return 4;
    if (status >= 500 && status < 600) return 5;
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    if (auto done = parse_options(argc, argv, o)) return *done;

    // The server: `http://host[:port][/prefix]`.
    auto base_url = boost::urls::parse_absolute_uri(o.base);
    if (!base_url || base_url->scheme() != "http" || base_url->host().empty())
        return usage_error("--base must be an http:// URL (this client speaks plain HTTP/1.1)");
    std::string const host = base_url->host();
    std::string const port = base_url->has_port() ? std::string(base_url->port()) : "80";
    std::string prefix = base_url->path();
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    std::string base_key = o.base;
    while (!base_key.empty() && base_key.back() == '/') base_key.pop_back();

    state_file state(o.state_path);
    std::string problem;
    if (!state.load(problem)) {
        std::cerr << "kayako-client: " << problem << '\n';
        return 1;
    }
    server_state& remembered = state.server(base_key);
    if (o.logout) {
        remembered.session_id.clear();
        remembered.csrf_token.clear();
        if (!state.save(problem)) std::cerr << "kayako-client: " << problem << '\n';
        std::cout << "session forgotten\n";
        if (o.method.empty()) return 0;
    }

    // ---- the request ----
    std::string const& m = o.method;
    if (m != "GET" && m != "HEAD" && m != "POST" && m != "PUT" && m != "DELETE")
        std::cerr << "kayako-client: note: " << m << " is not a Kayako method; sending it anyway\n";
    bool const has_body = m == "POST" || m == "PUT";

    std::string path = o.path, query;
    if (auto q = path.find('?'); q != std::string::npos) {
        query = path.substr(q + 1);
        path.resize(q);
    }
    if (!path.starts_with("/")) path = "/api/v1/" + path;
    path = prefix + path;

    std::vector<pair_argument> pairs;
    for (auto const& text : o.pairs) {
        auto p = split_pair(text);
        if (!p) return usage_error("'" + text + "' is not name=value");
        pairs.push_back(std::move(*p));
    }

    // Arguments: form-encoded by the library (a literal `+` in `fields` becomes %2B, §21.1).
    if (o.fields) kayako::append_form_field(query, "fields", *o.fields);
    if (o.include) kayako::append_form_field(query, "include", *o.include);
    if (o.letter_case) {
        auto c = kayako::parse_letter_case(*o.letter_case);
        if (!c) return usage_error("--case must be snake, camel or pascal");
        kayako::append_form_field(query, "_case", kayako::to_string(*c));
    }
    if (!has_body)
        for (auto const& p : pairs) {
            if (p.how != pair_argument::text) return usage_error("name:= and name@= need a body (POST or PUT)");
            kayako::append_form_field(query, p.name, p.value);
        }

    http_request request;
    request.host = host;
    request.port = port;
    request.method = m;
    request.target = query.empty() ? path : path + "?" + query;
    request.headers.emplace_back("Accept", "application/json");

    // Parameters in the body.
    std::vector<std::string> file_contents;  // outlive the multipart builder's views
    file_contents.reserve(pairs.size());
    if (has_body) {
        if (o.encoding == body_encoding::form) {
            for (auto const& p : pairs) {
                if (p.how != pair_argument::text) return usage_error("name:= needs --json, name@= needs --multipart");
                kayako::append_form_field(request.body, p.name, p.value);
            }
            request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        } else if (o.encoding == body_encoding::json) {
            json::object body;
            for (auto const& p : pairs) {
                if (p.how == pair_argument::file) return usage_error("name@= needs --multipart");
                if (p.how == pair_argument::raw_json) {
                    boost::system::error_code ec;
                    json::value v = json::parse(p.value, ec);
                    if (ec) return usage_error("'" + p.name + ":=" + p.value + "' is not JSON");
                    body[p.name] = std::move(v);
                } else {
                    body[p.name] = p.value;
                }
            }
            request.body = json::serialize(body);
            request.headers.emplace_back("Content-Type", "application/json");
        } else {
            kayako::multipart_builder builder;
            for (auto const& p : pairs) {
                kayako::result<void> added;
                if (p.how == pair_argument::file) {
                    std::ifstream in(p.value, std::ios::binary);
                    if (!in) return usage_error("cannot read " + p.value);
                    std::stringstream content;
                    content << in.rdbuf();
                    file_contents.push_back(content.str());
                    auto slash = p.value.find_last_of('/');
                    std::string_view filename = std::string_view(p.value).substr(slash == std::string::npos ? 0 : slash + 1);
                    added = builder.add_file(p.name, filename, file_contents.back());
                } else if (p.how == pair_argument::raw_json) {
                    return usage_error("name:= needs --json");
                } else {
                    added = builder.add_field(p.name, p.value);
                }
                if (!added) return usage_error("cannot send parameter '" + p.name + "': " + added.error().message());
            }
            auto body = builder.finish();
            request.body = std::move(body.body);
            request.headers.emplace_back("Content-Type", std::move(body.content_type));
        }
    }

    // Authentication: credentials open a session (§11.1); afterwards the session is used (§11.8),
    // with the CSRF token on unsafe methods (§10).
    kayako::client_credentials credentials;
    bool used_session = false;
    if (o.user) {
        credentials.user = *o.user;
        credentials.password = *o.password;
    } else if (!remembered.session_id.empty()) {
        used_session = true;
        credentials.session_id = remembered.session_id;
        credentials.csrf_token = remembered.csrf_token;  // written on unsafe methods only
    }
    auto written = kayako::write_auth_headers(credentials, m, [&](std::string_view name, std::string_view value) {
        request.headers.emplace_back(std::string(name), std::string(value));
    });
    if (!written) return usage_error("cannot send these credentials: " + written.error().message());

    // Conditional request from what was read before (§9.2).
    if (o.conditional) {
        if (auto it = remembered.validators.find(path); it != remembered.validators.end()) {
            header_list stored;
            if (!it->second.etag.empty()) stored.emplace_back("ETag", it->second.etag);
            if (!it->second.last_modified.empty()) stored.emplace_back("Last-Modified", it->second.last_modified);
            if (auto entry = kayako::validator_entry::from_response(kayako::pair_headers<header_list>(stored)))
                entry->add_conditions(m, [&](std::string_view name, std::string_view value) {
                    request.headers.emplace_back(std::string(name), std::string(value));
                });
        }
    }
    for (auto& h : o.extra_headers) request.headers.push_back(h);

    if (o.verbose) {
        std::cerr << "> " << request.method << ' ' << request.target << '\n';
        for (auto const& [n, v] : request.headers) std::cerr << "> " << n << ": " << v << '\n';
        if (!request.body.empty()) std::cerr << ">\n> " << request.body.substr(0, 2000) << '\n';
    }

    // ---- the exchange ----
    auto reply = exchange(request, {}, problem);
    if (!reply) {
        std::cerr << "kayako-client: " << o.base << ": " << problem << '\n';
        return 1;
    }
    kayako::pair_headers<header_list> const reply_headers(reply->headers);
    if (o.verbose) {
        std::cerr << "< HTTP " << reply->status << ' ' << reply->reason << '\n';
        for (auto const& [n, v] : reply->headers) std::cerr << "< " << n << ": " << v << '\n';
    }
    if (o.raw) {
        std::cout << reply->body;
        if (!reply->body.empty() && reply->body.back() != '\n') std::cout << '\n';
    }

    std::cout << "HTTP " << reply->status << ' ' << reply->reason << '\n';

    // ---- what to remember ----
    if (reply->status >= 200 && reply->status < 300) {
        if (m == "DELETE") {
            remembered.validators.erase(path);
        } else if (m == "GET" || m == "HEAD" || m == "PUT") {
            auto entry = kayako::validator_entry::from_response(reply_headers);
            if (entry && !entry->empty())
                remembered.validators[path] = {std::string(entry->etag()), std::string(entry->last_modified())};
        }
    }

    std::optional<kayako::parsed_envelope> envelope;
    if (m != "HEAD" && reply->status != 304) {
        auto parsed = kayako::parse_envelope(reply->body);
        if (!parsed) {
            std::cerr << "kayako-client: the response is not a Kayako envelope: " << parsed.error().message() << '\n';
            if (!o.raw) std::cerr << reply->body.substr(0, 2000) << '\n';
            return reply->status >= 400 ? exit_status_for(reply->status) : 1;
        }
        envelope.emplace(std::move(*parsed));
    }

    if (envelope && envelope->session_id) {
        remembered.session_id = std::string(*envelope->session_id);
        std::string storage;
        auto token = kayako::folded_header(reply_headers, "X-CSRF-Token", storage);
        remembered.csrf_token = token ? std::string(*token) : std::string();
        std::cout << "session: " << remembered.session_id << (token ? " (with CSRF token)" : "") << ", saved in "
                  << state.path() << '\n';
    }
    if (used_session && (reply->status == 401 || reply->status == 454)) {
        remembered.session_id.clear();
        remembered.csrf_token.clear();
        std::cout << "the session is no longer valid and was forgotten; log in again with --user and --password\n";
    }

    // ---- display ----
    std::vector<std::string_view> codes;
    if (envelope)
        for (auto const& e : envelope->errors) codes.push_back(e.code);
    switch (kayako::classify_conditional_response(reply->status, codes)) {
    case kayako::conditional_response::not_modified:
        std::cout << "not modified: your copy of " << path << " is current\n";
        break;
    case kayako::conditional_response::conflict:
        remembered.validators.erase(path);
        std::cout << "conflict: " << path << " changed since you read it; GET it again, then retry\n";
        break;
    default: break;
    }
    if (m == "HEAD") {
        if (auto etag = kayako::folded_header(reply_headers, "ETag", problem)) std::cout << "etag: " << *etag << '\n';
    }
    if (envelope) {
        auto const& e = *envelope;
        if (envelope->status != reply->status) std::cout << "status (in the envelope): " << e.status << '\n';
        for (auto const& err : e.errors) {
            std::cout << "error: " << err.code;
            if (!err.parameter.empty()) std::cout << " (parameter " << err.parameter << ')';
            for (auto p : err.parameters) std::cout << " [" << p << ']';
            if (!err.message.empty()) std::cout << ": " << err.message;
            std::cout << '\n';
        }
        for (auto const& n : e.notifications) std::cout << "notification [" << n.type << "]: " << n.message << '\n';
        for (auto const& l : e.logs) std::cout << "log [" << l.level << "]: " << l.message << '\n';
        if (e.resource) std::cout << "resource: " << *e.resource << '\n';
        if (e.total_count) std::cout << "total_count: " << *e.total_count;
        if (e.offset) std::cout << "  offset: " << *e.offset;
        if (e.limit) std::cout << "  limit: " << *e.limit;
        if (e.total_count || e.offset || e.limit) std::cout << '\n';
        if (e.first_url) std::cout << "first: " << *e.first_url << '\n';
        if (e.previous_url) std::cout << "previous: " << *e.previous_url << '\n';
        if (e.next_url) std::cout << "next: " << *e.next_url << '\n';
        if (e.last_url) std::cout << "last: " << *e.last_url << '\n';
        if (e.has_data()) {
            std::cout << "data: ";
            pretty(std::cout, e.data(), 0);
            std::cout << '\n';
        }
        if (e.has_resources()) {
            std::cout << "resources: ";
            pretty(std::cout, e.resources(), 0);
            std::cout << '\n';
        }
    }

    if (!state.save(problem)) std::cerr << "kayako-client: " << problem << '\n';
    return exit_status_for(reply->status);
}
