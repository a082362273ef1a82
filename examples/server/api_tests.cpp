// kayako-test-server — the Test resource (§16): its parameters read from any body and checked
// before anything changes, its bounds, and list, show, create, update and delete of single and
// bulk items, with the ETags of each stored version cached (api.cpp routes here).
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

namespace {

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

// The byte bound of the whole store, or the item count, refuses a write with RESOURCE_NOT_AVAILABLE
// (400): the collection cannot take more now, the request itself is well formed (so no
// FIELD_INVALID), and the server works as configured (so no 5xx); deleting items makes room
// again. LICENSE_LIMIT_REACHED would tell the client about a plan it has no way to change.
problem store_full() { return error(api_error_code::resource_not_available); }

}  // namespace

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

}  // namespace kayako_server
