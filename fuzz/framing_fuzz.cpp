// Fuzzes the request framing check (framing.hpp, §21.23). The input is a request head in a
// compact form: the first byte's low bit picks HTTP/1.0 or 1.1; the rest is split at '\n' into
// header lines, each line's first byte picking its name (Transfer-Encoding, Content-Length,
// Host, Connection, or another) and the remaining bytes being its value. Properties checked:
// * a result is never two framings at once: `chunked` or `none` carries no length, and each
//   framing matches the headers present (chunked needs Transfer-Encoding in HTTP/1.1 without
//   Content-Length; a length needs Content-Length without Transfer-Encoding);
// * Transfer-Encoding is accepted exactly when its lines, joined, are one `chunked` element, and a
//   length is accepted exactly when every element of the joined lines is the same 1*DIGIT value;
// * an accepted HTTP/1.1 head has exactly one Host line;
// * a failure is `invalid_framing` naming one of the three headers, its offset inside the
//   header's joined lines (or none);
// * without Connection lines, HTTP/1.1 keeps the connection and HTTP/1.0 closes it.
#include <kayako/request/framing.hpp>
#include <kayako/request/headers.hpp>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using fields = std::vector<std::pair<std::string_view, std::string_view>>;

constexpr std::string_view names[] = {"Transfer-Encoding", "Content-Length", "Host", "Connection", "X-Other"};

std::vector<std::string_view> split(std::string_view text, char at) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        std::size_t const end = text.find(at, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

std::size_t count(fields const& head, std::string_view name) {
    std::size_t n = 0;
    for (auto const& field : head) n += field.first == name;
    return n;
}

/// The oracle for Content-Length: every element of the joined lines the same 1*DIGIT value.
std::optional<std::uint64_t> expected_length(std::string_view joined) {
    std::optional<std::uint64_t> length;
    for (std::string_view element : split(joined, ',')) {
        element = kayako::trim_ows(element);
        if (element.empty()) return std::nullopt;
        std::uint64_t value = 0;
        for (char c : element) {
            if (c < '0' || c > '9') return std::nullopt;
            unsigned const digit = static_cast<unsigned>(c - '0');
            if (__builtin_mul_overflow(value, 10u, &value) || __builtin_add_overflow(value, digit, &value))
                return std::nullopt;
        }
        if (length && *length != value) return std::nullopt;
        length = value;
    }
    return length;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    auto const version = (data[0] & 1) ? kayako::http_version::http_1_1 : kayako::http_version::http_1_0;
    std::string_view const text(reinterpret_cast<char const*>(data) + 1, size - 1);

    fields head;
    for (std::string_view line : split(text, '\n')) {
        if (line.empty()) continue;
        head.emplace_back(names[static_cast<unsigned char>(line[0]) % std::size(names)], line.substr(1));
    }
    kayako::pair_headers<fields> const source(head);
    auto const r = kayako::check_request_framing(source, version);

    std::string storage;
    auto joined = [&](std::string_view name) {
        storage.clear();
        return kayako::folded_header(source, name, storage).value_or(std::string_view{});
    };
    std::size_t const te = count(head, "Transfer-Encoding"), cl = count(head, "Content-Length");
    std::size_t const hosts = count(head, "Host");

    if (r) {
        switch (r->body) {
        case kayako::body_framing::none:
            if (r->content_length != 0 || te || cl) std::abort();
            break;
        case kayako::body_framing::chunked:
            if (r->content_length != 0 || !te || cl || version != kayako::http_version::http_1_1) std::abort();
            if (!kayako::detail::ascii_iequals(joined("Transfer-Encoding"), "chunked")) std::abort();
            break;
        case kayako::body_framing::content_length:
            if (te || !cl) std::abort();
            if (expected_length(joined("Content-Length")) != r->content_length) std::abort();
            break;
        default: std::abort();
        }
        if (version == kayako::http_version::http_1_1 && hosts != 1) std::abort();
        if (hosts > 1) std::abort();
        if (count(head, "Connection") == 0 && r->close_after != (version == kayako::http_version::http_1_0)) std::abort();
        return 0;
    }

    kayako::failure const& f = r.error();
    if (f.code != kayako::error::invalid_framing) std::abort();
    if (f.parameter != "Transfer-Encoding" && f.parameter != "Content-Length" && f.parameter != "Host") std::abort();
    if (count(head, f.parameter) == 0 && !(f.parameter == "Host" && version == kayako::http_version::http_1_1)) std::abort();
    if (f.has_offset() && f.offset > joined(f.parameter).size()) std::abort();
    // The oracles, where the header decides alone: Transfer-Encoding in HTTP/1.1 without
    // Content-Length, and Content-Length without Transfer-Encoding.
    if (f.parameter == "Transfer-Encoding" && version == kayako::http_version::http_1_1 && !cl &&
        kayako::detail::ascii_iequals(joined("Transfer-Encoding"), "chunked"))
        std::abort();
    if (f.parameter == "Content-Length" && (te || expected_length(joined("Content-Length")))) std::abort();
    return 0;
}
