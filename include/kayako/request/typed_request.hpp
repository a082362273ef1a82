// kayako-proto — one typed request: what a server's HTTP stack has (method, target, headers,
// body) read once into typed values, each by its one owner, or the first Kayako error.
//
//     auto req = kayako::read_request(method, target, headers, body);  // headers: a header_source
//     if (!req) return answer(req.error());          // code, parameter(s), and how to answer (_case, JSONP)
//     req->path().resource();                        // the path (api_path.hpp)
//     req->output();                                 // render_options: fields, include, _empty/X-Options, _case, _flat
//     req->credentials();                            // every source of §11.9, checked (auth.hpp)
//     auto page = req->page({.cursor = true, .dates = false});   // §7, once the collection is known
//     auto params = req->body_parameters();          // the body, read only when asked (parameters.hpp)
//
// | what                         | owner                 | read                                    |
// |------------------------------|-----------------------|-----------------------------------------|
// | path, resource, id           | `api_path.hpp`        | `read_request` (URL_RESOURCE_MISSING)   |
// | `_case`, `_empty`, `_flat`, `ids`, any argument by name | `query_arguments.hpp` | `read_request`       |
// | `limit`, `offset`, cursors, dates | `page_arguments.hpp` | values in `read_request`; which kinds a collection takes in `page()` |
// | `fields`, `include`          | `fields.hpp`          | `read_request`                          |
// | `_empty` / `_flat` headers (`X-Options`) | `headers.hpp` | `read_request`                     |
// | `_jsonp_callback` (GET/HEAD only, §13) | `jsonp.hpp` | `read_request`                        |
// | `Accept` (§21.13)            | `headers.hpp`         | `read_request`                          |
// | method (§1)                  | here                  | `read_request`                          |
// | credentials, `_timestamp` (§11, Unix seconds) | `auth.hpp` | `read_request`, the arguments taken from the query |
// | `X-Requested-With` (§9.3), the `If-*` headers | `preconditions.hpp` | `ajax_mode()`, `preconditions()`, `headers()` |
// | body parameters (§2.2–§2.4)  | `parameters.hpp`      | `body_parameters()`, on demand          |
//
// `read_request` checks in this order and stops at the first failure: target, `fields`,
// `include`, `_jsonp_callback`, `Accept`, method, credentials. The error (`request_error`) carries
// the Kayako code and `parameter` (or, for ONE_FIELD_EXPECTED, `parameters`), the library's
// failure with its offset, and the letter case and JSONP callback settled before the failure, so
// that the error goes out in the form the client asked for.
//
// Every piece stays usable alone: `parse_target`, `parse_pagination`, `read_credentials`,
// `parse_fields`... give the same verdicts as the typed request (tests/requests/request_test.cpp
// holds both to one table).
//
// Lifetimes: the typed request views the target, the headers and the body it was read from; keep
// them alive while it is used. It is move-only; its parsed target lives on the heap (one
// allocation, none more when `assign` reuses it), so that moving it keeps every view valid.
#ifndef KAYAKO_REQUEST_TYPED_REQUEST_HPP
#define KAYAKO_REQUEST_TYPED_REQUEST_HPP

#include <kayako/core/api_error.hpp>
#include <kayako/request/auth.hpp>
#include <kayako/caching/preconditions.hpp>
#include <kayako/core/error.hpp>
#include <kayako/output/fields.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/envelope/jsonp.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/output/renderer.hpp>
#include <kayako/request/page_arguments.hpp>
#include <kayako/envelope/pagination.hpp>
#include <kayako/request/parameters.hpp>
#include <kayako/request/request_target.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace kayako {

/// Limits and choices of `read_request`; every default is §21's.
struct request_options {
    target_options target{};          ///< path and query limits, `limit`'s default and maximum (§21.14)
    fields_options fields{};          ///< `fields` limits
    include_options include{};        ///< `include` limits
    auth_options auth{};              ///< credential limits, the session cookie's name
    parameters_options parameters{};  ///< body limits, for `body_parameters()`
    std::size_t max_render_depth = 64;  ///< `render_options::max_depth` of `output()`
};

/// The methods of the API (§1): GET, HEAD, POST, PUT, DELETE (case-sensitive, RFC 9110 §9.1).
constexpr bool is_api_method(std::string_view method) noexcept {
    return method == "GET" || method == "HEAD" || method == "POST" || method == "PUT" || method == "DELETE";
}

/// Why a request is refused: the first Kayako error, ready for the wire. It owns what it names,
/// so it outlives the request it was read from (`cause`, a `failure`, views as failures do).
struct request_error {
    api_error_code code = api_error_code::field_invalid; ///< the Kayako code (its status: `http_status(code)`)
    std::string parameter;                               ///< the wire `parameter`; empty when `parameters` names them (ONE_FIELD_EXPECTED)
    std::array<std::string_view, 4> parameter_list{};    ///< static names; see `parameters()`
    std::size_t parameter_count = 0;                     ///< how many of `parameter_list` are set
    std::string pointer;                                 ///< the wire `pointer` (§4.4, `api_error_pointer`): `array_items[1]`; empty: none
    failure cause;                                       ///< what the library found, with its offset and the name it concerns

    // How to answer: what the request had settled before it failed (§6.1, §13).
    letter_case name_case = letter_case::snake; ///< the `_case` the request asked for, if read before the failure (§6.1); the error answers in it
    std::optional<std::string> jsonp_callback;  ///< the checked `_jsonp_callback`, if read before the failure (§13)

    /// The wire `parameters` (§7.3: ONE_FIELD_EXPECTED names every cursor and date sent, in order).
    std::span<std::string_view const> parameters() const noexcept { return {parameter_list.data(), parameter_count}; }
    /// The HTTP status of `code` (§15, §21.12).
    int status() const noexcept { return http_status(code); }

    /// The error a library failure becomes (`api_error_for`), naming what the failure names.
    /// Throws only `std::bad_alloc`.
    static request_error from(failure const& f) {
        request_error e;
        e.code = api_error_for(f);
        e.parameter.assign(f.parameter.data(), f.parameter.size());
        e.pointer = api_error_pointer(f);
        e.cause = f;
        return e;
    }
};

/// Found by argument-dependent lookup from `result<T, request_error>::value()`.
[[noreturn]] inline void throw_exception_from_error(request_error const& e, boost::source_location const& loc) {
    boost::throw_exception(boost::system::system_error(e.cause.error_code(), e.cause.message()), loc);
}

/// The credential arguments of a parsed query (`_session_id`, `_token`, `_otp`,
/// `_fingerprint_id`, `access_token`, `_jwt`, `_portal`, `_timestamp`), for `read_credentials`.
inline auth_arguments credential_arguments(query_arguments const& args) noexcept {
    auth_arguments a;
    a.session_id = args.session_id();
    a.token = args.token();
    a.otp = args.otp();
    a.fingerprint_id = args.fingerprint_id();
    a.access_token = args.access_token();
    a.jwt = args.jwt();
    a.portal = args.portal();
    a.timestamp = args.request_timestamp();
    return a;
}

/// `read_credentials` over a request's headers and the credential arguments of its query, every
/// source of §11.9 at once. Throws only `std::bad_alloc` and what the header source throws.
template <header_source H>
result<request_credentials> read_credentials(H const& headers, query_arguments const& args, auth_options const& options = {}) {
    return read_credentials(headers, credential_arguments(args), options);
}

/// One request, read (see the top of this header). Build it with `read_request`, or `assign`
/// to reuse one object for many requests.
template <header_source H>
class typed_request {
public:
    /// An empty request over `headers`; `assign` reads one into it.
    explicit typed_request(H headers) : headers_(std::move(headers)) {}
    /// Moves (the request's views stay valid: its state lives on the heap).
    typed_request(typed_request&&) noexcept = default;
    /// Move assignment.
    typed_request& operator=(typed_request&&) noexcept = default;
    typed_request(typed_request const&) = delete;
    typed_request& operator=(typed_request const&) = delete;

    /// Reads a request into this object (see `read_request`). On failure the object must not be
    /// used until the next successful `assign`. Throws only `std::bad_alloc` and what the header
    /// source throws.
    boost::system::result<void, request_error> assign(std::string_view method, std::string_view target, H headers,
                                                      std::string_view body, request_options const& options = {});

    /// The request method as received (`GET`, …).
    std::string_view method() const noexcept { return method_; }
    /// The path and arguments (§1, §17).
    request_target const& target() const noexcept { return state_->target; }
    /// The API path (§1): app, resource, id, further segments.
    api_path const& path() const noexcept { return state_->target.path(); }
    /// The query's arguments, typed (§17).
    query_arguments const& arguments() const noexcept { return state_->target.arguments(); }

    /// The partial-output choices (§5, §6): `fields`, `include`, `_empty` with `X-Options:
    /// no_empty`, `_case`, `_flat` with `X-Options: flat` — what the renderer takes.
    render_options const& output() const noexcept { return output_; }
    /// The letter case to answer in (`_case`, §6.1).
    letter_case name_case() const noexcept { return output_.name_case; }
    /// `_jsonp_callback`, checked (§13); only on GET and HEAD, ignored on other methods.
    std::optional<std::string_view> jsonp_callback() const noexcept { return jsonp_; }

    /// Every credential of the request, from headers, arguments and the session cookie (§11).
    request_credentials const& credentials() const noexcept { return credentials_; }

    /// The precondition inputs (§9): the headers the conditional evaluator reads, and whether the
    /// request is in AJAX caching mode (§9.3).
    H const& headers() const noexcept { return headers_; }
    /// Whether `X-Requested-With` put the request in AJAX caching mode (§9.3, §21.9).
    bool ajax_mode() const noexcept { return ajax_; }
    /// The options `evaluate_preconditions` takes for this request (AJAX mode set, §9.3).
    precondition_options preconditions() const noexcept {
        precondition_options o;
        o.ajax_mode = ajax_;
        return o;
    }

    /// The page asked of a collection that offers `kinds` (§7; the values were checked by
    /// `read_request`): `invalid_name` → FIELD_INVALID naming a cursor or date the collection
    /// does not offer; two of them → ONE_FIELD_EXPECTED with every one sent in `parameters`.
    /// Throws only `std::bad_alloc` (an error's name).
    boost::system::result<pagination_arguments, request_error> page(page_kinds kinds = {}) const {
        auto const& args = arguments();
        auto page = args.pagination(kinds);
        if (page) return *page;
        request_error e = refused(page.error());
        if (page.error().code == error::conflicting_arguments) {
            sent_positions const sent = args.positions();
            e.parameter.clear();
            e.parameter_list = sent.names();
            e.parameter_count = sent.size();
        }
        return e;
    }
    /// Where the links of a page of this request point (§7.4): `base_url`, the request's
    /// arguments read in place, its letter case.
    link_target links_to(std::string_view base_url) const noexcept {
        link_target t;
        t.base_url = base_url;
        t.query = &arguments();
        t.name_case = output_.name_case;
        return t;
    }

    /// The body as received, and its Content-Type (lines joined, RFC 9110 §5.3; nothing: none sent).
    std::string_view body() const noexcept { return body_; }
    /// The Content-Type as received (lines joined), or nothing when none was sent.
    std::optional<std::string_view> content_type() const noexcept { return content_type_; }
    /// The body's parameters, read as the Content-Type says (§2.1: form by default, JSON,
    /// multipart; another type is a raw upload with none) each time this is called: a request
    /// that never asks never reads its body. Failures name the parameter (→ FIELD_INVALID, ...).
    /// Throws only `std::bad_alloc`.
    boost::system::result<parameters, request_error> body_parameters() const {
        auto p = parameters::parse(content_type_, body_, parameters_options_);
        if (!p) return refused(p.error());
        return std::move(*p);
    }

private:
    struct parsed {  // on the heap: views into it stay valid when the request moves
        request_target target;
        std::string content_type;  // the lines of a Content-Type sent on several, joined
    };

    request_error refused(failure const& f) const {
        request_error e = request_error::from(f);
        e.name_case = output_.name_case;
        if (jsonp_) e.jsonp_callback.emplace(*jsonp_);
        return e;
    }
    boost::system::result<void, request_error> read_output(request_options const& options);

    H headers_;
    std::unique_ptr<parsed> state_;
    std::string_view method_;
    std::string_view body_;
    std::optional<std::string_view> content_type_;
    render_options output_;
    std::optional<std::string_view> jsonp_;
    request_credentials credentials_;
    bool ajax_ = false;
    parameters_options parameters_options_;
};

template <header_source H>
boost::system::result<void, request_error> typed_request<H>::read_output(request_options const& options) {
    auto const& args = arguments();
    output_.name_case = args.letter_case();
    auto const header_options = read_x_options(headers_);  // §6: the header form of `_empty` / `_flat`
    output_.keep_empty = args.keep_empty() && !header_options.no_empty;
    output_.flat = args.flat() || header_options.flat;
    output_.max_depth = options.max_render_depth;
    if (auto rules = args.fields()) {
        auto mask = parse_fields(*rules, options.fields);
        if (!mask) return refused(mask.error());
        output_.fields = std::move(*mask);
    }
    if (auto types = args.include()) {
        auto list = parse_include(*types, options.include);
        if (!list) return refused(list.error());
        output_.include = std::move(*list);
    }
    // §13: JSONP is for GET only (HEAD is a GET without body); elsewhere the argument is ignored.
    if (method_ == "GET" || method_ == "HEAD") {
        if (auto callback = args.jsonp_callback()) {
            auto checked = parse_jsonp_callback(*callback);
            if (!checked) return refused(checked.error());
            jsonp_ = *checked;
        }
    }
    return {};
}

template <header_source H>
boost::system::result<void, request_error> typed_request<H>::assign(std::string_view method, std::string_view target, H headers,
                                                                    std::string_view body, request_options const& options) {
    headers_ = std::move(headers);
    if (!state_) state_ = std::make_unique<parsed>();
    method_ = method;
    body_ = body;
    output_ = render_options{};
    jsonp_.reset();
    credentials_ = request_credentials{};
    parameters_options_ = options.parameters;
    content_type_ = folded_header(headers_, "Content-Type", state_->content_type);
    ajax_ = ajax_caching_mode(headers_);

    if (auto r = state_->target.assign(target, options.target); !r) return refused(r.error());
    if (auto r = read_output(options); !r) return r;
    if (auto r = check_accept(headers_); !r) return refused(r.error());
    if (!is_api_method(method)) return refused(failure(error::unsupported_method, failure::no_offset));
    auto credentials = read_credentials(headers_, credential_arguments(arguments()), options.auth);
    if (!credentials) return refused(credentials.error());
    credentials_ = std::move(*credentials);
    return {};
}

/// Reads a request: `method` and `target` as on the request line, `headers` (any
/// `header_source`, copied: a small view such as `pair_headers`), `body` as received. Gives the
/// typed request, or the first Kayako error (see the top of this header for the order). Throws
/// only `std::bad_alloc` and what the header source throws.
/// @code
/// std::vector<std::pair<std::string_view, std::string_view>> fields = ...;  // from your HTTP stack
/// kayako::pair_headers<decltype(fields)> const headers(fields);
/// auto request = kayako::read_request("GET", "/api/v1/users/7?_case=camel&fields=+email", headers, "");
/// if (!request) {  // the first Kayako error: code, parameter, and the case to answer in
/// kayako::answer refused(kayako::answer_form_of(request.error(), "GET", headers));
/// refused.fail(request.error().code, request.error().parameter);
/// return refused.respond({.date = now});
/// }
/// auto id = request->path().numeric_id();          // 7
/// auto const& output = request->output();          // fields, include, _case, _empty, _flat
/// @endcode
template <header_source H>
boost::system::result<typed_request<H>, request_error> read_request(std::string_view method, std::string_view target,
                                                                    H const& headers, std::string_view body,
                                                                    request_options const& options = {}) {
    typed_request<H> request(headers);
    if (auto r = request.assign(method, target, headers, body, options); !r) return r.error();
    return request;
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_TYPED_REQUEST_HPP
