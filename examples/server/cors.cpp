// kayako-test-server — CORS in front of the application (see cors.hpp; the decisions are
// kayako/response/cors.hpp's).
#include "cors.hpp"

#include <kayako/caching/http_date.hpp>
#include <kayako/request/cors_request.hpp>
#include <kayako/request/headers.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace kayako_server {

namespace {

// Adds `Origin` to the response's `Vary` (one field, RFC 9110 §12.5.5), or adds the field.
void vary_on_origin(response& out) {
    for (auto& [name, value] : out.headers) {
        if (!kayako::header_name_equal(name, "Vary")) continue;
        if (value != "*") value += ", Origin";
        return;
    }
    out.headers.emplace_back("Vary", "Origin");
}

void add_fields(response& out, kayako::cors_headers const& cors) {
    for (auto const& f : cors) out.headers.emplace_back(f.name, f.value);
    if (cors.vary_origin) vary_on_origin(out);
}

}  // namespace

response cors_application::handle(request const& r) {
    if (!policy_.enabled()) return inner_.handle(r);  // the default: no CORS, no cost
    using header_view = kayako::pair_headers<std::vector<header_field>>;
    header_view const headers(r.headers);
    auto const cors = kayako::read_cors_request(r.method, headers);
    bool asks_method = false;  // a preflight, even one whose CORS fields are malformed
    headers(kayako::request_method_header, [&](std::string_view) { asks_method = true; });
    if (r.method == "OPTIONS" && asks_method) {
        response out;
        out.status = static_cast<unsigned>(kayako::preflight_status);
        auto const now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
        out.headers.emplace_back("Date", kayako::format_http_date(kayako::http_date{now}).view());
        // A malformed field is refused like a disallowed origin: no Access-Control-* at all.
        add_fields(out, kayako::answer_preflight(policy_, cors ? *cors : kayako::cors_request{}));
        return out;
    }
    response out = inner_.handle(r);
    add_fields(out, kayako::share_response(policy_, cors));
    return out;
}

}  // namespace kayako_server
