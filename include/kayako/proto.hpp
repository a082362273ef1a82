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

#endif  // KAYAKO_PROTO_HPP
