// kayako-proto — partial output and rendering: `fields`/`include`, schemas, the renderer (§5, §6).
//
// The umbrella of `kayako/output/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_OUTPUT_HPP
#define KAYAKO_OUTPUT_HPP

#include <kayako/output/fields.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/output/field_selection.hpp>
#include <kayako/output/render_options.hpp>
#include <kayako/output/render_source.hpp>
#include <kayako/output/json_source.hpp>
#include <kayako/output/resource_traits.hpp>
#include <kayako/output/struct_source.hpp>
#include <kayako/output/renderer.hpp>

#endif  // KAYAKO_OUTPUT_HPP
