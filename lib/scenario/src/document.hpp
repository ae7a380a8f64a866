#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "node.hpp"

namespace ph::scenario::detail {

struct Document {
  std::string bytes;
  Node root;
};

/// Reads a .yaml/.yml/.json file into the document tree, refusing files over the
/// size limit before reading them. nullopt after reporting the problem.
std::optional<Document> read_document(const std::filesystem::path& file, Problems& problems);

}  // namespace ph::scenario::detail
