#pragma once
// collab.region, collab.forces, collab.units, collab.years, collab.force, collab.unit,
// collab.participants, collab.budget, collab.grant, collab.population, collab.nre, collab.has,
// collab.year.previous, collab.year.next.

#include "api/api.h"

namespace collab::api {

void install_model_api(lua::Sandbox& sandbox, ApiContext& context);

}  // namespace collab::api
