// kayako-proto — the client side of a request target: `target_builder` (§1, §2.2, §17, §21.1, §21.16).
//
// Writes `/api/v1[/<app>]/<resource>[/<segment>...][?<arguments>]` from typed arguments: values
// are form-encoded (space `+`, a literal `+` is `%2B`, §21.1), path segments percent-encoded so
// that nothing in them can split or climb the path. `parse_target` (request_target.hpp) gives back
// what was put in.
#ifndef KAYAKO_REQUEST_TARGET_BUILDER_HPP
#define KAYAKO_REQUEST_TARGET_BUILDER_HPP

#include <kayako/detail/percent_encoding.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>
#include <kayako/request/form.hpp>

#include <array>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kayako {

/// Writes a request target from typed arguments:
///
///     kayako::target_builder b("tests");
///     b.id(1).add("_case", kayako::letter_case::camel).add("limit", 5);
///     send(b.str());   // "/api/v1/tests/1?_case=camel&limit=5"
///
/// Values are form-encoded (space → `+`, literal `+` → `%2B`, §21.1); path segments are
/// percent-encoded so that nothing in them can split or climb the path.
class target_builder {
public:
    /// `/api/v1[/<app>]/<resource>`.
    explicit target_builder(std::string_view resource, std::string_view app = {}) {
        path_ = "/api/v1";
        if (!app.empty()) segment(app);
        segment(resource);
    }

    /// Appends one path segment (an id, a sub-resource...). Everything is escaped, but a segment
    /// holding `/` or `\`, or being `.` or `..`, is refused by `parse_target` (and by servers).
    /// An empty segment appends nothing: servers read `//` as `/` (§21.16), so it could not
    /// arrive, and a client never writes `//`.
    target_builder& segment(std::string_view s) {
        if (s.empty()) return *this;
        if (json_suffix_) path_.resize(path_.size() - json_suffix_text.size());
        path_ += '/';
        detail::append_path_segment_encoded(path_, s);
        if (json_suffix_) path_ += json_suffix_text;
        return *this;
    }

    /// Writes the optional `.json` suffix on the last segment (§1: `/api/v1/tests/1.json`, the
    /// form servers use in their own links, §7.4). Once: a second call changes nothing, and
    /// segments appended later carry it on the new last segment.
    target_builder& json_suffix() {
        if (!json_suffix_) path_ += json_suffix_text;
        json_suffix_ = true;
        return *this;
    }
    /// Appends a resource id as a segment (`/tests/42`).
    target_builder& id(std::int64_t id) {
        char digits[24];
        auto const r = std::to_chars(digits, digits + sizeof digits, id);
        return segment(std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
    }

    /// Appends `name=value`, form-encoded (a literal `+` as `%2B`, §21.1).
    target_builder& add(std::string_view name, std::string_view value) {
        append_form_field(query_, name, value);
        return *this;
    }
    /// The same for a C string.
    target_builder& add(std::string_view name, char const* value) { return add(name, std::string_view(value)); }
    /// `true` or `false` (§3).
    target_builder& add(std::string_view name, bool value) { return add(name, std::string_view(value ? "true" : "false")); }
    /// An integer, in decimal (§3).
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    target_builder& add(std::string_view name, T value) {
        char digits[24];
        auto const r = std::to_chars(digits, digits + sizeof digits, value);
        return add(name, std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
    }
    /// ISO-8601, in the timestamp's own offset.
    target_builder& add(std::string_view name, timestamp value) {
        std::array<char, timestamp_length> text{};
        format_timestamp(value, text);
        return add(name, std::string_view(text.data(), text.size()));
    }
    /// `_case`'s values: `snake`, `camel`, `pascal` (§6.1).
    target_builder& add(std::string_view name, kayako::letter_case value) { return add(name, to_string(value)); }

    /// A list argument; see `append_form_list` (comma style refuses items with commas).
    result<void> add_list(std::string_view name, std::span<std::string_view const> items, array_style style = array_style::comma) {
        return append_form_list(query_, name, items, style);
    }
    /// Integers as a list (`ids=1,2,3`).
    target_builder& add_list(std::string_view name, std::span<std::int64_t const> items, array_style style = array_style::comma) {
        if (items.empty()) return *this;
        std::string joined;
        for (std::size_t i = 0; i < items.size(); ++i) {
            char digits[24];
            auto const r = std::to_chars(digits, digits + sizeof digits, items[i]);
            if (style == array_style::brackets) {
                if (!query_.empty()) query_ += '&';
                detail::append_form_encoded(query_, name);
                query_ += "%5B%5D=";
                query_.append(digits, r.ptr);
                continue;
            }
            if (i) joined += ',';
            joined.append(digits, r.ptr);
        }
        if (style == array_style::comma) add(name, joined);
        return *this;
    }

    /// The path and, when there are arguments, `?` and the query.
    std::string str() const {
        if (query_.empty()) return path_;
        std::string out;
        out.reserve(path_.size() + 1 + query_.size());
        out += path_;
        out += '?';
        out += query_;
        return out;
    }
    /// The path alone, encoded.
    std::string_view path() const noexcept { return path_; }
    /// The query alone, without `?`.
    std::string_view query() const noexcept { return query_; }

private:
    static constexpr std::string_view json_suffix_text = ".json";
    std::string path_;
    std::string query_;
    bool json_suffix_ = false;
};
}  // namespace kayako

#endif  // KAYAKO_REQUEST_TARGET_BUILDER_HPP
