#include "server/storage/thread_roles.h"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <future>
#include <random>
#include <string>
#include <thread>

#include "server/storage/storage_threads.h"

using namespace hearth::storage;
namespace fs = std::filesystem;

namespace {

// What the kernel says about the calling thread.
struct ThreadFacts {
  std::string name;
  int policy = -1;
  int nice = 0;
};

ThreadFacts facts_of_this_thread() {
  ThreadFacts facts;
  char name[16] = {};
  pthread_getname_np(pthread_self(), name, sizeof name);
  facts.name = name;
  facts.policy = sched_getscheduler(0);
  errno = 0;
  facts.nice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
  return facts;
}

// Runs `role` on a fresh thread, then reports what that thread became.
template <typename Role>
ThreadFacts facts_after(Role role) {
  ThreadFacts facts;
  std::thread([&] {
    role();
    facts = facts_of_this_thread();
  }).join();
  return facts;
}

struct TempDir {
  TempDir() : path(fs::temp_directory_path() / ("hearth-roles-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

std::unique_ptr<SqliteConnection> open_connection(const fs::path& path) {
  std::string error;
  auto connection = SqliteConnection::open(path, true, &error);
  INFO(error);
  REQUIRE(connection);
  return connection;
}

}  // namespace

TEST_CASE("thread roles change only the calling thread", "[storage][threads]") {
  const ThreadFacts before = facts_of_this_thread();

  const ThreadFacts batch = facts_after([] {
    thread_role::name_this_thread("role-batch");
    thread_role::yield_to_network_threads();
  });
  CHECK(batch.name == "role-batch");
  CHECK(batch.policy == SCHED_BATCH);

  const ThreadFacts lowest = facts_after([] { thread_role::run_at_lowest_priority(); });
  CHECK(lowest.policy == SCHED_OTHER);
  CHECK(lowest.nice == 19);

  const ThreadFacts after = facts_of_this_thread();
  CHECK(after.name == before.name);
  CHECK(after.policy == before.policy);
  CHECK(after.nice == before.nice);
}

TEST_CASE("the storage reader yields to network threads, the writer does not", "[storage][threads]") {
  TempDir dir;
  WriterThread writer(open_connection(dir.path / "db"), 16);
  ReaderThread reader(open_connection(dir.path / "db"));

  std::promise<ThreadFacts> on_reader;
  REQUIRE(reader.submit([&](SqliteConnection*) { on_reader.set_value(facts_of_this_thread()); }));
  std::promise<ThreadFacts> on_writer;
  ThreadFacts writer_facts;
  REQUIRE(writer.submit({[&](SqliteConnection&) {
                           writer_facts = facts_of_this_thread();
                           return Status::kOk;
                         },
                         [&](Status) { on_writer.set_value(writer_facts); }}));

  const ThreadFacts reader_thread = on_reader.get_future().get();
  CHECK(reader_thread.name == "hearth-reader");
  CHECK(reader_thread.policy == SCHED_BATCH);
  const ThreadFacts writer_thread = on_writer.get_future().get();
  CHECK(writer_thread.name == "hearth-writer");
  CHECK(writer_thread.policy == SCHED_OTHER);
  // The writer keeps the priority it was started with: whatever the test runner's (CI may run
  // the suite under nice), not a fixed 0.
  CHECK(writer_thread.nice == facts_of_this_thread().nice);
}
