#include "lua/pattern.h"

#include <cstring>
#include <string.h>  // memmem (glibc; linear time)

#include <string_view>

#include "lua/guard.h"
#include "lua/host_state.h"

namespace collab::lua {

namespace {

constexpr int kMaxCaptures = 32;  // as LUA_MAXCAPTURES
constexpr int kMaxDepth = 200;    // recursion of the matcher, as Lua's own ("pattern too complex")
constexpr std::ptrdiff_t kUnfinished = -1;
constexpr std::ptrdiff_t kPosition = -2;
constexpr std::string_view kSpecials = "^$*+?.([%-";

// ---- character classes (ASCII, as the C locale; never the process locale) --------------------

bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_cntrl(unsigned char c) { return c < 32 || c == 127; }
bool is_graph(unsigned char c) { return c > 32 && c < 127; }
bool is_punct(unsigned char c) { return is_graph(c) && !is_alnum(c); }
bool is_xdigit(unsigned char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
unsigned char to_lower(unsigned char c) { return is_upper(c) ? static_cast<unsigned char>(c - 'A' + 'a') : c; }

// Does c belong to class %cl (%a, %d, ... or, for any other cl, the character cl itself)?
bool class_matches(unsigned char c, unsigned char cl) {
  bool result = false;
  switch (to_lower(cl)) {
    case 'a': result = is_alpha(c); break;
    case 'c': result = is_cntrl(c); break;
    case 'd': result = is_digit(c); break;
    case 'g': result = is_graph(c); break;
    case 'l': result = is_lower(c); break;
    case 'p': result = is_punct(c); break;
    case 's': result = is_space(c); break;
    case 'u': result = is_upper(c); break;
    case 'w': result = is_alnum(c); break;
    case 'x': result = is_xdigit(c); break;
    case 'z': result = c == 0; break;  // deprecated in 5.2, still in 5.4
    default: return cl == c;
  }
  return is_upper(cl) ? !result : result;
}

// ---- the matcher -----------------------------------------------------------------------------

/// A backtracking matcher of one pattern against one subject. Each step (a position tried, a
/// character consumed by a repetition or %b, a back-reference compared) counts against the budget.
class Matcher {
 public:
  Matcher(lua_State* L, std::string_view subject, std::string_view pattern)
      : L_(L),
        begin_(subject.data()),
        end_(subject.data() + subject.size()),
        pattern_end_(pattern.data() + pattern.size()),
        steps_(L, host_of(L).budget) {}

  const char* subject_end() const { return end_; }

  /// The end of a match of the pattern from p at s, or nullptr; captures start afresh.
  const char* match_at(const char* s, const char* p) {
    level_ = 0;
    depth_ = 0;
    return match(s, p);
  }

  /// Pushes capture i of the match [s, e) (the whole match for i == 0 if there are no captures).
  void push_capture(int i, const char* s, const char* e);
  /// Pushes every capture (or the whole match, if there are none and s is given).
  int push_captures(const char* s, const char* e);

 private:
  const char* match(const char* s, const char* p);
  const char* match_here(const char* s, const char* p);
  const char* class_end(const char* p);
  bool bracket_matches(unsigned char c, const char* p, const char* ec) const;
  bool single_match(const char* s, const char* p, const char* ep) const;
  const char* max_expand(const char* s, const char* p, const char* ep);
  const char* min_expand(const char* s, const char* p, const char* ep);
  const char* start_capture(const char* s, const char* p, std::ptrdiff_t what);
  const char* end_capture(const char* s, const char* p);
  const char* match_balance(const char* s, const char* p);
  const char* match_frontier(const char* s, const char* p, const char** next);
  const char* match_back_reference(const char* s, char index);
  int check_capture(char index);
  int capture_to_close();

  struct Capture {
    const char* init;
    std::ptrdiff_t len;
  };

  lua_State* L_;
  const char* begin_;
  const char* end_;
  const char* pattern_end_;
  StepCounter steps_;
  int level_ = 0;
  int depth_ = 0;
  Capture capture_[kMaxCaptures] = {};
};

const char* Matcher::match(const char* s, const char* p) {
  if (++depth_ > kMaxDepth) luaL_error(L_, "pattern too complex");
  const char* result = match_here(s, p);
  --depth_;
  return result;
}

const char* Matcher::match_here(const char* s, const char* p) {
  for (;;) {
    steps_.step();
    if (p == pattern_end_) return s;
    switch (*p) {
      case '(':
        if (p + 1 < pattern_end_ && p[1] == ')') return start_capture(s, p + 2, kPosition);
        return start_capture(s, p + 1, kUnfinished);
      case ')': return end_capture(s, p + 1);
      case '$':
        if (p + 1 == pattern_end_) return s == end_ ? s : nullptr;
        break;  // an ordinary '$'
      case '%':
        if (p + 1 >= pattern_end_) break;  // class_end reports it
        if (p[1] == 'b') {
          s = match_balance(s, p + 2);
          if (s == nullptr) return nullptr;
          p += 4;
          continue;
        }
        if (p[1] == 'f') {
          s = match_frontier(s, p + 2, &p);
          if (s == nullptr) return nullptr;
          continue;
        }
        if (is_digit(static_cast<unsigned char>(p[1]))) {
          s = match_back_reference(s, p[1]);
          if (s == nullptr) return nullptr;
          p += 2;
          continue;
        }
        break;
      default: break;
    }
    // One character class, maybe followed by a repetition.
    const char* ep = class_end(p);
    const char repeat = ep < pattern_end_ ? *ep : '\0';
    if (!single_match(s, p, ep)) {
      if (repeat == '*' || repeat == '?' || repeat == '-') {
        p = ep + 1;  // zero repetitions
        continue;
      }
      return nullptr;
    }
    switch (repeat) {
      case '?': {
        if (const char* r = match(s + 1, ep + 1)) return r;
        p = ep + 1;
        continue;
      }
      case '+': return max_expand(s + 1, p, ep);
      case '*': return max_expand(s, p, ep);
      case '-': return min_expand(s, p, ep);
      default:
        ++s;
        p = ep;
        continue;
    }
  }
}

// The end of the single-character class at p ("x", "%a", "[...]").
const char* Matcher::class_end(const char* p) {
  const char c = *p++;
  if (c == '%') {
    if (p >= pattern_end_) luaL_error(L_, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c == '[') {
    if (p < pattern_end_ && *p == '^') ++p;
    do {  // the first character of a set may be ']'
      if (p >= pattern_end_) luaL_error(L_, "malformed pattern (missing ']')");
      const char member = *p++;
      if (member == '%' && p < pattern_end_) ++p;
    } while (p >= pattern_end_ || *p != ']');
    return p + 1;
  }
  return p;
}

// Does c belong to the set [...] from p (at '[') to ec (at its ']')?
bool Matcher::bracket_matches(unsigned char c, const char* p, const char* ec) const {
  bool found = true;
  if (p[1] == '^') {
    found = false;
    ++p;
  }
  while (++p < ec) {
    if (*p == '%') {
      ++p;
      if (class_matches(c, static_cast<unsigned char>(*p))) return found;
    } else if (p[1] == '-' && p + 2 < ec) {
      p += 2;
      if (static_cast<unsigned char>(p[-2]) <= c && c <= static_cast<unsigned char>(*p)) return found;
    } else if (static_cast<unsigned char>(*p) == c) {
      return found;
    }
  }
  return !found;
}

bool Matcher::single_match(const char* s, const char* p, const char* ep) const {
  if (s >= end_) return false;
  const auto c = static_cast<unsigned char>(*s);
  switch (*p) {
    case '.': return true;
    case '%': return class_matches(c, static_cast<unsigned char>(p[1]));
    case '[': return bracket_matches(c, p, ep - 1);
    default: return static_cast<unsigned char>(*p) == c;
  }
}

const char* Matcher::max_expand(const char* s, const char* p, const char* ep) {
  std::ptrdiff_t i = 0;
  while (single_match(s + i, p, ep)) {
    ++i;
    steps_.step();
  }
  for (; i >= 0; --i) {  // the longest repetition first
    if (const char* r = match(s + i, ep + 1)) return r;
  }
  return nullptr;
}

const char* Matcher::min_expand(const char* s, const char* p, const char* ep) {
  for (;;) {  // the shortest repetition first
    if (const char* r = match(s, ep + 1)) return r;
    if (!single_match(s, p, ep)) return nullptr;
    ++s;
  }
}

const char* Matcher::start_capture(const char* s, const char* p, std::ptrdiff_t what) {
  if (level_ >= kMaxCaptures) luaL_error(L_, "too many captures");
  capture_[level_] = {s, what};
  ++level_;
  const char* r = match(s, p);
  if (r == nullptr) --level_;
  return r;
}

int Matcher::capture_to_close() {
  for (int level = level_ - 1; level >= 0; --level)
    if (capture_[level].len == kUnfinished) return level;
  luaL_error(L_, "invalid pattern capture");
  return 0;  // not reached
}

const char* Matcher::end_capture(const char* s, const char* p) {
  const int l = capture_to_close();
  capture_[l].len = s - capture_[l].init;
  const char* r = match(s, p);
  if (r == nullptr) capture_[l].len = kUnfinished;
  return r;
}

const char* Matcher::match_balance(const char* s, const char* p) {
  if (p + 1 >= pattern_end_) luaL_error(L_, "malformed pattern (missing arguments to '%%b')");
  if (s >= end_ || *s != *p) return nullptr;
  const char open = p[0];
  const char close = p[1];
  int depth = 1;
  while (++s < end_) {
    steps_.step();
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      ++depth;
    }
  }
  return nullptr;
}

// %f[set] at s; p is just after "%f". On success *next is the pattern after the set.
const char* Matcher::match_frontier(const char* s, const char* p, const char** next) {
  if (p >= pattern_end_ || *p != '[') luaL_error(L_, "missing '[' after '%%f' in pattern");
  const char* ep = class_end(p);
  const auto previous = static_cast<unsigned char>(s == begin_ ? '\0' : s[-1]);
  const auto current = static_cast<unsigned char>(s < end_ ? *s : '\0');
  if (bracket_matches(previous, p, ep - 1) || !bracket_matches(current, p, ep - 1)) return nullptr;
  *next = ep;
  return s;
}

int Matcher::check_capture(char index) {
  const int l = index - '1';
  if (l < 0 || l >= level_ || capture_[l].len == kUnfinished)
    luaL_error(L_, "invalid capture index %%%d", l + 1);
  return l;
}

const char* Matcher::match_back_reference(const char* s, char index) {
  const Capture& c = capture_[check_capture(index)];
  if (c.len < 0 || end_ - s < c.len) return nullptr;  // a position capture never matches text
  const auto len = static_cast<std::size_t>(c.len);
  steps_.step(static_cast<std::uint32_t>(len / 64));
  return std::memcmp(c.init, s, len) == 0 ? s + len : nullptr;
}

void Matcher::push_capture(int i, const char* s, const char* e) {
  if (i >= level_) {
    if (i != 0) luaL_error(L_, "invalid capture index %%%d", i + 1);
    lua_pushlstring(L_, s, static_cast<std::size_t>(e - s));
    return;
  }
  const Capture& c = capture_[i];
  if (c.len == kUnfinished) luaL_error(L_, "unfinished capture");
  if (c.len == kPosition)
    lua_pushinteger(L_, static_cast<lua_Integer>(c.init - begin_) + 1);
  else
    lua_pushlstring(L_, c.init, static_cast<std::size_t>(c.len));
}

int Matcher::push_captures(const char* s, const char* e) {
  const int n = (level_ == 0 && s != nullptr) ? 1 : level_;
  luaL_checkstack(L_, n, "too many captures");
  for (int i = 0; i < n; ++i) push_capture(i, s, e);
  return n;
}

// ---- find, match, gmatch, gsub ---------------------------------------------------------------

// A 1-based start position (negative: from the end) as a 0-based offset; may be > len.
std::size_t start_offset(lua_Integer pos, std::size_t len) {
  if (pos > 0) return static_cast<std::size_t>(pos) - 1;
  if (pos == 0 || pos < -static_cast<lua_Integer>(len)) return 0;
  return len - static_cast<std::size_t>(-pos);
}

bool has_specials(std::string_view pattern) { return pattern.find_first_of(kSpecials) != std::string_view::npos; }

std::string_view check_string(lua_State* L, int arg) {
  std::size_t len = 0;
  const char* s = luaL_checklstring(L, arg, &len);
  return {s, len};
}

int find_or_match(lua_State* L, bool find) {
  const std::string_view s = check_string(L, 1);
  const std::string_view p = check_string(L, 2);
  const std::size_t init = start_offset(luaL_optinteger(L, 3, 1), s.size());
  if (init > s.size()) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) != 0 || !has_specials(p))) {
    const void* hit = p.empty() ? s.data() + init : memmem(s.data() + init, s.size() - init, p.data(), p.size());
    if (hit != nullptr) {
      const auto start = static_cast<const char*>(hit) - s.data();
      lua_pushinteger(L, static_cast<lua_Integer>(start) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(start + static_cast<std::ptrdiff_t>(p.size())));
      return 2;
    }
    luaL_pushfail(L);
    return 1;
  }
  Matcher m(L, s, p);
  const bool anchor = !p.empty() && p[0] == '^';
  const char* pattern = p.data() + (anchor ? 1 : 0);
  const char* s1 = s.data() + init;
  do {
    if (const char* e = m.match_at(s1, pattern)) {
      if (!find) return m.push_captures(s1, e);
      lua_pushinteger(L, static_cast<lua_Integer>(s1 - s.data()) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(e - s.data()));
      return m.push_captures(nullptr, nullptr) + 2;
    }
  } while (s1++ < m.subject_end() && !anchor);
  luaL_pushfail(L);
  return 1;
}

struct GmatchState {
  std::size_t next;        // offset where the next search starts
  std::ptrdiff_t last_end;  // offset where the last match ended, or -1
};

// The iterator gmatch returns; upvalues: subject, pattern, GmatchState.
int gmatch_step(lua_State* L) {
  std::size_t s_len = 0;
  std::size_t p_len = 0;
  const char* s = lua_tolstring(L, lua_upvalueindex(1), &s_len);
  const char* p = lua_tolstring(L, lua_upvalueindex(2), &p_len);
  auto* state = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  Matcher m(L, {s, s_len}, {p, p_len});
  for (std::size_t at = state->next; at <= s_len; ++at) {
    const char* e = m.match_at(s + at, p);
    if (e != nullptr && e - s != state->last_end) {
      state->last_end = e - s;
      state->next = static_cast<std::size_t>(e - s);
      return m.push_captures(s + at, e);
    }
  }
  state->next = s_len + 1;
  return 0;
}

// Adds [s, s + len) to the gsub result, within the size cap.
void add_capped(lua_State* L, luaL_Buffer* b, const char* s, std::size_t len) {
  const std::size_t cap = host_of(L).limits.max_string_bytes;
  if (len > cap || luaL_bufflen(b) > cap - len)
    luaL_error(L, "string.gsub: resulting string too large (limit %I bytes)", static_cast<lua_Integer>(cap));
  luaL_addlstring(b, s, len);
}

// Adds the string on top of the stack to the result (popping it), within the size cap.
void add_value_capped(lua_State* L, luaL_Buffer* b) {
  std::size_t len = 0;
  lua_tolstring(L, -1, &len);
  const std::size_t cap = host_of(L).limits.max_string_bytes;
  if (len > cap || luaL_bufflen(b) > cap - len)
    luaL_error(L, "string.gsub: resulting string too large (limit %I bytes)", static_cast<lua_Integer>(cap));
  luaL_addvalue(b);
}

// The replacement string (argument 3) for the match [s, e): %0-%9 and %%.
void add_replacement_string(lua_State* L, luaL_Buffer* b, Matcher& m, const char* s, const char* e) {
  std::size_t len = 0;
  const char* r = lua_tolstring(L, 3, &len);
  const char* end = r + len;
  while (r < end) {
    const auto* percent = static_cast<const char*>(std::memchr(r, '%', static_cast<std::size_t>(end - r)));
    if (percent == nullptr) {
      add_capped(L, b, r, static_cast<std::size_t>(end - r));
      return;
    }
    add_capped(L, b, r, static_cast<std::size_t>(percent - r));
    r = percent + 1;
    const char d = r < end ? *r : '\0';
    if (d == '%') {
      add_capped(L, b, "%", 1);
    } else if (is_digit(static_cast<unsigned char>(d))) {
      if (d == '0') {
        add_capped(L, b, s, static_cast<std::size_t>(e - s));
      } else {
        m.push_capture(d - '1', s, e);
        luaL_tolstring(L, -1, nullptr);
        lua_remove(L, -2);
        add_value_capped(L, b);
      }
    } else {
      luaL_error(L, "invalid use of '%c' in replacement string", '%');
    }
    ++r;
  }
}

void add_replacement(lua_State* L, luaL_Buffer* b, Matcher& m, const char* s, const char* e, int repl_type) {
  if (repl_type == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    const int n = m.push_captures(s, e);
    lua_call(L, n, 1);
  } else if (repl_type == LUA_TTABLE) {
    m.push_capture(0, s, e);
    lua_gettable(L, 3);
  } else {
    add_replacement_string(L, b, m, s, e);
    return;
  }
  if (!lua_toboolean(L, -1)) {  // nil or false: keep the match
    lua_pop(L, 1);
    add_capped(L, b, s, static_cast<std::size_t>(e - s));
  } else if (!lua_isstring(L, -1)) {
    luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  } else {
    add_value_capped(L, b);
  }
}

}  // namespace

int pattern_find(lua_State* L) { return find_or_match(L, true); }

int pattern_match(lua_State* L) { return find_or_match(L, false); }

int pattern_gmatch(lua_State* L) {
  const std::string_view s = check_string(L, 1);
  check_string(L, 2);
  std::size_t init = start_offset(luaL_optinteger(L, 3, 1), s.size());
  if (init > s.size()) init = s.size() + 1;
  lua_settop(L, 2);
  auto* state = static_cast<GmatchState*>(lua_newuserdatauv(L, sizeof(GmatchState), 0));
  *state = {init, -1};
  lua_pushcclosure(L, guarded<gmatch_step>, 3);
  return 1;
}

int pattern_gsub(lua_State* L) {
  const std::string_view src = check_string(L, 1);
  const std::string_view p = check_string(L, 2);
  const int repl_type = lua_type(L, 3);
  const lua_Integer max_n = luaL_optinteger(L, 4, static_cast<lua_Integer>(src.size()) + 1);
  luaL_argexpected(L, repl_type == LUA_TNUMBER || repl_type == LUA_TSTRING || repl_type == LUA_TFUNCTION ||
                          repl_type == LUA_TTABLE,
                   3, "string/function/table");
  const bool anchor = !p.empty() && p[0] == '^';
  const char* pattern = p.data() + (anchor ? 1 : 0);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  Matcher m(L, src, p);
  const char* s = src.data();
  const char* last_match = nullptr;
  lua_Integer n = 0;
  while (n < max_n) {
    const char* e = m.match_at(s, pattern);
    if (e != nullptr && e != last_match) {
      ++n;
      add_replacement(L, &b, m, s, e, repl_type);
      s = last_match = e;
    } else if (s < m.subject_end()) {
      add_capped(L, &b, s++, 1);
    } else {
      break;
    }
    if (anchor) break;
  }
  add_capped(L, &b, s, static_cast<std::size_t>(m.subject_end() - s));
  luaL_pushresult(&b);
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace collab::lua
