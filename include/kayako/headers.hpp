// kayako-proto — how the library reads request headers from any HTTP stack.
//
// The library never owns a header map. A *header source* is any callable `h(name, visit)` that
// calls `visit(value)` once for every field line named `name` (ASCII case-insensitively), in the
// order received, with the field value as a `std::string_view` (surrounding whitespace may be
// left in; readers trim it). Beast, cpp-httplib, a test's vector of pairs: each is a few lines of
// adapter and no copy. RFC 9110 §5.3: several lines of one field are one comma-separated list.
#ifndef KAYAKO_HEADERS_HPP
#define KAYAKO_HEADERS_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// A callable that visits every value of the header lines named `name`.
template <class H>
concept header_source = requires(H const& h, std::string_view name, void (*visit)(std::string_view)) {
    h(name, visit);
};

/// ASCII case-insensitive equality of header names.
constexpr bool header_name_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/// Optional whitespace (SP, HTAB) trimmed from both ends (RFC 9110 §5.6.3).
constexpr std::string_view trim_ows(std::string_view v) noexcept {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

/// A header source over any range of name/value pairs (a vector of pairs, a multimap, ...).
template <class Range>
class pair_headers {
public:
    constexpr explicit pair_headers(Range const& fields) noexcept : fields_(&fields) {}
    template <class Visit>
    constexpr void operator()(std::string_view name, Visit&& visit) const {
        for (auto const& [n, v] : *fields_)
            if (header_name_equal(n, name)) visit(std::string_view(v));
    }

private:
    Range const* fields_;
};

/// The value of a header that must appear once: nothing when absent, the trimmed value of the
/// only line, or — when it arrived on several lines — the lines joined with ", " in `storage`
/// (RFC 9110 §5.3), which the returned view then points into.
template <header_source H>
std::optional<std::string_view> folded_header(H const& headers, std::string_view name, std::string& storage) {
    std::optional<std::string_view> first;
    std::size_t lines = 0;
    headers(name, [&](std::string_view v) {
        v = trim_ows(v);
        if (lines++ == 0) {
            first = v;
            return;
        }
        if (lines == 2) storage.assign(first->data(), first->size());
        storage += ", ";
        storage.append(v.data(), v.size());
    });
    if (lines <= 1) return first;
    return std::string_view(storage);
}

}  // namespace kayako

#endif  // KAYAKO_HEADERS_HPP
