// kayako-proto — what a resource type's fields are (§5.2): always returned, returned by default,
// returned on request only, or hidden; and which fields hold nested resources of which type.
//
// A server writes one schema per resource type, once:
//
//     using kayako::field;
//     kayako::resource_schema const user_schema{"user", {
//         {"full_name"},                                   // returned by default
//         {"designation"},
//         {"locale", field::optional},                     // only when asked for (`+locale`, `*`)
//         {"password", field::hidden},                     // never returned (§21.2)
//         {"role", kayako::nested("role")},                // one nested resource
//         {"teams", kayako::nested_array("team")},         // an array of nested resources
//         {"organization", kayako::nested("organization"), field::optional},
//         {"metadata", kayako::map_field},                 // a map: its keys are data (§21.18)
//     }};
//
// A map field holds an object whose member names are data, not field names (a message's
// `metadata` such as `{"user_agent": "", "page_url": ""}`, custom-field maps): `_case` never
// converts them, at any depth inside the map, while every other member name is converted (§21.18).
//
// `id`, `resource_type` and `resource_url` are always returned (§21.2) whether listed or not.
// Members of a rendered resource that its schema does not list are treated as default fields.
// The list itself can be `constexpr` (`constexpr kayako::field_spec user_fields[] = {...}`);
// `resource_schema` then spells every name once in snake, camel and Pascal case, quoted and ready
// to copy into output, so that rendering converts no names per response.
#ifndef KAYAKO_OUTPUT_SCHEMA_HPP
#define KAYAKO_OUTPUT_SCHEMA_HPP

#include <kayako/detail/json_writer.hpp>
#include <kayako/core/letter_case.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kayako {

/// The four categories of §5.2.
enum class field_category : unsigned char {
    always,      ///< returned whatever `fields` says (`id`, `resource_type`, `resource_url`)
    by_default,  ///< returned unless `fields` leaves it out
    optional,    ///< returned only when `fields` asks for it
    hidden,      ///< never returned (write-only, e.g. `password`)
};
/// Reads well in schemas: `{"password", field::hidden}`.
using field = field_category;

/// A field that holds a nested resource (or an array of them) of resource type `type`.
struct nested_resource {
    std::string_view type{}; ///< empty: not a nested resource
    bool array = false;      ///< an array of such resources rather than one

    /// Whether this describes a nested resource at all.
    constexpr bool is_nested() const noexcept { return !type.empty(); }
};
/// A field holding one nested resource of type `type`: `{"role", kayako::nested("role")}`.
constexpr nested_resource nested(std::string_view type) noexcept { return {type, false}; }
/// A field holding an array of nested resources of type `type`.
constexpr nested_resource nested_array(std::string_view type) noexcept { return {type, true}; }

/// The tag of a field that holds a free-form map (§21.18): `{"metadata", kayako::map_field}`.
struct map_field_tag {
    /// Explicit, so that `{}` never means a map field by accident.
    explicit constexpr map_field_tag() = default;
};
/// The map tag to write in a schema line (§21.18).
inline constexpr map_field_tag map_field{};

/// What a field's value is, as far as rendering cares.
enum class field_shape : unsigned char {
    plain,   ///< a scalar, or arrays/objects of plain data whose member names are field names
    nested,  ///< a nested resource or an array of them (`kayako::nested`, `kayako::nested_array`)
    map,     ///< a map: member names at every depth inside it are data, written as they are
};

/// One line of a schema: a field's name (snake case), its category and what it holds.
struct field_spec {
    std::string_view name;                                ///< the field's name, snake case as in §5 (`full_name`); any case is accepted and converted
    field_category category = field_category::by_default; ///< when the field is emitted (§5.2)
    nested_resource resource{};                           ///< the nested resource type it holds, if any
    bool is_map = false;                                  ///< a free-form map whose keys `_case` leaves alone (§21.18)

    /// A plain field: `{"full_name"}`, `{"password", field::hidden}`.
    constexpr field_spec(std::string_view n, field_category c = field_category::by_default) noexcept  // NOLINT
        : name(n), category(c) {}
    /// A field holding a nested resource: `{"role", kayako::nested("role")}`.
    constexpr field_spec(std::string_view n, nested_resource r, field_category c = field_category::by_default) noexcept
        : name(n), category(c), resource(r) {}
    /// A free-form map field: `{"metadata", kayako::map_field}`.
    constexpr field_spec(std::string_view n, map_field_tag, field_category c = field_category::by_default) noexcept
        : name(n), category(c), is_map(true) {}

    /// Plain, nested or map, as the renderer sees it.
    constexpr field_shape shape() const noexcept {
        return resource.is_nested() ? field_shape::nested : is_map ? field_shape::map : field_shape::plain;
    }
};

/// A schema's field with its names pre-spelled for output.
class field_info {
public:
    /// The field of `spec` at position `index` of its schema, its names spelled in all three cases. Throws only `std::bad_alloc`.
    field_info(field_spec const& spec, std::uint32_t index)
        : snake_(detail_snake(spec.name)), category_(spec.category), index_(index), shape_(spec.shape()),
          is_array_(spec.resource.array),
          nested_type_(spec.resource.is_nested() ? detail_snake(spec.resource.type) : std::string()),
          is_resource_type_(snake_ == "resource_type") {
        for (auto c : {letter_case::snake, letter_case::camel, letter_case::pascal}) {
            auto& name = names_[static_cast<int>(c)];
            append_case(name, snake_, c);
            auto& key = keys_[static_cast<int>(c)];
            key += ',';  // written with the separator in one copy when a member precedes
            detail::append_json_string(key, name);
            key += ':';
        }
    }

    /// The name in canonical snake case.
    std::string_view name() const noexcept { return snake_; }
    /// The name in letter case `c`, unquoted.
    std::string_view name(letter_case c) const noexcept { return names_[static_cast<int>(c)]; }
    /// `"fullName":` — the member name in letter case `c`, as JSON, followed by `:`.
    std::string_view json_key(letter_case c) const noexcept { return separated_json_key(c).substr(1); }
    /// `,"fullName":` — the same preceded by a comma.
    std::string_view separated_json_key(letter_case c) const noexcept { return keys_[static_cast<int>(c)]; }
    /// When the field is emitted (§5.2).
    field_category category() const noexcept { return category_; }
    /// Position in its schema (0-based), for per-level bookkeeping.
    std::uint32_t index() const noexcept { return index_; }
    /// Plain, nested resource(s) or map: one comparison tells the renderer a plain field.
    field_shape shape() const noexcept { return shape_; }
    /// A nested resource or an array of them.
    bool is_nested() const noexcept { return shape_ == field_shape::nested; }
    /// A free-form map whose member names are data (§21.18).
    bool is_map() const noexcept { return shape_ == field_shape::map; }
    /// An array of nested resources (meaningful when `is_nested()`).
    bool is_array() const noexcept { return is_array_; }
    /// The nested resource type, snake case (empty when not nested).
    std::string_view nested_type() const noexcept { return nested_type_; }
    /// True for `resource_type`, whose value is a name too (§21.5).
    bool is_resource_type() const noexcept { return is_resource_type_; }

private:
    static std::string detail_snake(std::string_view n) {
        std::string s;
        append_case(s, n, letter_case::snake);
        return s;
    }
    std::string snake_;
    std::array<std::string, 3> names_;
    std::array<std::string, 3> keys_;
    field_category category_;
    std::uint32_t index_;
    field_shape shape_;
    bool is_array_;
    std::string nested_type_;
    bool is_resource_type_;
};

/// The fields of one resource type. Build once, share read-only (thread-safe to read).
/// Construction throws only `std::bad_alloc`.
class resource_schema {
public:
    /// The schema of resource type `type` (any case) with `fields`; `id`, `resource_type` and `resource_url` are added as `always` (§21.2), and a name listed twice keeps its first line.
    resource_schema(std::string_view type, std::initializer_list<field_spec> fields)
        : resource_schema(type, std::span<field_spec const>(fields.begin(), fields.size())) {}

    /// The same from a span of field lines.
    resource_schema(std::string_view type, std::span<field_spec const> fields) {
        append_case(type_, type, letter_case::snake);
        for (auto c : {letter_case::snake, letter_case::camel, letter_case::pascal}) {
            auto& name = type_names_[static_cast<int>(c)];
            append_case(name, type_, c);
            detail::append_json_string(type_json_[static_cast<int>(c)], name);
        }
        fields_.reserve(fields.size() + 3);
        for (auto const& f : fields) add(f);
        for (std::string_view n : {"id", "resource_type", "resource_url"}) add(field_spec(n, field_category::always));
        index_.reserve(fields_.size());
        for (auto const& f : fields_) index_.emplace(f.name(), f.index());
    }

    /// A deep copy (the name index is rebuilt to point into the copy).
    resource_schema(resource_schema const& o) : resource_schema(o.type_, std::span<field_spec const>()) { copy(o); }
    /// Deep copy assignment.
    resource_schema& operator=(resource_schema const& o) {
        if (this != &o) {
            resource_schema tmp(o);
            *this = std::move(tmp);
        }
        return *this;
    }
    /// Moves (the index's views move with the fields' buffer).
    resource_schema(resource_schema&&) = default;
    /// Move assignment.
    resource_schema& operator=(resource_schema&&) = default;

    /// The resource type, snake case (`user_minimal`).
    std::string_view type() const noexcept { return type_; }
    /// The resource type in letter case `c` (`userMinimal`), for `resource_type` values.
    std::string_view type_name(letter_case c) const noexcept { return type_names_[static_cast<int>(c)]; }
    /// The same as a JSON string (`"userMinimal"`).
    std::string_view type_json(letter_case c) const noexcept { return type_json_[static_cast<int>(c)]; }

    /// Every field, in schema order, the three always-fields last.
    std::span<field_info const> fields() const noexcept { return fields_; }

    /// The field named `name` (exact snake spelling first, then any letter case), or null.
    field_info const* find(std::string_view name) const noexcept {
        if (auto it = index_.find(name); it != index_.end()) return &fields_[it->second];
        for (auto const& f : fields_)
            if (names_equal(f.name(), name)) return &f;
        return nullptr;
    }

private:
    void add(field_spec const& spec) {
        field_spec s = spec;
        std::string const snake = [&] {
            std::string x;
            append_case(x, s.name, letter_case::snake);
            return x;
        }();
        if (snake == "id" || snake == "resource_type" || snake == "resource_url") s.category = field_category::always;
        for (auto& f : fields_)
            if (f.name() == snake) return;  // listed twice: the first line wins
        fields_.emplace_back(s, static_cast<std::uint32_t>(fields_.size()));
    }
    void copy(resource_schema const& o) {
        fields_ = o.fields_;
        index_.clear();
        for (auto const& f : fields_) index_.emplace(f.name(), f.index());
    }

    std::string type_;
    std::array<std::string, 3> type_names_;
    std::array<std::string, 3> type_json_;
    std::vector<field_info> fields_;
    // Views into `fields_[i].name()`: stable because `fields_` is never resized after construction
    // (a moved-from vector's buffer moves with it).
    std::unordered_map<std::string_view, std::uint32_t> index_;
};

/// The schemas a renderer knows, found by resource type in any letter case.
class schema_registry {
public:
    schema_registry() = default;
    /// A registry holding `schemas` (a later schema of the same type replaces an earlier one). Throws only `std::bad_alloc`.
    schema_registry(std::initializer_list<resource_schema> schemas) {
        for (auto const& s : schemas) add(s);
    }

    /// Adds (or replaces) the schema of `schema.type()`. Throws only `std::bad_alloc`.
    schema_registry& add(resource_schema schema) {
        std::string key(schema.type());
        auto p = std::make_shared<resource_schema const>(std::move(schema));
        by_type_.insert_or_assign(std::move(key), std::move(p));
        return *this;
    }

    /// The schema of `type` (any letter case), or null.
    resource_schema const* find(std::string_view type) const noexcept {
        auto it = by_type_.find(type);
        return it == by_type_.end() ? nullptr : it->second.get();
    }

private:
    std::unordered_map<std::string, std::shared_ptr<resource_schema const>, name_hasher, name_equal> by_type_;
};

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_SCHEMA_HPP
