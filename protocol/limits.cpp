#include "protocol/limits.h"

namespace hearth::protocol {

const DecodeLimits& default_decode_limits() {
  static const DecodeLimits limits;
  return limits;
}

}  // namespace hearth::protocol
