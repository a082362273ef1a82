#include "state.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace kayako_client {

namespace json = boost::json;

namespace {
std::string string_member(json::object const& o, std::string_view name) {
    if (auto const* v = o.if_contains(name); v && v->is_string()) return std::string(v->get_string());
    return {};
}
}  // namespace

bool state_file::load(std::string& error) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return true;  // nothing remembered yet
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    json::value root = json::parse(text.str(), ec);
    if (ec || !root.is_object()) {
        error = "state file " + path_ + " is not a JSON object; remove it or pass --state";
        return false;
    }
    for (auto const& [base, entry] : root.get_object()) {
        if (!entry.is_object()) continue;
        auto const& o = entry.get_object();
        server_state s;
        s.session_id = string_member(o, "session_id");
        s.csrf_token = string_member(o, "csrf_token");
        s.remember_me = string_member(o, "remember_me");
        s.fingerprint = string_member(o, "fingerprint");
        s.access_token = string_member(o, "access_token");
        s.refresh_token = string_member(o, "refresh_token");
        s.oauth_client_id = string_member(o, "oauth_client_id");
        s.oauth_client_secret = string_member(o, "oauth_client_secret");
        if (auto const* v = o.if_contains("token_expires"); v && v->is_int64()) s.token_expires = v->get_int64();
        if (auto const* v = o.if_contains("validators"); v && v->is_object())
            for (auto const& [key, pair] : v->get_object())
                if (pair.is_object())
                    s.validators[std::string(key)] = {string_member(pair.get_object(), "etag"),
                                                      string_member(pair.get_object(), "last_modified")};
        servers_[std::string(base)] = std::move(s);
    }
    return true;
}

bool state_file::save(std::string& error) const {
    json::object root;
    for (auto const& [base, s] : servers_) {
        json::object entry;
        if (!s.session_id.empty()) entry["session_id"] = s.session_id;
        if (!s.csrf_token.empty()) entry["csrf_token"] = s.csrf_token;
        if (!s.remember_me.empty()) entry["remember_me"] = s.remember_me;
        if (!s.fingerprint.empty()) entry["fingerprint"] = s.fingerprint;
        if (!s.access_token.empty()) {
            entry["access_token"] = s.access_token;
            if (s.token_expires) entry["token_expires"] = s.token_expires;
        }
        if (!s.refresh_token.empty()) entry["refresh_token"] = s.refresh_token;
        if (!s.oauth_client_id.empty()) entry["oauth_client_id"] = s.oauth_client_id;
        if (!s.oauth_client_secret.empty()) entry["oauth_client_secret"] = s.oauth_client_secret;
        json::object validators;
        std::size_t kept = 0;
        // Newest paths are not tracked; keep the first `max_validators` in path order.
        for (auto const& [key, v] : s.validators) {
            if (kept++ == max_validators) break;
            validators[key] = json::object{{"etag", v.etag}, {"last_modified", v.last_modified}};
        }
        if (!validators.empty()) entry["validators"] = std::move(validators);
        root[base] = std::move(entry);
    }
    std::string const temporary = path_ + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            error = "cannot write " + temporary;
            return false;
        }
        ::chmod(temporary.c_str(), 0600);
        out << json::serialize(root) << '\n';
        if (!out) {
            error = "cannot write " + temporary;
            return false;
        }
    }
    if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
        error = "cannot replace " + path_;
        return false;
    }
    return true;
}

std::string default_state_path() {
    if (char const* explicit_path = std::getenv("KAYAKO_CLIENT_STATE"); explicit_path && *explicit_path) return explicit_path;
    if (char const* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.kayako-client.json";
    return ".kayako-client.json";
}

}  // namespace kayako_client
