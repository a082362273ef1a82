// kayako-proto — private: the one walk of the renderer (§5, §6, §21.2–§21.5, §21.18).
//
// `render_walk<Sink>` walks any source (`render_source.hpp`: JSON, structs, or another model) and
// writes `data` into a sink (`output_sinks.hpp`: text or values). It asks `field_selection` which
// members to emit and `nested_verdict_for` what becomes of nested resources, keeps the nesting
// limit in `render_depth`, finds schemas through `schema_cache` and queues flat mode's resources
// in `sideload_queue`. Where a value stands decides how it is written:
//
// * in a resource, each member as `field_selection` says, its name in the request's case
//   (pre-spelled by the schema when it lists the field) and `resource_type`'s value a type name;
// * in a nested-resource field, objects and resources are expanded, sideloaded or referenced and
//   bare ids (numbers, strings) become references;
// * in a map field (§21.18), member names are data, written as the source holds them;
// * anywhere else, plainly: member names converted, `_empty=false` applied, resources (structs)
//   still treated as nested resources.
#ifndef KAYAKO_DETAIL_RENDER_WALK_HPP
#define KAYAKO_DETAIL_RENDER_WALK_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/detail/render_depth.hpp>
#include <kayako/detail/schema_cache.hpp>
#include <kayako/detail/sideload_queue.hpp>
#include <kayako/output/field_selection.hpp>
#include <kayako/output/render_options.hpp>
#include <kayako/output/render_source.hpp>
#include <kayako/output/schema.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace kayako::detail {

template <class X>
struct is_source_array : std::false_type {};
template <class R>
struct is_source_array<source_array<R>> : std::true_type {};
template <class X>
struct is_source_object : std::false_type {};
template <class O>
struct is_source_object<source_object<O>> : std::true_type {};
template <class X>
struct is_source_resource : std::false_type {};
template <class O>
struct is_source_resource<source_resource<O>> : std::true_type {};
// The kinds a visit gives that hold no other value.
template <class X>
inline constexpr bool is_source_scalar = std::is_same_v<X, source_null> || std::is_same_v<X, bool> ||
                                         std::is_same_v<X, std::int64_t> || std::is_same_v<X, std::uint64_t> ||
                                         std::is_same_v<X, double> || std::is_same_v<X, std::string_view>;

// The two members of a reference, spelled in each letter case (snake, camel, Pascal).
struct reference_keys {
    static constexpr std::array<std::string_view, 3> id_name = {"id", "id", "Id"};
    static constexpr std::array<std::string_view, 3> id_json = {",\"id\":", ",\"id\":", ",\"Id\":"};
    static constexpr std::array<std::string_view, 3> type_name = {"resource_type", "resourceType", "ResourceType"};
    static constexpr std::array<std::string_view, 3> type_json = {",\"resource_type\":", ",\"resourceType\":",
                                                                  ",\"ResourceType\":"};
};

template <class Sink>
class render_walk {
public:
    render_walk(schema_registry const& schemas, render_options const& opt) noexcept
        : opt_(opt), case_(opt.name_case), schemas_(schemas), depth_(opt.max_depth) {}

    bool failed() const noexcept { return depth_.failed(); }
    failure error() const noexcept { return depth_.error(); }

    /// An array whose elements are resources (a collection, or a field holding several): each
    /// element through `element`, one level deeper for the depth limit.
    template <class Array, class Element>
    void each_element(Sink& out, Array const& array, Element&& element) {
        if (!depth_.enter()) return;
        out.begin_array();
        for (auto const& e : array.elements) {
            source_model<std::remove_cvref_t<decltype(e)>>::visit(e, element);
            if (failed()) return;
        }
        out.end_array();
        depth_.leave();
    }

    /// `data`: a resource, or an array of them (a collection), of schema `schema`. Other values
    /// (and an array's elements that are not objects) are written plainly.
    template <renderable_source V>
    bool top(Sink& out, V const& source, resource_schema const* schema) {
        field_scope const root{&opt_.fields.root(), false};
        source_model<V>::visit(source, [&](auto const& x) {
            using X = std::remove_cvref_t<decltype(x)>;
            if constexpr (is_source_array<X>::value) {
                each_element(out, x, [&](auto const& y) { top_element(out, y, schema, root); });
            } else {
                top_element(out, x, schema, root);
            }
        });
        return !failed();
    }

    /// Flat mode's `resources`, after `top` (see `sideload_queue::drain`).
    template <class MakeSink, class Finish>
    bool sideloaded(Sink& out, MakeSink&& make_sink, Finish&& finish) {
        return queue_.drain(*this, out, case_, make_sink, finish);
    }

private:
    template <class X>
    void top_element(Sink& out, X const& x, resource_schema const* schema, field_scope root) {
        if constexpr (is_source_object<X>::value || is_source_resource<X>::value)
            resource(out, x.object, schema, root);
        else
            write_plain(out, x, root);
    }

    // ---- a resource ---------------------------------------------------------------------------

    template <class O>
    void resource(Sink& out, O const& o, resource_schema const* schema, field_scope scope) {
        if (!depth_.enter()) return;
        field_selection select(opt_.fields, scope, schema,
                               [&](std::string_view n) { return object_model<O>::has_member(o, n); });
        out.begin_object();
        // The member loop is the hot path: GCC outlines a lambda this size unless told, and then
        // every member pays a call and the sink's state round-trips through memory.
        object_model<O>::for_each_member(o, [&](std::string_view name, auto const& v) __attribute__((always_inline)) {
            using V = std::remove_cvref_t<decltype(v)>;
            field_selection::member const m = select.admit(name);
            if (!m.emit) return true;
            if (!opt_.keep_empty && source_model<V>::is_empty(v)) return true;
            write_key(out, m.field, name);
            member_value(out, name, v, m, select);
            return !failed();
        });
        if (failed()) return;
        out.end_object();
        depth_.leave();
    }

    // A member's value. A plain field (most of them) is visited once, here in the member loop:
    // its scalars are written in place and only containers leave the loop, so a JSON string
    // costs one switch on its kind and the sink's write, not a call per member.
    template <class V>
    [[gnu::always_inline]] void member_value(Sink& out, std::string_view name, V const& v,
                                             field_selection::member const& m, field_selection const& select) {
        if (m.field && m.field->shape() != field_shape::plain) {  // one test for a plain field
            if (is_type_member(m.field, name) && type_value(out, v)) return;
            if (m.field->is_nested())
                nested(out, v, m.field->nested_type(), select.child_scope(m));
            else
                map_value(out, v);
            return;
        }
        source_model<V>::visit(v, [&](auto const& x) __attribute__((always_inline)) {
            using X = std::remove_cvref_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::string_view>) {
                if (is_type_member(m.field, name))
                    write_type_value(out, x);
                else
                    out.string(x);
            } else if constexpr (is_source_scalar<X>) {
                write_plain(out, x, field_scope{});
            } else {
                plain_container(out, x, select.child_scope(m));
            }
        });
    }

    static bool is_type_member(field_info const* f, std::string_view name) noexcept {
        return f ? f->is_resource_type() : names_equal(name, "resource_type");
    }

    // `resource_type`'s value, when a string, is a type name (§21.5): true when written.
    template <class V>
    bool type_value(Sink& out, V const& v) {
        bool written = false;
        source_model<V>::visit(v, [&](auto const& x) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(x)>, std::string_view>) {
                write_type_value(out, x);
                written = true;
            }
        });
        return written;
    }

    [[gnu::always_inline]] void write_key(Sink& out, field_info const* f, std::string_view name) {
        if (f)
            out.key(f->name(case_), f->separated_json_key(case_));
        else
            out.key_converted(name, case_);
    }

    void write_type_value(Sink& out, std::string_view type) {
        if (resource_schema const* s = schemas_.find_spelled(type))
            out.string_json(s->type_name(case_), s->type_json(case_));
        else
            out.string_converted(type, case_);
    }

    // ---- plain values -------------------------------------------------------------------------

    template <class V>
    void plain(Sink& out, V const& v, field_scope scope) {
        source_model<V>::visit(v, [&](auto const& x) { write_plain(out, x, scope); });
    }

    // An array, object or resource in a plain field: out of the member loop, which stays small.
    template <class X>
    [[gnu::noinline]] void plain_container(Sink& out, X const& x, field_scope scope) {
        write_plain(out, x, scope);
    }

    template <class X>
    [[gnu::always_inline]] void write_plain(Sink& out, X const& x, field_scope scope) {
        if constexpr (std::is_same_v<X, source_null>)
            out.null();
        else if constexpr (std::is_same_v<X, bool>)
            out.boolean(x);
        else if constexpr (std::is_same_v<X, std::int64_t> || std::is_same_v<X, std::uint64_t> ||
                           std::is_same_v<X, double>)
            out.number(x);
        else if constexpr (std::is_same_v<X, std::string_view>)
            out.string(x);
        else if constexpr (is_source_array<X>::value) {
            if (!depth_.enter()) return;
            out.begin_array();
            for (auto const& e : x.elements) {
                plain(out, e, scope);
                if (failed()) return;
            }
            out.end_array();
            depth_.leave();
        } else if constexpr (is_source_object<X>::value) {
            using O = std::remove_cvref_t<decltype(x.object)>;
            if (!depth_.enter()) return;
            out.begin_object();
            object_model<O>::for_each_member(x.object, [&](std::string_view name, auto const& v) {
                using V = std::remove_cvref_t<decltype(v)>;
                if (!opt_.keep_empty && source_model<V>::is_empty(v)) return true;
                out.key_converted(name, case_);
                plain(out, v, scope);
                return !failed();
            });
            if (failed()) return;
            out.end_object();
            depth_.leave();
        } else {
            static_assert(is_source_resource<X>::value, "kayako::source_model: visit gave an unknown kind");
            nested_resource(out, x.object, std::string_view(), scope);  // a struct: its own type
        }
    }

    // ---- nested resources (§5.1, §21.4) -------------------------------------------------------

    template <class V>
    void nested(Sink& out, V const& v, std::string_view type, field_scope scope) {
        source_model<V>::visit(v, [&](auto const& x) {
            using X = std::remove_cvref_t<decltype(x)>;
            if constexpr (is_source_array<X>::value) {
                each_element(out, x, [&](auto const& y) { nested_element(out, y, type, scope); });
            } else {
                nested_element(out, x, type, scope);
            }
        });
    }

    template <class X>
    [[gnu::always_inline]] void nested_element(Sink& out, X const& x, std::string_view type, field_scope scope) {
        if constexpr (is_source_object<X>::value || is_source_resource<X>::value)
            nested_resource(out, x.object, type, scope);
        else if constexpr (std::is_same_v<X, std::int64_t> || std::is_same_v<X, std::uint64_t> ||
                           std::is_same_v<X, double> || std::is_same_v<X, std::string_view>)
            reference(out, type, true, [&] { write_plain(out, x, scope); });  // a bare id
        else
            write_plain(out, x, scope);
    }

    // A nested resource of `type` (its own `resource_type`, when it has one, wins).
    template <class O>
    [[gnu::always_inline]] void nested_resource(Sink& out, O const& o, std::string_view type, field_scope scope) {
        source_identity const who = object_model<O>::identity(o);
        if (!who.own_type.empty()) type = who.own_type;
        bool const keyable = who.id.what == source_id::kind::integer ||
                             who.id.what == source_id::kind::unsigned_integer ||
                             who.id.what == source_id::kind::string;
        switch (nested_verdict_for(opt_.include, type, opt_.flat, keyable)) {
        case nested_verdict::expand: resource(out, o, schemas_.find(type), scope); return;
        case nested_verdict::sideload:
            queue_.enqueue(type, who.id, &o, schemas_.find(type), scope, &render_queued<O>);
            break;
        case nested_verdict::reference: break;
        }
        reference(out, type, who.id.present(), [&]() __attribute__((always_inline)) { write_id(out, who.id); });
    }

    template <class O>
    static void render_queued(render_walk& walk, Sink& out, void const* source, resource_schema const* schema,
                              field_scope scope) {
        walk.resource(out, *static_cast<O const*>(source), schema, scope);
    }

    template <class WriteId>
    [[gnu::always_inline]] void reference(Sink& out, std::string_view type, bool has_id, WriteId&& write_id) {
        int const c = static_cast<int>(case_);
        out.begin_object();
        if (has_id) {
            out.key(reference_keys::id_name[c], reference_keys::id_json[c]);
            write_id();
        }
        out.key(reference_keys::type_name[c], reference_keys::type_json[c]);
        write_type_value(out, type);
        out.end_object();
    }

    [[gnu::always_inline]] void write_id(Sink& out, source_id const& id) {
        switch (id.what) {
        case source_id::kind::integer: out.number(id.signed_value); return;
        case source_id::kind::unsigned_integer: out.number(id.unsigned_value); return;
        case source_id::kind::string: out.string(id.text); return;
        case source_id::kind::json: plain(out, *id.json, field_scope{}); return;
        case source_id::kind::none: return;
        }
    }

    // ---- maps (§21.18) ------------------------------------------------------------------------

    // A map field's value: member names at every depth inside it are data, written as the source
    // holds them. `_empty=false` still drops null and `[]` members here, as at every depth
    // (§21.3); values are never converted. Kept out of line: a resource's member loop is the hot
    // path, and maps are rare.
    template <class V>
    [[gnu::noinline]] void map_value(Sink& out, V const& v) {
        source_model<V>::visit(v, [&](auto const& x) {
            using X = std::remove_cvref_t<decltype(x)>;
            if constexpr (is_source_object<X>::value) {
                using O = std::remove_cvref_t<decltype(x.object)>;
                if (!depth_.enter()) return;
                out.begin_object();
                object_model<O>::for_each_member(x.object, [&](std::string_view name, auto const& m) {
                    using M = std::remove_cvref_t<decltype(m)>;
                    if (!opt_.keep_empty && source_model<M>::is_empty(m)) return true;
                    out.key_verbatim(name);
                    map_value(out, m);
                    return !failed();
                });
                if (failed()) return;
                out.end_object();
                depth_.leave();
            } else if constexpr (is_source_array<X>::value) {
                if (!depth_.enter()) return;
                out.begin_array();
                for (auto const& e : x.elements) {
                    map_value(out, e);
                    if (failed()) return;
                }
                out.end_array();
                depth_.leave();
            } else {
                write_plain(out, x, field_scope{});
            }
        });
    }

    render_options const& opt_;
    letter_case case_;
    schema_cache schemas_;
    render_depth depth_;
    sideload_queue<render_walk, Sink> queue_;
};

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_RENDER_WALK_HPP
