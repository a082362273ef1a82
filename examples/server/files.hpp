// kayako-test-server — file upload (§8): the `file` resource and its store, and the profile whose
// `avatar_file_id` uses an uploaded file (TV-FU-1).
//
//   POST   /api/v1/files              a raw body (§8.2), multipart parts (§8.3) or base64 `content`
//   GET    /api/v1/files/:id          the file resource (§8.1)
//   GET    /api/v1/files/:id/content  the bytes, with the stored Content-Type
//   DELETE /api/v1/files/:id, /api/v1/files?ids=1,2
//   GET    /api/v1/profile            the requester's user, with its `avatar` (a file)
//   PUT    /api/v1/profile            `avatar_file_id` (two-step, §8.1), or the file itself in the
//                                     body as field `avatar` (single-step, raw or multipart)
//
// Every protocol piece is kayako-proto's (`read_file_upload`, `write_download_headers`, the
// renderer and the answer); what is here is the store and the routes. Files belong to the user
// who uploaded them: another requester is told they do not exist. Uploads expire (§8.1: the
// reference's example is 3 h after creation) unless a resource uses them.
#ifndef KAYAKO_EXAMPLES_FILES_HPP
#define KAYAKO_EXAMPLES_FILES_HPP

#include "exchange.hpp"
#include "store.hpp"

#include <kayako/core/api_error.hpp>
#include <kayako/output/schema.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/request/api_path.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/typed_request.hpp>
#include <kayako/response/answer.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kayako_server {

/// The bounds of the file store (flags of main.cpp; 0: no bound, except the lifetime).
struct file_options {
    std::size_t max_file_bytes = 1024 * 1024;          ///< one file → 400 FIELD_INVALID naming its parameter
    std::size_t max_store_bytes = 64 * 1024 * 1024;    ///< every file together → 400 RESOURCE_NOT_AVAILABLE
    std::size_t max_files = 10'000;                    ///< files stored → 400 RESOURCE_NOT_AVAILABLE
    std::size_t max_files_per_request = 20;            ///< files in one upload → 400 FIELD_INVALID naming the part
    std::int64_t lifetime = 3 * 3600;                  ///< seconds an unused upload lives (§8.1: "3 h")
};

/// One uploaded file.
struct stored_file {
    std::int64_t id = 0;
    std::string name;
    std::string content_type;
    std::string content;
    kayako::md5_digest digest{};
    std::int64_t owner = 0;          ///< the user who uploaded it
    std::string group;               ///< `group_hash` (§8.1): `s:` and a digest of the session
    std::int64_t created_at = 0;
    std::optional<std::int64_t> expiry_at;  ///< none once a resource uses the file
};

/// The files, bounded in count and bytes; expired uploads are forgotten as time passes.
class file_store {
public:
    explicit file_store(file_options const& options) : options_(options) {}

    /// Stores the files, all or none; their IDs in order, or nothing when the store is full.
    std::optional<std::vector<std::int64_t>> create(std::vector<stored_file> files, std::int64_t now);
    /// The file `id` of `owner`, unless it has expired.
    stored_file const* find(std::int64_t id, std::int64_t owner, std::int64_t now);
    /// Removes the owner's files with these IDs; how many there were.
    std::size_t erase(std::vector<std::int64_t> const& ids, std::int64_t owner, std::int64_t now);
    /// A resource uses the file: it no longer expires.
    void keep(std::int64_t id);
    std::size_t bytes() const noexcept { return bytes_; }

private:
    void forget_expired(std::int64_t now);
    void remove(std::map<std::int64_t, stored_file>::iterator it);

    file_options options_;
    std::map<std::int64_t, stored_file> files_;
    std::set<std::pair<std::int64_t, std::int64_t>> expiring_;  ///< (expiry_at, id)
    std::int64_t next_id_ = 1;
    std::size_t bytes_ = 0;
};

using header_view = kayako::pair_headers<std::vector<header_field>>;

/// One request as the file routes see it: api.cpp fills it from its own exchange.
struct file_exchange {
    request const& in;
    kayako::typed_request<header_view> const& typed;
    std::int64_t now;
    user const* who;          ///< null: anonymous (refused: files belong to a user)
    session const* current;   ///< the session the request runs in (`group_hash`)
    directory const& people;
    std::string_view base_url;
    kayako::schema_registry const& schemas;  ///< the server's; the file routes add `file`
    kayako::answer& reply;
    std::string& content_location;
    std::optional<response>& download;  ///< set for `/files/:id/content`: sent as it is
};

/// Why a file request stops: the catalogue error and the parameter it names.
struct file_refusal {
    kayako::api_error_code code;
    std::string parameter;
};

/// The routes `files` and `profile`.
class file_service {
public:
    explicit file_service(file_options const& options) : options_(options), store_(options) {}

    /// The paths served here: `files...` and `profile` itself (`profile/password` is the login's, §11.2).
    static bool serves(kayako::api_path const& path) noexcept {
        return path.resource() == "files" || (path.resource() == "profile" && path.size() == 1);
    }
    std::optional<file_refusal> handle(file_exchange& x);

private:
    std::optional<file_refusal> files(file_exchange& x);
    std::optional<file_refusal> upload(file_exchange& x);
    std::optional<file_refusal> content(file_exchange& x, stored_file const& f);
    std::optional<file_refusal> profile(file_exchange& x);
    kayako::schema_registry const& registry(kayako::schema_registry const& server);

    file_options options_;
    file_store store_;
    std::unordered_map<std::int64_t, std::int64_t> avatars_;  ///< user → file
    std::unique_ptr<kayako::schema_registry> registry_;  ///< the server's schemas, plus `file` and the profile's avatar
};

}  // namespace kayako_server

#endif  // KAYAKO_EXAMPLES_FILES_HPP
