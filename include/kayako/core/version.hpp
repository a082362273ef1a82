// kayako-proto — the library's version (kept equal to the CMake and Meson project versions).
#ifndef KAYAKO_CORE_VERSION_HPP
#define KAYAKO_CORE_VERSION_HPP

#define KAYAKO_PROTO_VERSION_MAJOR 0
#define KAYAKO_PROTO_VERSION_MINOR 1
#define KAYAKO_PROTO_VERSION_PATCH 0
#define KAYAKO_PROTO_VERSION_STRING "0.1.0"

namespace kayako {
/// The version of the wire protocol the library speaks: `/api/v1`, `X-API-Version: 1`.
inline constexpr int api_version = 1;
}  // namespace kayako

#endif  // KAYAKO_CORE_VERSION_HPP
