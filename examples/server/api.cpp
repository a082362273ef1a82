// kayako-test-server — the Kayako application: one request goes through
//
//   typed request (target, output options, Accept, method, credentials: kayako::read_request) →
//   authentication → route → preconditions → action → rendered resource → envelope (or JSONP) →
//   headers,
//
// and every protocol decision on the way is a call into kayako-proto. What stays here is
// routing, storage and the shape of the stored data.
#include "api.hpp"

#include "activities.hpp"
#include "resources.hpp"
#include "routes.hpp"
#include "test_collection.hpp"

#include <kayako/core/api_error.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/request/csrf.hpp>
#include <kayako/caching/preconditions.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/caching/etag.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/login_step_request.hpp>
#include <kayako/request/remember_me.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/envelope/jsonp.hpp>
#include <kayako/output/fields.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/output/renderer.hpp>
#include <kayako/envelope/pagination.hpp>
#include <kayako/response/rate_limit.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/request_target.hpp>
#include <kayako/request/typed_request.hpp>
#include <kayako/response/answer.hpp>
#include <kayako/response/http_response.hpp>
#include <kayako/response/respond.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/core/values.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako_server {

namespace json = boost::json;
using kayako::api_error_code;

namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

using problem = kayako_application::problem;
using outcome = kayako_application::outcome;

problem from_failure(kayako::failure const& f) {
    return {kayako::api_error_for(f), std::string(f.parameter), {}, kayako::api_error_pointer(f)};
}
problem from_request_error(kayako::request_error const& e) {
    problem p{e.code, e.parameter, {}, e.pointer};
    for (std::string_view name : e.parameters()) p.parameters.emplace_back(name);
    return p;
}
problem error(api_error_code code, std::string_view parameter = {}) { return {code, std::string(parameter), {}}; }

/// The Test resource's parameters (§16.2), validated before anything is changed, so that a bad
/// value in a bulk update changes nothing.
struct test_patch {
    std::optional<std::string> name;
    std::optional<std::vector<std::int64_t>> array_items;
    std::optional<bool> is_boolean;
    std::optional<double> float_number;
    std::optional<std::int64_t> integer_number;
    std::optional<std::string> option;
    std::optional<std::string> binary_data;

    void apply_to(test_item& item, std::int64_t now) const {
        if (name) item.name = *name;
        if (array_items) item.array_items = *array_items;
        if (is_boolean) item.is_boolean = *is_boolean;
        if (float_number) item.float_number = *float_number;
        if (integer_number) item.integer_number = *integer_number;
        if (option) item.option = *option;
        if (binary_data) item.binary_data = *binary_data;
        item.updated_at = now;
    }
};

constexpr std::array<std::string_view, 4> test_options = {"FOO", "BAR", "ANY", "NONE"};


}  // namespace

using header_view = kayako::pair_headers<std::vector<header_field>>;

/// One request on its way through the pipeline.
struct kayako_application::exchange {
    explicit exchange(request const& r) : in(r), headers(r.headers), typed(headers) {}

    request const& in;
    std::int64_t now = 0;
    std::string target_text;  // the target, with the introduction's `&` typo read as `?`
    header_view headers;
    kayako::typed_request<header_view> typed;  // valid once run() has read it

    // Authentication.
    requester by;
    bool authenticated = false;        // by a session or a login: the answer is private
    std::optional<std::uint64_t> retry_after;  // a locked login (§11.1)
    session const* current = nullptr;  // the session the request runs in
    session const* opened = nullptr;   // the session this request opened (Basic)
    std::optional<kayako::login_step> step;  // a halted login (§11.2): the step it asks for...
    std::string step_token;                  // ...and its token
    std::string remember_me;                 // a remember-me token issued (§11.5)
    std::string challenge;                   // a refused bearer token's `WWW-Authenticate` (RFC 6750 §3)

    // The reply: the library's answer holds how the client asked to be answered (the defaults
    // until the request has been read; a refused request says how far it got), the rendered
    // data or the 304, and the validators (kayako/response/answer.hpp).
    outcome failed;
    kayako::answer reply;
    kayako::pagination_links links;  // the envelope's link members point into these
    std::string content_location;
    std::optional<response> download;  // a file's bytes (§8.1), sent instead of an envelope
};

kayako_application::kayako_application(application_options const& options)
    : options_(options),
      tests_(options.initial_items, now_seconds(), options.max_items, options.max_store_bytes),
      directory_(now_seconds()),
      sessions_(options.max_sessions, options.session_lifetime, options.session_max_age),
      rate_limits_(options.rate_limit, options.rate_limit_addresses),
      logins_(options.lockout_failures, options.lockout_seconds, options.lockout_names),
      steps_(directory_, logins_, {}, now_seconds()),
      bearer_(options.bearer, directory_, logins_, steps_),
      files_(options.files) {
    tests_.set_activity_log(&activities_);
}

namespace {

/// §12's answer (TV-RL-1) to a client past its limit. Nothing of the request has been read, so
/// it is plain JSON in snake case whatever `_case` or `_jsonp_callback` asked.
response rate_limited(request const& in, std::int64_t now, kayako::rate_verdict const& verdict) {
    response out;
    out.headers.emplace_back("Date", kayako::format_http_date(kayako::http_date{now}).view());
    out.head_only = in.method == "HEAD";
    auto made = kayako::make_rate_limit_response(verdict);
    if (!made) {  // only a header value with CR/LF/NUL, and there are none here
        out.status = 500;
        out.body = kayako::serialize_envelope(kayako::make_error_envelope({kayako::make_api_error(api_error_code::exception_caught)}));
        out.headers.emplace_back("Content-Type", kayako::json_content_type);
        return out;
    }
    out.status = static_cast<unsigned>(made->status);
    for (auto const& h : made->headers) out.headers.emplace_back(h.name, h.value);
    out.body = std::move(made->body);
    return out;
}

}  // namespace

response kayako_application::handle(request const& r) {
    exchange x(r);
    x.now = now_seconds();
    // §12, before any other work: a refused request costs a table lookup and a short answer.
    kayako::rate_limiter* budget = rate_limits_.enabled() ? &rate_limits_.at(r.peer) : nullptr;
    if (budget)
        if (auto verdict = budget->try_acquire(x.now, 1); !verdict) return rate_limited(r, x.now, verdict);
    if (bearer_authority::is_token_endpoint(r.target)) return bearer_.token_endpoint(r, x.now);  // §11.3: RFC 6749 answers
    if (bearer_authority::is_authorize_endpoint(r.target)) return bearer_.authorize_endpoint(r, x.now);  // §11.3: a page and redirects
    x.failed = run(x);
    response out = x.download && !x.failed ? std::move(*x.download) : finish(x);
    // What the request turned out to cost: one page of a thousand items is as much work as many
    // small requests, and is charged so (the client may go into debt, and then waits).
    if (budget && options_.rate_unit_bytes != 0) budget->charge(x.now, out.body.size() / options_.rate_unit_bytes);
    return out;
}

response kayako_application::refuse(transport_failure why, kayako::failure const& detail) {
    request const none{};
    exchange x(none);
    x.now = now_seconds();
    // §21.23: the library's own error (400 PARAMETER_INVALID), naming the header it refused.
    if (why == transport_failure::bad_request) {
        x.failed = from_failure(detail);
        return finish(x);
    }
    // The catalogue has no code for these; the status says what happened (RFC 9110 §15.5.14, RFC
    // 6585 §5). A body past the limit names the header that framed it (`Content-Length`, or
    // `Transfer-Encoding` for a chunked one) as §21.23 names a refused header: PARAMETER_INVALID.
    bool const body = why == transport_failure::body_too_large;
    api_error_code const code = body ? api_error_code::parameter_invalid : api_error_code::field_invalid;
    std::string_view const named = body ? (detail.parameter.empty() ? std::string_view("Content-Length") : detail.parameter)
                                        : std::string_view{};
    x.failed = error(code, named);
    response out = finish(x);
    unsigned const status = body ? 413 : 431;
    out.status = status;
    kayako::envelope e = kayako::make_error_envelope({kayako::make_api_error(code, named)});
    e.status = static_cast<int>(status);
    out.body = kayako::serialize_envelope(e);
    return out;
}

outcome kayako_application::run(exchange& x) {
    // The introduction's curl URLs have `&` where `?` belongs (§20.9): read them as meant.
    x.target_text.assign(x.in.target);
    if (x.target_text.find('?') == std::string::npos)
        if (auto amp = x.target_text.find('&'); amp != std::string::npos) x.target_text[amp] = '?';
    if (auto read = x.typed.assign(x.in.method, x.target_text, x.headers, x.in.body,
                                   routed_request_options(options_.max_url_segments));  // routes.hpp: §1's URL errors
        !read) {
        x.reply.set_form(kayako::answer_form_of(read.error(), x.in.method, x.headers));
        return from_request_error(read.error());
    }
    x.reply.set_form(kayako::answer_form_of(x.typed));
    // §11.10, before a login: a replayed request must not open a session. The mismatch tells the
    // client the server's clock, so that it can correct its own.
    if (auto stamp = kayako::check_request_timestamp(x.typed.credentials().timestamp, x.now, options_.timestamps); !stamp) {
        if (stamp.error().code == kayako::error::timestamp_mismatch) x.reply.set_server_time(kayako::timestamp{x.now, 0});
        return from_failure(stamp.error());
    }

    if (auto refused = authenticate(x)) return refused;

    auto const& path = x.typed.path();
    if (file_service::serves(path)) return files(x);  // §8: files.cpp
    if (path.resource() == "tests") return tests(x);
    if (path.resource() == "users") return users(x);
    if (path.resource() == "activities") return list_activities(activities_, x.typed, x.reply, x.links, base_url_);
    if (path.resource() == "session") return current_session(x);
    if (path.resource() == "profile") return profile(x);
    return error(api_error_code::url_resource_missing);
}

outcome kayako_application::authenticate(exchange& x) {
    kayako::request_credentials const& credentials = x.typed.credentials();  // read and checked with the request
    if (credentials.token || credentials.otp) return continue_login(x);  // §11.2: a step of a halted login
    if (credentials.basic) {  // §11.1: a login opens a session
        // §11.1: repeated failures lock the name. A locked name is refused before its password is
        // looked at — the right one too — and a name nobody has locks alike (nothing is revealed).
        std::string_view const name = credentials.basic->user;
        if (auto const wait = logins_.locked_for(name, x.now); wait > 0) {
            x.retry_after = static_cast<std::uint64_t>(wait);
            return error(api_error_code::authentication_locked);
        }
        user const* who = directory_.authenticate(name, credentials.basic->password);
        if (!who) {
            logins_.failed(name, x.now);
            return error(api_error_code::authentication_failed);
        }
        if (credentials.session_id)  // §11.8: a session of another user than the credentials
            if (session const* s = sessions_.find(*credentials.session_id, x.now); s && s->user_id != who->id)
                return error(api_error_code::session_loading_failed, "X-Session-ID");
        return settle(x, steps_.after_password(*who, x.now), "BASIC");  // a session, or a step (§11.2)
    }
    if (credentials.bearer) return bearer_login(x);  // §11.3, §11.6
    // Anonymous (the Test resource is public, §16), unless a remember-me token opens a session.
    if (!credentials.session_id) return credentials.remember_me ? remembered_login(x) : outcome{};

    session* s = sessions_.find(*credentials.session_id, x.now);
    if (!s) return credentials.remember_me ? remembered_login(x) : error(api_error_code::session_loading_failed);  // §11.5, §11.8
    x.current = s;
    x.authenticated = true;
    x.by = {directory_.find_user(s->user_id), "SESSION"};
    std::optional<std::string_view> protected_by;
    if (!s->csrf_token.empty()) protected_by = s->csrf_token;
    if (auto csrf = kayako::check_csrf(x.in.method, credentials.csrf_token, protected_by); !csrf)
        return from_failure(csrf.error());
    return {};
}

// §11.3, §11.6: an OAuth access token authenticates the request alone; a JWT signs in and opens
// a session, as a Basic login does. Refusals carry the RFC 6750 challenge (oauth.cpp decides).
outcome kayako_application::bearer_login(exchange& x) {
    x.authenticated = true;  // credentials were sent: the answer is private
    auto verdict = bearer_.authenticate(*x.typed.credentials().bearer, x.in.method, x.typed.path().resource(), x.now);
    x.challenge = std::move(verdict.challenge);
    if (verdict.refused) return error(*verdict.refused, verdict.parameter);
    x.by = {verdict.who, verdict.scheme};
    if (verdict.opens_session) {
        bool const protect = x.typed.credentials().csrf.value_or(true);  // §10: `X-CSRF: false` opts out
        x.opened = x.current = &sessions_.open(verdict.who->id, protect, x.now, x.in.peer);
    }
    return {};
}

// --- Multi-step login and remember-me (§11.2, §11.5): the rules are login_steps.cpp's ----------

// What a password, a step or a remember-me token came to: a session opened (as a Basic login
// opens one, §10, §11.1), the next step's 403 with its token, or the refusal.
outcome kayako_application::settle(exchange& x, login_progress const& progress, std::string_view scheme) {
    x.authenticated = true;  // credentials were sent: the answer (a step token too) is private
    if (progress.refused) {
        x.retry_after = progress.retry_after;
        return error(*progress.refused, progress.parameter);
    }
    if (progress.step) {
        x.step = progress.step;
        x.step_token = progress.token;
        return error(kayako::error_code_of(*progress.step));
    }
    bool const protect = x.typed.credentials().csrf.value_or(true);  // §10: `X-CSRF: false` opts out
    x.opened = x.current = &sessions_.open(progress.complete->id, protect, x.now, x.in.peer);
    x.by = {progress.complete, scheme};
    return {};
}

// §11.2: `X-Token` with `X-OTP` completes the OTP step on any request, which is then served in
// the session it opens. A bare token is the password step's, on its endpoint only; anywhere else
// it is a temporary token where full authentication is needed: 454 (§11.8).
outcome kayako_application::continue_login(exchange& x) {
    auto step = kayako::read_step_credentials(x.typed.credentials(), x.headers);
    if (!step) return from_failure(step.error());
    if (!(*step)->one_time_password) {
        if (x.typed.path().resource() == "profile") return {};
        return error(api_error_code::session_loading_failed, "X-Token");
    }
    bool sent_as_header = false;
    x.headers("X-OTP", [&](std::string_view) { sent_as_header = true; });
    auto progress = steps_.one_time_password((*step)->token, *(*step)->one_time_password,
                                             sent_as_header ? "X-OTP" : "_otp", x.now);
    return settle(x, progress, "BASIC");
}

// §11.5: a remember-me token with its device's fingerprint opens a new session when the request
// has none (or its session is gone). A token that is unknown, expired or for another device is
// 401 AUTHENTICATION_FAILED naming `X-RememberMe`: the client logs in again.
outcome kayako_application::remembered_login(exchange& x) {
    auto credential = kayako::read_remember_me(x.typed.credentials());
    if (!credential) return from_failure(credential.error());
    login_progress progress;
    progress.complete = steps_.recall((*credential)->token, (*credential)->fingerprint, x.now);
    if (!progress.complete) {
        progress.refused = api_error_code::authentication_failed;
        progress.parameter = kayako::remember_me_header;
    }
    return settle(x, progress, "SESSION");
}

// §8: the file routes (files.cpp) with what they need of this request.
outcome kayako_application::files(exchange& x) {
    file_exchange fx{x.in, x.typed, x.now, x.by.who, x.current, directory_, base_url_, resource_schemas(),
                     x.reply, x.content_location, x.download};
    if (auto refused = files_.handle(fx)) return error(refused->code, refused->parameter);
    return {};
}

// §11.2's password step: `PUT /api/v1/profile/password` with the `CREDENTIAL_EXPIRED` token and
// `new_password`. Nothing else of a profile is served. Without a step token the endpoint is
// refused: 401 anonymously; 403 in a session, since changing a password there would need the old
// one, which the reference does not describe.
outcome kayako_application::profile(exchange& x) {
    auto const& path = x.typed.path();
    if (path.size() != 2 || path.segment(1) != "password") return error(api_error_code::url_resource_missing);
    if (x.in.method != "PUT") return error(api_error_code::method_not_supported);
    auto const& credentials = x.typed.credentials();
    if (!credentials.token) return error(x.current ? api_error_code::permissions_denied : api_error_code::authorization_required);
    auto body = x.typed.body_parameters();
    if (!body) return from_request_error(body.error());
    auto update = kayako::read_password_update(credentials, *body);
    if (!update) return from_failure(update.error());
    return settle(x, steps_.password_update(update->token, update->new_password, x.now), "BASIC");
}

namespace {

/// Reads the Test parameters (§16.2) from a form, JSON or multipart body — whichever the
/// Content-Type says — in any letter case. A bad value names the parameter in its canonical
/// (snake) spelling, whatever spelling the client used.
kayako::result<test_patch> read_test_patch(kayako::typed_request<header_view> const& in) {
    auto params = in.body_parameters();
    if (!params) return params.error().cause;
    // Another Content-Type makes the body a file (§8.2); the Test resource takes none.
    if (params->encoding() == kayako::body_encoding::raw && !in.body().empty())
        return kayako::failure(kayako::error::invalid_content_type, 0, "Content-Type");
    test_patch p;
    auto fill = [&](auto& slot, std::string_view name, auto const& read) -> kayako::result<void> {
        if (!params->has(name)) return {};
        auto v = read(name);
        if (!v) return v.error().of(name);
        if (*v) slot = std::move(**v);
        return {};
    };
    auto text = [&](std::string_view n) { return params->get<std::string>(n); };
    auto boolean = [&](std::string_view n) { return params->get<bool>(n); };
    auto real = [&](std::string_view n) { return params->get<double>(n); };
    auto integer = [&](std::string_view n) { return params->get<std::int64_t>(n); };
    auto list = [&](std::string_view n) -> kayako::result<std::optional<std::vector<std::int64_t>>> {
        auto v = params->get_list<std::int64_t>(n);
        if (!v) return v.error();
        return std::optional<std::vector<std::int64_t>>(std::move(*v));
    };
    auto option = [&](std::string_view n) -> kayako::result<std::optional<std::string>> {
        auto v = params->get_option(n, test_options);
        if (!v) return v.error();
        if (!*v) return std::optional<std::string>();
        return std::optional<std::string>(std::string(**v));
    };
    auto binary = [&](std::string_view n) -> kayako::result<std::optional<std::string>> {
        auto v = params->get<kayako::binary>(n);
        if (!v) return v.error();
        if (!*v) return std::optional<std::string>();
        return std::optional<std::string>(std::string((*v)->bytes.begin(), (*v)->bytes.end()));
    };
    for (auto r : {fill(p.name, "name", text), fill(p.array_items, "array_items", list),
                   fill(p.is_boolean, "is_boolean", boolean), fill(p.float_number, "float_number", real),
                   fill(p.integer_number, "integer_number", integer), fill(p.option, "option", option),
                   fill(p.binary_data, "binary_data", binary)})
        if (!r) return r.error();
    return p;
}

/// The per-field bound: `name`, the decoded `binary_data` and `array_items` (8 bytes an entry,
/// as stored) may each hold `max_field_bytes`. Past it, FIELD_INVALID names the field: a limit is
/// a typed error naming the parameter, never a truncation (§21.14).
outcome field_past_bound(test_patch const& p, std::size_t max_field_bytes) {
    if (max_field_bytes == 0) return {};
    if (p.name && p.name->size() > max_field_bytes) return error(api_error_code::field_invalid, "name");
    if (p.binary_data && p.binary_data->size() > max_field_bytes) return error(api_error_code::field_invalid, "binary_data");
    if (p.array_items && p.array_items->size() > max_field_bytes / sizeof(std::int64_t))
        return error(api_error_code::field_invalid, "array_items");
    return {};
}

/// The per-item bound, on the item as the write would leave it. Past it, FIELD_INVALID names the
/// largest field the request sets: the item was within the bound before, so that field is the
/// one to shrink.
outcome item_past_bound(test_item const& item, test_patch const& p, std::size_t max_item_bytes) {
    if (max_item_bytes == 0 || item_bytes(item) <= max_item_bytes) return {};
    std::string_view heaviest = "option";
    std::size_t weight = p.option ? p.option->size() : 0;
    auto weigh = [&](std::string_view name, bool set, std::size_t bytes) {
        if (set && bytes >= weight) heaviest = name, weight = bytes;
    };
    weigh("array_items", p.array_items.has_value(), p.array_items ? p.array_items->size() * sizeof(std::int64_t) : 0);
    weigh("binary_data", p.binary_data.has_value(), p.binary_data ? p.binary_data->size() : 0);
    weigh("name", p.name.has_value(), p.name ? p.name->size() : 0);
    return error(api_error_code::field_invalid, heaviest);
}

/// The validators of a resource (§9.1): a view of `tag`, which must outlive them.
kayako::resource_validators validators_of(kayako::entity_tag_text const& tag, std::int64_t modified,
                                          bool modified_ambiguous = false) {
    kayako::resource_validators v;
    v.etag = tag.tag();
    v.last_modified = kayako::http_date{modified};
    v.last_modified_ambiguous = modified_ambiguous;
    return v;
}

// The byte bound of the whole store, or the item count, refuses a write with RESOURCE_NOT_AVAILABLE
// (400): the collection cannot take more now, the request itself is well formed (so no
// FIELD_INVALID), and the server works as configured (so no 5xx); deleting items makes room
// again. LICENSE_LIMIT_REACHED would tell the client about a plan it has no way to change.
problem store_full() { return error(api_error_code::resource_not_available); }

}  // namespace

// Before a write acts (a 412 changes nothing) and before a read builds its answer (a 304 renders
// nothing): 304 with the validators, or 412 RESOURCE_MODIFIED (§9.2, §21.8).
outcome kayako_application::preconditions(exchange& x, kayako::entity_tag_text const& tag, std::int64_t modified,
                                          bool modified_ambiguous) {
    auto const current = validators_of(tag, modified, modified_ambiguous);
    auto const verdict = kayako::check_preconditions(x.typed, current);
    if (verdict.outcome == kayako::precondition_outcome::not_modified) x.reply.not_modified(current);
    if (auto e = verdict.error()) return error(*e);
    return {};
}

// Bulk writes (§16.2) are all or nothing: the preconditions hold for every addressed item, or
// 412 RESOURCE_MODIFIED and nothing changes (RFC 9110 §13.2.2, for each item as for one). An
// addressed item that does not exist has no current representation, so `If-Match` — `*` too —
// is false for it (RFC 9110 §13.1.1): "only if unchanged" fails when an item is gone. Its dates
// are ignored (no modification time, §21.8), and without If-Match it is skipped, as before.
outcome kayako_application::bulk_preconditions(exchange& x, std::vector<std::int64_t> const& ids) {
    if (!kayako::carries_preconditions(x.typed)) return {};  // the common case computes no ETag
    for (auto id : ids) {
        kayako::resource_validators v;
        std::optional<kayako::entity_tag_text> tag;  // outlives `v`, which views it
        if (test_item const* item = tests_.find(id)) {
            auto current = test_entity_tag(*item);
            if (!current) return from_failure(current.error());
            tag = *current;
            v.etag = tag->tag();
            v.last_modified = kayako::http_date{item->updated_at};
            v.last_modified_ambiguous = item->several_writes_in_second;
        } else {
            v.exists = false;
        }
        if (!kayako::check_preconditions(x.typed, v).proceed()) return error(api_error_code::resource_modified);
    }
    return {};
}

outcome kayako_application::tests(exchange& x) {
    auto const& path = x.typed.path();
    auto const& args = x.typed.arguments();
    std::string_view const m = x.in.method;
    if (path.size() > 2) return error(api_error_code::url_resource_missing);
    auto non_existent = args.get<bool>("non_existent", false);  // §16.2
    if (!non_existent) return from_failure(non_existent.error());

    if (path.size() == 1) {  // the collection
        if (m == "GET" || m == "HEAD") return list_tests(x);
        if (m == "POST") return create_test(x);
        // Bulk update and delete (§16.2): `ids` names the items.
        if (args.id_count() == 0) return error(api_error_code::field_required, "ids");
        std::vector<std::int64_t> ids;
        for (auto id : args.ids()) ids.push_back(id);
        std::vector<std::int64_t> sorted = ids;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            return error(api_error_code::parameters_inconsistent, "ids");  // §11.9
        if (!materialise_generated(tests_, ids, options_.max_count)) return store_full();  // test_collection.hpp
        if (auto refused = bulk_preconditions(x, ids)) return refused;
        std::uint64_t affected = 0;
        if (m == "PUT") {
            auto patch = read_test_patch(x.typed);
            if (!patch) return from_failure(patch.error());
            if (patch->name) return error(api_error_code::field_invalid, "name");  // §16.2: not in bulk
            if (auto refused = field_past_bound(*patch, options_.max_field_bytes)) return refused;
            std::vector<test_item> updated;  // every change made on copies first: all or nothing
            for (auto id : ids) {
                test_item const* item = tests_.find(id);
                if (!item) continue;
                updated.push_back(*item);
                patch->apply_to(updated.back(), x.now);
                if (auto refused = item_past_bound(updated.back(), *patch, options_.max_item_bytes)) return refused;
            }
            affected = updated.size();
            if (!tests_.replace(std::move(updated), x.now)) return store_full();
        } else {
            affected = tests_.erase(ids, x.now);
        }
        x.reply.metadata().total_count = affected;
        return {};
    }

    // One item.
    if (m == "POST") return error(api_error_code::method_not_supported);
    auto id = path.numeric_id();
    test_item const* item = id ? tests_.find(*id) : nullptr;
    // §16.2: an item `count` generates resolves too; a write stores it first (test_collection.hpp).
    std::optional<test_item> const generated =
        !item && id && !*non_existent ? generated_test_item(tests_, *id, options_.max_count) : std::nullopt;
    if (generated && (m == "PUT" || m == "DELETE")) {
        if (!materialise_generated(tests_, {*id}, options_.max_count)) return store_full();
        item = tests_.find(*id);
    } else if (generated) {
        item = &*generated;
    }
    if (*non_existent || !item) return error(api_error_code::resource_not_found);

    auto tag = test_entity_tag(*item);
    if (!tag) return from_failure(tag.error());
    if (auto refused = preconditions(x, *tag, item->updated_at, item->several_writes_in_second)) return refused;
    if (x.reply.is_not_modified()) return {};

    if (m == "DELETE") {
        tests_.erase({item->id}, x.now);
        return {};
    }
    if (m == "PUT") {
        auto patch = read_test_patch(x.typed);
        if (!patch) return from_failure(patch.error());
        if (auto refused = field_past_bound(*patch, options_.max_field_bytes)) return refused;
        test_item updated = *item;
        patch->apply_to(updated, x.now);
        if (auto refused = item_past_bound(updated, *patch, options_.max_item_bytes)) return refused;
        if (!tests_.replace({std::move(updated)}, x.now)) return store_full();
        return show_test(x, *item);  // replaced in place: `item` shows the new state
    }
    return show_test(x, *item);
}

// The tag of an item's own state (§9.1): the same whoever asks, so that a validator read
// anonymously still matches once the client has logged in (the requester is not the resource).
void kayako_application::refresh_tag_caches() const {
    if (test_tags_generation_ == tests_.generation() && test_tags_.size() < max_cached_tags &&
        collection_tags_.size() < max_cached_tags)
        return;
    test_tags_.clear();
    collection_tags_.clear();
    test_tags_generation_ = tests_.generation();
}

kayako::result<kayako::entity_tag_text> kayako_application::test_entity_tag(test_item const& item) const {
    refresh_tag_caches();
    if (auto it = test_tags_.find(item.id); it != test_tags_.end()) return it->second;
    auto tag = kayako::resource_entity_tag(test_resource(item, requester{}, directory_, base_url_));
    if (tag) test_tags_.emplace(item.id, *tag);
    return tag;
}

outcome kayako_application::show_test(exchange& x, test_item const& item) {
    test_view const resource = make_test_view(item, x.by, directory_, base_url_);
    auto tag = test_entity_tag(item);
    if (!tag) return from_failure(tag.error());
    // §9.3: in AJAX mode the validators describe the content, the requester's user included.
    bool const with_user = x.typed.ajax_mode() && x.by.who;
    x.reply.set_validators(validators_of(*tag, with_user ? std::max(item.updated_at, x.by.who->updated_at) : item.updated_at));
    if (x.reply.status() == 201) x.content_location = resource.resource_url;  // §4.2
    x.reply.render(resource, resource_schemas(), x.typed.output());  // a renderer failure becomes the answer
    return {};
}

outcome kayako_application::create_test(exchange& x) {
    auto patch = read_test_patch(x.typed);
    if (!patch) return from_failure(patch.error());
    if (auto refused = field_past_bound(*patch, options_.max_field_bytes)) return refused;
    test_item item;
    item.option = "NONE";
    patch->apply_to(item, x.now);
    if (auto refused = item_past_bound(item, *patch, options_.max_item_bytes)) return refused;
    test_item const* created = tests_.create(std::move(item));
    if (!created) return store_full();
    x.reply.set_status(201);
    return show_test(x, *created);
}

outcome kayako_application::list_tests(exchange& x) {
    auto const& args = x.typed.arguments();
    // §16.2: how many items the collection has — the stored ones in ID order, then generated
    // ones (test_collection.hpp). Bounded like `limit` (§21.14): past it FIELD_INVALID names it.
    auto count = args.get<std::int64_t>("count", 1);
    if (!count) return from_failure(count.error());
    if (*count < 0 || static_cast<std::uint64_t>(*count) > options_.max_count) return error(api_error_code::field_invalid, "count");
    test_collection const members(tests_, static_cast<std::size_t>(*count));

    refresh_tag_caches();
    auto const cached = collection_tags_.find(members.size());
    auto const tag = cached != collection_tags_.end() ? cached->second
                                                      : collection_tags_.emplace(members.size(), members.entity_tag()).first->second;
    if (auto refused = preconditions(x, tag, tests_.last_modified(), tests_.last_modified_ambiguous())) return refused;
    if (x.reply.is_not_modified()) return {};

    // The Test collection pages by offset (§7.1) and by ID cursor (§7.2; §7.4's cursor example is
    // this collection). It has no date order, so `since` / `until` are refused.
    auto page_asked = x.typed.page({.cursor = true, .dates = false});
    if (!page_asked) return from_request_error(page_asked.error());
    std::size_t const limit = static_cast<std::size_t>(page_asked->limit);
    bool const by_cursor = page_asked->before_id || page_asked->after_id;
    auto const [begin, end] = members.window(*page_asked);
    // The response bound, first on what the page's items hold: past it the page is not even
    // built, so that refusing it costs no more memory than the bound (the answer then checks the
    // rendered weight exactly: `answer_options::max_collection_bytes`). The client can ask for a smaller page: the error names `limit`.
    if (options_.max_response_bytes != 0) {
        std::size_t carried = 0;
        members.for_each(begin, end, [&](test_item const& item) { carried += item_bytes(item); });
        if (carried > options_.max_response_bytes) return error(api_error_code::field_invalid, "limit");
    }

    // The views point at the stored items, and at the generated ones kept in `generated` (its
    // room is reserved first, so that it never moves them).
    std::vector<test_item> generated;
    generated.reserve(end - begin);
    std::vector<test_view> page;
    page.reserve(end - begin);
    std::size_t position = begin;
    members.for_each(begin, end, [&](test_item const& item) {
        bool const stored = position++ < members.size() - members.generated();  // the generated ones come last
        test_item const& kept = stored ? item : generated.emplace_back(item);
        page.push_back(make_test_view(kept, x.by, directory_, base_url_));
    });
    x.reply.render(std::span<test_view const>(page), resource_schemas(), x.typed.output());
    kayako::envelope& e = x.reply.metadata();
    e.total_count = members.size();
    e.limit = limit;
    if (!by_cursor && page_asked->offset) e.offset = page_asked->offset;

    // §7.4 links keep the request's other arguments; the library drops every credential in every
    // spelling (`_session_id[]`, `_Token`...: links get shared, §21.24).
    std::string const collection_url = base_url_ + "/api/v1/tests";
    kayako::link_target const where = x.typed.links_to(collection_url);
    if (by_cursor) {
        std::optional<std::uint64_t> first_id, last_id;
        if (begin < end) {
            first_id = static_cast<std::uint64_t>(members.id_at(begin));
            last_id = static_cast<std::uint64_t>(members.id_at(end - 1));
        }
        x.links = kayako::make_cursor_links(where, limit, first_id, last_id);
    } else {
        x.links = kayako::make_offset_links(where, page_asked->offset, limit, members.size());
    }
    x.links.apply_to(e);
    x.reply.set_validators(validators_of(tag, tests_.last_modified()));
    return {};
}

outcome kayako_application::users(exchange& x) {
    auto const& path = x.typed.path();
    std::string_view const m = x.in.method;
    if (!x.by.who) return error(api_error_code::authorization_required);
    if (path.size() != 2) return error(api_error_code::url_resource_missing);
    if (m != "GET" && m != "HEAD") return error(api_error_code::method_not_supported);
    auto id = path.numeric_id();
    user const* u = id ? directory_.find_user(*id) : nullptr;
    if (!u) return error(api_error_code::resource_not_found);
    auto resource = user_resource(*u, directory_, base_url_);
    auto tag = kayako::resource_entity_tag(resource);
    if (!tag) return from_failure(tag.error());
    if (auto refused = preconditions(x, *tag, u->updated_at)) return refused;
    if (x.reply.is_not_modified()) return {};
    x.reply.set_validators(validators_of(*tag, u->updated_at));
    x.reply.render(json::value(std::move(resource)), "user", resource_schemas(), x.typed.output());
    return {};
}

// §11.7. The reference calls the endpoint public: any way in will do — a session, or a login,
// which opens one that the answer then shows. A request with neither has no session to show,
// and this server keeps no anonymous sessions: 401 AUTHORIZATION_REQUIRED (§21.12), whose
// challenge invites the login that would give it one.
outcome kayako_application::current_session(exchange& x) {
    std::string_view const m = x.in.method;
    auto const& path = x.typed.path();
    bool const ack = path.size() == 2 && path.segment(1) == "ack";  // PUT /session/ack: activity (§11.7)
    if (path.size() != 1 && !ack) return error(api_error_code::url_resource_missing);
    if (ack ? m != "PUT" : (m != "GET" && m != "HEAD" && m != "DELETE")) return error(api_error_code::method_not_supported);
    if (!x.current) return error(api_error_code::authorization_required);
    if (m == "DELETE") {  // logout; authenticate() has checked the CSRF token like any DELETE (§10)
        sessions_.close(x.current->id);
        x.current = x.opened = nullptr;  // both pointed into the store
        // §11.5: a logout that sends its remember-me token ends that too (the device forgets it).
        if (auto const& token = x.typed.credentials().remember_me) steps_.forget(*token);
        return {};
    }
    // §11.5: `remember_me=true` asks for a token for this device (`X-Fingerprint`), sent in
    // `X-RememberMe`. (The session was found — and so marked active — by authenticate().)
    auto remember = x.typed.arguments().get<bool>(kayako::remember_me_argument, false);
    if (!remember) return from_failure(remember.error());
    if (*remember && m != "PUT") {
        auto const& fingerprint = x.typed.credentials().fingerprint;
        if (!fingerprint) return error(api_error_code::field_required, kayako::fingerprint_header);
        x.remember_me = steps_.remember(x.current->user_id, *fingerprint, x.now);
    }
    // A struct rendered through kayako::resource_traits (resources.hpp), where the other
    // resources are JSON: the same answer, the same bytes.
    x.reply.render(make_session_resource(*x.current, directory_.find_user(x.current->user_id), directory_, base_url_),
                   resource_schemas(), x.typed.output());
    return {};
}

response kayako_application::finish(exchange& x) {
    if (x.failed && x.step) x.reply.ask_for_login_step(*x.step, x.step_token);  // §11.2
    else if (x.failed) {
        x.reply.fail(x.failed->code, x.failed->parameter, x.failed->parameters);
        x.reply.set_error_pointer(x.failed->pointer);  // §4.4
    }
    kayako::answer_options how;
    how.date = kayako::http_date{x.now};
    // Every answer here depends on the credentials (a Test item shows its requester), so every
    // one names them in Vary; one made for a session or login is also private (RFC 9111
    // §5.2.2.7, RFC 9110 §12.5.5).
    how.audience = x.authenticated ? kayako::response_audience::authenticated : kayako::response_audience::anonymous;
    how.retry_after = x.retry_after;
    if (!x.challenge.empty()) how.challenge = x.challenge;  // a bearer token's (RFC 6750 §3)
    how.remember_me = x.remember_me;
    how.content_location = x.content_location;
    if (x.opened) {  // a login (§11.1): the session it opened, its CSRF token (§10), the advice to use it
        how.opened_session_id = x.opened->id;
        how.csrf_token = x.opened->csrf_token;
    }
    how.max_collection_bytes = options_.max_response_bytes;
    auto made = x.reply.respond(how);

    response out;
    auto add = [&](std::string_view name, std::string_view value) { out.headers.emplace_back(name, value); };
    if (!made) {  // only a header value with CR/LF/NUL: never from our own data
        out.status = 500;
        out.body = kayako::serialize_envelope(kayako::make_error_envelope({kayako::make_api_error(api_error_code::exception_caught)}));
        add("Date", kayako::format_http_date(how.date).view());
        add("Content-Type", kayako::json_content_type);
        return out;
    }
    out.status = static_cast<unsigned>(made->status);
    for (auto const& h : made->headers) add(h.name, h.value);
    out.body = std::move(made->body);
    out.head_only = made->head_only;
    // RFC 6750 §3.1: `insufficient_scope` is a 403 that challenges too (the library adds 401's).
    if (out.status == 403 && !x.challenge.empty()) add("WWW-Authenticate", x.challenge);
    return out;
}

}  // namespace kayako_server
