// kayako-proto — the umbrella header: every public header of the library, area by area.
//
// Each area has its own umbrella (`kayako/request.hpp`, ...) and folder (`kayako/request/`);
// `detail/` is private and may change in any release.
#ifndef KAYAKO_PROTO_HPP
#define KAYAKO_PROTO_HPP

#include <kayako/core.hpp>
#include <kayako/request.hpp>
#include <kayako/caching.hpp>
#include <kayako/envelope.hpp>
#include <kayako/response.hpp>
#include <kayako/output.hpp>

/// @namespace kayako
/// The Kayako REST API v1 wire protocol (`kayako-protocol.md`) as plain types and pure functions,
/// for servers and clients alike: arguments, parameters, partial output, the envelope,
/// preconditions, authentication. Nothing here opens a socket, reads a clock or logs; parsers are
/// `noexcept` and return `kayako::result<T>`, a value or a `kayako::failure` saying what and where.
/// The decisions taken where the reference is silent are listed on the @ref decisions page.

#endif  // KAYAKO_PROTO_HPP
