// Fuzzes the request-header readers (headers.hpp) and the JSONP callback check (jsonp.hpp). The
// input is split at '\n' into the lines of one header field. Properties checked:
// * several `Accept` lines decide as their values joined into one list do (RFC 9110 §5.3), when
//   no quoted string could run from one line into the next;
// * `X-Options` over several lines is the options of each line together, and the value that
//   writes a set of options reads back to it;
// * `X-Requested-With` holds for the lines exactly when it holds for one of them;
// * a folded header holds every trimmed line, in order;
// * header values and names the library would write are refused exactly when they could inject
//   (CR, LF, NUL; a non-token name), at the offset of the offending byte;
// * an accepted JSONP callback is an identifier path of at most 128 bytes;
// * every cookie of a `Cookie` line is a view into it, with a non-empty name holding no `=` or
//   `;` and a value holding no `;`.
#include <kayako/request/cookie.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/envelope/jsonp.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using fields = std::vector<std::pair<std::string_view, std::string_view>>;

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0;;) {
        std::size_t const end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return lines;
        start = end + 1;
    }
}

bool is_identifier_path_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '.';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    std::vector<std::string_view> const lines = split_lines(text);

    fields accept, options, requested_with, custom;
    std::string joined;
    for (std::string_view line : lines) {
        accept.emplace_back("accept", line);
        options.emplace_back("X-OPTIONS", line);
        requested_with.emplace_back("X-Requested-With", line);
        custom.emplace_back("X-Custom", line);
        if (!joined.empty()) joined += ", ";
        joined += line;
    }

    bool const accepted = static_cast<bool>(kayako::check_accept(kayako::pair_headers<fields>(accept)));
    if (text.find('"') == std::string_view::npos && accepted != kayako::accept_allows_json(joined)) std::abort();

    kayako::header_options each;
    bool any_ajax = false;
    for (std::string_view line : lines) {
        each = kayako::parse_x_options(line, each);
        any_ajax = any_ajax || kayako::is_ajax_value(line);
    }
    if (kayako::read_x_options(kayako::pair_headers<fields>(options)) != each) std::abort();
    if (kayako::parse_x_options(kayako::format_x_options(each)) != each) std::abort();
    if (kayako::is_ajax_request(kayako::pair_headers<fields>(requested_with)) != any_ajax) std::abort();

    std::string storage;
    auto const folded = kayako::folded_header(kayako::pair_headers<fields>(custom), "x-custom", storage);
    if (!folded) std::abort();  // there is always at least one line
    std::size_t at = 0;
    for (std::string_view line : lines) {
        std::size_t const found = folded->find(kayako::trim_ows(line), at);
        if (found == std::string_view::npos) std::abort();
        at = found + kayako::trim_ows(line).size();
    }

    auto const value = kayako::check_header_value(text);
    std::size_t const bad_value = text.find_first_of(std::string_view("\r\n\0", 3));
    if (value ? bad_value != std::string_view::npos : value.error().offset != bad_value) std::abort();
    auto const name = kayako::check_header_name(text);
    if (!name && name.error().offset >= size && size != 0) std::abort();
    if (name && size == 0) std::abort();

    auto within = [&](std::string_view part) { return part.data() >= text.data() && part.data() + part.size() <= text.data() + size; };
    for (std::string_view line : lines)
        kayako::for_each_cookie(line, [&](std::string_view name, std::string_view value) {
            if (name.empty() || !within(name) || !within(value)) std::abort();
            if (name.find_first_of("=;") != std::string_view::npos || value.find(';') != std::string_view::npos) std::abort();
        });
    fields cookies;
    for (std::string_view line : lines) cookies.emplace_back("Cookie", line);
    (void)kayako::find_cookie(kayako::pair_headers<fields>(cookies), "sid");

    if (auto const callback = kayako::parse_jsonp_callback(text)) {
        if (callback->empty() || callback->size() > kayako::jsonp_callback_max_length) std::abort();
        for (char c : *callback)
            if (!is_identifier_path_character(c)) std::abort();
    }
    return 0;
}
