// A consumer of kayako-proto: it includes the umbrella header and uses a little of everything,
// so that a build of it proves the package, the subproject or the vendored copy is complete.
#include <kayako/proto.hpp>

#include <iostream>

int main() {
    auto const flag = kayako::parse_boolean("TRUE");
    auto const code = kayako::parse_api_error_code("FIELD_INVALID");
    bool const ok = flag && *flag && code && kayako::http_status(*code) == 400 &&
                    kayako::convert_case("full_name", kayako::letter_case::camel) == "fullName";
    std::cout << (ok ? "kayako-proto consumer: ok" : "kayako-proto consumer: WRONG") << '\n';
    return ok ? 0 : 1;
}
