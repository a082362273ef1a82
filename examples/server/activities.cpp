// kayako-test-server — the activity collection (see activities.hpp).
//
// Pages by date (§7.3) take `since` and `until` as exclusive bounds, and a page never splits the
// items of one date: it takes the next items while they share the date of its edge, so it may
// hold more than `limit` (§7.3 says clients must cope), and the links — `until=<last date>`
// towards older items, `since=<first date>` towards newer ones — neither repeat nor skip one.
// The first page (no date, no offset) pages the same way; an `offset` page (§7.1) gets offset
// links, as every collection has.
#include "activities.hpp"

#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/caching/preconditions.hpp>
#include <kayako/core/api_error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/response/respond.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace kayako_server {

std::string_view activity::action_name() const noexcept {
    switch (action) {
    case kind::created: return "CREATED";
    case kind::updated: return "UPDATED";
    case kind::deleted: return "DELETED";
    }
    return "UPDATED";
}

void activity_log::record(activity::kind action, std::int64_t test_id, std::int64_t now) {
    if (!entries_.empty()) now = std::max(now, entries_.back().created_at);
    entries_.push_back({next_id_++, action, test_id, now});
    while (entries_.size() > capacity_) entries_.pop_front();
}

namespace {

using problem = kayako_application::problem;

kayako::schema_registry const& activity_schemas() {
    using kayako::nested;
    static kayako::schema_registry const registry{
        kayako::resource_schema{"activity", {{"action"}, {"test", nested("test")}, {"created_at"}}},
        kayako::resource_schema{"test", {}},  // a reference: the item may be gone
    };
    return registry;
}

std::string iso_date(std::int64_t seconds) { return kayako::format_timestamp(kayako::timestamp{seconds, 0}); }

boost::json::object activity_resource(activity const& a) {
    boost::json::object test;
    test["id"] = a.test_id;
    test["resource_type"] = "test";
    boost::json::object out;
    out["id"] = a.id;
    out["action"] = a.action_name();
    out["test"] = std::move(test);
    out["created_at"] = iso_date(a.created_at);
    out["resource_type"] = "activity";
    return out;
}

// The window [begin, end) of `newest_first` a page shows (see the top of this file).
struct window {
    std::size_t begin = 0, end = 0;
    bool by_date = true;
};

window page_window(std::vector<activity const*> const& newest_first, kayako::pagination_arguments const& page) {
    std::size_t const n = newest_first.size();
    std::size_t const limit = static_cast<std::size_t>(page.limit);
    auto date = [&](std::size_t i) { return newest_first[i]->created_at; };
    auto first_not = [&](auto&& newer) {
        return static_cast<std::size_t>(
            std::partition_point(newest_first.begin(), newest_first.end(), [&](activity const* a) { return newer(a->created_at); }) -
            newest_first.begin());
    };
    window w;
    if (page.since) {  // the `limit` oldest items newer than `since`, and those tied with the newest of them
        w.end = first_not([&](std::int64_t d) { return d > page.since->seconds; });
        w.begin = w.end > limit ? w.end - limit : 0;
        while (w.begin > 0 && w.begin < w.end && date(w.begin - 1) == date(w.begin)) --w.begin;
        return w;
    }
    if (page.until) {
        w.begin = first_not([&](std::int64_t d) { return d >= page.until->seconds; });
    } else {
        w.begin = static_cast<std::size_t>(std::min<std::uint64_t>(page.offset, n));
        w.by_date = page.offset == 0;
    }
    w.end = std::min(n, w.begin + limit);
    if (w.by_date)
        while (w.end < n && w.end > w.begin && date(w.end) == date(w.end - 1)) ++w.end;
    return w;
}

}  // namespace

kayako_application::outcome list_activities(activity_log const& log, activity_request const& request,
                                            kayako::answer& reply, kayako::pagination_links& links,
                                            std::string const& base_url) {
    std::string_view const m = request.method();
    if (request.path().size() != 1) return problem{kayako::api_error_code::url_resource_missing, {}, {}};
    if (m != "GET" && m != "HEAD") return problem{kayako::api_error_code::method_not_supported, {}, {}};

    std::vector<activity const*> newest_first;
    newest_first.reserve(log.entries().size());
    std::vector<std::int64_t> ids;
    ids.reserve(log.entries().size());
    for (auto it = log.entries().rbegin(); it != log.entries().rend(); ++it) {
        newest_first.push_back(&*it);
        ids.push_back(it->id);
    }
    // §9.1: the collection's tag is of its members' IDs; its date is that of the newest change.
    auto const tag = kayako::collection_entity_tag(ids);
    kayako::resource_validators current;
    current.etag = tag.tag();
    current.last_modified = kayako::http_date{log.last_modified()};
    auto const verdict = kayako::check_preconditions(request, current);
    if (verdict.outcome == kayako::precondition_outcome::not_modified) {
        reply.not_modified(current);
        return {};
    }
    if (auto refused = verdict.error()) return problem{*refused, {}, {}};

    auto asked = request.page({.cursor = false, .dates = true});
    if (!asked) {
        // `result::error()` gives a copy: keep it, for `parameters()` views into it.
        kayako::request_error const refused = asked.error();
        problem p{refused.code, refused.parameter, {}};
        for (std::string_view name : refused.parameters()) p.parameters.emplace_back(name);
        return p;
    }
    window const w = page_window(newest_first, *asked);

    boost::json::array page;
    for (std::size_t i = w.begin; i < w.end; ++i) page.emplace_back(activity_resource(*newest_first[i]));
    reply.render(boost::json::value(std::move(page)), "activity", activity_schemas(), request.output());
    reply.set_validators(current);
    kayako::envelope& e = reply.metadata();
    e.total_count = newest_first.size();
    e.limit = asked->limit;
    if (!w.by_date && asked->offset) e.offset = asked->offset;

    std::string const collection_url = base_url + "/api/v1/activities";  // the target views it
    kayako::link_target const where = request.links_to(collection_url);
    if (w.by_date) {
        kayako::date_page edges;
        if (w.begin < w.end) {
            edges.first_date = kayako::timestamp{newest_first[w.begin]->created_at, 0};
            edges.last_date = kayako::timestamp{newest_first[w.end - 1]->created_at, 0};
        }
        edges.items_before = w.begin > 0;
        edges.items_after = w.end < newest_first.size();
        links = kayako::make_date_links(where, asked->limit, edges);
    } else {
        links = kayako::make_offset_links(where, asked->offset, asked->limit, newest_first.size());
    }
    links.apply_to(e);
    return {};
}

}  // namespace kayako_server
