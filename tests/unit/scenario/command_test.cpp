// command operations as the reader resolves them: argv as written, /bin/sh -c with shell: true,
// paths from the scenario file's folder, the environment in file order; YAML and JSON alike.
#include <catch2/catch.hpp>

#include "scenario_test_util.hpp"

using namespace ph::scenario;
using namespace ph::scenario::test;

namespace {
const CommandSpec& command_spec(const Operation& op) { return std::get<CommandSpec>(op.spec); }
}  // namespace

TEST_CASE("a command operation keeps its argv, environment and limits as written", "[scenario][command]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "work" / "logs");
  const auto file = dir.write("s.yaml",
                              "name: t\n"
                              "operations:\n"
                              "  - name: py\n"
                              "    kind: command\n"
                              "    command: [python3, bt.py, --fast, 10, 'two words']\n"
                              "    working_dir: work\n"
                              "    env: {B: '2', A: one}\n"
                              "    allowed_exit_codes: [1, 4]\n"
                              "    timeout: 2.5\n"
                              "    output: {stdout: work/logs/out.txt}\n"
                              "    budgets: [{metric: max_rss, max_mb: 64}]\n");
  const LoadResult r = load_scenario(file);
  INFO(all_problems(r));
  REQUIRE(r.scenario);
  const Operation& op = r.scenario->operations.at(0);
  CHECK(op.kind() == OperationKind::Command);
  CHECK(op.axes() == nullptr);
  const CommandSpec& spec = command_spec(op);
  CHECK(spec.argv == std::vector<std::string>{"python3", "bt.py", "--fast", "10", "two words"});
  CHECK_FALSE(spec.shell);
  CHECK(spec.working_dir == (dir.path() / "work").lexically_normal());
  CHECK(spec.env == std::vector<std::pair<std::string, std::string>>{{"B", "2"}, {"A", "one"}});
  CHECK(spec.allowed_exit_codes == std::vector<int>{1, 4});
  REQUIRE(spec.timeout_s);
  CHECK(*spec.timeout_s == 2.5);
  CHECK(spec.stdout_file == (dir.path() / "work/logs/out.txt").lexically_normal());
  CHECK(spec.stderr_file.empty());
  REQUIRE(op.budgets.size() == 1);
  CHECK(op.budgets[0].metric == "max_rss");
}

TEST_CASE("shell: true runs one line through /bin/sh, from the scenario's folder by default", "[scenario][command]") {
  const LoadResult r = load_text(with_operation("    kind: command\n    shell: true\n"
                                                "    command: \"python3 bt.py | tail -1\"\n"));
  INFO(all_problems(r));
  REQUIRE(r.scenario);
  const CommandSpec& spec = command_spec(r.scenario->operations.at(0));
  CHECK(spec.argv == std::vector<std::string>{"/bin/sh", "-c", "python3 bt.py | tail -1"});
  CHECK(spec.working_dir == r.scenario->path.parent_path());
}

TEST_CASE("bad command fields are reported at their paths", "[scenario][command]") {
  const LoadResult r = load_text(with_operation("    kind: command\n    command: python3 bt.py\n"
                                                "    env: {'A=B': x}\n    allowed_exit_codes: [256]\n"
                                                "    output: {stdout: missing/out.txt, stdin: x}\n"
                                                "    symbols: [AAA]\n"));
  CHECK_FALSE(r.scenario);
  const Diagnostic* argv = problem_at(r, "operations[0].command");
  REQUIRE(argv);
  CHECK_THAT(argv->message, Catch::Contains("list of arguments") && Catch::Contains("shell: true"));
  CHECK(problem_at(r, "operations[0].env.A=B"));
  CHECK(problem_at(r, "operations[0].allowed_exit_codes[0]"));
  CHECK(problem_at(r, "operations[0].output.stdout"));
  CHECK(problem_at(r, "operations[0].output.stdin"));
  const Diagnostic* other = problem_at(r, "operations[0].symbols");
  REQUIRE(other);
  CHECK_THAT(other->message, Catch::Contains("not used by command operations"));
  // A heap figure is not a command's: the program does not run perfharness's allocator hooks.
  const LoadResult heap = load_text(with_operation("    kind: command\n    command: [\"true\"]\n"
                                                   "    budgets: [{metric: peak_memory, max_mb: 5}]\n"));
  CHECK(problem_at(heap, "operations[0].budgets[0].metric"));
}
