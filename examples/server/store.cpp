#include "store.hpp"

#include <algorithm>
#include <random>

namespace kayako_server {

test_store::test_store(std::size_t initial, std::int64_t now, std::size_t max_items)
    : last_modified_(now), max_items_(max_items) {
    for (std::size_t i = 1; i <= initial; ++i) {
        auto const id = static_cast<std::int64_t>(i);
        // The canonical body of §16.2, numbered.
        items_.emplace(id, test_item{id, "Test " + std::to_string(id), {1, 2, 3}, true, 1.23, 123, "FOO",
                                     "\xE2\x98\xBA", now});
    }
    next_id_ = static_cast<std::int64_t>(initial) + 1;
}

test_item const* test_store::find(std::int64_t id) const noexcept {
    auto it = items_.find(id);
    return it == items_.end() ? nullptr : &it->second;
}

test_item* test_store::find(std::int64_t id) noexcept {
    auto it = items_.find(id);
    return it == items_.end() ? nullptr : &it->second;
}

test_item const* test_store::create(test_item item) {
    if (items_.size() >= max_items_) return nullptr;
    item.id = next_id_++;
    last_modified_ = item.updated_at;
    return &items_.emplace(item.id, std::move(item)).first->second;
}

bool test_store::erase(std::int64_t id) noexcept { return items_.erase(id) != 0; }

std::vector<test_item const*> test_store::first(std::size_t count) const {
    std::vector<test_item const*> out;
    out.reserve(std::min(count, items_.size()));
    for (auto const& [id, item] : items_) {
        if (out.size() >= count) break;
        out.push_back(&item);
    }
    return out;
}

directory::directory(std::int64_t now) {
    roles_.push_back(role{1, "Agent", "AGENT", now, now});
    users_.push_back(user{1, "Norton Low", "norton.low@eyecloud.com", "B2WwHWTJzI49NM", 1, true, "en-us", now, now});
}

user const* directory::find_user(std::int64_t id) const noexcept {
    for (auto const& u : users_)
        if (u.id == id) return &u;
    return nullptr;
}

role const* directory::find_role(std::int64_t id) const noexcept {
    for (auto const& r : roles_)
        if (r.id == id) return &r;
    return nullptr;
}

namespace {
// Equal without an early exit, so that response times do not reveal the matching prefix.
bool same_secret(std::string_view a, std::string_view b) noexcept {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.size() ? b.size() : 1)]);
    return diff == 0 && !b.empty();
}
}  // namespace

user const* directory::authenticate(std::string_view email, std::string_view password) const noexcept {
    for (auto const& u : users_) {
        bool const email_ok = same_secret(email, u.email);
        bool const password_ok = same_secret(password, u.password);
        if (email_ok && password_ok) return &u;
    }
    return nullptr;
}

session const& session_store::open(std::int64_t user_id, bool csrf_protected, std::int64_t now) {
    if (sessions_.size() >= max_) {
        auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](auto const& a, auto const& b) {
            return a.second.last_used < b.second.last_used;
        });
        sessions_.erase(oldest);
    }
    session s{random_token(48), csrf_protected ? random_token(64) : std::string(), user_id, now};
    auto key = s.id;
    return sessions_.insert_or_assign(std::move(key), std::move(s)).first->second;
}

session* session_store::find(std::string_view id, std::int64_t now) {
    auto it = sessions_.find(std::string(id));
    if (it == sessions_.end()) return nullptr;
    if (now - it->second.last_used > lifetime_) {
        sessions_.erase(it);
        return nullptr;
    }
    it->second.last_used = now;
    return &it->second;
}

std::string random_token(std::size_t length) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static std::random_device device;
    std::string out(length, '\0');
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(alphabet) - 2);
    for (auto& c : out) c = alphabet[pick(device)];
    return out;
}

}  // namespace kayako_server
