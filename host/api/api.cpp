#include "api/api.h"

#include "api/formula_constructor.h"
#include "api/model_api.h"
#include "api/money_api.h"

namespace collab::api {

void install(lua::Sandbox& sandbox, ApiContext& context) {
  install_model_api(sandbox, context);
  install_money_api(sandbox, context);
  install_formula_constructor(sandbox, context);
}

}  // namespace collab::api
