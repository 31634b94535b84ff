#include "clients/loadgen/population.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <chrono>
#include <random>
#include <stdexcept>

#include "clients/client/requests.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;

namespace {

constexpr const char* kPassword = "load generator passphrase";

}  // namespace

std::string error_of(const hearth::v1::Response& response) {
  return response.has_error() ? hearth::v1::ErrorCode_Name(response.error().code()) + ": " + response.error().message()
                              : std::string();
}

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The send time leads the text as "t" and hexadecimal nanoseconds: a long decimal number would
// read as a phone number to the anonymity guard and be held for review.
std::int64_t sent_at_ns(std::string_view text) {
  std::int64_t sent = 0;
  if (text.empty() || text[0] != 't') return 0;
  std::from_chars(text.data() + 1, text.data() + text.size(), sent, 16);
  return sent;
}

std::string stamped_text(unsigned bytes) {
  char stamp[24];
  const auto written = std::to_chars(stamp, stamp + sizeof stamp, steady_ns(), 16);
  std::string text = "t";
  text.append(stamp, written.ptr).append(" ");
  if (text.size() < bytes) text.append(bytes - text.size(), 'x');
  return text;
}

asio::awaitable<void> Population::create_accounts(unsigned connections) {
  const unsigned count = (connections + target_.connections_per_account - 1) / target_.connections_per_account;
  if (run_id_.empty()) run_id_ = std::to_string(std::random_device{}() % 1'000'000'000);
  tokens_.resize(count);
  // Each registration waits on an Argon2id hash: a few at once keep the server's hashing pool busy.
  constexpr unsigned kParallel = 4;
  unsigned workers_done = 0;
  std::exception_ptr first_failure;
  asio::steady_timer all_done(io_, asio::steady_timer::time_point::max());
  for (unsigned first = 0; first < std::min(kParallel, count); ++first) {
    asio::co_spawn(io_, [this, first, count]() -> asio::awaitable<void> {
      for (unsigned i = first; i < count; i += kParallel) {
        LoadConnection connection(io_);
        co_await connection.open(target_.server, target_.host);
        const auto response = co_await connection.call(
            requests::register_account(handle(i), kPassword));
        if (!response.has_auth()) throw std::runtime_error("register: " + error_of(response));
        tokens_[i] = response.auth().token();
        connection.close();
      }
    }, [&](std::exception_ptr failure) {
      if (failure && !first_failure) first_failure = failure;
      if (++workers_done == std::min(kParallel, count)) all_done.cancel();
    });
  }
  if (count > 0) {
    boost::system::error_code ignored;
    co_await all_done.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  if (first_failure) std::rethrow_exception(first_failure);
}

asio::awaitable<std::vector<std::uint64_t>> Population::create_rooms(const std::string& admin_invite, unsigned count) {
  if (run_id_.empty()) run_id_ = std::to_string(std::random_device{}() % 1'000'000'000);
  LoadConnection admin(io_);
  co_await admin.open(target_.server, target_.host);
  const auto registered = co_await admin.call(
      requests::register_account("lg" + run_id_ + "-admin", kPassword, admin_invite));
  if (!registered.has_auth() || registered.auth().user().role() != hearth::v1::ROLE_ADMIN) {
    throw std::runtime_error("admin registration: " + error_of(registered) + " (pass hearthd's --invite code)");
  }
  std::vector<std::uint64_t> rooms;
  for (unsigned i = 0; i < count; ++i) {
    const auto created = co_await admin.call(requests::create_room("lg" + run_id_ + "-" + std::to_string(i), "", false));
    if (!created.has_room()) throw std::runtime_error("create room: " + error_of(created));
    rooms.push_back(created.room().room().room_id());
  }
  admin.close();
  co_return rooms;
}

asio::awaitable<void> Population::join(LoadConnection& connection, std::uint64_t room_id) {
  const auto joined = co_await connection.call(requests::join_room(room_id));
  if (!joined.has_room()) throw std::runtime_error("join: " + error_of(joined));
}

std::string Population::handle(unsigned account) const { return "lg" + run_id_ + "-" + std::to_string(account); }

asio::awaitable<hearth::v1::Response> Population::log_in(unsigned account) {
  LoadConnection connection(io_);
  co_await connection.open(target_.server, target_.host);
  auto response = co_await connection.call(requests::login(handle(account), kPassword, "load generator"));
  connection.close();
  co_return response;
}

asio::awaitable<std::unique_ptr<LoadConnection>> Population::connect(unsigned index, bool join_room,
                                                                     int receive_buffer_bytes) {
  auto connection = std::make_unique<LoadConnection>(io_);
  connection->limit_receive_buffer(receive_buffer_bytes);
  const unsigned source = index % std::max(1u, target_.source_addresses);
  co_await connection->open(target_.server, target_.host,
                            asio::ip::make_address_v4(0x7f000001u + source));
  const auto auth = co_await connection->call(requests::authenticate(tokens_.at(index / target_.connections_per_account)));
  if (!auth.has_auth()) throw std::runtime_error("authenticate: " + error_of(auth));
  if (!join_room) co_return connection;
  if (room_id_ == 0) {
    const auto rooms = co_await connection->call(requests::list_rooms());
    for (const auto& room : rooms.rooms().rooms()) {
      if (room.name() == target_.room) room_id_ = room.room_id();
    }
    if (room_id_ == 0) throw std::runtime_error("no room named " + target_.room + " (start hearthd with --demo-rooms)");
  }
  co_await join(*connection, room_id_);
  co_return connection;
}

}  // namespace hearth::loadgen
