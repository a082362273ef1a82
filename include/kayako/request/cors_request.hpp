// kayako-proto — what a browser says about a cross-origin request (§13; Fetch §3.2, RFC 6454).
//
// A browser names the page's origin in `Origin`, and before a request that is not "simple"
// (a PUT, a DELETE, an `X-Session-ID` or `X-CSRF-Token` header, a JSON body) it first sends a
// preflight: `OPTIONS` with `Access-Control-Request-Method` and `Access-Control-Request-Headers`.
// This header reads the three fields into typed values; response/cors.hpp decides against the
// server's policy and writes the answer.
//
//     auto cors = kayako::read_cors_request(method, headers);
//     if (!cors) ...;                      // a malformed field: the request is not shared
//     if (cors->preflight()) ...;          // answer it before authentication
//
// The grammar is the one browsers serialize (Fetch "serialization of an origin"): `null`, or
// `scheme "://" host [ ":" port ]` with no path, no user info, no trailing `/`. Matching is
// byte-for-byte (Fetch compares serialized origins exactly), so no case folding happens here.
#ifndef KAYAKO_REQUEST_CORS_REQUEST_HPP
#define KAYAKO_REQUEST_CORS_REQUEST_HPP

#include <kayako/core/error.hpp>
#include <kayako/detail/ascii.hpp>
#include <kayako/detail/http_grammar.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kayako {

/// The header names of a CORS request (Fetch §3.2.2).
inline constexpr std::string_view origin_header = "Origin";
inline constexpr std::string_view request_method_header = "Access-Control-Request-Method";   ///< the method a preflight announces
inline constexpr std::string_view request_headers_header = "Access-Control-Request-Headers"; ///< the headers a preflight announces

/// An origin as a browser serializes it (RFC 6454 §6.2, Fetch "byte-serializing an origin"): the
/// text, its scheme, host and port as views into it. `opaque` is the `null` origin (a sandboxed
/// frame, a `file:` page, a redirect across origins), which has no parts.
struct serialized_origin {
    std::string_view text;             ///< the whole origin as sent (`https://app.example.com:8443`); `null` when opaque
    std::string_view scheme;           ///< `http` or `https`, lower case
    std::string_view host;             ///< the host, as sent (browsers lower-case it)
    std::optional<std::uint16_t> port; ///< absent when the default one (not written)
    bool opaque = false;               ///< the `null` origin: no parts, never allowed by a list (§13)

    friend constexpr bool operator==(serialized_origin const&, serialized_origin const&) noexcept = default;
};

namespace detail {

constexpr bool origin_alpha(char c) noexcept { return is_upper(c) || is_lower(c); }
constexpr bool origin_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool origin_hex(char c) noexcept { return origin_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr bool is_scheme_char(char c) noexcept { return origin_alpha(c) || origin_digit(c) || c == '+' || c == '-' || c == '.'; }

// A host of an origin: a bracketed IPv6 literal, or a name / IPv4 address without the
// characters a URL would read as something else (delimiters, spaces, controls, `%`).
constexpr bool is_host_char(char c) noexcept {
    return origin_alpha(c) || origin_digit(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
           static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace detail

/// Parses an `Origin` value (trimmed of OWS). `invalid_header` with the offset of the first bad
/// byte when it is not a serialized origin: an empty value, a missing `://`, an empty host, a path
/// or trailing `/`, user info, a port that is not 1–5 digits up to 65535, a character no host
/// holds. The scheme must be lower case, as browsers write it; the host is taken as it is (a
/// browser lower-cases it). Allocates nothing.
constexpr result<serialized_origin> parse_origin(std::string_view value) noexcept {
    value = trim_ows(value);
    auto bad = [](std::size_t at) { return failure(error::invalid_header, at, origin_header); };
    if (value == "null") return serialized_origin{value, {}, {}, std::nullopt, true};
    serialized_origin o;
    o.text = value;
    std::size_t i = 0;
    if (value.empty() || !detail::origin_alpha(value[0]) || detail::is_upper(value[0])) return bad(0);
    while (i < value.size() && detail::is_scheme_char(value[i])) {
        if (detail::is_upper(value[i])) return bad(i);
        ++i;
    }
    o.scheme = value.substr(0, i);
    if (value.substr(i, 3) != "://") return bad(i);
    i += 3;
    std::size_t const host_begin = i;
    if (i < value.size() && value[i] == '[') {  // an IPv6 literal
        while (i < value.size() && value[i] != ']') {
            char const c = value[i];
            if (i > host_begin && !(detail::origin_hex(c) || c == ':' || c == '.')) return bad(i);
            ++i;
        }
        if (i == value.size() || i == host_begin + 1) return bad(i);
        ++i;
    } else {
        while (i < value.size() && detail::is_host_char(value[i])) ++i;
    }
    if (i == host_begin) return bad(i);
    o.host = value.substr(host_begin, i - host_begin);
    if (i == value.size()) return o;
    if (value[i] != ':') return bad(i);
    ++i;
    std::size_t const port_begin = i;
    std::uint32_t port = 0;
    while (i < value.size() && detail::origin_digit(value[i]) && i - port_begin < 5) {
        port = port * 10 + static_cast<std::uint32_t>(value[i] - '0');
        ++i;
    }
    if (i == port_begin) return bad(i);
    if (i != value.size()) return bad(i);
    if (port > 65535) return bad(port_begin);
    o.port = static_cast<std::uint16_t>(port);
    return o;
}

/// Visits the field names of an `Access-Control-Request-Headers` value (RFC 9110 §5.6.1
/// `#field-name`: commas with optional whitespace; empty elements are allowed and skipped), in
/// order, as sent. `invalid_header` naming the field, at the first byte that is not a token
/// character or list separator. A browser sends lower-case names; compare them case-insensitively.
template <class Visit>
constexpr result<void> scan_field_name_list(std::string_view value, Visit&& visit) {
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && (detail::is_ows(value[i]) || value[i] == ',')) ++i;
        std::size_t const begin = i;
        while (i < value.size() && detail::is_token_char(value[i])) ++i;
        if (i > begin) visit(value.substr(begin, i - begin));
        while (i < value.size() && detail::is_ows(value[i])) ++i;
        if (i < value.size() && value[i] != ',') return failure(error::invalid_header, i, request_headers_header);
    }
    return {};
}

/// What a request says of CORS: its origin (absent on same-origin and non-browser requests) and,
/// on a preflight, the method and headers the real request will use (views into the headers).
struct cors_request {
    std::optional<serialized_origin> origin;        ///< `Origin`, if sent (§13)
    std::optional<std::string_view> request_method; ///< Access-Control-Request-Method (a token)
    std::string_view request_headers;               ///< Access-Control-Request-Headers, checked; empty = none
    bool options_method = false;                    ///< the request's method is OPTIONS

    /// A CORS preflight (Fetch §4.8): OPTIONS with `Origin` and `Access-Control-Request-Method`.
    constexpr bool preflight() const noexcept { return options_method && origin && request_method; }
};

/// Reads the CORS fields of a request whose method (as on the request line) is `method`. An
/// absent field is absent; a field sent on several lines (with different values), an `Origin`
/// that is not a serialized origin, a request method that is not a token, or a header list that
/// is not one, is `invalid_header` (or `parameters_inconsistent`) naming the field — such a
/// request is never shared. Allocates nothing; throws only what the header source throws.
template <header_source H>
result<cors_request> read_cors_request(std::string_view method, H const& headers) {
    cors_request out;
    out.options_method = method == "OPTIONS";
    auto origin = single_header(headers, origin_header);
    if (!origin) return origin.error();
    if (*origin) {
        auto parsed = parse_origin(**origin);
        if (!parsed) return parsed.error();
        out.origin = *parsed;
    }
    auto asked = single_header(headers, request_method_header);
    if (!asked) return asked.error();
    if (*asked) {
        std::string_view const m = **asked;
        if (m.empty()) return failure(error::invalid_header, 0, request_method_header);
        for (std::size_t i = 0; i < m.size(); ++i)
            if (!detail::is_token_char(m[i])) return failure(error::invalid_header, i, request_method_header);
        out.request_method = m;
    }
    auto listed = single_header(headers, request_headers_header);
    if (!listed) return listed.error();
    if (*listed) {
        if (auto ok = scan_field_name_list(**listed, [](std::string_view) {}); !ok) return ok.error();
        out.request_headers = **listed;
    }
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_CORS_REQUEST_HPP
