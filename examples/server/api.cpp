// kayako-test-server — the Kayako application: one request goes through
//
//   typed request (target, output options, Accept, method, credentials: kayako::read_request) →
//   authentication → route → preconditions → action → rendered resource → envelope (or JSONP) →
//   headers,
//
// and every protocol decision on the way is a call into kayako-proto. What stays here is
// routing, storage and the shape of the stored data.
#include "api.hpp"
#include "api_exchange.hpp"

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

using namespace api_detail;

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
