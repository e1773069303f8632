#include "formula/weights.h"

namespace collab::formula {

const double* Weights::weight_of(const ForceId& force) const {
  for (const auto& [id, w] : weights)
    if (id == force) return &w;
  return nullptr;
}

}  // namespace collab::formula
