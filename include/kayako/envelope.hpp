// kayako-proto — the response envelope both ways: its types, the writer, the two readers, JSONP and
// pagination links (§4, §7, §13).
//
// The umbrella of `kayako/envelope/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_ENVELOPE_HPP
#define KAYAKO_ENVELOPE_HPP

#include <kayako/envelope/envelope_types.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/envelope_parse_error.hpp>
#include <kayako/envelope/envelope_parser.hpp>
#include <kayako/envelope/envelope_metadata_parser.hpp>
#include <kayako/envelope/login_step.hpp>
#include <kayako/envelope/typed_decoding.hpp>
#include <kayako/envelope/jsonp.hpp>
#include <kayako/envelope/pagination.hpp>

#endif  // KAYAKO_ENVELOPE_HPP
