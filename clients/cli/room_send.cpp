#include "clients/cli/room_send.h"

#include <chrono>

#include "clients/client/idempotency_key.h"
#include "clients/client/requests.h"

namespace hearth::cli {

namespace {

// A server going down answers what it can no longer do with UNAVAILABLE and closes at once;
// this long is "at once" even on a machine busy with other work.
constexpr auto kCloseAfterUnavailable = std::chrono::seconds(5);
// A server that is up answers a send once it is committed (milliseconds); one that went away
// closes the connection. Waiting this long for either covers a very busy server.
constexpr auto kAnswerWait = std::chrono::seconds(60);

// Whether the answer was lost with its connection (or the server refused it because it was
// closing): then the message may or may not be stored, and only sending it again can tell.
bool lost_with_connection(const hearth::v1::Response& answer, client::Connection& connection) {
  if (!answer.has_error() || answer.error().code() != hearth::v1::UNAVAILABLE) return false;
  return connection.wait_closed(kCloseAfterUnavailable).has_value();
}

}  // namespace

hearth::v1::Response send_until_answered(std::uint64_t room_id, const std::string& text,
                                         const NextConnection& next_connection) {
  const std::string key = client::new_idempotency_key();
  // Held, not just compared: a new connection can never take the lost one's address.
  std::shared_ptr<client::Connection> lost;
  for (;;) {
    const std::shared_ptr<client::Connection> connection = next_connection(lost);
    if (!connection) {
      return client::local_error(0, hearth::v1::UNAVAILABLE,
                                 "the connection was lost before the server answered and did not come back: "
                                 "the message may not have been sent");
    }
    hearth::v1::Response answer = connection->call(client::requests::send_message(room_id, text, key), kAnswerWait);
    if (!lost_with_connection(answer, *connection)) return answer;
    lost = connection;
  }
}

}  // namespace hearth::cli
