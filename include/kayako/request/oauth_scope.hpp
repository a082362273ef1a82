// kayako-proto — OAuth 2.0 scopes (§11.3; RFC 6749 §3.3), both ways.
//
// A Kayako scope names an area of the API and, optionally, an access: `users`, `conversations`,
// `insights`, `search`, `configuration`, each with `:read` or `:write`; no suffix means `:write`
// (§11.3). A scope list is written as RFC 6749 §3.3 says: scope tokens separated by single
// spaces, in the `scope` parameter of a token request and of a token response.
//
// What a granted list allows (`oauth_scope_set::allows`): `area:read` reads the area (GET,
// HEAD); `area:write` — or plain `area` — changes it and reads it too (a client trusted to
// change conversations is trusted to see them; the reference names no separate rule). An
// endpoint that needs a scope the list lacks is refused (§11.3); the server decides which
// scope each endpoint needs.
#ifndef KAYAKO_REQUEST_OAUTH_SCOPE_HPP
#define KAYAKO_REQUEST_OAUTH_SCOPE_HPP

#include <kayako/core/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kayako {

/// The areas of §11.3, in the reference's order.
enum class oauth_area : unsigned char { users, conversations, insights, search, configuration };

/// What a scope lets a client do with its area.
enum class oauth_access : unsigned char { read, write };

/// Every area, in the order §11.3 lists them.
inline constexpr std::array<oauth_area, 5> oauth_areas = {oauth_area::users, oauth_area::conversations,
                                                          oauth_area::insights, oauth_area::search,
                                                          oauth_area::configuration};

/// The area's name as §11.3 writes it (`users`, ...).
constexpr std::string_view to_string(oauth_area a) noexcept {
    switch (a) {
    case oauth_area::users: return "users";
    case oauth_area::conversations: return "conversations";
    case oauth_area::insights: return "insights";
    case oauth_area::search: return "search";
    case oauth_area::configuration: return "configuration";
    }
    return "users";
}

/// One scope: an area and an access.
struct oauth_scope {
    oauth_area area = oauth_area::users;       ///< the part of the API the scope opens (§11.3)
    oauth_access access = oauth_access::write; ///< read only, or read and write
    friend constexpr bool operator==(oauth_scope, oauth_scope) noexcept = default;
};

/// The access a request with `method` needs: `read` for GET and HEAD (RFC 9110 §9.2.1 safe
/// methods a client reads with), `write` for everything else.
constexpr oauth_access access_for_method(std::string_view method) noexcept {
    return method == "GET" || method == "HEAD" ? oauth_access::read : oauth_access::write;
}

/// One scope token (§11.3): an area name, then nothing (`:write`), `:read` or `:write`. Exact
/// spelling, lower case, as the reference writes them. Empty is `empty_value`; an unknown area
/// or suffix is `invalid_scope` at offset 0 or at the colon. Names no parameter: the caller
/// knows whose list it reads.
constexpr result<oauth_scope> parse_oauth_scope(std::string_view token) noexcept {
    if (token.empty()) return failure(error::empty_value, 0);
    std::size_t const colon = token.find(':');
    std::string_view const area = token.substr(0, colon);
    oauth_scope s;
    bool found = false;
    for (oauth_area a : oauth_areas)
        if (to_string(a) == area) {
            s.area = a;
            found = true;
        }
    if (!found) return failure(error::invalid_scope, 0);
    if (colon == std::string_view::npos) return s;
    std::string_view const suffix = token.substr(colon + 1);
    if (suffix == "read") s.access = oauth_access::read;
    else if (suffix == "write") s.access = oauth_access::write;
    else return failure(error::invalid_scope, colon);
    return s;
}

/// A set of granted (or requested) scopes. Small and trivially copyable: two bits per area.
class oauth_scope_set {
public:
    constexpr oauth_scope_set() noexcept = default;

    /// Adds a scope. Adding `area:write` after `area:read` widens it; the reverse keeps `write`.
    constexpr void add(oauth_scope s) noexcept {
        read_ |= bit(s.area);
        if (s.access == oauth_access::write) write_ |= bit(s.area);
    }

    /// True when the set lets a client `access` the `area` (see the top of this header).
    constexpr bool allows(oauth_area area, oauth_access access) const noexcept {
        return ((access == oauth_access::read ? read_ : write_) & bit(area)) != 0;
    }

    /// The widest access granted to `area`, or nothing.
    constexpr std::optional<oauth_access> access_to(oauth_area area) const noexcept {
        if (write_ & bit(area)) return oauth_access::write;
        if (read_ & bit(area)) return oauth_access::read;
        return std::nullopt;
    }

    /// True when every scope of `other` is allowed by this set (a refresh may narrow, never widen:
    /// RFC 6749 §6).
    constexpr bool includes(oauth_scope_set other) const noexcept {
        return (other.read_ & ~read_) == 0 && (other.write_ & ~write_) == 0;
    }

    /// No scope at all.
    constexpr bool empty() const noexcept { return read_ == 0; }

    friend constexpr bool operator==(oauth_scope_set, oauth_scope_set) noexcept = default;

private:
    static constexpr std::uint8_t bit(oauth_area a) noexcept {
        return static_cast<std::uint8_t>(1u << static_cast<unsigned>(a));
    }
    std::uint8_t read_ = 0;   // write implies read: every write bit is also here
    std::uint8_t write_ = 0;
};

/// A scope list (RFC 6749 §3.3: `scope-token *( SP scope-token )`): tokens separated by single
/// spaces; a repeated token is harmless. Empty is `empty_value`; a leading, trailing or doubled
/// space is `unexpected_character` at its offset; a bad token is `invalid_scope` at its offset in
/// `text`. Names no parameter (the caller's is usually `scope`).
constexpr result<oauth_scope_set> parse_oauth_scope_list(std::string_view text) noexcept {
    if (text.empty()) return failure(error::empty_value, 0);
    oauth_scope_set set;
    std::size_t start = 0;
    while (true) {
        std::size_t const space = text.find(' ', start);
        std::size_t const end = space == std::string_view::npos ? text.size() : space;
        if (end == start) return failure(error::unexpected_character, start);
        auto s = parse_oauth_scope(text.substr(start, end - start));
        if (!s) return s.error().shifted(start);
        set.add(*s);
        if (space == std::string_view::npos) return set;
        start = space + 1;
        if (start == text.size()) return failure(error::unexpected_character, space);
    }
}

/// The set as a scope list, in the order of §11.3: `area:write` where writing is granted,
/// `area:read` where only reading is; empty for an empty set. Reads back equal with
/// `parse_oauth_scope_list`. Throws only `std::bad_alloc`.
inline std::string format_oauth_scope_list(oauth_scope_set set) {
    std::string out;
    for (oauth_area a : oauth_areas) {
        auto const access = set.access_to(a);
        if (!access) continue;
        if (!out.empty()) out += ' ';
        out += to_string(a);
        out += *access == oauth_access::write ? ":write" : ":read";
    }
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_OAUTH_SCOPE_HPP
