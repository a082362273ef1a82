#include "oauth_authorize.hpp"

#include "hmac.hpp"
#include "oauth.hpp"

#include <kayako/caching/http_date.hpp>
#include <kayako/request/authorization.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/oauth_authorization_request.hpp>
#include <kayako/response/oauth_authorization_response.hpp>

#include <openssl/evp.h>

#include <string>
#include <utility>

namespace kayako_server {

using kayako::oauth_error_code;

namespace {

constexpr std::string_view authorize_path = "/oauth/token/authorize";
constexpr std::int64_t consent_lifetime = 600;  // seconds a consent form may wait for its answer
constexpr std::string_view owner_challenge = R"(Basic realm="Kayako OAuth authorization", charset="UTF-8")";

// ---- answers ------------------------------------------------------------------------------------

// What every answer of the endpoint carries: never cached (it names a user and carries codes),
// never framed (RFC 6749 §10.13: clickjacking), never the page's address in a Referer.
response plain_answer(unsigned status, std::int64_t now) {
    response out;
    out.status = status;
    out.headers.emplace_back("Date", kayako::format_http_date(kayako::http_date{now}).view());
    out.headers.emplace_back("Cache-Control", "no-store");
    out.headers.emplace_back("Pragma", "no-cache");
    out.headers.emplace_back("X-Frame-Options", "DENY");
    out.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    out.headers.emplace_back("Referrer-Policy", "no-referrer");
    out.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return out;
}

void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    append_escaped(out, text);
    return out;
}

// An HTML page; `body` is markup whose texts are escaped already.
response page(unsigned status, std::string_view title, std::string_view body, std::int64_t now) {
    response out = plain_answer(status, now);
    out.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    out.body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
    append_escaped(out.body, title);
    out.body += "</title></head>\n<body>\n<h1>";
    append_escaped(out.body, title);
    out.body += "</h1>\n";
    out.body += body;
    out.body += "</body></html>\n";
    return out;
}

// An error shown to the user, not redirected (RFC 6749 §4.1.2.1).
response error_page(unsigned status, oauth_error_code code, std::string_view description, std::int64_t now) {
    std::string body = "<p>Error <code>";
    append_escaped(body, kayako::to_string(code));
    body += "</code>: ";
    append_escaped(body, description);
    body += "</p>\n<p>Nothing was sent back to the application.</p>\n";
    return page(status, "Authorization failed", body, now);
}

response redirect(std::string location, std::int64_t now) {
    response out = plain_answer(302, now);
    out.headers.emplace_back("Location", std::move(location));
    return out;
}

// The error redirect of §4.1.2.1. Descriptions are our literals and failure messages (no `"` or
// `\`); should the writer refuse one all the same, the code goes alone.
response error_redirect(std::string_view to, oauth_error_code code, std::string_view description, std::string_view state,
                        std::int64_t now) {
    auto location = kayako::write_oauth_authorization_error_redirect(to, code, description, state);
    if (!location) location = kayako::write_oauth_authorization_error_redirect(to, code, {}, state);
    if (!location) return error_page(500, oauth_error_code::server_error, "the answer could not be written", now);
    return redirect(std::move(*location), now);
}

// The one value of `name` in `args`, exact name (RFC 6749 §3.1); nothing when sent twice.
std::optional<std::string_view> single_argument(kayako::query_arguments const& args, std::string_view name) {
    std::optional<std::string_view> found;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].name != name) continue;
        if (found) return std::nullopt;
        found = args[i].value;
    }
    return found ? found : std::optional<std::string_view>(std::string_view());
}

std::string sha256(std::string_view input) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    if (EVP_Digest(input.data(), input.size(), digest, &size, EVP_sha256(), nullptr) != 1) return {};
    return std::string(reinterpret_cast<char const*>(digest), size);
}

std::string_view describe(kayako::oauth_scope s) {
    bool const write = s.access == kayako::oauth_access::write;
    switch (s.area) {
    case kayako::oauth_area::users: return write ? "see and change users" : "see users";
    case kayako::oauth_area::conversations: return write ? "see and change conversations" : "see conversations";
    case kayako::oauth_area::insights: return write ? "see and change insights" : "see insights";
    case kayako::oauth_area::search: return write ? "search, and change saved searches" : "search";
    case kayako::oauth_area::configuration: return write ? "see and change the configuration" : "see the configuration";
    }
    return "";
}

kayako::oauth_scope_set every_scope() {
    kayako::oauth_scope_set all;
    for (auto area : kayako::oauth_areas) all.add({area, kayako::oauth_access::write});
    return all;
}

void hidden(std::string& out, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    out += "<input type=\"hidden\" name=\"";
    append_escaped(out, name);
    out += "\" value=\"";
    append_escaped(out, value);
    out += "\">\n";
}

}  // namespace

// ---- the tables ---------------------------------------------------------------------------------

// ---- the endpoint ---------------------------------------------------------------------------------

struct authorization_desk::reader {
    kayako::query_arguments args;
    kayako::oauth_authorization_request request;
};

authorization_desk::authorization_desk(bearer_options const& options, directory const& people, login_guard& guard,
                                       login_steps& steps)
    : options_(options), people_(people), guard_(guard), steps_(steps) {}

bool authorization_desk::is_endpoint(std::string_view target) noexcept {
    return target.substr(0, target.find('?')) == authorize_path;
}

std::string authorization_desk::effective_redirect(reader const& r) const {
    return r.request.redirect_uri.empty() ? options_.redirect_uri : std::string(r.request.redirect_uri);
}

response authorization_desk::endpoint(request const& in, std::int64_t now) {
    bool const post = in.method == "POST";
    bool const head = in.method == "HEAD";
    if (!post && !head && in.method != "GET") {
        response out = error_page(405, oauth_error_code::invalid_request, "the authorization endpoint takes GET and POST", now);
        out.headers.emplace_back("Allow", "GET, HEAD, POST");
        return out;
    }
    kayako::pair_headers<std::vector<header_field>> const headers(in.headers);
    std::string_view arguments;
    if (post) {  // the consent form: application/x-www-form-urlencoded, the query's syntax
        auto type = kayako::single_header(headers, "Content-Type");
        auto media = type && *type ? kayako::parse_media_type(**type) : kayako::result<kayako::media_type>(kayako::failure());
        if (!media || !media->is("application", "x-www-form-urlencoded"))
            return error_page(415, oauth_error_code::invalid_request, "the decision is a form (application/x-www-form-urlencoded)", now);
        arguments = in.body;
    } else if (auto q = in.target.find('?'); q != std::string_view::npos) {
        arguments = in.target.substr(q + 1);
    }

    reader r;
    if (auto ok = r.args.assign(arguments); !ok)
        return error_page(400, oauth_error_code::invalid_request, ok.error().message(), now);
    // Where an answer may go is checked first: what fails here is shown, never redirected.
    auto client = kayako::read_oauth_authorization_client(r.args);
    if (!client) return error_page(400, oauth_error_code::invalid_request, client.error().message(), now);
    if (client->client_id != options_.client_id)
        return error_page(400, oauth_error_code::unauthorized_client, "unknown client_id", now);
    if (!client->redirect_uri.empty() && client->redirect_uri != options_.redirect_uri)
        return error_page(400, oauth_error_code::invalid_request, "redirect_uri is not the one registered for this client", now);
    auto full = kayako::read_oauth_authorization_request(r.args);
    if (!full) {
        std::string const to = client->redirect_uri.empty() ? options_.redirect_uri : std::string(client->redirect_uri);
        return error_redirect(to, kayako::oauth_authorization_error_for(full.error()), full.error().message(),
                              client->state, now);
    }
    r.request = *full;

    // The resource owner logs in with Basic, under the Basic login's lock-out (§11.1, §11.2).
    auto authorization = kayako::single_header(headers, "Authorization");
    if (!authorization) return error_page(400, oauth_error_code::invalid_request, "Authorization is sent twice", now);
    std::optional<kayako::basic_credentials> basic;
    if (*authorization)
        if (auto b = kayako::parse_basic_authorization(**authorization)) basic = std::move(*b);
    auto log_in_again = [&](std::string_view why) {
        response out = page(401, "Log in to Kayako", "<p>" + escaped(why) + "</p>\n", now);
        out.headers.emplace_back("WWW-Authenticate", owner_challenge);
        return out;
    };
    if (!basic) return log_in_again("Log in with your Kayako e-mail address and password to authorize the application.");
    std::string_view const name = basic->user;
    if (auto const wait = guard_.locked_for(name, now); wait > 0) {
        response out = page(429, "Log-in locked", "<p>The maximum number of authentication retries was reached.</p>\n", now);
        out.headers.emplace_back("Retry-After", std::to_string(wait));
        return out;
    }
    user const* who = people_.authenticate(name, basic->password);
    if (!who) {
        guard_.failed(name, now);
        return log_in_again("Wrong e-mail address or password.");
    }
    if (!steps_.after_password(*who, now).complete)
        return page(403, "Log-in incomplete",
                    "<p>This account needs a one-time code or a new password: log in at /api/v1 with Basic first (11.2).</p>\n",
                    now);
    guard_.succeeded(name);
    if (post) return decide(r, *who, now);
    response out = show_consent(r, *who, now);
    out.head_only = head;
    return out;
}

response authorization_desk::show_consent(reader const& r, user const& who, std::int64_t now) {
    kayako::oauth_authorization_request const& q = r.request;
    offer o;
    o.user_id = who.id;
    o.client_id = q.client_id;
    o.redirect_uri = q.redirect_uri;
    o.state = q.state;
    o.scope = q.scope;
    if (q.code_challenge) {
        o.challenge = q.code_challenge->challenge;
        o.method = q.code_challenge->method;
    }
    o.expires = now + consent_lifetime;
    std::string const consent = random_token(32);
    offers_.add(consent, o, options_.max_codes, now);

    std::string const scope_text = q.scope ? kayako::format_oauth_scope_list(*q.scope) : std::string();
    std::string body = "<p>Signed in as ";
    append_escaped(body, who.full_name);
    body += " (";
    append_escaped(body, who.email);
    body += ").</p>\n<p>The application <strong>";
    append_escaped(body, q.client_id);
    body += "</strong> asks to use your Kayako account:</p>\n<ul>\n";
    kayako::oauth_scope_set const scope = q.scope.value_or(every_scope());
    for (auto area : kayako::oauth_areas) {
        auto access = scope.access_to(area);
        if (!access) continue;
        kayako::oauth_scope const s{area, *access};
        body += "<li><code>";
        append_escaped(body, kayako::to_string(area));
        body += *access == kayako::oauth_access::write ? ":write" : ":read";
        body += "</code>: ";
        append_escaped(body, describe(s));
        body += "</li>\n";
    }
    body += "</ul>\n<p>Your answer is sent to <code>";
    append_escaped(body, effective_redirect(r));
    body += "</code>.</p>\n<form method=\"post\" action=\"";
    body += authorize_path;
    body += "\">\n";
    hidden(body, "response_type", "code");
    hidden(body, "client_id", q.client_id);
    hidden(body, "redirect_uri", q.redirect_uri);
    hidden(body, "scope", scope_text);
    hidden(body, "state", q.state);
    if (q.code_challenge) {
        hidden(body, "code_challenge", q.code_challenge->challenge);
        hidden(body, "code_challenge_method", kayako::to_string(q.code_challenge->method));
    }
    hidden(body, "consent", consent);
    body += "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
            "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>\n";
    std::string const title = "Authorize " + std::string(q.client_id) + "?";
    return page(200, title, body, now);
}

response authorization_desk::decide(reader const& r, user const& who, std::int64_t now) {
    kayako::oauth_authorization_request const& q = r.request;
    auto const consent = single_argument(r.args, "consent");
    auto const decision = single_argument(r.args, "decision");
    // The CSRF guard: a live form, shown to this user for exactly this request, answered once.
    offer const* o = consent && !consent->empty() ? offers_.find(std::string(*consent), now) : nullptr;
    bool const same = o && o->user_id == who.id && o->client_id == q.client_id && o->redirect_uri == q.redirect_uri &&
                      o->state == q.state && o->scope == q.scope &&
                      o->method == (q.code_challenge ? std::optional(q.code_challenge->method) : std::nullopt) &&
                      o->challenge == (q.code_challenge ? q.code_challenge->challenge : std::string_view());
    if (o) offers_.entries.erase(std::string(*consent));  // used up, whatever came of it
    if (!same)
        return error_page(403, oauth_error_code::access_denied,
                          "the consent form expired, was answered already, or was not shown for this request", now);

    std::string const to = effective_redirect(r);
    if (decision && *decision == "deny")
        return error_redirect(to, oauth_error_code::access_denied, "the user denied the request", q.state, now);
    if (!decision || *decision != "allow")
        return error_redirect(to, oauth_error_code::invalid_request, "decision must be allow or deny", q.state, now);

    code_grant g;
    g.user_id = who.id;
    g.client_id = q.client_id;
    g.redirect_uri = q.redirect_uri;
    g.scope = q.scope.value_or(every_scope());
    if (q.code_challenge) {
        g.has_challenge = true;
        g.challenge = q.code_challenge->challenge;
        g.method = q.code_challenge->method;
    }
    g.expires = now + options_.code_lifetime;
    std::string code = random_token(32);
    auto location = kayako::write_oauth_authorization_redirect(to, code, q.state);
    if (!location) return error_page(500, oauth_error_code::server_error, "the answer could not be written", now);
    codes_.add(std::move(code), std::move(g), options_.max_codes, now);
    return redirect(std::move(*location), now);
}

// ---- the token endpoint's half ------------------------------------------------------------------------

code_redemption authorization_desk::redeem(kayako::oauth_token_request const& r, std::int64_t now) {
    code_redemption out;
    auto refuse = [&](std::string_view why, oauth_error_code code = oauth_error_code::invalid_grant) {
        out.refused = code;
        out.reason = why;
        return out;
    };
    code_grant* g = codes_.find(std::string(r.code), now);
    if (!g) return refuse("unknown or expired authorization code");
    if (g->used) {
        out.replayed = true;
        return refuse("the authorization code was used already: the tokens issued from it are revoked");
    }
    if (g->client_id != r.client_id) return refuse("the authorization code was issued to another client");
    // RFC 6749 §4.1.3: the redirect_uri of the authorization request, if it had one.
    bool const redirect_ok = g->redirect_uri.empty() ? (r.redirect_uri.empty() || r.redirect_uri == options_.redirect_uri)
                                                     : r.redirect_uri == g->redirect_uri;
    if (!redirect_ok) return refuse("redirect_uri is not the authorization request's");
    if (g->has_challenge) {  // RFC 7636 §4.6
        if (r.code_verifier.empty()) return refuse("code_verifier missing: the authorization request had a code_challenge");
        if (!kayako::pkce_verifier_matches({g->challenge, g->method}, r.code_verifier, sha256))
            return refuse("code_verifier does not match the code_challenge");
    } else if (!r.code_verifier.empty()) {
        return refuse("code_verifier sent, but the authorization request had no code_challenge");
    }
    kayako::oauth_scope_set const scope = r.scope.value_or(g->scope);
    if (!g->scope.includes(scope)) return refuse("wider than the scope the user granted", oauth_error_code::invalid_scope);
    user const* who = people_.find_user(g->user_id);
    if (!who) return refuse("the user is gone");
    g->used = true;
    g->expires = now + options_.refresh_lifetime;  // remembered while tokens issued from it may live
    out.who = who;
    out.scope = scope;
    return out;
}

}  // namespace kayako_server
