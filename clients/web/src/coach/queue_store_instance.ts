// One queue store per connection, started on the coach area's first visit and kept running
// afterwards, so crisis alerts keep arriving while the coach is elsewhere in the app. Logout and
// quick exit empty it (onWipe): the next person on this device sees nothing of the queue.
import { onWipe } from "../accounts/local_data";
import type { Connection } from "../net";
import { QueueStore } from "./queue_store";

const stores = new WeakMap<Connection, QueueStore>();

export function queueStoreFor(connection: Connection): QueueStore {
  let store = stores.get(connection);
  if (!store) {
    const created = new QueueStore(connection);
    created.start();
    const unregister = onWipe(() => {
      created.stop();
      stores.delete(connection);
      unregister();
    });
    stores.set(connection, created);
    store = created;
  }
  return store;
}
