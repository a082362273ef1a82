// kayako-proto — private: the schemas of one rendering, by resource type, through a small cache.
//
// Most types repeat within one rendering (every user of a page has a role), and the registry's
// case-blind hash costs more than comparing a few short strings. The cache holds views of the
// type names the source holds: it lives no longer than one rendering.
#ifndef KAYAKO_DETAIL_SCHEMA_CACHE_HPP
#define KAYAKO_DETAIL_SCHEMA_CACHE_HPP

#include <kayako/output/fields.hpp>
#include <kayako/output/schema.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace kayako::detail {

class schema_cache {
public:
    explicit schema_cache(schema_registry const& schemas) noexcept : schemas_(schemas) {}

    /// The schema of `type` (any letter case), or null when the registry has none.
    [[gnu::always_inline]] resource_schema const* find(std::string_view type) noexcept { return entry(type).schema; }

    /// The schema of `type` when the registry spells its type exactly `type` (its type names are
    /// then pre-spelled in every case), or null. Asked once per `resource_type` value written.
    [[gnu::always_inline]] resource_schema const* find_spelled(std::string_view type) noexcept {
        cached const& e = entry(type);
        return e.spelled ? e.schema : nullptr;
    }

    /// The registry itself, uncached.
    schema_registry const& registry() const noexcept { return schemas_; }

private:
    struct cached {
        std::string_view type;
        resource_schema const* schema = nullptr;
        bool spelled = false;  // `schema` spells its type exactly `type` (so every hit's spelling)
    };

    // A hit compares exactly (`same_name`), so what holds for the cached spelling holds for it.
    [[gnu::always_inline]] cached const& entry(std::string_view type) noexcept {
        for (std::size_t i = 0; i < size_; ++i)
            if (same_name(entries_[i].type, type)) return entries_[i];
        return miss(type);
    }

    // Kept out of line: a hit is the common case, and inlines into every type lookup.
    [[gnu::noinline]] cached const& miss(std::string_view type) noexcept {
        resource_schema const* s = schemas_.find(type);
        last_miss_ = cached{type, s, s && same_name(s->type(), type)};
        if (size_ < entries_.size()) entries_[size_++] = last_miss_;
        return last_miss_;
    }

    schema_registry const& schemas_;
    std::array<cached, 16> entries_{};
    std::size_t size_ = 0;
    cached last_miss_;  // what a miss returns when the cache is full
};

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_SCHEMA_CACHE_HPP
