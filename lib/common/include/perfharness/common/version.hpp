#pragma once
// perfharness's version: CMake's project(VERSION), compiled into one file of the common
// library, so `perfharness --version`, the report's tool.version and the database agree.
#include <string_view>

namespace ph {

std::string_view version() noexcept;

}  // namespace ph
