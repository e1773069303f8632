#include "lua/allocator.h"

#include <algorithm>
#include <cstdlib>

#include "lua/budget.h"

namespace collab::lua {

bool CountingAllocator::may_grow(std::size_t extra) noexcept {
  if (extra > limit_ || current_ > limit_ - extra) return false;
  return budget_ == nullptr || budget_->allow_allocation(extra);
}

void* CountingAllocator::allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size) noexcept {
  auto& self = *static_cast<CountingAllocator*>(ud);
  // With no block, Lua passes the kind of object in old_size: nothing is held yet.
  const std::size_t held = block != nullptr ? old_size : 0;
  if (new_size == 0) {
    std::free(block);
    self.current_ -= held;
    return nullptr;
  }
  if (new_size > held && !self.may_grow(new_size - held)) {
    ++self.refusals_;
    return nullptr;
  }
  void* moved = std::realloc(block, new_size);
  if (moved == nullptr) {
    if (new_size <= held) return block;  // a shrink never fails: keep the larger block
    ++self.refusals_;
    return nullptr;
  }
  self.current_ = self.current_ - held + new_size;
  self.peak_ = std::max(self.peak_, self.current_);
  return moved;
}

}  // namespace collab::lua
