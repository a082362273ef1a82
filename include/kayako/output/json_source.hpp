// kayako-proto — the JSON model of the render source (`render_source.hpp`): a resource held as
// a `boost::json::value` / `boost::json::object` (§3, §5).
//
// A JSON object is plain or a resource depending on where it stands (`source_object`); its own
// `resource_type` member, when a non-empty string, names its type (fields that hold several
// types), and its `id` member (exact spelling) is its id.
#ifndef KAYAKO_OUTPUT_JSON_SOURCE_HPP
#define KAYAKO_OUTPUT_JSON_SOURCE_HPP

#include <kayako/core/letter_case.hpp>
#include <kayako/output/fields.hpp>
#include <kayako/output/render_source.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace kayako {

/// `boost::json::value`: every JSON kind maps to its source kind one to one.
template <>
struct source_model<boost::json::value> {
    template <class Visitor>
    /// Calls `visit` with `v` as its source kind: null, bool, integer, double, string, array or object.
    [[gnu::always_inline]] static void visit(boost::json::value const& v, Visitor&& visit) {
        switch (v.kind()) {
        case boost::json::kind::null: visit(source_null{}); return;
        case boost::json::kind::bool_: visit(v.get_bool()); return;
        case boost::json::kind::int64: visit(v.get_int64()); return;
        case boost::json::kind::uint64: visit(v.get_uint64()); return;
        case boost::json::kind::double_: visit(v.get_double()); return;
        case boost::json::kind::string: visit(std::string_view(v.get_string())); return;
        case boost::json::kind::array: visit(source_array<boost::json::array>{v.get_array()}); return;
        case boost::json::kind::object: visit(source_object<boost::json::object>{v.get_object()}); return;
        }
    }
    /// `null` or `[]`: what `_empty=false` drops (§21.3).
    static bool is_empty(boost::json::value const& v) noexcept {
        return v.is_null() || (v.is_array() && v.get_array().empty());
    }
};

/// `boost::json::object` and `boost::json::array` as values of their own (a resource or a
/// collection handed to the renderer without its `boost::json::value`).
template <>
struct source_model<boost::json::object> {
    template <class Visitor>
    /// Calls `visit` with `o` as an object.
    static void visit(boost::json::object const& o, Visitor&& visit) {
        visit(source_object<boost::json::object>{o});
    }
    /// Never: `{}` stays under `_empty=false` (§21.3).
    static bool is_empty(boost::json::object const&) noexcept { return false; }
};
template <>
/// `boost::json::array` as a value of its own (a collection handed to the renderer directly).
struct source_model<boost::json::array> {
    template <class Visitor>
    /// Calls `visit` with `a` as an array.
    static void visit(boost::json::array const& a, Visitor&& visit) {
        visit(source_array<boost::json::array>{a});
    }
    /// `[]`: what `_empty=false` drops (§21.3).
    static bool is_empty(boost::json::array const& a) noexcept { return a.empty(); }
};

/// `boost::json::object`: members in document order.
template <>
struct object_model<boost::json::object> {
    template <class F>
    /// Calls `f(name, value)` for each member in document order until it returns false.
    [[gnu::always_inline]] static void for_each_member(boost::json::object const& o, F&& f) {
        for (auto const& m : o)
            if (!f(std::string_view(m.key()), m.value())) return;
    }
    /// Whether `o` has a member `name` in any letter case.
    static bool has_member(boost::json::object const& o, std::string_view name) noexcept {
        for (auto const& m : o)
            if (names_equal(m.key(), name)) return true;
        return false;
    }
    /// The object's `id` and own `resource_type`, found in any letter case.
    [[gnu::always_inline]] static source_identity identity(boost::json::object const& o) noexcept {
        boost::json::value const* id = nullptr;
        boost::json::value const* own_type = nullptr;
        if (o.size() <= 8) {  // references are small: a scan beats hashing
            for (auto const& m : o) {
                if (!id && detail::same_name(m.key(), "id")) id = &m.value();
                if (!own_type && detail::same_name(m.key(), "resource_type")) own_type = &m.value();
            }
        } else {
            id = o.if_contains("id");
            own_type = o.if_contains("resource_type");
        }
        source_identity out;
        if (own_type && own_type->is_string()) out.own_type = own_type->get_string();
        if (id) out.id = id_of(*id);
        return out;
    }

    /// The id held by JSON value `v`.
    [[gnu::always_inline]] static source_id id_of(boost::json::value const& v) noexcept {
        source_id id;
        if (v.is_int64())
            id.what = source_id::kind::integer, id.signed_value = v.get_int64();
        else if (v.is_uint64())
            id.what = source_id::kind::unsigned_integer, id.unsigned_value = v.get_uint64();
        else if (v.is_string())
            id.what = source_id::kind::string, id.text = v.get_string();
        else
            id.what = source_id::kind::json, id.json = &v;
        return id;
    }
};

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_JSON_SOURCE_HPP
