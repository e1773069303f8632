#pragma once
// FunctionRef: a non-owning reference to a callable, for callbacks that do not outlive a call.

#include <memory>
#include <type_traits>
#include <utility>

namespace collab::lua {

template <class Signature>
class FunctionRef;

/// Two pointers, no allocation: cheap enough for a call per formula evaluation. The callable
/// must outlive the FunctionRef (pass lambdas directly as arguments).
template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, F&, Args...>)
  FunctionRef(F&& f)  // NOLINT: implicit by design
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}

  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

}  // namespace collab::lua
