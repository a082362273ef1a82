// kayako-proto — the request direction: headers, framing, the target and its arguments, bodies,
// uploads, credentials and the typed request (§1–§3, §7, §8, §10, §11).
//
// The umbrella of `kayako/request/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_REQUEST_HPP
#define KAYAKO_REQUEST_HPP

#include <kayako/request/headers.hpp>
#include <kayako/request/framing.hpp>
#include <kayako/request/form.hpp>
#include <kayako/request/api_routes.hpp>
#include <kayako/request/target_options.hpp>
#include <kayako/request/query_arguments.hpp>
#include <kayako/request/api_path.hpp>
#include <kayako/request/request_target.hpp>
#include <kayako/request/target_builder.hpp>
#include <kayako/request/name_value_source.hpp>
#include <kayako/request/page_arguments.hpp>
#include <kayako/request/header_parameters.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/request/content_disposition.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/request/multipart_boundary.hpp>
#include <kayako/request/multipart_reader.hpp>
#include <kayako/request/multipart_builder.hpp>
#include <kayako/request/upload.hpp>
#include <kayako/request/file_upload.hpp>
#include <kayako/request/cookie.hpp>
#include <kayako/request/cors_request.hpp>
#include <kayako/request/authorization.hpp>
#include <kayako/request/csrf.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/request/request_timestamp.hpp>
#include <kayako/request/client_auth.hpp>
#include <kayako/request/oauth_scope.hpp>
#include <kayako/request/oauth_token_request.hpp>
#include <kayako/request/pkce.hpp>
#include <kayako/request/oauth_authorization_request.hpp>
#include <kayako/request/jwt.hpp>
#include <kayako/request/one_time_password.hpp>
#include <kayako/request/login_step_request.hpp>
#include <kayako/request/remember_me.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/typed_request.hpp>

#endif  // KAYAKO_REQUEST_HPP
