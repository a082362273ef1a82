// kayako-proto — what both envelope readers share besides the member tables
// (`envelope_members.hpp`): their options, the body checks that come before any JSON (size,
// empty 304 body, JSONP), the mapping of Boost.JSON errors (and of numbers too large for a double)
// to library errors, and the JSON paths of their messages.
#ifndef KAYAKO_DETAIL_ENVELOPE_READING_HPP
#define KAYAKO_DETAIL_ENVELOPE_READING_HPP

#include <kayako/detail/json_reading.hpp>
#include <kayako/envelope/envelope_parse_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/envelope/jsonp.hpp>

#include <boost/json/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kayako {

/// How envelopes are read. Defaults follow §21.14.
struct envelope_parse_options {
    std::size_t max_size = 64 * 1024 * 1024;  ///< longest body read; longer is `too_long`
    std::size_t max_depth = 64;               ///< JSON nesting limit; deeper is `too_deep`
    bool allow_jsonp = true;                  ///< read `cb({...});` bodies too (§13)
    /// The HTTP status of the response when the caller knows it, else 0. An empty body is a
    /// 304's (§4.1): accepted when this is 0 or 304, `empty_value` otherwise.
    int http_status = 0;
};

namespace detail {

// The JSON text of a body, once size, emptiness and JSONP are dealt with.
struct prepared_body {
    std::string_view json;
    std::size_t base = 0;   // offset of `json` in the body
    bool empty = false;     // a 304's empty body
};

/// Checks the body before JSON parsing. On failure fills `err` and returns false.
inline bool prepare_body(std::string_view body, envelope_parse_options const& opt, prepared_body& out,
                         envelope_parse_error& err) {
    if (body.size() > opt.max_size) {
        err = {error::too_long, opt.max_size, {}, {}};
        return false;
    }
    std::size_t first = 0;
    while (first < body.size() && is_json_space(body[first])) ++first;
    if (first == body.size()) {
        if (opt.http_status != 0 && opt.http_status != 304) {
            err = {error::empty_value, body.size(), {}, {}};
            return false;
        }
        out = {{}, 0, true};
        return true;
    }
    if (opt.allow_jsonp && body[first] != '{' && is_js_identifier_start(body[first])) {
        auto j = parse_jsonp_body(body);
        if (!j) {
            err = {j.error().code, j.error().offset, {}, {}};
            return false;
        }
        out = {j->json, j->json_offset, false};
        return true;
    }
    out = {body, 0, false};
    return true;
}

/// A Boost.JSON parse error at `offset` of `text` as a library error: the nesting limit, the end
/// of input, invalid UTF-8 and NUL bytes get their own codes; the rest is `invalid_json`.
inline envelope_parse_error json_syntax_error(boost::system::error_code const& ec, std::string_view text,
                                              std::size_t offset, std::size_t base) {
    error code = error::invalid_json;
    if (ec == boost::json::error::too_deep)
        code = error::too_deep;
    else if (ec == boost::json::error::incomplete)
        code = error::unexpected_end;
    else if (offset < text.size() && static_cast<unsigned char>(text[offset]) >= 0x80)
        code = error::invalid_utf8;
    else if (offset < text.size() && text[offset] == '\0')
        code = error::nul_byte;
    return {code, offset + base, {}, {}};
}

/// A number of the envelope too large for a double (§21.19): `float_out_of_range` with its JSON
/// path and where it starts in the body (`json` is the body's JSON text, at `base`).
inline envelope_parse_error number_overflow_error(std::string_view json, std::size_t max_depth, std::size_t base) {
    overflowing_number const at = locate_overflowing_number(json, max_depth);
    return {error::float_out_of_range, at.offset + base, at.path, {}};
}

// Path pieces, built only when something fails.
inline std::string member_path(std::string_view list, std::size_t index) {
    std::string p(list);
    p += '[';
    p += std::to_string(index);
    p += ']';
    return p;
}
inline std::string member_path(std::string_view list, std::size_t index, std::string_view field) {
    std::string p = member_path(list, index);
    p += '.';
    p += field;
    return p;
}

}  // namespace detail
}  // namespace kayako

#endif  // KAYAKO_DETAIL_ENVELOPE_READING_HPP
