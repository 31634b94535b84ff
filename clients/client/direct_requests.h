// Builders for the direct-message ClientFrames (hearth/v1/direct.proto), beside requests.h.
// Key material arrives already encoded (raw bytes in std::string); the cryptography is
// clients/e2e's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hearth/v1/frames.pb.h"

namespace hearth::client::requests {

using hearth::v1::ClientFrame;

ClientFrame publish_keys(const hearth::v1::PublishKeysRequest& keys);
ClientFrame list_devices(std::string handle = {});
ClientFrame remove_device(std::uint64_t device_id);
ClientFrame fetch_bundles(std::string handle);
ClientFrame send_direct(std::string recipient, std::uint64_t sender_device_id,
                        std::vector<hearth::v1::DirectCopy> copies);
ClientFrame attach_device(std::uint64_t device_id);
ClientFrame fetch_direct(std::uint64_t device_id, std::uint64_t after_dm_id = 0, std::uint32_t limit = 0);
// Acknowledges stored messages (dm_ids) and delivery receipts taken note of (receipt_dm_ids).
ClientFrame ack_direct(std::uint64_t device_id, const std::vector<std::uint64_t>& dm_ids,
                       const std::vector<std::uint64_t>& receipt_dm_ids = {});
ClientFrame list_direct_requests();
ClientFrame answer_direct_request(std::string handle, hearth::v1::RequestAnswer answer);
ClientFrame block_user(std::string handle, bool unblock = false);
ClientFrame list_contacts(bool blocked = false);
ClientFrame create_sponsor_invite();
ClientFrame ask_sponsor(std::string handle);
ClientFrame ask_sponsor_by_invite(std::string invite_code);
ClientFrame answer_sponsorship(std::uint64_t sponsorship_id, bool accept);
ClientFrame end_sponsorship(std::uint64_t sponsorship_id);
ClientFrame list_sponsorships();

}  // namespace hearth::client::requests
