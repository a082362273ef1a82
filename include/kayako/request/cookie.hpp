// kayako-proto — reading the `Cookie` request header (RFC 6265 §4.2, §5.4), for the session a
// browser keeps in a cookie (§11.8: "a session cookie also counts").
//
// A `Cookie` field value is `name=value` pairs separated by `;` (RFC 6265 §4.2.1). Browsers send
// one field; HTTP/2 may split it into several, which are one list (RFC 9113 §8.2.3), so every
// `Cookie` line of the request is read. The reader is lenient as servers are: pieces are trimmed
// of spaces and tabs, empty pieces and pieces without `=` are skipped, a value in double quotes
// loses them. Names are case-sensitive. Nothing is decoded: the views point into the header.
//
// Kayako does not document the name of its session cookie, so the library reads one only when
// told its name (`auth_options::session_cookie` in `auth.hpp`).
#ifndef KAYAKO_REQUEST_COOKIE_HPP
#define KAYAKO_REQUEST_COOKIE_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace kayako {

/// Calls `visit(name, value)` for each cookie of one `Cookie` field value, in order.
template <class Visit>
constexpr void for_each_cookie(std::string_view field_value, Visit&& visit) {
    while (!field_value.empty()) {
        std::size_t const semicolon = field_value.find(';');
        std::string_view const piece = trim_ows(field_value.substr(0, semicolon));
        field_value = semicolon == std::string_view::npos ? std::string_view{} : field_value.substr(semicolon + 1);
        std::size_t const equals = piece.find('=');
        if (equals == std::string_view::npos) continue;  // not a cookie-pair
        std::string_view const name = trim_ows(piece.substr(0, equals));
        std::string_view value = trim_ows(piece.substr(equals + 1));
        if (name.empty()) continue;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        visit(name, value);
    }
}

/// The value of the cookie `name` over every `Cookie` line of a request: nothing when it is not
/// sent; `parameters_inconsistent` naming the cookie when it is sent twice with different values
/// (two sessions at once cannot both be meant, §11.9).
template <header_source H>
constexpr result<std::optional<std::string_view>> find_cookie(H const& headers, std::string_view name) {
    std::optional<std::string_view> found;
    bool inconsistent = false;
    headers("Cookie", [&](std::string_view line) {
        for_each_cookie(line, [&](std::string_view n, std::string_view v) {
            if (n != name) return;
            if (found && *found != v) inconsistent = true;
            found = v;
        });
    });
    if (inconsistent) return failure(error::parameters_inconsistent, failure::no_offset, name);
    return found;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_COOKIE_HPP
