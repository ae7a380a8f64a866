#include "executor.hpp"
#include "perfharness/common/errors.hpp"
namespace ph::runner {
std::unique_ptr<OperationExecutor> make_persistence_executor(const scenario::Operation& op, OperationExecutor&) {
  throw RuntimeFailure(op.path + ": persistence operations are not wired yet");
}
}  // namespace ph::runner
