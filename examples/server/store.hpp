// kayako-test-server — the in-memory data behind the API: Test items (§16), the demo user with
// its role, and sessions (§10, §11.8). Plain C++ with no protocol in it; bounded in size.
#ifndef KAYAKO_EXAMPLES_STORE_HPP
#define KAYAKO_EXAMPLES_STORE_HPP

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kayako_server {

/// One Test resource (§16.1). `binary_data` holds the decoded bytes.
struct test_item {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::int64_t> array_items;
    bool is_boolean = false;
    double float_number = 0;
    std::int64_t integer_number = 0;
    std::string option;  ///< FOO, BAR, ANY or NONE
    std::string binary_data;
    std::int64_t updated_at = 0;  ///< Unix seconds
};

/// The Test collection: items 1..`initial` at start, new IDs after the highest ever used.
class test_store {
public:
    test_store(std::size_t initial, std::int64_t now, std::size_t max_items);

    test_item const* find(std::int64_t id) const noexcept;
    test_item* find(std::int64_t id) noexcept;
    /// Stores `item` under a new ID and returns it; nothing when the store is full.
    test_item const* create(test_item item);
    bool erase(std::int64_t id) noexcept;
    /// The first `count` items in ID order (fewer if the store holds fewer).
    std::vector<test_item const*> first(std::size_t count) const;
    std::size_t size() const noexcept { return items_.size(); }
    /// When an item was last created, changed or removed (the collection's Last-Modified).
    std::int64_t last_modified() const noexcept { return last_modified_; }
    void touch(std::int64_t now) noexcept { last_modified_ = now; }

private:
    std::map<std::int64_t, test_item> items_;
    std::int64_t next_id_ = 1;
    std::int64_t last_modified_ = 0;
    std::size_t max_items_;
};

struct role {
    std::int64_t id = 0;
    std::string title;
    std::string type;  ///< AGENT, ADMIN, ...
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct user {
    std::int64_t id = 0;
    std::string full_name;
    std::string email;
    std::string password;  ///< hidden: never rendered (§5.2)
    std::int64_t role_id = 0;
    bool is_enabled = true;
    std::string locale;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

/// The demo directory: the introduction's user (norton.low@eyecloud.com) and its role.
class directory {
public:
    explicit directory(std::int64_t now);
    user const* find_user(std::int64_t id) const noexcept;
    role const* find_role(std::int64_t id) const noexcept;
    /// The user with these credentials, or nothing. Compares without early exit.
    user const* authenticate(std::string_view email, std::string_view password) const noexcept;

private:
    std::vector<user> users_;
    std::vector<role> roles_;
};

struct session {
    std::string id;
    std::string csrf_token;  ///< empty when the session was opened with `X-CSRF: false`
    std::int64_t user_id = 0;
    std::int64_t last_used = 0;
};

/// Sessions by ID. Bounded: past `max_sessions` the least recently used one is forgotten, and
/// sessions idle longer than `lifetime` seconds are gone.
class session_store {
public:
    session_store(std::size_t max_sessions, std::int64_t lifetime) : max_(max_sessions), lifetime_(lifetime) {}
    session const& open(std::int64_t user_id, bool csrf_protected, std::int64_t now);
    session* find(std::string_view id, std::int64_t now);

private:
    std::unordered_map<std::string, session> sessions_;
    std::size_t max_;
    std::int64_t lifetime_;
};

/// `length` random characters from [A-Za-z0-9], from the system's random device.
std::string random_token(std::size_t length);

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_STORE_HPP
