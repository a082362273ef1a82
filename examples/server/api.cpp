// TEMPORARY scaffold: routing, auth and storage; protocol pieces are being wired to kayako-proto.
#include "api.hpp"

#include <kayako/api_error.hpp>
#include <kayako/form.hpp>
#include <kayako/headers.hpp>
#include <kayako/letter_case.hpp>
#include <kayako/values.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>

namespace kayako_server {

namespace json = boost::json;

namespace {
std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

response error_response(kayako::api_error_code code, std::string_view parameter = {}) {
    auto const& entry = kayako::describe(code);
    json::object e;
    e["code"] = entry.name;
    if (!parameter.empty()) e["parameter"] = parameter;
    e["message"] = entry.message;
    json::object env;
    env["status"] = entry.http_status;
    env["errors"] = json::array{e};
    response r;
    r.status = static_cast<unsigned>(entry.http_status);
    r.headers.emplace_back("Content-Type", "application/json");
    r.headers.emplace_back("X-API-Version", "1");
    r.body = json::serialize(env);
    return r;
}
}  // namespace

struct kayako_application::exchange {
    request const& in;
};

kayako_application::kayako_application(application_options const& options)
    : options_(options),
      tests_(options.initial_items, now_seconds(), options.max_items),
      directory_(now_seconds()),
      sessions_(options.max_sessions, options.session_lifetime) {}

response kayako_application::handle(request const& r) {
    exchange x{r};
    if (r.target.starts_with("/api/v1/tests")) return handle_tests(x);
    return error_response(kayako::api_error_code::app_not_found);
}

response kayako_application::handle_tests(exchange& x) {
    response r;
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = "{\"status\":200,\"data\":[],\"echo\":" + std::to_string(x.in.body.size()) + "}";
    return r;
}

response kayako_application::handle_users(exchange&) { return error_response(kayako::api_error_code::resource_not_found); }

response kayako_application::refuse(transport_failure why) {
    auto r = error_response(kayako::api_error_code::field_invalid);
    r.status = why == transport_failure::body_too_large ? 413 : 431;
    return r;
}

}  // namespace kayako_server
