// kayako-proto — the one typed name/value contract of the request's arguments and parameters
// (§2.2–§2.5, §3, §21.14, §21.15).
//
// The query string (`query_arguments`, query_arguments.hpp), a decoded form (`decoded_form`,
// form.hpp) and the body parameters of any encoding (`parameters`, parameters.hpp: form, JSON,
// multipart) answer the same questions the same way:
//
// | member                       | absent                         | present                    | bad value                |
// |------------------------------|--------------------------------|----------------------------|--------------------------|
// | `contains(name)`             | false                          | true                       | true                     |
// | `get<T>(name)`               | `result<optional<T>>`: nullopt | the last value (§21.15)    | the parser's failure     |
// | `get<T>(name, fallback)`     | `fallback`                     | the last value             | the parser's failure     |
// | `require<T>(name)`           | `missing_parameter` naming `name` as asked, no offset (→ FIELD_REQUIRED / PARAMETER_MISSING) | the last value | the parser's failure |
// | `get_list<T>(name)`          | an empty list                  | every item, in order: `name[]=v` one item, `name=a,b` its items (§21.15) | the first bad item's failure |
//
// Names match case-blind across snake, camel and Pascal case (§2.5), and `name[]` is `name`
// (§21.15), in all three. A bad value's failure names the parameter AS SENT (a view into the
// source, valid while it lives) and always carries an offset, which each source documents in
// its own frame:
//
// * `query_arguments`: an offset into the query string — where the value starts, plus the value
//   parser's own offset when the value arrived verbatim (a percent-decoded value has no
//   byte-exact way back, so its start is given). `request_target` parses the query at the
//   target's `?`; add that position for an offset into the target.
// * `decoded_form`: an offset into the decoded value (the form owns decoded copies, not the body).
// * `parameters`: an offset into the value as the body holds it (form text, a multipart text
//   part's content, a JSON string); a JSON array element's failure is at its index.
//
// For a list item, the offset is the item's offset in that occurrence's value plus the parser's.
// Past the source's item limit (§21.14, 1,000 by default) a list is `too_many` at the first item
// over it.
#ifndef KAYAKO_REQUEST_NAME_VALUE_SOURCE_HPP
#define KAYAKO_REQUEST_NAME_VALUE_SOURCE_HPP

#include <kayako/core/error.hpp>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kayako {

/// A source of named, typed values with the contract above (checked for an integer and a text
/// type; every `parsable_value` T is read through the same members).
template <class S>
concept name_value_source = requires(S const& s, std::string_view name) {
    { s.contains(name) } -> std::same_as<bool>;
    { s.template get<std::int64_t>(name) } -> std::same_as<result<std::optional<std::int64_t>>>;
    { s.template get<std::int64_t>(name, std::int64_t{}) } -> std::same_as<result<std::int64_t>>;
    { s.template require<std::int64_t>(name) } -> std::same_as<result<std::int64_t>>;
    { s.template get_list<std::int64_t>(name) } -> std::same_as<result<std::vector<std::int64_t>>>;
    { s.template get<std::string_view>(name) } -> std::same_as<result<std::optional<std::string_view>>>;
    { s.template require<std::string_view>(name) } -> std::same_as<result<std::string_view>>;
};

}  // namespace kayako

#endif  // KAYAKO_REQUEST_NAME_VALUE_SOURCE_HPP
