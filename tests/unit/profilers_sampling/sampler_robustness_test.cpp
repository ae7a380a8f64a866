// CpuSampler under harder conditions: several threads, and frame-pointer chains that are
// deliberately broken while samples arrive. The walk must stop early, never fault.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <thread>

#include "cpu_burn.hpp"
#include "sampler_start.hpp"
#include "perfharness/profilers/sampler.hpp"

using namespace ph::profilers;
using ph_sampling_test::burn_for;
using ph_sampling_test::contains;
using ph_sampling_test::start_or_skip;

#if defined(__x86_64__)
// Spins `iterations` times with %rbp replaced by `bogus_fp` (restored before returning), so a
// sample taken inside sees a garbage frame-pointer chain. Written in assembly because the
// compiler owns %rbp in C++ built with frame pointers. The loop has a symbol of its own: a
// sample on the entry's push/mov or the exit's pop/ret still sees the real %rbp chain (and
// rightly walks it), so only samples symbolized as the loop are judged.
extern "C" void robustness_test_spin_with_bogus_fp(long iterations, std::uintptr_t bogus_fp);
asm(R"(
  .text
  .globl robustness_test_spin_with_bogus_fp
  .type robustness_test_spin_with_bogus_fp, @function
robustness_test_spin_with_bogus_fp:
  push %rbp
  mov %rsi, %rbp
  .size robustness_test_spin_with_bogus_fp, .-robustness_test_spin_with_bogus_fp
  .type robustness_test_bogus_fp_loop, @function
robustness_test_bogus_fp_loop:
  sub $1, %rdi
  jnz robustness_test_bogus_fp_loop
  .size robustness_test_bogus_fp_loop, .-robustness_test_bogus_fp_loop
  .type robustness_test_bogus_fp_exit, @function
robustness_test_bogus_fp_exit:
  pop %rbp
  ret
  .size robustness_test_bogus_fp_exit, .-robustness_test_bogus_fp_exit
)");
#endif

static __attribute__((noipa)) double robustness_test_main_leaf(int n) {
  double x = 1.0;
  for (int i = 0; i < n; ++i) x = x * 1.0000001 + 1e-9;
  return x;
}

static __attribute__((noipa)) double robustness_test_worker_leaf(int n) {
  double x = 2.0;
  for (int i = 0; i < n; ++i) x = x * 0.9999999 + 1e-9;
  return x;
}

namespace {

std::uint64_t self_samples(const SampleProfile& p, const char* name) {
  std::uint64_t n = 0;
  for (const auto& f : p.top_self(1000))
    if (contains(f.function, name)) n += f.samples;
  return n;
}

}  // namespace

TEST_CASE("sampler profiles worker threads that attach", "[sampler]") {
  CpuSampler sampler;
  start_or_skip(sampler, 2000.0);
  bool worker_attached = false;
  std::thread worker([&] {
    ThreadSampling attach(sampler);
    worker_attached = attach.attached();
    burn_for(0.3, robustness_test_worker_leaf);
  });
  burn_for(0.3, robustness_test_main_leaf);
  worker.join();
  sampler.stop();
  CHECK(worker_attached);
  // Both threads' CPU time is accounted, so the frequency is per profiled CPU second.
  CHECK(sampler.sampled_cpu_seconds() >= 0.6);
  const SampleProfile profile = sampler.profile();
  const auto main_n = self_samples(profile, "robustness_test_main_leaf");
  const auto worker_n = self_samples(profile, "robustness_test_worker_leaf");
  INFO("main leaf " << main_n << ", worker leaf " << worker_n << ", total " << profile.total_samples());
  CHECK(main_n > profile.total_samples() / 4);
  CHECK(worker_n > profile.total_samples() / 4);
}

TEST_CASE("an unattached thread is not sampled", "[sampler]") {
  CpuSampler sampler;
  start_or_skip(sampler, 2000.0);
  std::thread worker([] { burn_for(0.2, robustness_test_worker_leaf); });
  worker.join();
  burn_for(0.05, robustness_test_main_leaf);
  sampler.stop();
  const SampleProfile profile = sampler.profile();
  CHECK(self_samples(profile, "robustness_test_worker_leaf") == 0);
  CHECK(self_samples(profile, "robustness_test_main_leaf") > 0);
}

#if defined(__x86_64__)
TEST_CASE("a broken frame-pointer chain ends the stack walk instead of crashing", "[sampler]") {
  alignas(16) std::uintptr_t self_loop[2];
  self_loop[0] = reinterpret_cast<std::uintptr_t>(&self_loop[0]);  // points at itself
  self_loop[1] = reinterpret_cast<std::uintptr_t>(&robustness_test_main_leaf);
  const std::uintptr_t bogus[] = {
      0,                                                       // null
      8,                                                       // low, unmapped
      0x00007ff0deadbee0ull,                                   // aligned, outside the stack
      reinterpret_cast<std::uintptr_t>(&self_loop[0]) + 3,     // inside the stack, misaligned
      reinterpret_cast<std::uintptr_t>(&self_loop[0]),         // a cycle
      ~std::uintptr_t{0} - 7,                                  // top of the address space
  };
  // The signal handler's walk follows the rules in sampler_capture.hpp; the kernel's (the ring)
  // reads user memory with copy_from_user, which cannot fault, but follows a cycle to its limit.
  const SamplingMethod method = GENERATE(SamplingMethod::perf_event_task_clock, SamplingMethod::perf_event_ring);
  SamplerOptions options;
  options.method = method;
  CpuSampler sampler(options);
  start_or_skip(sampler, 4000.0);
  INFO(sampler.method());
  for (const std::uintptr_t fp : bogus) {
    const double start = ph_sampling_test::thread_cpu_seconds();
    while (ph_sampling_test::thread_cpu_seconds() - start < 0.08) robustness_test_spin_with_bogus_fp(2000000, fp);
  }
  sampler.stop();
  const SampleProfile profile = sampler.profile();
  std::uint64_t spin_samples = 0, edge_samples = 0;
  std::size_t deepest = 0, deepest_at_edges = 0;
  for (const auto& s : profile.stacks()) {
    if (contains(s.frames.back(), "robustness_test_bogus_fp_loop")) {
      spin_samples += s.count;
      deepest = std::max(deepest, s.frames.size());
    } else if (contains(s.frames.back(), "robustness_test_spin_with_bogus_fp") ||
               contains(s.frames.back(), "robustness_test_bogus_fp_exit")) {
      edge_samples += s.count;
      deepest_at_edges = std::max(deepest_at_edges, s.frames.size());
    }
  }
  INFO("samples in the spin: " << spin_samples << ", deepest stack " << deepest << "; on its entry or exit: "
                               << edge_samples << ", deepest " << deepest_at_edges);
  CHECK(spin_samples > 50);
  if (method == SamplingMethod::perf_event_task_clock) {
    // The program counter, plus at most the fake return address of the self-loop record.
    CHECK(deepest <= 2);
  } else {
    CHECK(deepest <= options.max_stack_depth + 1);  // the leaf-caller candidate may add one
  }
}
#endif
