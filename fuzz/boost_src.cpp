// Boost.JSON and Boost.URL compiled from source with the fuzzers' instrumentation, so that the
// fuzzers see into them (linking the prebuilt shared libraries would hide their code).
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
