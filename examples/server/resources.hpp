// kayako-test-server — how the stored data looks as Kayako resources: the JSON of a Test item
// (§16.1), of the demo user and of its role, with `resource_type` and an absolute `resource_url`.
// Nested resources are emitted whole; the library's renderer turns them into references or
// expands them as `include` asks (§5.1).
#ifndef KAYAKO_EXAMPLES_RESOURCES_HPP
#define KAYAKO_EXAMPLES_RESOURCES_HPP

#include "store.hpp"

#include <kayako/output/renderer.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kayako_server {

/// Who is asking: the user (or null) and the authentication scheme (`NONE`, `BASIC`).
struct requester {
    user const* who = nullptr;
    std::string_view scheme = "NONE";
};

/// The field categories of every resource type served (§5.2), for the renderer.
kayako::schema_registry const& resource_schemas();

boost::json::object test_resource(test_item const& item, requester const& by, directory const& people,
                                  std::string_view base_url);

/// A Test item as an answer shows it: the members of `test_resource`, in the same order and with
/// the same values, read by the renderer straight from the item (`kayako::resource_traits`,
/// below) instead of from a JSON object built for one answer and thrown away — the same bytes,
/// without a dozen allocations and a hash table per item. It views `item`, which must outlive it.
/// (The entity tag is still computed from `test_resource`, once per stored version: api.cpp.)
struct test_view {
    test_item const* item = nullptr;
    boost::json::value user;  ///< the requester's user resource, or null
    std::string_view scheme;  ///< `authentication_scheme`
    std::string binary_data;  ///< base64
    std::string updated_at;
    std::string resource_url;
};

test_view make_test_view(test_item const& item, requester const& by, directory const& people, std::string_view base_url);
boost::json::object user_resource(user const& u, directory const& people, std::string_view base_url);
boost::json::object role_resource(role const& r, std::string_view base_url);
/// The session resource (§11.7), held as a plain struct and rendered through
/// `kayako::resource_traits` (below) — where the other resources are JSON objects. Both kinds go
/// through one renderer and one answer (`kayako::answer::render`) and give the same bytes; this
/// one is here to show the struct path next to the JSON one. A session is a natural struct: a
/// fixed set of fields, made for one answer. Its user stays a JSON-held resource (the Test items
/// and `/users/:id` share that JSON), which a struct field holds as a `boost::json::value`. The
/// struct views the session it was made from: use it before the session store changes.
struct session_resource {
    std::string_view id;
    std::string_view ip_address;  ///< empty: the member is left out (the transport gave no address)
    boost::json::value user;      ///< the user resource, or null when the user has gone
    std::string last_activity_at;
    std::string created_at;
};

/// The session resource of `s`, whose user is `who` (null if it has gone).
session_resource make_session_resource(session const& s, user const* who, directory const& people, std::string_view base_url);

}  // namespace kayako_server

template <>
struct kayako::resource_traits<kayako_server::test_view> {
    static constexpr std::string_view type = "test";
    // The order of `test_resource`'s members (resources.cpp): the same answer, byte for byte.
    template <class Visit>
    static void for_each_field(kayako_server::test_view const& t, Visit&& visit) {
        kayako_server::test_item const& item = *t.item;
        visit("id", item.id);
        visit("name", item.name);
        visit("user", t.user);
        visit("array_items", std::span<std::int64_t const>(item.array_items));
        visit("is_boolean", item.is_boolean);
        visit("float_number", item.float_number);
        visit("integer_number", item.integer_number);
        visit("option", item.option);
        visit("binary_data", t.binary_data);
        visit("authentication_scheme", t.scheme);
        visit("is_odd", item.id % 2 != 0);
        visit("updated_at", t.updated_at);
        visit("resource_type", type);
        visit("resource_url", t.resource_url);
    }
};

template <>
struct kayako::resource_traits<kayako_server::session_resource> {
    static constexpr std::string_view type = "session";
    // In the order the reference shows the members (§11.7); the schema says which are shown.
    template <class Visit>
    static void for_each_field(kayako_server::session_resource const& s, Visit&& visit) {
        visit("id", s.id);
        visit("portal", std::string_view("API"));  // every session here is opened through the API
        if (!s.ip_address.empty()) visit("ip_address", s.ip_address);
        visit("user", s.user);
        visit("status", std::string_view("ONLINE"));  // a session that is found is in use: one that is not is gone
        visit("last_activity_at", s.last_activity_at);
        visit("created_at", s.created_at);
        visit("resource_type", type);
    }
};

#endif  // KAYAKO_EXAMPLES_RESOURCES_HPP
