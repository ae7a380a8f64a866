#pragma once
// Numbers as the CI formats print them: with their unit, counts exact, never in exponent
// notation a reader has to decode (`%.6g` turned 1000001 instructions into 1e+06).
#include <string>

namespace ph::report {

/// `v` without an exponent for everyday magnitudes: integers exactly, others to 4 significant
/// digits (more before the point when needed), tiny values in `%.3g`.
std::string plain_number(double v);

/// `v` followed by its unit ("61.23 ms", "4812331 count", "12.5 MB"). Seconds are scaled to
/// s, ms, µs or ns so that the number reads naturally; other units are kept as given, so a
/// value and its limit print in the same unit.
std::string with_unit(double v, const std::string& unit);

/// `seconds` with the 3 decimals JUnit consumers accept (Jenkins' SUREFIRE_TIME pattern).
std::string junit_seconds(double seconds);

}  // namespace ph::report
