// Every connection holds a file descriptor. Shells and init systems often set the soft limit to
// 1024 while the hard limit allows far more, so hearthd raises its soft limit to the hard one at
// start, as most servers do; only a privileged administrator can raise the hard one
// (deploy/hearthd.service sets LimitNOFILE).
#pragma once

#include <cstdint>

namespace hearth::server {

// Returns the soft limit in force afterwards.
std::uint64_t raise_open_file_limit();

}  // namespace hearth::server
