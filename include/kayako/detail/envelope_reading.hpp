// kayako-proto — what both envelope readers share: the member names they recognise, the body
// checks that come before any JSON (size, empty 304 body, JSONP), and the mapping of Boost.JSON
// errors (and of numbers too large for a double) to library errors.
#ifndef KAYAKO_DETAIL_ENVELOPE_READING_HPP
#define KAYAKO_DETAIL_ENVELOPE_READING_HPP

#include <kayako/detail/json_reading.hpp>
#include <kayako/detail/short_strings.hpp>
#include <kayako/envelope_parse_error.hpp>
#include <kayako/error.hpp>
#include <kayako/jsonp.hpp>
#include <kayako/letter_case.hpp>

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

// The members of §4.3 in one order both readers and the tables below share.
enum class envelope_member : unsigned char {
    status, data, resource, total_count, offset, limit, first_url, previous_url, next_url, last_url,
    resources, session_id, auth_token, errors, notifications, logs, timestamp, unknown
};
inline constexpr std::array<std::string_view, 17> envelope_member_names{
    "status",     "data",         "resource",   "total_count", "offset",        "limit",
    "first_url",  "previous_url", "next_url",   "last_url",    "resources",     "session_id",
    "auth_token", "errors",       "notifications", "logs",     "timestamp"};

enum class error_field : unsigned char { code, message, more_info, parameter, parameters, pointer, unknown };
inline constexpr std::array<std::string_view, 6> error_field_names{"code",       "message",    "more_info",
                                                                   "parameter", "parameters", "pointer"};

enum class notification_field : unsigned char { type, message, sticky, related_url, related_href, related_label, unknown };
inline constexpr std::array<std::string_view, 6> notification_field_names{
    "type", "message", "sticky", "related_url", "related_href", "related_label"};

enum class log_field : unsigned char { level, message, unknown };
inline constexpr std::array<std::string_view, 2> log_field_names{"level", "message"};

// The camel and Pascal spellings of the names above (§6.1), for an exact-match fast path.
inline constexpr std::array<std::string_view, 17> envelope_member_camel{"status", "data", "resource", "totalCount", "offset", "limit", "firstUrl", "previousUrl", "nextUrl", "lastUrl", "resources", "sessionId", "authToken", "errors", "notifications", "logs", "timestamp"};
inline constexpr std::array<std::string_view, 17> envelope_member_pascal{"Status", "Data", "Resource", "TotalCount", "Offset", "Limit", "FirstUrl", "PreviousUrl", "NextUrl", "LastUrl", "Resources", "SessionId", "AuthToken", "Errors", "Notifications", "Logs", "Timestamp"};
inline constexpr std::array<std::string_view, 6> error_field_camel{"code", "message", "moreInfo", "parameter", "parameters", "pointer"};
inline constexpr std::array<std::string_view, 6> error_field_pascal{"Code", "Message", "MoreInfo", "Parameter", "Parameters", "Pointer"};
inline constexpr std::array<std::string_view, 6> notification_field_camel{"type", "message", "sticky", "relatedUrl", "relatedHref", "relatedLabel"};
inline constexpr std::array<std::string_view, 6> notification_field_pascal{"Type", "Message", "Sticky", "RelatedUrl", "RelatedHref", "RelatedLabel"};
inline constexpr std::array<std::string_view, 2> log_field_camel{"level", "message"};
inline constexpr std::array<std::string_view, 2> log_field_pascal{"Level", "Message"};

// A small compile-time hash index over the snake, camel and Pascal spellings of a name table:
// a key's bucket holds the few names that may match it, compared byte for byte.
constexpr std::size_t name_bucket(std::string_view key) noexcept {
    return (key.size() * 7 + static_cast<unsigned char>(key[0]) + static_cast<unsigned char>(key.back()) * 3) & 127;
}

template <std::size_t N>
struct name_index {
    struct bucket {
        unsigned char count = 0;
        unsigned char names[6]{};
    };
    std::array<bucket, 128> buckets{};

    constexpr name_index(std::array<std::string_view, N> const& snake, std::array<std::string_view, N> const& camel,
                         std::array<std::string_view, N> const& pascal) {
        for (std::size_t i = 0; i < N; ++i)
            for (auto spelling : {snake[i], camel[i], pascal[i]}) {
                auto& b = buckets[name_bucket(spelling)];
                bool present = false;
                for (std::size_t k = 0; k < b.count; ++k) present = present || b.names[k] == i;
                if (present) continue;
                if (b.count == sizeof b.names) throw "name_index: bucket overflow";  // a compile error
                b.names[b.count++] = static_cast<unsigned char>(i);
            }
    }
};

/// Index of the name in `names` that `key` spells in any letter case (§21.5), or `N`. The three
/// usual spellings are found through the index; `names_equal` settles any other spelling.
template <std::size_t N>
constexpr std::size_t match_name(std::string_view key, name_index<N> const& index,
                                 std::array<std::string_view, N> const& names,
                                 std::array<std::string_view, N> const& camel,
                                 std::array<std::string_view, N> const& pascal) noexcept {
    if (key.empty()) return N;
    auto const& b = index.buckets[name_bucket(key)];
    for (std::size_t k = 0; k < b.count; ++k) {
        std::size_t const i = b.names[k];
        if (short_strings_equal(key, names[i]) || short_strings_equal(key, camel[i]) || short_strings_equal(key, pascal[i]))
            return i;
    }
    for (std::size_t i = 0; i < N; ++i) {
        // Cheap reject first: the first letters agree in any case, and no spelling of a name is
        // longer than its snake form.
        if (key.size() > names[i].size() || to_lower(key[0]) != names[i][0]) continue;
        if (names_equal(key, names[i])) return i;
    }
    return N;
}

inline constexpr name_index<17> envelope_member_index{envelope_member_names, envelope_member_camel, envelope_member_pascal};
inline constexpr name_index<6> error_field_index{error_field_names, error_field_camel, error_field_pascal};
inline constexpr name_index<6> notification_field_index{notification_field_names, notification_field_camel,
                                                        notification_field_pascal};
inline constexpr name_index<2> log_field_index{log_field_names, log_field_camel, log_field_pascal};

constexpr std::size_t match_envelope_member(std::string_view key) noexcept {
    return match_name(key, envelope_member_index, envelope_member_names, envelope_member_camel, envelope_member_pascal);
}
constexpr std::size_t match_error_field(std::string_view key) noexcept {
    return match_name(key, error_field_index, error_field_names, error_field_camel, error_field_pascal);
}
constexpr std::size_t match_notification_field(std::string_view key) noexcept {
    return match_name(key, notification_field_index, notification_field_names, notification_field_camel, notification_field_pascal);
}
constexpr std::size_t match_log_field(std::string_view key) noexcept {
    return match_name(key, log_field_index, log_field_names, log_field_camel, log_field_pascal);
}

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
