#pragma once
/* The strategy plugin API of perfharness, version 1 (docs/plugins.md).
 *
 * A plugin is a shared library that exports one C function, perfharness_plugin(), returning a
 * table of strategies. A strategy declares its parameters and turns bars into entry and exit
 * flags in buffers perfharness provides; perfharness does fills, trades and metrics exactly as
 * for its built-in strategies, so results are comparable.
 *
 * The types are plain C so that any compiler can build a plugin against this one header: it
 * includes nothing of perfharness and links nothing. Every pointer a plugin returns must stay
 * valid while the library is loaded (static storage); perfharness never unloads a plugin. */
#include <stddef.h>
#include <stdint.h>

/* The version a plugin is built against; perfharness loads plugins of its own version only. */
#define PH_PLUGIN_API_VERSION 1u
/* Scratch buffers a strategy may ask for per call (slots 0 .. PH_PLUGIN_SCRATCH_BUFFERS - 1). */
#define PH_PLUGIN_SCRATCH_BUFFERS 6

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ph_plugin_param {
  const char* name;        /* lower-case identifier: [a-z_][a-z0-9_]* */
  int is_integer;          /* non-zero: values are whole numbers (periods, counts) */
  double default_value;    /* within [min, max] */
  double min;              /* inclusive */
  double max;              /* inclusive */
  const char* description; /* for `perfharness list strategies`; may be NULL */
} ph_plugin_param;

/* The bars of one backtest, oldest first; every array has `size` elements. */
typedef struct ph_plugin_bars {
  const int32_t* dates; /* days since 1970-01-01 */
  const double* open;
  const double* high;
  const double* low;
  const double* close;
  const double* volume;
  int64_t size;
} ph_plugin_bars;

/* Reusable scratch memory: buffer(context, slot, n) returns at least n doubles (contents
 * unspecified), kept across the backtests of a sweep, so that a strategy allocates nothing per
 * call. NULL for a slot outside 0 .. PH_PLUGIN_SCRATCH_BUFFERS - 1. */
typedef struct ph_plugin_scratch {
  void* context;
  double* (*buffer)(void* context, int slot, int64_t n);
} ph_plugin_scratch;

typedef struct ph_plugin_strategy {
  const char* name;        /* unique among all strategies perfharness knows: [a-z_][a-z0-9_]* */
  const char* description; /* one line: when it enters and when it exits */
  const ph_plugin_param* params;
  int32_t param_count;
  /* Rule between parameters (e.g. fast < slow), or NULL. values[i] is params[i]'s value.
   * Returns 0 when the values are valid; otherwise writes why (at most message_size bytes,
   * NUL-terminated) and returns non-zero. */
  int (*check)(const double* values, char* message, size_t message_size);
  const char* constraint; /* `check` in words, for `list strategies`; may be NULL */
  /* Sets entries[i] (exits[i]) to 1 where a long position should open (close) at bar i; both
   * arrays have bars->size elements and arrive zeroed. Called from one thread at a time per
   * scratch; must not keep the pointers it is given. */
  void (*generate)(const ph_plugin_bars* bars, const double* values, const ph_plugin_scratch* scratch,
                   uint8_t* entries, uint8_t* exits);
} ph_plugin_strategy;

/* What perfharness offers a plugin: zones (PH_ZONE below) reach its profilers through these. */
typedef struct ph_plugin_host {
  uint32_t api_version;
  void (*zone_enter)(const char* name); /* name: a string with static storage */
  void (*zone_leave)(const char* name);
} ph_plugin_host;

typedef struct ph_plugin {
  uint32_t api_version; /* PH_PLUGIN_API_VERSION; first, so that any version can read it */
  const ph_plugin_strategy* strategies;
  int32_t strategy_count;
} ph_plugin;

/* The entry point a plugin exports (PH_PLUGIN_EXPORT). Called once, when the plugin is loaded. */
typedef const ph_plugin* (*ph_plugin_entry)(const ph_plugin_host* host);
#define PH_PLUGIN_ENTRY_NAME "perfharness_plugin"

#ifdef __cplusplus
}
#endif

#if defined(__GNUC__)
#define PH_PLUGIN_VISIBLE __attribute__((visibility("default")))
#else
#define PH_PLUGIN_VISIBLE
#endif

#ifdef __cplusplus
#define PH_PLUGIN_EXPORT extern "C" PH_PLUGIN_VISIBLE
#else
#define PH_PLUGIN_EXPORT PH_PLUGIN_VISIBLE
#endif

#ifdef __cplusplus
namespace perfharness::plugin {

/* The host a plugin was loaded by; set it in perfharness_plugin() with set_host(). */
inline const ph_plugin_host*& host_slot() noexcept {
  static const ph_plugin_host* host = nullptr;
  return host;
}
inline void set_host(const ph_plugin_host* host) noexcept { host_slot() = host; }

/* Times the rest of the enclosing scope as a zone of perfharness's zone profiler. */
class Zone {
 public:
  explicit Zone(const char* name) noexcept : name_(name), host_(host_slot()) {
    if (host_) host_->zone_enter(name_);
  }
  ~Zone() {
    if (host_) host_->zone_leave(name_);
  }
  Zone(const Zone&) = delete;
  Zone& operator=(const Zone&) = delete;

 private:
  const char* name_;
  const ph_plugin_host* host_;
};

}  // namespace perfharness::plugin

#if !defined(PH_ZONE) && !defined(PH_PLUGIN_NO_ZONE_MACRO)
#define PH_PLUGIN_ZONE_CAT2(a, b) a##b
#define PH_PLUGIN_ZONE_CAT(a, b) PH_PLUGIN_ZONE_CAT2(a, b)
/* PH_ZONE("name"): the zone macro of perfharness's own code, for plugin code. */
#define PH_ZONE(name) ::perfharness::plugin::Zone PH_PLUGIN_ZONE_CAT(ph_plugin_zone_, __LINE__)(name)
#endif
#endif
