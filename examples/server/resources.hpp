// kayako-test-server — how the stored data looks as Kayako resources: the JSON of a Test item
// (§16.1), of the demo user and of its role, with `resource_type` and an absolute `resource_url`.
// Nested resources are emitted whole; the library's renderer turns them into references or
// expands them as `include` asks (§5.1).
#ifndef KAYAKO_EXAMPLES_RESOURCES_HPP
#define KAYAKO_EXAMPLES_RESOURCES_HPP

#include "store.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace kayako_server {

/// Who is asking: the user (or null) and the authentication scheme (`NONE`, `BASIC`).
struct requester {
    user const* who = nullptr;
    std::string_view scheme = "NONE";
};

boost::json::object test_resource(test_item const& item, requester const& by, directory const& people,
                                  std::string_view base_url);
boost::json::object user_resource(user const& u, directory const& people, std::string_view base_url);
boost::json::object role_resource(role const& r, std::string_view base_url);
/// The session resource (§11.7) of `s`, whose user is `who` (null if it has gone).
boost::json::object session_resource(session const& s, user const* who, directory const& people, std::string_view base_url);

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_RESOURCES_HPP
