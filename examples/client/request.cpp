#include "request.hpp"

#include "file_transfer.hpp"

#include <kayako/caching.hpp>
#include <kayako/core.hpp>
#include <kayako/request.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako_client {

namespace {

namespace json = boost::json;

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

bool split_pairs(std::vector<std::string> const& texts, std::vector<pair_argument>& pairs, std::string& problem) {
    for (auto const& text : texts) {
        auto p = split_pair(text);
        if (!p) {
            problem = "'" + text + "' is not name=value";
            return false;
        }
        pairs.push_back(std::move(*p));
    }
    return true;
}

// ---- the target ----------------------------------------------------------------------------

constexpr std::string_view api_root = "/api/v1";

// PATH's segments: `tests/1` and `/api/v1/tests/1` are the same two, `base/user/1` three (the
// app first, §1). Empty segments are dropped (servers read `//` as `/`, §21.16).
std::optional<std::vector<std::string_view>> path_segments(std::string_view path, std::string& problem) {
    if (path.starts_with('/')) {
        bool const under_api = path.starts_with(api_root) && (path.size() == api_root.size() || path[api_root.size()] == '/');
        if (!under_api) {
            problem = "PATH must be under " + std::string(api_root) + " (or relative to it, as tests/1)";
            return std::nullopt;
        }
        path.remove_prefix(api_root.size());
    }
    std::vector<std::string_view> segments;
    while (!path.empty()) {
        auto const slash = path.find('/');
        std::string_view const segment = path.substr(0, slash);
        if (!segment.empty()) segments.push_back(segment);
        path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
    }
    if (segments.empty()) {
        problem = "PATH names no resource";
        return std::nullopt;
    }
    return segments;
}

// The target: PATH's segments, then its own `?name=value` arguments, the output arguments
// (§5, §6.1) and, without a body, the command line's pairs. The builder encodes every value (a
// literal `+` in `fields` becomes `%2B`, §21.1) and every segment.
std::optional<kayako::target_builder> build_target(options const& o, std::vector<pair_argument> const& pairs,
                                                   bool has_body, std::string& problem) {
    std::string_view path = o.path, query;
    if (auto const q = path.find('?'); q != std::string_view::npos) {
        query = path.substr(q + 1);
        path = path.substr(0, q);
    }
    auto const segments = path_segments(path, problem);
    if (!segments) return std::nullopt;
    kayako::target_builder target((*segments)[0]);
    for (std::size_t i = 1; i < segments->size(); ++i) target.segment((*segments)[i]);
    if (o.json_suffix) target.json_suffix();  // §1: `tests/1.json`

    auto const read = kayako::visit_form(query, [&](kayako::form_field const& f) { target.add(f.name, f.value); });
    if (!read) {
        problem = "the arguments in PATH cannot be read: " + read.error().message();
        return std::nullopt;
    }
    namespace names = kayako::argument_names;
    if (o.fields) target.add(names::fields, *o.fields);
    if (o.include) target.add(names::include, *o.include);
    if (o.letter_case) {
        auto const c = kayako::parse_letter_case(*o.letter_case);
        if (!c) {
            problem = "--case must be snake, camel or pascal";
            return std::nullopt;
        }
        target.add(names::letter_case, *c);
    }
    if (!has_body)
        for (auto const& p : pairs) {
            if (p.how != pair_argument::text) {
                problem = "name:= and name@= need a body (POST or PUT)";
                return std::nullopt;
            }
            target.add(p.name, p.value);
        }
    return target;
}

// ---- the body ------------------------------------------------------------------------------

bool write_form_body(std::vector<pair_argument> const& pairs, http_request& request, std::string& problem) {
    for (auto const& p : pairs) {
        if (p.how != pair_argument::text) {
            problem = "name:= needs --json, name@= needs --multipart";
            return false;
        }
        kayako::append_form_field(request.body, p.name, p.value);
    }
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return true;
}

bool write_json_body(std::vector<pair_argument> const& pairs, http_request& request, std::string& problem) {
    json::object body;
    for (auto const& p : pairs) {
        if (p.how == pair_argument::file) {
            problem = "name@= needs --multipart";
            return false;
        }
        if (p.how == pair_argument::text) {
            body[p.name] = p.value;
            continue;
        }
        boost::system::error_code ec;
        json::value v = json::parse(p.value, ec);
        if (ec) {
            problem = "'" + p.name + ":=" + p.value + "' is not JSON";
            return false;
        }
        body[p.name] = std::move(v);
    }
    request.body = json::serialize(body);
    request.headers.emplace_back("Content-Type", "application/json");
    return true;
}

std::optional<std::string> read_file(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

bool write_multipart_body(std::vector<pair_argument> const& pairs, http_request& request, std::string& problem) {
    kayako::multipart_builder builder;
    std::vector<std::string> file_contents;  // outlive the builder's views
    file_contents.reserve(pairs.size());
    for (auto const& p : pairs) {
        kayako::result<void> added;
        if (p.how == pair_argument::raw_json) {
            problem = "name:= needs --json";
            return false;
        }
        if (p.how == pair_argument::file) {
            auto content = read_file(p.value);
            if (!content) {
                problem = "cannot read " + p.value;
                return false;
            }
            file_contents.push_back(std::move(*content));
            auto const slash = p.value.find_last_of('/');
            std::string_view const filename = std::string_view(p.value).substr(slash == std::string::npos ? 0 : slash + 1);
            added = builder.add_file(p.name, filename, file_contents.back());
        } else {
            added = builder.add_field(p.name, p.value);
        }
        if (!added) {
            problem = "cannot send parameter '" + p.name + "': " + added.error().message();
            return false;
        }
    }
    auto body = builder.finish();
    request.body = std::move(body.body);
    request.headers.emplace_back("Content-Type", std::move(body.content_type));
    return true;
}

bool write_body(options const& o, std::vector<pair_argument> const& pairs, http_request& request, std::string& problem) {
    if (!o.files.empty()) {  // §8: an upload, raw or multipart (file_transfer.hpp)
        std::vector<std::pair<std::string, std::string>> fields;
        for (auto const& p : pairs) {
            if (p.how != pair_argument::text) {
                problem = "--file takes name=value pairs only";
                return false;
            }
            fields.emplace_back(p.name, p.value);
        }
        return write_upload_body(o.files, fields, request, problem);
    }
    switch (o.encoding) {
    case body_encoding::form: return write_form_body(pairs, request, problem);
    case body_encoding::json: return write_json_body(pairs, request, problem);
    case body_encoding::multipart: return write_multipart_body(pairs, request, problem);
    }
    return true;
}

// ---- headers -------------------------------------------------------------------------------

auto header_setter(http_request& request) {
    return [&request](std::string_view name, std::string_view value) {
        request.headers.emplace_back(std::string(name), std::string(value));
    };
}

// Credentials open a session (§11.1); afterwards the session is used (§11.8), with the CSRF
// token on unsafe methods (§10).
bool write_credentials(options const& o, server_state const& remembered, built_request& out, std::string& problem) {
    kayako::client_credentials credentials;
    if (o.user) {
        credentials.user = *o.user;
        credentials.password = *o.password;
    } else if (!remembered.access_token.empty()) {  // §11.3: the token authenticates alone
        out.used_token = true;
        credentials.bearer = remembered.access_token;
    } else if (!remembered.session_id.empty()) {
        out.used_session = true;
        credentials.session_id = remembered.session_id;
        credentials.csrf_token = remembered.csrf_token;  // written on unsafe methods only
    }
    // §11.5: a remember-me token goes with every request, so that a gone session is replaced;
    // the device id also goes with `--remember-me`, which asks for one.
    if (!remembered.remember_me.empty() || o.remember_me) credentials.fingerprint = remembered.fingerprint;
    if (!remembered.remember_me.empty()) credentials.remember_me = remembered.remember_me;
    auto const written = kayako::write_auth_headers(credentials, o.method, header_setter(out.http));
    if (!written) problem = "cannot send these credentials: " + written.error().message();
    return written.has_value();
}

// A conditional request from what was read before (§9.2): If-None-Match / If-Modified-Since on
// reads, If-Match / If-Unmodified-Since on writes.
void write_conditions(std::string const& path, std::string_view method, server_state const& remembered,
                      http_request& request) {
    auto const it = remembered.validators.find(path);
    if (it == remembered.validators.end()) return;
    header_list stored;
    if (!it->second.etag.empty()) stored.emplace_back("ETag", it->second.etag);
    if (!it->second.last_modified.empty()) stored.emplace_back("Last-Modified", it->second.last_modified);
    if (auto entry = kayako::validator_entry::from_response(kayako::pair_headers<header_list>(stored)))
        entry->add_conditions(method, header_setter(request));
}

}  // namespace

std::optional<built_request> build_request(options const& o, server_address const& server,
                                           server_state const& remembered, std::string& problem) {
    std::string const& m = o.method;
    if (m != "GET" && m != "HEAD" && m != "POST" && m != "PUT" && m != "DELETE")
        std::cerr << "kayako-client: note: " << m << " is not a Kayako method; sending it anyway\n";
    bool const has_body = m == "POST" || m == "PUT";
    if (!o.files.empty() && !has_body) {
        problem = "--file needs POST or PUT";
        return std::nullopt;
    }

    std::vector<pair_argument> pairs;
    if (!split_pairs(o.pairs, pairs, problem)) return std::nullopt;
    auto const target = build_target(o, pairs, has_body, problem);
    if (!target) return std::nullopt;

    built_request out;
    // The API may be mounted below the server's root (`--base http://host/kayako`).
    out.path = server.prefix + std::string(target->path());
    out.http.scheme = server.scheme;
    out.http.host = server.host;
    out.http.port = server.port;
    out.http.method = m;
    out.http.target = server.prefix + target->str();
    out.http.headers.emplace_back("Accept", "application/json");

    if (has_body && !write_body(o, pairs, out.http, problem)) return std::nullopt;
    if (!write_credentials(o, remembered, out, problem)) return std::nullopt;
    if (o.conditional) write_conditions(out.path, m, remembered, out.http);
    for (auto const& h : o.extra_headers) out.http.headers.push_back(h);
    return out;
}

}  // namespace kayako_client
