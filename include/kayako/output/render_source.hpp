// kayako-proto — what the renderer reads: the source concept and its vocabulary (§3, §5, §6).
//
// The renderer walks one kind of thing, a *source*, through two small customisation points:
//
// * `source_model<V>` — for a value type V: `visit(v, visitor)` calls the visitor with what the
//   value is (`source_null`, `bool`, `std::int64_t`, `std::uint64_t`, `double`,
//   `std::string_view`, a `source_array`, a `source_object` or a `source_resource`), and
//   `is_empty(v)` says whether `_empty=false` drops it (null or `[]`, §21.3);
// * `object_model<O>` — for an object type O (the members of a `source_object` or
//   `source_resource`): `for_each_member(o, f)` calls `f(name, value)` in order until f returns
//   false, `has_member(o, name)` finds a name in any letter case, `identity(o)` gives the `id` and
//   the object's own `resource_type`.
//
// A `source_object` is an object whose kind depends on where it stands: a plain object in a plain
// field, a resource where the schema expects a nested resource (a JSON object). A
// `source_resource` is a resource wherever it stands (a struct with `resource_traits`).
//
// Two models ship: JSON (`json_source.hpp`: `boost::json::value` and `object`) and structs
// (`struct_source.hpp`: `resource_traits` and Boost.Describe). Another source kind — another
// JSON library's DOM, a database row — is one more pair of specialisations, and then renders
// through `render_text` / `render_value` like the other two.
#ifndef KAYAKO_OUTPUT_RENDER_SOURCE_HPP
#define KAYAKO_OUTPUT_RENDER_SOURCE_HPP

#include <boost/json/value.hpp>

#include <concepts>
#include <cstdint>
#include <string_view>

namespace kayako {

/// A null value (also an empty `std::optional`).
struct source_null {};

/// An array value: `elements` is a range of source values.
template <class Range>
struct source_array {
    Range const& elements; ///< the array's elements, each a source value
};

/// An object value: plain in a plain field, a resource in a nested-resource field.
template <class Object>
struct source_object {
    /// The object, read through its `object_model`.
    Object const& object;
};

/// A resource value, wherever it stands.
template <class Object>
struct source_resource {
    /// The resource, read through its `object_model`.
    Object const& object;
};

/// A resource's `id`, as a reference writes it and flat mode keys it (§5.1, §6.3).
struct source_id {
    /// Which member holds the id.
    enum class kind : unsigned char {
        none,      ///< no `id` member: a reference without one
        integer,   ///< `signed_value`
        unsigned_integer,  ///< `unsigned_value`
        string,    ///< `text`
        json,      ///< another JSON value (`json`), written as it is; never a flat-mode key
    };
    kind what = kind::none;                   ///< the kind of id
    std::int64_t signed_value = 0;            ///< the id when `what` is `integer`
    std::uint64_t unsigned_value = 0;         ///< the id when `what` is `unsigned_integer`
    std::string_view text{};                  ///< the id when `what` is `string`
    boost::json::value const* json = nullptr; ///< the id when `what` is `json`

    /// Whether the resource has an `id` at all.
    bool present() const noexcept { return what != kind::none; }
};

/// Who a resource says it is: its `id` and its own `resource_type` (empty when it has none; a
/// JSON object in a field that holds several types names its type this way).
struct source_identity {
    source_id id;                ///< the resource's `id`
    std::string_view own_type{}; ///< its own `resource_type`; empty when it has none
};

/// The value model of type V (see the file comment). Undefined: a type is a source value only
/// through a specialisation.
template <class V, class = void>
struct source_model;

/// The object model of type O (see the file comment).
template <class O, class = void>
struct object_model;

namespace detail {
struct any_source_visitor {
    template <class X>
    void operator()(X const&) const noexcept {}
};
struct any_member_visitor {
    template <class X>
    bool operator()(std::string_view, X const&) const noexcept {
        return true;
    }
};
}  // namespace detail

/// A value the renderer can walk.
template <class V>
concept renderable_source = requires(V const& v) {
    source_model<V>::visit(v, detail::any_source_visitor{});
    { source_model<V>::is_empty(v) } -> std::same_as<bool>;
};

/// An object (plain or resource) whose members the renderer can walk.
template <class O>
concept renderable_object = requires(O const& o, std::string_view name) {
    object_model<O>::for_each_member(o, detail::any_member_visitor{});
    { object_model<O>::has_member(o, name) } -> std::same_as<bool>;
    { object_model<O>::identity(o) } -> std::same_as<source_identity>;
};

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_RENDER_SOURCE_HPP
