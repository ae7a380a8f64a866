#pragma once
// Exact instruction counts without a hardware PMU: run under valgrind's callgrind.
//
// (a) Client requests: InstructionRegion brackets an operation; under callgrind it zeroes the
//     counters, switches collection on, and at scope exit switches it off and dumps a part
//     labelled with the region's name. Outside valgrind every call is a no-op.
// (b) A parser of callgrind output (callgrind.out.PID and its dump parts callgrind.out.PID.N)
//     giving each dump's label and its Ir (instructions executed) total.
// (c) A launcher that re-runs a program (normally this executable) under callgrind with
//     collection off at start, waits, and returns the parsed counts.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ph::profilers {

// ---- (a) in-process client requests -------------------------------------------------------

/// True when this process runs under valgrind (any tool).
bool running_on_valgrind() noexcept;
/// True when built with valgrind's client-request header; otherwise every request is a no-op.
bool callgrind_requests_compiled_in() noexcept;

void callgrind_zero_stats() noexcept;
void callgrind_toggle_collect() noexcept;
/// Writes a dump whose description reads "Trigger: Client Request: <label>".
void callgrind_dump_stats(const char* label) noexcept;

/// Counts the instructions of its scope as one callgrind dump labelled `label`.
/// Assumes collection is off outside regions (valgrind --collect-atstart=no, as the
/// launcher does). Nested regions on one thread: only the outermost one counts.
/// Under valgrind all threads run serialized and are counted together.
class InstructionRegion {
 public:
  explicit InstructionRegion(std::string label) noexcept;
  ~InstructionRegion();
  InstructionRegion(const InstructionRegion&) = delete;
  InstructionRegion& operator=(const InstructionRegion&) = delete;

 private:
  std::string label_;
  bool active_ = false;
};

/// Separates a region's label from its part's in a part's dump label: "REGION\x1fPART".
inline constexpr char kInstructionPartSeparator = '\x1f';

/// Inside an InstructionRegion on this thread, counts its scope apart, as a dump labelled
/// "REGION\x1fPART" (a case of an operation), or "REGION\x1fCASE\x1fPART" inside another part (a
/// parameter set of a sweep's case): it first dumps what the enclosing region or part counted so
/// far under that one's label, so that every total stays the sum of its dumps and its parts'.
/// Elsewhere, or outside valgrind, nothing happens.
class InstructionPart {
 public:
  explicit InstructionPart(const std::string& part) noexcept;
  ~InstructionPart();
  InstructionPart(const InstructionPart&) = delete;
  InstructionPart& operator=(const InstructionPart&) = delete;

 private:
  std::string label_;                   // empty: inactive
  const std::string* outer_ = nullptr;  // the enclosing part's label, restored on exit
};

/// Inside an InstructionRegion on this thread, switches collection on (`true`) or off
/// (`false`) for its scope, then back to what it was; elsewhere (or outside valgrind) it does
/// nothing. The runner counts only the bodies of measured regions: the probes around them
/// (reading /proc, formatting clock values, digests of results) cost a number of
/// instructions that depends on the machine's state, not on the code measured.
class InstructionCollection {
 public:
  explicit InstructionCollection(bool on) noexcept;
  ~InstructionCollection();
  InstructionCollection(const InstructionCollection&) = delete;
  InstructionCollection& operator=(const InstructionCollection&) = delete;

 private:
  bool previous_ = false;
  bool changed_ = false;
};

// ---- (b) output parser ----------------------------------------------------------------------

struct CallgrindDump {
  std::filesystem::path file;
  int part = 0;                    // "part:" (0 when absent)
  std::string trigger;             // "desc: Trigger: ..." text after "Trigger: "
  std::string label;               // the client request's label; empty for other triggers
  std::uint64_t instructions = 0;  // Ir from "summary:" (or "totals:")
};

/// Parses one callgrind output file (which may hold several parts). Throws InputError
/// naming the file and the missing field when it is not callgrind output or lacks Ir.
std::vector<CallgrindDump> parse_callgrind_file(const std::filesystem::path& file);
/// Parses callgrind output text; `source` names it in error messages.
std::vector<CallgrindDump> parse_callgrind_text(const std::string& text, const std::filesystem::path& source);

/// callgrind.out.PID and callgrind.out.PID.N in `dir`, in dump order (numbered parts first,
/// then the final termination dump).
std::vector<std::filesystem::path> callgrind_files(const std::filesystem::path& dir, long pid);

/// Instructions per client-request label, summed over dumps with the same label.
/// Dumps with other triggers (program termination) are left out.
std::map<std::string, std::uint64_t> instructions_by_label(const std::vector<CallgrindDump>& dumps);

// ---- (c) launcher -----------------------------------------------------------------------------

/// Environment variable the launcher sets to "1" in the child, so the re-run executable
/// knows it is the measured child (and must not launch valgrind again).
inline constexpr const char* kCallgrindChildEnv = "PERFHARNESS_CALLGRIND_CHILD";
/// True in a child started by run_under_callgrind().
bool is_callgrind_child() noexcept;

/// The running executable (/proc/self/exe resolved).
std::filesystem::path current_executable();
/// valgrind on PATH, or empty.
std::filesystem::path find_valgrind();

struct CallgrindLaunch {
  std::filesystem::path program;               // default: current_executable()
  std::vector<std::string> args;               // program arguments (without argv[0])
  std::filesystem::path out_dir;               // where callgrind.out.PID* go; created if missing
  std::filesystem::path valgrind;              // default: find_valgrind()
  bool collect_at_start = false;               // true: count everything, not only regions
  std::vector<std::string> valgrind_options;   // extra options, e.g. "--separate-threads=yes"
  std::vector<std::pair<std::string, std::string>> env;  // added to (or replacing in) the child's environment
  bool mark_child = true;                      // set kCallgrindChildEnv=1
  std::filesystem::path stdout_file;           // empty: inherit
  std::filesystem::path stderr_file;           // empty: inherit (valgrind's own messages go here)
  std::filesystem::path working_dir;           // empty: ours
};

/// The command line run_under_callgrind() executes: valgrind --tool=callgrind
/// --collect-atstart=no --callgrind-out-file=DIR/callgrind.out.%p [options] PROGRAM ARGS...
std::vector<std::string> callgrind_command_line(const CallgrindLaunch& launch);

struct CallgrindRun {
  std::vector<std::string> command;
  long pid = 0;
  int exit_code = -1;   // the program's exit status; -1 if killed
  int term_signal = 0;  // signal that killed it, or 0
  std::vector<std::filesystem::path> files;
  std::vector<CallgrindDump> dumps;
  std::map<std::string, std::uint64_t> instructions;  // instructions_by_label(dumps)
};

/// Runs the program under callgrind and parses its output. Throws RuntimeFailure when
/// valgrind is missing, cannot be started, or leaves no output (its stderr says why).
/// A non-zero exit of the program is reported in exit_code, not thrown.
CallgrindRun run_under_callgrind(const CallgrindLaunch& launch);

}  // namespace ph::profilers
