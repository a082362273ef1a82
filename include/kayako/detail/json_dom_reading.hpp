// kayako-proto — a Boost.JSON DOM built by the library's own reader (`read_json`), for
// `parse_envelope`.
//
// Why: the DOM is Boost.JSON's (`boost::json::value`, built by its `value_stack` exactly as
// `boost::json::parser` builds it), but the text is read by `read_json`, which hands over every
// double already correctly rounded (§21.19): the double is not read a second time from its text,
// and the reading costs less than Boost.JSON's resumable parser (see `json_reader.hpp`).
#ifndef KAYAKO_DETAIL_JSON_DOM_READING_HPP
#define KAYAKO_DETAIL_JSON_DOM_READING_HPP

#include <kayako/detail/json_reader.hpp>
#include <kayako/detail/json_reading.hpp>

#include <boost/json/error.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <cstddef>
#include <string_view>
#include <utility>

namespace kayako::detail {

// Boost.JSON's DOM handler, taking `read_json`'s doubles as they are; an infinite one (a number
// too large for a double) stops the read.
struct exact_json_dom_handler : json_dom_handler {
    using json_dom_handler::json_dom_handler;

    bool overflowed = false;

    bool on_double(double exact, std::string_view, boost::system::error_code& ec) {
        if (std::isinf(exact)) [[unlikely]] {
            overflowed = true;
            ec = boost::json::error::exception;  // any code: it only stops the reader
            return false;
        }
        st.push_double(exact);
        return true;
    }
};

/// Reads `text` as one JSON document into a DOM allocated from `sp`, with at most `max_depth`
/// nested containers. On success returns the value; else sets `ec` (text after the value is
/// `extra_data`) and `offset` to where the text is wrong, or `overflowed` when a number is too
/// large for a double. `temp` is scratch space for the value stack. May throw only `std::bad_alloc`.
inline boost::json::value read_json_dom(std::string_view text, std::size_t max_depth, boost::json::storage_ptr sp,
                                        unsigned char* temp, std::size_t temp_size, boost::system::error_code& ec,
                                        std::size_t& offset, bool& overflowed) {
    exact_json_dom_handler h(boost::json::storage_ptr(), temp, temp_size);
    h.st.reset(std::move(sp));
    offset = read_json(text, max_depth, h, ec);
    overflowed = h.overflowed;
    if (!ec && offset < text.size()) ec = boost::json::error::extra_data;
    if (ec) return nullptr;
    return h.st.release();
}

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_JSON_DOM_READING_HPP
