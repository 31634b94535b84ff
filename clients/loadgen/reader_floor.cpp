#include "clients/loadgen/reader_floor.h"

#include <algorithm>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <limits>

namespace hearth::loadgen {

namespace asio = boost::asio;

namespace {

constexpr std::uint64_t kFinished = std::numeric_limits<std::uint64_t>::max();

}  // namespace

ReaderFloor::ReaderFloor(asio::io_context& io, unsigned readers, unsigned max_behind)
    : read_(readers, 0), at_floor_(readers), max_behind_(max_behind),
      floor_raised_(io, std::chrono::steady_clock::time_point::max()) {
  if (readers == 0) floor_ = kFinished;
}

void ReaderFloor::advance(unsigned reader, std::uint64_t messages) {
  std::uint64_t& read = read_.at(reader);
  if (messages <= read) return;
  const bool held_floor = read == floor_;
  read = messages;
  // The least is recomputed only when the last reader at it moves on: once per step of the
  // floor, not once per read.
  if (held_floor && --at_floor_ == 0) recompute_floor();
}

void ReaderFloor::finish(unsigned reader) { advance(reader, kFinished); }

void ReaderFloor::recompute_floor() {
  floor_ = *std::min_element(read_.begin(), read_.end());
  at_floor_ = static_cast<unsigned>(std::count(read_.begin(), read_.end(), floor_));
  floor_raised_.cancel();
}

asio::awaitable<void> ReaderFloor::wait_for_floor(std::uint64_t messages) {
  while (floor_ < messages) {
    boost::system::error_code cancelled;
    co_await floor_raised_.async_wait(asio::redirect_error(asio::use_awaitable, cancelled));
  }
}

asio::awaitable<void> ReaderFloor::before_send() {
  // Another sender may take the room first: look again after every wait.
  while (max_behind_ > 0 && sent_ >= max_behind_ && floor_ < sent_ + 1 - max_behind_) {
    co_await wait_for_floor(sent_ + 1 - max_behind_);
  }
  ++sent_;
}

}  // namespace hearth::loadgen
