// kayako-test-server — file upload (§8): see files.hpp.
#include "files.hpp"

#include "resources.hpp"

#include <kayako/caching/etag.hpp>
#include <kayako/caching/http_date.hpp>
#include <kayako/caching/preconditions.hpp>
#include <kayako/core/values.hpp>
#include <kayako/request/content_disposition.hpp>
#include <kayako/request/file_upload.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/response/file_download.hpp>
#include <kayako/response/respond.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace kayako_server {

namespace json = boost::json;
using kayako::api_error_code;

// ---- the store -------------------------------------------------------------------------------

std::optional<std::vector<std::int64_t>> file_store::create(std::vector<stored_file> files, std::int64_t now) {
    forget_expired(now);
    std::size_t added = 0;
    for (auto const& f : files) added += f.content.size();
    if (options_.max_store_bytes != 0 && added > options_.max_store_bytes - std::min(bytes_, options_.max_store_bytes))
        return std::nullopt;
    if (options_.max_files != 0 && files.size() > options_.max_files - std::min(files_.size(), options_.max_files))
        return std::nullopt;
    std::vector<std::int64_t> ids;
    for (auto& f : files) {
        f.id = next_id_++;
        f.created_at = now;
        f.expiry_at = now + options_.lifetime;
        expiring_.emplace(*f.expiry_at, f.id);
        bytes_ += f.content.size();
        ids.push_back(f.id);
        files_.emplace(f.id, std::move(f));
    }
    return ids;
}

stored_file const* file_store::find(std::int64_t id, std::int64_t owner, std::int64_t now) {
    forget_expired(now);
    auto it = files_.find(id);
    return it != files_.end() && it->second.owner == owner ? &it->second : nullptr;
}

std::size_t file_store::erase(std::vector<std::int64_t> const& ids, std::int64_t owner, std::int64_t now) {
    forget_expired(now);
    std::size_t removed = 0;
    for (auto id : ids) {
        auto it = files_.find(id);
        if (it == files_.end() || it->second.owner != owner) continue;
        remove(it);
        ++removed;
    }
    return removed;
}

void file_store::keep(std::int64_t id) {
    auto it = files_.find(id);
    if (it == files_.end() || !it->second.expiry_at) return;
    expiring_.erase({*it->second.expiry_at, id});
    it->second.expiry_at.reset();
}

// An upload expires at its `expiry_at` (§8.1); the set is in expiry order, so this costs one
// look at its first entry when nothing is due.
void file_store::forget_expired(std::int64_t now) {
    while (!expiring_.empty() && expiring_.begin()->first <= now) {
        auto it = files_.find(expiring_.begin()->second);
        if (it != files_.end()) remove(it);
        else expiring_.erase(expiring_.begin());
    }
}

void file_store::remove(std::map<std::int64_t, stored_file>::iterator it) {
    if (it->second.expiry_at) expiring_.erase({*it->second.expiry_at, it->first});
    bytes_ -= it->second.content.size();
    files_.erase(it);
}

// ---- resources -------------------------------------------------------------------------------

namespace {

using refusal = std::optional<file_refusal>;

refusal refuse(api_error_code code, std::string_view parameter = {}) { return file_refusal{code, std::string(parameter)}; }
refusal refuse(kayako::failure const& f) { return file_refusal{kayako::api_error_for(f), std::string(f.parameter)}; }
refusal refuse(kayako::request_error const& e) { return file_refusal{e.code, e.parameter}; }

std::string timestamp_text(std::int64_t seconds) { return kayako::format_timestamp(kayako::timestamp{seconds, 0}); }

std::string file_url(std::string_view base_url, std::int64_t id) {
    return std::string(base_url) + "/api/v1/files/" + std::to_string(id);
}

/// The file resource (§8.1). `content` (base64) is an optional field: asked for with `fields`.
json::object file_resource(stored_file const& f, std::string_view base_url) {
    json::object o;
    o["id"] = f.id;
    o["name"] = f.name;
    o["size"] = f.content.size();
    o["content_type"] = f.content_type;
    o["content"] = kayako::encode_base64(f.content);
    o["content_url"] = file_url(base_url, f.id) + "/content";
    o["hash"] = kayako::format_md5_hex(f.digest);
    o["group_hash"] = f.group;
    o["created_at"] = timestamp_text(f.created_at);
    o["expiry_at"] = f.expiry_at ? json::value(timestamp_text(*f.expiry_at)) : json::value(nullptr);
    o["resource_type"] = "file";
    o["resource_url"] = file_url(base_url, f.id);
    return o;
}

kayako::resource_schema file_schema() {
    using kayako::field;
    return kayako::resource_schema{"file",
                                   {{"name"},
                                    {"size"},
                                    {"content_type"},
                                    {"content", field::optional},
                                    {"content_url"},
                                    {"hash"},
                                    {"group_hash"},
                                    {"created_at"},
                                    {"expiry_at"}}};
}

// §8.1: `group_hash` is `s:` and the session. The session ID itself is a credential, which never
// goes into a resource (§21.24's rule for links, applied to bodies): its MD5 names the same group.
std::string group_of(session const* s) {
    return "s:" + (s ? kayako::format_md5_hex(kayako::md5_of(s->id)) : std::string("none"));
}

// The parameter a file's problems name: where its name came from.
std::string_view name_parameter(kayako::upload_form form, kayako::uploaded_file const& f) {
    switch (form) {
    case kayako::upload_form::raw: return "_filename";
    case kayako::upload_form::base64: return "name";
    case kayako::upload_form::multipart: break;
    }
    return f.field.empty() ? std::string_view("files") : std::string_view(f.field);
}

constexpr std::size_t max_name_bytes = 255;

// `name[]` is `name` (§21.15).
std::string_view without_brackets(std::string_view name) {
    if (name.ends_with("[]")) name.remove_suffix(2);
    return name;
}

}  // namespace

kayako::schema_registry const& file_service::registry(kayako::schema_registry const& server) {
    if (registry_) return *registry_;
    registry_ = std::make_unique<kayako::schema_registry>(server);
    registry_->add(file_schema());
    // The profile is the requester's user (TV-FU-1) with its avatar: the server's user schema
    // and one field more, so that the two never drift apart.
    std::vector<kayako::field_spec> specs;
    if (auto const* user = server.find("user"))
        for (auto const& f : user->fields()) {
            if (f.is_nested()) specs.emplace_back(f.name(), kayako::nested_resource{f.nested_type(), f.is_array()}, f.category());
            else if (f.is_map()) specs.emplace_back(f.name(), kayako::map_field, f.category());
            else specs.emplace_back(f.name(), f.category());
        }
    specs.emplace_back("avatar", kayako::nested("file"));
    registry_->add(kayako::resource_schema("user", std::span<kayako::field_spec const>(specs)));
    return *registry_;
}

std::optional<file_refusal> file_service::handle(file_exchange& x) {
    // Files belong to a user (and `group_hash` to a session, §8.1): an anonymous request has neither.
    if (!x.who) return refuse(api_error_code::authorization_required);
    if (x.typed.path().resource() == "profile") return profile(x);
    return files(x);
}

std::optional<file_refusal> file_service::files(file_exchange& x) {
    auto const& path = x.typed.path();
    auto const& args = x.typed.arguments();
    std::string_view const m = x.in.method;
    if (path.size() == 1) {
        if (m == "POST") return upload(x);
        if (m == "DELETE") {  // §8.1: `DELETE /api/v1/files.json?ids=...`
            if (args.id_count() == 0) return refuse(api_error_code::field_required, "ids");
            std::vector<std::int64_t> ids;
            for (auto id : args.ids()) ids.push_back(id);
            x.reply.metadata().total_count = store_.erase(ids, x.who->id, x.now);
            return {};
        }
        return refuse(api_error_code::method_not_supported);
    }
    if (path.size() > 3 || (path.size() == 3 && path.segment(2) != "content"))
        return refuse(api_error_code::url_resource_missing);
    auto id = path.numeric_id();
    stored_file const* f = id ? store_.find(*id, x.who->id, x.now) : nullptr;
    if (!f) return refuse(api_error_code::resource_not_found);
    if (path.size() == 3) {
        if (m != "GET" && m != "HEAD") return refuse(api_error_code::method_not_supported);
        return content(x, *f);
    }
    if (m == "DELETE") {
        store_.erase({f->id}, x.who->id, x.now);
        return {};
    }
    if (m != "GET" && m != "HEAD") return refuse(api_error_code::method_not_supported);
    json::object resource = file_resource(*f, x.base_url);
    auto tag = kayako::resource_entity_tag(resource);
    if (!tag) return refuse(tag.error());
    kayako::resource_validators v;
    v.etag = tag->tag();
    v.last_modified = kayako::http_date{f->created_at};
    auto const verdict = kayako::check_preconditions(x.typed, v);
    if (verdict.outcome == kayako::precondition_outcome::not_modified) {
        x.reply.not_modified(v);
        return {};
    }
    if (auto e = verdict.error()) return refuse(*e);
    x.reply.set_validators(v);
    x.reply.render(json::value(std::move(resource)), "file", registry(x.schemas), x.typed.output());
    return {};
}

namespace {

// The files of an upload request, checked and ready to store; or why not.
struct upload_read {
    std::vector<stored_file> files;
    std::vector<std::string> fields;  // the field each file was sent for
};

std::optional<file_refusal> read_upload(file_exchange const& x, file_options const& options, upload_read& out) {
    auto const& args = x.typed.arguments();
    kayako::upload_arguments const arguments{args.filename(), args.field(), args.md5()};
    kayako::file_upload_options how;
    how.max_file_size = options.max_file_bytes;
    how.max_files = options.max_files_per_request;
    how.require_filename = true;  // §8.2: "usually required"; a file without one cannot be downloaded as itself
    auto up = kayako::read_file_upload(x.typed.headers(), x.in.body, arguments, how);
    if (!up) return refuse(up.error());
    for (kayako::uploaded_file const& f : *up) {
        std::string_view const parameter = name_parameter(up->form(), f);
        // The name goes back out in a Content-Disposition: what could not, is refused now.
        if (f.filename.size() > max_name_bytes || !kayako::format_content_disposition("attachment", {}, f.filename))
            return refuse(api_error_code::field_invalid, parameter);
        stored_file s;
        s.name = f.filename;
        s.content_type = f.content_type.empty() ? "application/octet-stream" : std::string(kayako::trim_ows(f.content_type));
        s.content.assign(f.content.data(), f.content.size());
        s.digest = kayako::md5_of(f.content);
        s.owner = x.who->id;
        s.group = group_of(x.current);
        out.files.push_back(std::move(s));
        out.fields.push_back(f.field);
    }
    return {};
}

}  // namespace

std::optional<file_refusal> file_service::upload(file_exchange& x) {
    upload_read read;
    if (auto refused = read_upload(x, options_, read)) return refused;
    auto ids = store_.create(std::move(read.files), x.now);
    // The store is full: the request is well formed and the server works as configured; deleting
    // files makes room again (as the Test collection's bound, api.cpp).
    if (!ids) return refuse(api_error_code::resource_not_available);
    x.reply.set_status(201);
    auto& schemas = registry(x.schemas);
    if (ids->size() == 1) {  // one file: the file resource (§8.1 step 1)
        stored_file const* f = store_.find(ids->front(), x.who->id, x.now);
        json::object resource = file_resource(*f, x.base_url);
        x.content_location = resource.at("resource_url").as_string();
        x.reply.render(json::value(std::move(resource)), "file", schemas, x.typed.output());
        return {};
    }
    json::array created;  // several (§8.3): the collection of them, in the order sent
    for (auto id : *ids) created.emplace_back(file_resource(*store_.find(id, x.who->id, x.now), x.base_url));
    x.reply.render(json::value(std::move(created)), "file", schemas, x.typed.output());
    x.reply.metadata().total_count = ids->size();
    return {};
}

// The raw bytes (§8.1), outside the envelope: the stored type, the name, the checksum, and a
// strong ETag of the bytes so that a client can revalidate (§9.2).
std::optional<file_refusal> file_service::content(file_exchange& x, stored_file const& f) {
    response out;
    auto add = [&](std::string_view name, std::string_view value) { out.headers.emplace_back(name, value); };
    add("Date", kayako::format_http_date(kayako::http_date{x.now}).view());
    add("X-API-Version", "1");
    kayako::entity_tag_text const tag(f.digest);
    kayako::resource_validators v;
    v.etag = tag.tag();
    v.last_modified = kayako::http_date{f.created_at};
    auto const verdict = kayako::check_preconditions(x.typed, v);
    if (auto e = verdict.error()) return refuse(*e);
    add("ETag", tag.view());
    add("Last-Modified", kayako::format_http_date(kayako::http_date{f.created_at}).view());
    add("Cache-Control", "private");  // the file is its owner's
    add("Vary", "Authorization, X-Session-ID, Cookie");
    if (verdict.outcome == kayako::precondition_outcome::not_modified) {
        out.status = 304;
        x.download = std::move(out);
        return {};
    }
    auto written = kayako::write_download_headers({.content_type = f.content_type, .filename = f.name, .checksum = f.digest}, add);
    if (!written) return refuse(api_error_code::exception_caught);  // the upload checked both values
    out.body = f.content;
    out.head_only = x.in.method == "HEAD";
    x.download = std::move(out);
    return {};
}

// TV-FU-1: `PUT /api/v1/profile` with `avatar_file_id=19` (two-step, §8.1), or with the file in
// the body for the field `avatar` (single-step): a raw body (`_field=avatar`, or none) or a
// multipart part named `avatar`. Both at once are PARAMETERS_INCONSISTENT.
std::optional<file_refusal> file_service::profile(file_exchange& x) {
    std::string_view const m = x.in.method;
    if (x.typed.path().size() != 1) return refuse(api_error_code::url_resource_missing);
    if (m == "PUT") {
        std::optional<std::int64_t> chosen;
        auto encoding = kayako::body_encoding_of(x.typed.content_type());
        if (!encoding) return refuse(encoding.error());
        bool const raw = (x.typed.content_type() && *encoding == kayako::body_encoding::raw) ||
                         (!x.typed.content_type() && !x.in.body.empty());
        std::optional<kayako::parameters> params;
        if (!raw) {
            auto p = x.typed.body_parameters();
            if (!p) return refuse(p.error());
            params.emplace(std::move(*p));
        }
        if (raw || (params && !params->files().empty())) {
            if (params)
                for (auto const* part : params->files())
                    if (without_brackets(part->name) != "avatar")
                        return refuse(api_error_code::field_invalid, part->has_name ? part->name : std::string_view("files"));
            upload_read read;
            if (auto refused = read_upload(x, options_, read)) return refused;
            if (read.files.size() != 1) return refuse(api_error_code::field_invalid, "avatar");
            if (!read.fields.front().empty() && without_brackets(read.fields.front()) != "avatar")
                return refuse(api_error_code::field_invalid, "_field");
            if (params && params->has("avatar_file_id")) return refuse(api_error_code::parameters_inconsistent, "avatar_file_id");
            auto ids = store_.create(std::move(read.files), x.now);
            if (!ids) return refuse(api_error_code::resource_not_available);
            chosen = ids->front();
        } else {
            auto id = params->get<std::int64_t>("avatar_file_id");
            if (!id) return refuse(id.error());
            if (!*id) return refuse(api_error_code::field_required, "avatar_file_id");
            // §8.1 step 2: the ID must name an upload of this user that has not expired.
            if (!store_.find(**id, x.who->id, x.now)) return refuse(api_error_code::field_invalid, "avatar_file_id");
            chosen = **id;
        }
        store_.keep(*chosen);  // used by a resource: it no longer expires
        avatars_[x.who->id] = *chosen;
    } else if (m != "GET" && m != "HEAD") {
        return refuse(api_error_code::method_not_supported);
    }
    json::object resource = user_resource(*x.who, x.people, x.base_url);
    stored_file const* avatar = nullptr;
    if (auto it = avatars_.find(x.who->id); it != avatars_.end()) avatar = store_.find(it->second, x.who->id, x.now);
    resource["avatar"] = avatar ? json::value(file_resource(*avatar, x.base_url)) : json::value(nullptr);
    x.reply.render(json::value(std::move(resource)), "user", registry(x.schemas), x.typed.output());
    return {};
}

}  // namespace kayako_server
