#pragma once
// Feeds source text to lua_load a little at a time, so compiling stops at the deadline.

#include <lua.hpp>

#include <cstddef>
#include <string_view>

namespace collab::lua {

/// The lua_Reader of every load, the host's and the scripts': it hands the parser at most
/// kPiece bytes at a time and looks at the CPU budget before each piece (the parser runs no
/// instructions, so no hook would stop a quadratic compile), and stops at `max_bytes` of source.
/// Source is text only: every load passes mode "t".
class ChunkReader {
 public:
  static constexpr std::size_t kPiece = 4096;

  ChunkReader(lua_State* L, std::size_t max_bytes) : L_(L), max_bytes_(max_bytes) {}

  /// The whole source at once (the caller has checked its size).
  void from_text(std::string_view text) { pending_ = text; }
  /// A script's reader function at stack index `function_index`; the current piece is kept alive
  /// in stack slot `slot_index` (both in the frame that calls lua_load).
  void from_function(int function_index, int slot_index) {
    function_ = function_index;
    slot_ = slot_index;
  }

  /// The lua_Reader; `ud` is a ChunkReader.
  static const char* read(lua_State* L, void* ud, std::size_t* size);

  /// The script's reader function returned more than max_bytes: the chunk was cut short.
  bool too_large() const { return too_large_; }

 private:
  const char* next(std::size_t* size);
  void fetch();

  lua_State* L_;
  std::size_t max_bytes_;
  std::string_view pending_;
  int function_ = 0;
  int slot_ = 0;
  std::size_t fetched_ = 0;
  bool done_ = false;
  bool too_large_ = false;
};

}  // namespace collab::lua
