// kayako-proto — the §5.4 decisions alone: which members of a resource are emitted, and what
// becomes of a nested resource (§5.1, §5.4, §21.2, §21.4).
//
// Two questions, answered without writing anything:
//
// * `field_selection` — opened once per rendered resource, from the `fields` level that applies
//   there (`field_scope`) and the resource's schema — answers for each member: skip or emit, with
//   its schema entry, its rule and the scope that applies to what it holds. The rules, at one level:
//   no rule ⇒ always + default fields; `+x` adds x; `-x` removes x; a bare default field switches
//   the level to explicit mode; a bare non-default field adds it; `*` adds every non-hidden field;
//   `*(*)` does so at every depth below too. `id`, `resource_type`, `resource_url` are always
//   emitted and hidden fields never, whatever the rules say; unknown names in rules are ignored
//   (§21.2). Members the schema does not list are default fields. A resource that holds one field
//   twice, under names equal in any letter case (`full_name` and `fullName`), emits the first.
// * `nested_verdict_for` — whether a nested resource of a type is expanded in place, sideloaded
//   into flat mode's `resources`, or written as a reference `{"id":…,"resource_type":…}`.
#ifndef KAYAKO_OUTPUT_FIELD_SELECTION_HPP
#define KAYAKO_OUTPUT_FIELD_SELECTION_HPP

#include <kayako/core/letter_case.hpp>
#include <kayako/output/fields.hpp>
#include <kayako/output/schema.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kayako {

/// Where a resource stands in the `fields` tree: the level of rules that applies to it (null:
/// none, the defaults) and whether a `*(*)` above reaches it.
struct field_scope {
    field_level const* level = nullptr; ///< the rules that apply here; null: none, the defaults (§5.4)
    bool deep = false;                  ///< a `*(*)` at an enclosing level: every non-hidden field, at every depth
};

/// What becomes of a nested resource (§5.1, §21.4).
enum class nested_verdict : unsigned char {
    reference,  ///< `{"id":…,"resource_type":…}`: its type is not in `include`
    expand,     ///< rendered in place (its type is included, and not flat mode or no usable id)
    sideload,   ///< flat mode: a reference in place, the resource once under `resources.<type>.<id>`
};

/// The verdict for a nested resource of `type` (any letter case) under `include` and `_flat`.
/// `has_usable_id`: the resource has an integer or string `id`, so it can be keyed in `resources`;
/// without one a flat-mode resource stays expanded in place (§21.4).
inline nested_verdict nested_verdict_for(include_list const& include, std::string_view type, bool flat,
                                         bool has_usable_id) noexcept {
    if (!include.includes(type)) return nested_verdict::reference;
    return flat && has_usable_id ? nested_verdict::sideload : nested_verdict::expand;
}

namespace detail {

// A small set of schema field indices: a resource that holds one field twice emits it once.
// The first 256 fields cost no allocation.
class index_set {
public:
    [[gnu::always_inline]] bool insert(std::uint32_t i) {
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

// `id`, `resource_type` and `resource_url` in any letter case: always emitted (§21.2).
inline bool is_always_name(std::string_view n) noexcept {
    return n == "id" || n == "resource_type" || n == "resource_url" || names_equal(n, "id") ||
           names_equal(n, "resource_type") || names_equal(n, "resource_url");
}

}  // namespace detail

/// The §5.4 decisions for the members of one resource. Open one per rendered resource, then ask
/// `admit` for each member in the resource's order (the order matters only for members named
/// twice: the first is emitted). Throws only `std::bad_alloc` (past 256 schema fields).
class field_selection {
public:
    /// One member's verdict.
    struct member {
        bool emit = false;                 ///< false: leave the member out
        field_info const* field = nullptr;  ///< its schema entry, or null when the schema lacks it
        field_rule const* rule = nullptr;   ///< the rule that names it at this level, or null
    };

    /// Opens a resource whose schema is `schema` (null: none known, every member is a default
    /// field) at `scope` of `mask`. `has_member(name)` tells whether the resource holds a member
    /// of that name in any letter case: a bare name the schema does not list switches the level
    /// to explicit mode only when the resource has it (it is then a default field).
    template <class HasMember>
    field_selection(field_mask const& mask, field_scope scope, resource_schema const* schema, HasMember&& has_member)
        : mask_(&mask), schema_(schema), scope_(scope),
          all_(scope.deep || (scope.level && (scope.level->all || scope.level->all_deep))),
          explicit_mode_(is_explicit(scope.level, schema, has_member)) {}

    /// True when the level is in explicit mode (§5.4 rule 4): only always fields and the fields
    /// the rules name are emitted.
    bool explicit_mode() const noexcept { return explicit_mode_; }
    /// True when every non-hidden field is emitted (`*` here, or `*(*)` here or above).
    bool all() const noexcept { return all_; }

    /// Whether the member `name` (any letter case) is emitted, with its schema entry and rule.
    [[gnu::always_inline]] member admit(std::string_view name) {
        member m;
        if (schema_) {
            // Members usually come in schema order: try the field after the last one first.
            auto const fields = schema_->fields();
            if (hint_ < fields.size() && detail::same_name(fields[hint_].name(), name))
                m.field = &fields[hint_];
            else
                m.field = schema_->find(name);
            if (m.field) {
                hint_ = m.field->index() + 1;
                if (!seen_.insert(m.field->index())) return m;  // named twice: the first wins
            }
        }
        field_category const category =
            m.field ? m.field->category()
                    : (detail::is_always_name(name) ? field_category::always : field_category::by_default);
        switch (category) {
        case field_category::hidden: return m;
        case field_category::always: m.emit = true; return m;
        default: break;
        }
        m.rule = find_rule(m.field, name);
        if (m.rule)
            m.emit = m.rule->modifier != field_modifier::exclude;
        else
            m.emit = all_ || (category == field_category::by_default && !explicit_mode_);
        return m;
    }

    /// The scope of the resources that the member `m` holds: the rule's nested level (if any),
    /// and `*(*)` carried down from this level or above.
    field_scope child_scope(member const& m) const noexcept {
        field_level const* nested = m.rule ? mask_->nested_or_null(m.rule) : nullptr;
        return {nested, scope_.deep || (scope_.level && scope_.level->all_deep)};
    }

private:
    template <class HasMember>
    static bool is_explicit(field_level const* level, resource_schema const* schema, HasMember& has_member) {
        if (!level) return false;
        for (auto const& r : level->rules) {
            if (r.modifier != field_modifier::select) continue;
            field_info const* f = schema ? schema->find(r.name) : nullptr;
            if (f ? f->category() == field_category::by_default
                  : (!detail::is_always_name(r.name) && has_member(std::string_view(r.name))))
                return true;
        }
        return false;
    }

    field_rule const* find_rule(field_info const* f, std::string_view name) const noexcept {
        field_level const* level = scope_.level;
        if (!level || level->rules.empty()) return nullptr;
        if (f) return level->find(f->name());
        for (auto const& r : level->rules)
            if (names_equal(r.name, name)) return &r;
        return nullptr;
    }

    field_mask const* mask_;
    resource_schema const* schema_;
    field_scope scope_;
    bool all_;
    bool explicit_mode_;
    std::uint32_t hint_ = 0;
    detail::index_set seen_;
};

}  // namespace kayako

#endif  // KAYAKO_OUTPUT_FIELD_SELECTION_HPP
