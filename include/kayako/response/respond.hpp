// kayako-proto — server side: answering a typed request (§4, §9.2, §13; RFC 9110 §13.2.2).
//
// The reverse of `read_request` (typed_request.hpp), in two steps a server takes in this order:
//
//     auto req = kayako::read_request(method, target, headers, body);
//     if (!req) answer with kayako::answer(kayako::answer_form_of(req.error(), method, headers));
//     ...route, find the resource and its validators...
//     auto verdict = kayako::check_preconditions(*req, validators);   // BEFORE a write acts
//     if (!verdict.proceed()) ...;        // 304 (`answer::not_modified`) or 412 RESOURCE_MODIFIED
//     ...act...
//     auto r = kayako::respond(*req, resource, "user", schemas, validators, {.date = now});
//
// `respond` is the whole answer to a read of one resource: the preconditions (304 with the
// validators and no body, or 412), else the resource rendered through the request's output
// options, with its validators, in the request's letter case and JSONP form; a HEAD without a
// body. An answer with more to say (counts, links, a created resource's URL, a session opened)
// is built with `answer` (answer.hpp) and `answer_form_of`.
#ifndef KAYAKO_RESPONSE_RESPOND_HPP
#define KAYAKO_RESPONSE_RESPOND_HPP

#include <kayako/caching/preconditions.hpp>
#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/output/renderer.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/typed_request.hpp>
#include <kayako/response/answer.hpp>
#include <kayako/response/http_response.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace kayako {

/// The form of the answer to a request that was read: its `_case`, `_jsonp_callback` (GET and
/// HEAD only, §13), whether it is a HEAD, whether it is in AJAX caching mode (§9.3) and then, for
/// a GET or HEAD, its `If-None-Match` and `If-Modified-Since`, which the answer evaluates on the
/// content it sends (§21.9). Throws only `std::bad_alloc` (the values are copied).
template <header_source H>
answer_form answer_form_of(typed_request<H> const& request) {
    answer_form form;
    form.name_case = request.name_case();
    if (auto callback = request.jsonp_callback()) form.jsonp_callback.assign(callback->data(), callback->size());
    form.head = request.method() == "HEAD";
    form.ajax_mode = request.ajax_mode();
    if (form.ajax_mode && (form.head || request.method() == "GET")) {
        std::string joined;
        if (auto v = folded_header(request.headers(), "If-None-Match", joined)) form.if_none_match = std::string(*v);
        joined.clear();
        if (auto v = folded_header(request.headers(), "If-Modified-Since", joined)) form.if_modified_since = std::string(*v);
    }
    return form;
}

/// The form of the answer to a request `read_request` refused: the letter case and callback it
/// had settled before it failed (`request_error`), its method as on the request line, and AJAX
/// mode from its headers (§9.3). Throws only `std::bad_alloc` and what the header source throws.
template <header_source H>
answer_form answer_form_of(request_error const& refused, std::string_view method, H const& headers) {
    answer_form form;
    form.name_case = refused.name_case;
    if (refused.jsonp_callback) form.jsonp_callback = *refused.jsonp_callback;
    form.head = method == "HEAD";
    form.ajax_mode = ajax_caching_mode(headers);
    return form;
}

/// Evaluates the request's preconditions (`If-Match`, `If-Unmodified-Since`, `If-None-Match`,
/// `If-Modified-Since`; RFC 9110 §13.2.2, §21.8) against the current state of the target. A write
/// calls it BEFORE acting, so that a 412 changes nothing; a read calls it before building its
/// answer, so that a 304 costs no rendering. Allocates nothing.
///
/// In AJAX caching mode (§9.3, §21.9) the client's validators describe content, not state:
/// `If-Match` / `If-Unmodified-Since` (concurrency control) are refused with 412
/// RESOURCE_MODIFIED, and `If-None-Match` / `If-Modified-Since` are left to the answer, which
/// evaluates them on the bytes it sends (`answer::respond`, `answer_form_of`): here they never
/// give a 304.
template <header_source H>
precondition_result check_preconditions(typed_request<H> const& request, resource_validators const& current) {
    if (!request.ajax_mode())
        return evaluate_preconditions(request.method(), request.headers(), current, request.preconditions());
    auto const state_conditions = [&request](std::string_view name, auto&& visit) {
        if (header_name_equal(name, "If-None-Match") || header_name_equal(name, "If-Modified-Since")) return;
        request.headers()(name, visit);
    };
    return evaluate_preconditions(request.method(), state_conditions, current, request.preconditions());
}

/// Whether the request carries a precondition `check_preconditions` would evaluate for its
/// method (`If-Modified-Since` only on GET and HEAD): without one, every resource proceeds, and
/// a server need not compute validators — of every item of a bulk write, say.
template <header_source H>
bool carries_preconditions(typed_request<H> const& request) {
    bool present = false;
    auto seen = [&](std::string_view) { present = true; };
    for (std::string_view name : {"If-Match", "If-None-Match", "If-Unmodified-Since"}) request.headers()(name, seen);
    if (request.method() == "GET" || request.method() == "HEAD") request.headers()("If-Modified-Since", seen);
    return present;
}

namespace detail {

// `respond`, whatever the resource is held in: `render(a)` renders it into answer `a`.
template <header_source H, class Render>
result<response> respond_with(typed_request<H> const& request, resource_validators const& current,
                              answer_options const& options, Render&& render) {
    answer a(answer_form_of(request));
    auto const verdict = check_preconditions(request, current);
    if (verdict.outcome == precondition_outcome::not_modified) {
        a.not_modified(current);
    } else if (auto refused = verdict.error()) {
        a.fail(*refused);
    } else if (render(a)) {  // a renderer failure has become the answer
        a.set_validators(current);
    }
    return a.respond(options);
}

}  // namespace detail

/// The whole answer to a read of `resource` (a JSON object, or an array of them: a collection)
/// of resource type `type` whose current validators are `current`: 304 with the validators and
/// no body when `If-None-Match` / `If-Modified-Since` match (GET, HEAD); 412 RESOURCE_MODIFIED
/// when `If-Match` / `If-Unmodified-Since` fail; else 200 with the resource rendered through
/// `request.output()` and the validators. In the request's letter case and JSONP form; a HEAD
/// is marked `head_only`. Fails only as `answer::respond` does. Throws only `std::bad_alloc`.
/// @code
/// auto const tag = kayako::entity_tag_for_bytes(stored_state);     // from what versions the resource
/// kayako::resource_validators const current{true, tag.tag(), last_modified};
/// auto r = kayako::respond(*request, user_json, "user", schemas, current, {.date = now});
// r->status: 200, 304 or 412; r->headers: ETag, Last-Modified, Content-Type, ...; r->body
/// @endcode
template <header_source H>
result<response> respond(typed_request<H> const& request, boost::json::value const& resource, std::string_view type,
                         schema_registry const& schemas, resource_validators const& current,
                         answer_options const& options) {
    return detail::respond_with(request, current, options, [&](answer& a) {
        return a.render(resource, type, schemas, request.output()).has_value();
    });
}

/// The whole answer to a read of a user's struct resource (see `resource_traits`), as above.
template <header_source H, described_resource T>
result<response> respond(typed_request<H> const& request, T const& resource, schema_registry const& schemas,
                         resource_validators const& current, answer_options const& options) {
    return detail::respond_with(request, current, options, [&](answer& a) {
        return a.render(resource, schemas, request.output()).has_value();
    });
}

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_RESPOND_HPP
