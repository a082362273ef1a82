// kayako-proto — the arguments that choose a page of a collection (§7), typed in one place.
//
// `offset` + `limit` on every collection (§7.1); the cursor pair `before_id` / `after_id` (§7.2)
// or the date pair `since` / `until` (§7.3) on the collections that offer it. This header is the
// one owner of their rules; `query_arguments.hpp` (a parsed query), `parse_pagination` (any list of
// decoded arguments) and `request.hpp` (the typed request) all read them through it, so that one
// argument gets one verdict wherever it is read:
//
// | argument      | type               | rule                                                        |
// |---------------|--------------------|-------------------------------------------------------------|
// | `limit`       | `std::uint64_t`    | 1..`max_limit` (1000, §21.14); 0 or absent: `default_limit` (10, §7, §21.17) |
// | `offset`      | `std::uint64_t`    | ≥ 0; 0 when absent (§7.1)                                   |
// | `before_id`, `after_id` | `std::uint64_t` | ≥ 0: a position in ID order, the item need not exist (§7.2); IDs are never negative, so `-5` is refused like a negative `offset` or `limit` (§21.17) |
// | `since`, `until` | `timestamp`     | ISO-8601 or Unix seconds (§3)                               |
//
// A bad value is `integer_out_of_range` (negative, or past the range), `invalid_integer`,
// `empty_value` or a timestamp error, with the offset in the value and the canonical name
// (→ 400 FIELD_INVALID). Names are matched in any letter case and with `[]` (§2.5, §21.15); the
// last of a repeated argument wins, so an earlier bad repeat is no error (§21.15).
//
// Which position arguments a collection takes is known only once the request is routed, so that
// check is its own step (`check_page_positions`): a cursor or date argument the collection does
// not offer is `invalid_name` (→ FIELD_INVALID naming it), and two different ones are
// `conflicting_arguments` naming the second sent (→ 400 ONE_FIELD_EXPECTED, whose `parameters`
// are all of them in the order sent, §7.3).
#ifndef KAYAKO_REQUEST_PAGE_ARGUMENTS_HPP
#define KAYAKO_REQUEST_PAGE_ARGUMENTS_HPP

#include <kayako/core/error.hpp>
#include <kayako/request/form.hpp>
#include <kayako/core/values.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace kayako {

/// The page size when a request names none, or `limit=0` (§7, §21.17). The one definition.
inline constexpr std::uint64_t default_page_limit = 10;
/// The largest `limit` accepted by default (§21.14).
inline constexpr std::uint64_t max_page_limit = 1000;

/// One decoded argument as a list of arguments hands it over: `form_field` (name, value, and where
/// its piece starts in the query), the one pair type of the library. A braced `{name, value}`
/// leaves the offset at 0.
using query_argument = form_field;

/// Which position arguments a collection offers besides `offset` / `limit` (§7: some collections
/// page by cursor, some by date, none by both).
struct page_kinds {
    bool cursor = true;  ///< `before_id` / `after_id`
    bool dates = true;   ///< `since` / `until`
};

/// How `parse_pagination` reads a collection's page arguments (§7, §21.14, §21.17).
struct pagination_options {
    std::uint64_t default_limit = default_page_limit; ///< the page size when `limit` is absent or 0 (§21.17)
    std::uint64_t max_limit = max_page_limit;         ///< §21.14
    bool allow_cursor = true;                         ///< the resource pages by `before_id` / `after_id`
    bool allow_dates = true;                          ///< the resource pages by `since` / `until`

    /// The position arguments these options allow.
    constexpr page_kinds kinds() const noexcept { return {allow_cursor, allow_dates}; }
};

/// The page a request asks for.
struct pagination_arguments {
    std::uint64_t offset = 0;                 ///< `offset`: the first item (§7.1); 0 when absent
    std::uint64_t limit = default_page_limit; ///< `limit`: the page size, 1..`max_limit`; the default when absent or 0 (§21.17)
    std::optional<std::uint64_t> before_id;   ///< `before_id`: items with smaller IDs (§7.2)
    std::optional<std::uint64_t> after_id;    ///< `after_id`: items with larger IDs (§7.2)
    std::optional<timestamp> since;           ///< `since`: items after this date (§7.3)
    std::optional<timestamp> until;           ///< `until`: items before this date (§7.3)

    friend bool operator==(pagination_arguments const&, pagination_arguments const&) = default;
};

/// The six pagination arguments, in the order their values are checked (the first bad one is
/// the error).
enum class page_argument : std::uint8_t { limit, offset, before_id, after_id, since, until };

/// The wire names of the `page_argument` enumerators, in their order.
inline constexpr std::array<std::string_view, 6> page_argument_names = {"limit", "offset", "before_id",
                                                                        "after_id", "since", "until"};

/// The canonical (snake) name of `which`.
constexpr std::string_view name_of(page_argument which) noexcept {
    return page_argument_names[static_cast<std::size_t>(which)];
}

/// True for the four that choose a position (a cursor or a date): at most one per request (§7.3).
constexpr bool is_position_argument(page_argument which) noexcept {
    return which != page_argument::limit && which != page_argument::offset;
}

/// The pagination argument `name` (as sent) is, in any letter case and with or without `[]`
/// (§2.5, §21.15, as `query_arguments` reads every documented name); nothing for any other name.
constexpr std::optional<page_argument> page_argument_named(std::string_view name) noexcept {
    for (std::size_t i = 0; i < page_argument_names.size(); ++i)
        if (form_name_matches(name, page_argument_names[i])) return static_cast<page_argument>(i);
    return std::nullopt;
}

/// Reads `text` as the value of `which` into `page` — the one rule per argument (see the table
/// at the top). `limit` uses `limits.default_limit` / `limits.max_limit`; the kinds in `limits`
/// are not looked at (they are `check_page_positions`'s). Failures carry the offset in `text`
/// and the canonical name.
inline result<void> read_page_value(page_argument which, std::string_view text, pagination_arguments& page,
                                   pagination_options const& limits = {}) noexcept {
    std::string_view const name = name_of(which);
    auto whole = [&]() -> result<std::uint64_t> {
        auto v = parse_integer<std::uint64_t>(text);  // refuses `-5` as integer_out_of_range, reads `-0` as 0
        if (!v) return v.error().of(name);
        return *v;
    };
    auto date = [&]() -> result<timestamp> {
        auto v = parse_timestamp(text);
        if (!v) return v.error().of(name);
        return *v;
    };
    switch (which) {
    case page_argument::limit: {
        auto v = whole();
        if (!v) return v.error();
        if (*v > limits.max_limit) return failure(error::integer_out_of_range, 0, name);
        page.limit = *v == 0 ? limits.default_limit : *v;  // §21.17: 0 asks for the default page
        return {};
    }
    case page_argument::offset:
    case page_argument::before_id:
    case page_argument::after_id: {
        auto v = whole();
        if (!v) return v.error();
        (which == page_argument::offset ? page.offset : which == page_argument::before_id ? page.before_id.emplace() : page.after_id.emplace()) = *v;
        return {};
    }
    case page_argument::since:
    case page_argument::until: {
        auto v = date();
        if (!v) return v.error();
        (which == page_argument::since ? page.since : page.until) = *v;
        return {};
    }
    }
    return {};
}

/// The position arguments a request sent, each once, in the order first sent (at most four).
class sent_positions {
public:
    /// Notes `which` if it is a position argument not seen yet.
    constexpr void add(page_argument which) noexcept {
        if (!is_position_argument(which)) return;
        for (std::size_t i = 0; i < size_; ++i)
            if (kinds_[i] == which) return;
        kinds_[size_++] = which;
    }
    /// The arguments sent, in the order first sent.
    constexpr std::span<page_argument const> kinds() const noexcept { return {kinds_.data(), size_}; }
    /// Their canonical names (static strings), for ONE_FIELD_EXPECTED's `parameters`.
    constexpr std::array<std::string_view, 4> names() const noexcept {
        std::array<std::string_view, 4> out{};
        for (std::size_t i = 0; i < size_; ++i) out[i] = name_of(kinds_[i]);
        return out;
    }
    /// How many position arguments were sent (0..4).
    constexpr std::size_t size() const noexcept { return size_; }

private:
    std::array<page_argument, 4> kinds_{};
    std::size_t size_ = 0;
};

/// The §7 rule over the position arguments sent, for a collection that offers `kinds`: each must
/// be offered (`invalid_name` naming the first that is not), and at most one kind may be sent
/// (`conflicting_arguments` naming the second, → ONE_FIELD_EXPECTED). The offset is 0: the rule
/// is about the arguments together, not about a byte of one.
constexpr result<void> check_page_positions(sent_positions const& sent, page_kinds kinds) noexcept {
    std::optional<page_argument> position;
    for (page_argument const which : sent.kinds()) {
        bool const cursor = which == page_argument::before_id || which == page_argument::after_id;
        if (cursor ? !kinds.cursor : !kinds.dates) return failure(error::invalid_name, 0, name_of(which));
        if (position) return failure(error::conflicting_arguments, 0, name_of(which));
        position = which;
    }
    return {};
}

/// Reads the pagination arguments among `arguments` (see the top: names in any letter case, with
/// or without `[]`, the last of a repeat wins, other arguments ignored). The values are checked
/// first (limit, offset, before_id, after_id, since, until: the first bad one is the error), then
/// the positions against `opt`'s kinds. `api_error_for` turns the failures into `FIELD_INVALID`
/// / `ONE_FIELD_EXPECTED` (whose `parameters` `position_arguments` gives).
inline result<pagination_arguments> parse_pagination(std::span<query_argument const> arguments,
                                                     pagination_options const& opt = {}) noexcept {
    std::array<std::optional<std::string_view>, page_argument_names.size()> last{};
    sent_positions sent;
    for (auto const& a : arguments) {
        auto const which = page_argument_named(a.name);
        if (!which) continue;
        last[static_cast<std::size_t>(*which)] = a.value;
        sent.add(*which);
    }
    pagination_arguments out;
    out.limit = opt.default_limit;
    for (std::size_t i = 0; i < last.size(); ++i)
        if (last[i])
            if (auto r = read_page_value(static_cast<page_argument>(i), *last[i], out, opt); !r) return r.error();
    if (auto r = check_page_positions(sent, opt.kinds()); !r) return r.error();
    return out;
}

/// The cursor and date arguments among `arguments` (`before_id`, `after_id`, `since`, `until`),
/// canonically spelled, each once, in the order first sent: what a `400 ONE_FIELD_EXPECTED` names
/// in `parameters` when `parse_pagination` fails with `conflicting_arguments` (§7.3; the
/// reference's example is `["until","since"]`). The views are of static names. Throws only
/// `std::bad_alloc`.
inline std::vector<std::string_view> position_arguments(std::span<query_argument const> arguments) {
    sent_positions sent;
    for (auto const& a : arguments)
        if (auto const which = page_argument_named(a.name)) sent.add(*which);
    auto const names = sent.names();
    return std::vector<std::string_view>(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(sent.size()));
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_PAGE_ARGUMENTS_HPP
