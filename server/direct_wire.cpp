#include "server/direct_wire.h"

namespace hearth::server {

namespace {

void set_user(hearth::v1::UserRef* ref, std::uint64_t id, const std::string& handle) {
  ref->set_user_id(id);
  ref->set_handle(handle);
}

}  // namespace

hearth::v1::DeviceInfo to_wire(const storage::DeviceRecord& device, bool own) {
  hearth::v1::DeviceInfo info;
  info.set_device_id(device.device_id);
  info.set_name(device.name);
  info.set_identity_signing_key(device.identity_signing_key);
  info.set_created_at_ms(device.created_at_ms);
  info.set_signed_prekey_at_ms(device.signed_prekey_at_ms);
  // Someone else's stock says how often they are written to: theirs alone to know.
  if (own) info.set_one_time_prekeys_left(device.one_time_prekeys_left);
  return info;
}

hearth::v1::KeyBundle to_wire(const storage::DeviceBundle& bundle) {
  hearth::v1::KeyBundle wire;
  *wire.mutable_device() = to_wire(bundle.device, false);
  wire.set_identity_dh_key(bundle.device.identity_dh_key);
  wire.set_identity_dh_signature(bundle.device.identity_dh_signature);
  auto* signed_prekey = wire.mutable_signed_prekey();
  signed_prekey->set_id(bundle.device.signed_prekey_id);
  signed_prekey->set_public_key(bundle.device.signed_prekey);
  signed_prekey->set_signature(bundle.device.signed_prekey_signature);
  if (bundle.one_time_prekey) {
    wire.mutable_one_time_prekey()->set_id(bundle.one_time_prekey->key_id);
    wire.mutable_one_time_prekey()->set_public_key(bundle.one_time_prekey->public_key);
  }
  return wire;
}

hearth::v1::DirectDelivered to_wire(const storage::DirectReceipt& receipt) {
  hearth::v1::DirectDelivered wire;
  wire.set_dm_id(receipt.dm_id);
  wire.mutable_recipient()->set_user_id(receipt.recipient_id);
  wire.mutable_recipient()->set_handle(receipt.recipient_handle);
  wire.set_device_id(receipt.by_device_id);
  return wire;
}

hearth::v1::DirectMessage to_wire(const storage::DirectDelivery& delivery) {
  hearth::v1::DirectMessage message;
  message.set_dm_id(delivery.dm_id);
  message.set_device_id(delivery.device_id);
  set_user(message.mutable_sender(), delivery.sender_id, delivery.sender_handle);
  message.set_sender_device_id(delivery.sender_device_id);
  set_user(message.mutable_recipient(), delivery.recipient_id, delivery.recipient_handle);
  message.set_envelope(delivery.envelope);
  message.set_sent_at_ms(delivery.sent_at_ms);
  return message;
}

hearth::v1::DirectRequestInfo to_wire(const storage::DirectRequestRecord& request) {
  hearth::v1::DirectRequestInfo info;
  set_user(info.mutable_from(), request.from_id, request.from_handle);
  info.set_messages(request.messages);
  info.set_first_at_ms(request.first_at_ms);
  info.set_last_at_ms(request.last_at_ms);
  return info;
}

hearth::v1::ContactInfo to_wire(const storage::ContactRecord& contact) {
  hearth::v1::ContactInfo info;
  set_user(info.mutable_user(), contact.user_id, contact.handle);
  info.set_since_ms(contact.since_ms);
  return info;
}

hearth::v1::SponsorshipInfo to_wire(const storage::SponsorshipRecord& sponsorship) {
  hearth::v1::SponsorshipInfo info;
  info.set_sponsorship_id(sponsorship.id);
  set_user(info.mutable_sponsor(), sponsorship.sponsor_id, sponsorship.sponsor_handle);
  set_user(info.mutable_sponsee(), sponsorship.sponsee_id, sponsorship.sponsee_handle);
  // SponsorshipState is numerically equal to the wire enum.
  info.set_state(static_cast<hearth::v1::SponsorshipState>(sponsorship.state));
  info.set_asked_at_ms(sponsorship.asked_at_ms);
  info.set_answered_at_ms(sponsorship.answered_at_ms);
  info.set_ended_at_ms(sponsorship.ended_at_ms);
  return info;
}

}  // namespace hearth::server
