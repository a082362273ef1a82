// kayako-proto — the two destinations of `output.hpp`'s renderer: JSON text written straight into
// a string (`text_sink`), or a `boost::json::value` built in place (`value_sink`). The renderer
// is one template over the sink, so both outputs come from the same decisions.
#ifndef KAYAKO_DETAIL_OUTPUT_SINKS_HPP
#define KAYAKO_DETAIL_OUTPUT_SINKS_HPP

#include <kayako/detail/json_writer.hpp>
#include <kayako/letter_case.hpp>

#include <boost/json/value.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako::detail {

// 1 for the bytes a JSON string must escape.
struct json_escape_table {
    bool needs[256] = {};
    constexpr json_escape_table() {
        for (int i = 0; i < 0x20; ++i) needs[i] = true;
        needs[static_cast<unsigned char>('"')] = true;
        needs[static_cast<unsigned char>('\\')] = true;
    }
};
inline constexpr json_escape_table json_escapes{};

/// `append_json_string` with a table lookup and bulk copies of the runs that need no escape;
/// the same bytes as Boost.JSON's serializer.
inline void append_json_string_fast(std::string& out, std::string_view text) {
    out += '"';
    char const* p = text.data();
    char const* const end = p + text.size();
    char const* run = p;
    while (p != end) {
        // Eight bytes at a time while none needs an escape (no byte < 0x20, `"` or `\`).
        while (end - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
            std::uint64_t const quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
            // "some byte < 0x20", "some byte is zero" (bit tricks; a false alarm only means the
            // byte loop below looks closer)
            std::uint64_t const special = ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash);
            if (special & highs) break;
            p += 8;
        }
        if (p == end) break;
        if (!json_escapes.needs[static_cast<unsigned char>(*p)]) {
            ++p;
            continue;
        }
        out.append(run, static_cast<std::size_t>(p - run));
        char const c = *p++;
        run = p;
        switch (c) {
        case '"': out.append("\\\"", 2); break;
        case '\\': out.append("\\\\", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        case '\t': out.append("\\t", 2); break;
        case '\b': out.append("\\b", 2); break;
        case '\f': out.append("\\f", 2); break;
        default: {
            constexpr char hex[] = "0123456789abcdef";
            auto const b = static_cast<unsigned char>(c);
            char const esc[6] = {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 15]};
            out.append(esc, 6);
        }
        }
    }
    out.append(run, static_cast<std::size_t>(end - run));
    out += '"';
}

/// Writes JSON text into a string, commas included.
class text_sink {
public:
    explicit text_sink(std::string& out) noexcept : out_(&out) {}

    std::string& buffer() noexcept { return *out_; }

    /// A member name already spelled, quoted and preceded by a comma: `,"fullName":`.
    void key(std::string_view /*name*/, std::string_view separated_json_key) {
        out_->append(comma_ ? separated_json_key : separated_json_key.substr(1));
        comma_ = false;
    }
    /// A member name to spell in letter case `c` now.
    void key_converted(std::string_view name, letter_case c) {
        separate();
        scratch_.clear();
        append_case(scratch_, name, c);
        append_json_string_fast(*out_, scratch_);
        *out_ += ':';
        comma_ = false;
    }
    /// A member name written as it is (flat mode's ids).
    void key_verbatim(std::string_view name) {
        separate();
        append_json_string_fast(*out_, name);
        *out_ += ':';
        comma_ = false;
    }

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    void null() { scalar("null"); }
    void boolean(bool b) { scalar(b ? std::string_view("true") : std::string_view("false")); }
    void number(std::int64_t v) { integer(v); }
    void number(std::uint64_t v) { integer(v); }
    void number(double v) {
        separate();
        boost::json::value const tmp(v);
        append_json_value(*out_, tmp);  // Boost.JSON's own double format, as the value path gets
        comma_ = true;
    }
    void string(std::string_view s) {
        separate();
        append_json_string_fast(*out_, s);
        comma_ = true;
    }
    /// A string given both plain and already quoted and escaped (a schema's pre-spelled type).
    void string_json(std::string_view /*plain*/, std::string_view quoted) { scalar(quoted); }
    /// A string spelled in letter case `c` now (`resource_type` values, §21.5).
    void string_converted(std::string_view s, letter_case c) {
        scratch_.clear();
        append_case(scratch_, s, c);
        string(scratch_);
    }
    /// A complete JSON value produced by another `text_sink`.
    void splice(std::string_view json) { scalar(json); }

private:
    void separate() {
        if (comma_) *out_ += ',';
    }
    void open(char c) {
        separate();
        *out_ += c;
        comma_ = false;
    }
    void close(char c) {
        *out_ += c;
        comma_ = true;
    }
    void scalar(std::string_view s) {
        separate();
        out_->append(s);
        comma_ = true;
    }
    template <class I>
    void integer(I v) {
        separate();
        char buf[24];
        auto const r = std::to_chars(buf, buf + sizeof buf, v);
        out_->append(buf, static_cast<std::size_t>(r.ptr - buf));
        comma_ = true;
    }

    std::string* out_;
    std::string scratch_;
    bool comma_ = false;
};

/// Builds a `boost::json::value`. Members with equal names keep the last value (as
/// `boost::json::parse` does with duplicate keys).
class value_sink {
public:
    explicit value_sink(boost::json::storage_ptr sp = {}) : sp_(std::move(sp)), result_(sp_) {}

    boost::json::value take() { return std::move(result_); }
    boost::json::value const& result() const noexcept { return result_; }

    void key(std::string_view name, std::string_view /*json_key*/) { key_.assign(name); }
    void key_converted(std::string_view name, letter_case c) {
        key_.clear();
        append_case(key_, name, c);
    }
    void key_verbatim(std::string_view name) { key_.assign(name); }

    void begin_object() { open(boost::json::object(sp_)); }
    void end_object() { close(); }
    void begin_array() { open(boost::json::array(sp_)); }
    void end_array() { close(); }

    void null() { emit(boost::json::value(nullptr, sp_)); }
    void boolean(bool b) { emit(boost::json::value(b, sp_)); }
    void number(std::int64_t v) { emit(boost::json::value(v, sp_)); }
    void number(std::uint64_t v) { emit(boost::json::value(v, sp_)); }
    void number(double v) { emit(boost::json::value(v, sp_)); }
    void string(std::string_view s) { emit(boost::json::value(boost::json::string(s, sp_))); }
    void string_json(std::string_view plain, std::string_view /*quoted*/) { string(plain); }
    void string_converted(std::string_view s, letter_case c) {
        boost::json::string out(sp_);
        std::string tmp;
        append_case(tmp, s, c);
        out.assign(tmp);
        emit(boost::json::value(std::move(out)));
    }
    /// A complete value produced by another `value_sink`.
    void splice(boost::json::value&& v) { emit(std::move(v)); }

private:
    void open(boost::json::value v) {
        keys_.push_back(std::move(key_));
        key_.clear();
        stack_.push_back(std::move(v));
    }
    void close() {
        boost::json::value v = std::move(stack_.back());
        stack_.pop_back();
        key_ = std::move(keys_.back());
        keys_.pop_back();
        emit(std::move(v));
    }
    void emit(boost::json::value&& v) {
        if (stack_.empty()) {
            result_ = std::move(v);
            return;
        }
        auto& top = stack_.back();
        if (top.is_object())
            top.get_object().insert_or_assign(key_, std::move(v));
        else
            top.get_array().push_back(std::move(v));
    }

    boost::json::storage_ptr sp_;
    boost::json::value result_;
    std::vector<boost::json::value> stack_;
    std::vector<std::string> keys_;
    std::string key_;
};

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_OUTPUT_SINKS_HPP
