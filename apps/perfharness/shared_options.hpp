#pragma once
// Options several commands take, each with one range and one meaning everywhere: `run --alpha
// 0.9` is refused as `compare --alpha 0.9` is.
#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

namespace ph::cli {

inline constexpr double kMaxThresholdPercent = 1000.0;
inline constexpr double kMinAlpha = 1e-12;
inline constexpr double kMaxAlpha = 0.5;

/// --threshold PERCENT, 0 to 1000: the smallest change that counts.
CLI::Option* add_threshold_option(CLI::App* cmd, double& percent, const std::string& help);
/// --alpha A, 1e-12 to 0.5: the significance level of the regression test.
CLI::Option* add_alpha_option(CLI::App* cmd, double& alpha, const std::string& help);
/// --gate NAME, all or instructions: the figures a comparison judges.
CLI::Option* add_gate_option(CLI::App* cmd, std::string& gate, const std::string& help);
/// --max-grid N: the largest sweep grid a scenario may ask for.
CLI::Option* add_max_grid_option(CLI::App* cmd, std::size_t& max_grid);

}  // namespace ph::cli
