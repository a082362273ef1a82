// Fuzzes the HTTP-date parser (RFC 9110 §5.6.7, §21.7). Properties checked: a parsed date lies in
// years 0000..9999; parse -> format -> parse gives the same instant, and the IMF-fixdate we write
// is accepted by the strictest options (no obsolete forms, no numeric zone, weekday checked);
// whatever parses without "now" parses to the same instant with a "now" for every non-RFC 850 form.
#include <kayako/caching/http_date.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    // The first 8 bytes (when present) choose "now"; the rest is the date text.
    kayako::http_date_options with_now;
    std::string_view text(reinterpret_cast<char const*>(data), size);
    if (size >= 8) {
        std::int64_t now = 0;
        std::memcpy(&now, data, 8);
        with_now.now = kayako::http_date{now};
    }

    kayako::http_date_options strictest;
    strictest.accept_obsolete = false;
    strictest.accept_numeric_zone = false;
    strictest.check_weekday = true;

    for (std::string_view input : {text, size >= 8 ? text.substr(8) : text}) {
        for (kayako::http_date_options const* o : {&with_now, &strictest}) {
            auto const d = kayako::parse_http_date(input, *o);
            if (!d) {
                if (d.error().offset > input.size()) std::abort();
                continue;
            }
            if (d->seconds < kayako::http_date_min_seconds || d->seconds > kayako::http_date_max_seconds) std::abort();
            auto const text1 = kayako::format_http_date(*d);
            auto const again = kayako::parse_http_date(text1.view(), strictest);
            if (!again || again->seconds != d->seconds) std::abort();
            if (kayako::format_http_date(*again).view() != text1.view()) std::abort();
        }
        bool const maybe_rfc850 = input.size() <= 3 || (input[3] != ',' && input[3] != ' ');
        if (maybe_rfc850) continue;  // the only form whose meaning depends on "now"
        auto const plain = kayako::parse_http_date(input);
        auto const dated = kayako::parse_http_date(input, with_now);
        if (plain.has_value() != dated.has_value()) std::abort();
        if (plain && plain->seconds != dated->seconds) std::abort();
    }
    return 0;
}
