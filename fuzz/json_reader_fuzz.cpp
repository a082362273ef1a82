// Fuzzes the library's own JSON reader (detail/json_reader.hpp) against Boost.JSON's
// `basic_parser`, which `parse_envelope` uses: for every input both must accept or refuse it,
// stop at the same offset with the same error, and hand over the same values in the same order
// (a string or number Boost.JSON hands over in parts is joined; a double is compared with the
// correctly rounded value of Boost.JSON's text, §21.19, ±infinity beyond a double). The first
// byte also picks an event at which both handlers stop the parse (0: none), so that where the
// reader stops for a handler is checked too, and a nesting limit between 1 and 8 or the default 64.
#include <kayako/detail/json_reader.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Every complete event as text: `{`, `}3`, `k:name`, `s:value`, `i:-3`, `u:5`, `d:<bits>`, ...
class recorder {
public:
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    recorder(std::size_t stop_at, bool boost_doubles) : stop_at_(stop_at), boost_doubles_(boost_doubles) {}

    std::vector<std::string> events;

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code& ec) { return add(ec, "{"); }
    bool on_object_end(std::size_t n, boost::system::error_code& ec) { return add(ec, "}" + std::to_string(n)); }
    bool on_array_begin(boost::system::error_code& ec) { return add(ec, "["); }
    bool on_array_end(std::size_t n, boost::system::error_code& ec) { return add(ec, "]" + std::to_string(n)); }
    bool on_key_part(std::string_view s, std::size_t, boost::system::error_code&) {
        part_.append(s);
        return true;
    }
    bool on_key(std::string_view s, std::size_t n, boost::system::error_code& ec) { return whole(ec, "k:", s, n); }
    bool on_string_part(std::string_view s, std::size_t, boost::system::error_code&) {
        part_.append(s);
        return true;
    }
    bool on_string(std::string_view s, std::size_t n, boost::system::error_code& ec) { return whole(ec, "s:", s, n); }
    bool on_number_part(std::string_view s, boost::system::error_code&) {
        part_.append(s);
        return true;
    }
    bool on_int64(std::int64_t v, std::string_view s, boost::system::error_code& ec) {
        return number(ec, "i:" + std::to_string(v), s);
    }
    bool on_uint64(std::uint64_t v, std::string_view s, boost::system::error_code& ec) {
        return number(ec, "u:" + std::to_string(v), s);
    }
    bool on_double(double v, std::string_view s, boost::system::error_code& ec) {
        std::string text = part_ + std::string(s);
        if (boost_doubles_) {  // Boost.JSON's value may be off by an ulp: read its text instead
            double exact = 0;
            auto const r = std::from_chars(text.data(), text.data() + text.size(), exact);
            if (r.ec == std::errc::result_out_of_range)
                exact = std::copysign(std::fabs(v) >= 1.0 ? std::numeric_limits<double>::infinity() : 0.0, v);
            else if (r.ec != std::errc{} || r.ptr != text.data() + text.size())
                std::abort();  // Boost.JSON handed over text that is no number
            v = exact;
        }
        return number(ec, "d:" + std::to_string(std::bit_cast<std::uint64_t>(v)), s);
    }
    bool on_bool(bool b, boost::system::error_code& ec) { return add(ec, b ? "true" : "false"); }
    bool on_null(boost::system::error_code& ec) { return add(ec, "null"); }
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
    bool whole(boost::system::error_code& ec, char const* kind, std::string_view last, std::size_t total) {
        std::string v = std::move(part_);
        part_.clear();
        v.append(last);
        if (v.size() != total) std::abort();  // the size handed over is the whole value's
        return add(ec, kind + v);
    }
    bool number(boost::system::error_code& ec, std::string e, std::string_view last) {
        std::string text = std::move(part_);
        part_.clear();
        text.append(last);
        return add(ec, e + "@" + text);
    }

    std::size_t stop_at_;
    bool boost_doubles_;
    std::string part_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t const stop_at = data[0] & 0x1F;  // 0: never stop
    std::size_t const max_depth = (data[0] >> 5) == 0 ? 64 : (data[0] >> 5);
    std::string_view const text(reinterpret_cast<char const*>(data) + 1, size - 1);

    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<recorder> reference(options, stop_at, true);
    boost::system::error_code expected_ec;
    std::size_t const expected = reference.write_some(false, text.data(), text.size(), expected_ec);

    recorder ours(stop_at, false);
    boost::system::error_code ec;
    std::size_t const got = kayako::detail::read_json(text, max_depth, ours, ec);

    if (got != expected) std::abort();
    if (ec != expected_ec) std::abort();
    // The same events before an error too: an event Boost.JSON never gave could make a reader's
    // handler report a typed error where `parse_envelope` reports the syntax.
    if (ours.events != reference.handler().events) std::abort();
    return 0;
}
