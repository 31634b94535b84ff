// How hearthd's threads present themselves to the kernel: a name that ps, top and perf show, and
// a scheduling class that says whose wake-up may take the core from whom. Network threads run
// at the default class; storage and hashing threads step aside for them (see each function).
// Every call changes only the calling thread and needs no privilege; when one fails anyway the
// thread keeps running as it was.
#pragma once

namespace hearth::storage::thread_role {

// At most 15 characters (the kernel's limit).
void name_this_thread(const char* name);

// SCHED_BATCH: the thread still gets its fair share of the core, but its wake-up does not
// preempt a running network thread; it runs when that thread waits or its slice ends. Queued
// work then runs in one go: with the network thread and the storage reader sharing a core, a
// connection storm went from two context switches per authentication to a few per batch
// (idle scenario: 10–35% more connections per second, 20–30% less server CPU per connection).
void yield_to_network_threads();

// Nice 19: for background work that may wait. Password hashing no longer uses it: beside two
// busy processes a login then took 6–15 s. It gets what the other threads
// leave, and a waking network thread takes the core from it within about a millisecond (the
// login-storm scenario: the chat's p99 about ×2 on a shared, busy core). Not SCHED_IDLE: that
// yields to every process on the machine, and with a compiler or another busy service beside
// hearthd, registrations waited over 30 s.
void run_at_lowest_priority();

}  // namespace hearth::storage::thread_role
