// Numbers in CI formats: units always, counts exact, no exponent for everyday magnitudes.
#include <catch2/catch.hpp>

#include "text_format.hpp"

using namespace ph::report;

TEST_CASE("plain_number writes integers exactly and others to 4 significant digits", "[text-format]") {
  CHECK(plain_number(1000001) == "1000001");
  CHECK(plain_number(123456789012) == "123456789012");
  CHECK(plain_number(0) == "0");
  CHECK(plain_number(-3) == "-3");
  CHECK(plain_number(61.2345) == "61.23");
  CHECK(plain_number(0.0612345) == "0.06123");
  CHECK(plain_number(0.5) == "0.5");
  CHECK(plain_number(1234.56) == "1235");  // digits before the point are never cut
  CHECK(plain_number(0.001) == "0.001");
  CHECK(plain_number(2.5e-5) == "2.5e-05");
}

TEST_CASE("with_unit writes durations, sizes and counts as a person reads them", "[text-format]") {
  CHECK(with_unit(1.5, "s") == "1.5 s");
  CHECK(with_unit(0.0612, "s") == "61.2 ms");
  CHECK(with_unit(3.2e-5, "s") == "32 µs");
  CHECK(with_unit(4e-8, "s") == "40 ns");
  CHECK(with_unit(7.438e-05, "s") == "74.38 µs");
  CHECK(with_unit(0, "s") == "0 s");
  CHECK(with_unit(61.2, "ms") == "61.2 ms");  // a budget's actual prints in its limit's unit
  CHECK(with_unit(0.01139, "ms") == "11.39 µs");
  CHECK(with_unit(2500, "ms") == "2.5 s");
  CHECK(with_unit(4812331, "count") == "4,812,331");
  CHECK(with_unit(999, "count") == "999");
  CHECK(with_unit(12345.6, "count") == "12,346");  // 4 significant digits, never fewer than the integer part
  CHECK(with_unit(27.25, "count") == "27.25");
  CHECK(with_unit(-1234567, "count") == "-1,234,567");
  CHECK(with_unit(27840, "instructions") == "27,840 instructions");
  CHECK(with_unit(12.5, "MB") == "12.5 MiB");
  CHECK(with_unit(0.00804, "MB") == "8.233 KiB");
  CHECK(with_unit(1536, "MB") == "1.5 GiB");
  CHECK(with_unit(100.0 / (1024 * 1024), "MB") == "100 B");
  CHECK(with_unit(0, "MB") == "0 B");
  CHECK(with_unit(0.25, "MB/1k bars") == "256 KiB/1k bars");
  CHECK(with_unit(1.25, "ratio") == "1.25");
  CHECK(junit_seconds(12.3456) == "12.346");
  CHECK(junit_seconds(-1) == "0.000");
}
