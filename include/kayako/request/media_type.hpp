// kayako-proto — media types (`Content-Type`), RFC 9110 §8.3.1, and which body encoding a
// Content-Type selects (§2.1, §8.2).
//
//     media-type = type "/" subtype parameters
//     parameters = *( OWS ";" OWS [ parameter ] )
//     parameter  = parameter-name OWS "=" OWS ( token / quoted-string )
//
// (RFC 9110 has no OWS around `=`; browsers, Go and jshttp read it, and so does the library.)
// Type, subtype and parameter names compare case-blind; parameter values as sent (a quoted
// value keeps its quoted-pairs until `header_parameter::text()` resolves them). Parsing
// allocates nothing: a `media_type` is views into the header value. A parameter that appears
// twice is refused (`duplicate`): two `boundary` or `charset` values are ambiguous, and
// ambiguity between the library and a proxy is how request smuggling starts.
#ifndef KAYAKO_REQUEST_MEDIA_TYPE_HPP
#define KAYAKO_REQUEST_MEDIA_TYPE_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/header_parameters.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace kayako {

/// Limits of `parse_media_type`.
struct media_type_options {
    std::size_t max_size = 1024;       ///< header value length → too_long
    std::size_t max_parameters = 16;   ///< parameter count → too_many
};

/// A parsed media type; views into the header value it was parsed from.
class media_type {
public:
    std::string_view type;       ///< e.g. `multipart` (as sent; compare with `is`)
    std::string_view subtype;    ///< e.g. `form-data`
    std::string_view parameters_text;  ///< everything after the subtype (`; boundary=...`), validated

    /// Type and subtype equal `t`/`s`, ignoring letter case.
    constexpr bool is(std::string_view t, std::string_view s) const noexcept {
        return header_name_equal(type, t) && header_name_equal(subtype, s);
    }

    /// The parameter named `name` (any letter case), or nothing.
    constexpr std::optional<header_parameter> parameter(std::string_view name) const noexcept {
        for (header_parameter const& p : parameters())
            if (header_name_equal(p.name, name)) return p;
        return std::nullopt;
    }

    /// The parameters in order. Offsets are offsets into `parameters_text`.
    using parameter_range = header_parameter_range;

    /// The parameters (`charset`, `boundary`, …) in order.
    constexpr parameter_range parameters() const noexcept { return parameter_range(parameters_text); }
};

/// Parses a Content-Type (or any media-type) header value. Leading and trailing whitespace is
/// ignored; offsets in failures are offsets into `text`.
constexpr result<media_type> parse_media_type(std::string_view text, media_type_options const& options = {}) noexcept {
    if (text.size() > options.max_size) return failure(error::too_long, options.max_size);
    std::size_t i = 0;
    std::size_t const n = text.size();
    while (i < n && detail::is_ows(text[i])) ++i;
    std::size_t end = n;
    while (end > i && detail::is_ows(text[end - 1])) --end;
    if (i == end) return failure(error::empty_value, i);

    media_type m;
    std::size_t const type_start = i;
    while (i < end && detail::is_token_char(text[i])) ++i;
    if (i == type_start) return detail::bad_byte(text[i], i);
    if (i == end) return failure(error::unexpected_end, i);
    if (text[i] != '/') return detail::bad_byte(text[i], i);
    m.type = text.substr(type_start, i - type_start);
    std::size_t const subtype_start = ++i;
    while (i < end && detail::is_token_char(text[i])) ++i;
    if (i == subtype_start) {
        if (i == end) return failure(error::unexpected_end, i);
        return detail::bad_byte(text[i], i);
    }
    m.subtype = text.substr(subtype_start, i - subtype_start);
    m.parameters_text = text.substr(i, end - i);

    // Validate the parameters once, so that iteration later cannot fail.
    std::size_t const base = i;
    std::size_t pos = 0, count = 0;
    header_parameter p;
    for (;;) {
        auto more = detail::next_header_parameter(m.parameters_text, pos, p);
        if (!more) return more.error().shifted(base);
        if (!*more) break;
        if (++count > options.max_parameters) return failure(error::too_many, base + p.offset);
        // A repeated name: compare with every earlier one (counts are small and bounded).
        std::size_t earlier_pos = 0;
        header_parameter q;
        for (std::size_t k = 1; k < count; ++k) {
            (void)detail::next_header_parameter(m.parameters_text, earlier_pos, q);
            if (header_name_equal(q.name, p.name)) return failure(error::duplicate, base + p.offset);
        }
    }
    return m;
}

/// How a request body is encoded, as its Content-Type says (§2.1).
enum class body_encoding : unsigned char {
    form,       ///< `application/x-www-form-urlencoded`, or no Content-Type at all (§1: the default)
    json,       ///< `application/json`
    multipart,  ///< `multipart/form-data` (its `boundary` is checked by multipart_boundary.hpp)
    raw,        ///< anything else: the body is the content of one uploaded file (§8.2)
};

/// The encoding a parsed media type selects. Only the exact types of §2.1 select a parameter
/// encoding (`application/vnd.foo+json` is a file, as is `multipart/mixed`); parameters such as
/// `charset` do not change the choice (Kayako reads form and JSON bodies as UTF-8).
constexpr body_encoding body_encoding_of(media_type const& m) noexcept {
    if (m.is("application", "x-www-form-urlencoded")) return body_encoding::form;
    if (m.is("application", "json")) return body_encoding::json;
    if (m.is("multipart", "form-data")) return body_encoding::multipart;
    return body_encoding::raw;
}

/// The encoding a Content-Type header value selects; an absent header (`nullopt`) selects the
/// form encoding (§1). A malformed value is an error naming `Content-Type`, with its offset.
constexpr result<body_encoding> body_encoding_of(std::optional<std::string_view> content_type,
                                                 media_type_options const& options = {}) noexcept {
    if (!content_type) return body_encoding::form;
    auto m = parse_media_type(*content_type, options);
    if (!m) return m.error().of("Content-Type");
    return body_encoding_of(*m);
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_MEDIA_TYPE_HPP
