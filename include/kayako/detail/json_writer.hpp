// kayako-proto — the JSON text the library writes itself: strings (`write_json_string`, the one
// escaper), doubles (`write_json_double`) and whole `boost::json::value`s (`write_json_value`).
// `output_sinks.hpp`'s `text_sink` writes the renderer's output and envelopes with them.
//
// Each writer writes at a raw pointer and asks a `Room` callable for space only where the text
// may grow; `string_room` and the `append_json_*` functions adapt them to a `std::string`.
//
// Doubles: every double the library writes as JSON text goes through `write_json_double` — the
// shortest form that reads back to the same double (`std::to_chars`): `1.23`, `0.000134`,
// `1e+100`, not Boost.JSON 1.81's `1.23E0`. An integral value keeps a `.0` (`3.0`) so that it is
// still a double when parsed again. NaN and infinities have no JSON spelling: they are written
// as `null`.
#ifndef KAYAKO_DETAIL_JSON_WRITER_HPP
#define KAYAKO_DETAIL_JSON_WRITER_HPP

#include <boost/json/value.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kayako::detail {

// 1 for the bytes a JSON string must escape: `"`, `\` and the controls below 0x20.
struct json_escape_table {
    bool needs[256] = {};
    constexpr json_escape_table() {
        for (int i = 0; i < 0x20; ++i) needs[i] = true;
        needs[static_cast<unsigned char>('"')] = true;
        needs[static_cast<unsigned char>('\\')] = true;
    }
};
inline constexpr json_escape_table json_escapes{};

/// The library's one JSON string escaper. Writes `s` as a JSON string literal, quotes included,
/// at `pos`; returns the end. `room(pos, n)` must make `n` bytes writable from `pos` and return
/// where `pos` is now (the buffer may move). Runs that need no escape are found eight bytes at a
/// time and copied in bulk; bytes >= 0x80 are copied as they are (the text is expected to be
/// UTF-8); the same bytes as Boost.JSON's serializer.
template <class Room>
char* write_json_string(char* pos, std::string_view s, Room&& room) {
    pos = room(pos, s.size() + 2);
    *pos++ = '"';
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
        pos = room(pos, n + 6);
        std::memcpy(pos, run, n);
        pos += n;
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
            pos[0] = '\\';
            pos[1] = e;
            pos += 2;
        } else {
            constexpr char hex[] = "0123456789abcdef";
            auto const b = static_cast<unsigned char>(c);
            char const esc[6] = {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 15]};
            std::memcpy(pos, esc, 6);
            pos += 6;
        }
    }
    std::size_t const n = static_cast<std::size_t>(end - run);
    pos = room(pos, n + 1);
    std::memcpy(pos, run, n);
    pos += n;
    *pos++ = '"';
    return pos;
}

/// The `Room` of the writers here for a `std::string` they write into: makes `n` bytes writable
/// at `pos` (a pointer into the string), at least doubling the string when it grows, and returns
/// where `pos` is now. The writer trims the string to what it wrote when it is done.
struct string_room {
    std::string& out;
    char* operator()(char* pos, std::size_t n) const {
        std::size_t const at = static_cast<std::size_t>(pos - out.data());
        if (out.size() - at < n) [[unlikely]]
            out.resize(at + n > 2 * out.size() ? at + n : 2 * out.size());
        return out.data() + at;
    }
};

/// Appends `text` as a JSON string literal, quotes included (`write_json_string`).
inline void append_json_string(std::string& out, std::string_view text) {
    std::size_t const used = out.size();
    out.resize(used + text.size() + 2);  // room for the common case: nothing to escape
    char* const end = write_json_string(out.data() + used, text, string_room{out});
    out.resize(static_cast<std::size_t>(end - out.data()));
}

/// Room `write_json_double` needs.
inline constexpr std::size_t json_double_max_chars = 32;

/// Writes `v` as JSON at `first` (at least `json_double_max_chars` bytes of room); returns the end.
/// Shortest round-trip form (`std::to_chars`), `.0` appended when that form reads as an integer,
/// `null` for NaN and infinities (JSON has no spelling for them).
inline char* write_json_double(char* first, double v) noexcept {
    if (!std::isfinite(v)) {
        std::memcpy(first, "null", 4);
        return first + 4;
    }
    char* const last = std::to_chars(first, first + json_double_max_chars - 2, v).ptr;  // <= 24 bytes
    for (char const* p = first; p != last; ++p)
        if (*p == '.' || *p == 'e') return last;
    last[0] = '.';
    last[1] = '0';
    return last + 2;
}

/// Writes `v` as JSON text at `pos` and returns the end (`room` as for `write_json_string`):
/// Boost.JSON's serializer's bytes, except doubles, which are written by `write_json_double`.
/// Recursion follows the value's depth, which Boost.JSON's parser bounds (64 by default).
template <class Room>
char* write_json_value(char* pos, boost::json::value const& v, Room const& room) {
    auto literal = [&](std::string_view text) {
        pos = room(pos, text.size());
        std::memcpy(pos, text.data(), text.size());
        return pos + text.size();
    };
    switch (v.kind()) {
    case boost::json::kind::null: return literal("null");
    case boost::json::kind::bool_: return literal(v.get_bool() ? "true" : "false");
    case boost::json::kind::int64: pos = room(pos, 24); return std::to_chars(pos, pos + 24, v.get_int64()).ptr;
    case boost::json::kind::uint64: pos = room(pos, 24); return std::to_chars(pos, pos + 24, v.get_uint64()).ptr;
    case boost::json::kind::double_: pos = room(pos, json_double_max_chars); return write_json_double(pos, v.get_double());
    case boost::json::kind::string: return write_json_string(pos, v.get_string(), room);
    case boost::json::kind::array: {
        char separator = '[';
        for (auto const& x : v.get_array()) {
            pos = room(pos, 1);
            *pos++ = separator;
            separator = ',';
            pos = write_json_value(pos, x, room);
        }
        pos = room(pos, 2);
        if (separator == '[') *pos++ = '[';  // empty
        *pos++ = ']';
        return pos;
    }
    case boost::json::kind::object: {
        char separator = '{';
        for (auto const& m : v.get_object()) {
            pos = room(pos, 1);
            *pos++ = separator;
            separator = ',';
            pos = write_json_string(pos, m.key(), room);
            pos = room(pos, 1);
            *pos++ = ':';
            pos = write_json_value(pos, m.value(), room);
        }
        pos = room(pos, 2);
        if (separator == '{') *pos++ = '{';  // empty
        *pos++ = '}';
        return pos;
    }
    }
    return pos;
}

/// Appends `v` as JSON text (`write_json_value`).
inline void append_json_value(std::string& out, boost::json::value const& v) {
    std::size_t const used = out.size();
    out.resize(out.capacity() > used + 64 ? out.capacity() : used + 256);  // write into what is there
    char* const end = write_json_value(out.data() + used, v, string_room{out});
    out.resize(static_cast<std::size_t>(end - out.data()));
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_JSON_WRITER_HPP
