#include "server/storage/storage_threads.h"

#include "server/storage/thread_roles.h"

namespace hearth::storage {

ReaderThread::ReaderThread(std::unique_ptr<SqliteConnection> connection)
    : connection_(std::move(connection)), thread_([this] { run(); }) {}

ReaderThread::~ReaderThread() { stop(); }

bool ReaderThread::submit(Job job) { return jobs_.push(std::move(job)); }

void ReaderThread::stop() {
  jobs_.close();
  if (thread_.joinable()) thread_.join();
}

void ReaderThread::run() {
  thread_role::name_this_thread("hearth-reader");
  thread_role::yield_to_network_threads();
  std::vector<Job> batch;
  while (jobs_.take(batch, 64)) {
    for (Job& job : batch) job(connection_.get());
    batch.clear();
  }
}

WriterThread::WriterThread(std::unique_ptr<SqliteConnection> connection, std::size_t max_batch, BatchScope scope)
    : connection_(std::move(connection)), max_batch_(max_batch), scope_(std::move(scope)), thread_([this] { run(); }) {}

WriterThread::~WriterThread() { stop(); }

bool WriterThread::submit(Mutation mutation) { return queue_.push(std::move(mutation)); }

void WriterThread::stop() {
  queue_.close();
  if (thread_.joinable()) thread_.join();
}

void WriterThread::run() {
  // Default class: a commit should start as soon as its messages arrive.
  thread_role::name_this_thread("hearth-writer");
  // Whatever queued up while the last commit was syncing goes into the next transaction.
  std::vector<Mutation> batch;
  const std::function<void()> commit = [&] { commit_batch(batch); };
  while (queue_.take(batch, max_batch_)) {
    if (scope_) scope_(commit);
    else commit();
    batch.clear();
  }
}

void WriterThread::commit_batch(std::vector<Mutation>& batch) {
  SqliteConnection& db = *connection_;
  while (!batch.empty()) {
    const int begin = db.run("BEGIN IMMEDIATE");
    if (begin != SQLITE_OK) {
      for (auto& mutation : batch) mutation.complete(status_of(begin));
      return;
    }
    std::vector<Status> statuses;
    statuses.reserve(batch.size());
    std::size_t aborted_at = batch.size();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      db.run("SAVEPOINT mutation");
      Status status = Status::kInternal;
      try {
        status = batch[i].apply(db);
      } catch (const std::exception&) {
        status = Status::kInternal;
      }
      if (sqlite3_get_autocommit(db.handle())) {
        // SQLite rolled the whole transaction back (it does so on SQLITE_FULL and I/O errors):
        // this mutation failed, and the ones before it must be applied again.
        aborted_at = i;
        statuses.push_back(status == Status::kOk ? Status::kInternal : status);
        break;
      }
      if (status != Status::kOk) db.run("ROLLBACK TO mutation");
      db.run("RELEASE mutation");
      statuses.push_back(status);
    }
    if (aborted_at < batch.size()) {
      batch[aborted_at].complete(statuses.back());
      batch.erase(batch.begin() + static_cast<std::ptrdiff_t>(aborted_at));
      continue;  // the others, in the same order, in a fresh transaction
    }
    const int commit = db.run("COMMIT");
    if (commit != SQLITE_OK) {
      if (!sqlite3_get_autocommit(db.handle())) db.run("ROLLBACK");
      const Status failed = status_of(commit) == Status::kFull ? Status::kFull : Status::kInternal;
      for (auto& mutation : batch) mutation.complete(failed);
      return;
    }
    committed_.fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].complete(statuses[i]);
    return;
  }
}

}  // namespace hearth::storage
