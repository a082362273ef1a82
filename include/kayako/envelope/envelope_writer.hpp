// kayako-proto — the response envelope (§4.3) and how a server writes it.
//
// Every response body except a 304's is one JSON object: `status`, and where they apply `data`,
// `resource`, the collection metadata and links (§7), flat-mode `resources` (§6.3), `session_id`,
// `auth_token`, `errors`, `notifications`, `logs` and `timestamp`. The types live in
// `envelope_types.hpp` (included here); a server fills an `envelope` and calls
// `serialize_envelope`; a client reads one with `envelope_parser.hpp`. The writer walks the
// member tables of `detail/envelope_members.hpp`, so a member added there is written too.
//
// Writing (§21.5): member names come out in the requested letter case (`totalCount`, `nextUrl`,
// `moreInfo` in camel), and so does the *value* of `resource`; enum values (`"INFO"`,
// `"FIELD_INVALID"`) never change. A member that is not set is not written. `data` and `resources`
// are written as given: render them in the requested case before (`output.hpp` does).
#ifndef KAYAKO_ENVELOPE_ENVELOPE_WRITER_HPP
#define KAYAKO_ENVELOPE_ENVELOPE_WRITER_HPP

#include <kayako/detail/envelope_members.hpp>
#include <kayako/detail/output_sinks.hpp>
#include <kayako/envelope/envelope_types.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace kayako {

namespace detail {

// Calls `f(std::integral_constant<std::size_t, I>{})` for each row `I` of `Table`, in order: the
// row is then a constant, so each member compiles to straight-line code of its own kind.
template <class Table, class F>
constexpr void for_each_row(F&& f) {
    [&f]<std::size_t... I>(std::index_sequence<I...>) {
        (f(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<Table::size>{});
}

// The member pointer (or `payload_place`) of row `I`, with its own type.
template <class Table, std::size_t I>
inline constexpr auto place_of = std::get<Table::rows[I].where.index()>(Table::rows[I].where);

static_assert(static_cast<std::size_t>(letter_case::snake) == 0 && static_cast<std::size_t>(letter_case::camel) == 1 &&
              static_cast<std::size_t>(letter_case::pascal) == 2, "member_table spells names in this order");

// The bytes a set member or field adds, escapes aside (text_sink grows for those): one
// reservation for the typical envelope. A `data` held as a DOM is not counted.
inline constexpr std::size_t estimated_number_size = 20;
inline constexpr std::size_t estimated_timestamp_size = 40;

template <class Entry>
std::size_t estimated_entry_size(Entry const& x) noexcept {
    using table = entry_table<Entry>;
    std::size_t n = 3;  // `{}` and a comma
    for_each_row<table>([&](auto i) {
        constexpr auto const& row = table::rows[i];
        auto const& v = x.*place_of<table, i>;
        std::size_t const key = table::keys[0][i].size();
        if constexpr (row.kind == field_kind::text_list) {
            if (v.empty()) return;
            n += key + 2;
            for (std::string_view p : v) n += p.size() + 3;
        } else if constexpr (row.kind == field_kind::flag) {
            n += v ? key + 5 : 0;
        } else {
            n += row.kind == field_kind::required_text || !v.empty() ? key + v.size() + 2 : 0;
        }
    });
    return n;
}

inline std::size_t estimated_envelope_size(envelope const& e) noexcept {
    using table = envelope_table;
    std::size_t n = 64;
    for_each_row<table>([&](auto i) {
        constexpr auto const& row = table::rows[i];
        std::size_t const key = table::keys[0][i].size();
        if constexpr (row.kind == member_kind::payload) {
            json_payload const& p = e.*(place_of<table, i>.written);
            n += p.is_raw() ? key + p.raw().size() : 0;
        } else {
            auto const& v = e.*place_of<table, i>;
            if constexpr (row.kind == member_kind::status) {
                n += key + estimated_number_size;
            } else if constexpr (row.kind == member_kind::count) {
                n += v ? key + estimated_number_size : 0;
            } else if constexpr (row.kind == member_kind::timestamp) {
                n += v ? key + estimated_timestamp_size : 0;
            } else if constexpr (row.kind == member_kind::entries) {
                if (v.empty()) return;
                n += key + 2;
                for (auto const& x : v) n += estimated_entry_size(x);
            } else {  // text, resource_name
                n += v ? key + v->size() + 2 : 0;
            }
        }
    });
    return n;
}

// Writes through a `text_sink` (a raw pointer into the string, commas placed by the sink), each
// key spelled in advance for its letter case (`member_table::keys`).

template <class Entry>
void write_entry(text_sink& out, Entry const& x, letter_case c) {
    using table = entry_table<Entry>;
    auto const& keys = table::keys[static_cast<std::size_t>(c)];
    out.begin_object();
    for_each_row<table>([&](auto i) {
        constexpr auto const& row = table::rows[i];
        auto const& v = x.*place_of<table, i>;
        if constexpr (row.kind == field_kind::required_text) {  // always written, even empty
            out.key(row.name, keys[i]);
            out.string(v);
        } else if constexpr (row.kind == field_kind::text) {
            if (v.empty()) return;
            out.key(row.name, keys[i]);
            out.string(v);
        } else if constexpr (row.kind == field_kind::text_list) {
            if (v.empty()) return;
            out.key(row.name, keys[i]);
            out.begin_array();
            for (std::string_view p : v) out.string(p);
            out.end_array();
        } else {
            static_assert(row.kind == field_kind::flag);
            if (!v) return;
            out.key(row.name, keys[i]);
            out.boolean(*v);
        }
    });
    out.end_object();
}

inline void write_members(text_sink& out, envelope const& e, letter_case c) {
    using table = envelope_table;
    auto const& keys = table::keys[static_cast<std::size_t>(c)];
    for_each_row<table>([&](auto i) {
        constexpr auto const& row = table::rows[i];
        if constexpr (row.kind == member_kind::payload) {
            json_payload const& p = e.*(place_of<table, i>.written);
            if (!p.has_value()) return;
            out.key(row.name, keys[i]);
            if (p.is_raw())
                out.splice(p.raw());
            else
                out.value(*p.value());
        } else {
            auto const& v = e.*place_of<table, i>;
            if constexpr (row.kind == member_kind::status) {  // always written
                out.key(row.name, keys[i]);
                out.number(std::int64_t{v});
            } else if constexpr (row.kind == member_kind::entries) {
                if (v.empty()) return;
                out.key(row.name, keys[i]);
                out.begin_array();
                for (auto const& x : v) write_entry(out, x, c);
                out.end_array();
            } else {
                if (!v) return;
                out.key(row.name, keys[i]);
                if constexpr (row.kind == member_kind::count)
                    out.number(*v);
                else if constexpr (row.kind == member_kind::timestamp)
                    out.string(format_timestamp(*v));
                else if constexpr (row.kind == member_kind::resource_name)
                    c == letter_case::snake ? out.string(*v) : out.string_converted(*v, c);  // the value is a name too (§21.5)
                else
                    out.string(*v);
            }
        }
    });
}

}  // namespace detail

/// Appends envelope `e` as JSON to `out`, member names in letter case `c`.
///
/// Member order follows the reference's samples (the order of `detail::envelope_members`):
/// `status`, `data`, `resource`, `offset`, `limit`, `total_count`, the four links, `resources`,
/// `session_id`, `errors`, `notifications`, `logs`, `auth_token`, `timestamp`; in an error:
/// `code`, `parameter(s)`, `pointer`, `message`, `more_info`. May throw only `std::bad_alloc`.
inline void append_envelope(std::string& s, envelope const& e, letter_case c = letter_case::snake) {
    s.reserve(s.size() + detail::estimated_envelope_size(e));
    detail::text_sink out(s);  // trims `s` to what was written when it goes
    out.begin_object();
    detail::write_members(out, e, c);
    out.end_object();
}

/// Envelope `e` as JSON text, member names in letter case `c`. May throw only `std::bad_alloc`.
inline std::string serialize_envelope(envelope const& e, letter_case c = letter_case::snake) {
    std::string out;
    append_envelope(out, e, c);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_ENVELOPE_WRITER_HPP
