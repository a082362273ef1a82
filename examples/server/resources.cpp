#include "resources.hpp"

#include <kayako/core/values.hpp>

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <string>

namespace kayako_server {

namespace json = boost::json;

namespace {
std::string timestamp_text(std::int64_t seconds) { return kayako::format_timestamp(kayako::timestamp{seconds, 0}); }

std::string url_of(std::string_view base, std::string_view collection, std::int64_t id) {
    std::string url(base);
    url += "/api/v1/";
    url += collection;
    url += '/';
    url += std::to_string(id);
    return url;
}
}  // namespace

json::object test_resource(test_item const& item, requester const& by, directory const& people, std::string_view base_url) {
    json::object o;
    o["id"] = item.id;
    o["name"] = item.name;
    o["user"] = by.who ? json::value(user_resource(*by.who, people, base_url)) : json::value(nullptr);
    json::array items;
    for (auto v : item.array_items) items.emplace_back(v);
    o["array_items"] = std::move(items);
    o["is_boolean"] = item.is_boolean;
    o["float_number"] = item.float_number;
    o["integer_number"] = item.integer_number;
    o["option"] = item.option;
    o["binary_data"] = kayako::encode_base64(item.binary_data);
    o["authentication_scheme"] = by.scheme;
    o["is_odd"] = item.id % 2 != 0;
    o["updated_at"] = timestamp_text(item.updated_at);
    o["resource_type"] = "test";
    o["resource_url"] = url_of(base_url, "tests", item.id);
    return o;
}

test_view make_test_view(test_item const& item, requester const& by, directory const& people, std::string_view base_url) {
    test_view t;
    t.item = &item;
    if (by.who) t.user = user_resource(*by.who, people, base_url);
    t.scheme = by.scheme;
    t.binary_data = kayako::encode_base64(item.binary_data);
    t.updated_at = timestamp_text(item.updated_at);
    t.resource_url = url_of(base_url, "tests", item.id);
    return t;
}

json::object user_resource(user const& u, directory const& people, std::string_view base_url) {
    json::object o;
    o["id"] = u.id;
    o["full_name"] = u.full_name;
    o["email"] = u.email;
    o["password"] = u.password;  // hidden in the schema: the renderer never emits it (§5.2)
    role const* r = people.find_role(u.role_id);
    o["role"] = r ? json::value(role_resource(*r, base_url)) : json::value(nullptr);
    o["is_enabled"] = u.is_enabled;
    o["locale"] = u.locale;
    o["created_at"] = timestamp_text(u.created_at);
    o["updated_at"] = timestamp_text(u.updated_at);
    o["resource_type"] = "user";
    o["resource_url"] = url_of(base_url, "users", u.id);
    return o;
}

session_resource make_session_resource(session const& s, user const* who, directory const& people,
                                       std::string_view base_url) {
    session_resource r;
    r.id = s.id;
    r.ip_address = s.ip_address;
    r.user = who ? json::value(user_resource(*who, people, base_url)) : json::value(nullptr);
    r.last_activity_at = timestamp_text(s.last_used);
    r.created_at = timestamp_text(s.created_at);
    return r;
}

json::object role_resource(role const& r, std::string_view base_url) {
    json::object o;
    o["id"] = r.id;
    o["title"] = r.title;
    o["type"] = r.type;
    o["created_at"] = timestamp_text(r.created_at);
    o["updated_at"] = timestamp_text(r.updated_at);
    o["resource_type"] = "role";
    o["resource_url"] = url_of(base_url, "roles", r.id);
    return o;
}

/// The field categories of every resource type served (§5.2), for the renderer.
kayako::schema_registry const& resource_schemas() {
    using kayako::field;
    using kayako::nested;
    static kayako::schema_registry const registry{
        kayako::resource_schema{"test",
                                {{"name"},
                                 {"user", nested("user")},
                                 {"array_items"},
                                 {"is_boolean"},
                                 {"float_number"},
                                 {"integer_number"},
                                 {"option"},
                                 {"binary_data"},
                                 {"authentication_scheme"},
                                 {"updated_at"},
                                 {"is_odd", field::optional}}},
        kayako::resource_schema{"user",
                                {{"full_name"},
                                 {"role", nested("role")},
                                 {"is_enabled"},
                                 {"created_at"},
                                 {"updated_at"},
                                 {"email", field::optional},
                                 {"locale", field::optional},
                                 {"password", field::hidden}}},
        // §11.7. Of the reference's fields this server has no user agent and no instance (one
        // server, one instance): it leaves them out rather than inventing values.
        kayako::resource_schema{"session",
                                {{"portal"},
                                 {"ip_address"},
                                 {"user", nested("user")},
                                 {"status"},
                                 {"last_activity_at"},
                                 {"created_at"}}},
        kayako::resource_schema{"role",
                                {{"title"},
                                 {"type"},
                                 {"created_at", field::optional},
                                 {"updated_at", field::optional}}},
    };
    return registry;
}

}  // namespace kayako_server
