// kayako-proto — what a request asks of the renderer, and what the renderer gives back (§5, §6).
//
// `render_options` gathers the request's `fields`, `include`, `_empty` / `X-Options: no_empty`,
// `_case` and `_flat` / `X-Options: flat` (the typed request builds it, §11); `rendered_text` and
// `rendered_value` hold `data` and, in flat mode, `resources`. Kept apart from the renderer so that
// a request reader can name the options without compiling the walk.
#ifndef KAYAKO_OUTPUT_RENDER_OPTIONS_HPP
#define KAYAKO_OUTPUT_RENDER_OPTIONS_HPP

#include <kayako/core/letter_case.hpp>
#include <kayako/output/fields.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>

namespace kayako {

/// What the request asked for: built by the server from `fields`, `include`, `_empty` /
/// `X-Options: no_empty`, `_case`, `_flat` / `X-Options: flat`.
struct render_options {
    field_mask fields;                         ///< `fields` (empty: defaults everywhere)
    include_list include;                      ///< `include` (empty: references only)
    bool keep_empty = true;                    ///< `_empty`; false drops null and `[]` (§21.3)
    letter_case name_case = letter_case::snake;  ///< `_case` (§21.5)
    bool flat = false;                         ///< `_flat` (§21.4)
    std::size_t max_depth = 64;                ///< JSON nesting of the source; past it, `too_deep` (§21.14)
};

/// `data` (and flat mode's `resources`) as values. `resources` is null unless `flat`.
struct rendered_value {
    boost::json::value data;      ///< the envelope's `data`: the resource or collection, rendered
    boost::json::value resources; ///< flat mode's `resources`: the sideloaded resources by type (§6.3); null unless `flat`
};

/// `data` (and flat mode's `resources`) as JSON text, ready for `envelope_writer.hpp`'s `raw_json`.
/// Reuse one across requests: rendering clears the strings but keeps their capacity.
struct rendered_text {
    std::string data;      ///< the envelope's `data` as JSON text
    std::string resources; ///< empty unless `flat`
};

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_RENDER_OPTIONS_HPP
