#include "lua/chunk_reader.h"

#include <algorithm>

#include "lua/host_state.h"

namespace collab::lua {

const char* ChunkReader::read(lua_State* L, void* ud, std::size_t* size) {
  auto* self = static_cast<ChunkReader*>(ud);
  (void)L;  // the same thread as L_
  return self->next(size);
}

const char* ChunkReader::next(std::size_t* size) {
  host_of(L_).budget.check(L_);  // raises the timeout inside lua_load, which returns it as a status
  if (pending_.empty() && function_ != 0 && !done_) fetch();
  const std::size_t n = std::min(kPiece, pending_.size());
  *size = n;
  if (n == 0) return nullptr;
  const char* piece = pending_.data();
  pending_.remove_prefix(n);
  return piece;
}

void ChunkReader::fetch() {
  lua_pushvalue(L_, function_);
  lua_call(L_, 0, 1);
  if (lua_isnil(L_, -1)) {
    lua_pop(L_, 1);
    done_ = true;
    return;
  }
  if (lua_type(L_, -1) != LUA_TSTRING) luaL_error(L_, "reader function must return a string");
  std::size_t len = 0;
  const char* text = lua_tolstring(L_, -1, &len);
  fetched_ += len;
  if (len == 0 || fetched_ > max_bytes_) {
    too_large_ = fetched_ > max_bytes_;
    done_ = true;
    lua_pop(L_, 1);
    return;
  }
  lua_replace(L_, slot_);  // keeps the piece alive while the parser reads it
  pending_ = {text, len};
}

}  // namespace collab::lua
