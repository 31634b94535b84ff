// Jobs queued per key (a client address), handed out in turn across keys, with at most
// `per_key` jobs of one key running at once: a hundred jobs from one address wait behind each
// other, not in front of everyone else's. Not thread-safe: its owner locks.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

namespace hearth::server {

class FairQueue {
 public:
  using Job = std::function<void()>;
  struct Taken {
    std::string key;
    Job job;
  };

  explicit FairQueue(unsigned per_key);
  void push(const std::string& key, Job job);
  // The next job that may run now (the key whose turn it is), or nothing.
  std::optional<Taken> pop();
  // A job of `key` that pop() handed out has finished.
  void finished(const std::string& key);
  // Every job still queued, taken out (at shutdown).
  std::deque<Job> drain();

 private:
  struct Lane {
    std::deque<Job> jobs;
    unsigned running = 0;
    bool in_turn = false;  // the key is in turns_
  };
  void offer_turn(const std::string& key, Lane& lane);

  unsigned per_key_;
  std::unordered_map<std::string, Lane> lanes_;
  std::deque<std::string> turns_;  // keys with a job that may run, in the order they get a turn
};

}  // namespace hearth::server
