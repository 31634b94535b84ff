// Blocking calls into the asynchronous Store, for start-up and tools only — never on a network
// thread.
#pragma once

#include <future>
#include <utility>

#include "server/storage/store.h"

namespace hearth::server {

// Calls `operation(callback)` and waits for the callback's result.
template <typename T, typename Operation>
storage::Result<T> wait_for(Operation&& operation) {
  std::promise<storage::Result<T>> promise;
  auto future = promise.get_future();
  std::forward<Operation>(operation)(
      [&promise](storage::Result<T> result) { promise.set_value(std::move(result)); });
  return future.get();
}

}  // namespace hearth::server
