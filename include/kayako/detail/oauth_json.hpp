// kayako-proto — the opening both OAuth answer readers share (oauth_error.hpp,
// oauth_token_response.hpp): the token endpoint answers in RFC 6749's JSON object, not in a Kayako
// envelope, so its text is read whole into a DOM and checked to be an object before the members
// are looked at.
#ifndef KAYAKO_DETAIL_OAUTH_JSON_HPP
#define KAYAKO_DETAIL_OAUTH_JSON_HPP

#include <kayako/core/error.hpp>

#include <boost/json/error.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

namespace kayako::detail {

/// `body` read as a JSON object. Not JSON: `invalid_json` at the offset where reading stopped
/// (the end of the text when it stops early); JSON but not an object: `invalid_oauth_response`.
/// Throws only `std::bad_alloc`.
inline result<boost::json::value> read_oauth_json_object(std::string_view body) {
    boost::json::parser parser;
    boost::system::error_code ec;
    std::size_t const used = parser.write(body, ec);
    if (ec == boost::json::error::incomplete) return failure(error::invalid_json, body.size());
    if (ec) return failure(error::invalid_json, used);
    boost::json::value v = parser.release();
    if (!v.is_object()) return failure(error::invalid_oauth_response, failure::no_offset);
    return v;
}

}  // namespace kayako::detail

#endif
