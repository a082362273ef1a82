// kayako-proto — the JSON text the library writes itself: strings (`write_json_string`, the one
// escaper), doubles (`write_json_double`) and whole `boost::json::value`s (`write_json_value`).
// `output_sinks.hpp`'s `text_sink` writes the renderer's output and envelopes with them.
//
// Each writer writes at a raw pointer and asks a `Room` callable for space only where the text
// may grow; `string_room` and the `append_json_*` functions adapt them to a `std::string`.
//
// Doubles: every double the library writes as JSON text goes through `write_json_double` — the
// shortest digits that read back to the same double, laid out as Python's `repr` (§21.19):
// `1.23`, `0.000134`, `1e+100`, `-2.109808898695963e+16`, not Boost.JSON 1.81's `1.23E0`. An
// integral value keeps a `.0` (`3.0`) so that it is still a double when parsed again. NaN and
// infinities have no JSON spelling: they are written as `null`.
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

// 1 for the bytes a JSON string must escape (`"`, `\` and the controls below 0x20) and for the
// bytes >= 0x80, whose UTF-8 sequence is checked.
struct json_escape_table {
    bool needs[256] = {};
    constexpr json_escape_table() {
        for (int i = 0; i < 0x20; ++i) needs[i] = true;
        for (int i = 0x80; i < 0x100; ++i) needs[i] = true;
        needs[static_cast<unsigned char>('"')] = true;
        needs[static_cast<unsigned char>('\\')] = true;
    }
};
inline constexpr json_escape_table json_escapes{};

/// The UTF-8 sequence that starts at `p` (a byte >= 0x80) and ends before `end`: its length when
/// it is well formed (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), else the
/// length of its maximal ill-formed subpart as a negative number (the bytes one U+FFFD replaces,
/// as the WHATWG decoder and Unicode §3.9 count them: a lone or unexpected byte alone, a lead
/// byte with the continuation bytes that fit it before the sequence breaks or the text ends).
inline int utf8_sequence_length(char const* p, char const* end) noexcept {
    auto const lead = static_cast<unsigned char>(*p);
    int need = 0;
    unsigned char lower = 0x80, upper = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        if (lead == 0xE0) lower = 0xA0;  // overlong below U+0800
        if (lead == 0xED) upper = 0x9F;  // surrogates U+D800..U+DFFF
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        if (lead == 0xF0) lower = 0x90;  // overlong below U+10000
        if (lead == 0xF4) upper = 0x8F;  // above U+10FFFF
    } else {
        return -1;  // a continuation byte alone, C0/C1 (overlong) or F5..FF
    }
    for (int k = 1; k <= need; ++k) {
        if (end - p <= k) return -k;  // the text ends inside the sequence
        auto const b = static_cast<unsigned char>(p[k]);
        if (b < lower || b > upper) return -k;
        lower = 0x80;
        upper = 0xBF;
    }
    return need + 1;
}

/// The library's one JSON string escaper. Writes `s` as a JSON string literal, quotes included,
/// at `pos`; returns the end. `room(pos, n)` must make `n` bytes writable from `pos` and return
/// where `pos` is now (the buffer may move). Runs of ASCII that need no escape are found eight
/// bytes at a time and copied in bulk; well-formed UTF-8 is copied as it is; bytes that are not
/// UTF-8 are written as U+FFFD, one per maximal ill-formed subpart (§21.20: the library never
/// writes invalid UTF-8 into JSON, whatever it was handed). Otherwise the same bytes as
/// Boost.JSON's serializer.
template <class Room>
char* write_json_string(char* pos, std::string_view s, Room&& room) {
    pos = room(pos, s.size() + 2);
    *pos++ = '"';
    char const* p = s.data();
    char const* const end = p + s.size();
    char const* run = p;
    // Copies the pending run and makes room for `extra` bytes after it.
    auto flush = [&](std::size_t extra) {
        std::size_t const n = static_cast<std::size_t>(p - run);
        pos = room(pos, n + extra);
        if (n != 0) std::memcpy(pos, run, n);  // an empty view may have no data: memcpy from null is UB
        pos += n;
    };
    for (;;) {
        while (end - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
            std::uint64_t const quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
            // "some byte < 0x20", "some byte is zero", "some byte >= 0x80" (bit tricks; a false
            // alarm only means the byte loop below looks closer)
            std::uint64_t const special = ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | w;
            if (special & highs) break;
            p += 8;
        }
        char const* const stop = end - p > 8 ? p + 8 : end;  // at most one word byte by byte
        while (p != stop && !json_escapes.needs[static_cast<unsigned char>(*p)]) ++p;
        if (p == end) break;
        if (p == stop) continue;  // a false alarm: back to words
        if (static_cast<unsigned char>(*p) >= 0x80) {
            int const length = utf8_sequence_length(p, end);
            if (length > 0) {  // well formed: part of the run
                p += length;
                continue;
            }
            flush(3);
            std::memcpy(pos, "\xEF\xBF\xBD", 3);  // U+FFFD REPLACEMENT CHARACTER
            pos += 3;
            p -= length;
            run = p;
            continue;
        }
        // `*p` needs an escape: flush the run, write the escape
        flush(6);
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
    flush(1);
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
/// The shortest digits that read back to `v` (`std::to_chars`'s scientific form, as Ryu), laid
/// out as Python's `repr` does (§21.19): positional for 1e-4 <= |v| < 1e16 with at least one
/// digit after the point (`3.0`, `0.000134`, `1000000000000000.0`, so that an integral value is
/// still a double when parsed again), exponent form otherwise (`1e+16`, `-2.109808898695963e+16`,
/// `1.5e-07`). Not the plain `to_chars`, which prefers the shorter text and so writes
/// `-21098088986959632`, digits past the shortest ones. NaN and infinities have no JSON
/// spelling: `null`.
inline char* write_json_double(char* first, double v) noexcept {
    if (!std::isfinite(v)) {
        std::memcpy(first, "null", 4);
        return first + 4;
    }
    char sci[json_double_max_chars];  // `-d.ddde-308`: at most 24 bytes
    char* const sci_end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
    char const* p = sci;
    bool const negative = *p == '-';
    p += negative;
    char const* const e = static_cast<char const*>(std::memchr(p, 'e', static_cast<std::size_t>(sci_end - p)));
    int exponent = 0;
    std::from_chars(e + (e[1] == '+' ? 2 : 1), sci_end, exponent);
    if (exponent < -4 || exponent >= 16) {  // exponent form: `to_chars`'s own text
        std::size_t const n = static_cast<std::size_t>(sci_end - sci);
        std::memcpy(first, sci, n);
        return first + n;
    }
    // The significant digits, without the point: `d` or `d.ddd`.
    char digits[20];
    std::size_t count = 0;
    for (; p != e; ++p)
        if (*p != '.') digits[count++] = *p;
    char* out = first;
    if (negative) *out++ = '-';
    if (exponent < 0) {  // 0.000ddd
        *out++ = '0';
        *out++ = '.';
        for (int i = -1; i > exponent; --i) *out++ = '0';
        std::memcpy(out, digits, count);
        return out + count;
    }
    std::size_t const integral = static_cast<std::size_t>(exponent) + 1;  // digits before the point
    for (std::size_t i = 0; i < integral; ++i) *out++ = i < count ? digits[i] : '0';
    *out++ = '.';
    if (count <= integral) {
        *out++ = '0';
        return out;
    }
    std::memcpy(out, digits + integral, count - integral);
    return out + (count - integral);
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
