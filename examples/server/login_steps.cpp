// kayako-test-server — the login steps of §11.2 and remember-me tokens (§11.5); see the header.
#include "login_steps.hpp"

#include "hmac.hpp"

#include <kayako/request/one_time_password.hpp>

#include <algorithm>
#include <utility>

namespace kayako_server {

namespace {

using kayako::api_error_code;
using kayako::login_step;

login_progress refused(api_error_code code, std::string_view parameter = {}) {
    login_progress p;
    p.refused = code;
    p.parameter = std::string(parameter);
    return p;
}

// The demo accounts get IDs far from the introduction's user 1, so that `/users/2` stays unknown.
constexpr std::int64_t two_factor_id = 101, expired_id = 102, expired_id_2 = 103;

// Password policy (PASSWORD_POLICY_VIOLATION): at least ten characters with a letter and a digit,
// and not the password that expired. Kayako documents no policy; this is a common one.
bool meets_policy(std::string_view password, std::string_view old) {
    bool const letter = std::any_of(password.begin(), password.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    bool const digit = std::any_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; });
    return password.size() >= 10 && letter && digit && password != old;
}

std::string hmac_sha1(std::string_view key, std::string_view message) { return hmac(hmac_hash::sha1, key, message); }

}  // namespace

login_steps::login_steps(directory& people, login_guard& guard, login_steps_options const& options, std::int64_t now)
    : people_(people), guard_(guard), options_(options) {
    auto add = [&](std::int64_t id, std::string_view name, std::string_view email, std::string_view password) {
        people_.add_user(user{id, std::string(name), std::string(email), std::string(password), 1, true, "en-us", now, now});
    };
    add(two_factor_id, "Otto Factor", two_factor_email, two_factor_password);
    add(expired_id, "Ellen Expired", expired_email, expired_password);
    add(expired_id_2, "Evan Expired", expired_email_2, expired_password);
    auto key = kayako::decode_base32(two_factor_secret);
    accounts_[two_factor_id].totp_key = key ? std::move(*key) : std::string();
    accounts_[expired_id].password_expired = true;
    accounts_[expired_id_2].password_expired = true;
}

login_progress login_steps::after_password(user const& who, std::int64_t now) { return next(who, false, now); }

// Steps in a fixed order: the second factor first (it proves the person), then the password.
login_progress login_steps::next(user const& who, bool otp_done, std::int64_t now) {
    auto const found = accounts_.find(who.id);
    if (found != accounts_.end()) {
        if (!otp_done && !found->second.totp_key.empty()) return issue(who, login_step::one_time_password, false, now);
        if (found->second.password_expired) return issue(who, login_step::password_update, otp_done, now);
    }
    guard_.succeeded(who.email);  // the whole login is through: its name starts from zero
    login_progress p;
    p.complete = &who;
    return p;
}

login_progress login_steps::issue(user const& who, login_step step, bool otp_done, std::int64_t now) {
    while (!step_order_.empty()) {  // drop the expired, and the oldest past the bound
        auto const it = step_tokens_.find(step_order_.front());
        bool const gone = it == step_tokens_.end();
        if (!gone && it->second.expires > now && step_tokens_.size() < options_.max_step_tokens) break;
        if (!gone) step_tokens_.erase(it);
        step_order_.pop_front();
    }
    login_progress p;
    p.step = step;
    p.token = random_token(64);
    step_tokens_[p.token] = step_token{who.id, step, now + options_.step_token_seconds, otp_done};
    step_order_.push_back(p.token);
    return p;
}

login_steps::step_token* login_steps::live_token(std::string_view token, std::int64_t now) {
    auto const it = step_tokens_.find(std::string(token));
    if (it == step_tokens_.end()) return nullptr;
    if (it->second.expires <= now) {
        step_tokens_.erase(it);
        return nullptr;
    }
    return &it->second;
}

login_progress login_steps::one_time_password(std::string_view token, std::string_view code,
                                              std::string_view code_parameter, std::int64_t now) {
    step_token* t = live_token(token, now);
    user const* who = t ? people_.find_user(t->user_id) : nullptr;
    if (!who) return refused(api_error_code::authentication_failed, "X-Token");
    if (auto const wait = guard_.locked_for(who->email, now); wait > 0) {
        login_progress p = refused(api_error_code::authentication_locked);
        p.retry_after = static_cast<std::uint64_t>(wait);
        return p;
    }
    step_token const used = *t;
    step_tokens_.erase(std::string(token));  // single use: right code, wrong code or wrong step
    if (used.step != login_step::one_time_password) return refused(api_error_code::authentication_failed, "X-Token");
    account& a = accounts_[who->id];
    auto const step = kayako::verify_totp(hmac_sha1, a.totp_key, code, now);
    if (!step || (a.last_step && *step <= *a.last_step)) {
        guard_.failed(who->email, now);
        return refused(api_error_code::authentication_failed, code_parameter);
    }
    a.last_step = *step;
    return next(*who, true, now);
}

login_progress login_steps::password_update(std::string_view token, std::string_view new_password, std::int64_t now) {
    step_token* t = live_token(token, now);
    user const* who = t ? people_.find_user(t->user_id) : nullptr;
    if (!who) return refused(api_error_code::authentication_failed, "X-Token");
    if (t->step != login_step::password_update) {
        step_tokens_.erase(std::string(token));
        return refused(api_error_code::authentication_failed, "X-Token");
    }
    if (!meets_policy(new_password, who->password)) return refused(api_error_code::password_policy_violation, "new_password");
    bool const otp_done = t->otp_done;
    step_tokens_.erase(std::string(token));
    people_.set_password(who->id, std::string(new_password), now);
    accounts_[who->id].password_expired = false;
    return next(*who, otp_done, now);
}

std::string login_steps::remember(std::int64_t user_id, std::string_view fingerprint, std::int64_t now) {
    while (!remembered_order_.empty()) {
        auto const it = remembered_.find(remembered_order_.front());
        bool const gone = it == remembered_.end();
        if (!gone && it->second.expires > now && remembered_.size() < options_.max_remember_me_tokens) break;
        if (!gone) remembered_.erase(it);
        remembered_order_.pop_front();
    }
    std::string token = random_token(64);
    remembered_[token] = remembered{user_id, std::string(fingerprint), now + options_.remember_me_seconds};
    remembered_order_.push_back(token);
    return token;
}

user const* login_steps::recall(std::string_view token, std::string_view fingerprint, std::int64_t now) {
    auto const it = remembered_.find(std::string(token));
    if (it == remembered_.end()) return nullptr;
    if (it->second.expires <= now) {
        remembered_.erase(it);
        return nullptr;
    }
    if (!equal_in_constant_time(it->second.fingerprint, fingerprint)) return nullptr;
    return people_.find_user(it->second.user_id);
}

bool login_steps::forget(std::string_view token) { return remembered_.erase(std::string(token)) != 0; }

}  // namespace kayako_server
