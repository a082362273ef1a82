// kayako-test-server — the rate limit's state per client address (§12): one kayako::rate_limiter
// per address, in a table of bounded size.
#ifndef KAYAKO_EXAMPLES_RATE_TABLE_HPP
#define KAYAKO_EXAMPLES_RATE_TABLE_HPP

#include <kayako/response/rate_limit.hpp>

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kayako_server {

/// Limiters by client address. Bounded: past `max_addresses` the least recently seen address is
/// forgotten, and comes back with a full minute's units (the most active addresses, the ones a
/// limit is for, stay). Lookups are O(1); memory is O(max_addresses).
class rate_table {
public:
    rate_table(std::uint64_t units_per_minute, std::size_t max_addresses)
        : units_per_minute_(units_per_minute), max_(max_addresses) {}

    /// False when the limit is off (a rate or a table size of 0): `at` must not be called then.
    bool enabled() const noexcept { return units_per_minute_ != 0 && max_ != 0; }

    /// The limiter of `address`, created full if the address is new. The reference stays valid
    /// until the next call.
    kayako::rate_limiter& at(std::string_view address) {
        if (auto it = by_address_.find(address); it != by_address_.end()) {
            recent_.splice(recent_.begin(), recent_, it->second);
            return it->second->limiter;
        }
        if (recent_.size() >= max_) {
            by_address_.erase(recent_.back().address);
            recent_.pop_back();
        }
        recent_.push_front({std::string(address), kayako::rate_limiter(units_per_minute_)});
        by_address_.emplace(recent_.front().address, recent_.begin());
        return recent_.front().limiter;
    }

    std::size_t size() const noexcept { return recent_.size(); }

private:
    struct entry {
        std::string address;
        kayako::rate_limiter limiter;
    };
    std::uint64_t units_per_minute_;
    std::size_t max_;
    std::list<entry> recent_;  // most recently seen first; list nodes stay put, so the map's keys view them
    std::unordered_map<std::string_view, std::list<entry>::iterator> by_address_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_RATE_TABLE_HPP
