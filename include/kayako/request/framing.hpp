// kayako-proto — HTTP/1.x request framing, for servers built on any transport (§21.23; RFC 9112
// §3.2, §6.1, §6.3, §9.3).
//
// Where a request's body ends is said by `Transfer-Encoding` or `Content-Length`. When two
// parsers on the way (a proxy, the server) can read those headers differently, the body of one
// request becomes the next request for the other: request smuggling. `check_request_framing` is
// what a transport calls after it has read a request head and before it reads any body. It says
// how the body is framed and whether the connection closes after the response, or it refuses the
// request with `invalid_framing` (→ 400 PARAMETER_INVALID) naming the header. A refused request
// is answered and its connection closed: where the next request would start is unknown.
//
// | header            | accepted                                 | refused (offset)                            |
// |-------------------|------------------------------------------|---------------------------------------------|
// | Transfer-Encoding | exactly one coding, `chunked` in any     | another coding, a second coding, an empty   |
// |                   | letter case, over all its lines          | element, parameters (at the element); in    |
// |                   | (RFC 9110 §5.3)                          | HTTP/1.0, or with Content-Length (none)     |
// | Content-Length    | 1*DIGIT that fits 64 bits; a list or     | a sign, a space, `0x`, an empty element (at |
// |                   | lines of one value (`5, 5`, RFC 9110     | the byte); overflow, a different value (at  |
// |                   | §8.6)                                    | the element)                                |
// | Host              | one line, possibly empty (RFC 9112 §3.2) | missing in HTTP/1.1 (none); a second line   |
// |                   |                                          | (where it starts); a CTL, SP, HTAB, DEL or  |
// |                   |                                          | one of `, / ? # @ \` (at the byte)          |
//
// Stricter than a plain list reader on purpose: RFC 9110 §5.6.1 asks recipients to skip empty
// list elements, but in a framing header an element one parser skips and another does not is
// exactly the disagreement smuggling needs, so here an empty element is refused. A Host holding a
// list, whitespace, a path, userinfo or a backslash names no single authority (RFC 9110 §7.2).
//
// Offsets are into the field's lines, each trimmed of optional whitespace and joined with ", "
// (what `folded_header` returns): one number locates the byte whether the field came on one line
// or on several. A failure that is about the field as a whole has no offset.
#ifndef KAYAKO_REQUEST_FRAMING_HPP
#define KAYAKO_REQUEST_FRAMING_HPP

#include <kayako/detail/http_grammar.hpp>
#include <kayako/core/error.hpp>
#include <kayako/request/headers.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace kayako {

/// The protocol version of a request line. HTTP/1.2 and later minors read as 1.1, the highest
/// this library knows (RFC 9112 §2.5); versions before 1.1 as 1.0.
enum class http_version : unsigned char { http_1_0, http_1_1 };

/// How a request's body is delimited (RFC 9112 §6.3).
enum class body_framing : unsigned char {
    none,            ///< neither header: the request has no body
    content_length,  ///< `request_framing::content_length` bytes follow the head
    chunked,         ///< the chunked coding of RFC 9112 §7.1
};

/// What `check_request_framing` found in an acceptable request head.
struct request_framing {
    body_framing body = body_framing::none; ///< how the body is delimited: none, `Content-Length` or chunked (RFC 9112 §6)
    std::uint64_t content_length = 0;       ///< the body's size when `body` is `content_length`, else 0
    /// The connection closes after the response: `Connection: close`, or HTTP/1.0 without
    /// `Connection: keep-alive` (RFC 9112 §9.3).
    bool close_after = false;
    friend constexpr bool operator==(request_framing const&, request_framing const&) noexcept = default;
};

namespace detail {

/// Calls `element(text, offset)` for every element of a list-valued field, over all its lines
/// read as one list (RFC 9110 §5.3), in order and trimmed — empty elements included, since the
/// framing rules refuse them. `offset` is into the lines trimmed and joined with ", ".
template <header_source H, class Element>
constexpr void for_each_framing_element(H const& headers, std::string_view name, Element&& element) {
    std::size_t base = 0;
    bool first_line = true;
    headers(name, [&](std::string_view line) {
        line = trim_ows(line);
        if (!first_line) base += 2;  // the ", " that joins it to the line before
        first_line = false;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= line.size(); ++i) {
            if (i < line.size() && line[i] != ',') continue;
            std::string_view const raw = line.substr(start, i - start);
            std::size_t lead = 0;
            while (lead < raw.size() && is_ows(raw[lead])) ++lead;
            element(trim_ows(raw), base + start + lead);
            start = i + 1;
        }
        base += line.size();
    });
}

template <header_source H>
constexpr bool has_field(H const& headers, std::string_view name) {
    bool present = false;
    headers(name, [&](std::string_view) { present = true; });
    return present;
}

constexpr failure framing_failure(std::size_t at, std::string_view header) noexcept {
    return failure(error::invalid_framing, at, header);
}

/// `Transfer-Encoding`: one element in all, and that element `chunked`.
template <header_source H>
constexpr std::optional<failure> check_transfer_encoding(H const& headers) {
    std::optional<failure> refused;
    std::size_t codings = 0;
    for_each_framing_element(headers, "Transfer-Encoding", [&](std::string_view coding, std::size_t at) {
        if (refused) return;
        // A second coding is refused even when the first was `chunked` (`chunked, gzip` leaves
        // the body's end to a coding this server does not read; `chunked, chunked` is ambiguous).
        if (codings++ > 0 || !ascii_iequals(coding, "chunked")) refused = framing_failure(at, "Transfer-Encoding");
    });
    return refused;
}

/// One `Content-Length` element: 1*DIGIT that fits 64 bits.
constexpr result<std::uint64_t> parse_content_length(std::string_view digits, std::size_t at) noexcept {
    if (digits.empty()) return framing_failure(at, "Content-Length");
    std::uint64_t value = 0;
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t i = 0; i < digits.size(); ++i) {
        char const c = digits[i];
        if (c < '0' || c > '9') return framing_failure(at + i, "Content-Length");
        auto const digit = static_cast<std::uint64_t>(c - '0');
        if (value > (max - digit) / 10) return framing_failure(at, "Content-Length");
        value = value * 10 + digit;
    }
    return value;
}

/// `Content-Length` over all its lines: every element valid and all of them the same value.
template <header_source H>
constexpr result<std::uint64_t> read_content_length(H const& headers) {
    std::optional<failure> refused;
    std::optional<std::uint64_t> length;
    for_each_framing_element(headers, "Content-Length", [&](std::string_view digits, std::size_t at) {
        if (refused) return;
        auto const value = parse_content_length(digits, at);
        if (!value) refused = value.error();
        else if (length && *length != *value) refused = framing_failure(at, "Content-Length");
        else length = *value;
    });
    if (refused) return *refused;
    if (!length) return framing_failure(failure::no_offset, "Content-Length");  // a source that visits nothing
    return *length;
}

/// A byte that cannot be part of a single `uri-host [":" port]` (RFC 9110 §7.2), or that makes
/// two readers disagree on the authority.
constexpr bool is_refused_in_host(char ch) noexcept {
    auto const c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) return true;  // CTL, SP (HTAB is a CTL)
    switch (ch) {
    case ',': case '/': case '?': case '#': case '@': case '\\': return true;
    default: return false;
    }
}

/// `Host`: at most one line, of an acceptable value; required in HTTP/1.1.
template <header_source H>
constexpr std::optional<failure> check_host(H const& headers, http_version version) {
    std::optional<failure> refused;
    std::size_t lines = 0;
    std::size_t first_size = 0;
    headers("Host", [&](std::string_view line) {
        line = trim_ows(line);
        if (refused) return;
        if (lines++ > 0) {
            refused = framing_failure(first_size + 2, "Host");  // where the second line starts once joined
            return;
        }
        first_size = line.size();
        for (std::size_t i = 0; i < line.size(); ++i)
            if (is_refused_in_host(line[i])) {
                refused = framing_failure(i, "Host");
                return;
            }
    });
    if (refused) return refused;
    if (lines == 0 && version == http_version::http_1_1) return framing_failure(failure::no_offset, "Host");
    return std::nullopt;
}

/// RFC 9112 §9.3: `close` ends the connection in any version; HTTP/1.0 keeps it only when asked.
template <header_source H>
constexpr bool closes_after_response(H const& headers, http_version version) {
    bool close = false, keep_alive = false;
    headers("Connection", [&](std::string_view value) {
        for_each_list_element(value, [&](std::string_view option) {
            if (ascii_iequals(option, "close")) close = true;
            else if (ascii_iequals(option, "keep-alive")) keep_alive = true;
        });
    });
    return close || (version == http_version::http_1_0 && !keep_alive);
}

}  // namespace detail

/// The framing check of §21.23, over the head of one request: how its body is delimited and
/// whether the connection closes after the response — or `invalid_framing` naming
/// `Transfer-Encoding`, `Content-Length` or `Host`, with the offset of the offending element or
/// byte (see the table at the top of this header). Checked in that order: Transfer-Encoding
/// (present in HTTP/1.0, or together with Content-Length, is refused without an offset),
/// Content-Length, Host. On a failure the server answers 400 and closes the connection without
/// reading a body. Allocates nothing; throws only what the header source throws.
template <header_source H>
constexpr result<request_framing> check_request_framing(H const& headers, http_version version) {
    request_framing framing;
    if (detail::has_field(headers, "Transfer-Encoding")) {
        // RFC 9112 §6.1: an HTTP/1.0 recipient may not know chunked at all, and a request with
        // both headers is the classic smuggling shape; a server may refuse both, and does.
        if (version == http_version::http_1_0 || detail::has_field(headers, "Content-Length"))
            return detail::framing_failure(failure::no_offset, "Transfer-Encoding");
        if (auto refused = detail::check_transfer_encoding(headers)) return *refused;
        framing.body = body_framing::chunked;
    } else if (detail::has_field(headers, "Content-Length")) {
        auto const length = detail::read_content_length(headers);
        if (!length) return length.error();
        framing.body = body_framing::content_length;
        framing.content_length = *length;
    }
    if (auto refused = detail::check_host(headers, version)) return *refused;
    framing.close_after = detail::closes_after_response(headers, version);
    return framing;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_FRAMING_HPP
