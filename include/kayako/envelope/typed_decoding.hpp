// kayako-proto — client side: a response read straight into the caller's own types (§4.3).
//
//     struct user { std::int64_t id; std::string full_name; std::optional<std::string> email; };
//     BOOST_DESCRIBE_STRUCT(user, (), (id, full_name, email))
//
//     auto r = kayako::decode_envelope<std::vector<user>>(body);
//     if (!r) log(r.error().message());           // "data[3].email: expected string at offset 812"
//     else if (r->meta.is_error()) ...             // errors, notifications, logs as parse_envelope
//     else for (user const& u : *r->data) ...      // no DOM was built
//
// `data` is read from the JSON text into `T` as the library's reader (`detail/json_reader.hpp`)
// hands it over, beside the metadata reader of `envelope_metadata_parser.hpp` (status, counts,
// links, errors, ...): no DOM, no second pass. The rules of the types (`detail/typed_reading.hpp`)
// follow `parse_envelope`'s tolerance: a described member's key may be spelled in snake, camel or
// Pascal case (§2.5, §6.1, §21.5); unknown keys are skipped; `null` is absent; a member that is not
// `std::optional` (nor `boost::json::value`) must be there, else `missing_parameter` names it —
// a struct says what it needs, as `value_to` of Boost.JSON's described classes does; two
// spellings of one key are `duplicate`; the same spelling twice keeps the last value.
//
// Errors: invalid JSON, a body that is no envelope, bad metadata — exactly as `parse_envelope`.
// A value of `data` of the wrong type or range stops the read at once with its JSON path
// (`data[3].email`), what was expected, and its offset in the body (a missing member: the offset
// of its object's `}`). A body wrong in `data` and in the metadata is reported by the problem in
// `data`; a second `data` member would not excuse an error in the first.
//
// Why a reader of our own: Boost.JSON's `basic_parser` (resumable, doubles read twice for §21.19)
// was about 40% of this reader's instructions. `read_json` accepts exactly the text Boost.JSON
// accepts and, on invalid text, reports Boost.JSON's own error and offset, so `parse_envelope`
// and this reader still agree byte for byte (fuzz/json_reader_fuzz.cpp checks it against
// Boost.JSON).
// Measured (benchmarks/decode_bench.cpp, 20 conversations, callgrind): 212k instructions per page
// against 429k for `parse` into a monotonic resource + `value_to` (316k with Boost.JSON's parser).
#ifndef KAYAKO_ENVELOPE_TYPED_DECODING_HPP
#define KAYAKO_ENVELOPE_TYPED_DECODING_HPP

#include <kayako/detail/envelope_members.hpp>
#include <kayako/detail/envelope_reading.hpp>
#include <kayako/detail/typed_reading.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/envelope_parse_error.hpp>

#include <kayako/detail/json_reader.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// A response read into a caller's type: its metadata and its `data`.
template <class T>
struct decoded_envelope {
    /// Status, counts, links, `errors`, `notifications`, `logs`, ... as `parse_envelope_metadata`
    /// reads them (it owns their text).
    parsed_envelope_metadata meta;
    /// `data` read into `T`; empty when the body has no `data` or `null` (an error response, a
    /// 304's empty body).
    std::optional<T> data;
};

namespace detail {

// The metadata handler sees every event outside `data`, and of `data` only its first and last
// (it skips `data` as the metadata reader does: noting it is there, counting it closed); the
// typed reader sees those of `data`, sparing the metadata handler most events of the body.
template <class T>
class typed_envelope_handler {
public:
    envelope_metadata_handler meta;
    typed_reader reader;
    std::optional<T>* data = nullptr;
    std::string_view input;

    bool on_document_begin(boost::system::error_code& ec) { return meta.on_document_begin(ec); }
    bool on_document_end(boost::system::error_code& ec) { return meta.on_document_end(ec); }

    bool on_object_begin(boost::system::error_code& ec) {
        if (reader.active()) return reader.on_object_begin(ec);
        if (!meta.on_object_begin(ec)) return false;
        if (starts_data()) return reader.on_object_begin(ec);
        ++depth_;
        return true;
    }
    bool on_array_begin(boost::system::error_code& ec) {
        if (reader.active()) return reader.on_array_begin(ec);
        if (!meta.on_array_begin(ec)) return false;
        if (starts_data()) return reader.on_array_begin(ec);
        ++depth_;
        return true;
    }
    bool on_object_end(std::size_t n, boost::system::error_code& ec) {
        if (reader.active()) {
            if (!reader.on_object_end(n, ec)) return false;
            if (reader.active()) return true;
        } else {
            --depth_;
        }
        return meta.on_object_end(n, ec);  // `data` closed, or a container outside it
    }
    bool on_array_end(std::size_t n, boost::system::error_code& ec) {
        if (reader.active()) {
            if (!reader.on_array_end(n, ec)) return false;
            if (reader.active()) return true;
        } else {
            --depth_;
        }
        return meta.on_array_end(n, ec);
    }
    bool on_key(std::string_view s, std::size_t n, boost::system::error_code& ec) {
        if (reader.active()) return reader.on_key(s, n, ec);
        if (depth_ == 1) data_next_ = envelope_table::match(s) == data_row;
        return meta.on_key(s, n, ec);
    }
    bool on_string(std::string_view s, std::size_t n, boost::system::error_code& ec) {
        return scalar(ec, [&](auto& h) { return h.on_string(s, n, ec); });
    }
    bool on_int64(std::int64_t v, std::string_view s, boost::system::error_code& ec) {
        return scalar(ec, [&](auto& h) { return h.on_int64(v, s, ec); });
    }
    bool on_uint64(std::uint64_t v, std::string_view s, boost::system::error_code& ec) {
        return scalar(ec, [&](auto& h) { return h.on_uint64(v, s, ec); });
    }
    bool on_double(double v, std::string_view s, boost::system::error_code& ec) {
        return scalar(ec, [&](auto& h) { return h.on_double(v, s, ec); });
    }
    bool on_bool(bool b, boost::system::error_code& ec) {
        return scalar(ec, [&](auto& h) { return h.on_bool(b, ec); });
    }
    bool on_null(boost::system::error_code& ec) {
        if (reader.active()) return reader.on_null(ec);
        if (data_is_next()) {
            data_next_ = false;
            data->reset();  // a null `data` is absent
        }
        return meta.on_null(ec);
    }

private:
    static constexpr std::size_t data_row = envelope_table::row_named("data");

    // The value that begins now is `data` (a new one: the last counts).
    bool data_is_next() const noexcept { return depth_ == 1 && data_next_; }
    bool starts_data() {
        if (!data_is_next()) return false;
        data_next_ = false;
        reader.start(&data->emplace(), &read_value<T>, "data", input);
        return true;
    }

    // A scalar inside `data` goes to the reader; one that is `data` to both (the metadata
    // handler notes `data` is there); any other to the metadata handler.
    template <class Forward>
    [[gnu::always_inline]] bool scalar(boost::system::error_code&, Forward forward) {
        if (reader.active()) return forward(reader);
        bool const is_data = starts_data();
        if (!forward(meta)) return false;
        return !is_data || forward(reader);
    }

    std::size_t depth_ = 0;   // containers open around the next event, outside `data`
    bool data_next_ = false;  // the next top-level value is `data`
};

// A bare JSON document read into `T`.
template <class T>
class typed_json_handler {
public:
    typed_reader reader;

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code& ec) { return reader.on_object_begin(ec); }
    bool on_array_begin(boost::system::error_code& ec) { return reader.on_array_begin(ec); }
    bool on_object_end(std::size_t n, boost::system::error_code& ec) { return reader.on_object_end(n, ec); }
    bool on_array_end(std::size_t n, boost::system::error_code& ec) { return reader.on_array_end(n, ec); }
    bool on_key(std::string_view s, std::size_t n, boost::system::error_code& ec) { return reader.on_key(s, n, ec); }
    bool on_string(std::string_view s, std::size_t n, boost::system::error_code& ec) { return reader.on_string(s, n, ec); }
    bool on_int64(std::int64_t v, std::string_view s, boost::system::error_code& ec) { return reader.on_int64(v, s, ec); }
    bool on_uint64(std::uint64_t v, std::string_view s, boost::system::error_code& ec) { return reader.on_uint64(v, s, ec); }
    bool on_double(double v, std::string_view s, boost::system::error_code& ec) { return reader.on_double(v, s, ec); }
    bool on_bool(bool b, boost::system::error_code& ec) { return reader.on_bool(b, ec); }
    bool on_null(boost::system::error_code& ec) { return reader.on_null(ec); }
};

}  // namespace detail

/// Reads a response body (JSON, JSONP, or a 304's empty body) into its metadata and its `data`
/// as a `T`: a described struct for one resource, `std::vector<S>` for a collection (§4.3, §7).
/// Accepts only bodies `parse_envelope` accepts, and reads from `data` the values `value_to<T>`
/// reads from its DOM (keys in snake case, every member present); errors say what and where
/// (see the file comment).
/// May throw only `std::bad_alloc` (and what `T`'s own constructors throw).
/// @code
/// struct user {
/// static constexpr std::string_view resource_type = "user";
/// std::int64_t id = 0;
/// std::string full_name;
/// };
/// BOOST_DESCRIBE_STRUCT(user, (), (id, full_name))
/// auto decoded = kayako::decode_envelope<user>(body);   // `fullName` and `FullName` read too
/// if (!decoded) log(decoded.error().message());        // "data.full_name: expected string"
/// else use(decoded->data);
/// @endcode
template <class T>
envelope_result<decoded_envelope<T>> decode_envelope(std::string_view body, envelope_parse_options const& opt = {}) {
    detail::prepared_body prepared;
    envelope_parse_error err;
    if (!detail::prepare_body(body, opt, prepared, err)) return err;

    decoded_envelope<T> out;
    if (prepared.empty) {
        out.meta.status = 304;
        parsed_envelope_metadata::access::set_no_body(out.meta);
        return out;
    }

    detail::typed_envelope_handler<T> h;
    h.meta.out = &out.meta;
    h.meta.text = parsed_envelope_metadata::access::reserve(out.meta, prepared.json.size());
    h.data = &out.data;
    h.input = prepared.json;
    boost::system::error_code ec;
    std::size_t const consumed = detail::read_json(prepared.json, opt.max_depth, h, ec);
    if (h.meta.number_overflow || h.reader.number_overflow())
        return detail::number_overflow_error(prepared.json, opt.max_depth, prepared.base);
    if (h.reader.failed()) return std::move(h.reader).error(consumed, prepared.base);
    if (h.meta.failed) return std::move(h.meta.error);
    if (ec) return detail::json_syntax_error(ec, prepared.json, consumed, prepared.base);
    if (consumed != prepared.json.size())  // text after the value
        return envelope_parse_error{error::invalid_json, prepared.base + consumed, {}, {}};
    return out;
}

/// Reads a bare JSON document (a resource on its own, not an envelope) into a `T`, with the
/// rules of `decode_envelope`; paths start at the document (`[3].email`, `full_name`). Options
/// other than `max_size` and `max_depth` do not apply. May throw only `std::bad_alloc`.
template <class T>
envelope_result<T> decode_json(std::string_view json, envelope_parse_options const& opt = {}) {
    if (json.size() > opt.max_size) return envelope_parse_error{error::too_long, opt.max_size, {}, {}};
    T out{};
    detail::typed_json_handler<T> h;
    h.reader.start(&out, &detail::read_value<T>, {}, json);
    boost::system::error_code ec;
    std::size_t const consumed = detail::read_json(json, opt.max_depth, h, ec);
    if (h.reader.number_overflow()) return detail::number_overflow_error(json, opt.max_depth, 0);
    if (h.reader.failed()) return std::move(h.reader).error(consumed, 0);
    if (ec) return detail::json_syntax_error(ec, json, consumed, 0);
    if (consumed != json.size()) return envelope_parse_error{error::invalid_json, consumed, {}, {}};
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_TYPED_DECODING_HPP
