// kayako-proto — the HTTP response around an envelope: status, headers, rate limiting, and the
// answer to a typed request (§4.1, §4.2, §9.2, §12, §13).
//
// The umbrella of `kayako/response/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_RESPONSE_HPP
#define KAYAKO_RESPONSE_HPP

#include <kayako/response/answer.hpp>
#include <kayako/response/cors.hpp>
#include <kayako/response/file_download.hpp>
#include <kayako/response/http_response.hpp>
#include <kayako/response/oauth_error.hpp>
#include <kayako/response/oauth_authorization_response.hpp>
#include <kayako/response/oauth_token_response.hpp>
#include <kayako/response/rate_limit.hpp>
#include <kayako/response/respond.hpp>

#endif  // KAYAKO_RESPONSE_HPP
