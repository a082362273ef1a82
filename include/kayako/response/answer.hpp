// kayako-proto — server side: the answer to one request, from what the server found (§4, §9, §13).
//
// The reverse of reading a request: the server says what it found — a resource to render
// through the request's output options, a `304` from the preconditions, or a Kayako error — and
// `answer::respond` makes the whole response: status, headers (`Date` from the caller's clock,
// the validators, the rest of `make_response`'s), the envelope in the request's letter case and
// JSONP form, and a HEAD marked to go without its body.
//
//     kayako::answer a(kayako::answer_form_of(request));  // respond.hpp: `_case`, JSONP, HEAD, AJAX mode
//     a.render(resource, "user", schemas, request.output());   // or a struct with resource_traits
//     a.set_validators(validators);                          // ETag, Last-Modified (§9.1)
//     auto r = a.respond({.date = kayako::http_date{now}, .audience = ...});
//
// or `a.not_modified(validators)` after `check_preconditions` (respond.hpp) said 304, or
// `a.fail(code, parameter)` for an error. `respond.hpp` does the common read in one call.
//
// Each piece stays usable alone: `answer_form` is what the request decided about the form of its
// answer, `make_response` (http_response.hpp) makes a response from any envelope, `render_text`
// (renderer.hpp) renders without an envelope.
#ifndef KAYAKO_RESPONSE_ANSWER_HPP
#define KAYAKO_RESPONSE_ANSWER_HPP

#include <kayako/caching/preconditions.hpp>
#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/core/api_error.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/envelope/envelope_types.hpp>
#include <kayako/envelope/envelope_writer.hpp>
#include <kayako/envelope/login_step.hpp>
#include <kayako/output/renderer.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/response/http_response.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kayako {

/// How the client asked to be answered, whatever the answer: what the request settled before
/// it was served or refused (`answer_form_of` in respond.hpp reads it from a typed request or a
/// `request_error`). The default — snake case, plain JSON, a body, no AJAX mode — is the form of
/// an answer to a request nothing could be read of.
struct answer_form {
    letter_case name_case = letter_case::snake;  ///< `_case` (§6.1, §21.5)
    std::string jsonp_callback{};                ///< `_jsonp_callback`, checked (§13); empty = plain JSON
    bool head = false;                           ///< HEAD: the GET's headers, no body (RFC 9110 §9.3.2)
    bool ajax_mode = false;                      ///< §9.3: no `WWW-Authenticate` on a 401; content validators
    /// §9.3, §21.9: in AJAX mode a GET's or HEAD's `If-None-Match` and `If-Modified-Since` (lines
    /// joined) ask about the content sent, so `respond` evaluates them on it; absent: not sent.
    std::optional<std::string> if_none_match{};
    /// In AJAX mode, a GET's or HEAD's `If-Modified-Since` (lines joined); absent: not sent.
    std::optional<std::string> if_modified_since{};
};

/// The reference's advice to a client that logs in on every request: the `NOTICE` log of an
/// answer that opened a session (§11.1, TV-RESP-4).
inline constexpr std::string_view session_advice =
    "To avoid long delays instead of supplying username and password with each request use just the session id";

/// What only the server knows about its answer. The response views these strings: keep them
/// alive until its headers are copied.
struct answer_options {
    http_date date{};  ///< `Date` (RFC 9110 §6.6.1): now, by the server's clock — the library reads none
    response_audience audience = response_audience::unspecified;  ///< `Cache-Control` / `Vary` (http_response.hpp)
    std::string_view vary = credentials_vary;        ///< the `Vary` value, when `audience` asks for one
    std::string_view challenge = default_challenge;  ///< `WWW-Authenticate` of a 401; empty = none
    std::string_view content_location{};             ///< URL of the resource a 201 created
    std::optional<std::uint64_t> retry_after{};      ///< seconds; with 429 and AUTHENTICATION_LOCKED (§11.1, §12)
    /// A session this request opened (§11.1): the envelope's `session_id`, with `csrf_token` in
    /// `X-CSRF-Token` (§10) and `session_notice` in `logs`. Empty: none was opened.
    std::string_view opened_session_id{};
    std::string_view csrf_token{};                   ///< the opened session's token; empty = none (`X-CSRF: false`)
    std::string_view session_notice = session_advice;  ///< the `NOTICE` of a login; empty = none
    std::string_view remember_me{};                  ///< a remember-me token issued, in `X-RememberMe` (§11.5); empty = none
    /// The bound of a rendered collection (`data` and flat mode's `resources` together, in
    /// bytes); past it the answer is `FIELD_INVALID` naming `limit`, the argument that makes a
    /// page smaller (§21.14). A single resource is never refused here: refusing it after a write
    /// would hide a change that happened. 0 = no bound.
    std::size_t max_collection_bytes = 0;
};

/// The answer to one request, built in steps (see the top of this header). Holds what it sends:
/// the rendered data, the error's names, the ETag's text. `respond` is called once.
class answer {
public:
    answer() = default;
    /// An answer in the form the client asked for (`answer_form_of`).
    explicit answer(answer_form form) : form_(std::move(form)) {}

    /// How the client asked to be answered (settable once the request has been read).
    answer_form const& form() const noexcept { return form_; }
    /// Sets the form once the request has been read.
    void set_form(answer_form form) { form_ = std::move(form); }

    /// The envelope members the server fills itself: `total_count`, `offset`, `limit`, the links,
    /// `notifications`... (§4.3). `status`, `data`, `resources`, `resource`, `errors` and
    /// `session_id` are the answer's own: `respond` sets them. An error answer keeps none of them.
    envelope& metadata() noexcept { return envelope_; }

    /// The status of an answer with data (or none): 200 unless set (201 for a create, §4.1).
    void set_status(int status) noexcept { status_ = status; }
    /// The status set (200 unless `set_status`).
    int status() const noexcept { return status_; }

    /// Renders `data` (a resource object, or an array of them: a collection) of resource type
    /// `type` with the request's output options (`fields`, `include`, `_empty`, `_case`,
    /// `_flat`; `typed_request::output()`), and names the type in `resource`. On a renderer
    /// failure (`too_deep`) the answer becomes that error, and the failure is returned.
    /// Throws only `std::bad_alloc`.
    result<void> render(boost::json::value const& data, std::string_view type, schema_registry const& schemas,
                        render_options const& output) {
        return rendered(render_text(rendered_, data, type, schemas, output), type, output, data.is_array());
    }
    /// Renders a user's struct resource (see `resource_traits`, renderer.hpp), as above.
    template <described_resource T>
    result<void> render(T const& data, schema_registry const& schemas, render_options const& output) {
        return rendered(render_text(rendered_, data, schemas, output), resource_traits<T>::type, output, false);
    }
    /// Renders a collection of struct resources, as above.
    template <described_resource T>
    result<void> render(std::span<T const> data, schema_registry const& schemas, render_options const& output) {
        return rendered(render_text(rendered_, data, schemas, output), resource_traits<T>::type, output, true);
    }

    /// The validators of the representation answered (§9.1): `ETag` (quoted, `W/` when weak,
    /// §21.6) and `Last-Modified` (§21.7), sent with a 2xx or a 304, never with an error. A
    /// resource that does not exist has none. Throws only `std::bad_alloc`.
    void set_validators(resource_validators const& v) {
        etag_.clear();
        last_modified_.reset();
        if (!v.exists) return;
        if (v.etag) {
            if (v.etag->weak) etag_ += "W/";
            etag_ += '"';
            etag_ += v.etag->opaque;
            etag_ += '"';
        }
        last_modified_ = v.last_modified;
    }

    /// `304 Not Modified` (§9.2): no body, the validators `v` and what a 200 would carry of
    /// caching (§21.8). For a `check_preconditions` verdict of `not_modified`.
    void not_modified(resource_validators const& v) {
        set_validators(v);
        kind_ = kind::not_modified;
    }

    /// The error answer: the catalogue's `code` (its status, §15, §21.12), naming `parameter`
    /// and, for ONE_FIELD_EXPECTED and the like, `parameters` (any range of names), in the
    /// request's letter case and JSONP form. Replaces whatever the answer held. Throws only
    /// `std::bad_alloc`.
    template <class Names = std::span<std::string_view const>>
    void fail(api_error_code code, std::string_view parameter = {}, Names const& parameters = {}) {
        kind_ = kind::error;
        step_.reset();
        error_code_ = code;
        error_parameter_.assign(parameter.data(), parameter.size());
        error_parameters_.clear();
        for (auto const& name : parameters) error_parameters_.emplace_back(std::string_view(name));
        error_pointer_.clear();
    }
    /// The error a library failure becomes (`api_error_for`), naming what it names, and the
    /// item it names as `pointer` (`api_error_pointer`, §4.4).
    void fail(failure const& f) {
        fail(api_error_for(f), f.parameter);
        error_pointer_ = api_error_pointer(f);
    }
    /// The error's `pointer` (§4.4): where inside its parameter the bad value is
    /// (`array_items[1]`); empty: none. Call after `fail`. Throws only `std::bad_alloc`.
    void set_error_pointer(std::string_view pointer) { error_pointer_.assign(pointer.data(), pointer.size()); }
    /// The envelope's `timestamp`: the server's clock, which §11.10 sends with
    /// TIMESTAMP_MISMATCH so that the client can correct its own. Kept whatever the answer becomes.
    void set_server_time(timestamp now) noexcept { server_time_ = now; }

    /// The answer of a halted login (§11.2): 403 with the step's error (`OTP_EXPECTED` and its
    /// INFO notification, or `CREDENTIAL_EXPIRED`) and `auth_token` (`make_login_step_envelope`,
    /// envelope/login_step.hpp). Replaces whatever the answer held. Throws only `std::bad_alloc`.
    void ask_for_login_step(login_step step, std::string_view auth_token) {
        fail(error_code_of(step));
        step_ = step;
        step_token_.assign(auth_token.data(), auth_token.size());
    }

    /// Whether `fail` made this an error answer.
    bool failed() const noexcept { return kind_ == kind::error; }
    /// Whether the preconditions made this a 304.
    bool is_not_modified() const noexcept { return kind_ == kind::not_modified; }

    /// The response (see the top of this header). Fails only as `make_response` does: a header
    /// value with CR/LF/NUL (naming the header), a 429 without `retry_after`. Throws only
    /// `std::bad_alloc`. The response views `options`' strings and this answer's.
    result<response> respond(answer_options const& options) {
        response_options how;
        how.date = options.date;
        how.name_case = form_.name_case;
        how.jsonp_callback = form_.jsonp_callback;
        how.audience = options.audience;
        how.vary = options.vary;
        how.challenge = options.challenge;
        how.ajax_mode = form_.ajax_mode;
        how.retry_after = options.retry_after;
        if (kind_ == kind::data && past_bound(options.max_collection_bytes))
            fail(api_error_code::field_invalid, "limit");
        std::vector<std::string_view> names;
        switch (kind_) {
        case kind::error: {
            if (step_) {
                envelope_ = make_login_step_envelope(*step_, step_token_);
                break;
            }
            names.assign(error_parameters_.begin(), error_parameters_.end());
            auto e = make_api_error(error_code_, error_parameter_);
            e.parameters = std::move(names);
            e.pointer = error_pointer_;
            envelope_ = make_error_envelope({std::move(e)});
            break;
        }
        case kind::not_modified:
            envelope_.status = 304;  // §9.2: no body; the validators stay (§21.8)
            add_validators(how, options);
            break;
        case kind::data:
            envelope_.status = status_;
            if (has_data_) {
                envelope_.data = raw_json{rendered_.data};
                if (flat_) envelope_.resources = raw_json{rendered_.resources};
                envelope_.resource = type_;
            }
            add_validators(how, options);
            break;
        }
        if (server_time_) envelope_.server_time = server_time_;
        if (!options.opened_session_id.empty()) {
            envelope_.session_id = options.opened_session_id;
            how.csrf_token = options.csrf_token;
            if (!options.session_notice.empty()) envelope_.logs.emplace_back(log_level::notice, options.session_notice);
        }
        how.remember_me = options.remember_me;
        // §9.3, §21.9: in AJAX mode the ETag is the tag of the bytes sent, computed from them below.
        bool const content_tag = form_.ajax_mode && kind_ == kind::data && !etag_.empty();
        if (content_tag) how.etag = {};
        auto made = make_response(envelope_, how);
        if (!made) return made.error();
        if (content_tag && made->status >= 200 && made->status < 300)
            if (auto tagged = tag_content(*made, how); !tagged) return tagged.error();
        made->head_only = form_.head && made->status != 304;
        return made;
    }

private:
    enum class kind : unsigned char { data, not_modified, error };

    // AJAX caching mode (§9.3, §21.9): the ETag of `made` is the tag of its body, the bytes sent
    // (so `fields`, `include`, `_case`, related resources and the envelope all count), and the
    // request's `If-None-Match` / `If-Modified-Since` are evaluated on it and on the
    // Last-Modified the server gave: a match makes `made` a 304 (not for JSONP, whose script
    // loads are never conditional). Fails only as `make_response` does.
    result<void> tag_content(response& made, response_options how) {
        entity_tag_text const tag = entity_tag_for_bytes(made.body);
        auto const conditions = [this](std::string_view name, auto&& visit) {
            if (header_name_equal(name, "If-None-Match") && form_.if_none_match) visit(std::string_view(*form_.if_none_match));
            if (header_name_equal(name, "If-Modified-Since") && form_.if_modified_since)
                visit(std::string_view(*form_.if_modified_since));
        };
        resource_validators content;
        content.etag = tag.tag();
        content.last_modified = last_modified_;
        bool const conditional = form_.jsonp_callback.empty() && (form_.if_none_match || form_.if_modified_since);
        if (conditional && evaluate_preconditions("GET", conditions, content).outcome == precondition_outcome::not_modified) {
            envelope unchanged;
            unchanged.status = 304;
            how.etag = tag.view();
            auto again = make_response(unchanged, how);
            if (!again) return again.error();
            made = std::move(*again);
            kind_ = kind::not_modified;
            return {};
        }
        if (auto added = made.headers.add_copy("ETag", tag.view()); !added) return added.error();
        return {};
    }

    result<void> rendered(result<void> r, std::string_view type, render_options const& output, bool collection) {
        if (!r) {
            fail(r.error());
            return r.error();
        }
        kind_ = kind::data;
        has_data_ = true;
        collection_ = collection;
        flat_ = output.flat;
        type_ = type;
        return {};
    }

    bool past_bound(std::size_t bound) const noexcept {
        return bound != 0 && has_data_ && collection_ && rendered_.data.size() + rendered_.resources.size() > bound;
    }

    void add_validators(response_options& how, answer_options const& options) const noexcept {
        how.etag = etag_;
        how.last_modified = last_modified_;
        how.content_location = options.content_location;
    }

    answer_form form_;
    kind kind_ = kind::data;
    int status_ = 200;
    envelope envelope_;
    rendered_text rendered_;
    std::string_view type_;
    bool has_data_ = false;
    bool collection_ = false;
    bool flat_ = false;
    std::string etag_;
    std::optional<http_date> last_modified_;
    api_error_code error_code_ = api_error_code::field_invalid;
    std::string error_parameter_;
    std::vector<std::string> error_parameters_;
    std::optional<login_step> step_;  // a halted login (§11.2): the error is the step's
    std::string step_token_;
    std::string error_pointer_;
    std::optional<timestamp> server_time_;
};

}  // namespace kayako

#endif  // KAYAKO_RESPONSE_ANSWER_HPP
