// How far a chat phase's slowest reader is behind: the number of room messages that every
// reader (receivers and senders, who get the room's events as members) has read. It lets a
// phase bound how far any reader falls behind the senders (--max-behind), so that a reader that
// keeps reading is never cut off as a slow consumer however little CPU the machine gives it, and
// it lets a scenario wait until the server has surely delivered (and so queued for everyone)
// a given number of messages. One thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <vector>

namespace hearth::loadgen {

class ReaderFloor {
 public:
  // `max_behind` 0: senders never wait (an open-loop chat).
  ReaderFloor(boost::asio::io_context& io, unsigned readers, unsigned max_behind);

  // Reader `reader` has now read `messages` of the phase's messages.
  void advance(unsigned reader, std::uint64_t messages);
  // Reader `reader` reads no more (it has everything, or its connection ended): it no longer
  // holds the floor down, so that no one waits for it for ever.
  void finish(unsigned reader);
  // Messages every reader still reading has read.
  std::uint64_t floor() const { return floor_; }

  // Returns once every reader has read `messages` (or finished).
  boost::asio::awaitable<void> wait_for_floor(std::uint64_t messages);
  // Before a sender sends: waits until one more message leaves every reader at most max_behind
  // messages behind, then counts it as sent. At once without a bound.
  boost::asio::awaitable<void> before_send();

 private:
  void recompute_floor();

  std::vector<std::uint64_t> read_;  // per reader; kFinished once it reads no more
  std::uint64_t floor_ = 0;          // the least of read_
  unsigned at_floor_;                // readers whose read_ is floor_
  std::uint64_t sent_ = 0;
  unsigned max_behind_;
  boost::asio::steady_timer floor_raised_;  // never expires; cancelled to wake the waiters
};

}  // namespace hearth::loadgen
