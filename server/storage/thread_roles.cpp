#include "server/storage/thread_roles.h"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hearth::storage::thread_role {

void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

void yield_to_network_threads() {
  const sched_param no_priority{};
  sched_setscheduler(0, SCHED_BATCH, &no_priority);  // 0: the calling thread
}

void run_at_lowest_priority() {
  // setpriority's PRIO_PROCESS with a thread id changes that thread alone (Linux).
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
}

}  // namespace hearth::storage::thread_role
