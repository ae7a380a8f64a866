#include "shared_options.hpp"

namespace ph::cli {

CLI::Option* add_threshold_option(CLI::App* cmd, double& percent, const std::string& help) {
  return cmd->add_option("--threshold", percent, help)->capture_default_str()->check(CLI::Range(0.0, kMaxThresholdPercent));
}

CLI::Option* add_alpha_option(CLI::App* cmd, double& alpha, const std::string& help) {
  return cmd->add_option("--alpha", alpha, help)->capture_default_str()->check(CLI::Range(kMinAlpha, kMaxAlpha));
}

CLI::Option* add_gate_option(CLI::App* cmd, std::string& gate, const std::string& help) {
  return cmd->add_option("--gate", gate, help)->check(CLI::IsMember({"all", "instructions"}));
}

CLI::Option* add_max_grid_option(CLI::App* cmd, std::size_t& max_grid) {
  return cmd->add_option("--max-grid", max_grid, "largest sweep grid accepted (combinations)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

}  // namespace ph::cli
