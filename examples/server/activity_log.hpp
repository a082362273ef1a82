// kayako-test-server — the activity log: what happened to the Test items, newest last, in a
// bounded memory. The server's date-ordered collection, `GET /api/v1/activities` (§7.3;
// activities.cpp serves it). Plain C++ with no protocol in it.
#ifndef KAYAKO_EXAMPLES_ACTIVITY_LOG_HPP
#define KAYAKO_EXAMPLES_ACTIVITY_LOG_HPP

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>

namespace kayako_server {

/// One change of one Test item.
struct activity {
    enum class kind : unsigned char { created, updated, deleted };
    std::int64_t id = 0;          ///< increasing: the order things happened in
    kind action = kind::created;
    std::int64_t test_id = 0;
    std::int64_t created_at = 0;  ///< Unix seconds; never decreases along the log

    /// The §3 option value of `action`: CREATED, UPDATED, DELETED.
    std::string_view action_name() const noexcept;
};

/// The changes since the server started (the items made at start are not changes), oldest
/// first. Past `capacity` entries the oldest are forgotten. Dates never decrease along the log,
/// even if the clock steps back, so that the date order is the order of the log.
class activity_log {
public:
    explicit activity_log(std::size_t capacity = 10'000) : capacity_(capacity == 0 ? 1 : capacity) {}

    void record(activity::kind action, std::int64_t test_id, std::int64_t now);

    std::deque<activity> const& entries() const noexcept { return entries_; }
    /// When the log last changed (0: never).
    std::int64_t last_modified() const noexcept { return entries_.empty() ? 0 : entries_.back().created_at; }

private:
    std::deque<activity> entries_;
    std::size_t capacity_;
    std::int64_t next_id_ = 1;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_ACTIVITY_LOG_HPP
