// Fuzzes the typed request (request.hpp): method, target, headers and body in one input. Properties
// checked, not only "no crash":
// * nothing throws (libFuzzer reports an escaped exception as a crash);
// * a refusal always names a Kayako code of the catalogue, with its status, and the `parameter` /
//   `parameters` the wire form needs: ONE_FIELD_EXPECTED names every cursor and date sent in
//   `parameters` and no `parameter`; every other code names none in `parameters`;
// * one verdict: the typed request's page equals `parse_pagination` over the same arguments, and
//   its credentials equal `read_credentials` fed the arguments by hand;
// * the body is read only when asked, and its failures are Kayako errors too.
//
// Input layout: byte 0 picks the method and the collection's page kinds; then `\n`-separated
// fields: the target, header lines `Name: value` up to an empty line, and the rest is the body.
#include <kayako/request/typed_request.hpp>

#include <kayako/core/api_error.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/request/page_arguments.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using header_list = std::vector<std::pair<std::string_view, std::string_view>>;
using header_view = kayako::pair_headers<header_list>;

void check_error(kayako::request_error const& e) {
    if (kayako::to_string(e.code).empty()) std::abort();
    if (kayako::parse_api_error_code(kayako::to_string(e.code)) != e.code) std::abort();
    if (e.status() < 400 || e.status() > 599) std::abort();
    if (kayako::api_error_for(e.cause) != e.code) std::abort();
    if (e.code == kayako::api_error_code::one_field_expected) {
        if (e.parameters().size() < 2 || !e.parameter.empty()) std::abort();
    } else if (!e.parameters().empty() || e.parameter != e.cause.parameter) {
        std::abort();
    }
}

std::string_view next_line(std::string_view& rest) {
    std::size_t const nl = rest.find('\n');
    std::string_view const line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    static constexpr std::array<std::string_view, 7> methods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "get"};
    unsigned const selector = data[0];
    std::string_view const method = methods[selector % methods.size()];
    kayako::page_kinds const kinds{(selector & 0x10) != 0, (selector & 0x20) != 0};
    std::string_view rest(reinterpret_cast<char const*>(data) + 1, size - 1);
    std::string_view const target = next_line(rest);
    header_list headers;
    while (!rest.empty()) {
        std::string_view const line = next_line(rest);
        if (line.empty()) break;
        std::size_t const colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
    }
    std::string_view const body = rest;

    auto read = kayako::read_request(method, target, header_view(headers), body);
    if (!read) {
        check_error(read.error());
        return 0;
    }
    if (!kayako::is_api_method(method)) std::abort();

    // The page: the same verdict as parse_pagination over the arguments as sent.
    auto const& args = read->arguments();
    std::vector<kayako::query_argument> listed;
    for (std::size_t i = 0; i < args.size(); ++i) listed.push_back(args[i]);
    kayako::pagination_options options;
    options.allow_cursor = kinds.cursor;
    options.allow_dates = kinds.dates;
    auto const alone = kayako::parse_pagination(listed, options);
    auto const page = read->page(kinds);
    if (bool(page) != bool(alone)) std::abort();
    if (page) {
        if (*page != *alone) std::abort();
        if (page->limit < 1 || page->limit > kayako::max_page_limit) std::abort();
    } else {
        check_error(page.error());
        if (page.error().cause.code != alone.error().code || page.error().cause.parameter != alone.error().parameter) std::abort();
    }

    // The credentials: the same as read_credentials fed the arguments by hand.
    kayako::auth_arguments by_hand;
    by_hand.session_id = args.session_id();
    by_hand.token = args.token();
    by_hand.otp = args.otp();
    by_hand.fingerprint_id = args.fingerprint_id();
    by_hand.access_token = args.access_token();
    by_hand.jwt = args.jwt();
    by_hand.portal = args.portal();
    by_hand.timestamp = args.request_timestamp();
    auto const credentials = kayako::read_credentials(header_view(headers), by_hand);
    if (!credentials || credentials->session_id != read->credentials().session_id ||
        credentials->timestamp != read->credentials().timestamp || credentials->bearer != read->credentials().bearer)
        std::abort();

    // JSONP only where §13 allows it.
    if (read->jsonp_callback() && method != "GET" && method != "HEAD") std::abort();

    // The body, on demand.
    auto params = read->body_parameters();
    if (!params) check_error(params.error());
    return 0;
}
