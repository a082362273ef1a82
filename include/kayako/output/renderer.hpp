// kayako-proto — rendering a resource for a request (§5, §6, §21.2–§21.5).
//
// Given a resource (a `boost::json::object`, or a user's struct described by `resource_traits`),
// its schema, and the request's `render_options` (`fields`, `include`, `_empty`, `_case`,
// `_flat`), the renderer emits exactly what a Kayako server returns in `data` (and, in flat mode,
// in `resources`):
//
// * at every level the default-display rules of §5.4: no rule ⇒ always + default fields; `+x`
//   adds x; `-x` removes x; a bare default field switches the level to explicit mode; a bare
//   non-default field adds it; `*` adds every non-hidden field; `*(*)` does so at every depth;
// * `id`, `resource_type`, `resource_url` always; hidden fields never; unknown names ignored (§21.2);
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
// Two outputs from one renderer: `render_value` builds `boost::json::value`s, `render_text`
// writes JSON text in one pass straight from the source into reusable strings — no intermediate
// DOM — for `envelope.hpp` to splice as `raw_json`. Both agree on every input (tested and fuzzed).
//
// Members that the resource holds twice under names equal in any letter case (`full_name` and
// `fullName`) are one field: the first is rendered. Members of plain (non-resource) objects are
// not deduplicated: `render_text` writes both, `render_value` keeps the last, as a JSON parser does.
#ifndef KAYAKO_OUTPUT_RENDERER_HPP
#define KAYAKO_OUTPUT_RENDERER_HPP

#include <kayako/detail/output_sinks.hpp>
#include <kayako/core/error.hpp>
#include <kayako/output/fields.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/output/schema.hpp>

#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

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

/// The customisation point for rendering a user's own struct. Specialise it:
///
///     template <> struct kayako::resource_traits<my::user> {
///         static constexpr std::string_view type = "user";
///         template <class Visit> static void for_each_field(my::user const& u, Visit&& visit) {
///             visit("id", u.id);
///             visit("full_name", u.full_name);
///             visit("role", u.role);          // a struct with resource_traits: a nested resource
///             visit("teams", u.teams);        // std::vector of them: an array of nested resources
///             visit("locale", u.locale);      // std::optional<...>: null when empty
///         }
///     };
///
/// Values may be: bool, integers, floating point, anything convertible to `std::string_view`,
/// `std::nullptr_t`, `std::optional<V>`, `std::vector<V>`, `boost::json::value`, and structs with
/// `resource_traits` (nested resources). A struct's field not listed by the schema is a default
/// field; a nested struct's type is its traits' `type`. A map field (`kayako::map_field`, §21.18)
/// holds its map as a `boost::json::value` object (or an optional or vector of them).
template <class T>
struct resource_traits;

template <class T>
concept described_resource = requires(T const& r) {
    { resource_traits<T>::type } -> std::convertible_to<std::string_view>;
    resource_traits<T>::for_each_field(r, [](std::string_view, auto const&) {});
};

/// `data` (and flat mode's `resources`) as values. `resources` is null unless `flat`.
struct rendered_value {
    boost::json::value data;
    boost::json::value resources;
};

/// `data` (and flat mode's `resources`) as JSON text, ready for `envelope.hpp`'s `raw_json`.
/// Reuse one across requests: rendering clears the strings but keeps their capacity.
struct rendered_text {
    std::string data;
    std::string resources;  ///< empty unless `flat`
};

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

// A JSON source value: the object/array/scalar view the renderer reads.
using json_value = boost::json::value;

// Where a nested resource is rendered: the `fields` level that applies and whether `*(*)`
// applies from above.
struct level_state {
    field_level const* level = nullptr;
    bool deep = false;
};

// A small set of schema field indices (dedupes members named twice).
class index_set {
public:
    bool insert(std::uint32_t i) {
        if (i < 256) {
            std::uint64_t const bit = std::uint64_t{1} << (i & 63);
            if (small_[i >> 6] & bit) return false;
            small_[i >> 6] |= bit;
            return true;
        }
        if (large_.size() <= i) large_.resize(i + 1);
        if (large_[i]) return false;
        large_[i] = true;
        return true;
    }

private:
    std::array<std::uint64_t, 4> small_{};
    std::vector<bool> large_;
};

inline bool is_always_name(std::string_view n) noexcept {
    return n == "id" || n == "resource_type" || n == "resource_url" || names_equal(n, "id") ||
           names_equal(n, "resource_type") || names_equal(n, "resource_url");
}

// The key spellings of the two members of a reference.
struct reference_keys {
    static constexpr std::array<std::string_view, 3> id_name = {"id", "id", "Id"};
    static constexpr std::array<std::string_view, 3> id_json = {",\"id\":", ",\"id\":", ",\"Id\":"};
    static constexpr std::array<std::string_view, 3> type_name = {"resource_type", "resourceType", "ResourceType"};
    static constexpr std::array<std::string_view, 3> type_json = {",\"resource_type\":", ",\"resourceType\":",
                                                                  ",\"ResourceType\":"};
};

template <class Sink>
class renderer {
public:
    renderer(schema_registry const& schemas, render_options const& opt, Sink& data) noexcept
        : schemas_(schemas), opt_(opt), case_(opt.name_case), data_(data) {}

    failure const& error() const noexcept { return error_; }
    bool failed() const noexcept { return failed_; }

    // A resource or a collection from JSON (type names the schema of the resource(s)).
    bool top(json_value const& v, std::string_view type) {
        resource_schema const* schema = schemas_.find(type);
        level_state const root{&opt_.fields.root(), false};
        if (v.is_array()) {
            if (!enter()) return false;
            data_.begin_array();
            for (auto const& e : v.get_array()) {
                if (e.is_object())
                    json_resource(data_, e.get_object(), schema, root);
                else
                    plain(data_, e);
                if (failed_) return false;
            }
            data_.end_array();
            leave();
        } else if (v.is_object()) {
            json_resource(data_, v.get_object(), schema, root);
        } else {
            plain(data_, v);
        }
        return !failed_;
    }

    // A struct resource.
    template <described_resource T>
    bool top(T const& r) {
        struct_resource(data_, r, schemas_.find(resource_traits<T>::type), level_state{&opt_.fields.root(), false});
        return !failed_;
    }
    // A collection of struct resources.
    template <described_resource T>
    bool top(std::span<T const> rs) {
        resource_schema const* schema = schemas_.find(resource_traits<T>::type);
        if (!enter()) return false;
        data_.begin_array();
        for (auto const& r : rs) {
            struct_resource(data_, r, schema, level_state{&opt_.fields.root(), false});
            if (failed_) return false;
        }
        data_.end_array();
        leave();
        return !failed_;
    }

    // Flat mode: renders every queued resource into its type's group, then `resources`.
    // `make_sink()` gives a fresh sink per type; `finish(group_sink)` gives what `splice` takes.
    template <class MakeSink, class Finish>
    bool sideloaded(Sink& out, MakeSink&& make_sink, Finish&& finish) {
        std::vector<Sink> sinks;
        sinks.reserve(groups_.size() + 4);
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            auto const p = pending_[i];  // copy: rendering may grow `pending_`
            while (sinks.size() <= p.group) {
                sinks.push_back(make_sink(sinks.size()));
                sinks.back().begin_object();
            }
            Sink& s = sinks[p.group];
            s.key_verbatim(p.id);
            p.render(*this, s, p.source, p.schema, p.state);
            if (failed_) return false;
        }
        out.begin_object();
        for (std::size_t g = 0; g < sinks.size(); ++g) {
            sinks[g].end_object();
            out.key_converted(groups_[g].type, case_);
            out.splice(finish(sinks[g], g));
        }
        out.end_object();
        return true;
    }

private:
    struct group {
        std::string type;  // as first seen
        std::unordered_set<std::string> ids;
    };
    struct pending_resource {
        std::size_t group;
        std::string id;
        void const* source;
        resource_schema const* schema;
        level_state state;
        void (*render)(renderer&, Sink&, void const*, resource_schema const*, level_state);
    };

    bool enter() {
        if (++depth_ > opt_.max_depth) {
            failed_ = true;
            error_ = failure(error::too_deep);
            return false;
        }
        return true;
    }
    void leave() noexcept { --depth_; }

    // ---- decisions shared by both sources --------------------------------------------------

    // Is the level in explicit mode (§5.4 rule 4)? `has_member(name)` tells whether a name the
    // schema does not list is a member of the resource (then it is a default field).
    template <class HasMember>
    static bool explicit_mode(field_level const* level, resource_schema const* schema, HasMember&& has_member) {
        if (!level) return false;
        for (auto const& r : level->rules) {
            if (r.modifier != field_modifier::select) continue;
            field_info const* f = schema ? schema->find(r.name) : nullptr;
            if (f ? f->category() == field_category::by_default
                  : (!is_always_name(r.name) && has_member(r.name)))
                return true;
        }
        return false;
    }

    static field_rule const* find_rule(field_level const* level, field_info const* f, std::string_view name) noexcept {
        if (!level || level->rules.empty()) return nullptr;
        if (f) return level->find(f->name());
        for (auto const& r : level->rules)
            if (names_equal(r.name, name)) return &r;
        return nullptr;
    }

    // Per-resource state while its members are visited.
    struct member_context {
        resource_schema const* schema;
        level_state state;
        bool all;
        bool explicit_mode;
        std::uint32_t hint = 0;
        index_set seen;
    };

    // Decides whether member `name` is emitted; gives its schema field and rule.
    bool admit(member_context& ctx, std::string_view name, field_info const*& f, field_rule const*& rule) {
        f = nullptr;
        if (ctx.schema) {
            auto const fields = ctx.schema->fields();
            if (ctx.hint < fields.size() && same_name(fields[ctx.hint].name(), name))
                f = &fields[ctx.hint];
            else
                f = ctx.schema->find(name);
            if (f) {
                ctx.hint = f->index() + 1;
                if (!ctx.seen.insert(f->index())) return false;  // named twice: first wins
            }
        }
        field_category const cat = f ? f->category()
                                     : (is_always_name(name) ? field_category::always : field_category::by_default);
        rule = nullptr;
        switch (cat) {
        case field_category::hidden: return false;
        case field_category::always: return true;
        default: break;
        }
        rule = find_rule(ctx.state.level, f, name);
        if (rule) return rule->modifier != field_modifier::exclude;
        return ctx.all || (cat == field_category::by_default && !ctx.explicit_mode);
    }

    level_state child_state(member_context const& ctx, field_rule const* rule) const noexcept {
        field_level const* nested = rule ? opt_.fields.nested_or_null(rule) : nullptr;
        bool const deep = ctx.state.deep || (ctx.state.level && ctx.state.level->all_deep);
        return {nested, deep};
    }

    member_context open_resource(resource_schema const* schema, level_state st) {
        member_context ctx{schema, st, false, false, 0, {}};
        ctx.all = st.deep || (st.level && (st.level->all || st.level->all_deep));
        return ctx;
    }

    void write_key(Sink& out, field_info const* f, std::string_view name) {
        if (f)
            out.key(f->name(case_), f->separated_json_key(case_));
        else
            out.key_converted(name, case_);
    }

    static bool is_type_member(field_info const* f, std::string_view name) noexcept {
        return f ? f->is_resource_type() : names_equal(name, "resource_type");
    }

    // The schema of `type`, through a small cache: most types repeat within one rendering, and
    // the registry's case-blind hash costs more than comparing a few short strings.
    resource_schema const* schema_of(std::string_view type) {
        for (std::size_t i = 0; i < cached_types_; ++i)
            if (same_name(type_cache_[i].first, type)) return type_cache_[i].second;
        resource_schema const* s = schemas_.find(type);
        if (cached_types_ < type_cache_.size()) type_cache_[cached_types_++] = {type, s};
        return s;
    }

    void write_type_value(Sink& out, std::string_view type) {
        resource_schema const* s = schema_of(type);
        if (s && same_name(s->type(), type))
            out.string_json(s->type_name(case_), s->type_json(case_));
        else
            out.string_converted(type, case_);
    }

    template <class WriteId>
    void reference(Sink& out, std::string_view type, bool has_id, WriteId&& write_id) {
        out.begin_object();
        if (has_id) {
            out.key(reference_keys::id_name[static_cast<int>(case_)], reference_keys::id_json[static_cast<int>(case_)]);
            write_id();
        }
        out.key(reference_keys::type_name[static_cast<int>(case_)], reference_keys::type_json[static_cast<int>(case_)]);
        write_type_value(out, type);
        out.end_object();
    }

    // The id as flat mode's key; nothing when it cannot be one.
    static std::optional<std::string> id_key(json_value const* id) {
        if (!id) return std::nullopt;
        char buf[24];
        if (id->is_int64()) return std::string(buf, std::to_chars(buf, buf + 24, id->get_int64()).ptr);
        if (id->is_uint64()) return std::string(buf, std::to_chars(buf, buf + 24, id->get_uint64()).ptr);
        if (id->is_string()) return std::string(id->get_string());
        return std::nullopt;
    }

    // Flat mode: queues a resource for `resources`; false when it cannot be sideloaded.
    bool enqueue(std::string_view type, std::optional<std::string> id, void const* source,
                 resource_schema const* schema, level_state st,
                 void (*render)(renderer&, Sink&, void const*, resource_schema const*, level_state)) {
        if (!id) return false;
        std::size_t g = 0;
        while (g < groups_.size() && !names_equal(groups_[g].type, type)) ++g;
        if (g == groups_.size()) groups_.push_back(group{std::string(type), {}});
        if (groups_[g].ids.insert(*id).second)
            pending_.push_back(pending_resource{g, std::move(*id), source, schema, st, render});
        return true;
    }

    // ---- JSON sources ------------------------------------------------------------------------

    static bool is_empty(json_value const& v) noexcept {
        return v.is_null() || (v.is_array() && v.get_array().empty());
    }

    void plain(Sink& out, json_value const& v) {
        switch (v.kind()) {
        case boost::json::kind::null: out.null(); return;
        case boost::json::kind::bool_: out.boolean(v.get_bool()); return;
        case boost::json::kind::int64: out.number(v.get_int64()); return;
        case boost::json::kind::uint64: out.number(v.get_uint64()); return;
        case boost::json::kind::double_: out.number(v.get_double()); return;
        case boost::json::kind::string: out.string(v.get_string()); return;
        case boost::json::kind::array:
            if (!enter()) return;
            out.begin_array();
            for (auto const& e : v.get_array()) {
                plain(out, e);
                if (failed_) return;
            }
            out.end_array();
            leave();
            return;
        case boost::json::kind::object:
            if (!enter()) return;
            out.begin_object();
            for (auto const& m : v.get_object()) {
                if (!opt_.keep_empty && is_empty(m.value())) continue;
                out.key_converted(m.key(), case_);
                plain(out, m.value());
                if (failed_) return;
            }
            out.end_object();
            leave();
            return;
        }
    }

    void json_resource(Sink& out, boost::json::object const& obj, resource_schema const* schema, level_state st) {
        if (!enter()) return;
        member_context ctx = open_resource(schema, st);
        ctx.explicit_mode = explicit_mode(st.level, schema, [&](std::string_view n) {
            for (auto const& m : obj)
                if (names_equal(m.key(), n)) return true;
            return false;
        });
        out.begin_object();
        for (auto const& m : obj) {
            field_info const* f;
            field_rule const* rule;
            std::string_view const name = m.key();
            if (!admit(ctx, name, f, rule)) continue;
            json_value const& v = m.value();
            if (!opt_.keep_empty && is_empty(v)) continue;
            write_key(out, f, name);
            if (v.is_string() && is_type_member(f, name))
                write_type_value(out, v.get_string());
            else if (f && f->shape() != field_shape::plain) {  // one test for a plain field, as before maps
                if (f->is_nested())
                    json_nested(out, v, f->nested_type(), child_state(ctx, rule));
                else
                    map_value(out, v);
            } else
                plain(out, v);
            if (failed_) return;
        }
        out.end_object();
        leave();
    }

    // A map field's value (§21.18): member names at every depth inside it are data, written as
    // the source holds them. `_empty=false` still drops null and `[]` members here, as it does
    // at every depth (§21.3); values are never converted. Kept out of line: a resource's member
    // loop is the hot path, and maps are rare.
    [[gnu::noinline]] void map_value(Sink& out, json_value const& v) {
        if (v.is_object()) {
            if (!enter()) return;
            out.begin_object();
            for (auto const& m : v.get_object()) {
                if (!opt_.keep_empty && is_empty(m.value())) continue;
                out.key_verbatim(m.key());
                map_value(out, m.value());
                if (failed_) return;
            }
            out.end_object();
            leave();
        } else if (v.is_array()) {
            if (!enter()) return;
            out.begin_array();
            for (auto const& e : v.get_array()) {
                map_value(out, e);
                if (failed_) return;
            }
            out.end_array();
            leave();
        } else {
            plain(out, v);
        }
    }

    static void render_json_pending(renderer& r, Sink& out, void const* src, resource_schema const* schema,
                                    level_state st) {
        r.json_resource(out, *static_cast<boost::json::object const*>(src), schema, st);
    }

    void json_nested(Sink& out, json_value const& v, std::string_view type, level_state st) {
        if (v.is_array()) {
            if (!enter()) return;
            out.begin_array();
            for (auto const& e : v.get_array()) {
                json_nested_one(out, e, type, st);
                if (failed_) return;
            }
            out.end_array();
            leave();
        } else {
            json_nested_one(out, v, type, st);
        }
    }

    void json_nested_one(Sink& out, json_value const& v, std::string_view type, level_state st) {
        if (v.is_object()) {
            auto const& obj = v.get_object();
            json_value const* id = nullptr;
            json_value const* own_type = nullptr;
            if (obj.size() <= 8) {  // references are small: a scan beats hashing
                for (auto const& m : obj) {
                    if (!id && same_name(m.key(), "id")) id = &m.value();
                    if (!own_type && same_name(m.key(), "resource_type")) own_type = &m.value();
                }
            } else {
                id = obj.if_contains("id");
                own_type = obj.if_contains("resource_type");
            }
            if (own_type && own_type->is_string() && !own_type->get_string().empty()) type = own_type->get_string();
            if (opt_.include.includes(type)) {
                resource_schema const* schema = schema_of(type);
                if (!opt_.flat || !enqueue(type, id_key(id), &obj, schema, st, &render_json_pending)) {
                    json_resource(out, obj, schema, st);
                    return;
                }
            }
            reference(out, type, id != nullptr, [&] { plain(out, *id); });
        } else if (v.is_number() || v.is_string()) {
            reference(out, type, true, [&] { plain(out, v); });  // a bare id
        } else {
            plain(out, v);
        }
    }

    // ---- struct sources ----------------------------------------------------------------------

    template <class V>
    static bool is_empty_value(V const& v) noexcept {
        if constexpr (std::is_same_v<V, std::nullptr_t>)
            return true;
        else if constexpr (is_optional<V>::value)
            return !v.has_value() || is_empty_value(*v);
        else if constexpr (is_vector<V>::value)
            return v.empty();
        else if constexpr (std::is_same_v<V, json_value>)
            return is_empty(v);
        else
            return false;
    }

    template <class V>
    void plain_value(Sink& out, V const& v) {
        if constexpr (std::is_same_v<V, std::nullptr_t> || std::is_same_v<V, std::nullopt_t>)
            out.null();
        else if constexpr (std::is_same_v<V, bool>)
            out.boolean(v);
        else if constexpr (std::is_integral_v<V> && std::is_signed_v<V>)
            out.number(static_cast<std::int64_t>(v));
        else if constexpr (std::is_integral_v<V>)
            out.number(static_cast<std::uint64_t>(v));
        else if constexpr (std::is_floating_point_v<V>)
            out.number(static_cast<double>(v));
        else if constexpr (std::is_convertible_v<V const&, std::string_view>)
            out.string(std::string_view(v));
        else if constexpr (std::is_same_v<V, json_value>)
            plain(out, v);
        else if constexpr (is_optional<V>::value) {
            if (v)
                value_of(out, *v, {}, level_state{});
            else
                out.null();
        } else if constexpr (is_vector<V>::value) {
            if (!enter()) return;
            out.begin_array();
            for (auto const& e : v) {
                value_of(out, e, {}, level_state{});
                if (failed_) return;
            }
            out.end_array();
            leave();
        } else {
            static_assert(described_resource<V>, "kayako::resource_traits: unsupported field type");
        }
    }

    // A struct field's value: nested resources (structs with traits, or vectors/optionals of
    // them) are expanded or referenced; everything else is plain.
    template <class V>
    void value_of(Sink& out, V const& v, std::string_view /*type*/, level_state st) {
        if constexpr (described_resource<V>)
            struct_nested(out, v, st);
        else if constexpr (is_optional<V>::value) {
            if (v)
                value_of(out, *v, {}, st);
            else
                out.null();
        } else if constexpr (is_vector<V>::value) {
            if (!enter()) return;
            out.begin_array();
            for (auto const& e : v) {
                value_of(out, e, {}, st);
                if (failed_) return;
            }
            out.end_array();
            leave();
        } else
            plain_value(out, v);
    }

    // A struct's map field (§21.18): a `boost::json::value` (or an optional or vector of them)
    // whose member names are data. Other values have no member names and render as usual.
    template <class V>
    void struct_map_value(Sink& out, V const& v) {
        if constexpr (std::is_same_v<V, json_value>)
            map_value(out, v);
        else if constexpr (is_optional<V>::value) {
            if (v)
                struct_map_value(out, *v);
            else
                out.null();
        } else if constexpr (is_vector<V>::value) {
            if (!enter()) return;
            out.begin_array();
            for (auto const& e : v) {
                struct_map_value(out, e);
                if (failed_) return;
            }
            out.end_array();
            leave();
        } else
            value_of(out, v, {}, level_state{});
    }

    template <class T>
    static json_value const* struct_id(T const& r, json_value& holder) {
        bool found = false;
        resource_traits<T>::for_each_field(r, [&](std::string_view name, auto const& v) {
            using V = std::decay_t<decltype(v)>;
            if (found || name != "id") return;
            if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool> && std::is_signed_v<V>)
                holder = static_cast<std::int64_t>(v), found = true;
            else if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool>)
                holder = static_cast<std::uint64_t>(v), found = true;
            else if constexpr (std::is_convertible_v<V const&, std::string_view>)
                holder = std::string_view(v), found = true;
            else if constexpr (std::is_same_v<V, json_value>)
                holder = v, found = true;
        });
        return found ? &holder : nullptr;
    }

    template <class T>
    static void render_struct_pending(renderer& r, Sink& out, void const* src, resource_schema const* schema,
                                      level_state st) {
        r.struct_resource(out, *static_cast<T const*>(src), schema, st);
    }

    template <class T>
    void struct_nested(Sink& out, T const& v, level_state st) {
        std::string_view const type = resource_traits<T>::type;
        json_value holder;
        json_value const* id = struct_id(v, holder);
        if (opt_.include.includes(type)) {
            resource_schema const* schema = schema_of(type);
            if (!opt_.flat || !enqueue(type, id_key(id), &v, schema, st, &render_struct_pending<T>)) {
                struct_resource(out, v, schema, st);
                return;
            }
        }
        reference(out, type, id != nullptr, [&] { plain(out, *id); });
    }

    template <class T>
    void struct_resource(Sink& out, T const& r, resource_schema const* schema, level_state st) {
        if (!enter()) return;
        member_context ctx = open_resource(schema, st);
        ctx.explicit_mode = explicit_mode(st.level, schema, [&](std::string_view n) {
            bool found = false;
            resource_traits<T>::for_each_field(r, [&](std::string_view name, auto const&) { found = found || names_equal(name, n); });
            return found;
        });
        out.begin_object();
        resource_traits<T>::for_each_field(r, [&](std::string_view name, auto const& v) {
            using V = std::decay_t<decltype(v)>;
            if (failed_) return;
            field_info const* f;
            field_rule const* rule;
            if (!admit(ctx, name, f, rule)) return;
            if (!opt_.keep_empty && is_empty_value(v)) return;
            write_key(out, f, name);
            // `nullptr` converts to `std::string_view` too, but is a null, never a type name.
            if constexpr (std::is_convertible_v<V const&, std::string_view> && !std::is_same_v<V, std::nullptr_t>) {
                if (is_type_member(f, name)) {
                    write_type_value(out, std::string_view(v));
                    return;
                }
            }
            if (f && f->shape() != field_shape::plain) {
                if (f->is_map())
                    struct_map_value(out, v);
                else if constexpr (std::is_same_v<V, json_value>)
                    json_nested(out, v, f->nested_type(), child_state(ctx, rule));
                else
                    value_of(out, v, f->nested_type(), child_state(ctx, rule));
            } else {
                value_of(out, v, {}, child_state(ctx, rule));
            }
        });
        if (failed_) return;
        out.end_object();
        leave();
    }

    schema_registry const& schemas_;
    render_options const& opt_;
    letter_case case_;
    Sink& data_;
    std::array<std::pair<std::string_view, resource_schema const*>, 16> type_cache_{};
    std::size_t cached_types_ = 0;
    std::size_t depth_ = 0;
    bool failed_ = false;
    failure error_{};
    std::vector<group> groups_;
    std::vector<pending_resource> pending_;
};

// Flat mode, text output: renders the queued resources into `out.resources`.
inline bool finish_flat_text(renderer<text_sink>& r, rendered_text& out) {
    std::deque<std::string> buffers;  // stable addresses: each group's sink points at one
    text_sink res(out.resources);
    return r.sideloaded(
        res,
        [&](std::size_t) {
            buffers.emplace_back();
            return text_sink(buffers.back());
        },
        [&](text_sink& s, std::size_t) { return s.text(); });
}

}  // namespace detail

/// Renders `source` (a resource object, or an array of them: a collection) of resource type
/// `type` into values. Throws only `std::bad_alloc`; fails with `too_deep` past
/// `opt.max_depth`.
inline result<rendered_value> render_value(boost::json::value const& source, std::string_view type,
                                           schema_registry const& schemas, render_options const& opt,
                                           boost::json::storage_ptr sp = {}) {
    detail::value_sink data(sp);
    detail::renderer<detail::value_sink> r(schemas, opt, data);
    if (!r.top(source, type)) return r.error();
    rendered_value out{data.take(), boost::json::value(sp)};
    if (opt.flat) {
        detail::value_sink res(sp);
        if (!r.sideloaded(
                res, [&](std::size_t) { return detail::value_sink(sp); },
                [&](detail::value_sink& s, std::size_t) { return s.take(); }))
            return r.error();
        out.resources = res.take();
    }
    return out;
}

/// Renders a user's struct resource (see `resource_traits`) into values.
template <described_resource T>
result<rendered_value> render_value(T const& resource, schema_registry const& schemas, render_options const& opt,
                                    boost::json::storage_ptr sp = {}) {
    detail::value_sink data(sp);
    detail::renderer<detail::value_sink> r(schemas, opt, data);
    if (!r.top(resource)) return r.error();
    rendered_value out{data.take(), boost::json::value(sp)};
    if (opt.flat) {
        detail::value_sink res(sp);
        if (!r.sideloaded(
                res, [&](std::size_t) { return detail::value_sink(sp); },
                [&](detail::value_sink& s, std::size_t) { return s.take(); }))
            return r.error();
        out.resources = res.take();
    }
    return out;
}

/// Renders a collection of struct resources into values.
template <described_resource T>
result<rendered_value> render_value(std::span<T const> resources, schema_registry const& schemas,
                                    render_options const& opt, boost::json::storage_ptr sp = {}) {
    detail::value_sink data(sp);
    detail::renderer<detail::value_sink> r(schemas, opt, data);
    if (!r.top(resources)) return r.error();
    rendered_value out{data.take(), boost::json::value(sp)};
    if (opt.flat) {
        detail::value_sink res(sp);
        if (!r.sideloaded(
                res, [&](std::size_t) { return detail::value_sink(sp); },
                [&](detail::value_sink& s, std::size_t) { return s.take(); }))
            return r.error();
        out.resources = res.take();
    }
    return out;
}

namespace detail {
template <class Source>
result<void> render_text_impl(rendered_text& out, schema_registry const& schemas, render_options const& opt,
                              Source&& top) {
    out.data.clear();
    out.resources.clear();
    text_sink data(out.data);
    renderer<text_sink> r(schemas, opt, data);
    if (!top(r)) return r.error();
    if (opt.flat && !finish_flat_text(r, out)) return r.error();
    return {};
}
}  // namespace detail

/// Writes `source` (a resource object or a collection array) of resource type `type` as JSON
/// text into `out.data` (and `out.resources` in flat mode), in one pass over the source. Throws
/// only `std::bad_alloc`; fails with `too_deep` past `opt.max_depth` (the strings then hold a
/// partial rendering).
inline result<void> render_text(rendered_text& out, boost::json::value const& source, std::string_view type,
                                schema_registry const& schemas, render_options const& opt) {
    return detail::render_text_impl(out, schemas, opt, [&](auto& r) { return r.top(source, type); });
}

/// Writes a user's struct resource as JSON text.
template <described_resource T>
result<void> render_text(rendered_text& out, T const& resource, schema_registry const& schemas,
                         render_options const& opt) {
    return detail::render_text_impl(out, schemas, opt, [&](auto& r) { return r.top(resource); });
}

/// Writes a collection of struct resources as JSON text.
template <described_resource T>
result<void> render_text(rendered_text& out, std::span<T const> resources, schema_registry const& schemas,
                         render_options const& opt) {
    return detail::render_text_impl(out, schemas, opt, [&](auto& r) { return r.top(resources); });
}

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_RENDERER_HPP
