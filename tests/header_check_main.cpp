// The other translation units of kayako-header-check each include one public header and nothing
// else; that they compile proves each header is self-contained. This one gives them a program.
#include <kayako/proto.hpp>

int main() { return kayako::api_version == 1 ? 0 : 1; }
