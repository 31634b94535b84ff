#include "server/fair_queue.h"

namespace hearth::server {

FairQueue::FairQueue(unsigned per_key) : per_key_(per_key == 0 ? 1 : per_key) {}

void FairQueue::offer_turn(const std::string& key, Lane& lane) {
  if (lane.in_turn || lane.jobs.empty() || lane.running >= per_key_) return;
  lane.in_turn = true;
  turns_.push_back(key);
}

void FairQueue::push(const std::string& key, Job job) {
  Lane& lane = lanes_[key];
  lane.jobs.push_back(std::move(job));
  offer_turn(key, lane);
}

std::optional<FairQueue::Taken> FairQueue::pop() {
  if (turns_.empty()) return std::nullopt;
  std::string key = std::move(turns_.front());
  turns_.pop_front();
  Lane& lane = lanes_.at(key);
  lane.in_turn = false;
  Job job = std::move(lane.jobs.front());
  lane.jobs.pop_front();
  ++lane.running;
  offer_turn(key, lane);  // to the back of the line: every other key goes first
  return Taken{std::move(key), std::move(job)};
}

void FairQueue::finished(const std::string& key) {
  const auto entry = lanes_.find(key);
  if (entry == lanes_.end()) return;
  Lane& lane = entry->second;
  if (lane.running > 0) --lane.running;
  if (lane.jobs.empty() && lane.running == 0) {
    lanes_.erase(entry);
    return;
  }
  offer_turn(key, lane);
}

std::deque<FairQueue::Job> FairQueue::drain() {
  std::deque<Job> all;
  for (auto& [key, lane] : lanes_) {
    for (auto& job : lane.jobs) all.push_back(std::move(job));
    lane.jobs.clear();
  }
  turns_.clear();
  for (auto& [key, lane] : lanes_) lane.in_turn = false;
  return all;
}

}  // namespace hearth::server
