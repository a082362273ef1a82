// kayako-proto — the envelope of §4.3 described once: each member's name, kind and place.
//
// One table per kind of object in an envelope: its top level (§4.3), an entry of `errors`
// (§4.4), of `notifications` (§4.5) and of `logs` (§4.6). A row is a member's name in snake case,
// its kind (what JSON it holds, how it is read and written) and where it lives in the struct of
// `envelope_types.hpp`. Everything else is generated from the rows at compile time:
//
// * the writer (`envelope.hpp`) walks the rows in their order, writing each set member under the
//   key spelled for the requested letter case (`,"totalCount":` comes from here, pre-quoted);
// * the name lookup of both readers (`match`) accepts the snake, camel and Pascal spellings;
// * the DOM reader (`envelope_parser.hpp`) and the metadata reader
//   (`envelope_metadata_parser.hpp`) read a key's value as its row's kind says, store it where the
//   row says, report the row's name in paths and its kind's `expected_json` in messages, and
//   refuse a member given in two spellings.
//
// Adding a member is one row here plus the field in `envelope_types.hpp`; for instance a
// hypothetical `retry_after` count written after `limit` (the writer follows the row order):
//
//     {"retry_after", member_kind::count, &envelope_metadata::retry_after},
//
// and a new field of an error entry, say a `hint` string, is `{"hint", field_kind::text,
// &api_error_object::hint}` in `error_fields`. The tests walk the tables (envelope_members_test).
#ifndef KAYAKO_DETAIL_ENVELOPE_MEMBERS_HPP
#define KAYAKO_DETAIL_ENVELOPE_MEMBERS_HPP

#include <kayako/detail/short_strings.hpp>
#include <kayako/envelope/envelope_types.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

namespace kayako::detail {

// ---------------------------------------------------------------------------------------------
// Kinds and places.

/// What a member of the envelope's top level holds (§4.3), and so how it is read and written.
enum class member_kind : unsigned char {
    status,         ///< `int`: an integer 100..599; always written, required when read
    count,          ///< `optional<uint64_t>`: a non-negative integer
    text,           ///< `optional<string_view>`: a string (a link, the session id, a token)
    resource_name,  ///< `optional<string_view>`: a string that is a name itself, so written in the
                    ///< envelope's letter case (§21.5)
    timestamp,      ///< `optional<timestamp>`: ISO 8601 text or Unix seconds (§11.10, §21.9)
    payload,        ///< any JSON (`data`, `resources`): the DOM reader keeps it, the metadata reader
                    ///< only checks its syntax
    entries,        ///< `vector<Entry>`: an array of objects, each through `Entry`'s own table
};

/// What a field of an entry (an error, a notification, a log) holds (§4.4-§4.6).
enum class field_kind : unsigned char {
    required_text,  ///< `string_view`: a string every entry has (null = absent); always written
    text,           ///< `string_view`: a string; empty = not written
    text_list,      ///< `vector<string_view>`: an array of strings; empty = not written
    flag,           ///< `optional<bool>`: a boolean; unset = not written
};

/// What a reader reports as expected when a value has the wrong JSON type.
constexpr std::string_view expected_json(member_kind k) noexcept {
    switch (k) {
    case member_kind::status:
    case member_kind::count: return "integer";
    case member_kind::timestamp: return "timestamp";
    case member_kind::entries: return "array";
    case member_kind::payload: return {};
    default: return "string";
    }
}
constexpr std::string_view expected_json(field_kind k) noexcept {
    switch (k) {
    case field_kind::text_list: return "array";
    case field_kind::flag: return "boolean";
    default: return "string";
    }
}

/// The two members that hold resources are not part of `envelope_metadata` (a client that reads
/// only the metadata has no DOM for them): an `envelope` holds them for the writer, and each
/// reader notes them in its own slot.
enum class payload_slot : unsigned char { data, resources };
inline constexpr std::size_t payload_slot_count = 2;

struct payload_place {
    json_payload envelope::* written;  ///< where the writer finds it
    payload_slot read;                 ///< where a reader notes it
};

/// Where a top-level member lives. The alternative must fit the row's kind (checked below).
using member_place =
    std::variant<int envelope_metadata::*, std::optional<std::uint64_t> envelope_metadata::*,
                 std::optional<std::string_view> envelope_metadata::*, std::optional<timestamp> envelope_metadata::*,
                 std::vector<api_error_object> envelope_metadata::*, std::vector<notification> envelope_metadata::*,
                 std::vector<log_entry> envelope_metadata::*, payload_place>;

template <class Entry>
using field_place = std::variant<std::string_view Entry::*, std::vector<std::string_view> Entry::*,
                                 std::optional<bool> Entry::*>;

struct member_row {
    std::string_view name;  ///< snake case, as §4.3 spells it
    member_kind kind;
    member_place where;
};

template <class Entry>
struct field_row {
    std::string_view name;  ///< snake case, as §4.4-§4.6 spell it
    field_kind kind;
    field_place<Entry> where;
};

// ---------------------------------------------------------------------------------------------
// The tables. Row order is the order written: the reference's samples (§1.1, §4.3-§4.6).

inline constexpr member_row envelope_members[] = {
    {"status",        member_kind::status,        &envelope_metadata::status},
    {"data",          member_kind::payload,       payload_place{&envelope::data, payload_slot::data}},
    {"resource",      member_kind::resource_name, &envelope_metadata::resource},
    {"offset",        member_kind::count,         &envelope_metadata::offset},
    {"limit",         member_kind::count,         &envelope_metadata::limit},
    {"total_count",   member_kind::count,         &envelope_metadata::total_count},
    {"first_url",     member_kind::text,          &envelope_metadata::first_url},
    {"previous_url",  member_kind::text,          &envelope_metadata::previous_url},
    {"next_url",      member_kind::text,          &envelope_metadata::next_url},
    {"last_url",      member_kind::text,          &envelope_metadata::last_url},
    {"resources",     member_kind::payload,       payload_place{&envelope::resources, payload_slot::resources}},
    {"session_id",    member_kind::text,          &envelope_metadata::session_id},
    {"errors",        member_kind::entries,       &envelope_metadata::errors},
    {"notifications", member_kind::entries,       &envelope_metadata::notifications},
    {"logs",          member_kind::entries,       &envelope_metadata::logs},
    {"auth_token",    member_kind::text,          &envelope_metadata::auth_token},
    {"timestamp",     member_kind::timestamp,     &envelope_metadata::server_time},
};

inline constexpr field_row<api_error_object> error_fields[] = {
    {"code",       field_kind::required_text, &api_error_object::code},
    {"parameter",  field_kind::text,          &api_error_object::parameter},
    {"parameters", field_kind::text_list,     &api_error_object::parameters},
    {"pointer",    field_kind::text,          &api_error_object::pointer},
    {"message",    field_kind::text,          &api_error_object::message},
    {"more_info",  field_kind::text,          &api_error_object::more_info},
};

inline constexpr field_row<notification> notification_fields[] = {
    {"type",          field_kind::required_text, &notification::type},
    {"message",       field_kind::required_text, &notification::message},
    {"sticky",        field_kind::flag,          &notification::sticky},
    {"related_url",   field_kind::text,          &notification::related_url},
    {"related_href",  field_kind::text,          &notification::related_href},
    {"related_label", field_kind::text,          &notification::related_label},
};

inline constexpr field_row<log_entry> log_fields[] = {
    {"level",   field_kind::required_text, &log_entry::level},
    {"message", field_kind::required_text, &log_entry::message},
};

// ---------------------------------------------------------------------------------------------
// Places, checked against kinds.

constexpr bool place_fits(member_row const& row) noexcept {
    auto const& w = row.where;
    switch (row.kind) {
    case member_kind::status: return std::holds_alternative<int envelope_metadata::*>(w);
    case member_kind::count: return std::holds_alternative<std::optional<std::uint64_t> envelope_metadata::*>(w);
    case member_kind::text:
    case member_kind::resource_name: return std::holds_alternative<std::optional<std::string_view> envelope_metadata::*>(w);
    case member_kind::timestamp: return std::holds_alternative<std::optional<timestamp> envelope_metadata::*>(w);
    case member_kind::payload: return std::holds_alternative<payload_place>(w);
    case member_kind::entries:
        return std::holds_alternative<std::vector<api_error_object> envelope_metadata::*>(w) ||
               std::holds_alternative<std::vector<notification> envelope_metadata::*>(w) ||
               std::holds_alternative<std::vector<log_entry> envelope_metadata::*>(w);
    }
    return false;
}

template <class Entry>
constexpr bool place_fits(field_row<Entry> const& row) noexcept {
    switch (row.kind) {
    case field_kind::required_text:
    case field_kind::text: return std::holds_alternative<std::string_view Entry::*>(row.where);
    case field_kind::text_list: return std::holds_alternative<std::vector<std::string_view> Entry::*>(row.where);
    case field_kind::flag: return std::holds_alternative<std::optional<bool> Entry::*>(row.where);
    }
    return false;
}

/// Whether a reader refuses an object without this row.
constexpr bool is_required(member_row const& row) noexcept { return row.kind == member_kind::status; }
template <class Entry>
constexpr bool is_required(field_row<Entry> const& row) noexcept {
    return row.kind == field_kind::required_text;
}

/// The place of `row` as the member pointer its kind implies (the tables are checked at compile
/// time, so the alternative is always there).
template <class Place, class Row>
constexpr Place place_as(Row const& row) noexcept {
    return *std::get_if<Place>(&row.where);
}

// ---------------------------------------------------------------------------------------------
// Names in three letter cases, and their lookup.

// A small hash index over the snake, camel and Pascal spellings of a table: a key's bucket holds
// the few rows that may match it, compared byte for byte.
constexpr std::size_t name_bucket(std::string_view key) noexcept {
    return (key.size() * 7 + static_cast<unsigned char>(key[0]) + static_cast<unsigned char>(key.back()) * 3) & 127;
}

template <std::size_t N>
struct name_index {
    struct bucket {
        unsigned char count = 0;
        unsigned char rows[6]{};
    };
    std::array<bucket, 128> buckets{};

    constexpr name_index(std::array<std::array<std::string_view, N>, 3> const& spellings) {
        for (std::size_t i = 0; i < N; ++i)
            for (auto const& names : spellings) {
                auto& b = buckets[name_bucket(names[i])];
                bool present = false;
                for (std::size_t k = 0; k < b.count; ++k) present = present || b.rows[k] == i;
                if (present) continue;
                if (b.count == sizeof b.rows) throw "name_index: bucket overflow";  // a compile error
                b.rows[b.count++] = static_cast<unsigned char>(i);
            }
    }
};

constexpr bool is_snake_name(std::string_view name) noexcept {
    if (name.empty() || name.front() == '_' || name.back() == '_') return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char const c = name[i];
        bool const letter = c >= 'a' && c <= 'z';
        if (!letter && !(c == '_' && name[i - 1] != '_')) return false;
    }
    return true;
}

/// Everything generated from one table `Rows` (an array of `member_row` or `field_row<Entry>`):
/// its names in each letter case, the keys the writer emits, and the lookup both readers use.
template <auto const& Rows>
struct member_table {
    static constexpr auto const& rows = Rows;
    static constexpr std::size_t size = std::size(Rows);

    // Which case a spelling array holds: [0] snake, [1] camel, [2] Pascal (`letter_case` order).
    static constexpr std::size_t case_index(letter_case c) noexcept { return static_cast<std::size_t>(c); }

private:
    static constexpr std::size_t key_overhead = 4;  // `,"` and `":`
    static constexpr std::size_t chars = [] {
        std::size_t n = 0;
        for (auto const& r : Rows) n += 3 * (r.name.size() + key_overhead);
        return n;
    }();
    // Every name in the three cases, each as `,"name":`.
    static constexpr std::array<char, chars> storage = [] {
        std::array<char, chars> out{};
        std::size_t k = 0;
        for (letter_case c : {letter_case::snake, letter_case::camel, letter_case::pascal})
            for (auto const& r : Rows) {
                out[k++] = ',';
                out[k++] = '"';
                spell_case(r.name, c, [&](char ch) { out[k++] = ch; });
                out[k++] = '"';
                out[k++] = ':';
            }
        return out;
    }();

public:
    /// `keys[case][row]`: `,"totalCount":` — the separated, quoted key of `text_sink::key`.
    static constexpr std::array<std::array<std::string_view, size>, 3> keys = [] {
        std::array<std::array<std::string_view, size>, 3> out{};
        std::size_t k = 0;
        for (auto& in_case : out)
            for (std::size_t i = 0; i < size; ++i) {
                std::size_t close = k + 2;  // the quote that ends the name
                while (storage[close] != '"') ++close;
                in_case[i] = std::string_view(storage.data() + k, close + 2 - k);
                k = close + 2;
            }
        return out;
    }();
    /// `names[case][row]`: `totalCount`.
    static constexpr std::array<std::array<std::string_view, size>, 3> names = [] {
        std::array<std::array<std::string_view, size>, 3> out{};
        for (std::size_t c = 0; c < 3; ++c)
            for (std::size_t i = 0; i < size; ++i) out[c][i] = keys[c][i].substr(2, keys[c][i].size() - key_overhead);
        return out;
    }();
    static constexpr auto const& snake = names[0];
    static constexpr auto const& camel = names[1];
    static constexpr auto const& pascal = names[2];

    static constexpr std::size_t longest_name = [] {
        std::size_t n = 0;
        for (auto const& r : Rows) n = r.name.size() > n ? r.name.size() : n;
        return n;
    }();

    /// The row whose name `key` spells in any letter case (§21.5), or `size`. The three usual
    /// spellings are found through the index; `names_equal` settles any other (`Total_count`).
    static constexpr std::size_t match(std::string_view key) noexcept {
        if (key.empty()) return size;
        auto const& b = index.buckets[name_bucket(key)];
        for (std::size_t k = 0; k < b.count; ++k) {
            std::size_t const i = b.rows[k];
            if (short_strings_equal(key, snake[i]) || short_strings_equal(key, camel[i]) ||
                short_strings_equal(key, pascal[i]))
                return i;
        }
        for (std::size_t i = 0; i < size; ++i) {
            // Cheap reject first: the first letters agree in any case, and no spelling of a name
            // is longer than its snake form.
            if (key.size() > snake[i].size() || to_lower(key[0]) != snake[i][0]) continue;
            if (names_equal(key, snake[i])) return i;
        }
        return size;
    }

    /// The rows a reader must find (`status`, an entry's `required_text` fields), one bit each.
    static constexpr std::uint32_t required_rows = [] {
        std::uint32_t mask = 0;
        for (std::size_t i = 0; i < size; ++i)
            if (is_required(Rows[i])) mask |= 1u << i;
        return mask;
    }();

    /// The first required row missing from `given` (one bit per row), or `size` when none is.
    static constexpr std::size_t first_missing(std::uint32_t given) noexcept {
        std::uint32_t const missing = required_rows & ~given;
        return missing == 0 ? size : static_cast<std::size_t>(std::countr_zero(missing));
    }

    /// The row named `snake_name` (exactly), or `size`.
    static constexpr std::size_t row_named(std::string_view snake_name) noexcept {
        for (std::size_t i = 0; i < size; ++i)
            if (snake[i] == snake_name) return i;
        return size;
    }

private:
    static constexpr name_index<size> index{names};

    static constexpr bool rows_are_valid() {
        for (std::size_t i = 0; i < size; ++i) {
            if (!is_snake_name(Rows[i].name) || !place_fits(Rows[i])) return false;
            for (std::size_t j = 0; j < i; ++j)
                if (Rows[j].name == Rows[i].name) return false;
        }
        return true;
    }
    static_assert(rows_are_valid(), "a row's name is not snake case or not unique, or its place does not fit its kind");
    static_assert(size <= 32, "the readers note the rows seen in a 32-bit mask");
};

using envelope_table = member_table<envelope_members>;

/// The table of an entry type (`api_error_object`, `notification`, `log_entry`).
template <class Entry>
struct entry_table;
template <>
struct entry_table<api_error_object> : member_table<error_fields> {
    static constexpr std::string_view list = "errors";
};
template <>
struct entry_table<notification> : member_table<notification_fields> {
    static constexpr std::string_view list = "notifications";
};
template <>
struct entry_table<log_entry> : member_table<log_fields> {
    static constexpr std::string_view list = "logs";
};

/// The longest name of any table: a key longer than this names nothing.
inline constexpr std::size_t longest_member_name = [] {
    std::size_t n = envelope_table::longest_name;
    for (std::size_t m : {entry_table<api_error_object>::longest_name, entry_table<notification>::longest_name,
                          entry_table<log_entry>::longest_name})
        n = m > n ? m : n;
    return n;
}();
/// The most fields of any entry table.
inline constexpr std::size_t most_entry_fields = [] {
    std::size_t n = 0;
    for (std::size_t m : {entry_table<api_error_object>::size, entry_table<notification>::size, entry_table<log_entry>::size})
        n = m > n ? m : n;
    return n;
}();

/// Calls `f(list)` with the vector a row of kind `entries` names in `m`; returns what `f` returns.
template <class Metadata, class F>
constexpr auto with_entries(member_row const& row, Metadata& m, F&& f) {
    if (auto const* errors = std::get_if<std::vector<api_error_object> envelope_metadata::*>(&row.where))
        return f(m.**errors);
    if (auto const* notifications = std::get_if<std::vector<notification> envelope_metadata::*>(&row.where))
        return f(m.**notifications);
    return f(m.*place_as<std::vector<log_entry> envelope_metadata::*>(row));
}

// The names as the readers and their tests know them.
inline constexpr auto const& envelope_member_names = envelope_table::snake;
inline constexpr auto const& envelope_member_camel = envelope_table::camel;
inline constexpr auto const& envelope_member_pascal = envelope_table::pascal;
inline constexpr auto const& error_field_names = entry_table<api_error_object>::snake;
inline constexpr auto const& error_field_camel = entry_table<api_error_object>::camel;
inline constexpr auto const& error_field_pascal = entry_table<api_error_object>::pascal;
inline constexpr auto const& notification_field_names = entry_table<notification>::snake;
inline constexpr auto const& notification_field_camel = entry_table<notification>::camel;
inline constexpr auto const& notification_field_pascal = entry_table<notification>::pascal;
inline constexpr auto const& log_field_names = entry_table<log_entry>::snake;
inline constexpr auto const& log_field_camel = entry_table<log_entry>::camel;
inline constexpr auto const& log_field_pascal = entry_table<log_entry>::pascal;

constexpr std::size_t match_envelope_member(std::string_view key) noexcept { return envelope_table::match(key); }
constexpr std::size_t match_error_field(std::string_view key) noexcept { return entry_table<api_error_object>::match(key); }
constexpr std::size_t match_notification_field(std::string_view key) noexcept {
    return entry_table<notification>::match(key);
}
constexpr std::size_t match_log_field(std::string_view key) noexcept { return entry_table<log_entry>::match(key); }

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_ENVELOPE_MEMBERS_HPP
