// kayako-test-server — the resources this server routes, as the target reader checks them
// (§1, §15; kayako/request/api_routes.hpp): a path that misnames the app of one of them answers
// 400 APP_NOT_FOUND (`/api/v1/helpdesk/tests`), one that misnames an action 400
// RESOURCE_ACTION_NOT_AVAILABLE (`/api/v1/tests/1/frobnicate`, `/api/v1/session/ackk`). Every
// resource the server routes is listed; a name that is not is 404 URL_RESOURCE_MISSING from
// `kayako_application::run`.
#ifndef KAYAKO_EXAMPLES_ROUTES_HPP
#define KAYAKO_EXAMPLES_ROUTES_HPP

#include <kayako/request/api_routes.hpp>
#include <kayako/request/typed_request.hpp>

#include <cstddef>
#include <string_view>

namespace kayako_server {

inline constexpr std::string_view session_actions[] = {"ack"};       // PUT /api/v1/session/ack (§11.7)
inline constexpr std::string_view file_actions[] = {"content"};      // GET /api/v1/files/:id/content (§8.1)
inline constexpr std::string_view profile_actions[] = {"password"};  // PUT /api/v1/profile/password (§11.2)

inline constexpr kayako::api_resource served_routes[] = {
    {"tests"},                              // §16: /tests, /tests/:id
    {"users"},                              // /users/:id
    {"files", true, file_actions},          // §8: files.cpp
    {"activities", false},                  // §7.3: the date-ordered collection, activities.cpp
    {"session", false, session_actions},    // §11.7: a singleton
    {"profile", false, profile_actions},    // §8.1 (TV-FU-1), §11.2: the caller's own user
};

/// How this server reads a request: the default limits of §21.14, its routes, and at most
/// `max_segments` path segments after `/api/v1` (URL_TOO_MANY_SEGMENTS past them).
inline kayako::request_options routed_request_options(std::size_t max_segments) {
    kayako::request_options o;
    o.target.routes = served_routes;
    o.target.max_segments = max_segments;
    return o;
}

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_ROUTES_HPP
