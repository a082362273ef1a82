// kayako-client — files both ways (§8): `--file field=@path` uploads a local file, and a file's
// content (`GET files/:id/content`) is saved to `-o FILE` or written to stdout.
//
// An upload goes as the body itself (a raw upload, §8.2: Content-Type, a Content-Disposition
// with the field and file name, Content-MD5) when it is the only thing sent — one file, no
// `name=value` pairs; otherwise as multipart/form-data (§8.3), every file part with its
// Content-MD5, next to the pairs as text parts. Both are written by kayako-proto
// (`write_upload_headers`, `multipart_builder`).
#ifndef KAYAKO_EXAMPLES_CLIENT_FILE_TRANSFER_HPP
#define KAYAKO_EXAMPLES_CLIENT_FILE_TRANSFER_HPP

#include "transport.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kayako_client {

/// Writes the upload body and its headers for `files` (`field=@path` or `field=@path;type=TYPE`)
/// and the text parameters `fields` into `request`. False, with a message in `problem`, when a
/// file cannot be read or a value cannot be sent.
bool write_upload_body(std::vector<std::string> const& files, std::vector<std::pair<std::string, std::string>> const& fields,
                       http_request& request, std::string& problem);

/// A successful answer that is not JSON is a file: true when `reply` is one.
bool is_file_content(http_response const& reply);

/// Saves a file's content to `path`, or writes it to stdout when `path` is empty or `-`.
/// False, with a message in `problem`, when the file cannot be written.
bool save_file_content(http_response const& reply, std::optional<std::string> const& path, std::string& problem);

}  // namespace kayako_client

#endif  // KAYAKO_EXAMPLES_CLIENT_FILE_TRANSFER_HPP
