#include "store/store.h"

#include <algorithm>
#include <cmath>

namespace palabre::store {

std::int64_t RiskKey(double risk) {
  if (!(risk > 0.0)) return 0;  // NaN too
  return std::min<std::int64_t>(10'000, std::llround(risk * 10'000.0));
}

double RiskOfKey(std::int64_t key) {
  return static_cast<double>(std::clamp<std::int64_t>(key, 0, 10'000)) / 10'000.0;
}

}  // namespace palabre::store
