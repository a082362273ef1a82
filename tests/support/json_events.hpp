// A handler for the library's JSON reader (detail/json_reader.hpp) and for Boost.JSON's
// `basic_parser` alike, recording every complete event as text, so that the two can be compared
// event by event (fuzz/json_reader_fuzz.cpp) and the reader's events checked against a list
// (tests/envelope/json_reader_test.cpp).
//
// Events: `{`, `}3` (an object of 3 members ends), `[`, `]2`, `k:name`, `s:value`, `i:-3@-3` and
// `u:5@5` (value @ text), `d@1.5` (the value goes to `doubles`), `true`, `false`, `null`. Parts
// that Boost.JSON hands over (`on_*_part`) are joined, so both parsers give whole values.
#pragma once

#include <boost/json/error.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace kayako::test {

class json_events {
public:
    // Boost.JSON's `basic_parser` asks its handler for these limits.
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    // `stop_at`: the handler stops the read at that event (1-based; 0: never), as a handler that
    // met a typed error does. `reread_doubles`: a double's value is read again from its text,
    // correctly rounded (§21.19), where Boost.JSON 1.81 may be off by an ulp.
    explicit json_events(std::size_t stop_at = 0, bool reread_doubles = false)
        : stop_at_(stop_at), reread_doubles_(reread_doubles) {}

    std::vector<std::string> events;
    std::vector<double> doubles;
    std::vector<std::string_view> strings;  // the views handed over for whole keys and strings, to see where they point

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code& ec) { return add(ec, "{"); }
    bool on_object_end(std::size_t n, boost::system::error_code& ec) { return add(ec, "}" + std::to_string(n)); }
    bool on_array_begin(boost::system::error_code& ec) { return add(ec, "["); }
    bool on_array_end(std::size_t n, boost::system::error_code& ec) { return add(ec, "]" + std::to_string(n)); }
    bool on_key_part(std::string_view s, std::size_t, boost::system::error_code&) { return part(s); }
    bool on_key(std::string_view s, std::size_t n, boost::system::error_code& ec) { return whole(ec, "k:", s, n); }
    bool on_string_part(std::string_view s, std::size_t, boost::system::error_code&) { return part(s); }
    bool on_string(std::string_view s, std::size_t n, boost::system::error_code& ec) { return whole(ec, "s:", s, n); }
    bool on_number_part(std::string_view s, boost::system::error_code&) { return part(s); }
    bool on_int64(std::int64_t v, std::string_view s, boost::system::error_code& ec) {
        return add(ec, "i:" + std::to_string(v) + "@" + joined(s));
    }
    bool on_uint64(std::uint64_t v, std::string_view s, boost::system::error_code& ec) {
        return add(ec, "u:" + std::to_string(v) + "@" + joined(s));
    }
    bool on_double(double v, std::string_view s, boost::system::error_code& ec) {
        std::string const text = joined(s);
        doubles.push_back(reread_doubles_ ? correctly_rounded(text, v) : v);
        return add(ec, "d@" + text);
    }
    bool on_bool(bool b, boost::system::error_code& ec) { return add(ec, b ? "true" : "false"); }
    bool on_null(boost::system::error_code& ec) { return add(ec, "null"); }
    // The library reads no comments; Boost.JSON is given options that refuse them.
    bool on_comment_part(std::string_view, boost::system::error_code&) { std::abort(); }
    bool on_comment(std::string_view, boost::system::error_code&) { std::abort(); }

private:
    bool add(boost::system::error_code& ec, std::string e) {
        events.push_back(std::move(e));
        if (events.size() == stop_at_) {
            ec = boost::json::error::exception;
            return false;
        }
        return true;
    }
    bool part(std::string_view s) {
        part_.append(s);
        return true;
    }
    bool whole(boost::system::error_code& ec, char const* kind, std::string_view last, std::size_t total) {
        if (part_.empty()) {
            strings.push_back(last);
        } else {
            strings.emplace_back();  // joined from parts: in no buffer of the parser's
        }
        std::string const value = joined(last);
        if (value.size() != total) std::abort();  // the size handed over is the whole value's
        return add(ec, kind + value);
    }
    std::string joined(std::string_view last) {  // the parts handed over so far and the last one
        std::string text = std::move(part_);
        part_.clear();
        text.append(last);
        return text;
    }
    static double correctly_rounded(std::string const& text, double v) {
        double exact = 0;
        auto const r = std::from_chars(text.data(), text.data() + text.size(), exact);
        if (r.ec == std::errc::result_out_of_range)  // beyond a double: ±infinity, below: ±0
            return std::copysign(std::fabs(v) >= 1.0 ? std::numeric_limits<double>::infinity() : 0.0, v);
        if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) std::abort();  // no number
        return exact;
    }

    std::size_t stop_at_;
    bool reread_doubles_;
    std::string part_;
};

}  // namespace kayako::test
