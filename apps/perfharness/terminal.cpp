#include "terminal.hpp"

#include <unistd.h>

#include <algorithm>
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

namespace {

// "[#######.............] 7/20  sma_grid  3.1 s, about 5.8 s left": the run's time so far, and
// the time left at the pace of this phase's steps, once one is done to take it from.
std::string progress_line(int done, int total, const std::string& what, double elapsed, double phase_elapsed) {
  constexpr int kWidth = 20;
  const int filled = total > 0 ? std::clamp(done * kWidth / total, 0, kWidth) : 0;
  std::string line = "[" + std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(kWidth - filled), '.') +
                     "] " + std::to_string(done) + "/" + std::to_string(total) + "  " + what;
  char timing[64];
  if (done > 0 && done < total)
    std::snprintf(timing, sizeof timing, "  %.1f s, about %.1f s left", elapsed, phase_elapsed / done * (total - done));
  else
    std::snprintf(timing, sizeof timing, "  %.1f s", elapsed);
  return line + timing;
}

}  // namespace

void TerminalObserver::show_progress(int done, int total, const std::string& what) {
  const auto now = std::chrono::steady_clock::now();
  if (done == 0 || total != phase_total_) {
    phase_start_ = now;
    phase_total_ = total;
  }
  const auto seconds = [now](std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(now - since).count();
  };
  if (!progress_ || seconds(start_) < 1.0) return;  // a run shorter than a second gets no progress line
  std::fprintf(stderr, "\r\033[K%s", progress_line(done, total, what, seconds(start_), seconds(phase_start_)).c_str());
  progress_shown_ = true;
}

void TerminalObserver::repetition_starting(int round, int rounds, const std::string& operation, bool) {
  show_progress(round - 1, rounds, operation);
}

void TerminalObserver::repetitions_done() { clear_progress(); }

void TerminalObserver::worker_starting(int worker, int workers) {
  show_progress(worker - 1, workers, "timing in fresh worker processes");
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
  if (verbosity_ != Verbosity::Quiet)
    report::write_console_summary(std::cerr, run, {.all_warnings = verbosity_ == Verbosity::Verbose});
}

void TerminalObserver::clear_progress() {
  if (progress_shown_) std::fprintf(stderr, "\r\033[K");
  progress_shown_ = false;
}

}  // namespace ph::cli
