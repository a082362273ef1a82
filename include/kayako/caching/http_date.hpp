// kayako-proto — HTTP dates (RFC 9110 §5.6.7; §9.1, §21.7): parse the four forms, format one.
//
//     IMF-fixdate   Sun, 06 Nov 1994 08:49:37 GMT      what we send (§21.7)
//     rfc850-date   Sunday, 06-Nov-94 08:49:37 GMT     obsolete; two-digit year, the 50-year rule
//     asctime-date  Sun Nov  6 08:49:37 1994           obsolete
//     numeric zone  Fri, 14 Aug 2015 18:39:41 +0000    what Kayako sends in Last-Modified/Expires (§9.1)
//
// Second precision. Names are case-sensitive, as RFC 9110 defines them. The library never reads
// a clock: the 50-year rule takes "now" from the options. Input that is none of these forms is a
// typed error — "no date" — which makes a precondition carrying it ignored (RFC 9110 §13.1.3/4).
#ifndef KAYAKO_CACHING_HTTP_DATE_HPP
#define KAYAKO_CACHING_HTTP_DATE_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/values.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// An instant with second precision, as HTTP dates carry it: Unix seconds (UTC).
struct http_date {
    std::int64_t seconds = 0; ///< Unix seconds, UTC

    /// Truncates a finer clock reading to the second (RFC 9110 §13.2.2: a resource modified at
    /// 10:00:00.7 has `Last-Modified: 10:00:00`, and must compare equal to that date).
    template <class Duration>
    static constexpr http_date from(std::chrono::sys_time<Duration> t) noexcept {
        return {std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count()};
    }

    /// The same instant as a `std::chrono` time point.
    constexpr std::chrono::sys_seconds time_point() const noexcept {
        return std::chrono::sys_seconds(std::chrono::seconds(seconds));
    }

    friend constexpr auto operator<=>(http_date const&, http_date const&) noexcept = default;
};

/// Years 0000..9999: every parsed date fits, and every date in range formats with four digits.
inline constexpr std::int64_t http_date_min_seconds = -62167219200;  // 0000-01-01T00:00:00Z
inline constexpr std::int64_t http_date_max_seconds = 253402300799;  ///< the latest date read or written: 9999-12-31T23:59:59Z

/// Length of an IMF-fixdate.
inline constexpr std::size_t http_date_length = 29;

/// How `parse_http_date` reads a date (§21.7): which of the obsolete and Kayako forms it accepts.
struct http_date_options {
    /// "Now", for the two-digit years of rfc850-date: the year is the one that puts the date
    /// within 50 years in the future and 50 in the past of `now` (RFC 9110 §5.6.7). Without it,
    /// the POSIX `%y` window applies: 69..99 are 1969..1999, 00..68 are 2000..2068.
    std::optional<http_date> now{};
    bool accept_obsolete = true;      ///< rfc850-date and asctime-date
    bool accept_numeric_zone = true;  ///< Kayako's `+0000` form (any `+hhmm`/`-hhmm`, converted to UTC)
    bool check_weekday = false;       ///< reject a day name that is not the date's weekday
};

namespace detail {

inline constexpr std::string_view http_day_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr std::string_view http_long_day_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                            "Thursday", "Friday", "Saturday"};
inline constexpr std::string_view http_month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// 0 = Sunday; 1970-01-01 was a Thursday.
constexpr int weekday_from_days(std::int64_t days) noexcept {
    return static_cast<int>(days - floor_div(days + 4, 7) * 7 + 4);
}

// Index of the three-letter name at `pos` in `names`, or -1.
constexpr int short_name(std::string_view text, std::size_t pos, std::string_view const* names, int count) noexcept {
    if (pos + 3 > text.size()) return -1;
    std::string_view const s = text.substr(pos, 3);
    for (int i = 0; i < count; ++i)
        if (names[i] == s) return i;
    return -1;
}

// The parts of a date before validation; `weekday` is -1 when the form has none to check.
struct http_date_fields {
    std::int64_t year = 0;
    int month = 0;  // 1..12
    int day = 0;
    int hour = 0, minute = 0, second = 0;
    int weekday = -1;
    std::int64_t zone_seconds = 0;  // east of UTC
};

// Where each field started, for error offsets.
struct http_date_offsets {
    std::size_t day = 0, time = 0, hour = 0, minute = 0, second = 0;
};

constexpr bool expect(std::string_view text, std::size_t pos, char c) noexcept {
    return pos < text.size() && text[pos] == c;
}

// "HH:MM:SS" at `pos`; the failure offset points at the first wrong character.
constexpr result<std::size_t> parse_time_of_day(std::string_view text, std::size_t pos, http_date_fields& f) noexcept {
    f.hour = fixed_digits(text, pos, 2);
    if (f.hour < 0) return failure(error::invalid_http_date, first_non_digit(text, pos, 2));
    if (f.hour > 23) return failure(error::invalid_http_date, pos);
    if (!expect(text, pos + 2, ':')) return failure(error::invalid_http_date, pos + 2);
    f.minute = fixed_digits(text, pos + 3, 2);
    if (f.minute < 0) return failure(error::invalid_http_date, first_non_digit(text, pos + 3, 2));
    if (f.minute > 59) return failure(error::invalid_http_date, pos + 3);
    if (!expect(text, pos + 5, ':')) return failure(error::invalid_http_date, pos + 5);
    f.second = fixed_digits(text, pos + 6, 2);
    if (f.second < 0) return failure(error::invalid_http_date, first_non_digit(text, pos + 6, 2));
    if (f.second > 60) return failure(error::invalid_http_date, pos + 6);  // 60: a leap second
    return pos + 8;
}

constexpr result<std::size_t> parse_literal(std::string_view text, std::size_t pos, std::string_view literal) noexcept {
    for (std::size_t i = 0; i < literal.size(); ++i)
        if (!expect(text, pos + i, literal[i])) return failure(error::invalid_http_date, pos + i);
    return pos + literal.size();
}

constexpr result<std::size_t> parse_month(std::string_view text, std::size_t pos, http_date_fields& f) noexcept {
    int const m = short_name(text, pos, http_month_names, 12);
    if (m < 0) return failure(error::invalid_http_date, pos);
    f.month = m + 1;
    return pos + 3;
}

// Turns validated-looking fields into seconds: checks the day of month, the weekday and range.
constexpr result<http_date> assemble_http_date(http_date_fields const& f, std::size_t day_offset,
                                               http_date_options const& options) noexcept {
    // Only a two-digit year resolved against an extreme "now" can land outside; check before
    // any arithmetic that could overflow.
    if (f.year < 0 || f.year > 9999) return failure(error::invalid_http_date, 0);
    if (f.day < 1 || static_cast<unsigned>(f.day) > days_in_month(f.year, static_cast<unsigned>(f.month)))
        return failure(error::invalid_http_date, day_offset);
    std::int64_t const days = days_from_civil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
    if (options.check_weekday && f.weekday >= 0 && weekday_from_days(days) != f.weekday)
        return failure(error::invalid_http_date, 0);
    std::int64_t const seconds =
        days * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.zone_seconds;
    if (seconds < http_date_min_seconds || seconds > http_date_max_seconds) return failure(error::invalid_http_date, 0);
    return http_date{seconds};
}

// IMF-fixdate and the numeric-zone form share everything up to the zone.
constexpr result<http_date> parse_imf_like(std::string_view text, int weekday, http_date_options const& options) noexcept {
    http_date_fields f;
    f.weekday = weekday;
    auto pos = parse_literal(text, 3, ", ");
    if (!pos) return pos.error();
    std::size_t const day_offset = *pos;
    f.day = fixed_digits(text, *pos, 2);
    if (f.day < 0) return failure(error::invalid_http_date, first_non_digit(text, *pos, 2));
    if (!(pos = parse_literal(text, *pos + 2, " "))) return pos.error();
    if (!(pos = parse_month(text, *pos, f))) return pos.error();
    if (!(pos = parse_literal(text, *pos, " "))) return pos.error();
    int const year = fixed_digits(text, *pos, 4);
    if (year < 0) return failure(error::invalid_http_date, first_non_digit(text, *pos, 4));
    f.year = year;
    if (!(pos = parse_literal(text, *pos + 4, " "))) return pos.error();
    if (!(pos = parse_time_of_day(text, *pos, f))) return pos.error();
    if (!(pos = parse_literal(text, *pos, " "))) return pos.error();
    std::size_t const zone = *pos;
    if (zone < text.size() && (text[zone] == '+' || text[zone] == '-')) {
        if (!options.accept_numeric_zone) return failure(error::invalid_http_date, zone);
        int const hours = fixed_digits(text, zone + 1, 2);
        if (hours < 0) return failure(error::invalid_http_date, first_non_digit(text, zone + 1, 2));
        if (hours > 23) return failure(error::invalid_http_date, zone + 1);
        int const minutes = fixed_digits(text, zone + 3, 2);
        if (minutes < 0) return failure(error::invalid_http_date, first_non_digit(text, zone + 3, 2));
        if (minutes > 59) return failure(error::invalid_http_date, zone + 3);
        f.zone_seconds = (hours * 3600 + minutes * 60) * (text[zone] == '-' ? -1 : 1);
        pos = zone + 5;
    } else if (!(pos = parse_literal(text, zone, "GMT"))) {
        return pos.error();
    }
    if (*pos != text.size()) return failure(error::invalid_http_date, *pos);
    return assemble_http_date(f, day_offset, options);
}

// The 50-year rule of RFC 9110 §5.6.7 (or the POSIX window without "now").
constexpr std::int64_t resolve_two_digit_year(int yy, http_date_fields const& f, http_date_options const& options) noexcept {
    if (!options.now) return yy >= 69 ? 1900 + yy : 2000 + yy;
    std::int64_t const now_days = floor_div(options.now->seconds, 86400);
    auto const now = civil_from_days(now_days);
    std::int64_t const now_sod = (options.now->seconds % 86400 + 86400) % 86400;  // no overflow at INT64_MIN
    std::int64_t const sod = f.hour * 3600 + f.minute * 60 + f.second;
    // Compare (year, month, day, time of day) with "now + 50 years" lexicographically.
    auto later_than_limit = [&](std::int64_t year) {
        std::int64_t const limit = now.year + 50;
        if (year != limit) return year > limit;
        if (static_cast<unsigned>(f.month) != now.month) return static_cast<unsigned>(f.month) > now.month;
        if (static_cast<unsigned>(f.day) != now.day) return static_cast<unsigned>(f.day) > now.day;
        return sod > now_sod;
    };
    std::int64_t year = floor_div(now.year, 100) * 100 + yy;
    while (later_than_limit(year)) year -= 100;   // more than 50 years ahead: the century before
    while (!later_than_limit(year + 100)) year += 100;
    return year;
}

// Sunday, 06-Nov-94 08:49:37 GMT
constexpr result<http_date> parse_rfc850(std::string_view text, http_date_options const& options) noexcept {
    http_date_fields f;
    std::size_t pos = 0;
    for (int i = 0; i < 7; ++i) {
        auto const name = http_long_day_names[i];
        if (text.substr(0, name.size()) == name && expect(text, name.size(), ',')) {
            f.weekday = i;
            pos = name.size();
            break;
        }
    }
    if (f.weekday < 0) {
        // Point past the longest prefix that any day name (and its comma) shares with the text.
        std::size_t best = 0;
        for (auto const name : http_long_day_names) {
            std::size_t n = 0;
            while (n < name.size() && n < text.size() && text[n] == name[n]) ++n;
            if (n > best) best = n;
        }
        return failure(error::invalid_http_date, best);
    }
    auto at = parse_literal(text, pos, ", ");
    if (!at) return at.error();
    std::size_t const day_offset = *at;
    f.day = fixed_digits(text, *at, 2);
    if (f.day < 0) return failure(error::invalid_http_date, first_non_digit(text, *at, 2));
    if (!(at = parse_literal(text, *at + 2, "-"))) return at.error();
    if (!(at = parse_month(text, *at, f))) return at.error();
    if (!(at = parse_literal(text, *at, "-"))) return at.error();
    int const yy = fixed_digits(text, *at, 2);
    if (yy < 0) return failure(error::invalid_http_date, first_non_digit(text, *at, 2));
    if (!(at = parse_literal(text, *at + 2, " "))) return at.error();
    if (!(at = parse_time_of_day(text, *at, f))) return at.error();
    if (!(at = parse_literal(text, *at, " GMT"))) return at.error();
    if (*at != text.size()) return failure(error::invalid_http_date, *at);
    f.year = resolve_two_digit_year(yy, f, options);
    return assemble_http_date(f, day_offset, options);
}

// Sun Nov  6 08:49:37 1994
constexpr result<http_date> parse_asctime(std::string_view text, int weekday, http_date_options const& options) noexcept {
    http_date_fields f;
    f.weekday = weekday;
    auto pos = parse_literal(text, 3, " ");
    if (!pos) return pos.error();
    if (!(pos = parse_month(text, *pos, f))) return pos.error();
    if (!(pos = parse_literal(text, *pos, " "))) return pos.error();
    std::size_t const day_offset = *pos;
    if (expect(text, *pos, ' ')) {  // ( SP DIGIT )
        f.day = fixed_digits(text, *pos + 1, 1);
        if (f.day < 0) return failure(error::invalid_http_date, *pos + 1);
    } else {
        f.day = fixed_digits(text, *pos, 2);
        if (f.day < 0) return failure(error::invalid_http_date, first_non_digit(text, *pos, 2));
    }
    if (!(pos = parse_literal(text, *pos + 2, " "))) return pos.error();
    if (!(pos = parse_time_of_day(text, *pos, f))) return pos.error();
    if (!(pos = parse_literal(text, *pos, " "))) return pos.error();
    int const year = fixed_digits(text, *pos, 4);
    if (year < 0) return failure(error::invalid_http_date, first_non_digit(text, *pos, 4));
    f.year = year;
    if (*pos + 4 != text.size()) return failure(error::invalid_http_date, *pos + 4);
    return assemble_http_date(f, day_offset, options);
}

// Packs three bytes for a single comparison against the name tables below.
constexpr std::uint32_t pack3(char a, char b, char c) noexcept {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(a)) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b)) << 8 | static_cast<unsigned char>(c);
}

template <std::size_t N>
constexpr std::array<std::uint32_t, N> pack_names(std::string_view const (&names)[N]) noexcept {
    std::array<std::uint32_t, N> packed{};
    for (std::size_t i = 0; i < N; ++i) packed[i] = pack3(names[i][0], names[i][1], names[i][2]);
    return packed;
}
inline constexpr auto packed_day_names = pack_names(http_day_names);
inline constexpr auto packed_month_names = pack_names(http_month_names);

template <std::size_t N>
constexpr int packed_index(std::uint32_t key, std::array<std::uint32_t, N> const& names) noexcept {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == key) return static_cast<int>(i);
    return -1;
}

// "00".."99": one lookup per two digits instead of a division and a remainder each.
inline constexpr auto digit_pairs = [] {
    std::array<char, 200> p{};
    for (int i = 0; i < 100; ++i) {
        p[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
        p[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
    }
    return p;
}();
inline constexpr char day_name_chars[] = "SunMonTueWedThuFriSat";
inline constexpr char month_name_chars[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

constexpr unsigned digit(char c) noexcept { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; }

// The common case — a well-formed IMF-fixdate, what every modern sender writes — checked at
// fixed positions in one pass. Anything else (including every error) takes the general path,
// which finds the exact offset of the problem.
constexpr std::optional<http_date> parse_imf_fixdate_fast(std::string_view t, http_date_options const& options) noexcept {
    if (t.size() != 29 || t[3] != ',' || t[4] != ' ' || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' ||
        t[19] != ':' || t[22] != ':' || t[25] != ' ' || t[26] != 'G' || t[27] != 'M' || t[28] != 'T')
        return std::nullopt;
    // A byte below '0' wraps around to a large unsigned value, so one comparison per byte suffices.
    if (digit(t[5]) > 9 || digit(t[6]) > 9 || digit(t[12]) > 9 || digit(t[13]) > 9 || digit(t[14]) > 9 ||
        digit(t[15]) > 9 || digit(t[17]) > 9 || digit(t[18]) > 9 || digit(t[20]) > 9 || digit(t[21]) > 9 ||
        digit(t[23]) > 9 || digit(t[24]) > 9)
        return std::nullopt;
    int const weekday = packed_index(pack3(t[0], t[1], t[2]), packed_day_names);
    int const month = packed_index(pack3(t[8], t[9], t[10]), packed_month_names) + 1;
    unsigned const day = digit(t[5]) * 10 + digit(t[6]);
    std::int64_t const year = digit(t[12]) * 1000 + digit(t[13]) * 100 + digit(t[14]) * 10 + digit(t[15]);
    unsigned const hour = digit(t[17]) * 10 + digit(t[18]);
    unsigned const minute = digit(t[20]) * 10 + digit(t[21]);
    unsigned const second = digit(t[23]) * 10 + digit(t[24]);
    if (weekday < 0 || month == 0 || hour > 23 || minute > 59 || second > 60 || day == 0 ||
        day > days_in_month(year, static_cast<unsigned>(month)))
        return std::nullopt;
    std::int64_t const days = days_from_civil(year, static_cast<unsigned>(month), day);
    if (options.check_weekday && weekday_from_days(days) != weekday) return std::nullopt;
    return http_date{days * 86400 + hour * 3600 + minute * 60 + second};
}

}  // namespace detail

/// Parses an HTTP date in any accepted form. The whole of `text` must be the date (trim OWS
/// first). Every failure is `error::invalid_http_date` at the offset of the first wrong byte
/// (0 for a date that is well-formed but impossible as a whole: wrong weekday, out of range),
/// or `error::empty_value`.
constexpr result<http_date> parse_http_date(std::string_view text, http_date_options const& options = {}) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    if (auto fast = detail::parse_imf_fixdate_fast(text, options)) return *fast;
    int const weekday = detail::short_name(text, 0, detail::http_day_names, 7);
    if (weekday >= 0 && detail::expect(text, 3, ',')) return detail::parse_imf_like(text, weekday, options);
    if (weekday >= 0 && detail::expect(text, 3, ' ')) {
        if (!options.accept_obsolete) return failure(error::invalid_http_date, 3);
        return detail::parse_asctime(text, weekday, options);
    }
    if (!options.accept_obsolete) return failure(error::invalid_http_date, weekday >= 0 ? 3 : 0);
    return detail::parse_rfc850(text, options);
}

/// Writes the IMF-fixdate of `date` (exactly `http_date_length` bytes) at `out`; returns the end.
/// Dates outside years 0000..9999 are clamped to that range.
constexpr char* format_http_date(http_date date, char* out) noexcept {
    std::int64_t s = date.seconds;
    if (s < http_date_min_seconds) s = http_date_min_seconds;
    if (s > http_date_max_seconds) s = http_date_max_seconds;
    // Counted from 0000-01-01 (a Saturday) the instant is never negative: plain unsigned division.
    auto const since_min = static_cast<std::uint64_t>(s - http_date_min_seconds);
    auto const day_number = since_min / 86400;
    auto const sod = static_cast<unsigned>(since_min % 86400);
    auto const civil = detail::civil_from_days_since_year_0(static_cast<std::uint32_t>(day_number));
    auto const weekday = static_cast<unsigned>((day_number + 6) % 7);
    auto const year = static_cast<unsigned>(civil.year);
    // The fixed punctuation in one block copy, then each field in a small copy from a table:
    // a few dozen instructions, no division (the constant divisions above become multiplications).
    std::copy_n("Xxx, 00 Xxx 0000 00:00:00 GMT", http_date_length, out);
    char const* const day_name = detail::day_name_chars + 3 * weekday;
    char const* const month_name = detail::month_name_chars + 3 * (civil.month - 1);
    out[0] = day_name[0];  // byte by byte: a 3-byte copy_n becomes a memcpy call
    out[1] = day_name[1];
    out[2] = day_name[2];
    out[8] = month_name[0];
    out[9] = month_name[1];
    out[10] = month_name[2];
    auto put2 = [out](std::size_t at, unsigned v) { std::copy_n(detail::digit_pairs.data() + 2 * v, 2, out + at); };
    put2(5, civil.day);
    put2(12, year / 100);
    put2(14, year % 100);
    put2(17, sod / 3600);
    put2(20, sod / 60 % 60);
    put2(23, sod % 60);
    return out + http_date_length;
}

/// The IMF-fixdate of `date` (`Sun, 06 Nov 1994 08:49:37 GMT`), without allocating.
struct http_date_text {
    std::array<char, http_date_length> bytes{}; ///< the date's 29 characters (not NUL-terminated)
    /// The date as text: the header field's value.
    constexpr std::string_view view() const noexcept { return {bytes.data(), bytes.size()}; }
    /// The same as `view()`: a date is written wherever a string is.
    constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT: a string by nature
};

/// The IMF-fixdate of `date` (§21.7), the only form a server sends; a date outside years 0000..9999 is clamped to that range.
constexpr http_date_text format_http_date(http_date date) noexcept {
    http_date_text text;
    format_http_date(date, text.bytes.data());
    return text;
}

/// Appends the IMF-fixdate of `date` to `out`. Throws only std::bad_alloc.
inline void append_http_date(std::string& out, http_date date) {
    auto const text = format_http_date(date);
    out.append(text.bytes.data(), text.bytes.size());
}

}  // namespace kayako

#endif  // KAYAKO_CACHING_HTTP_DATE_HPP
