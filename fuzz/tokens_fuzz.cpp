// Fuzzes the token readers (§11.3, §11.6): compact JWS tokens and their claims, base64url, scope
// lists, OAuth token requests (form and JSON bodies, with and without Basic client credentials),
// the token endpoint's answers, and the Authorization Code grant's authorization request (the
// input as a query), redirects (the input as a URL), redirection URIs and PKCE texts. None may
// crash or throw; what is read and written back must read again the same (scopes, token
// answers, JWT claims, token requests, authorization requests and the redirects answering them).
#include <kayako/request/jwt.hpp>
#include <kayako/request/oauth_authorization_request.hpp>
#include <kayako/request/oauth_scope.hpp>
#include <kayako/request/oauth_token_request.hpp>
#include <kayako/request/pkce.hpp>
#include <kayako/request/query_arguments.hpp>
#include <kayako/response/oauth_authorization_response.hpp>
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

// A query too big for the reader's limits once written out is no round-trip failure.
bool over_limits(kayako::failure const& f) {
    return f.code == kayako::error::too_long || f.code == kayako::error::too_many;
}

void check_authorization_request(std::string_view query) {
    kayako::query_arguments args;
    if (!args.assign(query)) return;
    auto client = kayako::read_oauth_authorization_client(args);
    auto r = kayako::read_oauth_authorization_request(args);
    if (r && (!client || client->client_id != r->client_id || client->state != r->state)) std::abort();
    if (!r) {
        (void)kayako::oauth_authorization_error_for(r.error());
        return;
    }
    // The client's URL reads back the same request.
    auto url = kayako::write_oauth_authorization_url("https://h.example/oauth/token/authorize", *r);
    if (!url) std::abort();
    kayako::query_arguments again;
    if (auto ok = again.assign(std::string_view(*url).substr(url->find('?') + 1)); !ok) {
        if (!over_limits(ok.error())) std::abort();
        return;
    }
    auto back = kayako::read_oauth_authorization_request(again);
    if (!back || *back != *r) std::abort();
    // The server's answers to it read back on the client (a redirection URI whose own query
    // holds `code` or `state` is the client's problem, and excluded).
    std::string_view const to = r->redirect_uri.empty() ? std::string_view("http://127.0.0.1/callback") : r->redirect_uri;
    if (to.find('?') != std::string_view::npos) return;
    auto granted = kayako::write_oauth_authorization_redirect(to, "c0de", r->state);
    if (!granted) std::abort();
    auto read = kayako::read_oauth_authorization_redirect(*granted, r->state);
    if (!read) {
        if (!over_limits(read.error())) std::abort();
    } else if (!read->granted() || read->code != "c0de" || read->state != r->state) {
        std::abort();
    }
    auto refused = kayako::write_oauth_authorization_error_redirect(to, kayako::oauth_error_code::access_denied, "no", r->state);
    if (!refused) std::abort();
    auto denied = kayako::read_oauth_authorization_redirect(*refused, r->state);
    if (denied && (denied->granted() || denied->error->code != kayako::oauth_error_code::access_denied)) std::abort();
    if (!denied && !over_limits(denied.error())) std::abort();
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

    // The Authorization Code grant: the input as the authorization request's query, as the URL
    // a client comes back with, as a redirection URI, as a PKCE text.
    check_authorization_request(text);
    if (auto back = kayako::read_oauth_authorization_redirect(text, "xyz"); back && back->state != "xyz") std::abort();
    (void)kayako::read_oauth_authorization_redirect(text);
    if (kayako::check_redirect_uri(text) && text.find('#') != std::string_view::npos) std::abort();
    if (kayako::check_pkce_text(text) && (text.size() < 43 || text.size() > 128)) std::abort();
    if (auto body = kayako::parameters::parse_json_body(text)) {
        check_token_request(*body, nullptr);
        std::size_t const cut = text.find('\xFF');
        kayako::basic_credentials basic{std::string(text.substr(0, cut)),
                                        cut == std::string_view::npos ? std::string() : std::string(text.substr(cut + 1))};
        check_token_request(*body, &basic);
    }
    return 0;
}
