#pragma once
// collab.record.*: the published record a report lays out, each call a fresh plain table (money
// in integer pence, percentages as numbers of percent, years as "2016/17", dates as "Sep
// 2011"), every table with its provenance (`source = {document, table, note}`).
// docs/lua/collab.lua lists every field.

#include "api/api.h"

namespace collab::api {

void install_record_api(lua::Sandbox& sandbox, ApiContext& context);

}  // namespace collab::api
