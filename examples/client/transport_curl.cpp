// kayako-client — the libcurl transport: HTTP/1.1 and HTTPS through one easy handle kept for the
// whole run, so that the connection of one exchange serves the next (keep-alive). For a program
// that already speaks HTTP through libcurl, this file is the whole adapter.
//
// libcurl does more on its own than this client may let it: it would add `Expect: 100-continue`
// and `Accept: */*`, a form Content-Type on any body, follow redirects, use an `http_proxy` from
// the environment, keep cookies and normalise `..` in the path. Each is switched off below, so the
// request on the wire is the one the application built, as with the Beast transport.
#include "transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>

namespace kayako_client {

namespace {

// curl_global_init once per process, before the first handle, and its cleanup at exit.
class curl_library {
public:
    static CURLcode ready() {
        static curl_library const library;
        return library.code_;
    }
    curl_library(curl_library const&) = delete;
    curl_library& operator=(curl_library const&) = delete;

private:
    curl_library() : code_(curl_global_init(CURL_GLOBAL_DEFAULT)) {}
    ~curl_library() {
        if (code_ == CURLE_OK) curl_global_cleanup();
    }
    CURLcode code_;
};

struct easy_deleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct list_deleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using header_slist = std::unique_ptr<curl_slist, list_deleter>;

bool same_name(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

bool has_header(header_list const& headers, std::string_view name) {
    return std::any_of(headers.begin(), headers.end(), [&](auto const& h) { return same_name(h.first, name); });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// What the callbacks collect while curl reads one response.
struct receiving {
    std::size_t body_limit = 0;
    http_response response;
    bool too_large = false;
    bool out_of_memory = false;
};

// One header line without its CR LF. A status line starts a new head (curl passes the heads of
// 1xx answers too); a line starting with white space continues the previous field (obs-fold).
void read_header_line(std::string_view line, receiving& in) {
    auto& headers = in.response.headers;
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
        if (!headers.empty()) {
            headers.back().second += ' ';
            headers.back().second += trim(line);
        }
        return;
    }
    line = trim(line);
    if (line.empty()) return;  // the end of a head
    if (line.starts_with("HTTP/")) {
        headers.clear();
        auto const code_end = line.find(' ', line.find(' ') + 1);
        in.response.reason = code_end == std::string_view::npos ? std::string() : std::string(trim(line.substr(code_end + 1)));
        return;
    }
    auto const colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return;  // not a field: curl would have refused the head
    headers.emplace_back(std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
}

// curl's callbacks: C function pointers, so no exception may leave them.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& in = *static_cast<receiving*>(user);
    std::size_t const length = size * count;
    std::string_view line(data, length);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    try {
        read_header_line(line, in);
    } catch (std::exception const&) {
        in.out_of_memory = true;
        return 0;
    }
    return length;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& in = *static_cast<receiving*>(user);
    std::size_t const length = size * count;
    if (in.response.body.size() + length > in.body_limit) {
        in.too_large = true;
        return 0;  // curl stops with CURLE_WRITE_ERROR
    }
    try {
        in.response.body.append(data, length);
    } catch (std::exception const&) {
        in.out_of_memory = true;
        return 0;
    }
    return length;
}

transport_failure failure_of(CURLcode code) {
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL: return transport_failure::unsupported;
    case CURLE_COULDNT_RESOLVE_HOST: return transport_failure::resolve;
    case CURLE_COULDNT_CONNECT: return transport_failure::connect;
    case CURLE_OPERATION_TIMEDOUT: return transport_failure::timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE: return transport_failure::tls;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_BAD_CONTENT_ENCODING: return transport_failure::protocol;
    default: return transport_failure::io;
    }
}

class curl_transport final : public transport {
public:
    curl_transport(transport_options options, CURL* handle) : options_(std::move(options)), handle_(handle) {}

    bool supports(std::string_view scheme) const noexcept override { return scheme == "http" || scheme == "https"; }

    exchange_result exchange(http_request const& request) noexcept override {
        if (!supports(request.scheme))
            return transport_error{transport_failure::unsupported,
                                   request.scheme + "://: the curl transport speaks HTTP and HTTPS"};
        try {
            return perform(request);
        } catch (std::exception const& e) {  // an allocation of the URL or the header list
            return transport_error{transport_failure::io, e.what()};
        }
    }

private:
    // The request's own headers, and an empty `Name:` for each one curl would add on its own.
    static header_slist header_lines(http_request const& request, bool has_body) {
        header_slist list;
        auto add = [&](std::string const& line) {
            curl_slist* grown = curl_slist_append(list.get(), line.c_str());
            if (!grown) throw std::bad_alloc();
            (void)list.release();
            list.reset(grown);
        };
        for (auto const& [name, value] : request.headers)
            add(value.empty() ? name + ";" : name + ": " + value);  // `Name;` is curl's way to send an empty value
        if (!has_header(request.headers, "Expect")) add("Expect:");  // no 100-continue round trip on large bodies
        if (!has_header(request.headers, "Accept")) add("Accept:");  // no `*/*` the application did not choose
        if (has_body && !has_header(request.headers, "Content-Type")) add("Content-Type:");  // no guessed form type
        return list;
    }

    exchange_result perform(http_request const& request) {
        // A reset keeps the connection cache: the next exchange to this server reuses the connection.
        curl_easy_reset(handle_.get());
        CURL* h = handle_.get();
        std::string const url = request.scheme + "://" + request.host + ":" + request.port + request.target;
        bool const head = request.method == "HEAD";
        bool const has_body = !head && (!request.body.empty() || request.method == "POST" || request.method == "PUT");
        header_slist const headers = header_lines(request, has_body);
        receiving in;
        in.body_limit = options_.body_limit;
        char error_text[CURL_ERROR_SIZE] = {};
        long const timeout_ms = static_cast<long>(options_.timeout.count());

        CURLcode set = CURLE_OK;
        auto option = [&](CURLoption name, auto value) {
            if (set == CURLE_OK) set = curl_easy_setopt(h, name, value);
        };
        option(CURLOPT_ERRORBUFFER, static_cast<char*>(error_text));
        option(CURLOPT_URL, url.c_str());
        option(CURLOPT_PROTOCOLS_STR, "http,https");
        option(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));  // the reason phrase is printed
        option(CURLOPT_PATH_AS_IS, 1L);    // the target goes out as built
        option(CURLOPT_FOLLOWLOCATION, 0L);  // the client decides about a redirect
        option(CURLOPT_PROXY, "");         // a direct connection, as with Beast: no `http_proxy` from the environment
        option(CURLOPT_NOSIGNAL, 1L);
        option(CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
        // A stall, not a slow large body, is a timeout: less than a byte a second for that long.
        option(CURLOPT_LOW_SPEED_LIMIT, 1L);
        option(CURLOPT_LOW_SPEED_TIME, std::max(1L, timeout_ms / 1000));
        option(CURLOPT_SSL_VERIFYPEER, 1L);
        option(CURLOPT_SSL_VERIFYHOST, 2L);
        if (!options_.ca_file.empty()) option(CURLOPT_CAINFO, options_.ca_file.c_str());
        if (!options_.user_agent.empty()) option(CURLOPT_USERAGENT, options_.user_agent.c_str());
        option(CURLOPT_HTTPHEADER, headers.get());
        option(CURLOPT_HEADERFUNCTION, &on_header);
        option(CURLOPT_HEADERDATA, static_cast<void*>(&in));
        option(CURLOPT_WRITEFUNCTION, &on_body);
        option(CURLOPT_WRITEDATA, static_cast<void*>(&in));
        if (head) {
            option(CURLOPT_NOBODY, 1L);  // HEAD, and no body read whatever Content-Length says
        } else if (has_body) {
            option(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            option(CURLOPT_POSTFIELDS, request.body.data());
            option(CURLOPT_CUSTOMREQUEST, request.method.c_str());
        } else {
            option(CURLOPT_HTTPGET, 1L);
            if (request.method != "GET") option(CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
        if (set != CURLE_OK) return transport_error{transport_failure::io, std::string("libcurl: ") + curl_easy_strerror(set)};

        CURLcode const done = curl_easy_perform(h);
        if (in.too_large)
            return transport_error{transport_failure::too_large, "over " + std::to_string(options_.body_limit) + " bytes"};
        if (in.out_of_memory) return transport_error{transport_failure::io, "out of memory"};
        if (done != CURLE_OK)
            return transport_error{failure_of(done), error_text[0] != '\0' ? std::string(error_text) : curl_easy_strerror(done)};
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        in.response.status = static_cast<int>(status);
        return std::move(in.response);
    }

    transport_options options_;
    std::unique_ptr<CURL, easy_deleter> handle_;
};

}  // namespace

std::unique_ptr<transport> make_curl_transport(transport_options const& options, std::string& problem) {
    if (CURLcode const code = curl_library::ready(); code != CURLE_OK) {
        problem = std::string("libcurl cannot start: ") + curl_easy_strerror(code);
        return nullptr;
    }
    CURL* handle = curl_easy_init();
    if (!handle) {
        problem = "libcurl cannot start: no easy handle";
        return nullptr;
    }
    return std::make_unique<curl_transport>(options, handle);
}

}  // namespace kayako_client
