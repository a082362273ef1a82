// kayako-proto — the few pieces of JSON text the envelope writer produces itself.
//
// Envelopes are mostly fixed member names around short strings and integers; writing those
// directly into the output string is cheaper than building a `boost::json::value` first. Values
// that are already JSON (`data`, `resources`) go through Boost.JSON's serializer or are spliced.
#ifndef KAYAKO_DETAIL_JSON_WRITER_HPP
#define KAYAKO_DETAIL_JSON_WRITER_HPP

#include <kayako/letter_case.hpp>

#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kayako::detail {

// Characters that need an escape inside a JSON string: `"`, `\` and the controls below 0x20.
constexpr bool json_needs_escape(char c) noexcept {
    auto const b = static_cast<unsigned char>(c);
    return b < 0x20 || c == '"' || c == '\\';
}

/// Index of the first byte of `text` that needs an escape, or `text.size()`. Eight bytes at a
/// time (SWAR): most strings of an envelope need none, and are then copied in one piece.
inline std::size_t first_json_escape(std::string_view text) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto has_zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t x;
        std::memcpy(&x, text.data() + i, 8);
        std::uint64_t const below_space = (x - ones * 0x20) & ~x & highs;  // some byte < 0x20
        if (below_space | has_zero_byte(x ^ (ones * '"')) | has_zero_byte(x ^ (ones * '\\'))) break;
    }
    for (; i < text.size(); ++i)
        if (json_needs_escape(text[i])) return i;
    return text.size();
}

/// Appends `text` as a JSON string literal, quotes included. Bytes >= 0x80 are copied as they are
/// (the text is expected to be UTF-8, as Boost.JSON's serializer expects too).
inline void append_json_string(std::string& out, std::string_view text) {
    std::size_t const clean = first_json_escape(text);
    out += '"';
    out.append(text.data(), clean);
    std::size_t run = clean;  // start of the pending run of bytes that need no escape
    for (std::size_t i = clean; i < text.size(); ++i) {
        char const c = text[i];
        if (!json_needs_escape(c)) continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            constexpr char hex[] = "0123456789abcdef";
            auto const b = static_cast<unsigned char>(c);
            char const esc[6] = {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 15]};
            out.append(esc, 6);
        }
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

template <class Integer>
void append_json_integer(std::string& out, Integer v) {
    char buf[24];
    auto const r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

/// Appends `"name":` with `snake_name` spelled in letter case `c`.
inline void append_json_key(std::string& out, std::string_view snake_name, letter_case c) {
    if (c == letter_case::snake && snake_name.size() <= 29) {  // the envelope's names: one append
        char buf[32];
        buf[0] = '"';
        std::memcpy(buf + 1, snake_name.data(), snake_name.size());
        buf[snake_name.size() + 1] = '"';
        buf[snake_name.size() + 2] = ':';
        out.append(buf, snake_name.size() + 3);
        return;
    }
    out += '"';
    append_case(out, snake_name, c);
    out += "\":";
}

/// Appends the serialization of `v`, without a temporary string.
inline void append_json_value(std::string& out, boost::json::value const& v) {
    boost::json::serializer sr;
    sr.reset(&v);
    while (!sr.done()) {
        std::size_t const used = out.size();
        std::size_t const room = out.capacity() - used;
        out.resize(used + (room < 256 ? 4096 : room));
        auto const written = sr.read(out.data() + used, out.size() - used);
        out.resize(used + written.size());
    }
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_JSON_WRITER_HPP
