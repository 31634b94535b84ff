// The two threads behind SqliteStore, each owning one connection.
//  ReaderThread runs queries one after another on a read-only connection.
//  WriterThread merges every queued mutation into one transaction (group commit): each runs in
//  its own savepoint so one failure does not spoil the others, and every completion runs after
//  COMMIT returns, in submission order.
// submit() is thread-safe; everything else happens on the thread itself.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "server/storage/result.h"
#include "server/storage/sqlite_connection.h"

namespace hearth::storage {

// A closable FIFO that one storage thread drains. Thread-safe.
template <typename Job>
class JobQueue {
 public:
  // Returns false (dropping the job) once closed.
  bool push(Job job) {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return false;
      jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
  }
  // Waits for work and moves up to `max` jobs into `out`. Returns false when the queue is
  // closed and empty: everything submitted has been handed out.
  bool take(std::vector<Job>& out, std::size_t max) {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return closed_ || !jobs_.empty(); });
    if (jobs_.empty()) return false;
    while (!jobs_.empty() && out.size() < max) {
      out.push_back(std::move(jobs_.front()));
      jobs_.pop_front();
    }
    return true;
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    wake_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool closed_ = false;
};

class ReaderThread {
 public:
  using Job = std::function<void(SqliteConnection*)>;

  explicit ReaderThread(std::unique_ptr<SqliteConnection> connection);
  ~ReaderThread();
  // Returns false (not queued) once stopped.
  bool submit(Job job);
  // Runs what is queued, then ends the thread.
  void stop();

 private:
  void run();

  std::unique_ptr<SqliteConnection> connection_;
  JobQueue<Job> jobs_;
  std::thread thread_;
};

// Runs `commit` (one batch: its transaction, then its completions in order) inside whatever
// context the caller needs around a batch's completions; the server gathers the room events
// they produce into one delivery per room. Empty: `commit` runs bare.
using BatchScope = std::function<void(const std::function<void()>& commit)>;

struct Mutation {
  // Runs inside the transaction; returns kOk to keep its changes, anything else to undo them.
  std::function<Status(SqliteConnection&)> apply;
  // Runs after the transaction is durable (or failed), with apply's status or the commit's.
  std::function<void(Status)> complete;
};

class WriterThread {
 public:
  WriterThread(std::unique_ptr<SqliteConnection> connection, std::size_t max_batch, BatchScope scope = {});
  ~WriterThread();
  bool submit(Mutation mutation);
  void stop();
  std::uint64_t transactions_committed() const { return committed_.load(std::memory_order_relaxed); }

 private:
  void run();
  void commit_batch(std::vector<Mutation>& batch);

  std::unique_ptr<SqliteConnection> connection_;
  const std::size_t max_batch_;
  const BatchScope scope_;
  JobQueue<Mutation> queue_;
  std::atomic<std::uint64_t> committed_{0};
  std::thread thread_;
};

}  // namespace hearth::storage
