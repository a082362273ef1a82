// kayako-test-server — the in-memory data behind the API: Test items (§16), the demo user with
// its role, and sessions (§10, §11.8). Plain C++ with no protocol in it; bounded in size.
#ifndef KAYAKO_EXAMPLES_STORE_HPP
#define KAYAKO_EXAMPLES_STORE_HPP

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kayako_server {

class activity_log;

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
    /// The item was written more than once within the second of `updated_at`, so that second
    /// names several states and cannot serve as a validator (RFC 9110 §8.8.2.2).
    bool several_writes_in_second = false;
};

/// The bytes an item holds: its fixed part and the bytes of its text, list and binary fields.
/// The store's byte count and both byte bounds are in these units.
std::size_t item_bytes(test_item const& item) noexcept;

/// The Test collection: items 1..`initial` at start, new IDs after the highest ever used.
/// Bounded in items and in bytes (`item_bytes` summed; 0 = no byte bound): a write that would
/// pass either bound is refused whole and changes nothing. Every write goes through here, so
/// that the byte count and the modification times stay exact.
class test_store {
public:
    test_store(std::size_t initial, std::int64_t now, std::size_t max_items, std::size_t max_bytes);

    test_item const* find(std::int64_t id) const noexcept;
    /// Stores `item` under a new ID and returns it; nothing when the store is full (in items or
    /// in bytes).
    test_item const* create(test_item item);
    /// Replaces the stored items with the IDs of `updated` by them, all or none: false, with
    /// nothing changed, when an ID is not stored or the store would pass its byte bound.
    /// `now` is the time of the write (the items' `updated_at`).
    bool replace(std::vector<test_item> updated, std::int64_t now);
    /// Removes the items with these IDs that are stored; returns how many it removed.
    std::size_t erase(std::vector<std::int64_t> const& ids, std::int64_t now);
    /// The first `count` items in ID order (fewer if the store holds fewer).
    std::vector<test_item const*> first(std::size_t count) const;
    std::size_t size() const noexcept { return items_.size(); }
    /// The sum of `item_bytes` over the stored items.
    std::size_t bytes() const noexcept { return bytes_; }
    /// When an item was last created, changed or removed (the collection's Last-Modified).
    std::int64_t last_modified() const noexcept { return last_modified_; }
    /// The collection was written more than once within the second of `last_modified`.
    bool last_modified_ambiguous() const noexcept { return several_writes_in_second_; }
    /// Every later write is recorded there (activity_log.hpp, §7.3's date-ordered collection).
    void set_activity_log(activity_log* log) noexcept { log_ = log; }
    /// The first ID no item has had: generated items start here (§16.2's `count`, test_collection.hpp).
    std::int64_t next_id() const noexcept { return next_id_; }
    /// When the store was made: the `updated_at` of the items given at start and of generated ones.
    std::int64_t started_at() const noexcept { return started_at_; }
    /// Stores the generated items `next_id()`..`last` as they read (test_collection.hpp), so that
    /// a write finds them. Not a change: no modification time, no activity. False, with nothing
    /// stored, when they would pass the item or byte bound; true when `last < next_id()`.
    bool materialise_through(std::int64_t last);
    /// Changes with every write (creating, replacing, removing or storing generated items), so
    /// that what is derived from the items — an item's entity tag (api.cpp) — can be kept until
    /// it changes.
    std::uint64_t generation() const noexcept { return generation_; }

private:
    bool fits(std::size_t bytes_added, std::size_t bytes_removed) const noexcept;
    void note_write(std::int64_t now) noexcept;

    std::map<std::int64_t, test_item> items_;
    std::int64_t next_id_ = 1;
    std::int64_t started_at_ = 0;
    std::int64_t last_modified_ = 0;
    bool several_writes_in_second_ = false;
    std::size_t bytes_ = 0;
    std::uint64_t generation_ = 0;
    std::size_t max_items_;
    std::size_t max_bytes_;
    activity_log* log_ = nullptr;
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
    /// The user with this e-mail address in any ASCII letter case (a JWT's `email`, §11.6), or nothing.
    user const* find_by_email(std::string_view email) const noexcept;
    /// Adds a user (the demo accounts of login_steps.hpp); its ID must be new.
    user const& add_user(user u);
    /// Replaces a user's password (§11.2's password step); false when there is no such user.
    bool set_password(std::int64_t id, std::string password, std::int64_t now);

private:
    std::vector<user> users_;
    std::vector<role> roles_;
};

struct session {
    std::string id;
    std::string csrf_token;  ///< empty when the session was opened with `X-CSRF: false`
    std::int64_t user_id = 0;
    std::int64_t last_used = 0;
    std::int64_t created_at = 0;
    std::string ip_address;  ///< of the login that opened it; empty when the transport gave none
};

/// Sessions by ID. Bounded: past `max_sessions` the least recently used one is forgotten;
/// sessions idle longer than `lifetime` seconds are gone, and so are sessions older than
/// `max_age` seconds however busy (0: no absolute limit).
class session_store {
public:
    session_store(std::size_t max_sessions, std::int64_t lifetime, std::int64_t max_age = 0)
        : max_(max_sessions), lifetime_(lifetime), max_age_(max_age) {}
    session const& open(std::int64_t user_id, bool csrf_protected, std::int64_t now, std::string_view ip_address = {});
    session* find(std::string_view id, std::int64_t now);
    /// Forgets the session (logout, §11.7); false when there was none.
    bool close(std::string_view id);

private:
    std::unordered_map<std::string, session> sessions_;
    std::size_t max_;
    std::int64_t lifetime_;
    std::int64_t max_age_;
};

/// Password guessing, bounded (§11.1): failed logins counted per account name (folded to lower
/// case, so that `Norton.Low@…` is the same account; a name nobody has is counted the same way,
/// so the answers do not tell which accounts exist). `max_failures` failures within `lock_seconds`
/// of the first lock the name for `lock_seconds` — every login, right password included, is then
/// refused until the lock ends by itself; a successful login forgets the count. 0 failures: off.
///
/// Memory is bounded: at most `max_names` names (each cut at `max_name_size` bytes, past any real
/// e-mail address). When the table is full, the name that failed longest ago is forgotten — a
/// counting one before any locked one, so that filling the table with fresh names does not lift
/// locks; only when every name is locked does the lock closest to its end go first. Each call is
/// O(1) on average.
class login_guard {
public:
    static constexpr std::size_t max_name_size = 320;

    login_guard(std::size_t max_failures, std::int64_t lock_seconds, std::size_t max_names);
    /// Seconds the name stays locked (at least 1), or 0: it may try.
    std::int64_t locked_for(std::string_view name, std::int64_t now);
    /// One more failure for `name`; the one that reaches `max_failures` locks it.
    void failed(std::string_view name, std::int64_t now);
    /// A login succeeded: the name starts again from zero.
    void succeeded(std::string_view name);
    std::size_t size() const noexcept { return index_.size(); }

private:
    struct entry {
        std::string name;
        std::size_t failures = 0;
        std::int64_t window_start = 0;  ///< the first failure counted
        std::int64_t locked_until = 0;  ///< 0: not locked
    };
    using list = std::list<entry>;
    static std::string key_of(std::string_view name);
    void release_ended_locks(std::int64_t now);
    void forget(list& from, list::iterator it);
    void make_room();

    std::size_t max_failures_;
    std::int64_t lock_seconds_;
    std::size_t max_names_;
    list counting_;  ///< not locked, oldest failure first
    list locked_;    ///< locked, the lock that ends first first (every lock is equally long)
    std::unordered_map<std::string_view, list::iterator> index_;  ///< keys view the entries' names
};

/// `length` random characters from [A-Za-z0-9], from the system's random device.
std::string random_token(std::size_t length);

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_STORE_HPP
