// kayako-test-server — the Kayako application: routing, storage and the protocol (through
// kayako-proto) for `/api/v1/tests` (§16), `/api/v1/users/:id` and sessions (§10, §11).
#ifndef KAYAKO_EXAMPLES_API_HPP
#define KAYAKO_EXAMPLES_API_HPP

#include "activity_log.hpp"
#include "exchange.hpp"
#include "files.hpp"
#include "login_steps.hpp"
#include "oauth.hpp"
#include "rate_table.hpp"
#include "store.hpp"

#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/caching/etag.hpp>
#include <kayako/request/request_timestamp.hpp>

#include <optional>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace kayako_server {

struct application_options {
    std::size_t initial_items = 1000;    ///< Test items 1..N at start
    std::size_t max_items = 100'000;     ///< creating past this is refused
    std::size_t max_count = 1'000'000;   ///< §16.2's `count` past this is FIELD_INVALID (test_collection.hpp)
    std::size_t max_sessions = 10'000;   ///< the least recently used session goes first
    std::int64_t session_lifetime = 3600;  ///< seconds of inactivity before a session is gone
    std::int64_t session_max_age = 86'400;  ///< seconds after its login a session is gone, busy or not; 0: off
    std::size_t lockout_failures = 10;     ///< failed logins for one name that lock it (§11.1); 0: off
    std::int64_t lockout_seconds = 600;    ///< how long a lock lasts, and the window failures count in
    std::size_t lockout_names = 10'000;    ///< names the lock-out remembers; the stalest go first
    std::size_t body_limit = 1024 * 1024;
    // Rate limit per client address (§12). A request costs one unit, and its response one more
    // per `rate_unit_bytes` of body, so that cheap and heavy bursts are both bounded: the default
    // lets a client do 1,200 small requests at once and 20 a second after that, or four pages of
    // a thousand items with everything included (about 320 KB each) and one every 16 s after that.
    // (Rendering takes about 0.1 µs a byte, a small request about 30 µs: a unit per KiB still
    // charges a big page less than its share.)
    std::uint64_t rate_limit = 1200;              ///< units per minute per address; 0: off
    std::size_t rate_unit_bytes = 1024;           ///< response bytes that cost one unit more; 0: no surcharge
    std::size_t rate_limit_addresses = 10'000;    ///< addresses tracked; the least recently seen go first
    // Storage and response weight (bytes as `item_bytes` counts them; 0: off). Past a bound the
    // request is refused whole and nothing changes.
    std::size_t max_field_bytes = 64 * 1024;         ///< `name`, decoded `binary_data`, `array_items` (8 bytes each)
    std::size_t max_item_bytes = 128 * 1024;         ///< one Test item in all
    std::size_t max_store_bytes = 64 * 1024 * 1024;  ///< every Test item together
    std::size_t max_response_bytes = 4 * 1024 * 1024;  ///< the rendered data of one collection page
    bearer_options bearer;  ///< OAuth 2.0 and JWT (§11.3, §11.6): oauth.hpp
    std::size_t max_url_segments = 16;  ///< path segments after `/api/v1` (§1; URL_TOO_MANY_SEGMENTS past them)
    kayako::timestamp_policy timestamps;  ///< §11.10: off by default (`--require-timestamp`, `--timestamp-skew`)
    file_options files;     ///< uploads (§8): files.hpp
};

class kayako_application final : public application {
public:
    explicit kayako_application(application_options const& options);
    /// The absolute URL the server is reached at; resource URLs and links start with it.
    void set_base_url(std::string url) {
        base_url_ = std::move(url);
        test_tags_.clear();  // the tags cover `resource_url`
        collection_tags_.clear();
    }

    response handle(request const& r) override;
    response refuse(transport_failure why, kayako::failure const& detail) override;

    /// Why a request stops: a catalogue error and the parameter — or parameters — it names
    /// (owned, since failures name parameters by views into the request's parsed pieces).
    /// Nothing: carry on.
    struct problem {
        kayako::api_error_code code;
        std::string parameter;
        std::vector<std::string> parameters;  ///< `ONE_FIELD_EXPECTED` names all it weighed
        std::string pointer{};  ///< the bad item of a list parameter, `array_items[1]` (§4.4)
    };
    using outcome = std::optional<problem>;

private:
    struct exchange;  // one request's state, defined in api.cpp

    outcome run(exchange& x);
    outcome authenticate(exchange& x);
    outcome preconditions(exchange& x, kayako::entity_tag_text const& tag, std::int64_t modified,
                          bool modified_ambiguous = false);
    outcome bulk_preconditions(exchange& x, std::vector<std::int64_t> const& ids);
    outcome tests(exchange& x);
    outcome list_tests(exchange& x);
    outcome create_test(exchange& x);
    outcome show_test(exchange& x, test_item const& item);
    kayako::result<kayako::entity_tag_text> test_entity_tag(test_item const& item) const;
    outcome users(exchange& x);
    outcome current_session(exchange& x);
    // Multi-step login and remember-me (§11.2, §11.5): the glue in api.cpp, the rules in login_steps.cpp.
    outcome continue_login(exchange& x);
    outcome settle(exchange& x, login_progress const& progress, std::string_view scheme);
    outcome remembered_login(exchange& x);
    outcome profile(exchange& x);
    outcome files(exchange& x);
    outcome bearer_login(exchange& x);  // §11.3, §11.6: the rules are oauth.cpp's
    response finish(exchange& x);

    application_options options_;
    std::string base_url_ = "http://127.0.0.1:8080";
    test_store tests_;
    // The entity tags of the Test items (§9.1) by ID, for the store's generation they were made
    // in (`test_store::generation`): an MD5 over the canonical JSON of an item that has not
    // changed is the same every time, so it is computed once per version, not once per request.
    // Emptied when the store changes; bounded by `max_cached_tags` (emptied when full).
    static constexpr std::size_t max_cached_tags = 4096;
    mutable std::uint64_t test_tags_generation_ = 0;
    mutable std::unordered_map<std::int64_t, kayako::entity_tag_text> test_tags_;
    // (`mutable`: `test_entity_tag` is const; every call into the application is serialized.)
    // The same for the collection's tags, by `count` (a tag is an MD5 over the member IDs).
    mutable std::unordered_map<std::size_t, kayako::entity_tag_text> collection_tags_;
    /// Empties both caches if the store has changed since they were filled, or one is full.
    void refresh_tag_caches() const;
    activity_log activities_;  // §7.3: the Test items' changes, `GET /api/v1/activities`
    directory directory_;
    session_store sessions_;
    rate_table rate_limits_;
    login_guard logins_;
    login_steps steps_;  // after `directory_` and `logins_`, which it uses
    bearer_authority bearer_;  // after `steps_`, which it uses
    file_service files_;
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_API_HPP
