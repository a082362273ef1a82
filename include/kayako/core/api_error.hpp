// kayako-proto — the catalogue of Kayako API error codes (§15, statuses of §21.12).
//
// Every documented code with its HTTP status, its English message (the reference's where it shows
// one, ours in the same style where it does not), and its `more_info` URL; lookups both ways without allocating. A code a client receives that is
// not in the catalogue survives as text in `api_error_name`. `api_error_for` maps a library
// `failure` to the code it becomes on the wire.
//
// The reference's prose says "50 codes"; its list has 52 (URL_VERSION_MISSING and
// VERSION_NOT_SUPPORTED included). All 52 are here.
#ifndef KAYAKO_CORE_API_ERROR_HPP
#define KAYAKO_CORE_API_ERROR_HPP

#include <kayako/core/error.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// The documented Kayako error codes, in the ASCII order of their names.
enum class api_error_code : unsigned char {
    action_failed,
    any_field_required,
    app_not_found,
    app_rest_not_available,
    associate_not_found,
    authentication_failed,
    authentication_locked,
    authorization_required,
    checksum_mismatch,
    condition_required,
    content_not_available,
    credential_expired,
    csrf_failed,
    deletion_failed,
    exception_caught,
    feature_not_available,
    field_duplicate,
    field_empty,
    field_invalid,
    field_required,
    format_not_acceptable,
    https_required,
    license_expired,
    license_limit_reached,
    method_not_supported,
    nonce_duplicate,
    one_field_expected,
    otp_expected,
    parameters_inconsistent,
    parameter_invalid,
    password_policy_violation,
    permissions_denied,
    portal_not_supported,
    rate_limit_reached,
    request_fields_empty,
    resources_do_not_match,
    resource_action_not_available,
    resource_exists,
    resource_gone,
    resource_modified,
    resource_not_available,
    resource_not_found,
    session_creation_failed,
    session_loading_failed,
    timestamp_mismatch,
    timestamp_missing,
    url_argument_redundant,
    url_argument_required,
    url_resource_missing,
    url_too_many_segments,
    url_version_missing,
    version_not_supported,
};

/// One row of the catalogue.
struct api_error_entry {
    api_error_code code;        ///< the code as an enumerator
    std::string_view name;      ///< the wire spelling, e.g. "FIELD_INVALID"
    int http_status;            ///< §15, or §21.12 where the reference is silent
    std::string_view message;   ///< English, for developers (§4.4: errors are not localized)
    std::string_view more_info; ///< `https://developer.kayako.com/api/v1/reference/errors/` and the name
    /// True when `message` is the reference's own text; false for the 31 codes whose pages show
    /// none, where the message is ours, written in the same style so that no error goes out bare.
    bool message_from_reference;
};

namespace detail {
#define KAYAKO_API_ERROR_ENTRY(id, NAME, status, msg, documented)                                            \
    api_error_entry {                                                                                         \
        api_error_code::id, #NAME, status, msg, "https://developer.kayako.com/api/v1/reference/errors/" #NAME, \
            documented                                                                                        \
    }
#define KAYAKO_API_ERROR_ROW(id, NAME, status, msg) KAYAKO_API_ERROR_ENTRY(id, NAME, status, msg, true)
#define KAYAKO_API_ERROR_OWN(id, NAME, status, msg) KAYAKO_API_ERROR_ENTRY(id, NAME, status, msg, false)
inline constexpr std::array<api_error_entry, 52> api_error_table{{
    KAYAKO_API_ERROR_OWN(action_failed, ACTION_FAILED, 500,
                         "The action could not be performed"),
    KAYAKO_API_ERROR_ROW(any_field_required, ANY_FIELD_REQUIRED, 400,
                         "This action requires any of the related fields to be specified"),
    KAYAKO_API_ERROR_ROW(app_not_found, APP_NOT_FOUND, 400, "Invalid app component in URL or app is not installed"),
    KAYAKO_API_ERROR_OWN(app_rest_not_available, APP_REST_NOT_AVAILABLE, 400,
                         "The app does not provide a REST API"),
    KAYAKO_API_ERROR_OWN(associate_not_found, ASSOCIATE_NOT_FOUND, 400,
                         "A resource referenced by the request does not exist"),
    KAYAKO_API_ERROR_ROW(authentication_failed, AUTHENTICATION_FAILED, 401,
                         "Used authentication credentials are invalid or signature verification failed"),
    KAYAKO_API_ERROR_ROW(authentication_locked, AUTHENTICATION_LOCKED, 429,
                         "The maximum number of authentication retries was reached"),
    KAYAKO_API_ERROR_OWN(authorization_required, AUTHORIZATION_REQUIRED, 401,
                         "This action requires authentication"),
    KAYAKO_API_ERROR_ROW(checksum_mismatch, CHECKSUM_MISMATCH, 400,
                         "File data has been corrupted or altered during transfer"),
    KAYAKO_API_ERROR_OWN(condition_required, CONDITION_REQUIRED, 428,
                         "This action requires a conditional request header (If-Match or If-Unmodified-Since)"),
    KAYAKO_API_ERROR_OWN(content_not_available, CONTENT_NOT_AVAILABLE, 400,
                         "The content of the resource is not available"),
    KAYAKO_API_ERROR_ROW(credential_expired, CREDENTIAL_EXPIRED, 403,
                         "The credential (e.g. password) is valid but has expired"),
    KAYAKO_API_ERROR_OWN(csrf_failed, CSRF_FAILED, 403,
                         "The CSRF token is missing or invalid"),
    KAYAKO_API_ERROR_OWN(deletion_failed, DELETION_FAILED, 500,
                         "The resource could not be deleted"),
    KAYAKO_API_ERROR_OWN(exception_caught, EXCEPTION_CAUGHT, 500,
                         "The server failed to process the request"),
    KAYAKO_API_ERROR_OWN(feature_not_available, FEATURE_NOT_AVAILABLE, 400,
                         "The feature is not available"),
    KAYAKO_API_ERROR_ROW(field_duplicate, FIELD_DUPLICATE, 400,
                         "The value of the field is already used for another resource"),
    KAYAKO_API_ERROR_OWN(field_empty, FIELD_EMPTY, 400,
                         "The value of the field must not be empty"),
    KAYAKO_API_ERROR_ROW(field_invalid, FIELD_INVALID, 400, "The value of the field is invalid"),
    KAYAKO_API_ERROR_ROW(field_required, FIELD_REQUIRED, 400, "This action requires the field to be specified"),
    KAYAKO_API_ERROR_OWN(format_not_acceptable, FORMAT_NOT_ACCEPTABLE, 406,
                         "The requested format is not acceptable: Accept must allow application/json"),
    KAYAKO_API_ERROR_OWN(https_required, HTTPS_REQUIRED, 403,
                         "This action requires HTTPS"),
    KAYAKO_API_ERROR_OWN(license_expired, LICENSE_EXPIRED, 426,
                         "The license has expired"),
    KAYAKO_API_ERROR_OWN(license_limit_reached, LICENSE_LIMIT_REACHED, 426,
                         "The license limit has been reached"),
    KAYAKO_API_ERROR_ROW(method_not_supported, METHOD_NOT_SUPPORTED, 405,
                         "HTTP method is not supported or is not allowed for the resource"),
    KAYAKO_API_ERROR_OWN(nonce_duplicate, NONCE_DUPLICATE, 400,
                         "The nonce has already been used"),
    KAYAKO_API_ERROR_ROW(one_field_expected, ONE_FIELD_EXPECTED, 400,
                         "This action expects only one of the related fields to be specified"),
    KAYAKO_API_ERROR_ROW(otp_expected, OTP_EXPECTED, 403,
                         "To complete authentication you need to provide the one-time password"),
    KAYAKO_API_ERROR_ROW(parameters_inconsistent, PARAMETERS_INCONSISTENT, 400,
                         "One or more parameters appear in different locations and do not match, possible CSRF attempt"),
    KAYAKO_API_ERROR_OWN(parameter_invalid, PARAMETER_INVALID, 400,
                         "The value of the parameter is invalid"),
    KAYAKO_API_ERROR_ROW(password_policy_violation, PASSWORD_POLICY_VIOLATION, 400,
                         "The password does not meet the password policy requirements"),
    KAYAKO_API_ERROR_OWN(permissions_denied, PERMISSIONS_DENIED, 403,
                         "You do not have the permissions to perform this action"),
    KAYAKO_API_ERROR_OWN(portal_not_supported, PORTAL_NOT_SUPPORTED, 400,
                         "The portal is not supported for this action"),
    KAYAKO_API_ERROR_ROW(rate_limit_reached, RATE_LIMIT_REACHED, 429, "The rate limit for this action was reached"),
    KAYAKO_API_ERROR_OWN(request_fields_empty, REQUEST_FIELDS_EMPTY, 400,
                         "The request does not contain any fields"),
    KAYAKO_API_ERROR_OWN(resources_do_not_match, RESOURCES_DO_NOT_MATCH, 400,
                         "The resources of the request do not match"),
    KAYAKO_API_ERROR_ROW(resource_action_not_available, RESOURCE_ACTION_NOT_AVAILABLE, 400,
                         "Not supported method, misspelled action name or action is not available for the resource"),
    KAYAKO_API_ERROR_OWN(resource_exists, RESOURCE_EXISTS, 400,
                         "The resource already exists"),
    KAYAKO_API_ERROR_OWN(resource_gone, RESOURCE_GONE, 410,
                         "The resource has been removed permanently"),
    KAYAKO_API_ERROR_ROW(resource_modified, RESOURCE_MODIFIED, 412,
                         "The action cannot be performed as the resource has been modified"),
    KAYAKO_API_ERROR_OWN(resource_not_available, RESOURCE_NOT_AVAILABLE, 400,
                         "The resource is not available"),
    KAYAKO_API_ERROR_ROW(resource_not_found, RESOURCE_NOT_FOUND, 404, "Resource does not exist or has been removed"),
    KAYAKO_API_ERROR_OWN(session_creation_failed, SESSION_CREATION_FAILED, 500,
                         "The server failed to create a session"),
    KAYAKO_API_ERROR_ROW(session_loading_failed, SESSION_LOADING_FAILED, 454, "The server failed to load the session"),
    KAYAKO_API_ERROR_ROW(timestamp_mismatch, TIMESTAMP_MISMATCH, 400,
                         "The difference between client and server times is too big, possible attempt of replay attack"),
    KAYAKO_API_ERROR_ROW(timestamp_missing, TIMESTAMP_MISSING, 400,
                         "Request signature must include timestamp either in headers or in parameters"),
    KAYAKO_API_ERROR_OWN(url_argument_redundant, URL_ARGUMENT_REDUNDANT, 400,
                         "The URL contains an argument that is not expected"),
    KAYAKO_API_ERROR_OWN(url_argument_required, URL_ARGUMENT_REQUIRED, 400,
                         "The URL is missing a required argument"),
    KAYAKO_API_ERROR_OWN(url_resource_missing, URL_RESOURCE_MISSING, 404,
                         "The URL does not name a resource"),
    KAYAKO_API_ERROR_OWN(url_too_many_segments, URL_TOO_MANY_SEGMENTS, 400,
                         "The URL has too many segments"),
    KAYAKO_API_ERROR_OWN(url_version_missing, URL_VERSION_MISSING, 400,
                         "The URL does not name the API version"),
    KAYAKO_API_ERROR_OWN(version_not_supported, VERSION_NOT_SUPPORTED, 400,
                         "The API version is not supported"),
}};
#undef KAYAKO_API_ERROR_ROW
#undef KAYAKO_API_ERROR_OWN
#undef KAYAKO_API_ERROR_ENTRY

// The table is indexed by enumerator and binary-searched by name: both orders must hold.
constexpr bool api_error_table_is_ordered() noexcept {
    for (std::size_t i = 0; i < api_error_table.size(); ++i) {
        if (static_cast<std::size_t>(api_error_table[i].code) != i) return false;
        if (i > 0 && !(api_error_table[i - 1].name < api_error_table[i].name)) return false;
    }
    return true;
}
static_assert(api_error_table_is_ordered(), "api_error_table must follow the enum and ASCII name order");
}  // namespace detail

/// Every row, in name order.
inline constexpr std::array<api_error_entry, 52> const& api_error_catalogue = detail::api_error_table;

/// The catalogue's row of `c`: wire name, HTTP status, message, `more_info` (§15, §21.12).
constexpr api_error_entry const& describe(api_error_code c) noexcept {
    return detail::api_error_table[static_cast<std::size_t>(c)];
}
/// The wire spelling of `c` (`"FIELD_INVALID"`).
constexpr std::string_view to_string(api_error_code c) noexcept { return describe(c).name; }
/// The HTTP status of `c` (§15, §21.12).
constexpr int http_status(api_error_code c) noexcept { return describe(c).http_status; }

/// The code spelled `name` exactly as on the wire ("FIELD_INVALID"), or nothing.
constexpr std::optional<api_error_code> parse_api_error_code(std::string_view name) noexcept {
    auto const& t = detail::api_error_table;
    auto it = std::lower_bound(t.begin(), t.end(), name,
                               [](api_error_entry const& e, std::string_view n) { return e.name < n; });
    if (it != t.end() && it->name == name) return it->code;
    return std::nullopt;
}

/// An error code as a client receives it: a known code, or any other text kept as sent.
class api_error_name {
public:
    api_error_name() = default;
    /// A known code.
    explicit api_error_name(api_error_code c) : known_(c) {}
    /// The code as received: known when the catalogue has it, else kept as text. Throws only `std::bad_alloc`.
    explicit api_error_name(std::string_view text)
        : known_(parse_api_error_code(text)), text_(known_ ? std::string() : std::string(text)) {}

    /// The catalogue code, or nothing for a code this library does not know.
    std::optional<api_error_code> known() const noexcept { return known_; }
    /// The code as text, known or not.
    std::string_view name() const noexcept { return known_ ? to_string(*known_) : std::string_view(text_); }
    /// The code's HTTP status, or nothing when unknown (then use the response's status, §15).
    std::optional<int> http_status() const noexcept {
        return known_ ? std::optional<int>(kayako::http_status(*known_)) : std::nullopt;
    }

    friend bool operator==(api_error_name const& a, api_error_name const& b) noexcept { return a.name() == b.name(); }
    friend bool operator==(api_error_name const& a, api_error_code b) noexcept { return a.known_ == b; }

private:
    std::optional<api_error_code> known_;
    std::string text_;  // only for unknown codes
};

/// The Kayako error a library failure becomes on the wire. Most bad input is `FIELD_INVALID`
/// naming the parameter; a few failures have codes of their own.
constexpr api_error_code api_error_for(error e) noexcept {
    switch (e) {
    case error::missing_parameter: return api_error_code::field_required;
    case error::checksum_mismatch: return api_error_code::checksum_mismatch;
    case error::not_acceptable: return api_error_code::format_not_acceptable;
    case error::invalid_credentials: return api_error_code::authentication_failed;
    case error::parameters_inconsistent: return api_error_code::parameters_inconsistent;
    case error::csrf_failed: return api_error_code::csrf_failed;
    case error::unsupported_method: return api_error_code::method_not_supported;
    case error::invalid_target: return api_error_code::url_resource_missing;
    case error::conflicting_arguments: return api_error_code::one_field_expected;
    // A header, not a body field: 400 PARAMETER_INVALID naming it (§21.23).
    case error::invalid_framing: return api_error_code::parameter_invalid;
    // A token that cannot be used (§11.3, §11.6): the credentials are invalid (§15).
    case error::invalid_jwt:
    case error::unsupported_algorithm:
    case error::signature_invalid:
    case error::token_expired:
    case error::token_not_yet_valid:
    case error::token_too_old: return api_error_code::authentication_failed;
    // The path (§1, §14; statuses §15, §21.12).
    case error::version_missing: return api_error_code::url_version_missing;
    case error::version_not_supported: return api_error_code::version_not_supported;
    case error::too_many_segments: return api_error_code::url_too_many_segments;
    case error::app_not_found: return api_error_code::app_not_found;
    case error::action_not_available: return api_error_code::resource_action_not_available;
    // Request timestamps (§11.10).
    case error::timestamp_missing: return api_error_code::timestamp_missing;
    case error::timestamp_mismatch: return api_error_code::timestamp_mismatch;
    default: return api_error_code::field_invalid;
    }
}
/// The Kayako error a library failure becomes on the wire (see `api_error_for(error)`).
constexpr api_error_code api_error_for(failure const& f) noexcept { return api_error_for(f.code); }

/// The `pointer` of the error a failure becomes (§4.4): where inside its parameter the bad value
/// is, written as the parameter's item — `array_items[1]` for item 1 of the list `array_items`,
/// whether the list came as a JSON array, as `name[]` repeats or as a comma list (§20.3 leaves
/// the syntax open; this is the form-field spelling a Kayako client sends it in). A `[]` that
/// ended the name as sent is dropped. Empty when the failure names no item or no parameter.
/// Throws only `std::bad_alloc`.
inline std::string api_error_pointer(failure const& f) {
    if (!f.has_index() || f.parameter.empty()) return {};
    std::string_view name = f.parameter;
    if (name.ends_with("[]")) name.remove_suffix(2);
    std::string out(name);
    out += '[';
    out += std::to_string(f.index);
    out += ']';
    return out;
}

}  // namespace kayako

#endif  // KAYAKO_CORE_API_ERROR_HPP
