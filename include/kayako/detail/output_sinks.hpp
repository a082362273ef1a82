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
    void key(std::string_view /*name*/, std::string_view separated_json_key) {
        put(comma_ ? separated_json_key : separated_json_key.substr(1));
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

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    void null() { scalar("null"); }
    void boolean(bool b) { scalar(b ? std::string_view("true") : std::string_view("false")); }
    void number(std::int64_t v) { integer(v); }
    void number(std::uint64_t v) { integer(v); }
    void number(double v) {
        scratch_.clear();
        boost::json::value const tmp(v);
        append_json_value(scratch_, tmp);  // Boost.JSON's own double format, as the value path gets
        scalar(scratch_);
    }
    void string(std::string_view s) {
        separate();
        put_string(s);
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
    void put(char c) {
        reserve(1);
        *pos_++ = c;
    }
    void put(std::string_view s) {
        reserve(s.size());
        std::memcpy(pos_, s.data(), s.size());
        pos_ += s.size();
    }
    // `s` as a JSON string: runs that need no escape are copied in bulk, eight bytes are checked
    // at a time; the same bytes as Boost.JSON's serializer.
    void put_string(std::string_view s) {
        reserve(s.size() + 2);
        *pos_++ = '"';
        char const* p = s.data();
        char const* const end = p + s.size();
        char const* run = p;
        for (;;) {
            while (end - p >= 8) {
                std::uint64_t w;
                std::memcpy(&w, p, 8);
                constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
                std::uint64_t const quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
                // "some byte < 0x20", "some byte is zero" (bit tricks; a false alarm only means
                // the byte loop below looks closer)
                std::uint64_t const special = ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash);
                if (special & highs) break;
                p += 8;
            }
            char const* const stop = end - p > 8 ? p + 8 : end;  // at most one word byte by byte
            while (p != stop && !json_escapes.needs[static_cast<unsigned char>(*p)]) ++p;
            if (p == end) break;
            if (p == stop) continue;  // a false alarm: back to words
            // `*p` needs an escape: flush the run, write the escape
            std::size_t const n = static_cast<std::size_t>(p - run);
            reserve(n + 6);
            std::memcpy(pos_, run, n);
            pos_ += n;
            char const c = *p++;
            run = p;
            char e = 0;
            switch (c) {
            case '"': e = '"'; break;
            case '\\': e = '\\'; break;
            case '\n': e = 'n'; break;
            case '\r': e = 'r'; break;
            case '\t': e = 't'; break;
            case '\b': e = 'b'; break;
            case '\f': e = 'f'; break;
            default: break;
            }
            if (e) {
                pos_[0] = '\\';
                pos_[1] = e;
                pos_ += 2;
            } else {
                constexpr char hex[] = "0123456789abcdef";
                auto const b = static_cast<unsigned char>(c);
                char const esc[6] = {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 15]};
                std::memcpy(pos_, esc, 6);
                pos_ += 6;
            }
        }
        std::size_t const n = static_cast<std::size_t>(end - run);
        reserve(n + 1);
        std::memcpy(pos_, run, n);
        pos_ += n;
        *pos_++ = '"';
    }
    void separate() {
        if (comma_) put(',');
    }
    void open(char c) {
        reserve(2);
        if (comma_) *pos_++ = ',';
        *pos_++ = c;
        comma_ = false;
    }
    void close(char c) {
        put(c);
        comma_ = true;
    }
    void scalar(std::string_view s) {
        reserve(s.size() + 1);
        if (comma_) *pos_++ = ',';
        std::memcpy(pos_, s.data(), s.size());
        pos_ += s.size();
        comma_ = true;
    }
    template <class I>
    void integer(I v) {
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
