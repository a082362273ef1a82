// Fuzzes the library's own JSON reader (detail/json_reader.hpp) against Boost.JSON's
// `basic_parser`, which `parse_envelope` uses: for every input both must accept or refuse it,
// stop at the same offset with the same error, and hand over the same values in the same order
// (a string or number Boost.JSON hands over in parts is joined; a double is compared with the
// correctly rounded value of Boost.JSON's text, §21.19, ±infinity beyond a double). The first
// byte also picks an event at which both handlers stop the parse (0: none), so that where the
// reader stops for a handler is checked too, and a nesting limit between 1 and 8 or the default 64.
#include <kayako/detail/json_reader.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include "support/json_events.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t const stop_at = data[0] & 0x1F;  // 0: never stop
    std::size_t const max_depth = (data[0] >> 5) == 0 ? 64 : (data[0] >> 5);
    std::string_view const text(reinterpret_cast<char const*>(data) + 1, size - 1);

    boost::json::parse_options options;
    options.max_depth = max_depth;
    boost::json::basic_parser<kayako::test::json_events> reference(options, stop_at, true);
    boost::system::error_code expected_ec;
    std::size_t const expected = reference.write_some(false, text.data(), text.size(), expected_ec);

    kayako::test::json_events ours(stop_at);
    boost::system::error_code ec;
    std::size_t const got = kayako::detail::read_json(text, max_depth, ours, ec);

    if (got != expected) std::abort();
    if (ec != expected_ec) std::abort();
    // The same events before an error too: an event Boost.JSON never gave could make a reader's
    // handler report a typed error where `parse_envelope` reports the syntax.
    if (ours.events != reference.handler().events) std::abort();
    // Doubles bit for bit: the reader rounds correctly, the reference is read again from its text.
    if (ours.doubles.size() != reference.handler().doubles.size()) std::abort();
    for (std::size_t i = 0; i < ours.doubles.size(); ++i)
        if (std::bit_cast<std::uint64_t>(ours.doubles[i]) != std::bit_cast<std::uint64_t>(reference.handler().doubles[i])) std::abort();
    return 0;
}
