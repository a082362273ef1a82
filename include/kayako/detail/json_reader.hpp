// kayako-proto — the library's own JSON reader: one whole text in memory, read once, handing each
// value to a handler with Boost.JSON's SAX interface (`on_object_begin`, `on_key`, `on_int64`, ...).
//
// Why not Boost.JSON's `basic_parser`: it is written for text that arrives in pieces, so every
// token can suspend and resume, strings with escapes go through a 4 KiB staging buffer, and its
// doubles are not correctly rounded before Boost 1.83 (§21.19), so the library read every such
// number twice. Measured on the 20-conversation page (benchmarks/decode_bench.cpp, callgrind),
// its parser alone was about 40% of typed decoding's instructions, and on a 290-byte error
// envelope more than half of a whole DOM parse. Here a string is found by a 16-byte SSE2 scan for
// `"`, `\`, control bytes and non-ASCII (a byte at a time where SSE2 is missing), integers are
// accumulated as they are read, and doubles are read once by `std::from_chars` (correctly rounded
// in GCC 12's libstdc++). Handlers get whole keys, strings and numbers: never a `_part`.
//
// The grammar is RFC 8259's, as Boost.JSON reads it with the library's options: no comments, no
// trailing commas, UTF-8 validated (no overlong forms, no surrogates, nothing above U+10FFFF),
// escapes with surrogate pairs only, `max_depth` nested containers at most. The values are
// Boost.JSON's: an integer is `int64` (or `uint64` above INT64_MAX, `-0` is the int64 0), a
// number with a fraction or an exponent, or out of those ranges, is a double. An exponent beyond
// what Boost.JSON keeps in an `int` is refused as it refuses it. Where the text is invalid, the
// offset and the error are Boost.JSON's own (`json_syntax_errors.hpp`), so that `parse_envelope`
// and the readers on this one report a broken body identically.
//
// Events are those of `basic_parser` over the same text, with one difference: `on_double` gets
// the double nearest to the number's text, ±infinity when it is too large for a double, ±0 when
// it is too small (never a second reading).
#ifndef KAYAKO_DETAIL_JSON_READER_HPP
#define KAYAKO_DETAIL_JSON_READER_HPP

#include <kayako/detail/json_syntax_errors.hpp>

#include <boost/json/error.hpp>

#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#if (defined(__SSE2__) || defined(_M_X64)) && !defined(KAYAKO_NO_SIMD)
#include <emmintrin.h>
#define KAYAKO_JSON_READER_SSE2 1
#endif

namespace kayako::detail {

// Bytes a string's scan stops at: `"`, `\`, control characters and every non-ASCII byte (its
// sequence is validated on its own).
inline constexpr auto json_string_stops = [] {
    struct table {
        bool stop[256];
    } t{};
    for (int c = 0; c < 256; ++c) t.stop[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    return t;
}();

// The length of the well-formed UTF-8 sequence at `p` (its first byte is ≥ 0x80), or 0.
inline std::size_t json_utf8_sequence(unsigned char const* p, std::size_t remain) noexcept {
    unsigned const c0 = p[0];
    auto tail = [](unsigned char c) { return (c & 0xC0) == 0x80; };
    if (c0 < 0xC2) return 0;  // a continuation byte, or an overlong two-byte form
    if (c0 < 0xE0) return remain >= 2 && tail(p[1]) ? 2 : 0;
    if (c0 < 0xF0) {
        if (remain < 3) return 0;
        unsigned const lo = c0 == 0xE0 ? 0xA0 : 0x80;  // E0: no overlong forms
        unsigned const hi = c0 == 0xED ? 0x9F : 0xBF;  // ED: no surrogates
        return p[1] >= lo && p[1] <= hi && tail(p[2]) ? 3 : 0;
    }
    if (c0 < 0xF5) {
        if (remain < 4) return 0;
        unsigned const lo = c0 == 0xF0 ? 0x90 : 0x80;  // F0: no overlong forms
        unsigned const hi = c0 == 0xF4 ? 0x8F : 0xBF;  // F4: nothing above U+10FFFF
        return p[1] >= lo && p[1] <= hi && tail(p[2]) && tail(p[3]) ? 4 : 0;
    }
    return 0;
}

inline int json_hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    unsigned const l = static_cast<unsigned char>(c) | 0x20u;
    if (l >= 'a' && l <= 'f') return static_cast<int>(l - 'a' + 10);
    return -1;
}

inline void json_append_utf8(std::string& out, unsigned cp) {
    char b[4];
    std::size_t n;
    if (cp < 0x80) {
        b[0] = static_cast<char>(cp);
        n = 1;
    } else if (cp < 0x800) {
        b[0] = static_cast<char>(0xC0 | (cp >> 6));
        b[1] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = static_cast<char>(0xE0 | (cp >> 12));
        b[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        b[2] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = static_cast<char>(0xF0 | (cp >> 18));
        b[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        b[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        b[3] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 4;
    }
    out.append(b, n);
}

template <class Handler>
class json_reader {
public:
    json_reader(std::string_view text, std::size_t max_depth, Handler& h) noexcept
        : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth), h_(h) {}

    // See `read_json`.
    std::size_t read(boost::system::error_code& ec) {
        ec_ = &ec;
        if (!h_.on_document_begin(ec)) return stopped(begin_);
        switch (value()) {
        case outcome::ok: break;
        case outcome::stopped: return static_cast<std::size_t>(stop_ - begin_);
        case outcome::invalid: return invalid();
        }
        skip_space();
        h_.on_document_end(ec);  // as Boost.JSON: its answer only sets `ec`
        return static_cast<std::size_t>(p_ - begin_);
    }

private:
    enum class outcome { ok, stopped, invalid };

    struct level {
        std::size_t count;  // members or items read so far
        bool object;
    };

    std::size_t stopped(char const* at) noexcept {
        stop_ = at;
        if (!*ec_) *ec_ = boost::json::error::incomplete;  // what Boost.JSON reports then
        return static_cast<std::size_t>(at - begin_);
    }
    outcome stop(char const* at) noexcept {
        stop_ = at;
        if (!*ec_) *ec_ = boost::json::error::incomplete;
        return outcome::stopped;
    }

    // The text is not JSON: Boost.JSON says where and why.
    std::size_t invalid() {
        json_syntax_stop const s = locate_json_syntax_error({begin_, static_cast<std::size_t>(end_ - begin_)}, max_depth_);
        // (Without an error there, the two readers disagree: a bug, still reported as invalid.)
        *ec_ = s.ec ? s.ec : boost::system::error_code(boost::json::error::syntax);
        return s.offset;
    }

    void skip_space() noexcept {
        // Compact JSON has none: one comparison decides most calls.
        if (p_ != end_ && static_cast<unsigned char>(*p_) > ' ') [[likely]]
            return;
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }

    // The open container's count and kind live in `count_` and `object_`; an enclosing one's are
    // saved on the stack when a container opens.
    bool push(bool object) {
        if (depth_ == max_depth_) return false;
        if (depth_ >= inline_levels) deep_.push_back({count_, object_});
        else if (depth_ != 0) inline_[depth_] = {count_, object_};
        ++depth_;
        count_ = 0;
        object_ = object;
        return true;
    }
    void pop() {
        if (--depth_ == 0) return;
        level const l = depth_ >= inline_levels ? deep_.back() : inline_[depth_];
        if (depth_ >= inline_levels) deep_.pop_back();
        count_ = l.count;
        object_ = l.object;
    }

    // Reads one value and all it contains, then returns. Whitespace is looked for only where
    // a byte that is not the expected one is found: compact JSON has none.
    outcome value() {
    next_value:
        if (p_ == end_) return outcome::invalid;
        switch (*p_) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            ++p_;
            skip_space();
            goto next_value;
        case '{': {
            char const* const at = p_;
            if (!push(true)) return outcome::invalid;
            if (!h_.on_object_begin(*ec_)) return stop(at);
            ++p_;
            if (p_ != end_ && *p_ == '"') goto key;
            skip_space();
            if (p_ != end_ && *p_ == '}') goto close;
            goto key;
        }
        case '[': {
            char const* const at = p_;
            if (!push(false)) return outcome::invalid;
            if (!h_.on_array_begin(*ec_)) return stop(at);
            ++p_;
            skip_space();
            if (p_ != end_ && *p_ == ']') goto close;
            goto next_value;
        }
        case '"': {
            std::string_view s;
            if (!string(s)) return outcome::invalid;
            if (!h_.on_string(s, s.size(), *ec_)) return stop(p_);
            ++p_;  // the closing quote
            break;
        }
        case 't':
            if (end_ - p_ < 4 || std::memcmp(p_, "true", 4) != 0) return outcome::invalid;
            if (!h_.on_bool(true, *ec_)) return stop(p_);
            p_ += 4;
            break;
        case 'f':
            if (end_ - p_ < 5 || std::memcmp(p_, "false", 5) != 0) return outcome::invalid;
            if (!h_.on_bool(false, *ec_)) return stop(p_);
            p_ += 5;
            break;
        case 'n':
            if (end_ - p_ < 4 || std::memcmp(p_, "null", 4) != 0) return outcome::invalid;
            if (!h_.on_null(*ec_)) return stop(p_);
            p_ += 4;
            break;
        case '-':
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9':
            if (outcome const o = number(); o != outcome::ok) return o;
            break;
        default: return outcome::invalid;
        }

    after_value:  // a value ended: what follows it in its container
        if (depth_ == 0) return outcome::ok;
        ++count_;
        if (p_ == end_) return outcome::invalid;
        if (static_cast<unsigned char>(*p_) <= ' ') {
            skip_space();
            if (p_ == end_) return outcome::invalid;
        }
        if (*p_ == ',') {
            ++p_;
            if (!object_) goto next_value;
            if (p_ != end_ && *p_ == '"') goto key;
            skip_space();
            goto key;
        }
        if (*p_ == (object_ ? '}' : ']')) goto close;
        return outcome::invalid;

    key:
        if (p_ == end_ || *p_ != '"') return outcome::invalid;
        {
            std::string_view k;
            if (!string(k)) return outcome::invalid;
            if (!h_.on_key(k, k.size(), *ec_)) return stop(p_);
            ++p_;
        }
        if (p_ != end_ && *p_ == ':') {
            ++p_;
            goto next_value;
        }
        skip_space();
        if (p_ == end_ || *p_ != ':') return outcome::invalid;
        ++p_;
        goto next_value;

    close:  // `p_` is at the `}` or `]` of the innermost container
        if (!(object_ ? h_.on_object_end(count_, *ec_) : h_.on_array_end(count_, *ec_))) return stop(p_);
        ++p_;
        pop();
        goto after_value;
    }

    // The first byte at or after `p` a string's scan stops at (`end_` if none).
    char const* scan(char const* p) const noexcept {
#ifdef KAYAKO_JSON_READER_SSE2
        __m128i const quote = _mm_set1_epi8('"');
        __m128i const backslash = _mm_set1_epi8('\\');
        __m128i const space = _mm_set1_epi8(0x20);
        while (end_ - p >= 16) {
            __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
            // Signed: bytes ≥ 0x80 are negative, so below 0x20 too.
            __m128i const hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                             _mm_cmplt_epi8(v, space));
            if (int const mask = _mm_movemask_epi8(hit); mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
            p += 16;
        }
#endif
        while (p != end_ && !json_string_stops.stop[static_cast<unsigned char>(*p)]) ++p;
        return p;
    }

    // A string from its opening quote (at `p_`): on success `p_` is at its closing quote and `out`
    // its value, in the text when it has no escapes, else in `buffer_`.
    bool string(std::string_view& out) {
        char const* const first = p_ + 1;
        char const* const p = scan(first);
        if (p != end_ && *p == '"') [[likely]] {
            out = std::string_view(first, static_cast<std::size_t>(p - first));
            p_ = p;
            return true;
        }
        return string_rest(first, p, out);
    }

    // The characters from `p` that stand for themselves: stops at the closing quote or at a
    // backslash and returns it, or returns null at a control character, invalid UTF-8 or the end.
    char const* plain_run(char const* p) const noexcept {
        for (;;) {
            p = scan(p);
            if (p == end_) return nullptr;
            unsigned char const c = static_cast<unsigned char>(*p);
            if (c == '"' || c == '\\') return p;
            if (c < 0x20) return nullptr;
            std::size_t const n = json_utf8_sequence(reinterpret_cast<unsigned char const*>(p), static_cast<std::size_t>(end_ - p));
            if (n == 0) return nullptr;
            p += n;
        }
    }

    // The rest of a string whose scan stopped at `p`, not at its closing quote.
    [[gnu::noinline]] bool string_rest(char const* const first, char const* p, std::string_view& out) {
        p = plain_run(p);
        if (p == nullptr) return false;
        if (*p == '"') {
            out = std::string_view(first, static_cast<std::size_t>(p - first));
            p_ = p;
            return true;
        }
        buffer_.assign(first, p);
        for (;;) {  // at a backslash
            if (end_ - p < 2) return false;
            switch (p[1]) {
            case '"': buffer_ += '"'; break;
            case '\\': buffer_ += '\\'; break;
            case '/': buffer_ += '/'; break;
            case 'b': buffer_ += '\b'; break;
            case 'f': buffer_ += '\f'; break;
            case 'n': buffer_ += '\n'; break;
            case 'r': buffer_ += '\r'; break;
            case 't': buffer_ += '\t'; break;
            case 'u': {
                unsigned u1 = 0;
                if (!hex4(p + 2, u1)) return false;
                p += 4;  // past the four hex digits; `p += 2` below passes the `\u` itself
                if (u1 >= 0xD800 && u1 <= 0xDFFF) {  // a surrogate: a leading one, then a trailing one
                    unsigned u2 = 0;
                    if (u1 > 0xDBFF || end_ - p < 4 || p[2] != '\\' || p[3] != 'u' || !hex4(p + 4, u2) || u2 < 0xDC00 ||
                        u2 > 0xDFFF)
                        return false;
                    p += 6;
                    u1 = 0x10000 + ((u1 - 0xD800) << 10) + (u2 - 0xDC00);
                }
                json_append_utf8(buffer_, u1);
                break;
            }
            default: return false;
            }
            p += 2;
            char const* const run_end = plain_run(p);
            if (run_end == nullptr) return false;
            buffer_.append(p, run_end);
            p = run_end;
            if (*p == '"') {
                out = buffer_;
                p_ = p;
                return true;
            }
        }
    }

    bool hex4(char const* p, unsigned& out) const noexcept {
        if (end_ - p < 4) return false;
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            int const d = json_hex_digit(p[i]);
            if (d < 0) return false;
            v = v * 16 + static_cast<unsigned>(d);
        }
        out = v;
        return true;
    }

    static bool digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }

    static constexpr bool swar = std::endian::native == std::endian::little;

    // The end of the run of digits at `p`: eight bytes at a time where they are there.
    char const* digits_end(char const* p) const noexcept {
        if constexpr (swar) {
            while (end_ - p >= 8) {
                std::uint64_t c;
                std::memcpy(&c, p, 8);
                // A byte is a digit when its high nibble is 3 and adding 6 keeps it 3. (A carry
                // out of a byte comes only from a non-digit, after which nothing counts.)
                std::uint64_t const other = ((c & 0xF0F0F0F0F0F0F0F0u) ^ 0x3030303030303030u) |
                                            (((c + 0x0606060606060606u) & 0xF0F0F0F0F0F0F0F0u) ^ 0x3030303030303030u);
                if (other != 0) return p + (std::countr_zero(other) >> 3);
                p += 8;
            }
        }
        while (p != end_ && digit(*p)) ++p;
        return p;
    }

    // `v` followed by the digits [a, b) (at most 19 digits in all).
    static std::uint64_t append_digits(std::uint64_t v, char const* a, char const* b) noexcept {
        if constexpr (swar) {
            for (; b - a >= 8; a += 8) {
                std::uint64_t c;
                std::memcpy(&c, a, 8);
                c = ((c & 0x0F0F0F0F0F0F0F0Fu) * 2561) >> 8;  // pairs, then fours, then eight
                c = ((c & 0x00FF00FF00FF00FFu) * 6553601) >> 16;
                c = ((c & 0x0000FFFF0000FFFFu) * 42949672960001u) >> 32;
                v = v * 100'000'000u + (c & 0xFFFFFFFFu);
            }
        }
        for (; a != b; ++a) v = v * 10 + static_cast<unsigned>(*a - '0');
        return v;
    }

    // Whether the handler keeps doubles; one that does not (`reads_doubles = false`) only needs
    // to know that a number is too large for a double, and gets a meaningless finite value else.
    static constexpr bool handler_reads_doubles = [] {
        if constexpr (requires { Handler::reads_doubles; }) return Handler::reads_doubles;
        else return true;
    }();

    // A number from its first byte (at `p_`, `-` or a digit). Most are small integers (ids,
    // counts, statuses): read here, small enough to inline; the rest by `any_number`.
    outcome number() {
        char const* p = p_;
        bool const negative = *p == '-';
        if (negative) ++p;
        char const* const first = p;
        char const* const last = end_ - p > 18 ? p + 18 : end_;  // 18 digits: below 2^63
        std::uint64_t m = 0;
        for (; p != last && digit(*p); ++p) m = m * 10 + static_cast<unsigned>(*p - '0');
        std::size_t const n = static_cast<std::size_t>(p - first);
        bool const ends = p == end_ || (!digit(*p) && *p != '.' && (*p | 0x20) != 'e');
        if (n != 0 && ends && (n == 1 || *first != '0')) [[likely]] {
            std::string_view const text(p_, static_cast<std::size_t>(p - p_));
            p_ = p;
            auto const v = static_cast<std::int64_t>(m);
            if (!h_.on_int64(negative ? -v : v, text, *ec_)) return stop(p);  // `-0` is the int64 0, as in Boost.JSON
            return outcome::ok;
        }
        if (n != 0 && (n == 1 || *first != '0') && p != end_ && *p == '.') {
            if constexpr (handler_reads_doubles) {
                return decimal(first, p, m);
            } else {  // no value wanted: only where the number ends (no exponent: far from overflowing)
                char const* const q = digits_end(p + 1);
                if (q != p + 1 && (q == end_ || (*q | 0x20) != 'e')) {
                    std::string_view const text(p_, static_cast<std::size_t>(q - p_));
                    p_ = q;
                    if (!h_.on_double(0.0, text, *ec_)) return stop(q);
                    return outcome::ok;
                }
            }
        }
        return any_number(first, p);
    }

    // A number whose leading digits from `first` (value `m`) end at a `.` (`p`): a plain decimal
    // (`51.507351`, `0.25`: at most 18 digits, no exponent) is read here, any other by `any_number`.
    [[gnu::noinline]] outcome decimal(char const* const first, char const* const p, std::uint64_t const m) {
        bool const negative = *p_ == '-';
        std::size_t const n = static_cast<std::size_t>(p - first);
        char const* const f = p + 1;
        char const* q = f;
        std::uint64_t mm = m;
        char const* const flast = static_cast<std::size_t>(end_ - q) > 18 - n ? q + (18 - n) : end_;
        for (; q != flast && digit(*q); ++q) mm = mm * 10 + static_cast<unsigned>(*q - '0');
        std::size_t const fd = static_cast<std::size_t>(q - f);
        if (fd != 0 && (q == end_ || (!digit(*q) && (*q | 0x20) != 'e')) && mm <= (std::uint64_t{1} << 53)) {
            // Clinger's fast path (see `any_number`).
            double const v = static_cast<double>(mm) / powers_of_ten[fd];
            std::string_view const text(p_, static_cast<std::size_t>(q - p_));
            p_ = q;
            if (!h_.on_double(negative ? -v : v, text, *ec_)) return stop(q);
            return outcome::ok;
        }
        return any_number(first, p);
    }

    static constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    // Any number, its leading digits from `int_start` already scanned up to `scanned`.
    [[gnu::noinline]] outcome any_number(char const* const int_start, char const* p) {
        char const* const start = p_;
        bool const negative = *start == '-';
        if (p == int_start) return outcome::invalid;  // no digit
        if (*int_start == '0') p = int_start + 1;     // `0` alone: what follows is not its
        else p = digits_end(p);
        char const* const int_end = p;
        char const* frac_start = nullptr;
        char const* frac_end = nullptr;
        if (p != end_ && *p == '.') {
            frac_start = ++p;
            p = digits_end(p);
            if (p == frac_start) return outcome::invalid;
            frac_end = p;
        }
        bool has_exponent = false;
        std::int64_t exponent = 0;
        if (p != end_ && (*p | 0x20) == 'e') {
            has_exponent = true;
            ++p;
            bool exponent_negative = false;
            if (p != end_ && (*p == '+' || *p == '-')) exponent_negative = *p++ == '-';
            if (p == end_ || !digit(*p)) return outcome::invalid;
            while (p != end_ && digit(*p)) {
                if (exponent < (std::int64_t{1} << 40)) exponent = exponent * 10 + (*p - '0');
                ++p;
            }
            // Boost.JSON keeps the exponent, shifted by at most the number's digit count, in an
            // `int`, and refuses a number where that overflows: it decides such rare numbers.
            if (exponent >= std::int64_t{std::numeric_limits<int>::max()} - (end_ - begin_) &&
                locate_json_syntax_error({start, static_cast<std::size_t>(end_ - start)}, 1).ec)
                return outcome::invalid;
            if (exponent_negative) exponent = -exponent;
        }
        std::string_view const text(start, static_cast<std::size_t>(p - start));
        p_ = p;
        std::size_t const int_digits = static_cast<std::size_t>(int_end - int_start);

        if (frac_start == nullptr && !has_exponent && int_digits <= 20) {  // an integer, if it fits
            std::uint64_t m = 0;
            bool fits = true;
            if (int_digits <= 19) {
                m = append_digits(0, int_start, int_end);
            } else {
                m = append_digits(0, int_start, int_end - 1);
                unsigned const last = static_cast<unsigned>(int_end[-1] - '0');
                fits = m <= (std::numeric_limits<std::uint64_t>::max() - last) / 10;
                m = m * 10 + last;
            }
            if (fits) {
                if (negative) {
                    if (m <= std::uint64_t{1} << 63) {
                        if (!h_.on_int64(static_cast<std::int64_t>(~m + 1), text, *ec_)) return stop(p);
                        return outcome::ok;
                    }
                } else if (m <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                    if (!h_.on_int64(static_cast<std::int64_t>(m), text, *ec_)) return stop(p);
                    return outcome::ok;
                } else {
                    if (!h_.on_uint64(m, text, *ec_)) return stop(p);
                    return outcome::ok;
                }
            }
        }

        // A double. Its significant digits: the integer part unless it is `0`, then the fraction
        // (after its leading zeros when the integer part is `0`).
        bool const int_zero = *int_start == '0';
        char const* sig = frac_start;
        if (int_zero && frac_start != nullptr)
            while (sig != frac_end && *sig == '0') ++sig;
        bool const zero = int_zero && (frac_start == nullptr || sig == frac_end);
        std::size_t const fraction_digits = frac_start ? static_cast<std::size_t>(frac_end - frac_start) : 0;
        // The decimal exponent of the first significant digit, plus one.
        std::int64_t const magnitude =
            exponent + (int_zero ? -static_cast<std::int64_t>(sig ? sig - frac_start : 0) : static_cast<std::int64_t>(int_digits));
        if constexpr (!handler_reads_doubles) {
            if (zero || magnitude < 300) {  // far from the largest double, 1.8e308
                if (!h_.on_double(0.0, text, *ec_)) return stop(p);
                return outcome::ok;
            }
        } else if (std::size_t const count = (int_zero ? 0 : int_digits) + (frac_start ? static_cast<std::size_t>(frac_end - sig) : 0);
                   zero || count <= 19) {
            // Clinger's fast path: a mantissa up to 2^53 times an exact power of ten is one IEEE
            // operation, correctly rounded. Other doubles (17 significant digits, large
            // exponents: about one in five of real data's) are read by `from_chars`.
            std::uint64_t m = int_zero ? 0 : append_digits(0, int_start, int_end);
            if (frac_start) m = append_digits(m, sig, frac_end);
            std::int64_t const e = exponent - static_cast<std::int64_t>(fraction_digits);
            if (m == 0 || (m <= (std::uint64_t{1} << 53) && e >= -22 && e <= 22)) {
                double v = static_cast<double>(m);
                if (m != 0) v = e < 0 ? v / powers_of_ten[-e] : v * powers_of_ten[e];
                if (!h_.on_double(negative ? -v : v, text, *ec_)) return stop(p);
                return outcome::ok;
            }
        }
        double d = 0;
        auto const r = std::from_chars(start, p, d);
        if (r.ec == std::errc::result_out_of_range) {
            // Too large or too small for a double (the number is not 0, else it would be in range).
            double const v = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
            d = negative ? -v : v;
        }
        if (!h_.on_double(d, text, *ec_)) return stop(p);
        return outcome::ok;
    }

    static constexpr std::size_t inline_levels = 64;

    char const* const begin_;
    char const* p_;
    char const* const end_;
    std::size_t const max_depth_;
    Handler& h_;
    boost::system::error_code* ec_ = nullptr;
    char const* stop_ = nullptr;
    std::size_t depth_ = 0;
    std::size_t count_ = 0;  // of the open container
    bool object_ = false;
    level inline_[inline_levels];
    std::vector<level> deep_;  // levels beyond `inline_levels` (a `max_depth` above 64)
    std::string buffer_;       // a string with escapes, unescaped
};

/// Reads `text` as one JSON document (whitespace may follow it) with at most `max_depth` nested
/// containers, handing its values to `h`. Returns how much of `text` was read, as Boost.JSON's
/// `basic_parser::write_some(false, ...)` does: all of it, or less when text follows the value
/// (the caller's `extra_data`); on invalid JSON, `ec` and the offset are Boost.JSON's; when a
/// handler returns false, where it stopped (a container's bracket, a string's closing quote, a
/// number's end, a literal's first byte) and the `ec` it set. May throw only `std::bad_alloc`
/// (and what the handler throws).
template <class Handler>
std::size_t read_json(std::string_view text, std::size_t max_depth, Handler& h, boost::system::error_code& ec) {
    json_reader<Handler> r(text, max_depth, h);
    return r.read(ec);
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_JSON_READER_HPP
