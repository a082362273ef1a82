// Fuzzes the CORS readers (§13; Fetch §3.2, RFC 6454): `parse_origin`, the
// `Access-Control-Request-Headers` list scanner, and the policy's answers over the same bytes.
// Properties checked:
//  - an accepted origin's parts are views into the input, and its text re-parses to itself;
//  - an accepted origin normalizes (`normalize_origin`) to a text that parses and is a fixed point;
//  - every listed name is a non-empty view of token characters into the input;
//  - a preflight is approved only for an allowed origin, and then carries Allow-Origin.
#include <kayako/request/cors_request.hpp>
#include <kayako/response/cors.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

bool inside(std::string_view part, std::string_view whole) {
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);

    auto const origin = kayako::parse_origin(text);
    if (origin) {
        if (!inside(origin->text, text) || !inside(origin->scheme, text) || !inside(origin->host, text)) std::abort();
        auto again = kayako::parse_origin(origin->text);
        if (!again || !(*again == *origin)) std::abort();
        if (!origin->opaque) {
            auto normalized = kayako::normalize_origin(origin->text);
            if (!normalized) std::abort();
            auto twice = kayako::normalize_origin(*normalized);
            if (!twice || *twice != *normalized || !kayako::parse_origin(*normalized)) std::abort();
        }
    } else if (origin.error().parameter != "Origin" || origin.error().offset > text.size()) {
        std::abort();
    }

    auto listed = kayako::scan_field_name_list(text, [&](std::string_view name) {
        if (name.empty() || !inside(name, text)) std::abort();
        for (char c : name)
            if (!kayako::detail::is_token_char(c)) std::abort();
    });
    if (!listed && listed.error().offset >= text.size()) std::abort();

    // The same bytes as every CORS field of a preflight, against a policy that lists one origin.
    kayako::cors_policy policy;
    if (!policy.allow_origin("http://127.0.0.1:9000")) std::abort();
    std::vector<std::pair<std::string_view, std::string_view>> const headers = {
        {"Origin", text}, {"Access-Control-Request-Method", "PUT"}, {"Access-Control-Request-Headers", text}};
    auto const request = kayako::read_cors_request("OPTIONS", kayako::pair_headers(headers));
    if (request) {
        auto const answer = kayako::answer_preflight(policy, *request);
        if (answer.shared && (!policy.allows(*request->origin) || answer.find("Access-Control-Allow-Origin") != request->origin->text))
            std::abort();
        auto const shared = kayako::share_response(policy, request);
        if (shared.shared != policy.allows(*request->origin)) std::abort();
    }
    return 0;
}
