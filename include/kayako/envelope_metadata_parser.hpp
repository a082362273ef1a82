// kayako-proto — client side: the metadata of a response without building its `data` (§4.3).
//
// A client that pages through a collection, checks for errors or follows links does not need a
// DOM of every resource. This reader drives Boost.JSON's SAX-style `basic_parser` with a handler
// that keeps `status`, the counts, the links, `session_id`, `auth_token`, `errors`,
// `notifications`, `logs` and `timestamp`, and only validates the syntax of `data` and
// `resources`. Strings it keeps are copied into one buffer the result owns (never longer than the
// body), so the result does not depend on the body's lifetime.
//
// It accepts and refuses what `parse_envelope` does, with the same errors and paths. (A body that
// is wrong in shape *and* later in syntax may be reported by its first problem here, by its
// syntax there: this reader checks shape while it reads.)
#ifndef KAYAKO_ENVELOPE_METADATA_PARSER_HPP
#define KAYAKO_ENVELOPE_METADATA_PARSER_HPP

#include <kayako/detail/envelope_reading.hpp>
#include <kayako/envelope.hpp>
#include <kayako/envelope_parse_error.hpp>
#include <kayako/values.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace kayako {

/// The metadata of a response; owns the text its views point into. Movable (the buffer moves
/// with it), not copyable.
class parsed_envelope_metadata final : public envelope_metadata {
public:
    parsed_envelope_metadata() = default;
    parsed_envelope_metadata(parsed_envelope_metadata&&) noexcept = default;
    parsed_envelope_metadata& operator=(parsed_envelope_metadata&&) noexcept = default;

    bool has_body() const noexcept { return has_body_; }
    /// Whether `data` / `resources` were present (and not null); their content is not kept.
    bool has_data() const noexcept { return has_data_; }
    bool has_resources() const noexcept { return has_resources_; }

private:
    friend envelope_result<parsed_envelope_metadata> parse_envelope_metadata(std::string_view,
                                                                             envelope_parse_options const&);
    std::unique_ptr<char[]> text_;
    bool has_body_ = true;
    bool has_data_ = false;
    bool has_resources_ = false;

public:
    // For the handler only.
    struct access {
        static char* reserve(parsed_envelope_metadata& m, std::size_t n) {
            m.text_ = std::make_unique_for_overwrite<char[]>(n == 0 ? 1 : n);
            return m.text_.get();
        }
        static void set_data(parsed_envelope_metadata& m, bool v) noexcept { m.has_data_ = v; }
        static void set_resources(parsed_envelope_metadata& m, bool v) noexcept { m.has_resources_ = v; }
        static void set_no_body(parsed_envelope_metadata& m) noexcept { m.has_body_ = false; }
    };
};

namespace detail {

// The SAX handler. Depth 1 is the top-level object; 2 a list (`errors`, ...); 3 an entry of
// it; 4 an entry's `parameters` array. Any value this reader does not keep (`data`, unknown
// members) is skipped by counting nesting until it closes.
class envelope_metadata_handler {
public:
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    parsed_envelope_metadata* out = nullptr;
    char* text = nullptr;          // the result's buffer
    std::size_t text_used = 0;
    envelope_parse_error error;
    bool failed = false;
    bool number_overflow = false;  // stopped at a number too large for a double: `error` is not set

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code& ec) {
        pending_error* first = nullptr;
        for (auto& p : pending_)
            if (p.set && (!first || p.order < first->order)) first = &p;
        if (first) return hard_fail(ec, first->error.code, std::move(first->error.path), first->error.expected);
        if (!has_status_) return hard_fail(ec, kayako::error::missing_parameter, "status");
        return true;
    }

    bool on_object_begin(boost::system::error_code& ec) {
        if (skipping()) return ++depth_, true;
        switch (depth_) {
        case 0: depth_ = 1; return true;
        case 1: return begin_member_container(ec, /*is_array=*/false);
        case 2: return begin_entry(ec);
        case 3: return begin_field_container(ec, false);
        default: return fail_open(ec, kayako::error::wrong_type, member_path(parameters_path(), param_index_), "string");
        }
    }

    bool on_object_end(std::size_t, boost::system::error_code& ec) { return end_container(ec); }

    bool on_array_begin(boost::system::error_code& ec) {
        if (skipping()) return ++depth_, true;
        switch (depth_) {
        case 0: return hard_fail(ec, kayako::error::invalid_envelope, {}, "object");
        case 1: return begin_member_container(ec, true);
        case 2: return fail_open(ec, kayako::error::wrong_type, member_path(list_name(), entry_index_ + 1), "object");
        case 3: return begin_field_container(ec, true);
        default: return fail_open(ec, kayako::error::wrong_type, member_path(parameters_path(), param_index_), "string");
        }
    }

    bool on_array_end(std::size_t, boost::system::error_code& ec) { return end_container(ec); }

    bool on_key_part(std::string_view s, std::size_t, boost::system::error_code&) {
        if (!skipping()) append_key(s);
        return true;
    }
    bool on_key(std::string_view s, std::size_t, boost::system::error_code& ec) {
        if (skipping()) return true;
        append_key(s);
        std::string_view const key(key_, key_length_);
        bool const overlong = key_overlong_;
        key_length_ = 0;
        key_overlong_ = false;
        if (depth_ == 1) return on_member_key(ec, overlong ? std::string_view() : key, key);
        return on_field_key(ec, overlong ? std::string_view() : key, key);
    }

    bool on_string_part(std::string_view s, std::size_t, boost::system::error_code&) {
        if (!skipping() && wants_string()) keep(s);
        return true;
    }
    bool on_string(std::string_view s, std::size_t, boost::system::error_code& ec) {
        if (skipping()) return true;
        if (!wants_string()) return scalar(ec, value_kind::string);
        keep(s);
        std::string_view const v(text + string_start_, text_used - string_start_);
        string_start_ = text_used;
        return string_value(ec, v);
    }

    bool on_number_part(std::string_view s, boost::system::error_code&) {
        number_.add_part(s);
        return true;
    }
    bool on_int64(std::int64_t v, std::string_view, boost::system::error_code& ec) {
        number_.clear();
        if (skipping()) return true;
        return integer_value(ec, v < 0, v < 0 ? 0 : static_cast<std::uint64_t>(v), v);
    }
    bool on_uint64(std::uint64_t v, std::string_view, boost::system::error_code& ec) {
        number_.clear();
        if (skipping()) return true;
        return integer_value(ec, false, v, 0);
    }
    // No double is kept here, but one too large for a double stops this reader wherever it is,
    // skipped `data` included, as it stops `parse_envelope` (§21.19); its path is found afterwards.
    bool on_double(double approximate, std::string_view last, boost::system::error_code& ec) {
        std::string_view const text = number_.complete(last);
        if (json_double_overflows(text, approximate)) [[unlikely]] {
            number_overflow = true;
            failed = true;
            ec = boost::json::error::exception;  // any code: it only stops the parser
            return false;
        }
        number_.clear();
        return skipping() || scalar(ec, value_kind::number);
    }
    bool on_bool(bool b, boost::system::error_code& ec) {
        if (skipping()) return true;
        if (depth_ == 3 && list_ == envelope_member::notifications &&
            field_ == static_cast<std::size_t>(notification_field::sticky)) {
            out->notifications.back().sticky = b;
            return true;
        }
        return scalar(ec, value_kind::boolean);
    }
    bool on_null(boost::system::error_code& ec) {
        if (skipping()) return true;
        if (depth_ == 1) {
            if (member_ == envelope_member::status) return fail(ec, kayako::error::wrong_type, "status", "integer");
            reset_member();
            return true;
        }
        if (depth_ == 3) return true;  // an entry's null field is absent
        return scalar(ec, value_kind::null);
    }
    bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_comment(std::string_view, boost::system::error_code&) { return true; }

private:
    enum class value_kind { string, number, boolean, null };

    // An error that stops the parse: `parse_envelope_metadata` reports `error`.
    bool hard_fail(boost::system::error_code& ec, kayako::error code, std::string path,
                   std::string_view expected = {}) {
        error = {code, failure::no_offset, std::move(path), expected};
        failed = true;
        ec = boost::json::error::exception;  // any code: it only stops the parser
        return false;
    }

    // An error in the value of the current member. It is only *pending*: the same key may come
    // again and its last value is the one that counts (as in the DOM reader, where Boost.JSON
    // keeps the last duplicate). The rest of this value is skipped; the document's end reports
    // the first pending error left. `opens` says the offending value is a container just opened.
    bool fail(boost::system::error_code&, kayako::error code, std::string path, std::string_view expected = {},
              bool opens = false) {
        auto& slot = pending_[static_cast<std::size_t>(member_)];
        if (!slot.set) {
            slot.error = {code, failure::no_offset, std::move(path), expected};
            slot.set = true;
            slot.order = ++pending_order_;
        }
        if (opens) {
            skip_base_ = 1;
            ++depth_;
        } else if (depth_ > 1) {
            skip_base_ = 1;
        }
        return true;
    }
    bool fail_open(boost::system::error_code& ec, kayako::error code, std::string path, std::string_view expected) {
        return fail(ec, code, std::move(path), expected, true);
    }

    struct pending_error {
        envelope_parse_error error;
        std::size_t order = 0;
        bool set = false;
    };

    bool skipping() const noexcept { return skip_base_ != 0; }
    void skip_from_here() noexcept {
        skip_base_ = depth_;
        ++depth_;
    }

    std::string_view list_name() const noexcept { return envelope_member_names[static_cast<std::size_t>(list_)]; }
    std::string parameters_path() const { return member_path("errors", entry_index_, "parameters"); }
    std::string field_path() const { return member_path(list_name(), entry_index_, field_names()[field_]); }
    std::span<std::string_view const> field_names() const noexcept {
        switch (list_) {
        case envelope_member::errors: return error_field_names;
        case envelope_member::notifications: return notification_field_names;
        default: return log_field_names;
        }
    }

    // What a member or field expects, for messages.
    static std::string_view member_expectation(envelope_member m) noexcept {
        switch (m) {
        case envelope_member::status:
        case envelope_member::total_count:
        case envelope_member::offset:
        case envelope_member::limit: return "integer";
        case envelope_member::errors:
        case envelope_member::notifications:
        case envelope_member::logs: return "array";
        case envelope_member::timestamp: return "timestamp";
        default: return "string";
        }
    }

    bool begin_member_container(boost::system::error_code& ec, bool is_array) {
        switch (member_) {
        case envelope_member::data:
            parsed_envelope_metadata::access::set_data(*out, true);
            skip_from_here();
            return true;
        case envelope_member::resources:
            parsed_envelope_metadata::access::set_resources(*out, true);
            skip_from_here();
            return true;
        case envelope_member::unknown: skip_from_here(); return true;
        case envelope_member::errors:
        case envelope_member::notifications:
        case envelope_member::logs:
            if (!is_array) break;
            list_ = member_;
            entry_index_ = static_cast<std::size_t>(-1);
            if (list_ == envelope_member::errors) out->errors.clear();
            if (list_ == envelope_member::notifications) out->notifications.clear();
            if (list_ == envelope_member::logs) out->logs.clear();
            depth_ = 2;
            return true;
        default: break;
        }
        return fail_open(ec, kayako::error::wrong_type, std::string(envelope_member_names[static_cast<std::size_t>(member_)]),
                         member_expectation(member_));
    }

    bool begin_entry(boost::system::error_code&) {
        ++entry_index_;
        switch (list_) {
        case envelope_member::errors: out->errors.emplace_back(); break;
        case envelope_member::notifications:
            out->notifications.emplace_back();
            out->notifications.back().type = {};
            break;
        default:
            out->logs.emplace_back();
            out->logs.back().level = {};
            break;
        }
        field_seen_ = 0;
        depth_ = 3;
        return true;
    }

    bool begin_field_container(boost::system::error_code& ec, bool is_array) {
        if (field_ == field_names().size()) {  // unknown field
            skip_from_here();
            return true;
        }
        if (is_array && list_ == envelope_member::errors &&
            field_ == static_cast<std::size_t>(error_field::parameters)) {
            out->errors.back().parameters.clear();
            param_index_ = 0;
            depth_ = 4;
            return true;
        }
        std::string_view expected = "string";
        if (list_ == envelope_member::errors && field_ == static_cast<std::size_t>(error_field::parameters))
            expected = "array";
        if (list_ == envelope_member::notifications && field_ == static_cast<std::size_t>(notification_field::sticky))
            expected = "boolean";
        return fail_open(ec, kayako::error::wrong_type, field_path(), expected);
    }

    bool end_container(boost::system::error_code& ec) {
        --depth_;
        if (skipping()) {
            if (depth_ == skip_base_) skip_base_ = 0;
            return true;
        }
        if (depth_ == 2) return end_entry(ec);  // an entry closed
        return true;
    }

    bool end_entry(boost::system::error_code& ec) {
        auto seen = [&](std::size_t f) { return (field_seen_ & (1u << f)) != 0; };
        switch (list_) {
        case envelope_member::errors:
            if (!seen(0) || out->errors.back().code.data() == nullptr)
                return fail(ec, kayako::error::missing_parameter, member_path("errors", entry_index_, "code"));
            return true;
        case envelope_member::notifications:
            if (out->notifications.back().type.data() == nullptr)
                return fail(ec, kayako::error::missing_parameter, member_path("notifications", entry_index_, "type"));
            if (out->notifications.back().message.data() == nullptr)
                return fail(ec, kayako::error::missing_parameter, member_path("notifications", entry_index_, "message"));
            return true;
        default:
            if (out->logs.back().level.data() == nullptr)
                return fail(ec, kayako::error::missing_parameter, member_path("logs", entry_index_, "level"));
            if (out->logs.back().message.data() == nullptr)
                return fail(ec, kayako::error::missing_parameter, member_path("logs", entry_index_, "message"));
            return true;
        }
    }

    void append_key(std::string_view s) noexcept {
        if (key_overlong_ || key_length_ + s.size() > sizeof key_) {
            key_overlong_ = true;
            return;
        }
        std::memcpy(key_ + key_length_, s.data(), s.size());
        key_length_ += s.size();
    }

    // Same member in another spelling: ambiguous. Same spelling: the last value wins.
    struct spelling {
        char text[16];
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

    bool on_member_key(boost::system::error_code& ec, std::string_view key, std::string_view spelled) {
        std::size_t const m = key.empty() ? envelope_member_names.size() : match_envelope_member(key);
        member_ = static_cast<envelope_member>(m);
        if (m == envelope_member_names.size()) return true;
        auto& s = member_spellings_[m];
        if (s.seen && !s.same(key)) return hard_fail(ec, kayako::error::duplicate, std::string(spelled));
        pending_[m].set = false;  // the same key again: its earlier value no longer counts
        s.set(key);
        return true;
    }

    bool on_field_key(boost::system::error_code& ec, std::string_view key, std::string_view spelled) {
        auto const names = field_names();
        std::size_t f = names.size();
        if (!key.empty()) {
            switch (list_) {
            case envelope_member::errors: f = match_error_field(key); break;
            case envelope_member::notifications: f = match_notification_field(key); break;
            default: f = match_log_field(key); break;
            }
        }
        field_ = f;
        if (f == names.size()) return true;
        auto& s = field_spellings_[f];
        if ((field_seen_ & (1u << f)) && !s.same(key))
            return hard_fail(ec, kayako::error::duplicate, member_path(list_name(), entry_index_) + "." + std::string(spelled));
        field_seen_ |= 1u << f;
        s.set(key);
        return true;
    }

    // Whether the string being read is kept (copied into the result's buffer).
    bool wants_string() const noexcept {
        switch (depth_) {
        case 1:
            return member_ != envelope_member::unknown && member_ != envelope_member::data &&
                   member_ != envelope_member::resources && member_expectation(member_) != "integer" &&
                   member_expectation(member_) != "array";
        case 3:
            if (field_ == field_names().size()) return false;
            if (list_ == envelope_member::errors) return field_ != static_cast<std::size_t>(error_field::parameters);
            if (list_ == envelope_member::notifications)
                return field_ != static_cast<std::size_t>(notification_field::sticky);
            return true;
        case 4: return true;
        default: return false;
        }
    }

    void keep(std::string_view s) noexcept {
        std::memcpy(text + text_used, s.data(), s.size());
        text_used += s.size();
    }

    void reset_member() noexcept {
        auto& m = *out;
        switch (member_) {
        case envelope_member::data: parsed_envelope_metadata::access::set_data(m, false); break;
        case envelope_member::resources: parsed_envelope_metadata::access::set_resources(m, false); break;
        case envelope_member::resource: m.resource.reset(); break;
        case envelope_member::total_count: m.total_count.reset(); break;
        case envelope_member::offset: m.offset.reset(); break;
        case envelope_member::limit: m.limit.reset(); break;
        case envelope_member::first_url: m.first_url.reset(); break;
        case envelope_member::previous_url: m.previous_url.reset(); break;
        case envelope_member::next_url: m.next_url.reset(); break;
        case envelope_member::last_url: m.last_url.reset(); break;
        case envelope_member::session_id: m.session_id.reset(); break;
        case envelope_member::auth_token: m.auth_token.reset(); break;
        case envelope_member::errors: m.errors.clear(); break;
        case envelope_member::notifications: m.notifications.clear(); break;
        case envelope_member::logs: m.logs.clear(); break;
        case envelope_member::timestamp: m.server_time.reset(); break;
        default: break;
        }
    }

    // A scalar this reader did not expect where it is.
    bool scalar(boost::system::error_code& ec, value_kind) {
        switch (depth_) {
        case 1:
            if (member_ == envelope_member::unknown) return true;
            if (member_ == envelope_member::data) {
                parsed_envelope_metadata::access::set_data(*out, true);
                return true;
            }
            if (member_ == envelope_member::resources) {
                parsed_envelope_metadata::access::set_resources(*out, true);
                return true;
            }
            return fail(ec, kayako::error::wrong_type, std::string(envelope_member_names[static_cast<std::size_t>(member_)]),
                        member_expectation(member_));
        case 2: return fail(ec, kayako::error::wrong_type, member_path(list_name(), entry_index_ + 1), "object");
        case 3: {
            if (field_ == field_names().size()) return true;
            std::string_view expected = "string";
            if (list_ == envelope_member::errors && field_ == static_cast<std::size_t>(error_field::parameters))
                expected = "array";
            if (list_ == envelope_member::notifications &&
                field_ == static_cast<std::size_t>(notification_field::sticky))
                expected = "boolean";
            return fail(ec, kayako::error::wrong_type, field_path(), expected);
        }
        case 4: return fail(ec, kayako::error::wrong_type, member_path(parameters_path(), param_index_), "string");
        default: return hard_fail(ec, kayako::error::invalid_envelope, {}, "object");
        }
    }

    bool string_value(boost::system::error_code& ec, std::string_view v) {
        auto& m = *out;
        if (depth_ == 1) {
            switch (member_) {
            case envelope_member::resource: m.resource = v; return true;
            case envelope_member::first_url: m.first_url = v; return true;
            case envelope_member::previous_url: m.previous_url = v; return true;
            case envelope_member::next_url: m.next_url = v; return true;
            case envelope_member::last_url: m.last_url = v; return true;
            case envelope_member::session_id: m.session_id = v; return true;
            case envelope_member::auth_token: m.auth_token = v; return true;
            case envelope_member::timestamp: {
                auto t = parse_timestamp(v);
                if (!t) return fail(ec, t.error().code, "timestamp");
                m.server_time = *t;
                return true;
            }
            default: return true;
            }
        }
        if (depth_ == 4) {
            m.errors.back().parameters.push_back(v);
            ++param_index_;
            return true;
        }
        // depth 3: a field of an entry
        switch (list_) {
        case envelope_member::errors: {
            auto& e = m.errors.back();
            switch (static_cast<error_field>(field_)) {
            case error_field::code: e.code = v; break;
            case error_field::message: e.message = v; break;
            case error_field::more_info: e.more_info = v; break;
            case error_field::parameter: e.parameter = v; break;
            case error_field::pointer: e.pointer = v; break;
            default: break;
            }
            return true;
        }
        case envelope_member::notifications: {
            auto& n = m.notifications.back();
            switch (static_cast<notification_field>(field_)) {
            case notification_field::type: n.type = v; break;
            case notification_field::message: n.message = v; break;
            case notification_field::related_url: n.related_url = v; break;
            case notification_field::related_href: n.related_href = v; break;
            case notification_field::related_label: n.related_label = v; break;
            default: break;
            }
            return true;
        }
        default: {
            auto& l = m.logs.back();
            if (field_ == static_cast<std::size_t>(log_field::level))
                l.level = v;
            else
                l.message = v;
            return true;
        }
        }
    }

    bool integer_value(boost::system::error_code& ec, bool negative, std::uint64_t magnitude, std::int64_t signed_value) {
        if (depth_ != 1) return scalar(ec, value_kind::number);
        auto& m = *out;
        std::string_view const name = envelope_member_names[static_cast<std::size_t>(member_)];
        switch (member_) {
        case envelope_member::status:
            if (negative || magnitude < 100 || magnitude > 599)
                return fail(ec, kayako::error::integer_out_of_range, "status");
            m.status = static_cast<int>(magnitude);
            has_status_ = true;
            return true;
        case envelope_member::total_count:
        case envelope_member::offset:
        case envelope_member::limit: {
            if (negative) return fail(ec, kayako::error::integer_out_of_range, std::string(name));
            auto& slot = member_ == envelope_member::total_count ? m.total_count
                         : member_ == envelope_member::offset    ? m.offset
                                                                 : m.limit;
            slot = magnitude;
            return true;
        }
        case envelope_member::timestamp: {
            std::int64_t seconds = negative ? signed_value
                                   : magnitude > static_cast<std::uint64_t>(timestamp_max_seconds)
                                       ? timestamp_max_seconds + 1
                                       : static_cast<std::int64_t>(magnitude);
            if (seconds < timestamp_min_seconds || seconds > timestamp_max_seconds)
                return fail(ec, kayako::error::timestamp_out_of_range, "timestamp");
            m.server_time = timestamp{seconds, 0};
            return true;
        }
        default: return scalar(ec, value_kind::number);
        }
    }

    std::size_t depth_ = 0;
    std::size_t skip_base_ = 0;
    envelope_member member_ = envelope_member::unknown;
    envelope_member list_ = envelope_member::unknown;
    std::size_t entry_index_ = 0;
    std::size_t field_ = 0;
    std::uint32_t field_seen_ = 0;
    std::size_t param_index_ = 0;
    std::size_t string_start_ = 0;
    bool has_status_ = false;
    char key_[16];
    std::size_t key_length_ = 0;
    bool key_overlong_ = false;
    std::array<spelling, envelope_member_names.size()> member_spellings_{};
    std::array<spelling, 6> field_spellings_{};
    std::array<pending_error, envelope_member_names.size() + 1> pending_{};
    std::size_t pending_order_ = 0;
    json_number_text number_;
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

    boost::json::parse_options po;
    po.max_depth = opt.max_depth;
    boost::json::basic_parser<detail::envelope_metadata_handler> p(po);
    auto& h = p.handler();
    h.out = &out;
    h.text = parsed_envelope_metadata::access::reserve(out, prepared.json.size());
    boost::system::error_code ec;
    std::size_t const consumed = p.write_some(false, prepared.json.data(), prepared.json.size(), ec);
    if (h.number_overflow) return detail::number_overflow_error(prepared.json, opt.max_depth, prepared.base);
    if (h.failed) return std::move(h.error);
    if (ec) return detail::json_syntax_error(ec, prepared.json, consumed, prepared.base);
    if (consumed != prepared.json.size())  // text after the value
        return envelope_parse_error{error::invalid_json, prepared.base + consumed, {}, {}};
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_ENVELOPE_METADATA_PARSER_HPP
