// kayako-test-server — a bounded table of things that expire (OAuth tokens, authorization codes,
// consent offers): by key, with their insertion order. Every entry of one table lives equally
// long, so insertion order is expiry order: adding first forgets the expired and the removed at
// the front, then the oldest while the table is full.
#ifndef KAYAKO_EXAMPLES_EXPIRING_TABLE_HPP
#define KAYAKO_EXAMPLES_EXPIRING_TABLE_HPP

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>

namespace kayako_server {

/// `T` has `std::int64_t expires`: the second from which it is gone.
template <class T>
struct expiring_table {
    std::unordered_map<std::string, T> entries;
    std::deque<std::string> order;

    /// The live entry under `key`, or null (gone AT `expires`).
    T* find(std::string const& key, std::int64_t now) {
        auto it = entries.find(key);
        if (it == entries.end() || it->second.expires <= now) return nullptr;
        return &it->second;
    }
    T const* find(std::string const& key, std::int64_t now) const {
        return const_cast<expiring_table*>(this)->find(key, now);
    }
    void add(std::string key, T value, std::size_t max, std::int64_t now) {
        while (!order.empty()) {
            auto it = entries.find(order.front());
            bool const gone = it == entries.end() || it->second.expires <= now;
            if (!gone && entries.size() < max) break;
            if (it != entries.end()) entries.erase(it);
            order.pop_front();
        }
        order.push_back(key);
        entries.insert_or_assign(std::move(key), std::move(value));
    }
    void erase(std::string const& key) { entries.erase(key); }
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_EXPIRING_TABLE_HPP
