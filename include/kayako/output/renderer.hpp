// kayako-proto — rendering a resource for a request (§5, §6, §21.2–§21.5, §21.18): the entry
// points `render_text` and `render_value`.
//
// Given a resource (a `boost::json::value`, a user's struct with `resource_traits` — hand-written
// or from Boost.Describe — or any other `renderable_source`), its schema, and the request's
// `render_options` (`fields`, `include`, `_empty`, `_case`, `_flat`), the renderer emits exactly
// what a Kayako server returns in `data` (and, in flat mode, in `resources`):
//
// * at every level the default-display rules of §5.4 (`field_selection.hpp`); `id`,
//   `resource_type`, `resource_url` always, hidden fields never, unknown names ignored (§21.2);
// * nested resources of a type that `include` does not name become references
//   `{"id":…,"resource_type":…}` (§5.1); a nested object's own `resource_type` wins over the
//   schema's type (fields that hold several types);
// * `_empty=false` drops members whose value is null or `[]` at every depth (§21.3);
// * `_case` spells every member name and every `resource_type` value in the requested case; other
//   values (enums) are never converted (§21.5). The member names inside a map field
//   (`kayako::map_field`: a message's `metadata`, custom-field maps) are data and are written as
//   the source holds them, at every depth inside the map, in both outputs and in flat mode's
//   `resources` alike (§21.18). A map is not a resource: `fields=metadata(x)` selects the field
//   and its nested rules have nothing to apply to, so the map is emitted whole;
// * `_flat=true` keeps `data` with references in place of expanded resources and puts each
//   expanded resource once under `resources.<type>.<id>`, themselves holding references (§21.4).
//   When the same resource is reached twice under different `fields` rules, the first reach wins.
//   An expanded resource without a usable `id` (integer or string) stays expanded in place.
//
// Two outputs from one walk (`detail/render_walk.hpp`): `render_value` builds
// `boost::json::value`s, `render_text` writes JSON text in one pass straight from the source into
// reusable strings — no intermediate DOM — for `envelope_writer.hpp` to splice as `raw_json`. Both
// agree on every input (tested and fuzzed).
//
// Members that the resource holds twice under names equal in any letter case (`full_name` and
// `fullName`) are one field: the first is rendered. Members of plain (non-resource) objects are
// not deduplicated: `render_text` writes both, `render_value` keeps the last, as a JSON parser does.
#ifndef KAYAKO_OUTPUT_RENDERER_HPP
#define KAYAKO_OUTPUT_RENDERER_HPP

#include <kayako/core/error.hpp>
#include <kayako/detail/output_sinks.hpp>
#include <kayako/detail/render_walk.hpp>
#include <kayako/output/field_selection.hpp>
#include <kayako/output/fields.hpp>
#include <kayako/output/json_source.hpp>
#include <kayako/output/render_options.hpp>
#include <kayako/output/render_source.hpp>
#include <kayako/output/resource_traits.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/output/struct_source.hpp>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <deque>
#include <span>
#include <string>
#include <string_view>

namespace kayako {

/// Renders `source` (a resource, or an array of them: a collection) whose schema is the one of
/// resource type `type` into values. Any `renderable_source` renders: JSON, structs with
/// `resource_traits`, spans and vectors of them. Throws only `std::bad_alloc`; fails with
/// `too_deep` past `opt.max_depth`.
/// @code
/// kayako::schema_registry const schemas{kayako::resource_schema{
/// "user", {{"full_name"}, {"email", kayako::field::optional}, {"password", kayako::field::hidden}}}};
/// kayako::render_options options;
/// options.name_case = kayako::letter_case::camel;                 // _case=camel
/// auto rendered = kayako::render_value(user_json, "user", schemas, options);
// rendered->data: {"id":7,"fullName":"…","resourceType":"user",…}; no password, ever (§21.2)
/// @endcode
template <renderable_source Source>
result<rendered_value> render_value(Source const& source, std::string_view type, schema_registry const& schemas,
                                    render_options const& opt, boost::json::storage_ptr sp = {}) {
    detail::value_sink data(sp);
    detail::render_walk<detail::value_sink> walk(schemas, opt);
    if (!walk.top(data, source, schemas.find(type))) return walk.error();
    rendered_value out{data.take(), boost::json::value(sp)};
    if (opt.flat) {
        detail::value_sink resources(sp);
        if (!walk.sideloaded(
                resources, [&](std::size_t) { return detail::value_sink(sp); },
                [](detail::value_sink& s, std::size_t) { return s.take(); }))
            return walk.error();
        out.resources = resources.take();
    }
    return out;
}

/// Renders a user's struct resource (see `resource_traits`) into values; its type is its traits'.
template <described_resource T>
result<rendered_value> render_value(T const& resource, schema_registry const& schemas, render_options const& opt,
                                    boost::json::storage_ptr sp = {}) {
    return render_value(resource, resource_traits<T>::type, schemas, opt, std::move(sp));
}

/// Renders a collection of struct resources into values.
template <described_resource T>
result<rendered_value> render_value(std::span<T const> resources, schema_registry const& schemas,
                                    render_options const& opt, boost::json::storage_ptr sp = {}) {
    return render_value(resources, resource_traits<T>::type, schemas, opt, std::move(sp));
}

/// Writes `source` (a resource or a collection array) whose schema is the one of resource type
/// `type` as JSON text into `out.data` (and `out.resources` in flat mode), in one pass over the
/// source. Any `renderable_source` renders. Throws only `std::bad_alloc`; fails with `too_deep`
/// past `opt.max_depth` (the strings then hold a partial rendering).
template <renderable_source Source>
result<void> render_text(rendered_text& out, Source const& source, std::string_view type,
                         schema_registry const& schemas, render_options const& opt) {
    out.data.clear();
    out.resources.clear();
    detail::render_walk<detail::text_sink> walk(schemas, opt);
    {
        detail::text_sink data(out.data);
        if (!walk.top(data, source, schemas.find(type))) return walk.error();
    }
    if (opt.flat) {
        std::deque<std::string> buffers;  // stable addresses: each group's sink points at one
        detail::text_sink resources(out.resources);
        if (!walk.sideloaded(
                resources,
                [&](std::size_t) {
                    buffers.emplace_back();
                    return detail::text_sink(buffers.back());
                },
                [](detail::text_sink& s, std::size_t) { return s.text(); }))
            return walk.error();
    }
    return {};
}

/// Writes a user's struct resource as JSON text; its type is its traits'.
template <described_resource T>
result<void> render_text(rendered_text& out, T const& resource, schema_registry const& schemas,
                         render_options const& opt) {
    return render_text(out, resource, resource_traits<T>::type, schemas, opt);
}

/// Writes a collection of struct resources as JSON text.
template <described_resource T>
result<void> render_text(rendered_text& out, std::span<T const> resources, schema_registry const& schemas,
                         render_options const& opt) {
    return render_text(out, resources, resource_traits<T>::type, schemas, opt);
}

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_RENDERER_HPP
