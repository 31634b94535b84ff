// The key directory: devices publish their public keys, and whoever may write to a user fetches
// one bundle per device of theirs to open sessions. Every signature is checked here, so a
// client never gets a bundle whose prekey its owner's identity did not sign.
#include <set>

#include "clients/e2e/device_keys.h"
#include "server/clock.h"
#include "server/direct_lookup.h"
#include "server/direct_wire.h"
#include "server/handlers.h"
#include "server/log.h"
#include "server/server_context.h"

namespace hearth::server {

namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;
constexpr int kMaxPrekeysPerUpload = 100;
constexpr std::size_t kMaxDeviceNameBytes = 40;

std::span<const std::uint8_t> bytes(const std::string& value) {
  return {reinterpret_cast<const std::uint8_t*>(value.data()), value.size()};
}

// What is wrong with the upload, or empty when it can be stored.
std::string check_upload(const hearth::v1::PublishKeysRequest& request) {
  if (request.identity_signing_key().size() != kKeyBytes || request.identity_dh_key().size() != kKeyBytes ||
      request.signed_prekey().public_key().size() != kKeyBytes) {
    return "identity keys and prekeys are 32 bytes each";
  }
  if (request.identity_dh_signature().size() != kSignatureBytes ||
      request.signed_prekey().signature().size() != kSignatureBytes) {
    return "signatures are 64 bytes each";
  }
  if (!e2e::verify_device_keys(bytes(request.identity_signing_key()), bytes(request.identity_dh_key()),
                               bytes(request.identity_dh_signature()), request.signed_prekey().id(),
                               bytes(request.signed_prekey().public_key()),
                               bytes(request.signed_prekey().signature()))) {
    return "a signature does not verify with the identity signing key";
  }
  // Ids count from 1 (clients/e2e/README.md): a prekey message naming id 0 is refused by every
  // recipient, so such a key could never start a session.
  if (request.signed_prekey().id() == 0) return "signed prekey ids count from 1";
  if (request.device_id() == 0 && (request.device_name().empty() || request.device_name().size() > kMaxDeviceNameBytes)) {
    return "a new device needs a name of 1 to 40 bytes";
  }
  std::set<std::uint32_t> ids;
  for (const auto& prekey : request.one_time_prekeys()) {
    if (prekey.public_key().size() != kKeyBytes) return "one-time prekeys are 32 bytes each";
    if (prekey.id() == 0) return "one-time prekey ids count from 1";
    if (!ids.insert(prekey.id()).second) return "one-time prekey ids must be distinct";
  }
  return {};
}

storage::PublishKeysRequest to_record(const Config& config, const Identity& identity,
                                      const hearth::v1::PublishKeysRequest& request) {
  storage::PublishKeysRequest record;
  record.user_id = identity.user_id;
  record.keys.device_id = request.device_id();
  record.keys.user_id = identity.user_id;
  record.keys.name = request.device_name();
  record.keys.identity_signing_key = request.identity_signing_key();
  record.keys.identity_dh_key = request.identity_dh_key();
  record.keys.identity_dh_signature = request.identity_dh_signature();
  record.keys.signed_prekey_id = request.signed_prekey().id();
  record.keys.signed_prekey = request.signed_prekey().public_key();
  record.keys.signed_prekey_signature = request.signed_prekey().signature();
  for (const auto& prekey : request.one_time_prekeys()) {
    record.one_time_prekeys.push_back({prekey.id(), prekey.public_key()});
  }
  record.max_devices_per_user = config.max_devices_per_user;
  record.max_one_time_prekeys = config.max_one_time_prekeys;
  record.now_ms = now_ms();
  return record;
}

void reply_device_list(const Reply& reply, const storage::UserRecord& owner, bool own,
                       const std::vector<storage::DeviceRecord>& devices) {
  hearth::v1::Response response;
  auto* list = response.mutable_devices();
  list->mutable_user()->set_user_id(owner.id);
  list->mutable_user()->set_handle(owner.handle);
  for (const auto& device : devices) *list->add_devices() = to_wire(device, own);
  reply.send(std::move(response));
}

}  // namespace

void handle_publish_keys(ServerContext& context, const Reply& reply, const Identity& identity,
                         const hearth::v1::PublishKeysRequest& request) {
  if (request.one_time_prekeys_size() > kMaxPrekeysPerUpload) {
    return reply.error(hearth::v1::TOO_LARGE, "upload at most 100 one-time prekeys at a time");
  }
  if (std::string problem = check_upload(request); !problem.empty()) {
    return reply.error(hearth::v1::INVALID_ARGUMENT, problem);
  }
  const std::uint64_t user_id = identity.user_id;
  context.direct_store.publish_keys(
      to_record(context.config, identity, request),
      [reply, user_id](storage::Result<storage::PublishKeysResult> published) {
        switch (published.status()) {
          case storage::Status::kOk: break;
          case storage::Status::kLimitReached:
            return reply.error(hearth::v1::LIMIT_REACHED,
                               "too many devices or one-time prekeys: remove an old device (hearth devices) or "
                               "upload fewer prekeys");
          case storage::Status::kAlreadyExists:
            return reply.error(hearth::v1::ALREADY_EXISTS, "that identity key is already registered to a device");
          case storage::Status::kForbidden:
            return reply.error(hearth::v1::FORBIDDEN,
                               "a device's identity keys never change; register a new device instead");
          case storage::Status::kNotFound:
            return reply.error(hearth::v1::NOT_FOUND, "no such device of yours (was it removed?)");
          default: return reply.storage_error(published.status());
        }
        log::info("direct.keys_published", {{"user", user_id}, {"device", published->device.device_id},
                                            {"created", published->created ? 1 : 0},
                                            {"prekeys_left", published->device.one_time_prekeys_left}});
        hearth::v1::Response response;
        *response.mutable_device()->mutable_device() = to_wire(published->device, true);
        response.mutable_device()->set_created(published->created);
        reply.send(std::move(response));
      });
}

void handle_list_devices(ServerContext& context, const Reply& reply, const Identity& identity,
                         const hearth::v1::ListDevicesRequest& request) {
  const std::uint64_t caller = identity.user_id;
  const std::string handle = request.handle().empty() ? identity.handle : request.handle();
  with_user(context, reply, handle, [&context, reply, caller, handle](storage::UserRecord owner) {
    auto list = [&context, reply, owner, handle, own = owner.id == caller] {
      context.direct_store.list_devices(owner.id, [reply, owner, handle, own](storage::Result<std::vector<storage::DeviceRecord>> devices) {
        if (!devices.ok()) return reply.storage_error(devices.status());
        // Someone without a device cannot be written to: the answer of a block (and of
        // take_bundles and send_direct), so that a blocked person cannot tell the two apart.
        if (!own && devices->empty()) return reply_no_such_user(reply, handle);
        reply_device_list(reply, owner, own, devices.value());
      });
    };
    if (owner.id == caller) return list();
    context.direct_store.reach(caller, owner.id, [reply, handle, list](storage::Result<storage::DirectReach> reach) {
      if (!reach.ok()) return reply.storage_error(reach.status());
      if (reach.value() == storage::DirectReach::kUnreachable) return reply_no_such_user(reply, handle);
      list();
    });
  });
}

void handle_remove_device(ServerContext& context, const Reply& reply, const Identity& identity,
                          const hearth::v1::RemoveDeviceRequest& request) {
  const std::uint64_t device_id = request.device_id();
  const std::uint64_t user_id = identity.user_id;
  context.direct_store.remove_device(user_id, device_id, [&context, reply, user_id, device_id](storage::Result<storage::Done> removed) {
    if (removed.status() == storage::Status::kNotFound) {
      return reply.error(hearth::v1::NOT_FOUND, "you have no device " + std::to_string(device_id));
    }
    if (!removed.ok()) return reply.storage_error(removed.status());
    context.devices.forget(device_id);
    log::info("direct.device_removed", {{"user", user_id}, {"device", device_id}});
    reply.ok();
  });
}

void handle_fetch_bundles(ServerContext& context, const Reply& reply, const Identity& identity,
                          const hearth::v1::FetchBundlesRequest& request) {
  const std::uint64_t caller = identity.user_id;
  const std::string handle = request.handle();
  storage::PrekeyAllowance allowance;
  allowance.per_requester = context.config.prekeys_per_requester;
  allowance.window_ms = std::int64_t{context.config.prekeys_per_requester_hours} * 3600 * 1000;
  allowance.now_ms = now_ms();
  with_user(context, reply, handle, [&context, reply, caller, handle, allowance](storage::UserRecord owner) {
    context.direct_store.take_bundles(
        caller, owner.id, allowance, [&context, reply, owner, handle](storage::Result<std::vector<storage::DeviceBundle>> bundles) {
          if (bundles.status() == storage::Status::kNotFound) return reply_no_such_user(reply, handle);
          if (!bundles.ok()) return reply.storage_error(bundles.status());
          hearth::v1::Response response;
          auto* result = response.mutable_bundles();
          result->mutable_user()->set_user_id(owner.id);
          result->mutable_user()->set_handle(owner.handle);
          for (const auto& bundle : bundles.value()) {
            *result->add_bundles() = to_wire(bundle);
            if (bundle.device.one_time_prekeys_left < context.config.prekeys_low_threshold) {
              hearth::v1::Event event;
              event.mutable_prekeys_low()->set_device_id(bundle.device.device_id);
              event.mutable_prekeys_low()->set_left(bundle.device.one_time_prekeys_left);
              context.notifier.notify_user(owner.id, event);
            }
          }
          reply.send(std::move(response));
        });
  });
}

}  // namespace hearth::server
