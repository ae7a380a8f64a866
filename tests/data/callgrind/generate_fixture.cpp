// Generates the callgrind fixture in this folder (see README.md). Not built by CMake.
#include <cstdio>

#include "perfharness/profilers/callgrind.hpp"

__attribute__((noipa)) long fixture_work(long n) {
  long s = 0;
  for (long i = 0; i < n; ++i) s += i * i % 7;
  return s;
}

int main() {
  long total = 0;
  {
    ph::profilers::InstructionRegion r("sum_1000");
    total += fixture_work(1000);
  }
  {
    ph::profilers::InstructionRegion r("sum_5000");
    total += fixture_work(5000);
  }
  {
    ph::profilers::InstructionRegion r("sum_1000");
    total += fixture_work(1000);
  }
  {
    ph::profilers::InstructionRegion outer("outer");
    ph::profilers::InstructionRegion inner("inner");  // nested: must not produce its own dump
    total += fixture_work(2000);
  }
  std::printf("%ld\n", total);
}
