#pragma once
// collab.money.format / pounds / parse / from_pounds, collab.round, collab.share: exact money
// and rounding for scripts, which otherwise only have binary floating point.

#include "api/api.h"

namespace collab::api {

void install_money_api(lua::Sandbox& sandbox, ApiContext& context);

}  // namespace collab::api
