#pragma once
// What the peer benchmarks share: running a Python peer and comparing its figures.
#include <string>

namespace ph::bench {

/// The Python that runs the peers: PH_PYTHON, else Debian's /usr/bin/python3 (with
/// python3-pandas and python3-numba), else python3 on the PATH.
std::string peer_python();

/// The standard output of `command` run by the shell; empty when it fails.
std::string run_capture(const std::string& command);

/// |a - b| relative to the larger magnitude, or absolute below 1.
double rel_diff(double a, double b);

}  // namespace ph::bench
