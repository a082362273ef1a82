// kayako-proto — JSON numbers read as the double nearest to their text (§21.19) where Boost.JSON's
// parser reads the text: the locator that says where a number too large for a double is
// (`locate_overflowing_number`, on the error path only). The DOM handler (`json_dom_handler`)
// builds the DOMs of JSON request bodies and of the response readers, which read with the
// library's own `read_json` (`json_reader.hpp`, `json_dom_reading.hpp`): it hands over doubles
// already rounded so.
//
// Why: Boost.JSON 1.81 computes doubles without correct rounding (it has no precise mode before
// 1.83): `-6e-49` reads as `-5.999999999999999e-49`. Its parser hands every handler the number's
// text, so the handlers here read that text again with `std::from_chars`, which rounds correctly.
// A number that overflows a double (`1e400`) has no value the library could write back (JSON has
// no infinity): it stops the parse. One that underflows reads as the nearest double, ±0.
#ifndef KAYAKO_DETAIL_JSON_READING_HPP
#define KAYAKO_DETAIL_JSON_READING_HPP

#include <boost/json/array.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace kayako::detail {

/// Whether Boost.JSON 1.81's own value of the JSON number `text` is already the nearest double:
/// at most 15 significant digits (so its mantissa is exact, below 2^53) and a decimal exponent in
/// [-22, 22] (so the power of ten is exact), where it computes one exact multiplication or
/// division, correctly rounded by IEEE arithmetic (Clinger's fast path). Most numbers of real
/// data (`4.5`, `51.507351`, `1234.55`) take it, and skip `from_chars`.
inline bool boost_double_is_exact(std::string_view text) noexcept {
    char const* p = text.data();
    char const* const end = p + text.size();
    if (p != end && *p == '-') ++p;
    int digits = 0, fraction = 0;
    for (; p != end && *p >= '0' && *p <= '9'; ++p) ++digits;
    if (p != end && *p == '.')
        for (++p; p != end && *p >= '0' && *p <= '9'; ++p) ++digits, ++fraction;
    if (digits > 15) return false;
    int exponent = 0;
    if (p != end) {  // `e` or `E`
        ++p;
        bool const negative = p != end && *p == '-';
        if (p != end && (*p == '-' || *p == '+')) ++p;
        for (; p != end; ++p) {
            if (exponent > 100) return false;
            exponent = exponent * 10 + (*p - '0');
        }
        if (negative) exponent = -exponent;
    }
    int const e = exponent - fraction;
    return e >= -22 && e <= 22;
}

/// Reads the JSON number `text` as the double nearest to it into `out`; false when it overflows
/// a double. `approximate` is the parser's own value of the same text, used only to tell an
/// overflow from an underflow (`from_chars` reports both as out of range and leaves `out` alone).
inline bool read_json_double(std::string_view text, double approximate, double& out) noexcept {
    if (boost_double_is_exact(text)) [[likely]] {
        out = approximate;
        return true;
    }
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec == std::errc{}) [[likely]]
        return true;
    if (ec == std::errc::result_out_of_range && std::fabs(approximate) < 1.0) {
        out = !text.empty() && text[0] == '-' ? -0.0 : 0.0;  // underflow: the nearest double is zero
        return true;
    }
    if (ec == std::errc::result_out_of_range) return false;
    out = approximate;  // not reached: the parser only hands over text of the JSON grammar
    return true;
}

/// Whether the JSON number `text`, read by the parser as `approximate`, overflows a double.
/// Only numbers the parser read near the limit are read again: its error is far below the 0.5%
/// margin between 1.79e308 and the cut-off.
inline bool json_double_overflows(std::string_view text, double approximate) noexcept {
    if (std::fabs(approximate) < 1.79e308) [[likely]]
        return false;
    double exact = 0;
    return !read_json_double(text, approximate, exact);
}

/// The text of the number being parsed. Boost.JSON hands a number split across two writes in
/// parts (`on_number_part`), then the last part with the value; a single write never splits one,
/// so the parts buffer is used (and allocates) only by streaming callers.
class json_number_text {
public:
    void add_part(std::string_view part) { parts_.append(part); }
    /// The whole text, given its last part; valid until `clear`.
    std::string_view complete(std::string_view last) {
        if (parts_.empty()) [[likely]]
            return last;
        parts_.append(last);
        return parts_;
    }
    void clear() noexcept { parts_.clear(); }

private:
    std::string parts_;
};

/// Boost.JSON's DOM handler (the one `boost::json::parser` uses, a `value_stack`) with doubles
/// read from their text. Stops at a number that overflows a double and says so.
struct json_dom_handler {
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    boost::json::value_stack st;
    json_number_text number;
    std::size_t overflow_length = 0;  // the text length of the number that overflowed, else 0

    template <class... Args>
    explicit json_dom_handler(Args&&... args) : st(std::forward<Args>(args)...) {}

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) { return true; }
    bool on_object_end(std::size_t n, boost::system::error_code&) {
        st.push_object(n);
        return true;
    }
    bool on_array_begin(boost::system::error_code&) { return true; }
    bool on_array_end(std::size_t n, boost::system::error_code&) {
        st.push_array(n);
        return true;
    }
    bool on_key_part(std::string_view s, std::size_t, boost::system::error_code&) {
        st.push_chars(s);
        return true;
    }
    bool on_key(std::string_view s, std::size_t, boost::system::error_code&) {
        st.push_key(s);
        return true;
    }
    bool on_string_part(std::string_view s, std::size_t, boost::system::error_code&) {
        st.push_chars(s);
        return true;
    }
    bool on_string(std::string_view s, std::size_t, boost::system::error_code&) {
        st.push_string(s);
        return true;
    }
    bool on_number_part(std::string_view s, boost::system::error_code&) {
        number.add_part(s);
        return true;
    }
    bool on_int64(std::int64_t i, std::string_view, boost::system::error_code&) {
        number.clear();
        st.push_int64(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, std::string_view, boost::system::error_code&) {
        number.clear();
        st.push_uint64(u);
        return true;
    }
    bool on_double(double approximate, std::string_view last, boost::system::error_code& ec) {
        std::string_view const text = number.complete(last);
        double exact = 0;
        if (!read_json_double(text, approximate, exact)) [[unlikely]] {
            overflow_length = text.size();
            ec = boost::json::error::exception;  // any code: it only stops the parser
            return false;
        }
        number.clear();
        st.push_double(exact);
        return true;
    }
    bool on_bool(bool b, boost::system::error_code&) {
        st.push_bool(b);
        return true;
    }
    bool on_null(boost::system::error_code&) {
        st.push_null();
        return true;
    }
    bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_comment(std::string_view, boost::system::error_code&) { return true; }
};

/// A SAX handler that only follows the JSON path to the first number that overflows a double.
class json_overflow_locator {
public:
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    std::size_t overflow_length = 0;

    /// `data.items[3].price`: keys joined by `.`, array items as `[index]`.
    std::string path() const {
        std::string out;
        for (frame const& f : frames_) {
            if (f.in_array) {
                out += '[';
                out += std::to_string(f.index - 1);
                out += ']';
            } else {
                if (!out.empty()) out += '.';
                out += f.key;
            }
        }
        return out;
    }

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) { return open(false); }
    bool on_object_end(std::size_t, boost::system::error_code&) { return close(); }
    bool on_array_begin(boost::system::error_code&) { return open(true); }
    bool on_array_end(std::size_t, boost::system::error_code&) { return close(); }
    bool on_key_part(std::string_view s, std::size_t, boost::system::error_code&) {
        frames_.back().key.append(s);
        return true;
    }
    bool on_key(std::string_view s, std::size_t, boost::system::error_code&) {
        frames_.back().key.append(s);
        return true;
    }
    bool on_string_part(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string(std::string_view, std::size_t, boost::system::error_code&) { return scalar(); }
    bool on_number_part(std::string_view s, boost::system::error_code&) {
        number_.add_part(s);
        return true;
    }
    bool on_int64(std::int64_t, std::string_view, boost::system::error_code&) {
        number_.clear();
        return scalar();
    }
    bool on_uint64(std::uint64_t, std::string_view, boost::system::error_code&) {
        number_.clear();
        return scalar();
    }
    bool on_double(double approximate, std::string_view last, boost::system::error_code& ec) {
        std::string_view const text = number_.complete(last);
        begin_value();
        double exact = 0;
        if (!read_json_double(text, approximate, exact)) {
            overflow_length = text.size();
            ec = boost::json::error::exception;  // found: stop here
            return false;
        }
        number_.clear();
        return end_value();
    }
    bool on_bool(bool, boost::system::error_code&) { return scalar(); }
    bool on_null(boost::system::error_code&) { return scalar(); }
    bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_comment(std::string_view, boost::system::error_code&) { return true; }

private:
    struct frame {
        bool in_array = false;
        std::size_t index = 0;  // array: items begun so far
        std::string key;        // object: the current member's name
    };

    // A value begins in the innermost container: the next index of an array.
    void begin_value() {
        if (!frames_.empty() && frames_.back().in_array) ++frames_.back().index;
    }
    // A value ended: an object's member name is spent.
    bool end_value() {
        if (!frames_.empty() && !frames_.back().in_array) frames_.back().key.clear();
        return true;
    }
    bool scalar() {
        begin_value();
        return end_value();
    }
    bool open(bool in_array) {
        begin_value();
        frames_.push_back({in_array, 0, {}});
        return true;
    }
    bool close() {
        frames_.pop_back();
        return end_value();
    }

    std::vector<frame> frames_;
    json_number_text number_;
};

/// Where the first number of the JSON `text` that overflows a double is.
struct overflowing_number {
    std::size_t offset = 0;  ///< where its text starts in `text`
    std::string path;        ///< its JSON path (`data.items[3].price`; empty at the top level)
};

/// Finds the first number of `text` that overflows a double. Called only after a reader stopped
/// at one (the error path), so reading the text again costs nothing on the good path; `text` is
/// valid JSON up to that number, and `max_depth` the reader's.
inline overflowing_number locate_overflowing_number(std::string_view text, std::size_t max_depth) {
    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<json_overflow_locator> p(options);
    boost::system::error_code ec;
    std::size_t const end = p.write_some(false, text.data(), text.size(), ec);
    auto const& h = p.handler();
    if (h.overflow_length == 0) return {end, {}};  // not reached: the reader found one
    return {end - h.overflow_length, h.path()};
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_JSON_READING_HPP
