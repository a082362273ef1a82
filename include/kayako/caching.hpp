// kayako-proto — validators and conditional requests: ETags, HTTP dates, preconditions (§9).
//
// The umbrella of `kayako/caching/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_CACHING_HPP
#define KAYAKO_CACHING_HPP

#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/caching/preconditions.hpp>
#include <kayako/caching/validator_store.hpp>

#endif  // KAYAKO_CACHING_HPP
