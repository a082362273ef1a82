// kayako-client — a command-line client for any Kayako-protocol server.
//
//   kayako-client [--base URL] [--user EMAIL --password PW] METHOD PATH [name=value ...]
//                 [--fields RULES] [--include TYPES] [--case snake|camel|pascal]
//                 [--json | --multipart] [--state FILE] [--no-cache] [--logout] [-H 'Name: value']
//                 [--verbose] [--raw] [--otp CODE] [--new-password PW] [--remember-me]
//                 [--oauth-client ID:SECRET] [--file field=@PATH] [-o FILE]
//                 [--all] [--json-suffix] [--max-wait SECONDS] [--transport beast|curl] [--cacert FILE]
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
// A login that asks for another step (§11.2) is taken through it: the one-time password of
// `--otp` (else asked for on a terminal), the new password of `--new-password`. `--remember-me`
// asks `GET session` for a remember-me token (§11.5), kept and sent with this device's
// fingerprint, so that a session the server has forgotten is replaced without a login.
//
// `--all` follows a collection's `next_url` to its last page, printing each page as it arrives
// (§7.4), and only on the server given (paging.hpp). A 429 or 503 with a `Retry-After` of at most
// `--max-wait` seconds is waited out and sent again (§12, pacing.hpp).
//
// HTTP goes through a transport (transport.hpp): Boost.Beast by default, or libcurl with
// `--transport curl`, which also speaks HTTPS (verified against the system's certificates, or
// those of `--cacert FILE`). One transport serves the whole run, so libcurl keeps its connection.
//
// Exit status: 0 for 2xx and 304, 4 for 4xx, 5 for 5xx, 1 when no valid response arrived,
// 2 for a usage error.
//
// The pieces, one file each: command_line (the options), request (the HTTP request, built with
// the library), transport (one exchange; Beast or libcurl behind it), envelope_display (the
// answer as a person reads it), state (what is remembered between runs). This file tells the story.
#include "command_line.hpp"
#include "envelope_display.hpp"
#include "file_transfer.hpp"
#include "login_flow.hpp"
#include "oauth_login.hpp"
#include "pacing.hpp"
#include "paging.hpp"
#include "request.hpp"
#include "state.hpp"
#include "transport.hpp"

#include <kayako/caching/validator_store.hpp>
#include <kayako/envelope/envelope_parser.hpp>
#include <kayako/request/headers.hpp>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace kayako_client;
using reply_headers = kayako::pair_headers<header_list>;

int exit_status_for(int status) {
    if (status >= 200 && status < 300) return 0;
    if (status == 304) return 0;
    if (status >= 400 && status < 500) return 4;
    if (status >= 500 && status < 600) return 5;
    return 1;
}

int runtime_error(std::string_view message) {
    std::cerr << "kayako-client: " << message << '\n';
    return 1;
}

void forget_session(server_state& remembered) {
    remembered.session_id.clear();
    remembered.csrf_token.clear();
}

// `--verbose`: what went out and what came back, on stderr.
void show_request(http_request const& request) {
    std::cerr << "> " << request.method << ' ' << request.target << '\n';
    for (auto const& [n, v] : request.headers) std::cerr << "> " << n << ": " << v << '\n';
    if (!request.body.empty()) std::cerr << ">\n> " << request.body.substr(0, 2000) << '\n';
}
void show_response_head(http_response const& reply) {
    std::cerr << "< HTTP " << reply.status << ' ' << reply.reason << '\n';
    for (auto const& [n, v] : reply.headers) std::cerr << "< " << n << ": " << v << '\n';
}

// `--raw`: the body as it came, ending with a new line.
void print_raw_body(http_response const& reply) {
    std::cout << reply.body;
    if (!reply.body.empty() && reply.body.back() != '\n') std::cout << '\n';
}

// The validators of what a successful request read or wrote, for the next conditional request
// (§9.2); a deleted resource has none.
void remember_validators(built_request const& request, http_response const& reply, server_state& remembered) {
    if (reply.status < 200 || reply.status >= 300) return;
    std::string_view const m = request.http.method;
    if (m == "DELETE") {
        remembered.validators.erase(request.path);
    } else if (m == "GET" || m == "HEAD" || m == "PUT") {
        auto entry = kayako::validator_entry::from_response(reply_headers(reply.headers));
        if (entry && !entry->empty())
            remembered.validators[request.path] = {std::string(entry->etag()), std::string(entry->last_modified())};
    }
}

// A session the server opened (§11.1) is kept with its CSRF token (§10); one the server no
// longer knows (401, 454) is forgotten.
void remember_session(built_request const& request, http_response const& reply,
                      std::optional<kayako::parsed_envelope> const& envelope, state_file const& state,
                      server_state& remembered) {
    if (envelope && envelope->session_id) {
        remembered.session_id = std::string(*envelope->session_id);
        std::string storage;
        auto token = kayako::folded_header(reply_headers(reply.headers), "X-CSRF-Token", storage);
        remembered.csrf_token = token ? std::string(*token) : std::string();
        std::cout << "session: " << remembered.session_id << (token ? " (with CSRF token)" : "") << ", saved in "
                  << state.path() << '\n';
    }
    if (request.used_session && (reply.status == 401 || reply.status == 454)) {
        forget_session(remembered);
        std::cout << "the session is no longer valid and was forgotten; log in again with --user and --password\n";
    }
}

// What a 304 or a 412 means for the copy the client holds (§9.2, §21.8).
void explain_conditional_outcome(built_request const& request, http_response const& reply,
                                 std::optional<kayako::parsed_envelope> const& envelope, server_state& remembered) {
    std::vector<std::string_view> codes;
    if (envelope)
        for (auto const& e : envelope->errors) codes.push_back(e.code);
    switch (kayako::classify_conditional_response(reply.status, codes)) {
    case kayako::conditional_response::not_modified:
        std::cout << "not modified: your copy of " << request.path << " is current\n";
        break;
    case kayako::conditional_response::conflict:
        remembered.validators.erase(request.path);
        std::cout << "conflict: " << request.path << " changed since you read it; GET it again, then retry\n";
        break;
    default: break;
    }
}

// `--all` (§7.4): the pages after the first, each printed as it arrives, until one has no next
// page. Each is a new request through `build_request`, so it goes in the session the first one
// may have opened, never with the login again. A link off the server stops it (paging.hpp), and
// so does a link already followed (a server that loops) or a page that is not a 200 envelope.
int follow_pages(transport& link, options const& o, server_address const& server, std::string first_target,
                 kayako::parsed_envelope const& first, server_state& remembered) {
    std::string problem;
    std::set<std::string> followed{first_target};
    auto next = next_page_target(server, first_target, first, problem);
    options page_options = o;  // the target says everything now: no pairs, no output options, no login
    page_options.user.reset();
    page_options.password.reset();
    page_options.oauth_client.reset();
    page_options.otp.reset();
    page_options.pairs.clear();
    page_options.fields.reset();
    page_options.include.reset();
    page_options.letter_case.reset();
    page_options.json_suffix = false;
    page_options.remember_me = false;
    int pages = 1;
    for (; next; ++pages) {
        if (!followed.insert(*next).second) return runtime_error("the next page is one already read: " + *next);
        page_options.path = next->substr(server.prefix.size());  // link_target kept the prefix
        auto request = build_request(page_options, server, remembered, problem);
        if (!request) return runtime_error(problem);
        if (o.verbose) show_request(request->http);
        auto reply = exchange_paced(link, request->http, o.max_wait, problem);
        if (!reply) return runtime_error(o.base + ": " + problem);
        std::cout << "HTTP " << reply->status << ' ' << reply->reason << " (page " << pages + 1 << ")\n";
        auto page = kayako::parse_envelope(reply->body);
        if (!page) return runtime_error("page " + std::to_string(pages + 1) + " is not a Kayako envelope: " + page.error().message());
        print_envelope(std::cout, *page, reply->status);
        if (reply->status != 200) return exit_status_for(reply->status);
        next = next_page_target(server, request->http.target, *page, problem);
    }
    if (!problem.empty()) return runtime_error(problem);
    std::cout << pages << (pages == 1 ? " page\n" : " pages\n");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    if (auto done = parse_command_line(argc, argv, o)) return *done;
    auto const server = parse_server_address(o.base);
    if (!server) return usage_error("--base must be an http:// or https:// URL");
    if (server->scheme == "https" && o.transport == transport_kind::beast)
        return usage_error(o.base + ": https:// needs --transport curl (the Beast transport speaks plain HTTP)");
    if (o.ca_file && o.transport != transport_kind::curl) return usage_error("--cacert is for https:// with --transport curl");
    transport_options link_options;
    if (o.ca_file) link_options.ca_file = *o.ca_file;
    std::string problem;
    auto const link = make_transport(o.transport, link_options, problem);
    if (!link) return runtime_error(problem);

    state_file state(o.state_path);
    if (!state.load(problem)) return runtime_error(problem);
    server_state& remembered = state.server(server->key);
    if (o.logout) {
        forget_session(remembered);
        forget_token(remembered);
        if (!state.save(problem)) runtime_error(problem);
        std::cout << "session forgotten\n";
        if (o.method.empty()) return 0;
    }

    // §11.3: `--oauth-client` gets a token with the password grant; a remembered token that has
    // expired by the clock is refreshed first, and one the server refuses is refreshed below —
    // once in all (oauth_login.hpp).
    std::int64_t const now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    bool refreshed = false;
    if (o.oauth_client || (!o.user && token_expired(remembered, now))) {
        bool got = false;
        if (o.oauth_client) {
            got = obtain_token(*link, *server, *o.oauth_client, *o.user, *o.password, remembered, now, o.verbose, problem);
        } else {
            refreshed = true;
            got = refresh_token(*link, *server, remembered, now, o.verbose, problem);
        }
        std::string not_saved;
        if (!state.save(not_saved)) runtime_error(not_saved);
        if (!got) return runtime_error(problem);
        o.user.reset();  // they were the grant's: the request goes with the token
        o.password.reset();
        if (o.method.empty()) return 0;
    }

    if (o.all) o.conditional = false;  // every page is printed, so none is asked for conditionally
    prepare_remember_me(o, remembered);  // §11.5: --remember-me
    auto request = build_request(o, *server, remembered, problem);
    if (!request) return usage_error(problem);
    if (o.verbose) show_request(request->http);

    auto reply = exchange_paced(*link, request->http, o.max_wait, problem);
    if (!reply) return runtime_error(o.base + ": " + problem);
    if (request->used_token && reply->status == 401 && !refreshed) {  // §11.3: expired on the server's clock
        refreshed = true;
        bool const got = refresh_token(*link, *server, remembered, now, o.verbose, problem);
        std::string not_saved;
        if (!state.save(not_saved)) runtime_error(not_saved);
        if (!got) return runtime_error(problem);
        request = build_request(o, *server, remembered, problem);
        if (!request) return usage_error(problem);
        if (o.verbose) show_request(request->http);
        reply = exchange_paced(*link, request->http, o.max_wait, problem);
        if (!reply) return runtime_error(o.base + ": " + problem);
    }
    if (o.verbose) show_response_head(*reply);
    // §8.1: a file's content is no envelope; it goes to `-o FILE` or stdout (file_transfer.hpp).
    if (request->http.method == "GET" && is_file_content(*reply)) {
        std::cerr << "HTTP " << reply->status << ' ' << reply->reason << '\n';
        if (!save_file_content(*reply, o.output, problem)) return runtime_error(problem);
        if (o.output && *o.output != "-") std::cerr << "saved " << reply->body.size() << " bytes to " << *o.output << '\n';
        if (!state.save(problem)) runtime_error(problem);
        return 0;
    }
    if (o.raw) print_raw_body(*reply);
    std::cout << "HTTP " << reply->status << ' ' << reply->reason << '\n';
    remember_validators(*request, *reply, remembered);

    // A HEAD answer and a 304 have no body; any other answer is an envelope (§4).
    std::optional<kayako::parsed_envelope> envelope;
    if (request->http.method != "HEAD" && reply->status != 304) {
        auto parsed = kayako::parse_envelope(reply->body);
        if (!parsed) {
            runtime_error("the response is not a Kayako envelope: " + parsed.error().message());
            if (!o.raw) std::cerr << reply->body.substr(0, 2000) << '\n';
            return reply->status >= 400 ? exit_status_for(reply->status) : 1;
        }
        envelope.emplace(std::move(*parsed));
    }

    bool usage = false;  // §11.2: a one-time password or a new password, when the login asks
    if (!continue_login(*link, o, *server, *request, remembered, reply, envelope, problem, usage)) {
        std::string not_saved;
        if (!state.save(not_saved)) runtime_error(not_saved);
        return usage ? usage_error(problem) : runtime_error(problem);
    }
    remember_token(*reply, envelope, remembered);
    remember_session(*request, *reply, envelope, state, remembered);
    explain_conditional_outcome(*request, *reply, envelope, remembered);
    if (request->http.method == "HEAD")
        if (auto etag = kayako::folded_header(reply_headers(reply->headers), "ETag", problem))
            std::cout << "etag: " << *etag << '\n';
    if (envelope) print_envelope(std::cout, *envelope, reply->status);
    int status = exit_status_for(reply->status);
    if (o.all && envelope && reply->status == 200)
        status = follow_pages(*link, o, *server, request->http.target, *envelope, remembered);

    if (!state.save(problem)) runtime_error(problem);
    return status;
}
