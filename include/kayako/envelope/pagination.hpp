// kayako-proto — pagination (§7): the links a server puts in a collection's envelope, and how a
// client finds the next page. The arguments that choose a page (`offset`, `limit`, the cursors
// and dates, `parse_pagination`) are `page_arguments.hpp`'s, included here.
//
// Links (§7.4, §21.11), from the recorded real responses:
// * `first_url` and `previous_url` iff `offset > 0`; `first_url` has no `offset`;
//   `previous_url` has `offset - limit` clamped at 0 (and then no `offset`);
// * `next_url` iff `offset + limit < total_count`, with `offset + limit`;
// * `last_url` with `L = floor((total_count - 1) / limit) * limit`, iff `L != offset`;
// * absolute, `.json` suffix, arguments sorted by name, values form-encoded (`,` → `%2C`),
//   `limit` dropped when it is the default 10 and `offset` when 0, argument *names* in the
//   response's letter case (`section_id` → `sectionId` under `_case=camel`, §6.1);
// * never a credential (§21.24): `_session_id`, `_token`, `_otp`, `access_token`, `_jwt`,
//   `_fingerprint_id` and `_timestamp` are dropped in every spelling — links are shared, logged
//   and cached, and a session ID in one authenticates whoever follows it.
#ifndef KAYAKO_ENVELOPE_PAGINATION_HPP
#define KAYAKO_ENVELOPE_PAGINATION_HPP

#include <kayako/detail/percent_encoding.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/request/page_arguments.hpp>
#include <kayako/request/query_arguments.hpp>
#include <kayako/core/values.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kayako {

namespace detail {
/// True for the six pagination arguments in any spelling `page_argument_named` reads: a link
/// writes its own.
constexpr bool is_pagination_argument(std::string_view name) noexcept { return page_argument_named(name).has_value(); }

/// True when `name` and `canonical` have the same letters in the same order, ignoring ASCII letter
/// case and every `_` (`_SESSION_ID`, `_sessionId` and `_session_id` all match `_session_id`).
constexpr bool same_letters(std::string_view name, std::string_view canonical) noexcept {
    std::size_t i = 0, j = 0;
    for (;;) {
        while (i < name.size() && name[i] == '_') ++i;
        while (j < canonical.size() && canonical[j] == '_') ++j;
        if (i == name.size() || j == canonical.size()) return i == name.size() && j == canonical.size();
        if (to_lower(name[i]) != canonical[j]) return false;
        ++i;
        ++j;
    }
}
}  // namespace detail

/// The arguments that carry a credential or a per-request secret (§11, §17, §21.24).
inline constexpr std::string_view credential_argument_names[] = {"_session_id",     "_token",    "_otp", "access_token",
                                                                 "_jwt", "_fingerprint_id", "_timestamp"};

/// True when the (decoded) argument name `name` is a credential of `credential_argument_names`
/// in any spelling a client may send or a server may accept: any letter case, with or without
/// `_` between words, with `[]` (`_session_id[]`, `_Session_Id`, `_SESSION_ID`, `_sessionId`,
/// `accessToken`, `ACCESS_TOKEN`). Deliberately wider than the names a server reads as the
/// credential: a secret in a mis-spelt name is still a secret (§21.24). The leading `_` is kept
/// as part of the name (§2.5): `token` and `timestamp` are ordinary arguments.
constexpr bool is_credential_argument(std::string_view name) noexcept {
    while (name.size() >= 2 && name[name.size() - 2] == '[' && name.back() == ']') name.remove_suffix(2);
    bool const leading_underscore = !name.empty() && name.front() == '_';
    for (std::string_view const canonical : credential_argument_names) {
        if (canonical.front() == '_' && !leading_underscore) continue;
        if (detail::same_letters(name, canonical)) return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Links.

/// Where links point: the collection's absolute URL without query (`https://x.kayako.com/api/v1/
/// conversations`), the request's other arguments (decoded; pagination arguments and credentials
/// among them are ignored), the response's letter case, and whether to add the `.json` suffix
/// the server uses. The request's arguments come as a list, or as the parsed query itself
/// (`query`, read in place: a server copies nothing); both are used when both are set.
struct link_target {
    std::string_view base_url;                        ///< the collection's absolute URL, no query (`https://x.kayako.com/api/v1/conversations`)
    std::span<query_argument const> arguments;        ///< the request's other arguments, decoded, as a list
    query_arguments const* query = nullptr;           ///< or the parsed query itself, read in place (null: none)
    letter_case name_case = letter_case::snake;       ///< the response's `_case`: argument names in links follow it (§21.5)
    bool json_suffix = true;                          ///< add `.json` to the path, as the server's own links do (§1)
    std::uint64_t default_limit = default_page_limit; ///< a `limit` equal to this is left out of links (§21.11)
};

/// A page URL: `base_url` (+ `.json`) and the arguments plus `extra`, sorted by (converted) name,
/// form-encoded; no credential (`is_credential_argument`, §21.24). May throw only `std::bad_alloc`.
inline std::string make_page_url(link_target const& target, std::span<query_argument const> extra) {
    struct named {
        std::string name;
        std::string_view value;
    };
    std::vector<named> args;
    std::size_t const sent = target.query ? target.query->size() : 0;
    args.reserve(target.arguments.size() + sent + extra.size());
    auto add = [&](query_argument const& a) {
        named n{{}, a.value};
        append_case(n.name, a.name, target.name_case);
        // A name the conversion does not keep (`limit_` is `Limit` in Pascal case, which would
        // read as `limit`) is written as it was sent: a link must ask for the same arguments.
        if (!names_equal(n.name, a.name)) n.name.assign(a.name.data(), a.name.size());
        args.push_back(std::move(n));
    };
    auto add_sent = [&](query_argument const& a) {
        if (!detail::is_pagination_argument(a.name) && !is_credential_argument(a.name)) add(a);
    };
    for (auto const& a : target.arguments) add_sent(a);
    for (std::size_t i = 0; i < sent; ++i) add_sent((*target.query)[i]);
    for (auto const& a : extra) add(a);
    std::stable_sort(args.begin(), args.end(), [](named const& a, named const& b) { return a.name < b.name; });

    std::string url(target.base_url);
    constexpr std::string_view suffix = ".json";
    if (target.json_suffix && !(url.size() >= suffix.size() && url.compare(url.size() - suffix.size(), suffix.size(), suffix) == 0))
        url += suffix;
    char sep = '?';
    for (auto const& a : args) {
        url += sep;
        sep = '&';
        detail::append_form_encoded(url, a.name);
        url += '=';
        detail::append_form_encoded(url, a.value);
    }
    return url;
}

/// The URL of the page at `offset` of size `limit`; each omitted when at its default.
inline std::string make_offset_url(link_target const& target, std::uint64_t offset, std::uint64_t limit) {
    char offset_text[24], limit_text[24];
    query_argument extra[2];
    std::size_t n = 0;
    if (limit != target.default_limit) {
        auto r = std::to_chars(limit_text, limit_text + sizeof limit_text, limit);
        extra[n++] = {"limit", std::string_view(limit_text, static_cast<std::size_t>(r.ptr - limit_text))};
    }
    if (offset != 0) {
        auto r = std::to_chars(offset_text, offset_text + sizeof offset_text, offset);
        extra[n++] = {"offset", std::string_view(offset_text, static_cast<std::size_t>(r.ptr - offset_text))};
    }
    return make_page_url(target, std::span<query_argument const>(extra, n));
}

/// The four links; each empty when the response does not carry it.
struct pagination_links {
    std::optional<std::string> first_url;    ///< `first_url` (§7.4)
    std::optional<std::string> previous_url; ///< `previous_url`; absent on the first page (§7.4, §21.11)
    std::optional<std::string> next_url;     ///< `next_url`; absent on the last page (§7.4)
    std::optional<std::string> last_url;     ///< `last_url`; absent when the total is unknown (§7.4)

    /// Points the envelope's links at these strings (keep this object alive while it is written).
    void apply_to(envelope_metadata& e) const noexcept {
        auto view = [](std::optional<std::string> const& s) {
            return s ? std::optional<std::string_view>(*s) : std::nullopt;
        };
        e.first_url = view(first_url);
        e.previous_url = view(previous_url);
        e.next_url = view(next_url);
        e.last_url = view(last_url);
    }

    friend bool operator==(pagination_links const&, pagination_links const&) = default;
};

/// The links of an offset-paginated collection page (§7.4, §21.11). `limit` 0 is read as the
/// default limit. May throw only `std::bad_alloc`.
inline pagination_links make_offset_links(link_target const& target, std::uint64_t offset, std::uint64_t limit,
                                          std::uint64_t total_count) {
    if (limit == 0) limit = target.default_limit == 0 ? default_page_limit : target.default_limit;
    pagination_links links;
    if (offset > 0) {
        links.first_url = make_offset_url(target, 0, limit);
        links.previous_url = make_offset_url(target, offset > limit ? offset - limit : 0, limit);
    }
    if (offset < total_count && total_count - offset > limit) links.next_url = make_offset_url(target, offset + limit, limit);
    if (total_count > 0) {
        std::uint64_t const last = (total_count - 1) / limit * limit;
        if (last != offset) links.last_url = make_offset_url(target, last, limit);
    }
    return links;
}

/// The links of a cursor-paginated page (§7.2, §7.4): `first_url` and `previous_url` ask for
/// `before_id=<first item's id>`, `next_url` and `last_url` for `after_id=<last item's id>`, as
/// the reference's example shows; none for an empty page. `limit` is written unless default.
inline pagination_links make_cursor_links(link_target const& target, std::uint64_t limit,
                                          std::optional<std::uint64_t> first_id, std::optional<std::uint64_t> last_id) {
    pagination_links links;
    auto url = [&](std::string_view name, std::uint64_t id) {
        char id_text[24], limit_text[24];
        auto r = std::to_chars(id_text, id_text + sizeof id_text, id);
        query_argument extra[2] = {{name, std::string_view(id_text, static_cast<std::size_t>(r.ptr - id_text))}, {}};
        std::size_t n = 1;
        if (limit != 0 && limit != target.default_limit) {
            auto l = std::to_chars(limit_text, limit_text + sizeof limit_text, limit);
            extra[n++] = {"limit", std::string_view(limit_text, static_cast<std::size_t>(l.ptr - limit_text))};
        }
        return make_page_url(target, std::span<query_argument const>(extra, n));
    };
    if (first_id) links.first_url = links.previous_url = url("before_id", *first_id);
    if (last_id) links.next_url = links.last_url = url("after_id", *last_id);
    return links;
}

/// The order of a date-paginated collection (§7.3): by its date field, newest first (an activity
/// stream) or oldest first.
enum class date_order : unsigned char { newest_first, oldest_first };

/// What a server knows about a page of a date-ordered collection (§7.3), for its links: the
/// dates of its first and last items (absent for an empty page), whether items lie before the
/// first one in the collection's order and after the last one.
struct date_page {
    std::optional<timestamp> first_date;         ///< the date of the page's first item; absent for an empty page
    std::optional<timestamp> last_date;          ///< the date of the page's last item; absent for an empty page
    bool items_before = false;                   ///< the collection holds items before this page's first
    bool items_after = false;                    ///< the collection holds items after this page's last
    date_order order = date_order::newest_first; ///< the collection's order by its date field
};

/// The links of a date-paginated page (§7.3, §7.4; the project's choice where §7.4 shows only
/// offset and cursor links). `since` and `until` are exclusive bounds, and a page that ends on a
/// date shared by the next items takes them too (§7.3: a page may exceed `limit`), so following
/// the links never repeats nor skips an item:
/// * newest first: `next_url` asks `until=<last item's date>` (older items), `previous_url`
///   `since=<first item's date>` (newer ones); oldest first, the other way round;
/// * `next_url` iff items follow the page, `previous_url` and `first_url` (the collection with
///   no date: its first page) iff items precede it; no `last_url` — no date names the last page
///   without counting the whole collection.
/// Dates are written in ISO-8601 (§3) with their own offset; `limit` unless it is the default.
/// May throw only `std::bad_alloc`.
inline pagination_links make_date_links(link_target const& target, std::uint64_t limit, date_page const& page) {
    pagination_links links;
    char limit_text[24];
    query_argument limit_argument{};
    bool const with_limit = limit != 0 && limit != target.default_limit;
    if (with_limit) {
        auto l = std::to_chars(limit_text, limit_text + sizeof limit_text, limit);
        limit_argument = {"limit", std::string_view(limit_text, static_cast<std::size_t>(l.ptr - limit_text))};
    }
    auto url = [&](std::string_view name, timestamp at) {
        std::array<char, timestamp_length> date_text{};
        format_timestamp(at, date_text);
        query_argument extra[2] = {{name, std::string_view(date_text.data(), date_text.size())}, limit_argument};
        return make_page_url(target, std::span<query_argument const>(extra, with_limit ? 2 : 1));
    };
    bool const newest_first = page.order == date_order::newest_first;
    std::string_view const towards_before = newest_first ? "since" : "until";
    std::string_view const towards_after = newest_first ? "until" : "since";
    if (page.items_before && page.first_date) {
        links.first_url = make_page_url(target, std::span<query_argument const>(&limit_argument, with_limit ? 1 : 0));
        links.previous_url = url(towards_before, *page.first_date);
    }
    if (page.items_after && page.last_date) links.next_url = url(towards_after, *page.last_date);
    return links;
}

// ---------------------------------------------------------------------------------------------
// Client side.

/// Where the next page is: the server's `next_url` when it sent one, else an offset and limit
/// to put into the next request (`make_offset_url`).
struct next_page_request {
    std::optional<std::string_view> url;      ///< the server's `next_url`, to follow verbatim (§7.4)
    std::uint64_t offset = 0;                 ///< without `url`: the next page's `offset` (§7.1)
    std::uint64_t limit = default_page_limit; ///< without `url`: the page size to ask for

    friend bool operator==(next_page_request const&, next_page_request const&) = default;
};

/// The next page after a response, or nothing at the end. `items_on_page` is the number of items
/// in `data`; `requested_offset` / `requested_limit` what the request asked for (used when the
/// envelope omits `offset` / `limit`).
///
/// Without `next_url`: the next offset is the current one plus the items received — not plus
/// `limit`, since a date-ordered page may hold more than `limit` items (§7.3) — and the end is
/// reached on an empty page, when `total_count` is reached, on a page shorter than `limit`, or
/// when the server sends links but no `next_url`.
constexpr std::optional<next_page_request> next_page(envelope_metadata const& page, std::uint64_t items_on_page,
                                                     std::uint64_t requested_offset = 0,
                                                     std::uint64_t requested_limit = default_page_limit) noexcept {
    if (page.next_url) return next_page_request{page.next_url, 0, 0};
    if (page.first_url || page.previous_url || page.last_url) return std::nullopt;
    if (items_on_page == 0) return std::nullopt;
    std::uint64_t const offset = page.offset.value_or(requested_offset);
    std::uint64_t const limit = page.limit.value_or(requested_limit);
    std::uint64_t const next = offset + items_on_page;
    if (next < offset) return std::nullopt;  // overflow: nothing sensible follows
    if (page.total_count) {
        if (next >= *page.total_count) return std::nullopt;
    } else if (items_on_page < limit) {
        return std::nullopt;
    }
    return next_page_request{std::nullopt, next, limit};
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_PAGINATION_HPP
