#include "perfharness/hooks/zone.hpp"

namespace ph::hooks {
namespace {
thread_local ZoneObserver* t_observer = nullptr;
}

ZoneObserver* zone_observer() noexcept { return t_observer; }

ZoneObserver* set_zone_observer(ZoneObserver* observer) noexcept {
  ZoneObserver* previous = t_observer;
  t_observer = observer;
  return previous;
}

}  // namespace ph::hooks
