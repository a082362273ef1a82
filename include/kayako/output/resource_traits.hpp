// kayako-proto — a user's struct as a resource: the `resource_traits` customisation point, and
// default traits for structs described with Boost.Describe (§5, §21.2).
//
// Specialise `resource_traits<T>` by hand:
//
//     template <> struct kayako::resource_traits<my::user> {
//         static constexpr std::string_view type = "user";
//         template <class Visit> static void for_each_field(my::user const& u, Visit&& visit) {
//             visit("id", u.id);
//             visit("full_name", u.full_name);
//             visit("role", u.role);          // a struct with resource_traits: a nested resource
//             visit("teams", u.teams);        // std::vector of them: an array of nested resources
//             visit("locale", u.locale);      // std::optional<...>: null when empty
//             visit("resource_type", type);
//         }
//     };
//
// or describe the struct and let the library write them:
//
//     struct user {
//         static constexpr std::string_view resource_type = "user";
//         std::int64_t id;
//         std::string full_name;
//         role role;
//     };
//     BOOST_DESCRIBE_STRUCT(user, (), (id, full_name, role))
//
// A described struct's fields are its described public data members, in their order, under their
// C++ names; `resource_type` follows them (with the value of the static member `resource_type`)
// unless a described member is itself named `resource_type`. Field values are mapped by the
// struct model (`struct_source.hpp`): bool, integers, floating point, anything convertible to
// `std::string_view`, `std::nullptr_t`, `std::optional<V>`, `std::vector<V>`, `std::span<V const>`,
// `boost::json::value`, and structs with traits (nested resources, described ones included). A
// struct's field that the schema does not list is a default field; a map field (`kayako::map_field`,
// §21.18) holds its map as a `boost::json::value` object (or an optional or vector of them).
#ifndef KAYAKO_OUTPUT_RESOURCE_TRAITS_HPP
#define KAYAKO_OUTPUT_RESOURCE_TRAITS_HPP

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <concepts>
#include <string_view>
#include <type_traits>

namespace kayako {

/// The customisation point for rendering a user's own struct: `type` (its resource type) and
/// `for_each_field(resource, visit)`, which calls `visit(name, value)` once per field, in output
/// order. Specialise it, or describe the struct (see the file comment).
template <class T>
struct resource_traits;

/// A struct that `resource_traits` describes: rendered as a resource, and as a nested resource
/// wherever it is a field's value.
template <class T>
concept described_resource = requires(T const& r) {
    { resource_traits<T>::type } -> std::convertible_to<std::string_view>;
    resource_traits<T>::for_each_field(r, [](std::string_view, auto const&) {});
};

/// A struct described with `BOOST_DESCRIBE_STRUCT` that names its resource type in a static
/// member `resource_type` (a data member of that name is a field, not the type).
template <class T>
concept boost_described_resource =
    boost::describe::has_describe_members<T>::value && requires {
        { T::resource_type } -> std::convertible_to<std::string_view>;
        requires !std::is_member_pointer_v<decltype(&T::resource_type)>;
    };

namespace detail {
template <class T>
using public_members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

template <class T>
constexpr bool has_member_named_resource_type() noexcept {
    bool found = false;
    boost::mp11::mp_for_each<public_members<T>>([&](auto d) {
        found = found || std::string_view(d.name) == "resource_type";
    });
    return found;
}
}  // namespace detail

/// The default traits of a Boost.Describe'd struct: its described public data members, in order,
/// then `resource_type` unless a member already has that name. A hand-written specialisation of
/// `resource_traits<T>` wins over this one.
template <boost_described_resource T>
struct resource_traits<T> {
    /// The resource type: `T::resource_type`.
    static constexpr std::string_view type = T::resource_type;

    template <class Visit>
    /// Calls `visit(name, value)` for each described member of `resource`, then `resource_type`.
    static void for_each_field(T const& resource, Visit&& visit) {
        boost::mp11::mp_for_each<detail::public_members<T>>(
            [&](auto d) { visit(std::string_view(d.name), resource.*d.pointer); });
        if constexpr (!detail::has_member_named_resource_type<T>()) visit(std::string_view("resource_type"), type);
    }
};

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_RESOURCE_TRAITS_HPP
