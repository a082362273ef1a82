#include "file_transfer.hpp"

#include <kayako/request/headers.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/request/multipart_builder.hpp>
#include <kayako/request/upload.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

namespace kayako_client {

namespace {

/// One `--file field=@path[;type=TYPE]`, read.
struct local_file {
    std::string field;
    std::string path;
    std::string filename;  ///< the last segment of `path`
    std::string content_type;
    std::string content;
};

// The media type of a few common extensions; anything else is sent as bytes. `;type=` overrides.
std::string_view type_by_extension(std::string_view name) {
    auto const dot = name.find_last_of('.');
    std::string ext(dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1));
    for (auto& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (ext == "png") return "image/png";
    if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
    if (ext == "gif") return "image/gif";
    if (ext == "txt") return "text/plain";
    if (ext == "pdf") return "application/pdf";
    return "application/octet-stream";
}

std::optional<local_file> read_local_file(std::string const& spec, std::string& problem) {
    auto const at = spec.find("=@");
    if (at == std::string::npos || at == 0 || at + 2 == spec.size()) {
        problem = "--file needs field=@path, not '" + spec + "'";
        return std::nullopt;
    }
    local_file f;
    f.field = spec.substr(0, at);
    f.path = spec.substr(at + 2);
    if (auto const type = f.path.rfind(";type="); type != std::string::npos) {
        f.content_type = f.path.substr(type + 6);
        f.path.erase(type);
    }
    auto const slash = f.path.find_last_of('/');
    f.filename = f.path.substr(slash == std::string::npos ? 0 : slash + 1);
    if (f.content_type.empty()) f.content_type = type_by_extension(f.filename);
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
        problem = "cannot read " + f.path;
        return std::nullopt;
    }
    std::stringstream content;
    content << in.rdbuf();
    f.content = content.str();
    return f;
}

}  // namespace

bool write_upload_body(std::vector<std::string> const& files, std::vector<std::pair<std::string, std::string>> const& fields,
                       http_request& request, std::string& problem) {
    std::vector<local_file> read;
    for (auto const& spec : files) {
        auto f = read_local_file(spec, problem);
        if (!f) return false;
        read.push_back(std::move(*f));
    }
    if (read.size() == 1 && fields.empty()) {  // §8.2: the body is the file
        local_file& f = read.front();
        kayako::upload_description d;
        d.content_type = f.content_type;
        d.filename = f.filename;
        d.field = f.field;
        auto written = kayako::write_upload_headers(d, f.content, [&](std::string_view n, std::string_view v) {
            request.headers.emplace_back(std::string(n), std::string(v));
        });
        if (!written) {
            problem = "cannot upload " + f.path + ": " + written.error().message();
            return false;
        }
        request.body = std::move(f.content);
        return true;
    }
    kayako::multipart_builder builder({.content_md5 = true});  // §8.3, each file with its checksum
    for (auto const& [name, value] : fields)
        if (auto added = builder.add_field(name, value); !added) {
            problem = "cannot send parameter '" + name + "': " + added.error().message();
            return false;
        }
    for (auto const& f : read)
        if (auto added = builder.add_file(f.field, f.filename, f.content, f.content_type); !added) {
            problem = "cannot upload " + f.path + ": " + added.error().message();
            return false;
        }
    auto body = builder.finish();
    request.body = std::move(body.body);
    request.headers.emplace_back("Content-Type", std::move(body.content_type));
    return true;
}

bool is_file_content(http_response const& reply) {
    if (reply.status < 200 || reply.status >= 300) return false;
    std::string storage;
    auto type = kayako::folded_header(kayako::pair_headers<header_list>(reply.headers), "Content-Type", storage);
    if (!type) return false;
    auto m = kayako::parse_media_type(*type);
    return m && !m->is("application", "json") && !m->is("application", "javascript");
}

bool save_file_content(http_response const& reply, std::optional<std::string> const& path, std::string& problem) {
    if (!path || *path == "-") {
        std::cout.write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
        std::cout.flush();
        return static_cast<bool>(std::cout);
    }
    std::ofstream out(*path, std::ios::binary | std::ios::trunc);
    out.write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
    if (!out) {
        problem = "cannot write " + *path;
        return false;
    }
    return true;
}

}  // namespace kayako_client
