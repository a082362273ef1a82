// kayako-proto — the API path of a request target (§1, §2.5, §21.16).
//
// `/api/v1[/<app>]/<resource>[/<id>][/<more>...]`: the optional app, the resource, the id and any
// further segments, percent-decoded and checked (no `..`, no `%2F` smuggled into a segment, no
// NUL), runs of `/` read as one (§21.16), the `.json` suffix removed and remembered. Allocates
// nothing for paths up to 256 decoded bytes; the parsed path holds views into the target.
//
// The path's own errors (§1, §14, §15; statuses §21.12), in the order they are checked:
//
// | path                         | failure                 | wire                                  |
// |------------------------------|-------------------------|---------------------------------------|
// | `/api`, `/api/tests`, `/api/V1/tests` | version_missing | 400 URL_VERSION_MISSING (no `v<digits>` segment) |
// | `/api/v2/tests`, `/api/v01/tests`  | version_not_supported | 400 VERSION_NOT_SUPPORTED (`v1` only) |
// | a segment past `max_segments` (16) | too_many_segments | 400 URL_TOO_MANY_SEGMENTS           |
// | `/api/v1`, `..`, `%2F` in a segment, a bad name | invalid_target | 404 URL_RESOURCE_MISSING   |
// | `/api/v1/helpdesk/tests`, `/api/v1/tests/1/frobnicate` | app_not_found, action_not_available | 400 APP_NOT_FOUND, RESOURCE_ACTION_NOT_AVAILABLE, with `target_options::routes` (`api_routes.hpp`) |
//
// Each failure's offset is where the offending segment starts in the target. The legacy
// `index.php?/v1/...` form (§1) is read by the same rules.
// `request_target.hpp` finds the route in a whole target (and the legacy `index.php?/v1/...`
// form) and calls `parse_api_path_into`.
#ifndef KAYAKO_REQUEST_API_PATH_HPP
#define KAYAKO_REQUEST_API_PATH_HPP

#include <kayako/detail/ascii.hpp>
#include <kayako/detail/inline_storage.hpp>
#include <kayako/detail/percent_decoding.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/request/api_routes.hpp>
#include <kayako/request/target_options.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kayako {

/// The API path of a request target: `/api/v1[/<app>]/<resource>[/<id>][/<more>...]` (§1).
/// Segments are percent-decoded (`+` stays `+`). Holds views into the target: keep it alive.
class api_path {
public:
    api_path() = default;

    /// The app (`base` in `/api/v1/base/user/1`), or empty.
    std::string_view app() const noexcept { return app_ ? segment_text(0) : std::string_view{}; }
    /// The resource: the first segment after the app.
    std::string_view resource() const noexcept { return segment(0); }
    /// The segment after the resource, if any (an id, or an action such as `/api/v1/me`'s none).
    std::optional<std::string_view> id() const noexcept {
        if (size() < 2) return std::nullopt;
        return segment(1);
    }
    /// The id read as an integer; `missing_parameter` when there is none.
    result<std::int64_t> numeric_id() const noexcept {
        if (size() < 2) return failure(error::missing_parameter, failure::no_offset, "id");
        auto v = parse_integer<std::int64_t>(segment(1));
        if (!v) return v.error().of("id");
        return v;
    }
    /// The segments after the app: resource, id, sub-resources...
    std::size_t size() const noexcept { return count_ - (app_ ? 1 : 0); }
    /// Segment `i` after the app (`i < size()`): 0 is the resource, 1 the id or action, …
    std::string_view segment(std::size_t i) const noexcept { return segment_text(i + (app_ ? 1 : 0)); }
    /// True when the last segment carried `.json` (removed from it).
    bool json_suffix() const noexcept { return json_; }
    /// True for the legacy `index.php?/v1/...` form.
    bool legacy() const noexcept { return legacy_; }
    /// The entry of `target_options::routes` the path reached (`api_routes.hpp`), or null: no
    /// routes given, or a resource not among them.
    api_resource const* route() const noexcept { return route_; }

private:
    friend class request_target;
    friend result<void> parse_api_path_into(api_path&, std::string_view, std::size_t, bool, target_options const&);

    std::string_view segment_text(std::size_t i) const noexcept {
        detail::text_ref const r = segments_[i];
        return {(r.in_buffer() ? buffer_.data() : target_.data()) + r.offset(), r.size};
    }

    std::string_view target_;
    detail::inline_buffer<256> buffer_;
    std::array<detail::text_ref, 32> segments_{};
    std::array<std::uint32_t, 32> starts_{};  // where each segment starts in the target
    std::size_t count_ = 0;
    api_resource const* route_ = nullptr;
    bool app_ = false;
    bool json_ = false;
    bool legacy_ = false;
};

namespace detail {
/// A character of a resource or app name (§2.5 names: `[A-Za-z0-9_]`).
constexpr bool is_name_character(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
/// What a byte of a path segment is, as bits: `path_needs_decoding` (`%`, NUL, bytes >= 0x80;
/// `+` is itself in a path), `path_separator` (`/`, `\\`), `path_not_name` (outside
/// `[A-Za-z0-9_]`). One table lookup a byte lets one pass over a segment decide all three.
enum path_byte_class : unsigned char { path_needs_decoding = 1, path_separator = 2, path_not_name = 4 };
inline constexpr std::array<unsigned char, 256> path_byte_classes = [] {
    std::array<unsigned char, 256> t{};
    for (int b = 0; b < 256; ++b) {
        if (!is_name_character(static_cast<char>(b))) t[b] |= path_not_name;
        if (b == '%' || b == 0 || b >= 0x80) t[b] |= path_needs_decoding;
        if (b == '/' || b == '\\') t[b] |= path_separator;
    }
    return t;
}();
/// The classes of the bytes of `text`, or-ed together.
constexpr unsigned path_classes_of(std::string_view text) noexcept {
    unsigned classes = 0;  // no branch a byte: segments are short
    for (char c : text) classes |= path_byte_classes[static_cast<unsigned char>(c)];
    return classes;
}
/// The position after the run of `/` that starts at `from` (`from` itself when there is none).
constexpr std::size_t skip_slashes(std::string_view text, std::size_t from) noexcept {
    while (from < text.size() && text[from] == '/') ++from;
    return from;
}
/// A version segment (§14): `v` and one or more decimal digits (`v1`, `v2`, `v01`).
constexpr bool is_version_segment(std::string_view segment) noexcept {
    if (segment.size() < 2 || segment[0] != 'v') return false;
    for (char c : segment.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}
/// True when `path` is `pattern` once every run of `/` in it is read as one `/` (§21.16).
/// The comparison stops at the first difference: for most paths within a few bytes.
constexpr bool path_equals_collapsed(std::string_view path, std::string_view pattern) noexcept {
    std::size_t i = 0;
    for (char const c : pattern) {
        if (i == path.size() || path[i] != c) return false;
        i = c == '/' ? skip_slashes(path, i) : i + 1;
    }
    return i == path.size();
}
}  // namespace detail

/// Reads the route `route` — `/v1/...` after `/api` — found at `base` in `target` into `out`.
inline result<void> parse_api_path_into(api_path& out, std::string_view target, std::size_t base, bool legacy,
                                        target_options const& options) {
    std::string_view const route = target.substr(base);
    out.target_ = target;
    out.count_ = 0;
    out.app_ = out.json_ = false;
    out.route_ = nullptr;
    out.legacy_ = legacy;
    if (route.size() > options.max_path_size) return failure(error::too_long, base + options.max_path_size);
    if (target.size() >= detail::text_ref::buffer_bit) return failure(error::too_long, detail::text_ref::buffer_bit - 1);
    // `/v1`, then `/segment`s; a run of `/` is one separator (§21.16). The version is the first
    // segment: `v` and digits is a version, served only as `v1` (§14); anything else there —
    // a resource (`/api/tests`), nothing (`/api`) — leaves the version out.
    std::size_t pos = detail::skip_slashes(route, 0);
    std::size_t const version_end = std::min(route.find('/', pos), route.size());
    std::string_view const version = route.substr(pos, version_end - pos);
    if (!detail::is_version_segment(version)) return failure(error::version_missing, base + pos);
    if (version != "v1") return failure(error::version_not_supported, base + pos);
    pos = version_end + 1;  // after "v1/"
    std::size_t const max_segments = options.max_segments < out.segments_.size() ? options.max_segments : out.segments_.size();
    out.buffer_.reserve(route.size());
    std::size_t used = 0;
    while (pos <= route.size()) {
        std::size_t slash = route.find('/', pos);
        if (slash == std::string_view::npos) slash = route.size();
        std::string_view const raw = route.substr(pos, slash - pos);
        std::size_t const at = base + pos;
        if (raw.empty()) {  // `//` (the Java SDK sends them) or trailing slashes: no segment
            if (slash == route.size()) break;
            pos = slash + 1;
            continue;
        }
        if (out.count_ == max_segments) return failure(error::too_many_segments, at);
        detail::text_ref ref = detail::text_ref::in_target(at, raw.size());
        std::string_view decoded = raw;
        unsigned classes = detail::path_classes_of(raw);
        if (classes & detail::path_needs_decoding) {
            auto n = detail::percent_decode(raw, out.buffer_.data() + used, {true, false});
            if (!n) return failure(error::invalid_target, at + n.error().offset);
            decoded = std::string_view(out.buffer_.data() + used, *n);
            ref = detail::text_ref::in_decode_buffer(used, *n);
            used += *n;
            classes = detail::path_classes_of(decoded);
        }
        // A decoded segment must still be one segment, and never climb.
        if ((classes & detail::path_separator) || decoded == "." || decoded == "..") return failure(error::invalid_target, at);
        out.starts_[out.count_] = static_cast<std::uint32_t>(at);
        out.segments_[out.count_++] = ref;
        out.buffer_.set_used(used);  // copies of the path copy what is in use
        pos = slash + 1;
        if (slash == route.size()) break;
    }
    if (out.count_ == 0) return failure(error::invalid_target, base + route.size());
    // `.json` on the last segment selects the (only) format; it is not part of the name.
    {
        detail::text_ref& last = out.segments_[out.count_ - 1];
        std::string_view const text = out.segment_text(out.count_ - 1);
        if (text.size() > 5 && (text.ends_with(".json") || detail::ascii_iequals(text.substr(text.size() - 5), ".json"))) {
            last.size -= 5;
            out.json_ = true;
        } else if (detail::ascii_iequals(text, ".json")) {
            return failure(error::invalid_target, target.size());
        }
    }
    // An app is recognised only where a resource follows it.
    if (out.count_ >= 2)
        for (std::string_view app : options.apps)
            if (out.segment_text(0) == app) out.app_ = true;
    // Resource and app names are `[A-Za-z0-9_]+` (§2.5 names); ids may be anything decoded.
    std::size_t const named = out.app_ ? 2 : 1;
    for (std::size_t i = 0; i < named; ++i) {
        detail::text_ref const r = out.segments_[i];
        std::string_view const text = out.segment_text(i);
        if (detail::path_classes_of(text) & detail::path_not_name)  // rare: find the byte
            for (std::size_t k = 0; k < text.size(); ++k)
                if (!detail::is_name_character(text[k])) return failure(error::invalid_target, r.in_buffer() ? out.starts_[i] : r.offset() + k);
        if (text.empty()) return failure(error::invalid_target, out.starts_[i]);
    }
    // The routes the server gave: an app it does not have, an action a resource does not have.
    if (!options.routes.empty()) {
        std::array<std::string_view, 32> names;
        for (std::size_t i = 0; i < out.count_; ++i) names[i] = out.segment_text(i);
        auto matched = match_api_route({names.data(), out.count_}, out.app_, options.routes);
        if (!matched) return failure(matched.error().code, out.starts_[matched.error().offset]);
        out.route_ = *matched;
    }
    return {};
}
}  // namespace kayako

#endif  // KAYAKO_REQUEST_API_PATH_HPP
