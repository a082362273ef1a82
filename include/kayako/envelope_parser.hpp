// kayako-proto — client side: a response body read into a typed envelope (§4).
//
//     auto env = kayako::parse_envelope(body);          // envelope_result<parsed_envelope>
//     if (!env) log(env.error().message());            // "errors[2].code: expected string"
//     else if (env->is_error()) switch (*env->errors[0].known_code()) { ... }
//     else auto user = env->data_as<my_user>();         // Boost.JSON value_to conversion
//
// The body is parsed once with Boost.JSON into the caller's memory resource, every double read as
// the one nearest to its text (§21.19; a number too large for a double is `float_out_of_range`
// with its JSON path and offset, never infinity); the metadata members
// are then read from the top-level object and hold views into that DOM (no copies). Member names
// are accepted in snake, camel and Pascal case (§21.5); unknown members are ignored; a JSON `null`
// counts as absent. A member given twice in two letter cases (`status` and `Status`) is
// ambiguous and refused (`duplicate`); the same spelling twice keeps the last value, as Boost.JSON
// and JavaScript's `JSON.parse` do. An empty body is a 304's; a JSONP body (`cb({...});`) is
// unwrapped first.
//
// For the metadata alone, without building `data`, see `envelope_metadata_parser.hpp`.
#ifndef KAYAKO_ENVELOPE_PARSER_HPP
#define KAYAKO_ENVELOPE_PARSER_HPP

#include <kayako/detail/envelope_reading.hpp>
#include <kayako/detail/json_reading.hpp>
#include <kayako/envelope.hpp>
#include <kayako/envelope_parse_error.hpp>
#include <kayako/values.hpp>

#include <boost/json/parse_options.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// A response as a client reads it: the metadata (views into the DOM it owns), `data` and
/// `resources`. Move-only, because the views point into the DOM.
class parsed_envelope final : public envelope_metadata {
public:
    parsed_envelope() = default;
    parsed_envelope(parsed_envelope const&) = delete;
    parsed_envelope& operator=(parsed_envelope const&) = delete;
    // Moving a boost::json::value steals its storage, so the views stay valid.
    parsed_envelope(parsed_envelope&&) noexcept = default;
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

    bool has_data() const noexcept { return data_ != nullptr; }
    /// `data`, or a null value when absent.
    boost::json::value const& data() const noexcept { return data_ ? *data_ : null_value(); }
    /// `data` converted to the caller's type through Boost.JSON (`tag_invoke` / described types).
    template <class T>
    boost::system::result<T> data_as() const {
        return boost::json::try_value_to<T>(data());
    }

    bool has_resources() const noexcept { return resources_ != nullptr; }
    /// Flat-mode `resources` (§6.3), or a null value when absent.
    boost::json::value const& resources() const noexcept { return resources_ ? *resources_ : null_value(); }

    /// The whole body as parsed.
    boost::json::value const& root() const noexcept { return root_; }

    /// An envelope that writes this one again (views into this object).
    envelope to_envelope() const {
        envelope e;
        static_cast<envelope_metadata&>(e) = *this;
        if (data_) e.data = *data_;
        if (resources_) e.resources = *resources_;
        return e;
    }

private:
    friend envelope_result<parsed_envelope> parse_envelope(std::string_view, envelope_parse_options const&,
                                                           boost::json::storage_ptr);

    explicit parsed_envelope(boost::json::value&& root) noexcept : root_(std::move(root)) {}

    static boost::json::value const& null_value() noexcept {
        static boost::json::value const null;
        return null;
    }

    boost::json::value root_;
    boost::json::value const* data_ = nullptr;
    boost::json::value const* resources_ = nullptr;
    bool has_body_ = true;
};

namespace detail {

// Reads the metadata of an envelope DOM into an `envelope_metadata`, with JSON paths on failure.
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
        return fail(kayako::error::wrong_type, std::string(name), "integer");
    }

    bool read_status(boost::json::value const& v, int& out) {
        std::int64_t s = 0;
        if (auto const* i = v.if_int64())
            s = *i;
        else if (auto const* u = v.if_uint64())
            s = *u > 1000 ? 1000 : static_cast<std::int64_t>(*u);
        else
            return fail(kayako::error::wrong_type, "status", "integer");
        if (s < 100 || s > 599) return fail(kayako::error::integer_out_of_range, "status");
        out = static_cast<int>(s);
        return true;
    }

    bool read_timestamp(boost::json::value const& v, std::optional<timestamp>& out) {
        if (v.is_null()) {
            out.reset();
            return true;
        }
        if (auto const* s = v.if_string()) {
            auto t = parse_timestamp(*s);
            if (!t) return fail(t.error().code, "timestamp");
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
            return fail(kayako::error::wrong_type, "timestamp", "timestamp");
        if (seconds < timestamp_min_seconds || seconds > timestamp_max_seconds)
            return fail(kayako::error::timestamp_out_of_range, "timestamp");
        out = timestamp{seconds, 0};
        return true;
    }

    // Walks the members of `object`, calling `on(field_index, value)`; refuses a field that
    // appears in two spellings (Boost.JSON has already merged identical ones, last value kept).
    template <std::size_t N, class Where, class On>
    bool for_each_field(boost::json::object const& object, std::size_t (*match)(std::string_view) noexcept,
                        Where const& where, On on) {
        std::uint32_t seen = 0;
        for (auto const& kv : object) {
            std::size_t const f = match(kv.key());
            if (f == N) continue;
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

    bool read_error(boost::json::value const& v, std::size_t index, api_error_object& out) {
        auto const* object = v.if_object();
        if (!object) return fail(kayako::error::wrong_type, member_path("errors", index), "object");
        bool has_code = false;
        bool ok = for_each_field<error_field_names.size()>(*object, match_error_field, [&] { return member_path("errors", index); },
                                 [&](std::size_t f, boost::json::value const& fv) {
            auto const field = static_cast<error_field>(f);
            if (fv.is_null()) return true;
            auto path = [&] { return member_path("errors", index, error_field_names[f]); };
            switch (field) {
            case error_field::code: has_code = true; return read_string(fv, out.code, path);
            case error_field::message: return read_string(fv, out.message, path);
            case error_field::more_info: return read_string(fv, out.more_info, path);
            case error_field::parameter: return read_string(fv, out.parameter, path);
            case error_field::pointer: return read_string(fv, out.pointer, path);
            case error_field::parameters: {
                auto const* a = fv.if_array();
                if (!a) return fail(kayako::error::wrong_type, path(), "array");
                out.parameters.resize(a->size());
                for (std::size_t i = 0; i < a->size(); ++i)
                    if (!read_string((*a)[i], out.parameters[i], [&] { return member_path(path(), i); })) return false;
                return true;
            }
            default: return true;
            }
        });
        if (ok && !has_code) return fail(kayako::error::missing_parameter, member_path("errors", index, "code"));
        return ok;
    }

    bool read_notification(boost::json::value const& v, std::size_t index, notification& out) {
        auto const* object = v.if_object();
        if (!object) return fail(kayako::error::wrong_type, member_path("notifications", index), "object");
        bool has_type = false, has_message = false;
        bool ok = for_each_field<notification_field_names.size()>(*object, match_notification_field, [&] { return member_path("notifications", index); },
                                 [&](std::size_t f, boost::json::value const& fv) {
            if (fv.is_null()) return true;
            auto path = [&] { return member_path("notifications", index, notification_field_names[f]); };
            switch (static_cast<notification_field>(f)) {
            case notification_field::type: has_type = true; return read_string(fv, out.type, path);
            case notification_field::message: has_message = true; return read_string(fv, out.message, path);
            case notification_field::sticky:
                if (auto const* b = fv.if_bool()) {
                    out.sticky = *b;
                    return true;
                }
                return fail(kayako::error::wrong_type, path(), "boolean");
            case notification_field::related_url: return read_string(fv, out.related_url, path);
            case notification_field::related_href: return read_string(fv, out.related_href, path);
            case notification_field::related_label: return read_string(fv, out.related_label, path);
            default: return true;
            }
        });
        if (!ok) return false;
        if (!has_type) return fail(kayako::error::missing_parameter, member_path("notifications", index, "type"));
        if (!has_message) return fail(kayako::error::missing_parameter, member_path("notifications", index, "message"));
        return true;
    }

    bool read_log(boost::json::value const& v, std::size_t index, log_entry& out) {
        auto const* object = v.if_object();
        if (!object) return fail(kayako::error::wrong_type, member_path("logs", index), "object");
        bool has_level = false, has_message = false;
        bool ok = for_each_field<log_field_names.size()>(*object, match_log_field, [&] { return member_path("logs", index); },
                                 [&](std::size_t f, boost::json::value const& fv) {
            if (fv.is_null()) return true;
            auto path = [&] { return member_path("logs", index, log_field_names[f]); };
            if (static_cast<log_field>(f) == log_field::level) {
                has_level = true;
                return read_string(fv, out.level, path);
            }
            has_message = true;
            return read_string(fv, out.message, path);
        });
        if (!ok) return false;
        if (!has_level) return fail(kayako::error::missing_parameter, member_path("logs", index, "level"));
        if (!has_message) return fail(kayako::error::missing_parameter, member_path("logs", index, "message"));
        return true;
    }

    template <class T, class Read>
    bool read_list(boost::json::value const& v, std::vector<T>& out, std::string_view name, Read read) {
        out.clear();
        if (v.is_null()) return true;
        auto const* a = v.if_array();
        if (!a) return fail(kayako::error::wrong_type, std::string(name), "array");
        out.resize(a->size());
        for (std::size_t i = 0; i < a->size(); ++i)
            if (!(this->*read)((*a)[i], i, out[i])) return false;
        return true;
    }

    // Reads every recognised member of the top-level object.
    bool read(boost::json::object const& root, envelope_metadata& out, boost::json::value const*& data,
              boost::json::value const*& resources) {
        bool has_status = false;
        bool ok = for_each_field<envelope_member_names.size()>(root, match_envelope_member, [] { return std::string(); }, [&](std::size_t f, boost::json::value const& v) {
            std::string_view const name = envelope_member_names[f];
            switch (static_cast<envelope_member>(f)) {
            case envelope_member::status: has_status = true; return read_status(v, out.status);
            case envelope_member::data: data = v.is_null() ? nullptr : &v; return true;
            case envelope_member::resources: resources = v.is_null() ? nullptr : &v; return true;
            case envelope_member::resource: return read_optional_string(v, out.resource, name);
            case envelope_member::total_count: return read_count(v, out.total_count, name);
            case envelope_member::offset: return read_count(v, out.offset, name);
            case envelope_member::limit: return read_count(v, out.limit, name);
            case envelope_member::first_url: return read_optional_string(v, out.first_url, name);
            case envelope_member::previous_url: return read_optional_string(v, out.previous_url, name);
            case envelope_member::next_url: return read_optional_string(v, out.next_url, name);
            case envelope_member::last_url: return read_optional_string(v, out.last_url, name);
            case envelope_member::session_id: return read_optional_string(v, out.session_id, name);
            case envelope_member::auth_token: return read_optional_string(v, out.auth_token, name);
            case envelope_member::errors: return read_list(v, out.errors, name, &envelope_dom_reader::read_error);
            case envelope_member::notifications:
                return read_list(v, out.notifications, name, &envelope_dom_reader::read_notification);
            case envelope_member::logs: return read_list(v, out.logs, name, &envelope_dom_reader::read_log);
            case envelope_member::timestamp: return read_timestamp(v, out.server_time);
            default: return true;
            }
        });
        if (ok && !has_status) return fail(kayako::error::missing_parameter, "status");
        return ok;
    }
};

}  // namespace detail

/// Parses a response body (JSON envelope, JSONP-wrapped envelope, or a 304's empty body) into a
/// typed envelope. The DOM is allocated from `sp` (pass a `monotonic_resource` for speed; it must
/// outlive the result). May throw only `std::bad_alloc`.
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

    boost::json::parse_options po;
    po.max_depth = opt.max_depth;
    unsigned char temp[BOOST_JSON_STACK_BUFFER_SIZE];
    detail::json_dom_parser p(po, temp, sizeof temp);
    p.reset(std::move(sp));
    boost::system::error_code ec;
    std::size_t const consumed = p.write(prepared.json, ec);
    if (p.overflowed()) return detail::number_overflow_error(prepared.json, opt.max_depth, prepared.base);
    if (ec) return detail::json_syntax_error(ec, prepared.json, consumed, prepared.base);
    // Move *construction* keeps the caller's memory resource (assignment would copy into another).
    parsed_envelope out(p.release());

    auto const* root = out.root_.if_object();
    if (!root) return envelope_parse_error{error::invalid_envelope, failure::no_offset, {}, "object"};
    detail::envelope_dom_reader reader;
    if (!reader.read(*root, out, out.data_, out.resources_)) return std::move(reader.error);
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_PARSER_HPP
