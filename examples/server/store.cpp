#include "store.hpp"

#include "activity_log.hpp"
#include "test_collection.hpp"

#include <algorithm>
#include <random>

namespace kayako_server {

std::size_t item_bytes(test_item const& item) noexcept {
    return sizeof(test_item) + item.name.size() + item.option.size() + item.binary_data.size() +
           item.array_items.size() * sizeof(std::int64_t);
}

// The items given at start are the operator's choice: they count, but are never refused.
test_store::test_store(std::size_t initial, std::int64_t now, std::size_t max_items, std::size_t max_bytes)
    : started_at_(now), last_modified_(now), max_items_(max_items), max_bytes_(max_bytes) {
    for (std::size_t i = 1; i <= initial; ++i) {
        auto const id = static_cast<std::int64_t>(i);
        auto const& item = items_.emplace(id, canonical_test_item(id, now)).first->second;  // §16.2's body, numbered
        bytes_ += item_bytes(item);
    }
    next_id_ = static_cast<std::int64_t>(initial) + 1;
}

// The generated items read the same stored or not, so storing them changes nothing a client
// sees: no modification time, no activity. Only the bounds can refuse it.
bool test_store::materialise_through(std::int64_t last) {
    if (last < next_id_) return true;
    auto const n = static_cast<std::uint64_t>(last - next_id_) + 1;
    if (n > max_items_ - std::min(items_.size(), max_items_)) return false;
    std::size_t weight = 0;
    for (std::int64_t id = next_id_; id <= last; ++id) weight += item_bytes(canonical_test_item(id, started_at_));
    if (!fits(weight, 0)) return false;
    for (; next_id_ <= last; ++next_id_) items_.emplace(next_id_, canonical_test_item(next_id_, started_at_));
    bytes_ += weight;
    ++generation_;
    return true;
}

bool test_store::fits(std::size_t bytes_added, std::size_t bytes_removed) const noexcept {
    if (max_bytes_ == 0 || bytes_added <= bytes_removed) return true;
    // bytes_removed ≤ bytes_ (they are stored), so neither side can wrap.
    return bytes_added - bytes_removed <= max_bytes_ - std::min(bytes_, max_bytes_);
}

// A second write within one second makes that second name two states of the collection.
void test_store::note_write(std::int64_t now) noexcept {
    several_writes_in_second_ = now == last_modified_;
    last_modified_ = now;
}

test_item const* test_store::find(std::int64_t id) const noexcept {
    auto it = items_.find(id);
    return it == items_.end() ? nullptr : &it->second;
}

test_item const* test_store::create(test_item item) {
    std::size_t const weight = item_bytes(item);
    if (items_.size() >= max_items_ || !fits(weight, 0)) return nullptr;
    item.id = next_id_++;
    item.several_writes_in_second = false;  // a new ID: its first state
    note_write(item.updated_at);
    ++generation_;
    bytes_ += weight;
    if (log_) log_->record(activity::kind::created, item.id, item.updated_at);
    return &items_.emplace(item.id, std::move(item)).first->second;
}

bool test_store::replace(std::vector<test_item> updated, std::int64_t now) {
    std::size_t added = 0, removed = 0;
    for (auto const& item : updated) {
        test_item const* old = find(item.id);
        if (!old) return false;
        added += item_bytes(item);
        removed += item_bytes(*old);
    }
    if (!fits(added, removed)) return false;
    for (auto& item : updated) {
        test_item& slot = items_.at(item.id);
        item.several_writes_in_second = item.updated_at == slot.updated_at;
        if (log_) log_->record(activity::kind::updated, item.id, now);
        slot = std::move(item);
    }
    bytes_ = bytes_ + added - removed;
    if (!updated.empty()) note_write(now);
    ++generation_;
    return true;
}

std::size_t test_store::erase(std::vector<std::int64_t> const& ids, std::int64_t now) {
    std::size_t removed = 0;
    for (auto id : ids) {
        auto it = items_.find(id);
        if (it == items_.end()) continue;
        bytes_ -= item_bytes(it->second);
        items_.erase(it);
        if (log_) log_->record(activity::kind::deleted, id, now);
        ++removed;
    }
    if (removed) note_write(now);
    ++generation_;
    return removed;
}

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

user const* directory::find_by_email(std::string_view email) const noexcept {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (auto const& u : users_)
        if (u.email.size() == email.size() &&
            std::equal(email.begin(), email.end(), u.email.begin(), [&](char a, char b) { return lower(a) == lower(b); }))
            return &u;
    return nullptr;
}

user const& directory::add_user(user u) {
    users_.push_back(std::move(u));
    return users_.back();
}

bool directory::set_password(std::int64_t id, std::string password, std::int64_t now) {
    for (auto& u : users_)
        if (u.id == id) {
            u.password = std::move(password);
            u.updated_at = now;
            return true;
        }
    return false;
}

session const& session_store::open(std::int64_t user_id, bool csrf_protected, std::int64_t now, std::string_view ip_address) {
    if (sessions_.size() >= max_) {
        auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](auto const& a, auto const& b) {
            return a.second.last_used < b.second.last_used;
        });
        sessions_.erase(oldest);
    }
    session s{random_token(48), csrf_protected ? random_token(64) : std::string(), user_id, now, now, std::string(ip_address)};
    auto key = s.id;
    return sessions_.insert_or_assign(std::move(key), std::move(s)).first->second;
}

session* session_store::find(std::string_view id, std::int64_t now) {
    auto it = sessions_.find(std::string(id));
    if (it == sessions_.end()) return nullptr;
    bool const idle_too_long = now - it->second.last_used > lifetime_;
    bool const too_old = max_age_ > 0 && now - it->second.created_at > max_age_;
    if (idle_too_long || too_old) {
        sessions_.erase(it);
        return nullptr;
    }
    it->second.last_used = now;
    return &it->second;
}

bool session_store::close(std::string_view id) { return sessions_.erase(std::string(id)) != 0; }

login_guard::login_guard(std::size_t max_failures, std::int64_t lock_seconds, std::size_t max_names)
    : max_failures_(max_failures), lock_seconds_(lock_seconds), max_names_(max_names ? max_names : 1) {}

std::string login_guard::key_of(std::string_view name) {
    std::string key(name.substr(0, max_name_size));
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

void login_guard::forget(list& from, list::iterator it) {
    index_.erase(std::string_view(it->name));
    from.erase(it);
}

// A lock that has ended forgets the name: it starts again from zero.
void login_guard::release_ended_locks(std::int64_t now) {
    while (!locked_.empty() && locked_.front().locked_until <= now) forget(locked_, locked_.begin());
}

void login_guard::make_room() {
    if (!counting_.empty()) forget(counting_, counting_.begin());
    else if (!locked_.empty()) forget(locked_, locked_.begin());
}

std::int64_t login_guard::locked_for(std::string_view name, std::int64_t now) {
    if (max_failures_ == 0) return 0;
    release_ended_locks(now);
    std::string const key = key_of(name);
    auto found = index_.find(key);
    if (found == index_.end() || found->second->locked_until == 0) return 0;
    return std::max<std::int64_t>(1, found->second->locked_until - now);
}

void login_guard::failed(std::string_view name, std::int64_t now) {
    if (max_failures_ == 0) return;
    release_ended_locks(now);
    std::string key = key_of(name);
    list::iterator it;
    if (auto found = index_.find(key); found != index_.end()) {
        it = found->second;
        if (it->locked_until != 0) return;  // a locked name is refused before its password is read
        if (now - it->window_start >= lock_seconds_) {  // the window has passed: a new count
            it->failures = 0;
            it->window_start = now;
        }
        counting_.splice(counting_.end(), counting_, it);  // the latest failure goes last
    } else {
        if (index_.size() >= max_names_) make_room();
        it = counting_.insert(counting_.end(), entry{std::move(key), 0, now, 0});
        index_.emplace(std::string_view(it->name), it);
    }
    if (++it->failures >= max_failures_) {
        it->failures = 0;
        it->locked_until = now + lock_seconds_;
        locked_.splice(locked_.end(), counting_, it);
    }
}

void login_guard::succeeded(std::string_view name) {
    if (auto found = index_.find(key_of(name)); found != index_.end()) {
        auto const it = found->second;
        forget(it->locked_until != 0 ? locked_ : counting_, it);
    }
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
