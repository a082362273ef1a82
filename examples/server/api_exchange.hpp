// The Kayako application's pipeline state (api.cpp, api_tests.cpp): one request on its way
// (`kayako_application::exchange`) and the helpers that turn the library's failures into the
// application's problems. Included by the application's own files only.
#ifndef KAYAKO_EXAMPLES_API_EXCHANGE_HPP
#define KAYAKO_EXAMPLES_API_EXCHANGE_HPP

#include "api.hpp"
#include "resources.hpp"  // requester

#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/caching/preconditions.hpp>
#include <kayako/core/api_error.hpp>
#include <kayako/envelope/pagination.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/typed_request.hpp>
#include <kayako/response/answer.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kayako_server {

namespace api_detail {

using kayako::api_error_code;

inline std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

using problem = kayako_application::problem;
using outcome = kayako_application::outcome;

inline problem from_failure(kayako::failure const& f) {
    return {kayako::api_error_for(f), std::string(f.parameter), {}, kayako::api_error_pointer(f)};
}
inline problem from_request_error(kayako::request_error const& e) {
    problem p{e.code, e.parameter, {}, e.pointer};
    for (std::string_view name : e.parameters()) p.parameters.emplace_back(name);
    return p;
}
inline problem error(api_error_code code, std::string_view parameter = {}) { return {code, std::string(parameter), {}}; }

/// The validators of a resource (§9.1): a view of `tag`, which must outlive them.
inline kayako::resource_validators validators_of(kayako::entity_tag_text const& tag, std::int64_t modified,
                                                 bool modified_ambiguous = false) {
    kayako::resource_validators v;
    v.etag = tag.tag();
    v.last_modified = kayako::http_date{modified};
    v.last_modified_ambiguous = modified_ambiguous;
    return v;
}

}  // namespace api_detail

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

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_API_EXCHANGE_HPP
