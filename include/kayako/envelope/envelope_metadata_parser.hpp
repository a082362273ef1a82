// kayako-proto — client side: the metadata of a response without building its `data` (§4.3).
//
// A client that pages through a collection, checks for errors or follows links does not need a
// DOM of every resource. This reader drives the library's SAX-style `read_json` (`detail/json_reader.hpp`) with a handler
// that keeps `status`, the counts, the links, `session_id`, `auth_token`, `errors`,
// `notifications`, `logs` and `timestamp`, and only validates the syntax of `data` and
// `resources`. Strings it keeps are copied into one buffer the result owns (never longer than the
// body), so the result does not depend on the body's lifetime.
//
// It accepts and refuses what `parse_envelope` does, with the same errors and paths. (A body that
// is wrong in shape *and* later in syntax may be reported by its first problem here, by its
// syntax there: this reader checks shape while it reads.)
#ifndef KAYAKO_ENVELOPE_ENVELOPE_METADATA_PARSER_HPP
#define KAYAKO_ENVELOPE_ENVELOPE_METADATA_PARSER_HPP

#include <kayako/detail/envelope_members.hpp>
#include <kayako/detail/envelope_reading.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_parse_error.hpp>
#include <kayako/core/values.hpp>
#include <kayako/detail/json_reader.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace kayako {

/// The metadata of a response; owns the text its views point into. Movable (the buffer moves
/// with it), not copyable.
class parsed_envelope_metadata final : public envelope_metadata {
public:
    parsed_envelope_metadata() = default;
    /// Moves; the views move with the buffer they point into.
    parsed_envelope_metadata(parsed_envelope_metadata&&) noexcept = default;
    /// Move assignment.
    parsed_envelope_metadata& operator=(parsed_envelope_metadata&&) noexcept = default;

    /// False for an empty body (a 304, a HEAD answer).
    bool has_body() const noexcept { return has_body_; }
    /// Whether `data` / `resources` were present (and not null); their content is not kept.
    bool has_data() const noexcept { return payloads_[static_cast<std::size_t>(detail::payload_slot::data)]; }
    /// Whether flat mode's `resources` was present and not null (§6.3).
    bool has_resources() const noexcept { return payloads_[static_cast<std::size_t>(detail::payload_slot::resources)]; }

private:
    friend envelope_result<parsed_envelope_metadata> parse_envelope_metadata(std::string_view,
                                                                             envelope_parse_options const&);
    std::unique_ptr<char[]> text_;
    bool has_body_ = true;
    std::array<bool, detail::payload_slot_count> payloads_{};  // `payload_slot` order

public:
    // For the handler only.
    struct access {
        static char* reserve(parsed_envelope_metadata& m, std::size_t n) {
            m.text_ = std::make_unique_for_overwrite<char[]>(n == 0 ? 1 : n);
            return m.text_.get();
        }
        static void set_payload(parsed_envelope_metadata& m, detail::payload_slot s, bool v) noexcept {
            m.payloads_[static_cast<std::size_t>(s)] = v;
        }
        static void set_no_body(parsed_envelope_metadata& m) noexcept { m.has_body_ = false; }
    };
};

namespace detail {

// The SAX handler. It always knows where it is (`context`), and reads each key's value as the
// member tables (`envelope_members.hpp`) say: which row the key is (`member_`, `field_`), what
// JSON that row must hold, where the value goes. A value it does not keep (`data`, unknown
// members, the rest of a member found wrong) is skipped by counting the containers it opens until
// they close (`skip_`); the context is where reading resumes.
class envelope_metadata_handler {
public:
    // No double is kept: `read_json` only says when one is too large (§21.19).
    static constexpr bool reads_doubles = false;

    parsed_envelope_metadata* out = nullptr;
    char* text = nullptr;          // the result's buffer
    std::size_t text_used = 0;
    envelope_parse_error error;
    bool failed = false;
    bool number_overflow = false;  // stopped at a number too large for a double: `error` is not set

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code& ec) {
        if (pending_error* first = earliest(member_errors_, member_duplicate_))
            return hard_fail(ec, first->error.code, std::move(first->error.path), first->error.expected);
        if (std::size_t const m = envelope_table::first_missing(stored_); m != envelope_table::size)
            return hard_fail(ec, kayako::error::missing_parameter, std::string(envelope_table::rows[m].name));
        return true;
    }

    bool on_object_begin(boost::system::error_code& ec) {
        if (skip_ != 0) return ++skip_, true;
        switch (context_) {
        case context::document: context_ = context::top_level; return true;
        case context::top_level: return begin_member_value(ec, /*is_array=*/false);
        case context::entry_list: return begin_entry();
        case context::entry: return begin_field_value(ec, false);
        case context::text_list: return fail_open(ec, kayako::error::wrong_type, text_list_item_path(), "string");
        }
        return true;
    }

    bool on_array_begin(boost::system::error_code& ec) {
        if (skip_ != 0) return ++skip_, true;
        switch (context_) {
        case context::document: return hard_fail(ec, kayako::error::invalid_envelope, {}, "object");
        case context::top_level: return begin_member_value(ec, true);
        case context::entry_list: return fail_open(ec, kayako::error::wrong_type, next_entry_path(), "object");
        case context::entry: return begin_field_value(ec, true);
        case context::text_list: return fail_open(ec, kayako::error::wrong_type, text_list_item_path(), "string");
        }
        return true;
    }

    bool on_object_end(std::size_t, boost::system::error_code& ec) { return end_container(ec); }
    bool on_array_end(std::size_t, boost::system::error_code& ec) { return end_container(ec); }

    // Keys come whole (`read_json`); one that names no member or field is only counted.
    bool on_key(std::string_view key, std::size_t, boost::system::error_code&) {
        if (skip_ != 0) return true;
        ++key_order_;
        if (context_ == context::top_level) return on_member_key(key);
        return on_field_key(key);
    }

    bool on_string(std::string_view s, std::size_t, boost::system::error_code& ec) {
        if (skip_ != 0) return true;
        if (!wants_string()) return unexpected_scalar(ec);
        keep(s);
        std::string_view const v(text + string_start_, text_used - string_start_);
        string_start_ = text_used;
        return string_value(ec, v);
    }

    bool on_int64(std::int64_t v, std::string_view, boost::system::error_code& ec) {
        if (skip_ != 0) return true;
        return integer_value(ec, v < 0, v < 0 ? 0 : static_cast<std::uint64_t>(v), v);
    }
    bool on_uint64(std::uint64_t v, std::string_view, boost::system::error_code& ec) {
        if (skip_ != 0) return true;
        return integer_value(ec, false, v, 0);
    }
    // No double is kept here, but one too large for a double stops this reader wherever it is,
    // skipped `data` included, as it stops `parse_envelope` (§21.19); its path is found afterwards.
    // (`read_json` hands over the nearest double: infinite when it overflows.)
    bool on_double(double exact, std::string_view, boost::system::error_code& ec) {
        if (std::isinf(exact)) [[unlikely]] {
            number_overflow = true;
            failed = true;
            ec = boost::json::error::exception;  // any code: it only stops the parser
            return false;
        }
        return skip_ != 0 || unexpected_scalar(ec);
    }
    bool on_bool(bool b, boost::system::error_code& ec) {
        if (skip_ != 0) return true;
        if (context_ == context::entry && field_ != no_row && field_kind_ == field_kind::flag)
            return with_current_entry([&](auto& entry, auto table) {
                using entry_type = std::remove_reference_t<decltype(entry)>;
                entry.*place_as<std::optional<bool> entry_type::*>(decltype(table)::rows[field_]) = b;
                return true;
            });
        return unexpected_scalar(ec);
    }
    bool on_null(boost::system::error_code& ec) {
        if (skip_ != 0) return true;
        if (context_ == context::top_level) {
            if (member_ != no_row && member().kind == member_kind::status)  // never absent
                return fail(ec, kayako::error::wrong_type, std::string(member().name), expected_json(member().kind));
            reset_member();
            return true;
        }
        if (context_ == context::entry) {  // an entry's null field is absent, whatever came before
            if (field_ != no_row) reset_field();
            return true;
        }
        return unexpected_scalar(ec);
    }

private:
    // Where the reader is, between values.
    enum class context : unsigned char {
        document,    // outside the envelope object: before it, or after it closed
        top_level,   // in the envelope object (§4.3)
        entry_list,  // in `errors`, `notifications` or `logs` (the row `member_`)
        entry,       // in one of their entries (`errors[i]`, ...)
        text_list,   // in an entry's list of strings (`errors[i].parameters`)
    };
    // How many containers beyond the envelope object are open in each context.
    static constexpr std::size_t open_containers(context c) noexcept {
        switch (c) {
        case context::entry_list: return 1;
        case context::entry: return 2;
        case context::text_list: return 3;
        default: return 0;
        }
    }
    static constexpr std::size_t no_row = static_cast<std::size_t>(-1);

    // An error that stops the parse: `parse_envelope_metadata` reports `error`.
    bool hard_fail(boost::system::error_code& ec, kayako::error code, std::string path,
                   std::string_view expected = {}) {
        error = {code, failure::no_offset, std::move(path), expected};
        failed = true;
        ec = boost::json::error::exception;  // any code: it only stops the parser
        return false;
    }

    // An error in a value. It is only *pending*: the same key may come again, and its last value
    // is the one that counts (as in the DOM reader, where Boost.JSON keeps the last value of a
    // repeated key, at the place of its first). Where reading resumes:
    // * in an entry (`errors[i].code`), the rest of that field's value is skipped and the entry
    //   read on; when it closes, its first pending error becomes the error of its member;
    // * otherwise, the rest of the member's value is skipped and reading resumes at the top level.
    // The document's end reports the pending error of the member that comes first in the object,
    // as the DOM reader, walking the object in order, meets it. `opens` says the offending value is
    // a container just opened.
    bool fail(boost::system::error_code&, kayako::error code, std::string path, std::string_view expected = {},
              bool opens = false) {
        if (context_ == context::entry || context_ == context::text_list) {
            field_errors_[field_].note({code, failure::no_offset, std::move(path), expected}, field_order_[field_]);
            skip_ = (context_ == context::text_list ? 1 : 0) + (opens ? 1 : 0);
            context_ = context::entry;
            return true;
        }
        bool const known = member_ != no_row;
        member_errors_[known ? member_ : envelope_table::size].note({code, failure::no_offset, std::move(path), expected},
                                                                    known ? member_order_[member_] : key_order_);
        skip_ = open_containers(context_) + (opens ? 1 : 0);
        context_ = context::top_level;
        return true;
    }
    bool fail_open(boost::system::error_code& ec, kayako::error code, std::string path, std::string_view expected) {
        return fail(ec, code, std::move(path), expected, true);
    }

    // An error noted while reading an object, at `order`: where the DOM reader meets it, the
    // place of the first occurrence of its key (`key_order_` then).
    struct pending_error {
        envelope_parse_error error;
        std::size_t order = 0;
        bool set = false;
        void note(envelope_parse_error e, std::size_t at) {
            if (set) return;  // the first error of a value is the one reported
            error = std::move(e);
            order = at;
            set = true;
        }
    };

    // The pending error the DOM reader would meet first: a value's, or the duplicate's.
    template <std::size_t N>
    static pending_error* earliest(std::array<pending_error, N>& values, pending_error& duplicate) noexcept {
        pending_error* first = duplicate.set ? &duplicate : nullptr;
        for (auto& p : values)
            if (p.set && (!first || p.order < first->order)) first = &p;
        return first;
    }

    member_row const& member() const noexcept { return envelope_table::rows[member_]; }

    // Calls `f(entry, table)` with the entry being read and its `entry_table`; returns its result.
    template <class F>
    bool with_current_entry(F&& f) {
        return with_entries(member(), *out, [&](auto& list) {
            using entry_type = typename std::remove_reference_t<decltype(list)>::value_type;
            return f(list.back(), entry_table<entry_type>{});
        });
    }

    // Paths, made only when something fails.
    std::string next_entry_path() const { return member_path(member().name, entry_index_ + 1); }
    std::string field_path() const { return member_path(member().name, entry_index_, field_name_); }
    std::string text_list_item_path() const { return member_path(field_path(), list_index_); }

    bool begin_member_value(boost::system::error_code& ec, bool is_array) {
        if (member_ == no_row) return skip_ = 1, true;
        auto const& row = member();
        if (row.kind == member_kind::payload) {
            parsed_envelope_metadata::access::set_payload(*out, place_as<payload_place>(row).read, true);
            skip_ = 1;
            return true;
        }
        if (row.kind == member_kind::entries && is_array) {
            with_entries(row, *out, [](auto& list) { return list.clear(), true; });
            entry_index_ = static_cast<std::size_t>(-1);
            context_ = context::entry_list;
            return true;
        }
        return fail_open(ec, kayako::error::wrong_type, std::string(row.name), expected_json(row.kind));
    }

    // A new entry, its required strings unset (a null data pointer) until read.
    bool begin_entry() {
        ++entry_index_;
        with_entries(member(), *out, [](auto& list) {
            using entry_type = typename std::remove_reference_t<decltype(list)>::value_type;
            using table = entry_table<entry_type>;
            auto& entry = list.emplace_back();
            for (std::uint32_t left = table::required_rows; left != 0; left &= left - 1)
                entry.*place_as<std::string_view entry_type::*>(table::rows[std::countr_zero(left)]) = {};
            return true;
        });
        field_seen_ = 0;
        for (auto& e : field_errors_) e.set = false;
        field_duplicate_.set = false;
        context_ = context::entry;
        return true;
    }

    bool begin_field_value(boost::system::error_code& ec, bool is_array) {
        if (field_ == no_row) return skip_ = 1, true;
        if (is_array && field_kind_ == field_kind::text_list) {
            with_current_entry([&](auto& entry, auto table) {
                using entry_type = std::remove_reference_t<decltype(entry)>;
                (entry.*place_as<std::vector<std::string_view> entry_type::*>(decltype(table)::rows[field_])).clear();
                return true;
            });
            list_index_ = 0;
            context_ = context::text_list;
            return true;
        }
        return fail_open(ec, kayako::error::wrong_type, field_path(), expected_json(field_kind_));
    }

    bool end_container(boost::system::error_code& ec) {
        if (skip_ != 0) return --skip_, true;
        switch (context_) {
        case context::top_level: context_ = context::document; return true;
        case context::entry_list: context_ = context::top_level; return true;
        case context::entry: context_ = context::entry_list; return end_entry(ec);
        case context::text_list: context_ = context::entry; return true;
        default: return true;
        }
    }

    // The entry just closed: its first pending error, else every `required_text` field was read
    // (a null counts as absent).
    bool end_entry(boost::system::error_code& ec) {
        if (pending_error* first = earliest(field_errors_, field_duplicate_))
            return fail(ec, first->error.code, std::move(first->error.path), first->error.expected);
        std::string_view missing;
        with_current_entry([&](auto& entry, auto table) {
            using entry_type = std::remove_reference_t<decltype(entry)>;
            using table_type = decltype(table);
            for (std::uint32_t left = table_type::required_rows; left != 0; left &= left - 1) {
                auto const& row = table_type::rows[std::countr_zero(left)];  // in table order
                if ((entry.*place_as<std::string_view entry_type::*>(row)).data() == nullptr) {
                    missing = row.name;
                    break;
                }
            }
            return true;
        });
        if (missing.empty()) return true;
        return fail(ec, kayako::error::missing_parameter, member_path(member().name, entry_index_, missing));
    }

    // Same member in another spelling: ambiguous (`duplicate`, where the DOM reader meets the
    // second spelling; its value is not read). Same spelling: the last value wins.
    struct spelling {
        char text[longest_member_name];
        unsigned char length = 0;
        bool seen = false;
        bool same(std::string_view key) const noexcept {
            return key.size() == length && std::memcmp(text, key.data(), length) == 0;
        }
        void set(std::string_view key) noexcept {
            std::memcpy(text, key.data(), key.size());
            length = static_cast<unsigned char>(key.size());
            seen = true;
        }
    };

    bool on_member_key(std::string_view key) {
        std::size_t const m = envelope_table::match(key);
        member_ = m == envelope_table::size ? no_row : m;
        if (member_ == no_row) return true;
        auto& s = member_spellings_[m];
        if (s.seen) {
            if (!s.same(key)) {
                member_duplicate_.note({kayako::error::duplicate, failure::no_offset, std::string(key), {}}, key_order_);
                member_ = no_row;
                return true;
            }
            member_errors_[m].set = false;  // the same key again: its earlier value no longer counts
            return true;
        }
        s.set(key);
        member_order_[m] = key_order_;
        return true;
    }

    // The same rule inside an entry (`errors[i]`, ...), for its fields.
    bool on_field_key(std::string_view key) {
        field_ = no_row;
        with_current_entry([&](auto&, auto table) {
            using table_type = decltype(table);
            std::size_t const f = table_type::match(key);
            if (f == table_type::size) return true;
            field_ = f;
            field_kind_ = table_type::rows[f].kind;
            field_name_ = table_type::rows[f].name;
            return true;
        });
        if (field_ == no_row) return true;
        auto& s = field_spellings_[field_];
        if (field_seen_ & (1u << field_)) {
            if (!s.same(key)) {
                field_duplicate_.note({kayako::error::duplicate, failure::no_offset,
                                       member_path(member().name, entry_index_) + "." + std::string(key), {}},
                                      key_order_);
                field_ = no_row;
                return true;
            }
            field_errors_[field_].set = false;  // the same key again: its earlier value no longer counts
            return true;
        }
        field_seen_ |= 1u << field_;
        s.set(key);
        field_order_[field_] = key_order_;
        return true;
    }

    // Whether the string being read is kept (copied into the result's buffer).
    bool wants_string() const noexcept {
        switch (context_) {
        case context::top_level: {
            if (member_ == no_row) return false;
            auto const k = member().kind;
            return k == member_kind::text || k == member_kind::resource_name || k == member_kind::timestamp;
        }
        case context::entry:
            return field_ != no_row && (field_kind_ == field_kind::required_text || field_kind_ == field_kind::text);
        case context::text_list: return true;
        default: return false;
        }
    }

    void keep(std::string_view s) noexcept {
        std::memcpy(text + text_used, s.data(), s.size());
        text_used += s.size();
    }

    // An entry's field given `null`: absent, as in a new entry (a repeated key's last value counts).
    void reset_field() {
        with_current_entry([&](auto& entry, auto table) {
            using entry_type = std::remove_reference_t<decltype(entry)>;
            auto const& row = decltype(table)::rows[field_];
            switch (row.kind) {
            case field_kind::required_text:
            case field_kind::text: entry.*place_as<std::string_view entry_type::*>(row) = {}; break;
            case field_kind::text_list: (entry.*place_as<std::vector<std::string_view> entry_type::*>(row)).clear(); break;
            case field_kind::flag: (entry.*place_as<std::optional<bool> entry_type::*>(row)).reset(); break;
            }
            return true;
        });
    }

    // A top-level `null`: the member is absent.
    void reset_member() noexcept {
        if (member_ == no_row) return;
        auto const& row = member();
        auto& m = *out;
        switch (row.kind) {
        case member_kind::payload: parsed_envelope_metadata::access::set_payload(m, place_as<payload_place>(row).read, false); break;
        case member_kind::count: (m.*place_as<std::optional<std::uint64_t> envelope_metadata::*>(row)).reset(); break;
        case member_kind::text:
        case member_kind::resource_name: (m.*place_as<std::optional<std::string_view> envelope_metadata::*>(row)).reset(); break;
        case member_kind::timestamp: (m.*place_as<std::optional<timestamp> envelope_metadata::*>(row)).reset(); break;
        case member_kind::entries: with_entries(row, m, [](auto& list) { return list.clear(), true; }); break;
        case member_kind::status: break;  // refused before
        }
    }

    // A scalar where the tables expect something else (or where nothing is kept).
    bool unexpected_scalar(boost::system::error_code& ec) {
        switch (context_) {
        case context::top_level: {
            if (member_ == no_row) return true;
            auto const& row = member();
            if (row.kind == member_kind::payload) {
                parsed_envelope_metadata::access::set_payload(*out, place_as<payload_place>(row).read, true);
                return true;
            }
            return fail(ec, kayako::error::wrong_type, std::string(row.name), expected_json(row.kind));
        }
        case context::entry_list: return fail(ec, kayako::error::wrong_type, next_entry_path(), "object");
        case context::entry:
            if (field_ == no_row) return true;
            return fail(ec, kayako::error::wrong_type, field_path(), expected_json(field_kind_));
        case context::text_list: return fail(ec, kayako::error::wrong_type, text_list_item_path(), "string");
        default: return hard_fail(ec, kayako::error::invalid_envelope, {}, "object");
        }
    }

    // A string `wants_string` kept: stored where the row says.
    bool string_value(boost::system::error_code& ec, std::string_view v) {
        if (context_ == context::top_level) {
            auto const& row = member();
            if (row.kind == member_kind::timestamp) {
                auto t = parse_timestamp(v);
                if (!t) return fail(ec, t.error().code, std::string(row.name));
                out->*place_as<std::optional<timestamp> envelope_metadata::*>(row) = *t;
                return true;
            }
            out->*place_as<std::optional<std::string_view> envelope_metadata::*>(row) = v;
            return true;
        }
        return with_current_entry([&](auto& entry, auto table) {
            using entry_type = std::remove_reference_t<decltype(entry)>;
            auto const& row = decltype(table)::rows[field_];
            if (context_ == context::text_list) {
                (entry.*place_as<std::vector<std::string_view> entry_type::*>(row)).push_back(v);
                ++list_index_;
            } else {
                entry.*place_as<std::string_view entry_type::*>(row) = v;
            }
            return true;
        });
    }

    bool integer_value(boost::system::error_code& ec, bool negative, std::uint64_t magnitude, std::int64_t signed_value) {
        if (context_ != context::top_level || member_ == no_row) return unexpected_scalar(ec);
        auto const& row = member();
        auto& m = *out;
        switch (row.kind) {
        case member_kind::status:
            if (negative || magnitude < 100 || magnitude > 599)
                return fail(ec, kayako::error::integer_out_of_range, std::string(row.name));
            m.*place_as<int envelope_metadata::*>(row) = static_cast<int>(magnitude);
            stored_ |= 1u << member_;
            return true;
        case member_kind::count:
            if (negative) return fail(ec, kayako::error::integer_out_of_range, std::string(row.name));
            m.*place_as<std::optional<std::uint64_t> envelope_metadata::*>(row) = magnitude;
            return true;
        case member_kind::timestamp: {
            std::int64_t seconds = negative ? signed_value
                                   : magnitude > static_cast<std::uint64_t>(timestamp_max_seconds)
                                       ? timestamp_max_seconds + 1
                                       : static_cast<std::int64_t>(magnitude);
            if (seconds < timestamp_min_seconds || seconds > timestamp_max_seconds)
                return fail(ec, kayako::error::timestamp_out_of_range, std::string(row.name));
            m.*place_as<std::optional<timestamp> envelope_metadata::*>(row) = timestamp{seconds, 0};
            return true;
        }
        default: return unexpected_scalar(ec);
        }
    }

    context context_ = context::document;
    std::size_t skip_ = 0;               // containers to close before reading resumes
    std::size_t member_ = no_row;        // the top-level row whose value is read (or the list's)
    std::size_t entry_index_ = 0;        // the entry of that list
    std::size_t field_ = no_row;         // the row of the entry's field whose value is read
    field_kind field_kind_ = field_kind::text;
    std::string_view field_name_;
    std::uint32_t field_seen_ = 0;       // the entry's fields read so far
    std::size_t list_index_ = 0;         // the string of a `text_list` field
    std::uint32_t stored_ = 0;           // the top-level rows given a good value (`status`)
    std::size_t string_start_ = 0;
    std::size_t key_order_ = 0;          // keys read so far: the place of the current key
    std::array<spelling, envelope_table::size> member_spellings_{};
    std::array<std::size_t, envelope_table::size> member_order_{};  // where each member's key came first
    std::array<pending_error, envelope_table::size + 1> member_errors_{};
    pending_error member_duplicate_;
    std::array<spelling, most_entry_fields> field_spellings_{};    // of the entry being read
    std::array<std::size_t, most_entry_fields> field_order_{};
    std::array<pending_error, most_entry_fields> field_errors_{};
    pending_error field_duplicate_;
};

}  // namespace detail

/// Reads the metadata of a response body (JSON, JSONP or a 304's empty body) without building
/// `data`: same acceptance and errors as `parse_envelope`. May throw only `std::bad_alloc`.
inline envelope_result<parsed_envelope_metadata> parse_envelope_metadata(std::string_view body,
                                                                         envelope_parse_options const& opt = {}) {
    detail::prepared_body prepared;
    envelope_parse_error err;
    if (!detail::prepare_body(body, opt, prepared, err)) return err;

    parsed_envelope_metadata out;
    if (prepared.empty) {
        out.status = 304;
        parsed_envelope_metadata::access::set_no_body(out);
        return out;
    }

    detail::envelope_metadata_handler h;
    h.out = &out;
    h.text = parsed_envelope_metadata::access::reserve(out, prepared.json.size());
    boost::system::error_code ec;
    std::size_t const consumed = detail::read_json(prepared.json, opt.max_depth, h, ec);
    if (h.number_overflow) return detail::number_overflow_error(prepared.json, opt.max_depth, prepared.base);
    if (h.failed) return std::move(h.error);
    if (ec) return detail::json_syntax_error(ec, prepared.json, consumed, prepared.base);
    if (consumed != prepared.json.size())  // text after the value
        return envelope_parse_error{error::invalid_json, prepared.base + consumed, {}, {}};
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_ENVELOPE_METADATA_PARSER_HPP
