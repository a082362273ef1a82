// kayako-proto — the HTTP response around an envelope: status, headers, rate limiting (§4.1, §4.2,
// §12).
//
// The umbrella of `kayako/response/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_RESPONSE_HPP
#define KAYAKO_RESPONSE_HPP

#include <kayako/response/http_response.hpp>
#include <kayako/response/rate_limit.hpp>

#endif  // KAYAKO_RESPONSE_HPP
