#include "perfharness/indicators/indicators.hpp"

namespace ph::ind {
namespace {
template <class F>
Eigen::VectorXd apply(const Eigen::VectorXd& x, F f) {
  Eigen::VectorXd out(x.size());
  f(x.data(), x.size(), out.data());
  return out;
}
}  // namespace

Eigen::VectorXd sma(const Eigen::VectorXd& x, int p) {
  return apply(x, [p](const double* in, Index n, double* o) { sma(in, n, p, o); });
}
Eigen::VectorXd ema(const Eigen::VectorXd& x, int p) {
  return apply(x, [p](const double* in, Index n, double* o) { ema(in, n, p, o); });
}
Eigen::VectorXd rsi(const Eigen::VectorXd& x, int p) {
  return apply(x, [p](const double* in, Index n, double* o) { rsi(in, n, p, o); });
}
Eigen::VectorXd pct_change(const Eigen::VectorXd& x, int p) {
  return apply(x, [p](const double* in, Index n, double* o) { pct_change(in, n, p, o); });
}
Eigen::VectorXd rolling_max_prev(const Eigen::VectorXd& x, int p) {
  return apply(x, [p](const double* in, Index n, double* o) { rolling_max_prev(in, n, p, o); });
}
Eigen::VectorXd rolling_min_prev(const Eigen::VectorXd& x, int p) {
  return apply(x, [p](const double* in, Index n, double* o) { rolling_min_prev(in, n, p, o); });
}

}  // namespace ph::ind
