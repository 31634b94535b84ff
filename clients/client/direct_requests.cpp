#include "clients/client/direct_requests.h"

namespace hearth::client::requests {

ClientFrame publish_keys(const hearth::v1::PublishKeysRequest& keys) {
  ClientFrame frame;
  *frame.mutable_publish_keys() = keys;
  return frame;
}

ClientFrame list_devices(std::string handle) {
  ClientFrame frame;
  frame.mutable_list_devices()->set_handle(std::move(handle));
  return frame;
}

ClientFrame remove_device(std::uint64_t device_id) {
  ClientFrame frame;
  frame.mutable_remove_device()->set_device_id(device_id);
  return frame;
}

ClientFrame fetch_bundles(std::string handle) {
  ClientFrame frame;
  frame.mutable_fetch_bundles()->set_handle(std::move(handle));
  return frame;
}

ClientFrame send_direct(std::string recipient, std::uint64_t sender_device_id,
                        std::vector<hearth::v1::DirectCopy> copies) {
  ClientFrame frame;
  auto* body = frame.mutable_send_direct();
  body->set_recipient(std::move(recipient));
  body->set_sender_device_id(sender_device_id);
  for (auto& copy : copies) *body->add_copies() = std::move(copy);
  return frame;
}

ClientFrame attach_device(std::uint64_t device_id) {
  ClientFrame frame;
  frame.mutable_attach_device()->set_device_id(device_id);
  return frame;
}

ClientFrame fetch_direct(std::uint64_t device_id, std::uint64_t after_dm_id, std::uint32_t limit) {
  ClientFrame frame;
  auto* body = frame.mutable_fetch_direct();
  body->set_device_id(device_id);
  body->set_after_dm_id(after_dm_id);
  body->set_limit(limit);
  return frame;
}

ClientFrame ack_direct(std::uint64_t device_id, const std::vector<std::uint64_t>& dm_ids,
                       const std::vector<std::uint64_t>& receipt_dm_ids) {
  ClientFrame frame;
  auto* body = frame.mutable_ack_direct();
  body->set_device_id(device_id);
  for (auto id : dm_ids) body->add_dm_ids(id);
  for (auto id : receipt_dm_ids) body->add_receipt_dm_ids(id);
  return frame;
}

ClientFrame list_direct_requests() {
  ClientFrame frame;
  frame.mutable_list_direct_requests();
  return frame;
}

ClientFrame answer_direct_request(std::string handle, hearth::v1::RequestAnswer answer) {
  ClientFrame frame;
  frame.mutable_answer_direct_request()->set_handle(std::move(handle));
  frame.mutable_answer_direct_request()->set_answer(answer);
  return frame;
}

ClientFrame block_user(std::string handle, bool unblock) {
  ClientFrame frame;
  frame.mutable_block_user()->set_handle(std::move(handle));
  frame.mutable_block_user()->set_unblock(unblock);
  return frame;
}

ClientFrame list_contacts(bool blocked) {
  ClientFrame frame;
  frame.mutable_list_contacts()->set_blocked(blocked);
  return frame;
}

ClientFrame create_sponsor_invite() {
  ClientFrame frame;
  frame.mutable_create_sponsor_invite();
  return frame;
}

ClientFrame ask_sponsor(std::string handle) {
  ClientFrame frame;
  frame.mutable_ask_sponsor()->set_handle(std::move(handle));
  return frame;
}

ClientFrame ask_sponsor_by_invite(std::string invite_code) {
  ClientFrame frame;
  frame.mutable_ask_sponsor()->set_invite_code(std::move(invite_code));
  return frame;
}

ClientFrame answer_sponsorship(std::uint64_t sponsorship_id, bool accept) {
  ClientFrame frame;
  frame.mutable_answer_sponsorship()->set_sponsorship_id(sponsorship_id);
  frame.mutable_answer_sponsorship()->set_accept(accept);
  return frame;
}

ClientFrame end_sponsorship(std::uint64_t sponsorship_id) {
  ClientFrame frame;
  frame.mutable_end_sponsorship()->set_sponsorship_id(sponsorship_id);
  return frame;
}

ClientFrame list_sponsorships() {
  ClientFrame frame;
  frame.mutable_list_sponsorships();
  return frame;
}

}  // namespace hearth::client::requests
