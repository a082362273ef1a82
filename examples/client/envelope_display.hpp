// kayako-client — a response envelope (§4.3) shown to a person: its errors with their parameter
// (§4.4), notifications (§4.5), logs (§4.6), resource type, paging counts and links (§7), then
// `data` and `resources` as indented JSON.
#ifndef KAYAKO_EXAMPLES_CLIENT_ENVELOPE_DISPLAY_HPP
#define KAYAKO_EXAMPLES_CLIENT_ENVELOPE_DISPLAY_HPP

#include <kayako/envelope/envelope_parser.hpp>

#include <boost/json/value.hpp>

#include <ostream>

namespace kayako_client {

/// `v` as indented JSON: objects one member a line, arrays of up to 16 scalars on one line,
/// doubles in their shortest form that reads back the same (§21.19).
void print_json(std::ostream& out, boost::json::value const& v, int indent = 0);

/// Every part of `e` a person reads, one a line; the envelope's `status` only when it differs
/// from the HTTP status (a JSONP answer carries its real status there, §13).
void print_envelope(std::ostream& out, kayako::parsed_envelope const& e, int http_status);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_ENVELOPE_DISPLAY_HPP
