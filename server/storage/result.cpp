#include "server/storage/result.h"

namespace hearth::storage {

const char* to_string(Status status) {
  switch (status) {
    case Status::kOk: return "ok";
    case Status::kNotFound: return "not found";
    case Status::kAlreadyExists: return "already exists";
    case Status::kForbidden: return "forbidden";
    case Status::kConflict: return "conflict";
    case Status::kLimitReached: return "limit reached";
    case Status::kFull: return "storage full";
    case Status::kUnavailable: return "storage unavailable";
    case Status::kInternal: return "internal storage error";
  }
  return "unknown";
}

}  // namespace hearth::storage
