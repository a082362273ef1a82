// kayako-proto — the umbrella header: every public header of the library.
#ifndef KAYAKO_PROTO_HPP
#define KAYAKO_PROTO_HPP

#include <kayako/version.hpp>
#include <kayako/error.hpp>
#include <kayako/api_error.hpp>
#include <kayako/letter_case.hpp>
#include <kayako/values.hpp>
#include <kayako/headers.hpp>
#include <kayako/framing.hpp>
#include <kayako/etag.hpp>
#include <kayako/http_date.hpp>
#include <kayako/conditional.hpp>
#include <kayako/form.hpp>
#include <kayako/query.hpp>
#include <kayako/page_arguments.hpp>
#include <kayako/media_type.hpp>
#include <kayako/content_disposition.hpp>
#include <kayako/content_md5.hpp>
#include <kayako/multipart.hpp>
#include <kayako/upload.hpp>
#include <kayako/cookie.hpp>
#include <kayako/auth.hpp>
#include <kayako/parameters.hpp>
#include <kayako/envelope_types.hpp>
#include <kayako/envelope.hpp>
#include <kayako/envelope_parse_error.hpp>
#include <kayako/envelope_parser.hpp>
#include <kayako/envelope_metadata_parser.hpp>
#include <kayako/jsonp.hpp>
#include <kayako/pagination.hpp>
#include <kayako/response.hpp>
#include <kayako/rate_limit.hpp>
#include <kayako/fields.hpp>
#include <kayako/schema.hpp>
#include <kayako/output.hpp>
#include <kayako/request.hpp>

#endif  // KAYAKO_PROTO_HPP
