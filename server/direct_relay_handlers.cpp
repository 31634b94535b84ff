// The relay: one ciphertext per device, held until that device acknowledges it. A device that
// is attached on a connection gets its copies pushed at once; the rest fetch them when they come
// back. The server reads nothing of an envelope but its size, and logs only ids and counts.
#include <set>

#include "protocol/frame_codec.h"
#include "server/clock.h"
#include "server/direct_lookup.h"
#include "server/direct_wire.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/server_context.h"
#include "server/session.h"

namespace hearth::server {

namespace {

constexpr std::uint32_t kDefaultFetch = 100;
constexpr std::uint32_t kMaxFetch = 200;
constexpr int kMaxAcks = 500;

std::string check_copies(const Config& config, const hearth::v1::SendDirectRequest& request) {
  if (request.sender_device_id() == 0) return "say which of your devices is sending (sender_device_id)";
  if (request.copies().empty()) return "a direct message needs a copy for each of the recipient's devices";
  if (request.copies_size() > static_cast<int>(2 * config.max_devices_per_user)) return "too many copies";
  std::set<std::uint64_t> devices;
  for (const auto& copy : request.copies()) {
    if (copy.envelope().empty()) return "an empty envelope";
    if (!devices.insert(copy.device_id()).second) return "two copies for one device";
  }
  return {};
}

void reply_send_refused(const Reply& reply, const std::string& handle, storage::Status status) {
  switch (status) {
    case storage::Status::kNotFound: return reply_no_such_user(reply, handle);
    case storage::Status::kLimitReached:
      return reply.error(hearth::v1::LIMIT_REACHED,
                         "nothing was sent: " + handle + " has too many messages waiting, or yours wait as a request "
                         "they have not answered yet; try again later");
    default: return reply.storage_error(status);
  }
}

void reply_devices_changed(const Reply& reply, const std::vector<std::uint64_t>& expected) {
  hearth::v1::Error error;
  error.set_code(hearth::v1::DEVICES_CHANGED);
  error.set_message("the devices changed: encrypt for exactly the devices in expected_device_ids");
  for (auto id : expected) error.add_expected_device_ids(id);
  reply.error(std::move(error));
}

}  // namespace

void handle_send_direct(ServerContext& context, const Reply& reply, const Identity& identity,
                        hearth::v1::SendDirectRequest& request) {
  if (std::string problem = check_copies(context.config, request); !problem.empty()) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, problem);
  }
  for (const auto& copy : request.copies()) {
    if (copy.envelope().size() > context.config.max_direct_envelope_bytes) {
      return reply.error(hearth::v1::TOO_LARGE, "a direct message is at most " +
                                                    std::to_string(context.config.max_direct_envelope_bytes) +
                                                    " bytes encrypted; send a shorter one");
    }
  }
  if (request.recipient() == identity.handle) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, "your other devices get a copy of what you send; write to someone else");
  }
  const Identity sender = identity;
  const std::string handle = request.recipient();
  // Moved, not copied, all the way: into storage, and back in its answer for the push.
  auto copies = std::make_shared<std::vector<storage::DirectCopy>>();
  for (auto& copy : *request.mutable_copies()) copies->push_back({copy.device_id(), std::move(*copy.mutable_envelope())});
  const std::uint64_t sender_device = request.sender_device_id();
  with_user(context, reply, handle, [&context, reply, sender, handle, copies, sender_device](storage::UserRecord recipient) {
    storage::DirectSendRequest send;
    send.sender_id = sender.user_id;
    send.sender_device_id = sender_device;
    send.recipient_id = recipient.id;
    send.copies = std::move(*copies);
    send.max_queued_per_device = context.config.max_direct_queued_per_device;
    send.max_request_messages = context.config.max_direct_request_messages;
    send.now_ms = now_ms();
    context.direct_store.send_direct(std::move(send), [&context, reply, sender, handle, recipient, sender_device](
                                                          storage::Result<storage::DirectSendResult> sent) {
      // The handle as the sender typed it, never the stored spelling: an unknown handle can only
      // be echoed, so anything else would tell that this one exists.
      if (!sent.ok()) return reply_send_refused(reply, handle, sent.status());
      if (sent->route == storage::DirectRoute::kDevicesChanged) return reply_devices_changed(reply, sent->expected_devices);
      const bool request = sent->route == storage::DirectRoute::kRequest;
      hearth::v1::Response response;
      response.mutable_direct_sent()->set_dm_id(sent->dm_id);
      response.mutable_direct_sent()->set_sent_at_ms(sent->sent_at_ms);
      response.mutable_direct_sent()->set_request(request);
      reply.send(std::move(response));
      context.metrics.direct_messages_sent.fetch_add(1, std::memory_order_relaxed);
      log::debug("direct.sent", {{"dm", sent->dm_id}, {"from", sender.user_id}, {"to", recipient.id},
                                 {"copies", sent->copies.size()}, {"request", request ? 1 : 0}});
      storage::DirectDelivery delivery;
      delivery.dm_id = sent->dm_id;
      delivery.sender_id = sender.user_id;
      delivery.sender_handle = sender.handle;
      delivery.sender_device_id = sender_device;
      delivery.recipient_id = recipient.id;
      delivery.recipient_handle = recipient.handle;
      delivery.sent_at_ms = sent->sent_at_ms;
      std::set<std::uint64_t> held;
      if (request) {
        hearth::v1::Event event;
        event.mutable_direct_request()->mutable_from()->set_user_id(sender.user_id);
        event.mutable_direct_request()->mutable_from()->set_handle(sender.handle);
        context.notifier.notify_user(recipient.id, event);
        held.insert(sent->recipient_devices.begin(), sent->recipient_devices.end());
      }
      for (auto& copy : sent->copies) {
        if (held.count(copy.device_id) != 0) continue;
        delivery.device_id = copy.device_id;
        delivery.envelope = std::move(copy.envelope);
        push_direct_message(context.devices, delivery);
      }
    });
  });
}

void handle_attach_device(ServerContext& context, const Reply& reply, const Identity& identity,
                          const hearth::v1::AttachDeviceRequest& request) {
  const std::uint64_t device_id = request.device_id();
  context.direct_store.list_devices(identity.user_id, [&context, reply, device_id](
                                                          storage::Result<std::vector<storage::DeviceRecord>> devices) {
    if (!devices.ok()) return reply.storage_error(devices.status());
    const auto device = std::find_if(devices->begin(), devices->end(),
                                     [&](const storage::DeviceRecord& d) { return d.device_id == device_id; });
    if (device == devices->end()) {
      return reply.error(hearth::v1::NOT_FOUND, "you have no device " + std::to_string(device_id) + " (was it removed?)");
    }
    const std::uint32_t prekeys_left = device->one_time_prekeys_left;
    context.direct_store.count_queued(device_id, [&context, reply, device_id, prekeys_left](storage::Result<std::uint64_t> queued) {
      if (!queued.ok()) return reply.storage_error(queued.status());
      // Attached before answering: a copy stored from now on is pushed, and one stored before
      // is in the fetch the client makes after this answer.
      context.devices.attach(device_id, reply.session());
      hearth::v1::Response response;
      response.mutable_device_attached()->set_queued(static_cast<std::uint32_t>(queued.value()));
      response.mutable_device_attached()->set_one_time_prekeys_left(prekeys_left);
      reply.send(std::move(response));
    });
  });
}

void handle_fetch_direct(ServerContext& context, const Reply& reply, const Identity& identity,
                         const hearth::v1::FetchDirectRequest& request) {
  if (request.limit() > kMaxFetch) return reply.error(hearth::v1::TOO_LARGE, "fetch at most 200 at a time");
  const std::uint32_t limit = request.limit() == 0 ? kDefaultFetch : request.limit();
  const std::uint64_t device_id = request.device_id();
  context.direct_store.fetch_direct(
      identity.user_id, device_id, request.after_dm_id(), limit + 1, limit,
      [reply, limit, device_id](storage::Result<storage::DirectPage> fetched) {
        if (fetched.status() == storage::Status::kNotFound) {
          return reply.error(hearth::v1::NOT_FOUND, "you have no device " + std::to_string(device_id) + " (was it removed?)");
        }
        if (!fetched.ok()) return reply.storage_error(fetched.status());
        const auto& messages = fetched->messages;
        hearth::v1::Response response;
        auto* page = response.mutable_direct_messages();
        page->set_has_more(messages.size() > limit);
        for (std::size_t i = 0; i < messages.size() && i < limit; ++i) *page->add_messages() = to_wire(messages[i]);
        for (const auto& receipt : fetched->receipts) *page->add_receipts() = to_wire(receipt);
        reply.send(std::move(response));
      });
}

void handle_ack_direct(ServerContext& context, const Reply& reply, const Identity& identity,
                       const hearth::v1::AckDirectRequest& request) {
  if (request.dm_ids_size() > kMaxAcks || request.receipt_dm_ids_size() > kMaxAcks) {
    return reply.error(hearth::v1::TOO_LARGE, "acknowledge at most 500 messages and 500 receipts at a time");
  }
  const std::uint64_t device_id = request.device_id();
  const std::uint64_t user_id = identity.user_id;
  const std::string handle = identity.handle;
  std::vector<std::uint64_t> ids(request.dm_ids().begin(), request.dm_ids().end());
  std::vector<std::uint64_t> receipt_ids(request.receipt_dm_ids().begin(), request.receipt_dm_ids().end());
  context.direct_store.ack_direct(
      user_id, device_id, std::move(ids), std::move(receipt_ids),
      [&context, reply, device_id, user_id, handle](storage::Result<std::vector<storage::DirectAck>> acked) {
        if (acked.status() == storage::Status::kNotFound) {
          return reply.error(hearth::v1::NOT_FOUND, "you have no device " + std::to_string(device_id) + " (was it removed?)");
        }
        if (!acked.ok()) return reply.storage_error(acked.status());
        reply.ok();
        for (const auto& ack : acked.value()) {
          // A receipt tells the sender a recipient's device has it; the sender's own devices
          // syncing their copies is no news to anyone. The connections online now hear it at
          // once; every device of the sender also finds it in its next fetch (stored with the
          // acknowledgement) until it acknowledges the receipt.
          if (ack.recipient_id != user_id) continue;
          hearth::v1::Event event;
          *event.mutable_direct_delivered() = to_wire(storage::DirectReceipt{ack.dm_id, user_id, handle, ack.device_id});
          context.notifier.notify_user(ack.sender_id, event);
          context.metrics.direct_messages_delivered.fetch_add(1, std::memory_order_relaxed);
        }
      });
}

}  // namespace hearth::server
