// kayako-proto — the foundation every area shares: version, error model, Kayako error catalogue,
// letter cases, protocol values (§3, §15).
//
// The umbrella of `kayako/core/`: every public header of the area. Include one header of the
// folder instead to compile less.
#ifndef KAYAKO_CORE_HPP
#define KAYAKO_CORE_HPP

#include <kayako/core/version.hpp>
#include <kayako/core/error.hpp>
#include <kayako/core/api_error.hpp>
#include <kayako/core/letter_case.hpp>
#include <kayako/core/values.hpp>

#endif  // KAYAKO_CORE_HPP
