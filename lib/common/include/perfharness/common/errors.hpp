#pragma once
// The two kinds of failure a user must be able to tell apart (docs/exit-codes.md):
// their input is wrong (exit 2), or something failed at run time (exit 3).
#include <stdexcept>
#include <string>

namespace ph {

/// Bad usage or invalid input: a scenario, a data file, a parameter. Exit code 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// I/O, database or other run-time failure that is not the input's fault. Exit code 3.
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ph
