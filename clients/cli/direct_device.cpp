// DirectDevice: opening the profile's device, its state file, and the stored conversations.
#include "clients/cli/direct_device.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "clients/cli/direct_device_internal.h"
#include "clients/client/direct_requests.h"

namespace hearth::cli {

namespace requests = client::requests;

namespace {

// Keep a month or two of conversation locally; the oldest go first.
constexpr int kMaxStoredMessages = 5000;
// Below this many one-time prekeys on the server, upload more (up to kPrekeyStock).
constexpr std::uint32_t kPrekeyLow = 20;
constexpr std::uint32_t kPrekeyStock = 100;
// A signed prekey older than this is rotated: a stolen one then opens at most a week of
// first messages.
constexpr std::int64_t kSignedPrekeyMaxAgeMs = 7LL * 24 * 3600 * 1000;

std::string default_device_name() {
  char host[64] = {};
  if (::gethostname(host, sizeof host - 1) == 0 && host[0] != '\0') return std::string(host).substr(0, 40);
  return "terminal";
}

}  // namespace

std::optional<DirectDevice::Locked> DirectDevice::lock() const {
  std::string error;
  auto file_lock = DeviceStateLock::acquire(path_, error);
  if (!file_lock) {
    std::cerr << "hearth: " << error << "\n";
    return std::nullopt;
  }
  Locked locked{std::move(*file_lock), {}, std::nullopt};
  auto state = load_device_state(path_, error);
  if (!error.empty()) {
    std::cerr << "hearth: " << error << "\n";
    return std::nullopt;
  }
  if (state) {
    locked.state = std::move(*state);
    auto keys = e2e::DeviceKeys::parse(as_bytes(locked.state.device_keys()));
    if (!keys) {
      std::cerr << "hearth: this device's keys in " << path_.string() << " are damaged ("
                << e2e::to_string(keys.error()) << ")\n";
      return std::nullopt;
    }
    locked.keys.emplace(std::move(keys.value()));
  }
  // Every operation after registration uses the keys: a state file that vanished under a
  // registered device is refused here, once, instead of being read as absent keys.
  if (device_id_ != 0 && !locked.keys) {
    std::cerr << "hearth: this device's keys are gone from " << path_.string()
              << "; move the file's remains aside and log in again to register this terminal afresh\n";
    return std::nullopt;
  }
  return locked;
}

bool DirectDevice::save(Locked& locked) const {
  if (locked.keys) {
    const e2e::Bytes keys = locked.keys->serialize();
    locked.state.set_device_keys(std::string(keys.begin(), keys.end()));
  }
  auto* messages = locked.state.mutable_messages();
  if (messages->size() > kMaxStoredMessages) messages->DeleteSubrange(0, messages->size() - kMaxStoredMessages);
  std::string error;
  if (!save_device_state(path_, locked.state, error)) {
    std::cerr << "hearth: " << error << "\n";
    return false;
  }
  return true;
}

std::unique_ptr<DirectDevice> DirectDevice::open(CliContext& cli, client::Connection& connection, int& exit_code) {
  const std::string handle = cli.credentials->handle;
  std::unique_ptr<DirectDevice> device(
      new DirectDevice(cli, connection, device_state_path(handle, cli.args.profile), handle));
  exit_code = kRefused;
  {
    auto locked = device->lock();
    if (!locked) return nullptr;
    if (locked->keys && locked->state.server() != cli.server_url()) {
      std::cerr << "hearth: this profile's device keys belong to " << locked->state.server()
                << "; use another --profile for " << cli.server_url() << "\n";
      return nullptr;
    }
    device->device_id_ = locked->state.device_id();
  }
  if (device->device_id_ == 0 && !device->register_device(exit_code)) return nullptr;
  if (!device->attach_and_top_up(exit_code)) return nullptr;
  exit_code = kOk;
  return device;
}

bool DirectDevice::register_device(int& exit_code) {
  auto locked = lock();
  if (!locked) return false;
  locked->keys.emplace(e2e::DeviceKeys::generate(kPrekeyStock));
  const std::string name = cli_.args.option("device").value_or(default_device_name());
  const auto response = connection_.call(requests::publish_keys(key_upload(*locked->keys, 0, name, true)));
  if (response.has_error()) {
    exit_code = cli_.out.refused(response);
    return false;
  }
  device_id_ = response.device().device().device_id();
  locked->state.set_server(cli_.server_url());
  locked->state.set_handle(handle_);
  locked->state.set_device_id(device_id_);
  locked->state.set_device_name(name);
  locked->state.set_signed_prekey_at_ms(response.device().device().signed_prekey_at_ms());
  if (!save(*locked)) return false;
  cli_.out.say("This terminal is now your device #" + std::to_string(device_id_) + " (" + name +
               ") for direct messages; its keys are in " + path_.string());
  return true;
}

bool DirectDevice::attach_and_top_up(int& exit_code) {
  const auto attached = connection_.call(requests::attach_device(device_id_));
  if (attached.has_error()) {
    if (attached.error().code() == hearth::v1::NOT_FOUND) {
      std::cerr << "hearth: this device (#" << device_id_ << ") was removed from your account; move "
                << path_.string() << " aside to register this terminal again\n";
    } else {
      cli_.out.refused(attached);
    }
    exit_code = kRefused;
    return false;
  }
  const std::uint32_t left = attached.device_attached().one_time_prekeys_left();
  auto locked = lock();
  if (!locked) return false;
  const bool rotate = now_ms() - locked->state.signed_prekey_at_ms() > kSignedPrekeyMaxAgeMs;
  if (left >= kPrekeyLow && !rotate) return true;
  if (rotate) locked->keys->rotate_signed_prekey();
  hearth::v1::PublishKeysRequest upload = key_upload(*locked->keys, device_id_, {}, false);
  if (left < kPrekeyLow) {
    for (const auto& prekey : locked->keys->add_one_time_prekeys(kPrekeyStock - left)) add_one_time_prekey(upload, prekey);
  }
  // Saved before the upload: a prekey the server hands out must have its private half here.
  if (!save(*locked)) return false;
  const auto published = connection_.call(requests::publish_keys(upload));
  if (published.has_error()) {
    exit_code = cli_.out.refused(published);
    return false;
  }
  locked->state.set_signed_prekey_at_ms(published.device().device().signed_prekey_at_ms());
  return save(*locked);
}

std::vector<hearth::client::StoredMessage> DirectDevice::conversation(const std::string& peer, std::size_t limit) const {
  std::vector<hearth::client::StoredMessage> found;
  auto locked = lock();
  if (!locked) return found;
  for (const auto& message : locked->state.messages()) {
    if (message.peer() == peer) found.push_back(message);
  }
  if (found.size() > limit) found.erase(found.begin(), found.end() - static_cast<std::ptrdiff_t>(limit));
  return found;
}

std::vector<hearth::client::StoredMessage> DirectDevice::latest_per_peer() const {
  std::map<std::string, hearth::client::StoredMessage> latest;
  if (auto locked = lock()) {
    for (const auto& message : locked->state.messages()) latest[message.peer()] = message;
  }
  std::vector<hearth::client::StoredMessage> list;
  for (auto& [peer, message] : latest) list.push_back(std::move(message));
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.sent_at_ms() > b.sent_at_ms(); });
  return list;
}

}  // namespace hearth::cli
