// kayako-proto — the struct model of the render source (`render_source.hpp`): a user's struct
// described by `resource_traits` (hand-written, or Boost.Describe's defaults), and the C++ types
// its fields hold (§3, §5).
//
// Field types and what they render as: `bool`; integers (signed as int64, unsigned as uint64);
// floating point (double); anything convertible to `std::string_view` (a string); `std::nullptr_t`
// and `std::nullopt_t` (null); `std::optional<V>` (null when empty, else V); `std::vector<V>` and
// `std::span<V const>` (arrays); `boost::json::value` (the JSON model); a struct with traits (a
// resource wherever it stands — a nested resource in a field). A struct's id is its first field
// named `id` that holds an integer, a string or a JSON value; its type is its traits' `type`.
#ifndef KAYAKO_OUTPUT_STRUCT_SOURCE_HPP
#define KAYAKO_OUTPUT_STRUCT_SOURCE_HPP

#include <kayako/core/letter_case.hpp>
#include <kayako/output/json_source.hpp>
#include <kayako/output/render_source.hpp>
#include <kayako/output/resource_traits.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kayako {

namespace detail {

template <class V>
inline constexpr bool is_null_type = std::is_same_v<V, std::nullptr_t> || std::is_same_v<V, std::nullopt_t>;
template <class V>
inline constexpr bool is_string_like = std::is_convertible_v<V const&, std::string_view> && !is_null_type<V>;

// A C++ type the struct model maps (every field type of the file comment but
// `boost::json::value`, which has its own model).
template <class V>
struct is_struct_value
    : std::bool_constant<is_null_type<V> || std::is_arithmetic_v<V> || is_string_like<V> || described_resource<V>> {};
template <class V>
inline constexpr bool is_field_value = is_struct_value<V>::value || std::is_same_v<V, boost::json::value>;
template <class V>
struct is_struct_value<std::optional<V>> : std::bool_constant<is_field_value<V>> {};
template <class V, class A>
struct is_struct_value<std::vector<V, A>> : std::bool_constant<is_field_value<V>> {};
template <class V, std::size_t N>
struct is_struct_value<std::span<V, N>> : std::bool_constant<is_field_value<std::remove_const_t<V>>> {};

template <class V>
struct is_sequence : std::false_type {};
template <class V, class A>
struct is_sequence<std::vector<V, A>> : std::true_type {};
template <class V, std::size_t N>
struct is_sequence<std::span<V, N>> : std::true_type {};

template <class V>
struct is_optional : std::false_type {};
template <class V>
struct is_optional<std::optional<V>> : std::true_type {};

}  // namespace detail

/// The C++ field types of the file comment.
template <class V>
struct source_model<V, std::enable_if_t<detail::is_struct_value<V>::value>> {
    template <class Visitor>
    [[gnu::always_inline]] static void visit(V const& v, Visitor&& visit) {
        if constexpr (detail::is_null_type<V>)
            visit(source_null{});
        else if constexpr (std::is_same_v<V, bool>)
            visit(v);
        else if constexpr (std::is_integral_v<V> && std::is_signed_v<V>)
            visit(static_cast<std::int64_t>(v));
        else if constexpr (std::is_integral_v<V>)
            visit(static_cast<std::uint64_t>(v));
        else if constexpr (std::is_floating_point_v<V>)
            visit(static_cast<double>(v));
        else if constexpr (detail::is_string_like<V>)
            visit(std::string_view(v));
        else if constexpr (detail::is_optional<V>::value) {
            if (v)
                source_model<typename V::value_type>::visit(*v, visit);
            else
                visit(source_null{});
        } else if constexpr (detail::is_sequence<V>::value)
            visit(source_array<V>{v});
        else
            visit(source_resource<V>{v});
    }

    static bool is_empty(V const& v) noexcept {
        if constexpr (detail::is_null_type<V>)
            return true;
        else if constexpr (detail::is_optional<V>::value)
            return !v.has_value() || source_model<typename V::value_type>::is_empty(*v);
        else if constexpr (detail::is_sequence<V>::value)
            return v.empty();
        else
            return false;
    }
};

/// A struct with `resource_traits`: its fields in the traits' order.
template <class T>
struct object_model<T, std::enable_if_t<described_resource<T>>> {
    template <class F>
    /// Calls `f(name, value)` for each field in the traits' order until it returns false.
    [[gnu::always_inline]] static void for_each_member(T const& r, F&& f) {
        bool go = true;  // the traits visit every field: skip the rest once `f` stops
        resource_traits<T>::for_each_field(r, [&](std::string_view name, auto const& v) {
            if (go) go = f(name, v);
        });
    }
    /// Whether the traits list a field `name` (any letter case).
    static bool has_member(T const& r, std::string_view name) {
        bool found = false;
        resource_traits<T>::for_each_field(r, [&](std::string_view n, auto const&) { found = found || names_equal(n, name); });
        return found;
    }
    /// The struct's `id` member and its resource type.
    static source_identity identity(T const& r) noexcept {
        source_identity out;
        out.own_type = resource_traits<T>::type;
        resource_traits<T>::for_each_field(r, [&](std::string_view name, auto const& v) {
            using V = std::decay_t<decltype(v)>;
            if (out.id.present() || name != "id") return;
            if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool> && std::is_signed_v<V>)
                out.id.what = source_id::kind::integer, out.id.signed_value = static_cast<std::int64_t>(v);
            else if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool>)
                out.id.what = source_id::kind::unsigned_integer, out.id.unsigned_value = static_cast<std::uint64_t>(v);
            else if constexpr (detail::is_string_like<V>)
                out.id.what = source_id::kind::string, out.id.text = std::string_view(v);
            else if constexpr (std::is_same_v<V, boost::json::value>)
                out.id = object_model<boost::json::object>::id_of(v);
        });
        return out;
    }
};

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_STRUCT_SOURCE_HPP
