// Tests of <kayako/core/api_error.hpp>: the catalogue of Kayako error codes (§15, §21.12).
#include <kayako/core/api_error.hpp>

#include <gtest/gtest.h>

#include "support/views.hpp"

#include <iterator>
#include <set>
#include <string>
#include <string_view>

namespace {

using kayako::api_error_code;

// §15's list with the status each code gets: §15 where the reference shows it, §21.12 otherwise.
struct catalogue_row {
    std::string_view name;
    int status;
};
constexpr catalogue_row expected_statuses[] = {
    {"ACTION_FAILED", 500}, {"ANY_FIELD_REQUIRED", 400}, {"APP_NOT_FOUND", 400},
    {"APP_REST_NOT_AVAILABLE", 400}, {"ASSOCIATE_NOT_FOUND", 400}, {"AUTHENTICATION_FAILED", 401},
    {"AUTHENTICATION_LOCKED", 429}, {"AUTHORIZATION_REQUIRED", 401}, {"CHECKSUM_MISMATCH", 400},
    {"CONDITION_REQUIRED", 428}, {"CONTENT_NOT_AVAILABLE", 400}, {"CREDENTIAL_EXPIRED", 403},
    {"CSRF_FAILED", 403}, {"DELETION_FAILED", 500}, {"EXCEPTION_CAUGHT", 500},
    {"FEATURE_NOT_AVAILABLE", 400}, {"FIELD_DUPLICATE", 400}, {"FIELD_EMPTY", 400},
    {"FIELD_INVALID", 400}, {"FIELD_REQUIRED", 400}, {"FORMAT_NOT_ACCEPTABLE", 406},
    {"HTTPS_REQUIRED", 403}, {"LICENSE_EXPIRED", 426}, {"LICENSE_LIMIT_REACHED", 426},
    {"METHOD_NOT_SUPPORTED", 405}, {"NONCE_DUPLICATE", 400}, {"ONE_FIELD_EXPECTED", 400},
    {"OTP_EXPECTED", 403}, {"PARAMETERS_INCONSISTENT", 400}, {"PARAMETER_INVALID", 400},
    {"PASSWORD_POLICY_VIOLATION", 400}, {"PERMISSIONS_DENIED", 403}, {"PORTAL_NOT_SUPPORTED", 400},
    {"RATE_LIMIT_REACHED", 429}, {"REQUEST_FIELDS_EMPTY", 400}, {"RESOURCES_DO_NOT_MATCH", 400},
    {"RESOURCE_ACTION_NOT_AVAILABLE", 400}, {"RESOURCE_EXISTS", 400}, {"RESOURCE_GONE", 410},
    {"RESOURCE_MODIFIED", 412}, {"RESOURCE_NOT_AVAILABLE", 400}, {"RESOURCE_NOT_FOUND", 404},
    {"SESSION_CREATION_FAILED", 500}, {"SESSION_LOADING_FAILED", 454}, {"TIMESTAMP_MISMATCH", 400},
    {"TIMESTAMP_MISSING", 400}, {"URL_ARGUMENT_REDUNDANT", 400}, {"URL_ARGUMENT_REQUIRED", 400},
    {"URL_RESOURCE_MISSING", 404}, {"URL_TOO_MANY_SEGMENTS", 400}, {"URL_VERSION_MISSING", 400},
    {"VERSION_NOT_SUPPORTED", 400},
};

TEST(ApiErrorCatalogue, HasEveryDocumentedCodeWithItsStatus) {
    ASSERT_EQ(kayako::api_error_catalogue.size(), std::size(expected_statuses));
    for (auto const& row : expected_statuses) {
        auto const code = kayako::parse_api_error_code(row.name);
        ASSERT_TRUE(code.has_value()) << row.name;
        EXPECT_EQ(kayako::to_string(*code), row.name);
        EXPECT_EQ(kayako::http_status(*code), row.status) << row.name;
        EXPECT_EQ(kayako::describe(*code).more_info,
                  "https://developer.kayako.com/api/v1/reference/errors/" + std::string(row.name));
    }
}

TEST(ApiErrorCatalogue, LookupWorksBothWaysForEveryRow) {
    std::set<std::string_view> names;
    for (auto const& entry : kayako::api_error_catalogue) {
        EXPECT_EQ(kayako::parse_api_error_code(entry.name), entry.code);
        EXPECT_EQ(&kayako::describe(entry.code), &entry);
        EXPECT_TRUE(names.insert(entry.name).second) << entry.name;
    }
}

// The exact messages the reference shows (§4.4, §9, §11, §12, §15).
TEST(ApiErrorCatalogue, KeepsTheReferenceMessages) {
    EXPECT_EQ(kayako::describe(api_error_code::resource_action_not_available).message,
              "Not supported method, misspelled action name or action is not available for the resource");
    EXPECT_EQ(kayako::describe(api_error_code::field_required).message,
              "This action requires the field to be specified");
    EXPECT_EQ(kayako::describe(api_error_code::resource_modified).message,
              "The action cannot be performed as the resource has been modified");
    EXPECT_EQ(kayako::describe(api_error_code::rate_limit_reached).message,
              "The rate limit for this action was reached");
    EXPECT_EQ(kayako::describe(api_error_code::otp_expected).message,
              "To complete authentication you need to provide the one-time password");
    EXPECT_EQ(kayako::describe(api_error_code::session_loading_failed).message,
              "The server failed to load the session");
    EXPECT_EQ(kayako::describe(api_error_code::parameters_inconsistent).message,
              "One or more parameters appear in different locations and do not match, possible CSRF attempt");
    EXPECT_TRUE(kayako::describe(api_error_code::resource_modified).message_from_reference);
}

// Where the reference shows no message, the catalogue has one of its own, so that no error goes out
// without one; 21 codes carry the reference's text, 31 ours.
TEST(ApiErrorCatalogue, EveryCodeHasAMessage) {
    int from_reference = 0;
    for (auto const& entry : kayako::api_error_catalogue) {
        EXPECT_FALSE(entry.message.empty()) << entry.name;
        from_reference += entry.message_from_reference;
    }
    EXPECT_EQ(from_reference, 21);
    EXPECT_FALSE(kayako::describe(api_error_code::csrf_failed).message_from_reference);
    EXPECT_EQ(kayako::describe(api_error_code::csrf_failed).message, "The CSRF token is missing or invalid");
}

TEST(ApiErrorCatalogue, LookupIsExactAndRefusesNearMisses) {
    for (std::string_view bad : {"", "field_invalid", "FIELD_INVALID ", " FIELD_INVALID", "FIELD-INVALID",
                                 "FIELD_INVALIDX", "A", "ZZZ", "RESOURCE_", "VERSION_NOT_SUPPORTEDX"})
        EXPECT_FALSE(kayako::parse_api_error_code(bad).has_value()) << '"' << bad << '"';
}

TEST(ApiErrorName, KeepsUnknownCodesAsText) {
    kayako::api_error_name const known("RESOURCE_MODIFIED");
    EXPECT_EQ(known.known(), api_error_code::resource_modified);
    EXPECT_EQ(known.name(), "RESOURCE_MODIFIED");
    EXPECT_EQ(known.http_status(), 412);
    EXPECT_TRUE(known == api_error_code::resource_modified);

    kayako::api_error_name const unknown("SOMETHING_NEW_IN_V2");
    EXPECT_FALSE(unknown.known().has_value());
    EXPECT_EQ(unknown.name(), "SOMETHING_NEW_IN_V2");
    EXPECT_FALSE(unknown.http_status().has_value());
    EXPECT_FALSE(unknown == known);
    EXPECT_TRUE(unknown == kayako::api_error_name("SOMETHING_NEW_IN_V2"));
    EXPECT_TRUE(kayako::api_error_name(api_error_code::csrf_failed) == kayako::api_error_name("CSRF_FAILED"));
}

TEST(ApiErrorFor, MapsLibraryFailuresToWireCodes) {
    using kayako::error;
    EXPECT_EQ(kayako::api_error_for(error::invalid_integer), api_error_code::field_invalid);
    EXPECT_EQ(kayako::api_error_for(error::invalid_fields), api_error_code::field_invalid);
    EXPECT_EQ(kayako::api_error_for(error::missing_parameter), api_error_code::field_required);
    EXPECT_EQ(kayako::api_error_for(error::checksum_mismatch), api_error_code::checksum_mismatch);
    EXPECT_EQ(kayako::api_error_for(error::not_acceptable), api_error_code::format_not_acceptable);
    EXPECT_EQ(kayako::api_error_for(error::parameters_inconsistent), api_error_code::parameters_inconsistent);
    EXPECT_EQ(kayako::api_error_for(error::csrf_failed), api_error_code::csrf_failed);
    EXPECT_EQ(kayako::api_error_for(kayako::failure(error::invalid_framing, 9, "Transfer-Encoding")),
              api_error_code::parameter_invalid);  // §21.23
    EXPECT_EQ(kayako::http_status(api_error_code::parameter_invalid), 400);
    EXPECT_EQ(kayako::api_error_for(kayako::failure(error::too_many, 0, "ids")), api_error_code::field_invalid);
}

// Every library error with the Kayako code and status it becomes on the wire (§15, §21.12, §21.14:
// bad input is 400 FIELD_INVALID naming the parameter unless a code of its own says more).
struct wire_row {
    kayako::error error;
    std::string_view code;
    int status;
};
constexpr wire_row wire_codes[] = {
    {kayako::error::empty_value, "FIELD_INVALID", 400},
    {kayako::error::unexpected_character, "FIELD_INVALID", 400},
    {kayako::error::unexpected_end, "FIELD_INVALID", 400},
    {kayako::error::invalid_percent_escape, "FIELD_INVALID", 400},
    {kayako::error::invalid_utf8, "FIELD_INVALID", 400},
    {kayako::error::nul_byte, "FIELD_INVALID", 400},
    {kayako::error::too_long, "FIELD_INVALID", 400},
    {kayako::error::too_many, "FIELD_INVALID", 400},
    {kayako::error::too_deep, "FIELD_INVALID", 400},
    {kayako::error::duplicate, "FIELD_INVALID", 400},
    {kayako::error::invalid_boolean, "FIELD_INVALID", 400},
    {kayako::error::invalid_integer, "FIELD_INVALID", 400},
    {kayako::error::integer_out_of_range, "FIELD_INVALID", 400},
    {kayako::error::invalid_float, "FIELD_INVALID", 400},
    {kayako::error::float_out_of_range, "FIELD_INVALID", 400},
    {kayako::error::invalid_timestamp, "FIELD_INVALID", 400},
    {kayako::error::timestamp_out_of_range, "FIELD_INVALID", 400},
    {kayako::error::invalid_base64, "FIELD_INVALID", 400},
    {kayako::error::invalid_option, "FIELD_INVALID", 400},
    {kayako::error::invalid_name, "FIELD_INVALID", 400},
    {kayako::error::invalid_target, "URL_RESOURCE_MISSING", 404},
    {kayako::error::missing_parameter, "FIELD_REQUIRED", 400},
    {kayako::error::wrong_type, "FIELD_INVALID", 400},
    {kayako::error::invalid_json, "FIELD_INVALID", 400},
    {kayako::error::invalid_content_type, "FIELD_INVALID", 400},
    {kayako::error::missing_boundary, "FIELD_INVALID", 400},
    {kayako::error::invalid_multipart, "FIELD_INVALID", 400},
    {kayako::error::checksum_mismatch, "CHECKSUM_MISMATCH", 400},
    {kayako::error::invalid_header, "FIELD_INVALID", 400},
    {kayako::error::header_injection, "FIELD_INVALID", 400},
    {kayako::error::not_acceptable, "FORMAT_NOT_ACCEPTABLE", 406},
    {kayako::error::invalid_credentials, "AUTHENTICATION_FAILED", 401},
    {kayako::error::parameters_inconsistent, "PARAMETERS_INCONSISTENT", 400},
    {kayako::error::csrf_failed, "CSRF_FAILED", 403},
    {kayako::error::unsupported_method, "METHOD_NOT_SUPPORTED", 405},  // §1
    {kayako::error::invalid_fields, "FIELD_INVALID", 400},
    {kayako::error::invalid_include, "FIELD_INVALID", 400},
    {kayako::error::invalid_envelope, "FIELD_INVALID", 400},
    {kayako::error::invalid_jsonp_callback, "FIELD_INVALID", 400},
    {kayako::error::conflicting_arguments, "ONE_FIELD_EXPECTED", 400},
    {kayako::error::invalid_entity_tag, "FIELD_INVALID", 400},
    {kayako::error::invalid_http_date, "FIELD_INVALID", 400},
    {kayako::error::invalid_framing, "PARAMETER_INVALID", 400},  // §21.23: names the header
    // §11.3, §11.6: the token endpoint answers in RFC 6749 terms; on /api/v1 these are fields.
    {kayako::error::unsupported_grant_type, "FIELD_INVALID", 400},
    {kayako::error::invalid_scope, "FIELD_INVALID", 400},
    {kayako::error::invalid_oauth_response, "FIELD_INVALID", 400},
    // RFC 6749 §4.1.1, RFC 7636 §4: the authorization request's fields (oauth_authorization_request.hpp).
    {kayako::error::unsupported_response_type, "FIELD_INVALID", 400},
    {kayako::error::invalid_redirect_uri, "FIELD_INVALID", 400},
    {kayako::error::invalid_code_challenge, "FIELD_INVALID", 400},
    // A token that cannot be used: the credentials are invalid (§15 AUTHENTICATION_FAILED).
    {kayako::error::invalid_jwt, "AUTHENTICATION_FAILED", 401},
    {kayako::error::unsupported_algorithm, "AUTHENTICATION_FAILED", 401},
    {kayako::error::signature_invalid, "AUTHENTICATION_FAILED", 401},
    {kayako::error::token_expired, "AUTHENTICATION_FAILED", 401},
    {kayako::error::token_not_yet_valid, "AUTHENTICATION_FAILED", 401},
    {kayako::error::token_too_old, "AUTHENTICATION_FAILED", 401},
    // The path (§1, §14; statuses §15, §21.12).
    {kayako::error::version_missing, "URL_VERSION_MISSING", 400},
    {kayako::error::version_not_supported, "VERSION_NOT_SUPPORTED", 400},
    {kayako::error::too_many_segments, "URL_TOO_MANY_SEGMENTS", 400},
    {kayako::error::app_not_found, "APP_NOT_FOUND", 400},
    {kayako::error::action_not_available, "RESOURCE_ACTION_NOT_AVAILABLE", 400},
    // Request timestamps (§11.10).
    {kayako::error::timestamp_missing, "TIMESTAMP_MISSING", 400},
    {kayako::error::timestamp_mismatch, "TIMESTAMP_MISMATCH", 400},
};

TEST(ApiErrorFor, EveryLibraryErrorHasItsWireCodeAndStatus) {
    // The table holds every enumerator: the category knows as many.
    std::size_t enumerators = 0;
    for (int v = 0; v < 1000; ++v) enumerators += kayako::kayako_category().message(v) != "unknown kayako error";
    ASSERT_EQ(std::size(wire_codes), enumerators);
    for (auto const& row : wire_codes) {
        SCOPED_TRACE(kayako::make_error_code(row.error).message());
        api_error_code const code = kayako::api_error_for(row.error);
        EXPECT_EQ(kayako::to_string(code), row.code);
        EXPECT_EQ(kayako::http_status(code), row.status);
        EXPECT_EQ(kayako::api_error_for(kayako::failure(row.error, 3, "x")), code);  // the failure overload agrees
    }
}

TEST(ApiErrorCatalogue, LookupOfEveryNameAndItsNeighbours) {
    for (auto const& entry : kayako::api_error_catalogue) {
        std::string const name(entry.name);
        EXPECT_EQ(kayako::parse_api_error_code(name), entry.code) << name;
        EXPECT_FALSE(kayako::parse_api_error_code(name.substr(0, name.size() - 1)).has_value()) << name;
        EXPECT_FALSE(kayako::parse_api_error_code(name + "_").has_value()) << name;
        std::string lower = name;
        lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
        EXPECT_FALSE(kayako::parse_api_error_code(lower).has_value()) << name;
        // Views into larger buffers: the name ends where its view ends.
        kayako::test::exact_buffer const exact(name);
        EXPECT_EQ(kayako::parse_api_error_code(exact.view()), entry.code) << name;
        kayako::test::with_tail const prefix(name.substr(0, name.size() - 1), name.substr(name.size() - 1));
        EXPECT_FALSE(kayako::parse_api_error_code(prefix.view()).has_value()) << name;
        EXPECT_EQ(kayako::api_error_name(entry.code).http_status(), entry.http_status) << name;
        EXPECT_EQ(kayako::api_error_name(name).name(), name);
    }
    EXPECT_FALSE(kayako::parse_api_error_code("AAA").has_value());                  // before the first
    EXPECT_FALSE(kayako::parse_api_error_code("VERSION_NOT_SUPPORTEE").has_value());  // just before the last
    EXPECT_FALSE(kayako::api_error_name().known().has_value());
    EXPECT_EQ(kayako::api_error_name().name(), "");
}

}  // namespace
