#pragma once
// What a child process is started with: our environment with some variables set, and the
// NUL-terminated arrays of C strings that posix_spawn takes.
#include <string>
#include <utility>
#include <vector>

namespace ph {

/// This process's environment ("KEY=VALUE" entries) with each of `set` added, or replacing the
/// entry of the same key.
std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& set);

/// argv/envp for posix_spawn: pointers into `strings`, which must outlive them, then nullptr.
std::vector<char*> c_strings(std::vector<std::string>& strings);

}  // namespace ph
