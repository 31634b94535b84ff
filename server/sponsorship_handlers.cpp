// Sponsorships: a member asks someone they share a room with (or whose one-time sponsor invite
// they hold) to be their sponsor; the sponsor accepts or declines; either ends it. While active,
// the two are contacts. Both hear of every change.
#include "server/clock.h"
#include "server/direct_lookup.h"
#include "server/direct_wire.h"
#include "server/handlers.h"
#include "server/invites.h"
#include "server/log.h"
#include "server/secrets.h"
#include "server/server_context.h"
#include "server/sponsorship_events.h"

namespace hearth::server {

namespace {

// Answers with the sponsorship and tells both sides' connections.
void announce(ServerContext& context, const Reply& reply, const storage::SponsorshipRecord& sponsorship) {
  hearth::v1::Response response;
  *response.mutable_sponsorship()->mutable_sponsorship() = to_wire(sponsorship);
  reply.send(std::move(response));
  notify_sponsorship_changed(context, sponsorship);
}

// The callback of every sponsorship change: `not_found` says what kNotFound means here.
storage::Callback<storage::SponsorshipRecord> announce_or_refuse(ServerContext& context, const Reply& reply,
                                                                 std::string not_found) {
  return [&context, reply, not_found = std::move(not_found)](storage::Result<storage::SponsorshipRecord> result) {
    switch (result.status()) {
      case storage::Status::kOk: return announce(context, reply, result.value());
      case storage::Status::kNotFound: return reply.error(hearth::v1::NOT_FOUND, not_found);
      case storage::Status::kAlreadyExists:
        return reply.error(hearth::v1::ALREADY_EXISTS, "the two of you already have a pending or active sponsorship");
      case storage::Status::kForbidden: return reply.error(hearth::v1::INVALID_ARGUMENT, "you cannot sponsor yourself");
      default: return reply.storage_error(result.status());
    }
  };
}

}  // namespace

void handle_create_sponsor_invite(ServerContext& context, const Reply& reply, const Identity& identity) {
  std::string code = new_invite_code();
  const std::int64_t expires = invite_expiry_ms(0);  // as long as any invite: 72 hours
  context.direct_store.create_sponsor_invite(
      identity.user_id, hash_invite_code(code), now_ms(), expires,
      [reply, code, expires, user_id = identity.user_id](storage::Result<storage::Done> created) {
        if (!created.ok()) return reply.storage_error(created.status());
        log::info("sponsorship.invite_created", {{"by", user_id}});
        hearth::v1::Response response;
        response.mutable_invite()->set_code(code);
        response.mutable_invite()->set_expires_at_ms(expires);
        reply.send(std::move(response));
      });
}

void handle_ask_sponsor(ServerContext& context, const Reply& reply, const Identity& identity,
                        const hearth::v1::AskSponsorRequest& request) {
  const std::uint64_t sponsee = identity.user_id;
  if (request.has_invite_code()) {
    return context.direct_store.ask_sponsor_by_invite(
        sponsee, hash_invite_code(normalize_invite_code(request.invite_code())), now_ms(),
        announce_or_refuse(context, reply, "that sponsor invite is unknown, used or expired"));
  }
  const std::string handle = request.handle();
  if (handle.empty()) return reply.error(hearth::v1::INVALID_ARGUMENT, "name a sponsor by handle or invite code");
  // One sentence for an unknown handle and someone out of reach (and for someone the asker
  // blocks). An ask to someone who blocks the asker is opened, hidden from them: see open_ask.
  std::string unreachable = "no member called \"" + handle + "\" you share a room with; ask them for a sponsor invite";
  with_user(
      context, reply, handle,
      [&context, reply, sponsee, unreachable](storage::UserRecord sponsor) {
        context.direct_store.ask_sponsor(sponsee, sponsor.id, now_ms(), announce_or_refuse(context, reply, unreachable));
      },
      unreachable);
}

void handle_answer_sponsorship(ServerContext& context, const Reply& reply, const Identity& identity,
                               const hearth::v1::AnswerSponsorshipRequest& request) {
  context.direct_store.answer_sponsorship(request.sponsorship_id(), identity.user_id, request.accept(), now_ms(),
                                          announce_or_refuse(context, reply, "no pending ask of yours with that id"));
}

void handle_end_sponsorship(ServerContext& context, const Reply& reply, const Identity& identity,
                            const hearth::v1::EndSponsorshipRequest& request) {
  context.direct_store.end_sponsorship(request.sponsorship_id(), identity.user_id, now_ms(),
                                       announce_or_refuse(context, reply, "no sponsorship of yours with that id to end"));
}

void handle_list_sponsorships(ServerContext& context, const Reply& reply, const Identity& identity) {
  context.direct_store.list_sponsorships(identity.user_id, [reply](storage::Result<std::vector<storage::SponsorshipRecord>> list) {
    if (!list.ok()) return reply.storage_error(list.status());
    hearth::v1::Response response;
    auto* sponsorships = response.mutable_sponsorships();
    for (const auto& sponsorship : list.value()) *sponsorships->add_sponsorships() = to_wire(sponsorship);
    reply.send(std::move(response));
  });
}

}  // namespace hearth::server
