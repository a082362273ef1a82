// Fuzzes the token readers (§11.3, §11.6): compact JWS tokens and their claims, base64url, scope
// lists, OAuth token requests (form and JSON bodies, with and without Basic client credentials),
// and the token endpoint's answers. None may crash or throw; what is read and written back must
// read again the same (scopes, token answers, JWT claims, token requests).
#include <kayako/request/jwt.hpp>
#include <kayako/request/oauth_scope.hpp>
#include <kayako/request/oauth_token_request.hpp>
#include <kayako/response/oauth_error.hpp>
#include <kayako/response/oauth_token_response.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

std::string sign(kayako::jws_algorithm a, std::string_view input) {
    return std::string(kayako::to_string(a)) + std::to_string(input.size());
}

void check_token_request(kayako::parameters const& body, kayako::basic_credentials* basic) {
    auto r = kayako::read_oauth_token_request(body, basic);
    if (!r) {
        (void)kayako::oauth_error_for(r.error());
        return;
    }
    // What was read is written and read back the same (the client's direction).
    for (auto format : {kayako::oauth_body_format::form, kayako::oauth_body_format::json}) {
        auto m = kayako::write_oauth_token_request(*r, format);
        if (!m) std::abort();
        auto p = kayako::parameters::parse(m->content_type, m->body);
        if (!p) std::abort();
        std::optional<kayako::basic_credentials> again;
        if (!m->authorization.empty()) {
            auto b = kayako::parse_basic_authorization(m->authorization);
            if (!b) std::abort();
            again = std::move(*b);
        }
        auto back = kayako::read_oauth_token_request(*p, again ? &*again : nullptr);
        if (!back || back->grant_type != r->grant_type || back->username != r->username ||
            back->password != r->password || back->client_id != r->client_id ||
            back->client_secret != r->client_secret || back->scope != r->scope)
            std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);

    // JWT: parse, validate at a few clocks, and a parsed token's claims survive write → parse.
    if (auto t = kayako::parse_jwt(text)) {
        for (std::int64_t now : {std::int64_t{0}, std::int64_t{1'700'000'000}, INT64_MIN, INT64_MAX})
            (void)kayako::validate_jwt_claims(t->claims, {.now = now, .leeway = now, .max_age = now});
        if (t->signing_input.size() >= text.size()) std::abort();
        std::string const again = kayako::write_jwt(t->algorithm, t->claims, sign);
        auto back = kayako::verify_jwt(again, [](kayako::jws_algorithm a, std::string_view in, std::string_view sig) {
            return sig == sign(a, in);
        }, {.now = 0, .require_iat = false, .require_jti = false, .require_email = false});
        // Only the clock may refuse a token that was just written (or its size: the header this
        // writer adds can take a token near the limit past it).
        if (!back) {
            auto const code = back.error().code;
            if (code != kayako::error::token_expired && code != kayako::error::token_not_yet_valid &&
                code != kayako::error::token_too_old && code != kayako::error::too_long)
                std::abort();
        }
        if (back && back->claims != t->claims) std::abort();
    }
    (void)kayako::looks_like_jwt(text);

    // base64url: what decodes encodes back to the same text (one spelling per byte string).
    {
        std::string out(text.size(), '\0');
        if (auto n = kayako::decode_base64url(text, out.data())) {
            out.resize(*n);
            if (kayako::encode_base64url(out) != text) std::abort();
        }
    }

    // Scopes.
    if (auto s = kayako::parse_oauth_scope_list(text)) {
        if (s->empty()) std::abort();
        auto back = kayako::parse_oauth_scope_list(kayako::format_oauth_scope_list(*s));
        if (!back || *back != *s) std::abort();
    }

    // The token endpoint's answers: a read token is written and read back the same.
    if (auto t = kayako::parse_oauth_token_response(text)) {
        auto written = kayako::write_oauth_token_response(*t);
        if (!written) std::abort();
        auto back = kayako::parse_oauth_token_response(*written);
        if (!back || *back != *t) std::abort();
    }
    if (auto e = kayako::parse_oauth_error_response(text))
        if (e->error.empty()) std::abort();
    (void)kayako::bearer_challenge({.realm = text, .description = text});

    // Token requests from form and JSON bodies; the input split at its first 0xFF byte gives a
    // Basic user and password as well.
    if (auto form = kayako::parameters::parse_form_body(text)) check_token_request(*form, nullptr);
    if (auto body = kayako::parameters::parse_json_body(text)) {
        check_token_request(*body, nullptr);
        std::size_t const cut = text.find('\xFF');
        kayako::basic_credentials basic{std::string(text.substr(0, cut)),
                                        cut == std::string_view::npos ? std::string() : std::string(text.substr(cut + 1))};
        check_token_request(*body, &basic);
    }
    return 0;
}
