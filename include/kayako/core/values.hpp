// kayako-proto — the data types of the protocol (§3).
//
// Text to typed values, as requests carry them in query strings and form or multipart bodies:
//
// | type      | accepted                                                     | failure                   |
// |-----------|--------------------------------------------------------------|---------------------------|
// | boolean   | `true`/`false` in any letter case, `1`/`0`                    | invalid_boolean           |
// | integer   | optional `-`, decimal digits; any integral type, range-checked | invalid_integer, ..._out_of_range |
// | float     | optional `-`, digits, optional `.digits`, optional exponent   | invalid_float, float_out_of_range |
// | timestamp | ISO-8601 date-time with `Z`/`±hh:mm`/`±hhmm`, or Unix seconds | invalid_timestamp, ..._out_of_range |
// | binary    | strict, padded, standard-alphabet base64                      | invalid_base64            |
// | option    | one of an allowed set, any letter case, normalised upper case  | invalid_option            |
// | array     | comma list `a,b,c` (the `[]` and JSON forms live in the body parsers) | per item, with its offset |
//
// Every parser here is `noexcept` and reports the byte offset of what it could not read. The few
// functions that return owning strings or vectors may throw `std::bad_alloc` and nothing else.
#ifndef KAYAKO_CORE_VALUES_HPP
#define KAYAKO_CORE_VALUES_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace kayako {

// ---------------------------------------------------------------------------------------------
// Booleans
// ---------------------------------------------------------------------------------------------

/// `true`/`false` in any letter case, or `1`/`0` (TV-DT-2).
constexpr result<bool> parse_boolean(std::string_view text) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    if (text == "1") return true;
    if (text == "0") return false;
    if (detail::equals_lowercase(text, "true")) return true;
    if (detail::equals_lowercase(text, "false")) return false;
    return failure(error::invalid_boolean, 0);
}

// ---------------------------------------------------------------------------------------------
// Integers
// ---------------------------------------------------------------------------------------------

namespace detail {
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// A run of decimal digits: its value and where it ends (the first byte that is not a digit).
struct digit_run {
    std::uint64_t value = 0;
    std::size_t end = 0;
};

/// The digits of `text` from `from` on, checked and accumulated in one pass: the loop at the heart
/// of `parse_integer`, shared with the `ids` list reader so that plain ids are read as they are
/// scanned. The value wraps past 19 digits: callers bound the run's length.
constexpr digit_run read_digit_run(std::string_view text, std::size_t from) noexcept {
    digit_run run{0, from};
    for (unsigned digit; run.end < text.size() && (digit = static_cast<unsigned char>(text[run.end]) - unsigned('0')) <= 9; ++run.end)
        run.value = run.value * 10 + digit;
    return run;
}
}  // namespace detail

/// An optional `-` and decimal digits, into any integral type; a value that does not fit is
/// `integer_out_of_range`, never a wrap. No `+`, no spaces, no hex, no fraction.
template <std::integral T = std::int64_t>
    requires(!std::same_as<T, bool>)
result<T> parse_integer(std::string_view text) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    std::size_t i = (text[0] == '-') ? 1 : 0;
    if (i == text.size()) return failure(error::invalid_integer, i);
    // Up to digits10 digits cannot overflow T: check and accumulate in one pass, the common case
    // of ids, limits and offsets, several times faster than from_chars.
    if (text.size() - i <= static_cast<std::size_t>(std::numeric_limits<T>::digits10) && (i == 0 || std::is_signed_v<T>)) {
        detail::digit_run const run = detail::read_digit_run(text, i);  // at most digits10 digits: fits T
        if (run.end != text.size()) return failure(error::invalid_integer, run.end);
        auto const value = static_cast<T>(run.value);
        return i ? static_cast<T>(-value) : value;
    }
    for (std::size_t j = i; j < text.size(); ++j)
        if (!detail::is_digit(text[j])) return failure(error::invalid_integer, j);
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range || (ec == std::errc{} && end != text.data() + text.size()))
        return failure(error::integer_out_of_range, 0);
    if (ec != std::errc{}) {
        // Only an unsigned T refuses a leading '-': "-0" is zero, any other negative is out of range.
        for (std::size_t j = 1; j < text.size(); ++j)
            if (text[j] != '0') return failure(error::integer_out_of_range, 0);
        return T{0};
    }
    return value;
}

// ---------------------------------------------------------------------------------------------
// Floats
// ---------------------------------------------------------------------------------------------

namespace detail {
// Whether the decimal number `text` (the grammar of `parse_float`, not zero) is below 1 in
// magnitude: the power of ten of its first significant digit, plus its exponent, is negative.
// Exponents are added with saturation, so any length of text is read right. Only called on text
// that passed the grammar (a digit follows every `e`).
constexpr bool decimal_magnitude_is_negative(std::string_view text) noexcept {
    std::size_t i = text[0] == '-' ? 1 : 0;
    long long magnitude = -1;  // of the first significant digit, before the exponent
    bool found = false, after_point = false;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        if (text[i] == '.') {
            after_point = true;
        } else if (!found && text[i] != '0') {
            found = true;
            if (!after_point) magnitude = 0;
        } else if (!found && after_point) {
            --magnitude;  // a zero between the point and the first significant digit
        } else if (found && !after_point) {
            ++magnitude;
        }
    }
    long long exponent = 0;
    bool negative_exponent = false;
    if (i < text.size()) {
        ++i;
        if (text[i] == '+' || text[i] == '-') negative_exponent = text[i++] == '-';
        for (; i < text.size(); ++i) exponent = exponent > 1'000'000'000 ? exponent : exponent * 10 + (text[i] - '0');
    }
    return magnitude + (negative_exponent ? -exponent : exponent) < 0;
}
}  // namespace detail

/// `-?digits(.digits)?([eE][+-]?digits)?`. No `inf`, `nan`, hex, leading `.` or trailing `.`.
/// The nearest double (§21.19): `float_out_of_range` past the largest one, ±0 below the smallest.
inline result<double> parse_float(std::string_view text) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t const start = i;
        while (i < text.size() && detail::is_digit(text[i])) ++i;
        return i > start;
    };
    if (text[i] == '-') ++i;
    if (!digits()) return failure(error::invalid_float, i);
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!digits()) return failure(error::invalid_float, i);
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (!digits()) return failure(error::invalid_float, i);
    }
    if (i != text.size()) return failure(error::invalid_float, i);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // Out of range both ways: too large has no double (refused); too small reads as the nearest
    // double, ±0, as a JSON body reads it (§21.19).
    if (ec == std::errc::result_out_of_range && detail::decimal_magnitude_is_negative(text))
        return text[0] == '-' ? -0.0 : 0.0;
    if (ec == std::errc::result_out_of_range) return failure(error::float_out_of_range, 0);
    if (ec != std::errc{} || end != text.data() + text.size()) return failure(error::invalid_float, 0);
    return value;
}

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

/// A point in time with second precision, and the UTC offset it was written with.
struct timestamp {
    std::int64_t seconds = 0;        ///< Unix time (UTC)
    std::int32_t offset_minutes = 0; ///< the zone of the text it came from (`+05:00` → 300); 0 for `Z` and Unix input

    /// Same instant (offsets may differ).
    friend constexpr bool operator==(timestamp const& a, timestamp const& b) noexcept { return a.seconds == b.seconds; }

    /// Writes the ISO-8601 form (`format_timestamp`).
    friend std::ostream& operator<<(std::ostream& os, timestamp const& t);
};

/// The earliest and latest instants a timestamp may hold: years 0001..9999, so that every one
/// formats as four-digit-year ISO-8601.
inline constexpr std::int64_t timestamp_min_seconds = -62135596800;  // 0001-01-01T00:00:00Z
inline constexpr std::int64_t timestamp_max_seconds = 253402300799;  ///< the latest timestamp: 9999-12-31T23:59:59Z

/// Length of `format_timestamp` output: `YYYY-MM-DDTHH:MM:SS+hh:mm`.
inline constexpr std::size_t timestamp_length = 25;

namespace detail {
// Days since 1970-01-01 of a proleptic Gregorian date in the years 0 to 9999 that the parsers
// accept (callers check the range first: `std::chrono::year` holds only ±32,767).
// `std::chrono` does the arithmetic (libstdc++ uses Neri and Schneider's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    std::chrono::year_month_day const date{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m}, std::chrono::day{d}};
    return std::chrono::sys_days{date}.time_since_epoch().count();
}

struct civil_date {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

// The date of any day since 1970-01-01 (H. Hinnant's civil_from_days), kept by hand because its
// input is any `std::int64_t`: the "now" of RFC 9110's two-digit-year rule may be an extreme
// instant, far beyond the ±32,767 years of `std::chrono::year` and the 32 bits its arithmetic uses.
constexpr civil_date civil_from_days(std::int64_t z) noexcept {
    z += 719468;
    std::int64_t const era = (z >= 0 ? z : z - 146096) / 146097;
    auto const doe = static_cast<unsigned>(z - era * 146097);
    unsigned const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned const mp = (5 * doy + 2) / 153;
    unsigned const d = doy - (153 * mp + 2) / 5 + 1;
    unsigned const m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

/// Days from 0000-01-01 to 1970-01-01.
inline constexpr std::int64_t days_from_year_0_to_epoch = 719528;

/// The date `n` days after 0000-01-01, for the years 0 to 9999 (`n` < 3,652,425) that the
/// formatters write: `civil_from_days(n - days_from_year_0_to_epoch)` without its signed
/// divisions. Years are counted from March, so that a leap day ends one, and split into century,
/// year and day with Euclidean affine functions, as Neri and Schneider show ("Euclidean affine
/// functions and their application to calendar algorithms", 2022): every division is by a
/// constant, and the month and day come from one multiplication.
/// Kept by hand rather than `std::chrono::year_month_day{sys_days{...}}` (the same algorithm in
/// libstdc++ 12, and 1% fewer instructions): measured 1.10× slower on `http_date_format`, the
/// hot path of every response's `Date` and `Last-Modified` (issue #13).
constexpr civil_date civil_from_days_since_year_0(std::uint32_t n) noexcept {
    // Days since 0000-03-01, plus 400 years (146,097 days) so that January and February of year 0
    // are not negative.
    std::uint32_t const from_march = n - 60 + 146097;
    std::uint32_t const n1 = 4 * from_march + 3;
    std::uint32_t const century = n1 / 146097;
    std::uint32_t const n2 = 4 * (n1 % 146097 / 4) + 3;  // 4 × day of the century + 3
    std::uint32_t const year_of_century = n2 / 1461;
    std::uint32_t const day_of_year = n2 % 1461 / 4;  // 0 = March 1
    std::uint32_t const n3 = 2141 * day_of_year + 197913;
    std::uint32_t const month = n3 / 65536;  // 3 (March) .. 14 (February)
    std::uint32_t const day = n3 % 65536 / 2141 + 1;
    bool const january_or_february = day_of_year >= 306;
    return {static_cast<std::int64_t>(100 * century + year_of_century) - 400 + january_or_february,
            january_or_february ? month - 12 : month, day};
}

constexpr bool is_leap_year(std::int64_t y) noexcept { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

// Reads exactly `n` digits at `pos`; -1 when any is not a digit or the text ends.
constexpr int fixed_digits(std::string_view s, std::size_t pos, std::size_t n) noexcept {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!is_digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// The offset of the first character of s[pos, pos+n) that is not a digit, or of the end.
constexpr std::size_t first_non_digit(std::string_view s, std::size_t pos, std::size_t n) noexcept {
    for (std::size_t i = pos; i < pos + n; ++i)
        if (i >= s.size() || !is_digit(s[i])) return i;
    return pos + n;
}

constexpr void put2(char* p, unsigned v) noexcept {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}
}  // namespace detail

/// ISO-8601 date-time `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm|±hhmm)` (a fraction is read and
/// dropped: second precision), or Unix seconds (an optional `-` and digits). A date-time without
/// zone is refused: it names no instant.
constexpr result<timestamp> parse_timestamp(std::string_view text) noexcept {
    using detail::fixed_digits;
    if (text.empty()) return failure(error::empty_value, 0);

    // Unix seconds: the whole text is digits.
    if (detail::is_digit(text[0]) || text[0] == '-') {
        std::size_t const digits_from = text[0] == '-' ? 1 : 0;
        bool all_digits = digits_from < text.size();
        for (std::size_t i = digits_from; i < text.size() && all_digits; ++i) all_digits = detail::is_digit(text[i]);
        if (all_digits) {
            // 19 digits may overflow int64: anything that long is out of range anyway.
            if (text.size() - digits_from > 15) return failure(error::timestamp_out_of_range, 0);
            std::int64_t v = 0;
            for (std::size_t i = digits_from; i < text.size(); ++i) v = v * 10 + (text[i] - '0');
            if (digits_from) v = -v;
            if (v < timestamp_min_seconds || v > timestamp_max_seconds) return failure(error::timestamp_out_of_range, 0);
            return timestamp{v, 0};
        }
    }

    auto bad = [&](std::size_t at) { return failure(error::invalid_timestamp, at); };
    int const year = fixed_digits(text, 0, 4);
    if (year < 0) return bad(detail::first_non_digit(text, 0, 4));
    if (text.size() <= 4 || text[4] != '-') return bad(4);
    int const month = fixed_digits(text, 5, 2);
    if (month < 0) return bad(detail::first_non_digit(text, 5, 2));
    if (text.size() <= 7 || text[7] != '-') return bad(7);
    int const day = fixed_digits(text, 8, 2);
    if (day < 0) return bad(detail::first_non_digit(text, 8, 2));
    if (text.size() <= 10 || (text[10] != 'T' && text[10] != 't')) return bad(10);
    int const hour = fixed_digits(text, 11, 2);
    if (hour < 0) return bad(detail::first_non_digit(text, 11, 2));
    if (text.size() <= 13 || text[13] != ':') return bad(13);
    int const minute = fixed_digits(text, 14, 2);
    if (minute < 0) return bad(detail::first_non_digit(text, 14, 2));
    if (text.size() <= 16 || text[16] != ':') return bad(16);
    int const second = fixed_digits(text, 17, 2);
    if (second < 0) return bad(detail::first_non_digit(text, 17, 2));
    std::size_t i = 19;
    if (i < text.size() && text[i] == '.') {
        ++i;
        std::size_t const start = i;
        while (i < text.size() && detail::is_digit(text[i])) ++i;
        if (i == start) return bad(i);
    }
    if (i >= text.size()) return bad(i);  // the zone is required

    int offset = 0;
    if (text[i] == 'Z' || text[i] == 'z') {
        ++i;
    } else if (text[i] == '+' || text[i] == '-') {
        int const sign = text[i] == '-' ? -1 : 1;
        std::size_t const zone = i;
        int const oh = fixed_digits(text, i + 1, 2);
        if (oh < 0) return bad(detail::first_non_digit(text, i + 1, 2));
        i += 3;
        if (i < text.size() && text[i] == ':') ++i;
        int const om = fixed_digits(text, i, 2);
        if (om < 0) return bad(detail::first_non_digit(text, i, 2));
        i += 2;
        if (oh > 23 || om > 59) return failure(error::timestamp_out_of_range, zone);
        offset = sign * (oh * 60 + om);
    } else {
        return bad(i);
    }
    if (i != text.size()) return bad(i);

    if (year < 1 || month < 1 || month > 12) return failure(error::timestamp_out_of_range, 0);
    if (day < 1 || static_cast<unsigned>(day) > detail::days_in_month(year, static_cast<unsigned>(month)))
        return failure(error::timestamp_out_of_range, 8);
    if (hour > 23 || minute > 59 || second > 59) return failure(error::timestamp_out_of_range, 11);

    std::int64_t const days = detail::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    std::int64_t const local = days * 86400 + hour * 3600 + minute * 60 + second;
    std::int64_t const utc = local - static_cast<std::int64_t>(offset) * 60;
    if (utc < timestamp_min_seconds || utc > timestamp_max_seconds) return failure(error::timestamp_out_of_range, 0);
    return timestamp{utc, offset};
}

/// Writes `YYYY-MM-DDTHH:MM:SS±hh:mm` (exactly `timestamp_length` characters) in the timestamp's
/// own offset, as Kayako responses show them (`2016-08-18T15:17:39+00:00`). A timestamp outside
/// the range of `parse_timestamp` is clamped to it; an offset beyond ±23:59 is written as UTC.
constexpr void format_timestamp(timestamp t, std::span<char, timestamp_length> out) noexcept {
    int offset = t.offset_minutes;
    if (offset < -(23 * 60 + 59) || offset > 23 * 60 + 59) offset = 0;
    std::int64_t utc = t.seconds < timestamp_min_seconds ? timestamp_min_seconds
                     : t.seconds > timestamp_max_seconds ? timestamp_max_seconds
                                                         : t.seconds;
    std::int64_t local = utc + static_cast<std::int64_t>(offset) * 60;
    // The offset may push the local time just outside years 1..9999; write UTC then.
    if (local < timestamp_min_seconds || local > timestamp_max_seconds) {
        local = utc;
        offset = 0;
    }
    std::int64_t days = local / 86400;
    std::int64_t secs = local % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    auto const date = detail::civil_from_days_since_year_0(static_cast<std::uint32_t>(days + detail::days_from_year_0_to_epoch));
    char* p = out.data();
    auto const y = static_cast<unsigned>(date.year);
    detail::put2(p, y / 100);
    detail::put2(p + 2, y % 100);
    p[4] = '-';
    detail::put2(p + 5, date.month);
    p[7] = '-';
    detail::put2(p + 8, date.day);
    p[10] = 'T';
    detail::put2(p + 11, static_cast<unsigned>(secs / 3600));
    p[13] = ':';
    detail::put2(p + 14, static_cast<unsigned>(secs / 60 % 60));
    p[16] = ':';
    detail::put2(p + 17, static_cast<unsigned>(secs % 60));
    p[19] = offset < 0 ? '-' : '+';
    unsigned const abs_offset = static_cast<unsigned>(offset < 0 ? -offset : offset);
    detail::put2(p + 20, abs_offset / 60);
    p[22] = ':';
    detail::put2(p + 23, abs_offset % 60);
}

/// `t` as ISO-8601 in its own offset (`2015-07-20T16:06:12+05:00`, §3). Throws only `std::bad_alloc`.
inline std::string format_timestamp(timestamp t) {
    std::string s(timestamp_length, '\0');
    format_timestamp(t, std::span<char, timestamp_length>(s.data(), timestamp_length));
    return s;
}

/// Writes `format_timestamp(t)` (for test output and logs).
inline std::ostream& operator<<(std::ostream& os, timestamp const& t) { return os << format_timestamp(t); }

// ---------------------------------------------------------------------------------------------
// Binary (base64, RFC 4648 §4, strict)
// ---------------------------------------------------------------------------------------------

/// The length of the padded base64 text of `bytes` bytes.
constexpr std::size_t base64_encoded_size(std::size_t bytes) noexcept { return (bytes + 2) / 3 * 4; }
/// An upper bound of the decoded size of `chars` base64 characters.
constexpr std::size_t base64_decoded_max_size(std::size_t chars) noexcept { return chars / 4 * 3; }

namespace detail {
inline constexpr char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The value of each byte in a 64-character alphabet, -1 for a byte outside it. Base64 (§3) and
/// base64url (JWT, RFC 7515) differ only in their alphabets.
constexpr std::array<signed char, 256> base64_decoding_table(char const (&alphabet)[65]) noexcept {
    std::array<signed char, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return t;
}

inline constexpr std::array<signed char, 256> base64_values = base64_decoding_table(base64_alphabet);
}  // namespace detail

/// Writes the base64 of `bytes` to `out` (room for `base64_encoded_size(bytes.size())`).
constexpr std::size_t encode_base64(std::string_view bytes, char* out) noexcept {
    std::size_t o = 0, i = 0;
    auto b = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        unsigned const v = b(i) << 16 | b(i + 1) << 8 | b(i + 2);
        out[o++] = detail::base64_alphabet[v >> 18 & 63];
        out[o++] = detail::base64_alphabet[v >> 12 & 63];
        out[o++] = detail::base64_alphabet[v >> 6 & 63];
        out[o++] = detail::base64_alphabet[v & 63];
    }
    if (std::size_t const rest = bytes.size() - i; rest > 0) {
        unsigned const v = b(i) << 16 | (rest == 2 ? b(i + 1) << 8 : 0u);
        out[o++] = detail::base64_alphabet[v >> 18 & 63];
        out[o++] = detail::base64_alphabet[v >> 12 & 63];
        out[o++] = rest == 2 ? detail::base64_alphabet[v >> 6 & 63] : '=';
        out[o++] = '=';
    }
    return o;
}

/// `bytes` as padded, standard-alphabet base64 (§3). Throws only `std::bad_alloc`.
inline std::string encode_base64(std::string_view bytes) {
    std::string s(base64_encoded_size(bytes.size()), '\0');
    encode_base64(bytes, s.data());
    return s;
}

/// Decodes strict base64 into `out` (room for `base64_decoded_max_size(text.size())`) and returns
/// the number of bytes written. Strict: standard alphabet only, no whitespace, length a multiple
/// of 4, `=` only as the last one or two characters, and unused bits of the last character zero
/// (so that every byte string has exactly one accepted spelling).
constexpr result<std::size_t> decode_base64(std::string_view text, char* out) noexcept {
    if (text.size() % 4 != 0) return failure(error::invalid_base64, text.size() - text.size() % 4);
    std::size_t o = 0;
    for (std::size_t i = 0; i < text.size(); i += 4) {
        bool const last = i + 4 == text.size();
        std::size_t pad = 0;
        if (last) pad = text[i + 3] == '=' ? (text[i + 2] == '=' ? 2 : 1) : 0;
        unsigned v = 0;
        for (std::size_t k = 0; k < 4 - pad; ++k) {
            signed char const d = detail::base64_values[static_cast<unsigned char>(text[i + k])];
            if (d < 0) return failure(error::invalid_base64, i + k);
            v = v << 6 | static_cast<unsigned>(d);
        }
        if (pad == 0) {
            out[o++] = static_cast<char>(v >> 16 & 0xFF);
            out[o++] = static_cast<char>(v >> 8 & 0xFF);
            out[o++] = static_cast<char>(v & 0xFF);
        } else if (pad == 1) {  // 18 bits: 2 bytes and 2 bits that must be zero
            if (v & 0x3) return failure(error::invalid_base64, i + 2);
            out[o++] = static_cast<char>(v >> 10 & 0xFF);
            out[o++] = static_cast<char>(v >> 2 & 0xFF);
        } else {  // 12 bits: 1 byte and 4 bits that must be zero
            if (v & 0xF) return failure(error::invalid_base64, i + 1);
            out[o++] = static_cast<char>(v >> 4 & 0xFF);
        }
    }
    return o;
}

/// Binary data (§3), as the bytes it stands for. Parsed from and written as base64.
struct binary {
    std::string bytes; ///< the decoded bytes (not base64)
    friend bool operator==(binary const&, binary const&) = default;
};

/// Decodes strict base64 into bytes. Throws only `std::bad_alloc`.
inline result<binary> decode_base64(std::string_view text) {
    binary b;
    b.bytes.resize(base64_decoded_max_size(text.size()));
    auto n = decode_base64(text, b.bytes.data());
    if (!n) return n.error();
    b.bytes.resize(*n);
    return b;
}

// ---------------------------------------------------------------------------------------------
// Options (enumerations)
// ---------------------------------------------------------------------------------------------

/// The index in `allowed` of the value `text` names in any letter case (`bar` → `BAR`).
/// `allowed` holds the canonical, upper-case spellings.
constexpr result<std::size_t> parse_option_index(std::string_view text, std::span<std::string_view const> allowed) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    for (std::size_t k = 0; k < allowed.size(); ++k) {
        std::string_view const a = allowed[k];
        if (a.size() != text.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < a.size() && same; ++i) same = detail::to_upper(text[i]) == detail::to_upper(a[i]);
        if (same) return k;
    }
    return failure(error::invalid_option, 0);
}

/// The canonical spelling, from `allowed`, of the option `text` names in any letter case (TV-DT-3).
constexpr result<std::string_view> parse_option(std::string_view text, std::span<std::string_view const> allowed) noexcept {
    auto k = parse_option_index(text, allowed);
    if (!k) return k.error();
    return allowed[*k];
}

// ---------------------------------------------------------------------------------------------
// Arrays as comma lists
// ---------------------------------------------------------------------------------------------

/// The items of `a,b,c` as views, without allocating. An empty text has no items; `a,,b` has an
/// empty item in the middle (typed parsers refuse it, `empty_value`).
class comma_list {
public:
    /// A forward iterator over the items, each a view into the text.
    class iterator {
    public:
        using value_type = std::string_view;                 ///< Each item: a view into the text.
        using difference_type = std::ptrdiff_t;              ///< Standard iterator trait.
        using iterator_category = std::forward_iterator_tag; ///< A forward iterator: a list can be walked more than once.

        constexpr iterator() noexcept = default;
        /// The current item, without its commas.
        constexpr std::string_view operator*() const noexcept { return text_.substr(pos_, end_ - pos_); }
        /// Offset of the current item in the whole list.
        constexpr std::size_t offset() const noexcept { return pos_; }
        /// Moves to the next item.
        constexpr iterator& operator++() noexcept {
            if (end_ >= text_.size()) {
                pos_ = end_ = std::string_view::npos;
            } else {
                pos_ = end_ + 1;
                end_ = find_end(pos_);
            }
            return *this;
        }
        /// Moves to the next item; returns the iterator as it was.
        constexpr iterator operator++(int) noexcept {
            iterator t = *this;
            ++*this;
            return t;
        }
        friend constexpr bool operator==(iterator const& a, iterator const& b) noexcept { return a.pos_ == b.pos_; }

    private:
        friend class comma_list;
        constexpr iterator(std::string_view t, std::size_t pos) noexcept
            : text_(t), pos_(pos), end_(pos == std::string_view::npos ? pos : find_end(pos)) {}
        constexpr std::size_t find_end(std::size_t from) const noexcept {
            std::size_t const c = text_.find(',', from);
            return c == std::string_view::npos ? text_.size() : c;
        }
        std::string_view text_;
        std::size_t pos_ = std::string_view::npos;
        std::size_t end_ = std::string_view::npos;
    };

    /// The items of `text` (a view: keep it alive while iterating).
    constexpr explicit comma_list(std::string_view text) noexcept : text_(text) {}
    /// The first item; equals `end()` for an empty text.
    constexpr iterator begin() const noexcept { return iterator(text_, text_.empty() ? std::string_view::npos : 0); }
    /// Past the last item.
    constexpr iterator end() const noexcept { return iterator(text_, std::string_view::npos); }
    /// Number of items (commas + 1, or 0 for an empty text).
    constexpr std::size_t size() const noexcept {
        if (text_.empty()) return 0;
        std::size_t n = 1;
        for (char c : text_) n += c == ',';
        return n;
    }

private:
    std::string_view text_;
};

// ---------------------------------------------------------------------------------------------
// The customisation point: text → T
// ---------------------------------------------------------------------------------------------

/// `value_parser<T>::parse(text)` reads one value of type T. Specialise it for your own types to
/// make them readable by `parse_value`, `parse_list` and the typed parameter getters.
template <class T>
struct value_parser;

template <>
/// Booleans: `true`/`false` in any letter case, `1`/`0` (§3).
struct value_parser<bool> {
    /// `parse_boolean(s)`: `invalid_boolean` for any other text.
    static constexpr result<bool> parse(std::string_view s) noexcept { return parse_boolean(s); }
};
/// Every integer type but `bool`: decimal, range-checked for T (§3).
template <std::integral T>
    requires(!std::same_as<T, bool>)
struct value_parser<T> {
    /// `parse_integer<T>(s)`: `invalid_integer`, or `integer_out_of_range` past T's limits.
    static result<T> parse(std::string_view s) noexcept { return parse_integer<T>(s); }
};
template <>
/// Floats, correctly rounded (§3, §21.19).
struct value_parser<double> {
    /// `parse_float(s)`: `invalid_float`, or `float_out_of_range` for a number that overflows a double.
    static result<double> parse(std::string_view s) noexcept { return parse_float(s); }
};
template <>
/// Timestamps: ISO-8601 date-time with a zone, or Unix seconds (§3).
struct value_parser<timestamp> {
    /// `parse_timestamp(s)`: `invalid_timestamp`, or `timestamp_out_of_range` outside years 0001..9999.
    static constexpr result<timestamp> parse(std::string_view s) noexcept { return parse_timestamp(s); }
};
template <>
/// Binary data, from strict base64 (§3).
struct value_parser<binary> {
    /// `decode_base64(s)`: `invalid_base64` at the first bad character. Throws only `std::bad_alloc`.
    static result<binary> parse(std::string_view s) { return decode_base64(s); }
};
template <>
/// Text as sent: a view of the argument's (decoded) value; never fails.
struct value_parser<std::string_view> {
    /// `s` itself.
    static constexpr result<std::string_view> parse(std::string_view s) noexcept { return s; }
};
template <>
/// Text as sent, owned; never fails.
struct value_parser<std::string> {
    /// A copy of `s`. Throws only `std::bad_alloc`.
    static result<std::string> parse(std::string_view s) { return std::string(s); }
};

/// Types `parse_value` can read.
template <class T>
concept parsable_value = requires(std::string_view s) {
    { value_parser<T>::parse(s) } -> std::same_as<result<T>>;
};

/// Reads one value of type T from `text` with `value_parser<T>` (§3): the value, or the parser's failure (`invalid_integer`, …) with its offset in `text`.
/// @code
/// auto limit = kayako::parse_value<std::uint32_t>("25");     // 25
/// auto flag = kayako::parse_value<bool>("yes");              // failure: invalid_boolean at 0
/// @endcode
template <parsable_value T>
result<T> parse_value(std::string_view text) noexcept(noexcept(value_parser<T>::parse(text))) {
    return value_parser<T>::parse(text);
}

/// The items of a comma list as T, at most `max_items` of them (`too_many` past it). A failing
/// item's offset is its offset in the whole list. Throws only `std::bad_alloc`.
template <parsable_value T>
result<std::vector<T>> parse_list(std::string_view text, std::size_t max_items = 1000) {
    comma_list const items(text);
    if (items.size() > max_items) return failure(error::too_many, 0);
    std::vector<T> out;
    out.reserve(items.size());
    for (auto it = items.begin(); it != items.end(); ++it) {
        if ((*it).empty()) return failure(error::empty_value, it.offset());
        auto v = value_parser<T>::parse(*it);
        if (!v) return v.error().shifted(it.offset());
        out.push_back(std::move(*v));
    }
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_CORE_VALUES_HPP
