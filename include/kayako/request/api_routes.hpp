// kayako-proto — the resources a server routes, for the path's own errors (§1, §15).
//
// A path that names a resource the server has, but in a way it does not serve, is the client's
// mistake in the URL, and the reference has codes for it: an app that is not installed
// (`/api/v1/helpdesk/tests` → 400 APP_NOT_FOUND) and an action the resource does not have
// (`/api/v1/tests/1/frobnicate` → 400 RESOURCE_ACTION_NOT_AVAILABLE, "misspelled action name").
// A server lists what it routes in `target_options::routes`, and the target reader
// (`api_path.hpp`) checks every path against the list:
//
//     constexpr std::string_view session_actions[] = {"ack"};
//     constexpr kayako::api_resource routes[] = {{"tests"}, {"session", false, session_actions}};
//     options.target.routes = routes;
//
// The rules, on the segments after `/api/v1` (runs of `/` collapsed, `.json` removed):
//
// | path                                   | verdict                                            |
// |----------------------------------------|----------------------------------------------------|
// | `/<resource>`, `/<app>/<resource>`     | the resource (an installed app is only a prefix)   |
// | `/<resource>/<id>`                     | an item, when the resource has items              |
// | `/<resource>/<id>/<action>`            | an action of an item, when listed                  |
// | `/<singleton>/<action>`                | an action of a singleton (`/session/ack`), when listed |
// | anything longer, an unlisted action    | `action_not_available` at the first segment too many |
// | `/<x>/<resource>/...`, `x` no app      | `app_not_found` at `x`                             |
// | `/<x>/...`, neither app nor resource   | left to the server (404 URL_RESOURCE_MISSING from its dispatch) |
//
// A resource not in the list is never refused here, so that a server may route some resources
// through the list and others by hand. Names compare exactly: the reference spells paths in
// lower case, and `tests` and `Tests` are two names.
#ifndef KAYAKO_REQUEST_API_ROUTES_HPP
#define KAYAKO_REQUEST_API_ROUTES_HPP

#include <kayako/core/error.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace kayako {

/// One resource a server serves under `/api/v1[/<app>]/` (§1).
struct api_resource {
    std::string_view name;  ///< the path segment: `tests`, `session`
    /// `/<name>/<id>` addresses one of it (a collection); false for a singleton such as
    /// `session` (§11.7), which takes no id.
    bool has_items = true;
    /// The segments allowed after an item's id (or after a singleton's name): `ack` for
    /// `/session/ack`. Each is one segment; nothing may follow it.
    std::span<std::string_view const> actions{};
};

/// The entry of `routes` named `name`, or null.
constexpr api_resource const* find_api_resource(std::span<api_resource const> routes, std::string_view name) noexcept {
    for (api_resource const& r : routes)
        if (r.name == name) return &r;
    return nullptr;
}

/// The route of a path: `segments` are the path's segments after `/api/v1` (decoded, `.json`
/// removed), `app` says whether the first is an installed app. Gives the resource's entry — null
/// for a resource not in `routes`, which is the server's to judge — or `app_not_found` /
/// `action_not_available`, whose offset is the INDEX of the offending segment in `segments`
/// (the caller turns it into a byte offset).
constexpr result<api_resource const*> match_api_route(std::span<std::string_view const> segments, bool app,
                                                      std::span<api_resource const> routes) noexcept {
    std::size_t const first = app ? 1 : 0;
    if (segments.size() <= first) return nullptr;
    api_resource const* resource = find_api_resource(routes, segments[first]);
    if (!resource) {
        // A listed resource after an unknown first segment: that segment was meant as an app.
        if (!app && segments.size() >= 2 && find_api_resource(routes, segments[1])) return failure(error::app_not_found, 0);
        return nullptr;
    }
    std::size_t next = first + 1;  // the first segment not yet accounted for
    if (resource->has_items && next < segments.size()) ++next;  // the id: any segment
    if (next < segments.size()) {
        bool listed = false;
        for (std::string_view action : resource->actions) listed |= action == segments[next];
        if (!listed) return failure(error::action_not_available, next);
        ++next;
    }
    if (next < segments.size()) return failure(error::action_not_available, next);
    return resource;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_API_ROUTES_HPP
