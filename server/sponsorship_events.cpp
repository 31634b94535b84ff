#include "server/sponsorship_events.h"

#include "server/direct_wire.h"
#include "server/log.h"
#include "server/server_context.h"

namespace hearth::server {

void notify_sponsorship_changed(ServerContext& context, const storage::SponsorshipRecord& sponsorship) {
  hearth::v1::Event event;
  *event.mutable_sponsorship_changed()->mutable_sponsorship() = to_wire(sponsorship);
  if (!sponsorship.hidden_from_sponsor) context.notifier.notify_user(sponsorship.sponsor_id, event);
  context.notifier.notify_user(sponsorship.sponsee_id, event);
  log::info("sponsorship.changed", {{"sponsorship", sponsorship.id}, {"state", static_cast<int>(sponsorship.state)}});
}

}  // namespace hearth::server
