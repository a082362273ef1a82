// kayako-proto — client side: a response body read into a typed envelope (§4).
//
//     auto env = kayako::parse_envelope(body);          // envelope_result<parsed_envelope>
//     if (!env) log(env.error().message());            // "errors[2].code: expected string"
//     else if (env->is_error()) switch (*env->errors[0].known_code()) { ... }
//     else auto user = env->data_as<my_user>();         // Boost.JSON value_to conversion
//
// The body is read once (the library's `read_json`) into a Boost.JSON DOM in the caller's memory
// resource, every double read as the one nearest to its text (§21.19; a number too large for a
// double is `float_out_of_range` with its JSON path and offset, never infinity); the metadata members
// are then read from the top-level object and hold views into that DOM (no copies). Member names
// are accepted in snake, camel and Pascal case (§21.5); unknown members are ignored; a JSON `null`
// counts as absent. A member given twice in two letter cases (`status` and `Status`) is
// ambiguous and refused (`duplicate`); the same spelling twice keeps the last value, as Boost.JSON
// and JavaScript's `JSON.parse` do. The same rule holds for the fields of an entry of `errors`,
// `notifications` and `logs` (`{"code":1,"code":"A"}` is code `A`; `"code":"A","code":null` has
// no code). An empty body is a 304's; a JSONP body (`cb({...});`) is unwrapped first.
//
// For the metadata alone, without building `data`, see `envelope_metadata_parser.hpp`.
#ifndef KAYAKO_ENVELOPE_ENVELOPE_PARSER_HPP
#define KAYAKO_ENVELOPE_ENVELOPE_PARSER_HPP

#include <kayako/detail/envelope_members.hpp>
#include <kayako/detail/envelope_reading.hpp>
#include <kayako/detail/json_dom_reading.hpp>
#include <kayako/detail/json_reading.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_parse_error.hpp>
#include <kayako/core/values.hpp>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

namespace detail {
// Where the DOM reader notes `data` and `resources` (`payload_slot` order), null when absent.
using payload_values = std::array<boost::json::value const*, payload_slot_count>;
}  // namespace detail

/// A response as a client reads it: the metadata (views into the DOM it owns), `data` and
/// `resources`. Move-only, because the views point into the DOM.
class parsed_envelope final : public envelope_metadata {
public:
    parsed_envelope() = default;
    parsed_envelope(parsed_envelope const&) = delete;
    parsed_envelope& operator=(parsed_envelope const&) = delete;
    // Moving a boost::json::value steals its storage, so the views stay valid.
    /// Moves; the views stay valid (the JSON value's storage moves with it).
    parsed_envelope(parsed_envelope&&) noexcept = default;
    /// Move assignment.
    parsed_envelope& operator=(parsed_envelope&& other) noexcept {
        // json::value's move *assignment* copies across memory resources, which would leave the
        // views pointing at the old copy; rebuilding by move construction always steals.
        if (this != &other) {
            this->~parsed_envelope();
            ::new (static_cast<void*>(this)) parsed_envelope(std::move(other));
        }
        return *this;
    }

    /// False for an empty body (304).
    bool has_body() const noexcept { return has_body_; }

    /// Whether `data` was present and not null.
    bool has_data() const noexcept { return payload(detail::payload_slot::data) != nullptr; }
    /// `data`, or a null value when absent.
    boost::json::value const& data() const noexcept { return or_null(payload(detail::payload_slot::data)); }
    /// `data` converted to the caller's type through Boost.JSON (`tag_invoke` / described types).
    template <class T>
    boost::system::result<T> data_as() const {
        return boost::json::try_value_to<T>(data());
    }

    /// Whether flat mode's `resources` was present and not null (§6.3).
    bool has_resources() const noexcept { return payload(detail::payload_slot::resources) != nullptr; }
    /// Flat-mode `resources` (§6.3), or a null value when absent.
    boost::json::value const& resources() const noexcept { return or_null(payload(detail::payload_slot::resources)); }

    /// The whole body as parsed.
    boost::json::value const& root() const noexcept { return root_; }

    /// An envelope that writes this one again (views into this object).
    envelope to_envelope() const {
        envelope e;
        static_cast<envelope_metadata&>(e) = *this;
        if (has_data()) e.data = data();
        if (has_resources()) e.resources = resources();
        return e;
    }

private:
    friend envelope_result<parsed_envelope> parse_envelope(std::string_view, envelope_parse_options const&,
                                                           boost::json::storage_ptr);

    explicit parsed_envelope(boost::json::value&& root) noexcept : root_(std::move(root)) {}

    boost::json::value const* payload(detail::payload_slot s) const noexcept {
        return payloads_[static_cast<std::size_t>(s)];
    }
    static boost::json::value const& or_null(boost::json::value const* v) noexcept {
        static boost::json::value const null;
        return v ? *v : null;
    }

    boost::json::value root_;
    detail::payload_values payloads_{};  // `data` and `resources`, null when absent
    bool has_body_ = true;
};

namespace detail {

// Reads the metadata of an envelope DOM into an `envelope_metadata`, with JSON paths on failure:
// each key found in the member tables (`envelope_members.hpp`) is read as its row's kind says.
class envelope_dom_reader {
public:
    envelope_parse_error error;

    bool fail(kayako::error code, std::string path, std::string_view expected = {}) {
        error = {code, failure::no_offset, std::move(path), expected};
        return false;
    }

    // `path()` makes the JSON path, only when something fails: the good path allocates nothing.
    template <class Path>
    bool read_string(boost::json::value const& v, std::string_view& out, Path const& path) {
        if (auto const* s = v.if_string()) {
            out = *s;
            return true;
        }
        return fail(kayako::error::wrong_type, path(), "string");
    }

    bool read_optional_string(boost::json::value const& v, std::optional<std::string_view>& out, std::string_view name) {
        if (v.is_null()) {
            out.reset();
            return true;
        }
        std::string_view s;
        if (!read_string(v, s, [name] { return std::string(name); })) return false;
        out = s;
        return true;
    }

    bool read_count(boost::json::value const& v, std::optional<std::uint64_t>& out, std::string_view name) {
        if (v.is_null()) {
            out.reset();
            return true;
        }
        if (auto const* u = v.if_uint64()) {
            out = *u;
            return true;
        }
        if (auto const* i = v.if_int64()) {
            if (*i < 0) return fail(kayako::error::integer_out_of_range, std::string(name));
            out = static_cast<std::uint64_t>(*i);
            return true;
        }
        return fail(kayako::error::wrong_type, std::string(name), expected_json(member_kind::count));
    }

    // A status is never absent: `null` is of the wrong type.
    bool read_status(boost::json::value const& v, int& out, std::string_view name) {
        std::int64_t s = 0;
        if (auto const* i = v.if_int64())
            s = *i;
        else if (auto const* u = v.if_uint64())
            s = *u > 1000 ? 1000 : static_cast<std::int64_t>(*u);
        else
            return fail(kayako::error::wrong_type, std::string(name), expected_json(member_kind::status));
        if (s < 100 || s > 599) return fail(kayako::error::integer_out_of_range, std::string(name));
        out = static_cast<int>(s);
        return true;
    }

    bool read_timestamp(boost::json::value const& v, std::optional<timestamp>& out, std::string_view name) {
        if (v.is_null()) {
            out.reset();
            return true;
        }
        if (auto const* s = v.if_string()) {
            auto t = parse_timestamp(*s);
            if (!t) return fail(t.error().code, std::string(name));
            out = *t;
            return true;
        }
        std::int64_t seconds = 0;
        if (auto const* i = v.if_int64())
            seconds = *i;
        else if (auto const* u = v.if_uint64())
            seconds = *u > static_cast<std::uint64_t>(timestamp_max_seconds) ? timestamp_max_seconds + 1
                                                                              : static_cast<std::int64_t>(*u);
        else
            return fail(kayako::error::wrong_type, std::string(name), expected_json(member_kind::timestamp));
        if (seconds < timestamp_min_seconds || seconds > timestamp_max_seconds)
            return fail(kayako::error::timestamp_out_of_range, std::string(name));
        out = timestamp{seconds, 0};
        return true;
    }

    // Walks the members of `object` that `Table` names, calling `on(row, value)`; refuses a row
    // given in two spellings (Boost.JSON has already merged identical ones, last value kept).
    template <class Table, class Where, class On>
    bool for_each_member(boost::json::object const& object, Where const& where, On on) {
        std::uint32_t seen = 0;
        for (auto const& kv : object) {
            std::size_t const f = Table::match(kv.key());
            if (f == Table::size) continue;
            if (seen & (1u << f)) {
                std::string path = where();
                if (!path.empty()) path += '.';
                path += kv.key();
                return fail(kayako::error::duplicate, std::move(path));
            }
            seen |= 1u << f;
            if (!on(f, kv.value())) return false;
        }
        return true;
    }

    // One entry of `errors`, `notifications` or `logs`, read through its table: a null field is
    // absent, and a `required_text` field must be given.
    template <class Entry>
    bool read_entry(boost::json::value const& v, std::size_t index, Entry& out) {
        using table = entry_table<Entry>;
        auto const* object = v.if_object();
        if (!object) return fail(kayako::error::wrong_type, member_path(table::list, index), "object");
        std::uint32_t given = 0;
        bool const ok = for_each_member<table>(*object, [&] { return member_path(table::list, index); },
                                               [&](std::size_t f, boost::json::value const& fv) {
            if (fv.is_null()) return true;
            given |= 1u << f;
            auto const& row = table::rows[f];
            auto path = [&] { return member_path(table::list, index, row.name); };
            switch (row.kind) {
            case field_kind::required_text:
            case field_kind::text: return read_string(fv, out.*place_as<std::string_view Entry::*>(row), path);
            case field_kind::text_list: {
                auto const* a = fv.if_array();
                if (!a) return fail(kayako::error::wrong_type, path(), expected_json(row.kind));
                auto& list = out.*place_as<std::vector<std::string_view> Entry::*>(row);
                list.resize(a->size());
                for (std::size_t i = 0; i < a->size(); ++i)
                    if (!read_string((*a)[i], list[i], [&] { return member_path(path(), i); })) return false;
                return true;
            }
            case field_kind::flag:
                if (auto const* b = fv.if_bool()) {
                    out.*place_as<std::optional<bool> Entry::*>(row) = *b;
                    return true;
                }
                return fail(kayako::error::wrong_type, path(), expected_json(row.kind));
            }
            return true;
        });
        if (!ok) return false;
        if (std::size_t const f = table::first_missing(given); f != table::size)
            return fail(kayako::error::missing_parameter, member_path(table::list, index, table::rows[f].name));
        return true;
    }

    template <class Entry>
    bool read_entries(boost::json::value const& v, std::vector<Entry>& out, std::string_view name) {
        out.clear();
        if (v.is_null()) return true;
        auto const* a = v.if_array();
        if (!a) return fail(kayako::error::wrong_type, std::string(name), expected_json(member_kind::entries));
        out.resize(a->size());
        for (std::size_t i = 0; i < a->size(); ++i)
            if (!read_entry((*a)[i], i, out[i])) return false;
        return true;
    }

    bool read_member(member_row const& row, boost::json::value const& v, envelope_metadata& out,
                     payload_values& payloads) {
        switch (row.kind) {
        case member_kind::status: return read_status(v, out.*place_as<int envelope_metadata::*>(row), row.name);
        case member_kind::count:
            return read_count(v, out.*place_as<std::optional<std::uint64_t> envelope_metadata::*>(row), row.name);
        case member_kind::text:
        case member_kind::resource_name:
            return read_optional_string(v, out.*place_as<std::optional<std::string_view> envelope_metadata::*>(row),
                                        row.name);
        case member_kind::timestamp:
            return read_timestamp(v, out.*place_as<std::optional<timestamp> envelope_metadata::*>(row), row.name);
        case member_kind::payload:
            payloads[static_cast<std::size_t>(place_as<payload_place>(row).read)] = v.is_null() ? nullptr : &v;
            return true;
        case member_kind::entries:
            return with_entries(row, out, [&](auto& list) { return read_entries(v, list, row.name); });
        }
        return true;
    }

    // Reads every recognised member of the top-level object; `status` must be there.
    bool read(boost::json::object const& root, envelope_metadata& out, payload_values& payloads) {
        std::uint32_t given = 0;
        bool const ok = for_each_member<envelope_table>(root, [] { return std::string(); },
                                                        [&](std::size_t f, boost::json::value const& v) {
            given |= 1u << f;
            return read_member(envelope_table::rows[f], v, out, payloads);
        });
        if (!ok) return false;
        if (std::size_t const f = envelope_table::first_missing(given); f != envelope_table::size)
            return fail(kayako::error::missing_parameter, std::string(envelope_table::rows[f].name));
        return true;
    }
};

}  // namespace detail

/// Parses a response body (JSON envelope, JSONP-wrapped envelope, or a 304's empty body) into a
/// typed envelope. The DOM is allocated from `sp` (pass a `monotonic_resource` for speed; it must
/// outlive the result). May throw only `std::bad_alloc`.
/// @code
/// auto env = kayako::parse_envelope(body);          // envelope_result<parsed_envelope>
/// if (!env) log(env.error().message());            // "errors[2].code: expected string"
/// else if (env->is_error()) handle(env->errors[0].code, env->errors[0].parameter);
/// else if (env->next_url) fetch(*env->next_url);   // and env->data(): the resource or page
/// @endcode
inline envelope_result<parsed_envelope> parse_envelope(std::string_view body, envelope_parse_options const& opt = {},
                                                       boost::json::storage_ptr sp = {}) {
    detail::prepared_body prepared;
    envelope_parse_error err;
    if (!detail::prepare_body(body, opt, prepared, err)) return err;

    if (prepared.empty) {
        parsed_envelope out;
        out.status = 304;
        out.has_body_ = false;
        return out;
    }

    unsigned char temp[BOOST_JSON_STACK_BUFFER_SIZE];
    boost::system::error_code ec;
    std::size_t consumed = 0;
    bool overflowed = false;
    boost::json::value document =
        detail::read_json_dom(prepared.json, opt.max_depth, std::move(sp), temp, sizeof temp, ec, consumed, overflowed);
    if (overflowed) return detail::number_overflow_error(prepared.json, opt.max_depth, prepared.base);
    if (ec) return detail::json_syntax_error(ec, prepared.json, consumed, prepared.base);
    // Move *construction* keeps the caller's memory resource (assignment would copy into another).
    parsed_envelope out(std::move(document));

    auto const* root = out.root_.if_object();
    if (!root) return envelope_parse_error{error::invalid_envelope, failure::no_offset, {}, "object"};
    detail::envelope_dom_reader reader;
    if (!reader.read(*root, out, out.payloads_)) return std::move(reader.error);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_ENVELOPE_PARSER_HPP
