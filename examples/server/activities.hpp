// kayako-test-server — `GET /api/v1/activities`: the activity log (activity_log.hpp) as a
// collection ordered by date, newest first, paged by `since` / `until` (§7.3) or by `offset`
// (§7.1), with links built by kayako-proto (§7.4, `make_date_links`).
#ifndef KAYAKO_EXAMPLES_ACTIVITIES_HPP
#define KAYAKO_EXAMPLES_ACTIVITIES_HPP

#include "activity_log.hpp"
#include "api.hpp"
#include "exchange.hpp"

#include <kayako/envelope/pagination.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/typed_request.hpp>
#include <kayako/response/answer.hpp>

#include <string>
#include <vector>

namespace kayako_server {

using activity_request = kayako::typed_request<kayako::pair_headers<std::vector<header_field>>>;

/// Answers a request for the activity collection into `reply` (its page, counts, validators)
/// and `links` (which the envelope's link members then point into); or the problem that stops
/// it: another method (METHOD_NOT_SUPPORTED), a path below the collection (URL_RESOURCE_MISSING),
/// a bad page argument (FIELD_INVALID), `since` with `until` (ONE_FIELD_EXPECTED naming both),
/// a cursor (FIELD_INVALID: this collection pages by date). A 304 or 412 from the
/// collection's validators is the reply's (§9.2).
kayako_application::outcome list_activities(activity_log const& log, activity_request const& request,
                                            kayako::answer& reply, kayako::pagination_links& links,
                                            std::string const& base_url);

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_ACTIVITIES_HPP
