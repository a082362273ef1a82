// kayako-proto — the two destinations of `output.hpp`'s renderer: JSON text written straight into
// a string (`text_sink`), or a `boost::json::value` built in place (`value_sink`). The renderer
// is one template over the sink, so both outputs come from the same decisions.
#ifndef KAYAKO_DETAIL_OUTPUT_SINKS_HPP
#define KAYAKO_DETAIL_OUTPUT_SINKS_HPP

#include <kayako/detail/json_writer.hpp>
#include <kayako/core/letter_case.hpp>

#include <boost/json/value.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako::detail {

/// Writes JSON text into a string, commas included. For speed it writes through a raw pointer
/// into the string's full capacity and trims the string to what was written on `text()` or on
/// destruction; read the string only after either.
class text_sink {
public:
    explicit text_sink(std::string& out) : out_(&out) {
        std::size_t const used = out.size();
        expand(out, out.capacity() > used + 64 ? out.capacity() : used + 256);
        begin_ = out.data();
        pos_ = begin_ + used;
        end_ = begin_ + out.size();
    }
    text_sink(text_sink&& o) noexcept
        : out_(o.out_), begin_(o.begin_), pos_(o.pos_), end_(o.end_), scratch_(std::move(o.scratch_)), comma_(o.comma_) {
        o.out_ = nullptr;
    }
    text_sink& operator=(text_sink&&) = delete;
    text_sink(text_sink const&) = delete;
    ~text_sink() { trim(); }

    /// What was written so far (trims the string; write nothing more afterwards).
    std::string_view text() {
        std::string* const out = out_;
        trim();
        return out ? std::string_view(*out) : std::string_view();
    }

    /// A member name already spelled, quoted and preceded by a comma: `,"fullName":`.
    [[gnu::always_inline]] void key(std::string_view /*name*/, std::string_view separated_json_key) {
        // Unchecked `substr(1)`: a separated key is never empty, and the check would cost a call.
        put(comma_ ? separated_json_key
                   : std::string_view(separated_json_key.data() + 1, separated_json_key.size() - 1));
        comma_ = false;
    }
    /// A member name to spell in letter case `c` now.
    void key_converted(std::string_view name, letter_case c) {
        separate();
        scratch_.clear();
        append_case(scratch_, name, c);
        put_string(scratch_);
        put(':');
        comma_ = false;
    }
    /// A member name written as it is (flat mode's ids).
    void key_verbatim(std::string_view name) {
        separate();
        put_string(name);
        put(':');
        comma_ = false;
    }

    // The small writes are forced inline: they are a few instructions each, and the walk calls
    // them from its member loop, where a call would cost more than the write.
    [[gnu::always_inline]] void begin_object() { open('{'); }
    [[gnu::always_inline]] void end_object() { close('}'); }
    [[gnu::always_inline]] void begin_array() { open('['); }
    [[gnu::always_inline]] void end_array() { close(']'); }

    [[gnu::always_inline]] void null() { scalar("null"); }
    [[gnu::always_inline]] void boolean(bool b) { scalar(b ? std::string_view("true") : std::string_view("false")); }
    [[gnu::always_inline]] void number(std::int64_t v) { integer(v); }
    [[gnu::always_inline]] void number(std::uint64_t v) { integer(v); }
    /// `write_json_double`'s form (`1.23`, `3.0`; `null` for NaN and infinities).
    void number(double v) {
        reserve(json_double_max_chars + 1);
        if (comma_) *pos_++ = ',';
        pos_ = write_json_double(pos_, v);
        comma_ = true;
    }
    [[gnu::always_inline]] void string(std::string_view s) {
        separate();
        put_string(s);
        comma_ = true;
    }
    /// A string given both plain and already quoted and escaped (a schema's pre-spelled type).
    [[gnu::always_inline]] void string_json(std::string_view /*plain*/, std::string_view quoted) { scalar(quoted); }
    /// A string spelled in letter case `c` now (`resource_type` values, §21.5).
    void string_converted(std::string_view s, letter_case c) {
        scratch_.clear();
        append_case(scratch_, s, c);
        string(scratch_);
    }
    /// A complete JSON value produced by another `text_sink`.
    void splice(std::string_view json) { scalar(json); }
    /// A whole `boost::json::value`, written as it is (`write_json_value`).
    void value(boost::json::value const& v) {
        separate();
        pos_ = write_json_value(pos_, v, room{this});
        comma_ = true;
    }

private:
    void trim() noexcept {
        if (out_) out_->resize(static_cast<std::size_t>(pos_ - begin_));  // shrinking: no throw
        out_ = nullptr;
    }
    // Makes `out.size() == n`, keeping the content before the old size; the bytes after it are
    // written before they are read (C++23 spares zero-filling them).
    static void expand(std::string& out, std::size_t n) {
#if defined(__cpp_lib_string_resize_and_overwrite)
        out.resize_and_overwrite(n, [](char*, std::size_t size) { return size; });
#else
        out.resize(n);
#endif
    }
    [[gnu::always_inline]] void reserve(std::size_t n) {
        if (static_cast<std::size_t>(end_ - pos_) < n) [[unlikely]]
            grow(n);
    }
    [[gnu::noinline]] void grow(std::size_t n) {
        std::size_t const used = static_cast<std::size_t>(pos_ - begin_);
        std::size_t const size = used + n > 2 * out_->size() ? used + n : 2 * out_->size();
        expand(*out_, size);
        begin_ = out_->data();
        pos_ = begin_ + used;
        end_ = begin_ + size;
    }
    [[gnu::always_inline]] void put(char c) {
        reserve(1);
        *pos_++ = c;
    }
    [[gnu::always_inline]] void put(std::string_view s) {
        reserve(s.size());
        if (!s.empty()) std::memcpy(pos_, s.data(), s.size());  // an empty view may have no data
        pos_ += s.size();
    }
    // The `Room` of json_writer.hpp's writers: they write at `pos`, and ask for `n` more bytes.
    struct room {
        text_sink* sink;
        char* operator()(char* pos, std::size_t n) const {
            sink->pos_ = pos;
            sink->reserve(n);
            return sink->pos_;
        }
    };
    // `s` as a JSON string (`write_json_string`, the library's one escaper).
    void put_string(std::string_view s) {
        pos_ = write_json_string(pos_, s, room{this});
    }
    [[gnu::always_inline]] void separate() {
        if (comma_) put(',');
    }
    [[gnu::always_inline]] void open(char c) {
        reserve(2);
        if (comma_) *pos_++ = ',';
        *pos_++ = c;
        comma_ = false;
    }
    [[gnu::always_inline]] void close(char c) {
        put(c);
        comma_ = true;
    }
    [[gnu::always_inline]] void scalar(std::string_view s) {
        reserve(s.size() + 1);
        if (comma_) *pos_++ = ',';
        std::memcpy(pos_, s.data(), s.size());
        pos_ += s.size();
        comma_ = true;
    }
    template <class I>
    [[gnu::always_inline]] void integer(I v) {
        reserve(22);
        if (comma_) *pos_++ = ',';
        pos_ = std::to_chars(pos_, pos_ + 21, v).ptr;
        comma_ = true;
    }

    std::string* out_;
    char* begin_;
    char* pos_;
    char* end_;
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
