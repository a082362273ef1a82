// kayako-test-server — the Test collection that `GET /api/v1/tests?count=N` lists (§16.2:
// `count` is the "number of test items generated", default 1): the stored items in ID order,
// then generated items, `count` in all. Plain C++ with no protocol in it.
//
// Generated items continue the collection past the highest ID the store has ever used
// (`test_store::next_id`): IDs `next_id`, `next_id + 1`, ... each hold §16.2's canonical body,
// numbered ("Test 1001"), like the items the server stores at start. They are made on demand
// and never stored, so a large `count` costs no memory beyond the page it shows. A generated
// item's `updated_at` is the time the store was made (the server's start): the same instant as
// the items given at start, which it is indistinguishable from, so that its ETag and
// Last-Modified (§9.1) are the same in every answer.
//
// An ID there is addressable (`GET /tests/:id`, so that every `resource_url` a listing shows
// resolves) when some `count` up to the bound would list it; past that, 404 as for any ID nothing
// holds. A write (PUT, DELETE, bulk) to a generated item is served as on a stored one, the way a
// client that follows a `resource_url` expects: it first stores the item with the generated items
// before it, as they read (`test_store::materialise_through`). Storing them is invisible — same
// content, same dates, no activity — so a write refused after it changes nothing a client sees;
// only the store's bounds can refuse it (RESOURCE_NOT_AVAILABLE, like a full store). POST takes
// the store's next ID, the first generated one: the collection keeps its `count` and shows the
// new item where the generated one was.
#ifndef KAYAKO_EXAMPLES_TEST_COLLECTION_HPP
#define KAYAKO_EXAMPLES_TEST_COLLECTION_HPP

#include "store.hpp"

#include <kayako/caching/etag.hpp>
#include <kayako/request/page_arguments.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace kayako_server {

/// §16.2's canonical resource body, numbered: `Test <id>`, `[1,2,3]`, true, 1.23, 123, `FOO`,
/// the bytes of `4pi6`, updated at `updated_at`.
test_item canonical_test_item(std::int64_t id, std::int64_t updated_at);

/// The generated item with this ID: one that is not stored and that a listing with `count` up to
/// `max_count` shows (see the top); nothing otherwise (an ID the store has used and no longer
/// holds is deleted, not generated).
std::optional<test_item> generated_test_item(test_store const& store, std::int64_t id, std::size_t max_count);

/// Stores the generated items among `ids` (and those before them, see the top) so that a write
/// finds them; true when there were none, or they fit in the store's bounds. False, with nothing
/// stored, when they do not.
bool materialise_generated(test_store& store, std::vector<std::int64_t> const& ids, std::size_t max_count);

/// The first `count` members of the Test collection: stored items in ID order, then generated
/// ones. Holds pointers to the stored part (at most `min(count, store.size())` of them, which
/// stay valid until the store changes) and the generated part as a range of IDs.
class test_collection {
public:
    test_collection(test_store const& store, std::size_t count);

    std::size_t size() const noexcept { return stored_.size() + generated_; }
    /// How many of the members are generated (the last ones).
    std::size_t generated() const noexcept { return generated_; }
    std::int64_t id_at(std::size_t position) const noexcept;

    /// Calls `visit(test_item const&)` for the members in [begin, end), in order.
    template <class Visit>
    void for_each(std::size_t begin, std::size_t end, Visit&& visit) const {
        for (std::size_t i = begin; i < end; ++i) {
            if (i < stored_.size()) {
                visit(*stored_[i]);
            } else {
                test_item const item = canonical_test_item(id_at(i), generated_at_);
                visit(item);
            }
        }
    }

    /// The members a page shows, [begin, end): from `offset` (§7.1), or next to a cursor (§7.2).
    /// A cursor is a position in ID order, not an ID that must exist: `after_id` starts after
    /// every member with an ID up to it, `before_id` ends before the first member with an ID from it.
    std::pair<std::size_t, std::size_t> window(kayako::pagination_arguments const& page) const noexcept;

    /// The collection's tag, from its member IDs only (§9.1, §21.6). Without generated members it
    /// is `collection_entity_tag` of the IDs, as before; with them, the tag of the stored IDs'
    /// tag and the generated run (first ID, length), computed without listing the run.
    kayako::entity_tag_text entity_tag() const;

private:
    /// Members with an ID below `id` (`after`: up to `id`).
    std::size_t position_of(std::uint64_t id, bool after) const noexcept;

    std::vector<test_item const*> stored_;
    std::int64_t first_generated_;
    std::size_t generated_;
    std::int64_t generated_at_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_TEST_COLLECTION_HPP
