// The storage side of end-to-end direct messages: the key directory, the per-device relay,
// contacts, message requests, blocks and sponsorships. Same contract as Store (store.h):
// asynchronous, callbacks on a storage thread, mutations applied in submission order and durable
// before their callback.
//
// Who may write to whom (DirectReach), decided inside the transaction that needs it:
//   - a block in either direction makes the pair unreachable;
//   - contacts (an accepted request, or an active sponsorship either way) reach each other;
//   - otherwise two members who share a room reach each other as a request;
//   - otherwise unreachable.
// Unreachable gives kNotFound, exactly as for an unknown user, so nobody can learn they were
// blocked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/storage/direct_records.h"
#include "server/storage/result.h"
#include "server/storage/store.h"

namespace hearth::storage {

class DirectStore {
 public:
  virtual ~DirectStore() = default;

  // --- key directory ----------------------------------------------------------------------
  // Registers a new device (keys.device_id == 0; kLimitReached past max_devices_per_user;
  // kAlreadyExists if the identity signing key is already registered to any device) or updates
  // one of the user's devices (kNotFound if it is not theirs or was removed; kForbidden if the
  // identity keys differ: a new identity is a new device). An update replaces the signed prekey
  // when its id differs. One-time prekeys are added; ids already stored for the device are
  // ignored (an upload may be retried); kLimitReached, storing none, if the device would hold
  // more than max_one_time_prekeys.
  virtual void publish_keys(PublishKeysRequest request, Callback<PublishKeysResult> done) = 0;
  // The user's devices (not removed), oldest first, with their one-time prekey counts.
  virtual void list_devices(std::uint64_t user_id, Callback<std::vector<DeviceRecord>> done) = 0;
  // Removes one of the user's devices: its keys, its one-time prekeys and every ciphertext
  // queued for it are deleted. kNotFound if not the user's.
  virtual void remove_device(std::uint64_t user_id, std::uint64_t device_id, Callback<Done> done) = 0;
  // One bundle per device of `owner_id`, handing out (deleting) the lowest-id one-time prekey of
  // each, unless `requester_id` has already taken `allowance.per_requester` of that device's
  // one-time prekeys within the window: then the bundle has none and nothing is taken (counted
  // before taking, in the same transaction, and kept in the database so a restart does not
  // reset it). `requester_id` must reach `owner_id`, and `owner_id` must have a device
  // (kNotFound otherwise, as for a block), unless they are the same user (a sender encrypts
  // copies for its own other devices).
  virtual void take_bundles(std::uint64_t requester_id, std::uint64_t owner_id, PrekeyAllowance allowance,
                            Callback<std::vector<DeviceBundle>> done) = 0;

  // --- relay ---------------------------------------------------------------------------------
  // Stores one direct message. In one transaction:
  //   - kNotFound if the recipient is unreachable (see above) or the sender device is not the
  //     sender's;
  //   - route kDevicesChanged (status kOk, nothing stored), with expected_devices, unless the
  //     copies name exactly the recipient's devices and the sender's devices other than
  //     sender_device_id, each once;
  //   - kLimitReached if any recipient device already has max_queued_per_device copies queued
  //     (held ones not counted), or, for a request, max_request_messages already wait;
  //   - then a dm id, and one queued copy per device, and recipient_devices filled. A request's
  //     recipient copies are held (not fetched) until the request is accepted; the sender's own
  //     copies never are.
  virtual void send_direct(DirectSendRequest request, Callback<DirectSendResult> done) = 0;
  // The device's queued, not held copies, oldest first, after `after_dm_id`, at most `limit`;
  // and its oldest `receipt_limit` waiting receipts, whatever the cursor. kNotFound if the
  // device is not the user's.
  virtual void fetch_direct(std::uint64_t user_id, std::uint64_t device_id, std::uint64_t after_dm_id,
                            std::uint32_t limit, std::uint32_t receipt_limit, Callback<DirectPage> done) = 0;
  // Deletes the device's copies of `dm_ids` and its receipts of `receipt_dm_ids`; unknown ids
  // are ignored (acks may repeat). Returns the copies deleted now. In the same transaction, a
  // copy acknowledged by a device of the message's recipient leaves a receipt for every device
  // of the sender (one per message and device: the first acknowledgement). kNotFound if the
  // device is not the user's.
  virtual void ack_direct(std::uint64_t user_id, std::uint64_t device_id, std::vector<std::uint64_t> dm_ids,
                          std::vector<std::uint64_t> receipt_dm_ids, Callback<std::vector<DirectAck>> done) = 0;
  // How many copies are queued for the device (held ones included): what waits for it.
  virtual void count_queued(std::uint64_t device_id, Callback<std::uint64_t> done) = 0;

  // --- requests, contacts, blocks -------------------------------------------------------------
  virtual void reach(std::uint64_t from_id, std::uint64_t to_id, Callback<DirectReach> done) = 0;
  // Senders whose messages to `user_id` wait as requests, oldest first.
  virtual void list_requests(std::uint64_t user_id, Callback<std::vector<DirectRequestRecord>> done) = 0;
  // Accept: the two become contacts and the held copies become fetchable (`released`, so the
  // server can push them to online devices). Decline: the held copies are deleted. Block: as
  // set_blocked. kNotFound if there is no request from from_id (except kBlock, which works
  // without one).
  virtual void answer_request(std::uint64_t user_id, std::uint64_t from_id, RequestAnswer answer,
                              std::int64_t now_ms, Callback<ContactChange> done) = 0;
  // Blocks or unblocks. A block changes nothing the blocked side could not have seen the blocker
  // do by hand (block_user in sqlite_direct_rows.h): their requests to the blocker are deleted
  // unseen, and the open sponsorships between the two close (returned in `sponsorships`, so both
  // hear of it as of a decline or an end). Unblocking restores reach and brings back what the
  // block only hid. kNotFound when unblocking someone not blocked.
  virtual void set_blocked(std::uint64_t user_id, std::uint64_t target_id, bool blocked, std::int64_t now_ms,
                           Callback<ContactChange> done) = 0;
  virtual void list_blocked(std::uint64_t user_id, Callback<std::vector<ContactRecord>> done) = 0;
  // Accepted contacts and active sponsorships (either direction), by handle, but for people
  // user_id blocks (those are listed by list_blocked instead).
  virtual void list_contacts(std::uint64_t user_id, Callback<std::vector<ContactRecord>> done) = 0;

  // --- sponsorships ---------------------------------------------------------------------------
  // A one-time code a sponsor hands out; stored only as a hash.
  virtual void create_sponsor_invite(std::uint64_t sponsor_id, std::string code_hash, std::int64_t now_ms,
                                     std::int64_t expires_at_ms, Callback<Done> done) = 0;
  // `sponsee_id` asks `sponsor_id`. kNotFound if they share no room or the sponsee blocks the
  // sponsor; kAlreadyExists if a pending or active sponsorship links the two already; kForbidden
  // when asking oneself. An ask to a sponsor who blocks the sponsee is opened like any other but
  // hidden from the sponsor (SponsorshipRecord::hidden_from_sponsor).
  virtual void ask_sponsor(std::uint64_t sponsee_id, std::uint64_t sponsor_id, std::int64_t now_ms,
                           Callback<SponsorshipRecord> done) = 0;
  // The same, naming the sponsor by an unused, unexpired sponsor invite (consumed); kNotFound
  // for an unknown, used or expired code.
  virtual void ask_sponsor_by_invite(std::uint64_t sponsee_id, std::string code_hash, std::int64_t now_ms,
                                     Callback<SponsorshipRecord> done) = 0;
  // The sponsor accepts (active) or declines a pending ask. kNotFound unless it is pending,
  // user_id is its sponsor and the ask is not hidden from them.
  virtual void answer_sponsorship(std::uint64_t sponsorship_id, std::uint64_t user_id, bool accept,
                                  std::int64_t now_ms, Callback<SponsorshipRecord> done) = 0;
  // Either side ends an active one, or the sponsee withdraws a pending ask. kNotFound otherwise.
  virtual void end_sponsorship(std::uint64_t sponsorship_id, std::uint64_t user_id, std::int64_t now_ms,
                               Callback<SponsorshipRecord> done) = 0;
  // Pending and active ones where user_id is either side, newest first, without the asks hidden
  // from user_id as their sponsor.
  virtual void list_sponsorships(std::uint64_t user_id, Callback<std::vector<SponsorshipRecord>> done) = 0;
};

}  // namespace hearth::storage
