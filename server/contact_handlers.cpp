// Message requests, contacts and blocks. A stranger who shares a room may write once and wait;
// the recipient accepts (the messages arrive), declines (they are deleted unread) or blocks.
#include "protocol/frame_codec.h"
#include "server/clock.h"
#include "server/direct_lookup.h"
#include "server/direct_wire.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/server_context.h"
#include "server/sponsorship_events.h"

namespace hearth::server {

namespace {

std::optional<storage::RequestAnswer> from_wire(hearth::v1::RequestAnswer answer) {
  switch (answer) {
    case hearth::v1::REQUEST_ACCEPT: return storage::RequestAnswer::kAccept;
    case hearth::v1::REQUEST_DECLINE: return storage::RequestAnswer::kDecline;
    case hearth::v1::REQUEST_BLOCK: return storage::RequestAnswer::kBlock;
    default: return std::nullopt;
  }
}

void reply_contacts(const Reply& reply, const storage::Result<std::vector<storage::ContactRecord>>& contacts) {
  if (!contacts.ok()) return reply.storage_error(contacts.status());
  hearth::v1::Response response;
  auto* list = response.mutable_contacts();  // set even when empty
  for (const auto& contact : contacts.value()) *list->add_contacts() = to_wire(contact);
  reply.send(std::move(response));
}

// Pushes what an answer or a block changed: released messages to their devices, and each
// sponsorship a block closed to both sides, as a decline or an end by hand would be told.
void announce_change(ServerContext& context, const storage::ContactChange& change) {
  for (const auto& delivery : change.released) push_direct_message(context.devices, delivery);
  for (const auto& sponsorship : change.sponsorships) notify_sponsorship_changed(context, sponsorship);
}

}  // namespace

void handle_list_direct_requests(ServerContext& context, const Reply& reply, const Identity& identity) {
  context.direct_store.list_requests(identity.user_id, [reply](storage::Result<std::vector<storage::DirectRequestRecord>> requests) {
    if (!requests.ok()) return reply.storage_error(requests.status());
    hearth::v1::Response response;
    auto* list = response.mutable_direct_requests();
    for (const auto& request : requests.value()) *list->add_requests() = to_wire(request);
    reply.send(std::move(response));
  });
}

void handle_answer_direct_request(ServerContext& context, const Reply& reply, const Identity& identity,
                                  const hearth::v1::AnswerDirectRequestRequest& request) {
  const auto answer = from_wire(request.answer());
  if (!answer) return reply.error(hearth::v1::INVALID_ARGUMENT, "answer a request with accept, decline or block");
  const std::uint64_t user_id = identity.user_id;
  const std::string handle = request.handle();
  with_user(context, reply, handle, [&context, reply, user_id, handle, answer](storage::UserRecord from) {
    context.direct_store.answer_request(
        user_id, from.id, *answer, now_ms(),
        [&context, reply, user_id, handle, answer, from_id = from.id](storage::Result<storage::ContactChange> change) {
          if (change.status() == storage::Status::kNotFound) {
            return reply.error(hearth::v1::NOT_FOUND, "no message request from " + handle);
          }
          if (!change.ok()) return reply.storage_error(change.status());
          log::info("direct.request_answered", {{"user", user_id}, {"from", from_id}, {"answer", static_cast<int>(*answer)}});
          reply.ok();
          announce_change(context, change.value());
        });
  });
}

void handle_block_user(ServerContext& context, const Reply& reply, const Identity& identity,
                       const hearth::v1::BlockUserRequest& request) {
  const std::uint64_t user_id = identity.user_id;
  const bool block = !request.unblock();
  const std::string handle = request.handle();
  if (handle == identity.handle) return reply.error(hearth::v1::INVALID_ARGUMENT, "you cannot block yourself");
  with_user(context, reply, handle, [&context, reply, user_id, block, handle](storage::UserRecord target) {
    context.direct_store.set_blocked(
        user_id, target.id, block, now_ms(),
        [&context, reply, user_id, block, handle, target_id = target.id](storage::Result<storage::ContactChange> change) {
          if (change.status() == storage::Status::kNotFound) {
            return reply.error(hearth::v1::NOT_FOUND, "you have not blocked " + handle);
          }
          if (!change.ok()) return reply.storage_error(change.status());
          log::info(block ? "direct.blocked" : "direct.unblocked", {{"user", user_id}, {"target", target_id}});
          reply.ok();
          announce_change(context, change.value());
        });
  });
}

void handle_list_contacts(ServerContext& context, const Reply& reply, const Identity& identity,
                          const hearth::v1::ListContactsRequest& request) {
  auto answer = [reply](storage::Result<std::vector<storage::ContactRecord>> contacts) { reply_contacts(reply, contacts); };
  if (request.blocked()) return context.direct_store.list_blocked(identity.user_id, answer);
  context.direct_store.list_contacts(identity.user_id, answer);
}

}  // namespace hearth::server
