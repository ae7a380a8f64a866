#include "perfharness/common/version.hpp"

namespace ph {

std::string_view version() noexcept { return PERFHARNESS_VERSION; }

}  // namespace ph
