// kayako-proto — partial output and rendering: `fields`/`include`, schemas, the renderer (§5, §6).
//
// The umbrella of `kayako/output/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_OUTPUT_HPP
#define KAYAKO_OUTPUT_HPP

#include <kayako/output/fields.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/output/renderer.hpp>

#endif  // KAYAKO_OUTPUT_HPP
