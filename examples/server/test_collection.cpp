// kayako-test-server — the Test collection of `count` items (see test_collection.hpp).
#include "test_collection.hpp"

#include <algorithm>
#include <string>

namespace kayako_server {

test_item canonical_test_item(std::int64_t id, std::int64_t updated_at) {
    // §16.2's canonical body; `binary_data` holds the decoded bytes of "4pi6" (U+263A).
    return test_item{id, "Test " + std::to_string(id), {1, 2, 3}, true, 1.23, 123, "FOO", "\xE2\x98\xBA", updated_at};
}

namespace {

// How far past the store's highest ID a listing can reach: the members a `count` of `max_count`
// leaves after the stored ones.
std::uint64_t generated_reach(test_store const& store, std::size_t max_count) noexcept {
    return store.size() < max_count ? max_count - store.size() : 0;
}

bool is_generated(test_store const& store, std::int64_t id, std::size_t max_count) noexcept {
    return id >= store.next_id() && static_cast<std::uint64_t>(id - store.next_id()) < generated_reach(store, max_count);
}

}  // namespace

std::optional<test_item> generated_test_item(test_store const& store, std::int64_t id, std::size_t max_count) {
    if (!is_generated(store, id, max_count)) return std::nullopt;
    return canonical_test_item(id, store.started_at());
}

bool materialise_generated(test_store& store, std::vector<std::int64_t> const& ids, std::size_t max_count) {
    std::optional<std::int64_t> last;
    for (auto id : ids)
        if (is_generated(store, id, max_count) && (!last || id > *last)) last = id;
    return !last || store.materialise_through(*last);
}

test_collection::test_collection(test_store const& store, std::size_t count)
    : stored_(store.first(count)),
      first_generated_(store.next_id()),
      generated_(count - stored_.size()),
      generated_at_(store.started_at()) {}

std::int64_t test_collection::id_at(std::size_t position) const noexcept {
    if (position < stored_.size()) return stored_[position]->id;
    return first_generated_ + static_cast<std::int64_t>(position - stored_.size());
}

// Every stored member's ID is below `first_generated_` (the store's next ID), so the stored part
// is searched and the generated run counted.
std::size_t test_collection::position_of(std::uint64_t id, bool after) const noexcept {
    auto const below = [&](std::uint64_t member) { return after ? member <= id : member < id; };
    auto const stored = static_cast<std::size_t>(
        std::partition_point(stored_.begin(), stored_.end(), [&](test_item const* m) { return below(static_cast<std::uint64_t>(m->id)); }) -
        stored_.begin());
    auto const first = static_cast<std::uint64_t>(first_generated_);
    if (stored < stored_.size() || !below(first)) return stored;
    // Members first, first + 1, ... below `id` (up to it when `after`); `first` ≥ 1, so the sum
    // cannot wrap.
    std::uint64_t const run = id - first + (after ? 1 : 0);
    return stored + static_cast<std::size_t>(std::min<std::uint64_t>(run, generated_));
}

std::pair<std::size_t, std::size_t> test_collection::window(kayako::pagination_arguments const& page) const noexcept {
    std::size_t const n = size();
    auto const limit = static_cast<std::size_t>(page.limit);
    if (page.before_id) {
        std::size_t const end = position_of(*page.before_id, false);
        return {end > limit ? end - limit : 0, end};
    }
    std::size_t const begin = page.after_id ? position_of(*page.after_id, true)
                                            : static_cast<std::size_t>(std::min<std::uint64_t>(page.offset, n));
    return {begin, begin + std::min(limit, n - begin)};
}

kayako::entity_tag_text test_collection::entity_tag() const {
    std::vector<std::int64_t> ids;
    ids.reserve(stored_.size());
    for (auto const* m : stored_) ids.push_back(m->id);
    auto const stored = kayako::collection_entity_tag(ids);
    if (generated_ == 0) return stored;
    // The run is named by its first ID and its length: a function of the member IDs alone, in
    // O(1) however long the run.
    std::string described(stored.view());
    described += ";g" + std::to_string(first_generated_) + "+" + std::to_string(generated_);
    return kayako::entity_tag_for_bytes(described);
}

}  // namespace kayako_server
