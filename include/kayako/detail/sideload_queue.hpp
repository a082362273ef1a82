// kayako-proto — private: flat mode's `resources` (§6.3, §21.4).
//
// In flat mode the walker writes a reference where a nested resource stands and queues the
// resource here, once per (type, id): the first reach wins when the same resource is reached
// twice under different `fields` rules. `drain` then renders every queued resource into its
// type's group — rendering one may queue more, which are rendered in turn — and writes
// `{"<type>":{"<id>":{…},…},…}` with each type spelled in the request's letter case. A resource
// without an integer or string id has no key: `enqueue` refuses it and it stays expanded in place.
#ifndef KAYAKO_DETAIL_SIDELOAD_QUEUE_HPP
#define KAYAKO_DETAIL_SIDELOAD_QUEUE_HPP

#include <kayako/core/letter_case.hpp>
#include <kayako/output/field_selection.hpp>
#include <kayako/output/render_source.hpp>
#include <kayako/output/schema.hpp>

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kayako::detail {

/// The id as a key of `resources.<type>`; nothing when it cannot be one.
inline std::optional<std::string> sideload_key(source_id const& id) {
    char buf[24];
    switch (id.what) {
    case source_id::kind::integer: return std::string(buf, std::to_chars(buf, buf + sizeof buf, id.signed_value).ptr);
    case source_id::kind::unsigned_integer:
        return std::string(buf, std::to_chars(buf, buf + sizeof buf, id.unsigned_value).ptr);
    case source_id::kind::string: return std::string(id.text);
    default: return std::nullopt;
    }
}

/// `Walker` renders one queued resource: `render(walker, sink, source, schema, scope)`, a plain
/// function the walker instantiates per source object type.
template <class Walker, class Sink>
class sideload_queue {
public:
    using render_fn = void (*)(Walker&, Sink&, void const*, resource_schema const*, field_scope);

    /// Queues `source` as `resources.<type>.<id>`, unless already queued. False when `id` cannot
    /// be a key (the caller then expands the resource in place).
    bool enqueue(std::string_view type, source_id const& id, void const* source, resource_schema const* schema,
                 field_scope scope, render_fn render) {
        std::optional<std::string> key = sideload_key(id);
        if (!key) return false;
        std::size_t g = 0;
        while (g < groups_.size() && !names_equal(groups_[g].type, type)) ++g;
        if (g == groups_.size()) groups_.push_back(group{std::string(type), {}});
        if (groups_[g].ids.insert(*key).second)
            pending_.push_back(pending{g, std::move(*key), source, schema, scope, render});
        return true;
    }

    /// Renders every queued resource, then writes `resources` into `out`. `make_sink(group)`
    /// gives a fresh sink per type; `finish(sink, group)` gives what `out.splice` takes. False
    /// when a rendering failed (`walker` holds the error).
    template <class MakeSink, class Finish>
    bool drain(Walker& walker, Sink& out, letter_case name_case, MakeSink&& make_sink, Finish&& finish) {
        std::vector<Sink> sinks;
        sinks.reserve(groups_.size() + 4);
        for (std::size_t i = 0; i < pending_.size(); ++i) {
            auto const p = pending_[i];  // a copy: rendering may grow `pending_`
            while (sinks.size() <= p.group) {
                sinks.push_back(make_sink(sinks.size()));
                sinks.back().begin_object();
            }
            Sink& s = sinks[p.group];
            s.key_verbatim(p.id);
            p.render(walker, s, p.source, p.schema, p.scope);
            if (walker.failed()) return false;
        }
        out.begin_object();
        for (std::size_t g = 0; g < sinks.size(); ++g) {
            sinks[g].end_object();
            out.key_converted(groups_[g].type, name_case);
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
    struct pending {
        std::size_t group;
        std::string id;
        void const* source;
        resource_schema const* schema;
        field_scope scope;
        render_fn render;
    };
    std::vector<group> groups_;
    std::vector<pending> pending_;
};

}  // namespace kayako::detail

#endif  // KAYAKO_DETAIL_SIDELOAD_QUEUE_HPP
