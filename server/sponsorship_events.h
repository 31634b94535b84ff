// The sponsorship_changed event, for every change to a sponsorship: an answer, an end, and the
// closing of open sponsorships by a block.
#pragma once

#include "server/storage/direct_records.h"

namespace hearth::server {

struct ServerContext;

// Tells both sides' connections of `sponsorship`, except a sponsor from whom the ask is hidden
// (they block the sponsee): the sponsee hears exactly what any pending ask would bring them.
void notify_sponsorship_changed(ServerContext& context, const storage::SponsorshipRecord& sponsorship);

}  // namespace hearth::server
