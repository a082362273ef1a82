// Fuzzes the entity-tag parser and the If-Match/If-None-Match list scanner (§9, RFC 9110 §8.8.3)
// in both modes, and the precondition evaluator over the same bytes. Properties checked:
//  - every tag a list visits is a view into the input and parses back on its own to itself;
//  - whatever the strict mode accepts, the Kayako mode accepts identically;
//  - a generated tag always parses strictly to the tag it names.
#include <kayako/caching/preconditions.hpp>
#include <kayako/caching/etag.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

void check_tag_is_view_and_reparses(std::string_view input, kayako::entity_tag const& t,
                                    kayako::entity_tag_options const& o) {
    if (t.opaque.data() < input.data() || t.opaque.data() + t.opaque.size() > input.data() + input.size()) std::abort();
    // Rebuild the tag's spelling: quoted unless the opaque part cannot be (Kayako unquoted form).
    std::string spelled = t.weak ? "W/\"" : "\"";
    spelled.append(t.opaque.data(), t.opaque.size());
    spelled += '"';
    auto again = kayako::parse_entity_tag(spelled, o);
    if (!again || !(*again == t)) {
        // Only a too_long tag may fail: the quotes added two bytes to an unquoted tag.
        if (again || again.error().code != kayako::error::too_long) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    kayako::entity_tag_options kayako_mode;
    kayako::entity_tag_options strict_mode;
    strict_mode.syntax = kayako::entity_tag_syntax::strict;

    auto const strict_tag = kayako::parse_entity_tag(text, strict_mode);
    auto const kayako_tag = kayako::parse_entity_tag(text, kayako_mode);
    if (strict_tag && (!kayako_tag || !(*kayako_tag == *strict_tag))) std::abort();

    for (auto const* o : {&kayako_mode, &strict_mode}) {
        std::size_t visited = 0;
        auto list = kayako::scan_entity_tag_list(
            text,
            [&](kayako::entity_tag const& t) {
                ++visited;
                check_tag_is_view_and_reparses(text, t, *o);
            },
            *o);
        if (list) {
            if (list->tags != visited) std::abort();
            if (list->any && list->tags != 0) std::abort();
        } else if (list.error().offset > size) {
            std::abort();
        }
    }

    // The same bytes as every conditional header of a request: never crashes, always one of the
    // three outcomes, and 304 only for GET/HEAD.
    using fields = std::vector<std::pair<std::string_view, std::string_view>>;
    fields const headers = {{"If-Match", text}, {"If-None-Match", text}, {"If-Modified-Since", text},
                            {"If-Unmodified-Since", text}};
    kayako::resource_validators v;
    v.etag = kayako::entity_tag{"abc", size % 2 == 0};
    v.last_modified = kayako::http_date{784111777};
    v.last_modified_ambiguous = size % 3 == 0;  // two writes within that second, or one
    for (std::string_view method : {"GET", "PUT"}) {
        auto const r = kayako::evaluate_preconditions(method, kayako::pair_headers<fields>(headers), v);
        if (r.outcome == kayako::precondition_outcome::not_modified && method != "GET") std::abort();
    }

    auto const generated = kayako::entity_tag_for_bytes(text, size % 2 ? kayako::entity_tag_strength::weak
                                                                         : kayako::entity_tag_strength::strong);
    auto const parsed = kayako::parse_entity_tag(generated.view(), strict_mode);
    if (!parsed || !(*parsed == generated.tag())) std::abort();
    return 0;
}
