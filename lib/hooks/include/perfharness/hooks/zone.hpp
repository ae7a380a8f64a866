#pragma once
// The one way the core lets profilers watch it: named scoped zones.
// With no observer installed a zone costs a thread-local load and a branch.
namespace ph::hooks {

/// Receives zone entries and exits on the thread that installed it.
class ZoneObserver {
 public:
  virtual ~ZoneObserver() = default;
  virtual void enter(const char* name) noexcept = 0;
  virtual void leave(const char* name) noexcept = 0;
};

/// The observer of the calling thread, or nullptr.
ZoneObserver* zone_observer() noexcept;

/// Installs an observer for the calling thread; returns the previous one.
ZoneObserver* set_zone_observer(ZoneObserver* observer) noexcept;

class Zone {
 public:
  explicit Zone(const char* name) noexcept : name_(name), observer_(zone_observer()) {
    if (observer_) observer_->enter(name_);
  }
  ~Zone() {
    if (observer_) observer_->leave(name_);
  }
  Zone(const Zone&) = delete;
  Zone& operator=(const Zone&) = delete;

 private:
  const char* name_;
  ZoneObserver* observer_;
};

}  // namespace ph::hooks

#define PH_ZONE_CAT2(a, b) a##b
#define PH_ZONE_CAT(a, b) PH_ZONE_CAT2(a, b)
/// Times the rest of the enclosing scope as zone `name` (a string literal).
#define PH_ZONE(name) ::ph::hooks::Zone PH_ZONE_CAT(ph_zone_, __LINE__)(name)
