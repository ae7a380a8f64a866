#include "terminal.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <spdlog/spdlog.h>

#include "perfharness/report/reporter.hpp"

namespace ph::cli {

void set_log_level(Verbosity verbosity) {
  spdlog::set_level(verbosity == Verbosity::Verbose ? spdlog::level::debug
                    : verbosity == Verbosity::Quiet ? spdlog::level::warn
                                                    : spdlog::level::info);
}

TerminalObserver::TerminalObserver(Verbosity verbosity)
    : verbosity_(verbosity),
      progress_(verbosity != Verbosity::Quiet && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()) {}

TerminalObserver::~TerminalObserver() { clear_progress(); }

void TerminalObserver::scenario_problems(const std::vector<std::string>& lines) {
  for (const auto& line : lines) std::cerr << line << '\n';
}

void TerminalObserver::repetition_starting(int round, int rounds, const std::string& operation, bool) {
  if (!progress_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed < 0.5) return;  // a run shorter than a moment gets no progress line
  std::fprintf(stderr, "\r\033[K[%d/%d] %s (%.1f s)", round, rounds, operation.c_str(), elapsed);
  progress_shown_ = true;
}

void TerminalObserver::repetitions_done() { clear_progress(); }

void TerminalObserver::worker_starting(int worker, int workers) {
  if (!progress_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed < 0.5) return;
  std::fprintf(stderr, "\r\033[K[%d/%d] timing in fresh worker processes (%.1f s)", worker, workers, elapsed);
  progress_shown_ = true;
}

void TerminalObserver::confirming(const std::vector<std::string>& operations) {
  clear_progress();
  if (verbosity_ == Verbosity::Quiet) return;
  std::string names;
  for (const auto& name : operations) names += (names.empty() ? "" : ", ") + name;
  std::cerr << "looks slower than the baseline: " << names << "; measuring again in fresh processes to confirm\n";
}

void TerminalObserver::compared(const report::ComparisonResult& result) {
  clear_progress();
  if (verbosity_ != Verbosity::Quiet) std::cerr << report::format_comparison(result);
}

void TerminalObserver::finished(const report::RunResult& run) {
  clear_progress();
  // GitHub shows this file on the job's page; other CI systems do not set the variable.
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary) {
    std::ofstream out(summary, std::ios::app);
    out << report::markdown_summary(run);
    if (!out) spdlog::warn("could not append to GITHUB_STEP_SUMMARY ({})", summary);
  }
  if (verbosity_ != Verbosity::Quiet) report::write_console_summary(std::cerr, run);
}

void TerminalObserver::clear_progress() {
  if (progress_shown_) std::fprintf(stderr, "\r\033[K");
  progress_shown_ = false;
}

}  // namespace ph::cli
