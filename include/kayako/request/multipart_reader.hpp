// kayako-proto — reading multipart/form-data bodies (§2.4, §8.3, §21.22; RFC 7578, RFC 2046 §5.1).
//
// Reading. `multipart_reader` walks the parts of a body without allocating and without copying
// a byte of content: each part's content is a view into the body, found by a memchr-driven
// search for the delimiter `CRLF--boundary`. Per part it reads the headers §8.3 names:
//
// | header                      | rule                                                              |
// |-----------------------------|-------------------------------------------------------------------|
// | `Content-Disposition`       | required, `form-data`; `name` and `filename` optional (TV-FU-3 parts have no name); read as §21.21 says: a well-formed `filename*` wins, a malformed one is ignored, a backslash is literal unless before `"` or `\` |
// | `Content-Type`              | optional (empty is absent); must be a valid media type             |
// | `Content-Transfer-Encoding` | optional; `binary`, `8bit` or `7bit` (content is used as sent). `base64` and `quoted-printable` are refused: RFC 7578 §4.7 deprecates them and no Kayako client sends them |
// | `Content-Length`            | optional; when present it must equal the content size (a truncated file is refused, §2.1) |
// | `Content-MD5`               | optional; 32 hex digits or 24 characters of base64 (§21.10), checked against the content → `checksum_mismatch` naming the part |
//
// Other part headers are skipped. A repeated one of these is `duplicate`.
//
// Line breaks. RFC 2046 wants CRLF; the reference's examples show bare LF (§20.9). By default the
// reader accepts both (`multipart_options::allow_bare_lf`): the delimiter is then found as
// `LF--boundary`, and a CR just before it belongs to the line break, not to the content (so a
// content that ends in a lone CR before a bare-LF delimiter loses it — only a broken client can
// send that). With `allow_bare_lf = false` every line must end in CRLF.
//
// Boundary matching follows RFC 2046 §5.1.1: a line that *starts* with `--boundary` is a
// delimiter; what follows must be `--` (the close delimiter) or optional whitespace and the line
// break, or the body is malformed.
//
// A part may have no content at all: its header block may be followed directly by the next
// delimiter (RFC 2046 `body-part := MIME-part-headers [CRLF *OCTET]`, §21.22). A header may be
// folded onto lines that start with whitespace (obs-fold, RFC 9112 §5.2): read as one line.
//
// Errors. No opening delimiter, or a body that ends before the close delimiter (a boundary that
// never closes): `unexpected_end` at the body's size. A part without headers, or without
// Content-Disposition: `invalid_multipart` at the part's header offset, naming
// `Content-Disposition`. Limits (`multipart_options`): body size, part count, and per part
// (§21.22) its header block, one header, its Content-Disposition and the parameters of a header.
//
// The boundary rules are multipart_boundary.hpp; writing a body is multipart_builder.hpp.
#ifndef KAYAKO_REQUEST_MULTIPART_READER_HPP
#define KAYAKO_REQUEST_MULTIPART_READER_HPP

#include <kayako/core/error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>
#include <kayako/detail/http_grammar.hpp>
#include <kayako/request/content_disposition.hpp>
#include <kayako/request/content_md5.hpp>
#include <kayako/request/header_parameters.hpp>
#include <kayako/request/headers.hpp>
#include <kayako/request/media_type.hpp>
#include <kayako/request/multipart_boundary.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <forward_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kayako {

/// How multipart bodies are read.
struct multipart_options {
    bool allow_bare_lf = true;                      ///< accept LF line breaks as well as CRLF (§20.9)
    bool verify_checksums = true;                   ///< check each part's Content-MD5 (§8.3)
    std::size_t max_size = 64 * 1024 * 1024;        ///< body size → too_long
    std::size_t max_parts = 1000;                   ///< part count (§21.14: 1,000 parameters) → too_many
    // The limits of one part (§21.22), each checked per part:
    std::size_t max_header_size = 8 * 1024;         ///< its header block → too_long at the block
    std::size_t max_header_line_size = 8 * 1024;    ///< one header, folded lines included → too_long naming it
    std::size_t max_disposition_size = 2048;        ///< its Content-Disposition value → too_long naming it
    std::size_t max_header_parameters = 16;         ///< parameters of its Content-Disposition or Content-Type → too_many
};

/// One part of a multipart body. Views point into the body, except header values that had to be
/// rewritten (a name or file name with quoted-pairs, a `filename*`, an ISO-8859-1 file name, a
/// folded header): those point into the reader's scratch space (valid until its next `next`) or
/// into the `multipart_form` that owns the parts.
struct multipart_part {
    std::string_view name;              ///< Content-Disposition `name` (empty when absent)
    std::string_view name_as_sent;      ///< `name` as it stands in the body (quoted-pairs unresolved); empty when it does not (a folded header)
    std::string_view filename;          ///< the file name, UTF-8: a well-formed `filename*`, else `filename` (§21.21)
    bool has_name = false;              ///< whether Content-Disposition has a `name` (`name=""` has one, empty)
    bool has_filename = false;          ///< a file part (`filename` may still be empty: `filename=""`)
    std::string_view content_type;      ///< trimmed Content-Type, empty when absent
    std::string_view transfer_encoding; ///< trimmed Content-Transfer-Encoding, empty when absent
    std::string_view content_md5;       ///< trimmed Content-MD5, empty when absent (checked when verifying)
    std::string_view content;           ///< the bytes, a view into the body
    std::size_t header_offset = 0;      ///< where the part's headers start in the body
    std::size_t content_offset = 0;     ///< where `content` starts in the body

    /// A file part: it has a `filename` (§8.3).
    constexpr bool is_file() const noexcept { return has_filename; }
};

/// Walks the parts of a multipart body without allocating.
///
///     kayako::multipart_reader reader(body, *boundary);
///     kayako::multipart_part part;
///     while (auto more = reader.next(part)) { if (!*more) break; use(part); }
class multipart_reader {
public:
    /// A reader of `body` delimited by `boundary`, with `options`' per-part limits (§21.22); all three must outlive it.
    constexpr multipart_reader(std::string_view body, multipart_boundary const& boundary,
                               multipart_options const& options = {}) noexcept
        : body_(body), boundary_(boundary), options_(options) {}

    /// The same, with the caller's scratch space for the header values that must be rewritten
    /// (quoted-pairs, `filename*`, ISO-8859-1 file names, folded lines). With
    /// `scratch_size(options)` bytes no part within the limits runs out of room; without it the
    /// reader's own 2 KiB are used, and a part that needs more is `too_long`.
    constexpr multipart_reader(std::string_view body, multipart_boundary const& boundary,
                               multipart_options const& options, std::span<char> scratch) noexcept
        : body_(body), boundary_(boundary), options_(options), external_(scratch) {}

    /// Scratch space that holds every rewritten value of a part within `options`' limits: the
    /// unfolded copies of folded headers (at most the block), plus the name and file name read
    /// from them (a rewritten value never grows, except an ISO-8859-1 file name, which at most
    /// doubles): three times the header block.
    static constexpr std::size_t scratch_size(multipart_options const& options) noexcept {
        return 3 * options.max_header_size + 2;
    }

    /// Reads the next part into `out`: true when there was one, false after the close
    /// delimiter, or a failure (and then every later call repeats it).
    constexpr result<bool> next(multipart_part& out) noexcept {
        if (has_failed_) return failed_;
        auto r = read(out);
        if (!r) {
            failed_ = r.error();
            has_failed_ = true;
        }
        return r;
    }

    /// Parts read so far.
    constexpr std::size_t count() const noexcept { return parts_; }

private:
    enum class state : unsigned char { start, in_body, done };

    // Where the next delimiter line (`--boundary`) starts, at or after `from`; `npos` if none.
    // The content before it ends at `*content_end` (the line break is not content).
    constexpr std::size_t find_delimiter(std::size_t from, std::size_t* content_end) const noexcept {
        std::string_view const delim = boundary_.delimiter();  // CRLF--boundary
        std::string_view const needle = options_.allow_bare_lf ? delim.substr(1) : delim;
        std::size_t const at = body_.find(needle, from);
        if (at == std::string_view::npos) return at;
        std::size_t end = at;
        if (options_.allow_bare_lf && end > from && body_[end - 1] == '\r') --end;
        *content_end = end;
        return at + (needle.size() - boundary_.value().size() - 2);
    }

    constexpr bool starts_with_dash_boundary(std::size_t at) const noexcept {
        std::string_view const dash_boundary = boundary_.delimiter().substr(2);
        return body_.substr(at, dash_boundary.size()) == dash_boundary;
    }

    // After `--boundary` at `line`: `--` closes, or padding and a line break open a part.
    // Returns the offset of the part's first header line, or 0 for the close delimiter.
    constexpr result<std::size_t> after_delimiter(std::size_t line) noexcept {
        std::size_t i = line + 2 + boundary_.value().size();
        std::size_t const n = body_.size();
        if (i + 1 < n && body_[i] == '-' && body_[i + 1] == '-') {
            state_ = state::done;
            return std::size_t{0};
        }
        while (i < n && detail::is_ows(body_[i])) ++i;
        if (i == n) return failure(error::unexpected_end, n);
        if (body_[i] == '\r' && i + 1 < n && body_[i + 1] == '\n') return i + 2;
        if (body_[i] == '\n' && options_.allow_bare_lf) return i + 1;
        if (body_[i] == '\r' && i + 1 == n) return failure(error::unexpected_end, n);
        return failure(error::invalid_multipart, i);
    }

    constexpr result<bool> read(multipart_part& out) noexcept {
        std::size_t const n = body_.size();
        if (state_ == state::done) return false;
        if (state_ == state::start) {
            if (n > options_.max_size) return failure(error::too_long, options_.max_size);
            std::string_view const dash_boundary = boundary_.delimiter().substr(2);
            std::size_t line;
            if (body_.substr(0, dash_boundary.size()) == dash_boundary) {
                line = 0;
            } else {
                std::size_t ignored = 0;
                line = find_delimiter(0, &ignored);  // the preamble before it is ignored
                if (line == std::string_view::npos) return failure(error::unexpected_end, n);
            }
            auto first = after_delimiter(line);
            if (!first) return first.error();
            if (state_ == state::done) return false;
            pos_ = *first;
            state_ = state::in_body;
        }
        if (++parts_ > options_.max_parts) return failure(error::too_many, pos_);

        out = multipart_part{};
        out.header_offset = pos_;
        auto headers = read_headers(out);
        if (!headers) return headers.error();

        std::size_t content_end = out.content_offset;
        std::size_t line = out.content_offset;
        // A header block followed directly by the next delimiter is a part without content
        // (RFC 2046 `body-part := MIME-part-headers [CRLF *OCTET]`, §21.22): the blank line was
        // the delimiter's own line break.
        if (!starts_with_dash_boundary(out.content_offset)) {
            line = find_delimiter(out.content_offset, &content_end);
            if (line == std::string_view::npos) return failure(error::unexpected_end, n);
        }
        out.content = body_.substr(out.content_offset, content_end - out.content_offset);
        if (auto checked = check_content(out); !checked) return checked.error();

        auto next_part = after_delimiter(line);
        if (!next_part) return next_part.error();
        pos_ = *next_part;
        return true;
    }

    constexpr char* scratch() noexcept { return external_.data() ? external_.data() : internal_.data(); }
    constexpr std::size_t scratch_capacity() const noexcept { return external_.data() ? external_.size() : internal_.size(); }
    // Room for `size` bytes in the scratch space, or null.
    constexpr char* reserve(std::size_t size) noexcept {
        if (size > scratch_capacity() - used_) return nullptr;
        char* const at = scratch() + used_;
        used_ += size;
        return at;
    }
    constexpr void release(char* at, std::size_t kept) noexcept {
        used_ = static_cast<std::size_t>(at - scratch()) + kept;
    }

    constexpr bool in_body(std::string_view v) const noexcept {
        return !v.empty() && v.data() >= body_.data() && v.data() < body_.data() + body_.size();
    }

    // The end of the line that starts at `from` (the offset of its LF), within the header block
    // that starts at `start`.
    constexpr result<std::size_t> end_of_line(std::size_t start, std::size_t from) const noexcept {
        // The block, its blank line included, may use `max_header_size` bytes: up to `limit`.
        std::size_t const n = body_.size();
        std::size_t const limit = options_.max_header_size < n - start ? start + options_.max_header_size : n;
        void const* lf = limit > from ? std::memchr(body_.data() + from, '\n', limit - from) : nullptr;
        if (!lf) {
            if (limit < n) return failure(error::too_long, start);
            return failure(error::unexpected_end, n);
        }
        std::size_t const eol = static_cast<std::size_t>(static_cast<char const*>(lf) - body_.data());
        if ((eol == from || body_[eol - 1] != '\r') && !options_.allow_bare_lf) return failure(error::invalid_multipart, eol);
        return eol;
    }

    // The text of a header value that spans folded lines (obs-fold, RFC 9112 §5.2: replaced by
    // the whitespace that follows each line break), in the scratch space.
    constexpr result<std::string_view> unfold(std::string_view raw, std::size_t at, std::string_view field) noexcept {
        char* const out = reserve(raw.size());
        if (!out) return failure(error::too_long, at, field);
        std::size_t k = 0;
        for (std::size_t j = 0; j < raw.size(); ++j) {
            if (raw[j] == '\n' || (raw[j] == '\r' && j + 1 < raw.size() && raw[j + 1] == '\n')) continue;
            out[k++] = raw[j];
        }
        release(out, k);
        return std::string_view(out, k);
    }

    // Reads the header lines of a part that starts at `pos_`; sets the part's header views and
    // `content_offset`. A header may continue on lines that start with whitespace (obs-fold, as
    // busboy and Go read it); offsets inside a folded value count from its first line.
    constexpr result<void> read_headers(multipart_part& out) noexcept {
        std::size_t const start = pos_;
        std::size_t i = start;
        used_ = 0;
        std::size_t disposition_at = failure::no_offset;
        std::string_view disposition;
        std::size_t md5_at = 0, type_at = 0, encoding_at = 0, length_at = 0;
        std::string_view length_text;
        bool seen_type = false, seen_encoding = false, seen_length = false, seen_md5 = false;
        for (;;) {
            auto first_eol = end_of_line(start, i);
            if (!first_eol) return first_eol.error();
            std::size_t eol = *first_eol;
            std::size_t line_end = eol > i && body_[eol - 1] == '\r' ? eol - 1 : eol;
            if (line_end == i) {
                if (i == start) return failure(error::invalid_multipart, start, "Content-Disposition");  // no headers
                out.content_offset = eol + 1;
                break;
            }
            // field-name ":" OWS field-value OWS, the value perhaps continued on folded lines.
            std::string_view const first_line = body_.substr(i, line_end - i);
            std::size_t k = 0;
            while (k < first_line.size() && detail::is_token_char(first_line[k])) ++k;
            if (k == 0 || k == first_line.size() || first_line[k] != ':') {
                if (k < first_line.size() && first_line[k] == '\0') return failure(error::nul_byte, i + k);
                return failure(error::invalid_multipart, i + k);
            }
            std::string_view const field = first_line.substr(0, k);
            bool folded = false;
            while (eol + 1 < body_.size() && detail::is_ows(body_[eol + 1])) {
                auto next = end_of_line(start, eol + 1);
                if (!next) return next.error();
                eol = *next;
                line_end = body_[eol - 1] == '\r' ? eol - 1 : eol;
                folded = true;
            }
            if (line_end - i > options_.max_header_line_size) return failure(error::too_long, i, field);
            std::size_t value_at = k + 1;
            while (value_at < line_end - i && detail::is_ows(body_[i + value_at])) ++value_at;
            std::size_t const at = i + value_at;
            std::string_view value = body_.substr(at, line_end - at);
            if (folded) {
                auto unfolded = unfold(value, at, field);
                if (!unfolded) return unfolded.error();
                value = *unfolded;
            }
            value = trim_ows(value);
            for (std::size_t v = 0; v < value.size(); ++v) {
                auto const c = static_cast<unsigned char>(value[v]);
                if (c == 0) return failure(error::nul_byte, at + v, field);
                if ((c < 0x20 && c != '\t') || c == 0x7F) return failure(error::invalid_header, at + v, field);
            }
            auto once = [&](bool& seen) -> bool {
                if (seen) return false;
                seen = true;
                return true;
            };
            if (header_name_equal(field, "Content-Disposition")) {
                if (disposition_at != failure::no_offset) return failure(error::duplicate, i, "Content-Disposition");
                disposition_at = at;
                disposition = value;
            } else if (header_name_equal(field, "Content-Type")) {
                if (!once(seen_type)) return failure(error::duplicate, i, "Content-Type");
                out.content_type = value;
                type_at = at;
            } else if (header_name_equal(field, "Content-Transfer-Encoding")) {
                if (!once(seen_encoding)) return failure(error::duplicate, i, "Content-Transfer-Encoding");
                out.transfer_encoding = value;
                encoding_at = at;
            } else if (header_name_equal(field, "Content-Length")) {
                if (!once(seen_length)) return failure(error::duplicate, i, "Content-Length");
                length_text = value;
                length_at = at;
            } else if (header_name_equal(field, "Content-MD5")) {
                if (!once(seen_md5)) return failure(error::duplicate, i, "Content-MD5");
                out.content_md5 = value;
                md5_at = at;
            }
            i = eol + 1;
        }

        if (disposition_at == failure::no_offset) return failure(error::invalid_multipart, start, "Content-Disposition");
        if (auto r = read_disposition(disposition, disposition_at, out); !r) return r;
        // An empty Content-Type says nothing: read as absent (busboy and Go do the same).
        if (seen_type && !out.content_type.empty()) {
            media_type_options const type_options{options_.max_header_line_size, options_.max_header_parameters};
            if (auto m = parse_media_type(out.content_type, type_options); !m) return m.error().shifted(type_at).of("Content-Type");
        }
        if (seen_encoding) {
            std::string_view const e = out.transfer_encoding;
            if (!header_name_equal(e, "binary") && !header_name_equal(e, "8bit") && !header_name_equal(e, "7bit"))
                return failure(error::invalid_header, encoding_at, "Content-Transfer-Encoding");
        }
        if (seen_length) {
            auto len = parse_integer<std::uint64_t>(length_text);
            if (!len) return len.error().shifted(length_at).of("Content-Length");
            expected_length_ = *len;
        } else {
            expected_length_ = std::nullopt;
        }
        length_at_ = length_at;
        md5_at_ = md5_at;
        has_md5_ = seen_md5;
        return {};
    }

    // The Content-Disposition of a part (`form-data`, §8.3), read as browsers write it (§21.21):
    // the name with `\"` and `\\` resolved, the file name from a well-formed `filename*` or from
    // `filename` (UTF-8 when valid, else ISO-8859-1).
    constexpr result<void> read_disposition(std::string_view text, std::size_t at, multipart_part& out) noexcept {
        content_disposition_options const cd_options{options_.max_disposition_size, options_.max_header_parameters, true};
        auto d = parse_content_disposition(text, cd_options);
        if (!d) return d.error().shifted(at).of("Content-Disposition");
        if (!d->is("form-data")) return failure(error::invalid_header, at, "Content-Disposition");
        if (d->name) {
            header_parameter const& p = *d->name;
            std::string_view v = p.value;
            if (p.escaped) {  // resolve quoted-pairs into the scratch space
                char* const buf = reserve(p.value.size());
                if (!buf) return failure(error::too_long, at + p.offset, "Content-Disposition");
                std::size_t const len = p.unescape_to(buf);
                release(buf, len);
                v = std::string_view(buf, len);
            }
            if (detail::find_invalid_utf8(v) != std::string_view::npos)
                return failure(error::invalid_utf8, at + p.value_offset, "Content-Disposition");
            out.name = v;
            out.name_as_sent = in_body(p.value) ? p.value : std::string_view();
            out.has_name = true;
        }
        if (d->has_filename()) {
            header_parameter const& p = d->filename_ext ? *d->filename_ext : *d->filename;
            std::string_view v = p.value;
            bool const as_is = !d->filename_ext && !p.escaped && detail::find_invalid_utf8(v) == std::string_view::npos;
            if (!as_is) {
                char* const buf = reserve(d->filename_size_bound());
                if (!buf) return failure(error::too_long, at + p.offset, "Content-Disposition");
                std::size_t const len = d->write_filename(buf);
                release(buf, len);
                v = std::string_view(buf, len);
            }
            out.filename = v;
            out.has_filename = true;
        }
        return {};
    }

    constexpr result<void> check_content(multipart_part const& part) noexcept {
        if (expected_length_ && *expected_length_ != part.content.size())
            return failure(error::invalid_multipart, length_at_, "Content-Length");
        if (has_md5_) {
            auto expected = parse_content_md5(part.content_md5);
            if (!expected) return expected.error().shifted(md5_at_).of("Content-MD5");
            // The failure names the part as sent (a view into the body: the scratch space dies
            // with the reader, before the caller reads the failure).
            if (options_.verify_checksums && md5_of(part.content) != *expected)
                return failure(error::checksum_mismatch, part.content_offset,
                               in_body(part.name) ? part.name
                               : !part.name_as_sent.empty() ? part.name_as_sent : std::string_view("Content-MD5"));
        }
        return {};
    }

    std::string_view body_;
    multipart_boundary boundary_;
    multipart_options options_;
    state state_ = state::start;
    std::size_t pos_ = 0;
    std::size_t parts_ = 0;
    std::optional<std::uint64_t> expected_length_;
    std::size_t length_at_ = 0;
    std::size_t md5_at_ = 0;
    bool has_md5_ = false;
    failure failed_{};  // (not an optional: GCC 12 sees it as maybe-uninitialized under ASan)
    bool has_failed_ = false;
    std::span<char> external_{};         // the caller's scratch space, if any
    std::size_t used_ = 0;               // scratch bytes in use by the current part
    std::array<char, 2048> internal_{};  // rewritten header values of the current part
};

/// The parts of a multipart body, owned as a list of views into the body (which must outlive
/// this object) plus copies of names that carried quoted-pairs. Move-only.
class multipart_form {
public:
    multipart_form() = default;
    /// Moves; views into the held names stay valid.
    multipart_form(multipart_form&&) noexcept = default;
    /// Move assignment.
    multipart_form& operator=(multipart_form&&) noexcept = default;
    multipart_form(multipart_form const&) = delete;
    multipart_form& operator=(multipart_form const&) = delete;

    /// Iterates the parts in body order.
    using const_iterator = std::vector<multipart_part>::const_iterator;
    /// The first part.
    const_iterator begin() const noexcept { return parts_.begin(); }
    /// Past the last part.
    const_iterator end() const noexcept { return parts_.end(); }
    /// The number of parts.
    std::size_t size() const noexcept { return parts_.size(); }
    /// Whether the body had no part.
    bool empty() const noexcept { return parts_.empty(); }
    /// The `i`-th part in body order (`i < size()`, unchecked).
    multipart_part const& operator[](std::size_t i) const noexcept { return parts_[i]; }

    /// The last part named `name` (any letter case, `name[]` ≡ `name`, §2.5, §21.15), or null.
    multipart_part const* find(std::string_view name) const noexcept {
        for (auto it = parts_.rbegin(); it != parts_.rend(); ++it)
            if (it->has_name && names_equal(strip_brackets(it->name), strip_brackets(name))) return &*it;
        return nullptr;
    }

private:
    friend result<multipart_form> parse_multipart(std::string_view, multipart_boundary const&, multipart_options const&);
    static constexpr std::string_view strip_brackets(std::string_view n) noexcept {
        if (n.size() >= 2 && n.substr(n.size() - 2) == "[]") n.remove_suffix(2);
        return n;
    }
    std::vector<multipart_part> parts_;
    std::forward_list<std::string> storage_;  // nodes never move: views into them stay valid
};

/// Reads every part of a body. Throws only `std::bad_alloc`.
inline result<multipart_form> parse_multipart(std::string_view body, multipart_boundary const& boundary,
                                              multipart_options const& options = {}) {
    multipart_form form;
    // Room for every rewritten header value of a part, so that the limits are those of `options`.
    multipart_options within_body = options;  // a block cannot be larger than the body
    if (within_body.max_header_size > body.size()) within_body.max_header_size = body.size();
    std::string scratch(multipart_reader::scratch_size(within_body), '\0');
    multipart_reader reader(body, boundary, options, std::span<char>(scratch.data(), scratch.size()));
    multipart_part part;
    auto keep = [&](std::string_view& v) {
        // A view into the reader's scratch space dies with the next part: copy it.
        if (v.empty() || (v.data() >= body.data() && v.data() < body.data() + body.size())) return;
        form.storage_.emplace_front(v);
        v = form.storage_.front();
    };
    for (;;) {
        auto more = reader.next(part);
        if (!more) return more.error();
        if (!*more) break;
        keep(part.name);
        keep(part.filename);
        keep(part.content_type);
        keep(part.transfer_encoding);
        keep(part.content_md5);
        form.parts_.push_back(part);
    }
    return form;
}

/// Reads a body given its Content-Type header value. Throws only `std::bad_alloc`.
inline result<multipart_form> parse_multipart(std::string_view body, std::string_view content_type,
                                              multipart_options const& options = {}) {
    auto boundary = parse_multipart_boundary(content_type);
    if (!boundary) return boundary.error();
    return parse_multipart(body, *boundary, options);
}

}  // namespace kayako

#endif  // KAYAKO_REQUEST_MULTIPART_READER_HPP
