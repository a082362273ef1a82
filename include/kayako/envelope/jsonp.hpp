// kayako-proto — JSONP (§13): the `_jsonp_callback` argument, wrapping an envelope for a
// `<script>` tag, and unwrapping such a body on the client.
//
// A JSONP response is always HTTP 200 (a script cannot see the status), its body is
// `callback(<envelope>);` and its type `application/javascript` (§13, [INF] settled here). The
// callback is echoed into executable script, so it must be a plain JavaScript identifier path —
// `[A-Za-z_$][A-Za-z0-9_$]*` joined by `.` — and anything else is refused with
// `400 FIELD_INVALID` naming `_jsonp_callback` (no script injection, no `alert(1)//`).
#ifndef KAYAKO_ENVELOPE_JSONP_HPP
#define KAYAKO_ENVELOPE_JSONP_HPP

#include <kayako/core/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kayako {

/// The argument that asks for JSONP.
inline constexpr std::string_view jsonp_callback_argument = "_jsonp_callback";

/// The content type of a JSONP body.
inline constexpr std::string_view jsonp_content_type = "application/javascript";

/// Longest callback accepted: a name, not a program.
inline constexpr std::size_t jsonp_callback_max_length = 128;

namespace detail {
constexpr bool is_js_identifier_start(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
}
constexpr bool is_js_identifier_part(char c) noexcept { return is_js_identifier_start(c) || (c >= '0' && c <= '9'); }

// Length of the identifier path at the start of `text` (0 when there is none); stops at the
// first character that cannot continue it. A trailing or doubled `.` ends the path before it.
constexpr std::size_t js_identifier_path_length(std::string_view text) noexcept {
    std::size_t i = 0, end = 0;
    while (i < text.size() && is_js_identifier_start(text[i])) {
        ++i;
        while (i < text.size() && is_js_identifier_part(text[i])) ++i;
        end = i;
        if (i + 1 < text.size() && text[i] == '.' && is_js_identifier_start(text[i + 1]))
            ++i;
        else
            break;
    }
    return end;
}
}  // namespace detail

/// `callback` when it is a JavaScript identifier path of at most `jsonp_callback_max_length`
/// characters; otherwise `invalid_jsonp_callback` at the first offending offset, naming
/// `_jsonp_callback` (which `api_error_for` turns into `400 FIELD_INVALID`).
constexpr result<std::string_view> parse_jsonp_callback(std::string_view callback) noexcept {
    if (callback.empty()) return failure(error::invalid_jsonp_callback, 0, jsonp_callback_argument);
    if (callback.size() > jsonp_callback_max_length)
        return failure(error::invalid_jsonp_callback, jsonp_callback_max_length, jsonp_callback_argument);
    std::size_t const n = detail::js_identifier_path_length(callback);
    if (n != callback.size()) return failure(error::invalid_jsonp_callback, n, jsonp_callback_argument);
    return callback;
}

/// Appends `callback(` + `json` + `);` to `out`. `callback` must have passed `parse_jsonp_callback`.
inline void append_jsonp(std::string& out, std::string_view callback, std::string_view json) {
    out.reserve(out.size() + callback.size() + json.size() + 3);
    out += callback;
    out += '(';
    out += json;
    out += ");";
}

/// A JSONP body taken apart: the callback and the JSON between the parentheses.
struct jsonp_body {
    std::string_view callback;   ///< the callback name, as checked by the JSONP rules (§13)
    std::string_view json;       ///< the JSON text between the parentheses
    std::size_t json_offset = 0; ///< offset of `json` in the body, for error offsets
};

namespace detail {
constexpr bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace detail

/// Client side: `cb({...});` → callback `cb` and the JSON text. Whitespace around the parts and
/// the final `;` are optional. A body that is not of that shape is `invalid_jsonp_callback` (no
/// callback) or `unexpected_character` / `unexpected_end` at the offending offset.
constexpr result<jsonp_body> parse_jsonp_body(std::string_view body) noexcept {
    std::size_t i = 0;
    while (i < body.size() && detail::is_json_space(body[i])) ++i;
    std::size_t const name_start = i;
    std::size_t const name_length = detail::js_identifier_path_length(body.substr(i));
    if (name_length == 0) return failure(error::invalid_jsonp_callback, i);
    i += name_length;
    while (i < body.size() && detail::is_json_space(body[i])) ++i;
    if (i == body.size()) return failure(error::unexpected_end, i);
    if (body[i] != '(') return failure(error::unexpected_character, i);
    std::size_t const json_start = ++i;
    std::size_t end = body.size();
    while (end > json_start && detail::is_json_space(body[end - 1])) --end;
    if (end > json_start && body[end - 1] == ';') --end;
    while (end > json_start && detail::is_json_space(body[end - 1])) --end;
    if (end == json_start || body[end - 1] != ')') return failure(error::unexpected_end, end);
    return jsonp_body{body.substr(name_start, name_length), body.substr(json_start, end - 1 - json_start), json_start};
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_JSONP_HPP
