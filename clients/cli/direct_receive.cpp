// DirectDevice: opening what arrives. A message is stored before it is acknowledged, so a crash
// between the two shows it twice at worst (deduplicated by dm id), never loses it. A copy that
// cannot be opened is kept as a notice saying why, and acknowledged: left queued it would only
// fail again and fill the device's queue.
#include <iostream>

#include "clients/cli/contact_keys.h"
#include "clients/cli/direct_device_internal.h"
#include "clients/client/direct_requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

using hearth::client::StoredMessage;

constexpr std::uint32_t kFetchPage = 200;

// Marks our message `dm_id` delivered; true if it was ours and not marked yet.
bool note_delivered(hearth::client::DeviceState& state, std::uint64_t dm_id) {
  for (auto& message : *state.mutable_messages()) {
    if (message.dm_id() == dm_id && message.outgoing() && !message.delivered()) {
      message.set_delivered(true);
      return true;
    }
  }
  return false;
}

// Decrypts with one stored session; on success the advanced session is written back.
std::optional<e2e::Bytes> decrypt_with(std::string& stored_session, std::span<const std::uint8_t> envelope,
                                       e2e::E2eError& error) {
  if (stored_session.empty()) return std::nullopt;
  auto session = e2e::Session::parse(as_bytes(stored_session));
  if (!session) {
    error = session.error();
    return std::nullopt;
  }
  auto plaintext = session->decrypt(envelope);
  if (!plaintext) {
    error = plaintext.error();
    return std::nullopt;
  }
  stored_session = to_string_bytes(session->serialize());
  return e2e::Bytes(plaintext->begin(), plaintext->end());
}

// Opens one copy with the sessions of its sender's device, or a new session if it is a prekey
// message that none of them knows. Notes the sender's identity key for key-change warnings.
std::optional<e2e::Bytes> open_envelope(DeviceState& state, e2e::DeviceKeys& keys, const hearth::v1::DirectMessage& message,
                                        std::vector<std::string>& warnings, e2e::E2eError& error) {
  const std::string& sender = message.sender().handle();
  const auto envelope = as_bytes(message.envelope());
  PeerSession& sessions = session_of(state, sender, message.sender_device_id());
  error = e2e::E2eError::kDecryptFailed;
  if (auto plaintext = decrypt_with(*sessions.mutable_current(), envelope, error)) return plaintext;
  if (auto plaintext = decrypt_with(*sessions.mutable_previous(), envelope, error)) {
    // The peer carries on in the older session: it becomes the one to answer in.
    sessions.mutable_current()->swap(*sessions.mutable_previous());
    return plaintext;
  }
  if (!e2e::is_prekey_message(envelope)) return std::nullopt;
  auto identity = e2e::read_sender_identity(envelope);
  if (!identity) {
    error = identity.error();
    return std::nullopt;
  }
  auto accepted = e2e::Session::accept(keys, envelope);
  if (!accepted) {
    // A replayed first message fails both ways; "already received" says more than "prekey used".
    if (error != e2e::E2eError::kDuplicateMessage) error = accepted.error();
    return std::nullopt;
  }
  for (auto& line : note_device(state, sender, {message.sender_device_id(), to_string_bytes(identity->identity_signing_key)})) {
    warnings.push_back(std::move(line));
  }
  sessions.set_previous(sessions.current());
  sessions.set_current(to_string_bytes(accepted->session.serialize()));
  return e2e::Bytes(accepted->plaintext.begin(), accepted->plaintext.end());
}

bool already_stored(const DeviceState& state, std::uint64_t dm_id) {
  for (const auto& message : state.messages()) {
    if (message.dm_id() == dm_id) return true;
  }
  return false;
}

// Opens and stores `message` into `state`; nullopt if it was stored before.
std::optional<StoredMessage> store_one(DeviceState& state, e2e::DeviceKeys& keys, const std::string& me,
                                              const hearth::v1::DirectMessage& message) {
  if (already_stored(state, message.dm_id())) return std::nullopt;
  StoredMessage stored;
  stored.set_dm_id(message.dm_id());
  stored.set_outgoing(message.sender().handle() == me);
  stored.set_peer(stored.outgoing() ? message.recipient().handle() : message.sender().handle());
  stored.set_sent_at_ms(message.sent_at_ms());
  std::vector<std::string> warnings;
  e2e::E2eError error{};
  if (auto plaintext = open_envelope(state, keys, message, warnings, error)) {
    stored.set_text(to_string_bytes(*plaintext));
    sodium_memzero(plaintext->data(), plaintext->size());
  } else {
    stored.set_undecryptable(true);
    stored.set_text("could not be opened (" + std::string(e2e::to_string(error)) + ")");
  }
  for (const auto& warning : warnings) {
    std::cerr << "hearth: warning: " << warning
              << ". Compare safety numbers before you reply: hearth safety-number " << message.sender().handle() << "\n";
  }
  *state.add_messages() = stored;
  return stored;
}

}  // namespace

std::optional<std::vector<StoredMessage>> DirectDevice::sync() {
  std::vector<StoredMessage> fresh;
  std::uint64_t after = 0;
  for (;;) {
    const auto page = connection_.call(requests::fetch_direct(device_id_, after, kFetchPage));
    if (page.has_error()) {
      cli_.out.refused(page);
      return std::nullopt;
    }
    std::vector<std::uint64_t> ids;
    std::vector<std::uint64_t> receipt_ids;
    {
      auto locked = lock();
      if (!locked) return std::nullopt;
      for (const auto& message : page.direct_messages().messages()) {
        ids.push_back(message.dm_id());
        after = message.dm_id();
        if (auto stored = store_one(locked->state, *locked->keys, handle_, message)) fresh.push_back(std::move(*stored));
      }
      // Receipts that waited for this device while it was away (the sender's side of the above).
      for (const auto& receipt : page.direct_messages().receipts()) {
        note_delivered(locked->state, receipt.dm_id());
        receipt_ids.push_back(receipt.dm_id());
      }
      if (!save(*locked)) return std::nullopt;
    }
    if (!ids.empty() || !receipt_ids.empty()) {
      const auto acked = connection_.call(requests::ack_direct(device_id_, ids, receipt_ids));
      if (acked.has_error()) {
        cli_.out.refused(acked);
        return std::nullopt;
      }
    }
    // Receipts are not paged by the cursor: a full page of them means more wait behind.
    if (!page.direct_messages().has_more() && receipt_ids.size() < kFetchPage) return fresh;
  }
}

bool DirectDevice::mark_delivered(std::uint64_t dm_id) {
  bool marked = false;
  {
    auto locked = lock();
    if (!locked) return false;
    marked = note_delivered(locked->state, dm_id);
    if (marked && !save(*locked)) return false;
  }
  // Noted (now or before): the server need not keep the receipt for this device any longer.
  const auto acked = connection_.call(requests::ack_direct(device_id_, {}, {dm_id}));
  if (acked.has_error()) cli_.out.refused(acked);
  return marked;
}

std::optional<StoredMessage> DirectDevice::receive(const hearth::v1::DirectMessage& message) {
  std::optional<StoredMessage> stored;
  {
    auto locked = lock();
    if (!locked) return std::nullopt;
    stored = store_one(locked->state, *locked->keys, handle_, message);
    if (stored && !save(*locked)) return std::nullopt;
  }
  const auto acked = connection_.call(requests::ack_direct(device_id_, {message.dm_id()}));
  if (acked.has_error()) cli_.out.refused(acked);
  return stored;
}

}  // namespace hearth::cli
